/** Validation messages, looked up apart from the checks (Lion style): the merchant's, else the dictionary's. */
import type { ErrorMessages, ValidationErrorType } from '../../protocol/card.js';
import { EN_CARD } from '../i18n/index.js';

export const DEFAULT_ERROR_MESSAGES: Readonly<Record<ValidationErrorType, string>> = EN_CARD.cardErrors;

/** The message for an error type: the merchant's override when it is not blank, else the locale's default. */
export function errorMessage(type: ValidationErrorType, overrides: ErrorMessages = {}, defaults: Readonly<Record<ValidationErrorType, string>> = DEFAULT_ERROR_MESSAGES): string {
  const custom = Object.hasOwn(overrides, type) ? overrides[type] : undefined;
  return typeof custom === 'string' && custom.trim() !== '' ? custom : defaults[type];
}
