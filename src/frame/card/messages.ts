/** Default English validation messages, looked up apart from the checks (Lion style). */
import type { ErrorMessages, ValidationErrorType } from '../../protocol/card.js';

export const DEFAULT_ERROR_MESSAGES: Readonly<Record<ValidationErrorType, string>> = {
  cardNameRequired: 'Enter the name on the card.',
  cardNameInvalid: 'Enter the name as it appears on the card.',
  cardNumberRequired: 'Enter the card number.',
  cardNumberInvalid: 'Enter a valid card number.',
  expiryDateRequired: 'Enter the expiry date.',
  expiryDateInvalid: 'Enter a valid expiry date as MM/YY.',
  expiryDateMustBeInFuture: 'This card has expired. Check the expiry date.',
  cv2Required: 'Enter the security code.',
  cv2Invalid: 'Enter a valid security code.',
};

/** The message for an error type: the merchant's override when it is not blank, else the default. */
export function errorMessage(type: ValidationErrorType, overrides: ErrorMessages = {}): string {
  const custom = Object.hasOwn(overrides, type) ? overrides[type] : undefined;
  return typeof custom === 'string' && custom.trim() !== '' ? custom : DEFAULT_ERROR_MESSAGES[type];
}
