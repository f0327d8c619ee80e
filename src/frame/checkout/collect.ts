/**
 * The customer details the checkout collects besides the card (seed 004, "Collect billing address,
 * shipping details, and customer email"): which fields a session asks for, which of the form kit's
 * rules each runs, and the `AdditionalInfo` they become. Pure: no DOM.
 */
import type { AdditionalInfo, Address } from '../../protocol/card.js';
import type { FrameSession } from '../../protocol/checkout.js';
import { NO_POSTCODE_COUNTRIES, numericCountryCode } from './countries.js';
import { EN_SHARED } from '../i18n/index.js';
import { firstError } from '../form/validators.js';
import { countryRequired, emailInvalid, postcodeRequired, required, tooLong, type DetailsErrorType, type DetailsRule } from '../form/details-rules.js';

export type CollectedSection = 'contact' | 'shipping' | 'billing';

export const COLLECTED_FIELDS = [
  'email',
  'shippingName',
  'shippingAddress1',
  'shippingAddress2',
  'shippingCity',
  'shippingPostcode',
  'shippingCountry',
  'billingAddress1',
  'billingAddress2',
  'billingCity',
  'billingPostcode',
  'billingCountry',
] as const;
export type CollectedField = (typeof COLLECTED_FIELDS)[number];

/** What the customer typed, by field; absent and empty mean the same. */
export type CollectedValues = Partial<Record<CollectedField, string>>;

export type CollectedErrorType = DetailsErrorType;

export const COLLECTED_ERROR_MESSAGES: Readonly<Record<CollectedErrorType, string>> = EN_SHARED.collectedErrors;

export interface CollectedFieldDefinition {
  field: CollectedField;
  section: CollectedSection;
  /** Element id; unique beside the card fields' ids. */
  id: string;
  /** The dictionary key of its label. */
  label: 'email' | 'fullName' | 'address1' | 'address2' | 'city' | 'postcode' | 'country';
  autocomplete: string;
  kind: 'text' | 'email' | 'country';
  /** Whether the field must be filled; the postcode depends on the country (see `postcodeRequired`). */
  required: boolean;
  maxLength: number;
  /** Its checks, in the order they are tried. */
  rules: readonly DetailsRule[];
}

const address = (section: 'shipping' | 'billing'): CollectedFieldDefinition[] => {
  const f = (suffix: 'Address1' | 'Address2' | 'City' | 'Postcode' | 'Country') => `${section}${suffix}` as CollectedField;
  return [
    {
      field: f('Address1'),
      section,
      id: `${section}-address1`,
      label: 'address1',
      autocomplete: `${section} address-line1`,
      kind: 'text',
      required: true,
      maxLength: 100,
      rules: [required('address1Required'), tooLong],
    },
    {
      field: f('Address2'),
      section,
      id: `${section}-address2`,
      label: 'address2',
      autocomplete: `${section} address-line2`,
      kind: 'text',
      required: false,
      maxLength: 100,
      rules: [tooLong],
    },
    {
      field: f('City'),
      section,
      id: `${section}-city`,
      label: 'city',
      autocomplete: `${section} address-level2`,
      kind: 'text',
      required: true,
      maxLength: 100,
      rules: [required('cityRequired'), tooLong],
    },
    {
      field: f('Postcode'),
      section,
      id: `${section}-postcode`,
      label: 'postcode',
      autocomplete: `${section} postal-code`,
      kind: 'text',
      required: true,
      maxLength: 20,
      rules: [postcodeRequired, tooLong],
    },
    {
      field: f('Country'),
      section,
      id: `${section}-country`,
      label: 'country',
      autocomplete: `${section} country`,
      kind: 'country',
      required: true,
      maxLength: 2,
      rules: [countryRequired],
    },
  ];
};

/** The fields a session asks for, in display order: contact, shipping, then billing (after the card). */
export function collectedFields(collect: FrameSession['collect']): CollectedFieldDefinition[] {
  return [
    ...(collect?.email
      ? [
          {
            field: 'email',
            section: 'contact',
            id: 'email',
            label: 'email',
            autocomplete: 'email',
            kind: 'email',
            required: true,
            maxLength: 254,
            rules: [required('emailRequired'), tooLong, emailInvalid],
          } as const,
        ]
      : []),
    ...(collect?.shipping_address
      ? [
          {
            field: 'shippingName',
            section: 'shipping',
            id: 'shipping-name',
            label: 'fullName',
            autocomplete: 'shipping name',
            kind: 'text',
            required: true,
            maxLength: 100,
            rules: [required('nameRequired'), tooLong],
          } as const,
          ...address('shipping'),
        ]
      : []),
    ...(collect?.billing_address ? address('billing') : []),
  ];
}

const value = (values: CollectedValues, field: CollectedField): string => (values[field] ?? '').trim();
const isCountry = (code: string) => numericCountryCode(code) !== undefined;

/** The error of one field, or `null`. */
export function validateCollectedField(definition: CollectedFieldDefinition, values: CollectedValues): CollectedErrorType | null {
  return firstError(definition.rules, value(values, definition.field), {
    maxLength: definition.maxLength,
    country: value(values, definition.section === 'billing' ? 'billingCountry' : 'shippingCountry'),
    knownCountry: isCountry,
    noPostcode: NO_POSTCODE_COUNTRIES,
  });
}

/** Every field's error (only fields with one), in display order. */
export function validateCollected(
  definitions: readonly CollectedFieldDefinition[],
  values: CollectedValues,
): Partial<Record<CollectedField, CollectedErrorType>> {
  const errors: Partial<Record<CollectedField, CollectedErrorType>> = {};
  for (const definition of definitions) {
    const error = validateCollectedField(definition, values);
    if (error) errors[definition.field] = error;
  }
  return errors;
}

function addressOf(values: CollectedValues, section: 'shipping' | 'billing'): Address {
  const out: Address = {};
  const put = (key: 'address1' | 'address2' | 'city' | 'postcode', field: CollectedField) => {
    const text = value(values, field);
    if (text) out[key] = text;
  };
  put('address1', `${section}Address1`);
  put('address2', `${section}Address2`);
  put('city', `${section}City`);
  put('postcode', `${section}Postcode`);
  const country = numericCountryCode(value(values, `${section}Country`));
  if (country) out.countryCode = country;
  return out;
}

/**
 * The `additionalInfo` of the payment (seed 004 shape) for the sections the session collects;
 * `undefined` when it collects nothing. Countries go out as ISO 3166-1 numeric codes.
 */
export function buildAdditionalInfo(collect: FrameSession['collect'], values: CollectedValues): AdditionalInfo | undefined {
  const info: AdditionalInfo = {};
  if (collect?.email) {
    const email = value(values, 'email');
    if (email) info.userEmailAddress = email;
  }
  if (collect?.billing_address) info.billingAddress = addressOf(values, 'billing');
  if (collect?.shipping_address) {
    const name = value(values, 'shippingName');
    info.shippingDetails = { ...(name ? { name } : {}), address: addressOf(values, 'shipping') };
  }
  return Object.keys(info).length > 0 ? info : undefined;
}
