/**
 * Validation as data: each check is a small object with the error type it reports, the field it
 * belongs to and a pure `execute()` that returns true when the value HAS that error. Messages
 * live apart (messages.ts). Checks run on parsed values, never on what the input shows.
 */
import cardValidator from 'card-validator';
import type { CardField, ValidationErrorType } from '../../protocol/card.js';
import type { BrandInfo } from './brands.js';
import type { ExpiryParts } from './format.js';

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
  /** Brand detected from the card number (drives the expected security code length). */
  brand: BrandInfo | null;
  /** The current date (the expiry check is relative to it). */
  now: Date;
}

export interface Validator<F extends CardField = CardField> {
  type: ValidationErrorType;
  field: F;
  /** True when `value` has this error. */
  execute(value: CardModel[F], context: ValidationContext): boolean;
}

type AnyValidator = { [F in CardField]: Validator<F> }[CardField];

/** Expiry dates further ahead than this many years are refused as mistyped. */
export const MAX_EXPIRY_YEARS_AHEAD = 20;

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);

export const cardNumberRequired: Validator<'cardNumber'> = {
  type: 'cardNumberRequired',
  field: 'cardNumber',
  execute: (digits) => digits === '',
};

/** Luhn check, brand recognized, length valid for the brand. */
export const cardNumberInvalid: Validator<'cardNumber'> = {
  type: 'cardNumberInvalid',
  field: 'cardNumber',
  execute: (digits) => !cardValidator.number(digits).isValid,
};

export const expiryDateRequired: Validator<'expiryDate'> = {
  type: 'expiryDateRequired',
  field: 'expiryDate',
  execute: (expiry) => expiry.empty,
};

export const expiryDateInvalid: Validator<'expiryDate'> = {
  type: 'expiryDateInvalid',
  field: 'expiryDate',
  execute: ({ month, year }, { now }) =>
    month === null || year === null || month < 1 || month > 12 || year > now.getFullYear() + MAX_EXPIRY_YEARS_AHEAD,
};

/** A card is valid until the end of its expiry month, so the current month passes. */
export const expiryDateMustBeInFuture: Validator<'expiryDate'> = {
  type: 'expiryDateMustBeInFuture',
  field: 'expiryDate',
  execute: ({ month, year }, { now }) =>
    month !== null && year !== null && monthIndex(year, month) < monthIndex(now.getFullYear(), now.getMonth() + 1),
};

export const cv2Required: Validator<'cv2'> = {
  type: 'cv2Required',
  field: 'cv2',
  execute: (cvv) => cvv === '',
};

/** Length must match the detected brand (Amex 4, others 3); 3 or 4 while the brand is unknown. */
export const cv2Invalid: Validator<'cv2'> = {
  type: 'cv2Invalid',
  field: 'cv2',
  execute: (cvv, { brand }) => !cardValidator.cvv(cvv, brand ? brand.cvvSize : [3, 4]).isValid,
};

export const cardNameRequired: Validator<'cardName'> = {
  type: 'cardNameRequired',
  field: 'cardName',
  execute: (name) => name === '',
};

/** card-validator refuses names made of digits (a card number typed in the wrong box) or too long. */
export const cardNameInvalid: Validator<'cardName'> = {
  type: 'cardNameInvalid',
  field: 'cardName',
  execute: (name) => !cardValidator.cardholderName(name).isValid || !/\p{L}/u.test(name),
};

/** All checks in the order they are tried: per field, "required" before "invalid". */
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

/** The first error of a field, or `null` when the field is valid. */
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

/** Whether a field holds as much as its format asks for (valid or not). */
export function isFieldComplete(field: CardField, model: CardModel, context: ValidationContext): boolean {
  switch (field) {
    case 'cardNumber':
      return context.brand !== null && context.brand.lengths.includes(model.cardNumber.length);
    case 'expiryDate':
      return model.expiryDate.month !== null && model.expiryDate.year !== null;
    case 'cv2':
      return context.brand ? model.cv2.length === context.brand.cvvSize : model.cv2.length >= 3;
    case 'cardName':
      return model.cardName !== '';
  }
}
