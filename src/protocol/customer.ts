/**
 * What a customer gives with a payment — email, phone, billing and shipping addresses — and the
 * merchant's `metaData`, in the documented shapes ("Additional information", "Address", "Shipping
 * details"). Declared once: the host checks `executePayment(additionalInfo)` with it before it
 * sends anything, the card and checkout frames check the bridge message with it, and the sandbox
 * checks the payment request with it, so a value one accepts is never refused by another.
 *
 * The objects are strict: a key that is not a documented one (a misspelt `userEmail`, say) is refused
 * with its name, never dropped in silence. Card data has no place here.
 */
import { check, partial, record, string, type Infer, type Issue } from './schema.js';

/** Limits of every customer-detail field, in characters (keys: field names). */
export const CUSTOMER_LIMITS = {
  userEmailAddress: 254,
  userPhoneNumber: 40,
  name: 100,
  address1: 100,
  address2: 100,
  address3: 100,
  address4: 100,
  city: 100,
  state: 100,
  postcode: 20,
  countryCode: 3,
  metaDataKey: 40,
  metaDataValue: 500,
  /** Keys in one `metaData` (and in a session's merged `metadata`). */
  metaDataKeys: 50,
} as const;

const text = (field: keyof typeof CUSTOMER_LIMITS) => string({ max: CUSTOMER_LIMITS[field] });

/** A postal address (the documented "Address"); `countryCode` is ISO 3166-1, e.g. `826` or `GB`. */
export const AddressSchema = partial(
  {
    address1: text('address1'),
    address2: text('address2'),
    address3: text('address3'),
    address4: text('address4'),
    city: text('city'),
    state: text('state'),
    postcode: text('postcode'),
    countryCode: string({ max: CUSTOMER_LIMITS.countryCode, pattern: /^[A-Za-z0-9]{2,3}$/ }),
  },
  true,
);

/** Shipping details (the documented "Shipping details"). */
export const ShippingDetailsSchema = partial({ name: text('name'), address: AddressSchema }, true);

/** Merchant metadata: string values only (the documented rule: "other types aren't supported"). */
export const MetaDataSchema = check(
  record(string({ min: 1, max: CUSTOMER_LIMITS.metaDataKey }), string({ max: CUSTOMER_LIMITS.metaDataValue })),
  (r) => Object.keys(r).length <= CUSTOMER_LIMITS.metaDataKeys,
  'too-many-keys',
);

const Email = string({ max: CUSTOMER_LIMITS.userEmailAddress, pattern: /^(?:[^\s@]+@[^\s@]+\.[^\s@]+)?$/ });

/** What the customer gave, as the merchant reads it back (session, webhook, outcome): no card data. */
export const CustomerDetailsSchema = partial(
  {
    userEmailAddress: Email,
    userPhoneNumber: text('userPhoneNumber'),
    billingAddress: AddressSchema,
    shippingDetails: ShippingDetailsSchema,
  },
  true,
);

/** The optional argument of `executePayment()` (the documented "Additional information"). */
export const AdditionalInfoSchema = partial({ ...CustomerDetailsSchema.entries, metaData: MetaDataSchema }, true);

export type Address = Infer<typeof AddressSchema>;
export type ShippingDetails = Infer<typeof ShippingDetailsSchema>;
export type CustomerDetails = Infer<typeof CustomerDetailsSchema>;
export type AdditionalInfo = Infer<typeof AdditionalInfoSchema>;

/** The customer details in an `AdditionalInfo` (everything but `metaData`); `undefined` when none. */
export function customerDetailsOf(info: AdditionalInfo | undefined | null): CustomerDetails | undefined {
  if (!info) return undefined;
  const { metaData: _metaData, ...details } = info;
  return Object.values(details).some((v) => v !== undefined) ? details : undefined;
}

/** Merges details given later over earlier ones, field by field (the documented rule: "will override"). */
export function mergeCustomerDetails(earlier: CustomerDetails | undefined | null, later: CustomerDetails | undefined | null): CustomerDetails | undefined {
  if (!earlier) return later ?? undefined;
  if (!later) return earlier;
  const merged: CustomerDetails = { ...earlier };
  for (const [key, value] of Object.entries(later) as [keyof CustomerDetails, CustomerDetails[keyof CustomerDetails]][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/**
 * A refused customer-detail value as a sentence for a developer: `additionalInfo.billingAddress.postcode
 * must be at most 20 characters`. `prefix` names where the object sat.
 */
export function describeCustomerIssue(issue: Issue, prefix: string): { param: string; message: string } {
  const param = [prefix, ...issue.path].filter((p) => p !== '').join('.');
  const last = issue.path[issue.path.length - 1];
  let predicate: string;
  switch (issue.message) {
    case 'unknown':
      predicate =
        'is not a known field (see "Additional information": userEmailAddress, userPhoneNumber, billingAddress, shippingDetails, metaData; an address has address1–4, city, state, postcode, countryCode)';
      break;
    case 'object':
      predicate = 'must be an object';
      break;
    case 'too-many-keys':
      predicate = `must have at most ${CUSTOMER_LIMITS.metaDataKeys} keys`;
      break;
    case 'string': {
      const parent = issue.path[issue.path.length - 2];
      if (parent === 'metaData') predicate = `values must be strings of at most ${CUSTOMER_LIMITS.metaDataValue} characters`;
      else if (last === 'userEmailAddress') predicate = `must be an email address of at most ${CUSTOMER_LIMITS.userEmailAddress} characters`;
      else if (last === 'countryCode') predicate = 'must be an ISO 3166-1 country code (2 letters or 3 digits, e.g. 826)';
      else if (typeof last === 'string' && Object.hasOwn(CUSTOMER_LIMITS, last)) {
        predicate = `must be a string of at most ${CUSTOMER_LIMITS[last as keyof typeof CUSTOMER_LIMITS]} characters`;
      } else predicate = `keys must be 1 to ${CUSTOMER_LIMITS.metaDataKey} characters`;
      break;
    }
    default:
      predicate = 'is invalid';
  }
  return { param, message: `${param} ${predicate}` };
}
