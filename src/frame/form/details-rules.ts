/**
 * The rules of the customer details (email, names, addresses) that the checkout collects and the
 * sandbox wallet sheet asks for: the same rule shape as the card's (`./validators.ts`), kept apart
 * so that the card fields carry none of them.
 */
import type { Rule } from './validators.js';

/** Error types of the customer details; their messages are the dictionaries' `collectedErrors`. */
export type DetailsErrorType =
  'emailRequired' | 'emailInvalid' | 'nameRequired' | 'address1Required' | 'cityRequired' | 'postcodeRequired' | 'countryRequired' | 'tooLong';

export interface DetailsContext {
  maxLength: number;
  /** The country chosen beside this field (a postcode depends on it), as the form's codes. */
  country?: string;
  /** Whether a country code is one the form offers. */
  knownCountry?: (code: string) => boolean;
  /** Countries without postcodes, as the form's codes. */
  noPostcode?: ReadonlySet<string>;
}

/** A rule on a trimmed text value. */
export type DetailsRule = Rule<string, DetailsContext, DetailsErrorType>;

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Empty where a value is needed. */
export const required = (type: DetailsErrorType): DetailsRule => ({ type, execute: (text) => text === '' });

export const tooLong: DetailsRule = { type: 'tooLong', execute: (text, { maxLength }) => text.length > maxLength };

export const emailInvalid: DetailsRule = { type: 'emailInvalid', execute: (text) => text !== '' && !EMAIL.test(text) };

/** Empty, unless the chosen country has no postcodes. */
export const postcodeRequired: DetailsRule = {
  type: 'postcodeRequired',
  execute: (text, { country, noPostcode }) => text === '' && !noPostcode?.has(country ?? ''),
};

/** Empty or not one of the form's countries. */
export const countryRequired: DetailsRule = {
  type: 'countryRequired',
  execute: (code, { knownCountry }) => code === '' || (knownCountry !== undefined && !knownCountry(code)),
};
