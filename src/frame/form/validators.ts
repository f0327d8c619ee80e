/**
 * Every validation rule of the frames, in one shape: a small object with the error type it
 * reports and a pure `execute()` that is true when the value HAS that error. The card fields,
 * the checkout's collected fields and the wallet sheet run lists of these; messages live apart
 * (the locale dictionaries, by error type). Adding a rule is one object here and its test.
 */
import type { CardField, ValidationErrorType } from '../../protocol/card.js';
import { cardNumberProblem, checkCvv, type BrandInfo } from '../../protocol/card-rules.js';
import type { ExpiryParts } from '../card/format.js';

export interface Rule<V, C, T extends string = string> {
  type: T;
  /** True when `value` has this error. */
  execute(value: V, context: C): boolean;
}

/** The first rule `value` breaks, or `null`. */
export function firstError<V, C, T extends string>(rules: readonly Rule<V, C, T>[], value: V, context: C): T | null {
  for (const rule of rules) if (rule.execute(value, context)) return rule.type;
  return null;
}

// ----- card ---------------------------------------------------------------------------------

/** Parsed values of the card form. */
export interface CardModel {
  /** Digits only. */
  cardNumber: string;
  expiryDate: ExpiryParts;
  /** Digits only. */
  cv2: string;
  /** Trimmed. */
  cardName: string;
}

export interface ValidationContext {
  /** Brand detected from the card number (drives the expected length and security code length). */
  brand: BrandInfo | null;
  /** The current date (the expiry check is relative to it). */
  now: Date;
}

/** A card rule also names the field it belongs to. */
export interface Validator<F extends CardField = CardField> extends Rule<CardModel[F], ValidationContext, ValidationErrorType> {
  field: F;
}

type AnyValidator = { [F in CardField]: Validator<F> }[CardField];

/** Expiry dates further ahead than this many years are refused as mistyped. */
export const MAX_EXPIRY_YEARS_AHEAD = 20;
const NAME_MAX_LENGTH = 255;

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);

/** The Luhn checksum is a protocol card rule; re-exported under the frame's name. */
export { luhn } from '../../protocol/card-rules.js';

export const cardNumberRequired: Validator<'cardNumber'> = { type: 'cardNumberRequired', field: 'cardNumber', execute: (digits) => digits === '' };

/** The protocol's card number rule: one brand recognized, a length valid for it, the Luhn checksum unless the brand is exempt (UnionPay). */
export const cardNumberInvalid: Validator<'cardNumber'> = {
  type: 'cardNumberInvalid',
  field: 'cardNumber',
  execute: (digits, { brand }) => cardNumberProblem(digits, brand) !== undefined,
};

export const expiryDateRequired: Validator<'expiryDate'> = { type: 'expiryDateRequired', field: 'expiryDate', execute: (expiry) => expiry.empty };

export const expiryDateInvalid: Validator<'expiryDate'> = {
  type: 'expiryDateInvalid',
  field: 'expiryDate',
  execute: ({ month, year }, { now }) => month === null || year === null || month < 1 || month > 12 || year > now.getFullYear() + MAX_EXPIRY_YEARS_AHEAD,
};

/** A card is valid until the end of its expiry month, so the current month passes. */
export const expiryDateMustBeInFuture: Validator<'expiryDate'> = {
  type: 'expiryDateMustBeInFuture',
  field: 'expiryDate',
  execute: ({ month, year }, { now }) => month !== null && year !== null && monthIndex(year, month) < monthIndex(now.getFullYear(), now.getMonth() + 1),
};

export const cv2Required: Validator<'cv2'> = { type: 'cv2Required', field: 'cv2', execute: (cvv) => cvv === '' };

/** The protocol's security code rule: the detected brand's length (Amex 4, others 3); 3 or 4 while the brand is unknown. */
export const cv2Invalid: Validator<'cv2'> = {
  type: 'cv2Invalid',
  field: 'cv2',
  execute: (cvv, { brand }) => !checkCvv(cvv, brand),
};

export const cardNameRequired: Validator<'cardName'> = { type: 'cardNameRequired', field: 'cardName', execute: (name) => name === '' };

/** A name has a letter (digits alone are a card number typed in the wrong box) and is not too long. */
export const cardNameInvalid: Validator<'cardName'> = {
  type: 'cardNameInvalid',
  field: 'cardName',
  execute: (name) => name.length > NAME_MAX_LENGTH || !/\p{L}/u.test(name),
};

/** All card checks in the order they are tried: per field, "required" before "invalid". */
export const CARD_VALIDATORS: readonly AnyValidator[] = [
  cardNumberRequired,
  cardNumberInvalid,
  expiryDateRequired,
  expiryDateInvalid,
  expiryDateMustBeInFuture,
  cv2Required,
  cv2Invalid,
  cardNameRequired,
  cardNameInvalid,
];

/** The first error of a card field, or `null` when the field is valid. */
export function validateField<F extends CardField>(
  field: F,
  model: CardModel,
  context: ValidationContext,
  validators: readonly AnyValidator[] = CARD_VALIDATORS,
): ValidationErrorType | null {
  for (const validator of validators) {
    if (validator.field === field && (validator as Validator<F>).execute(model[field], context)) return validator.type;
  }
  return null;
}

// ----- customer details (checkout, wallet sheet) ---------------------------------------------
