/**
 * Card domain types shared by the host realm and the frame realm.
 * Names follow the provider's documentation: `cv2`, `expiryDate`, `statusCode`, ...
 * Nothing here ever carries a card number, expiry or security code.
 */

/** The fields of the card frame, named as in the provider's `styles` and `text` configs. */
export const CARD_FIELDS = ['cardNumber', 'expiryDate', 'cv2', 'cardName'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** The nine validation error types of the card component. */
export const VALIDATION_ERROR_TYPES = [
  'cardNameRequired',
  'cardNameInvalid',
  'cardNumberRequired',
  'cardNumberInvalid',
  'expiryDateRequired',
  'expiryDateInvalid',
  'expiryDateMustBeInFuture',
  'cv2Required',
  'cv2Invalid',
] as const;
export type ValidationErrorType = (typeof VALIDATION_ERROR_TYPES)[number];

/** A validation error as the provider reports it, plus the field it belongs to. */
export interface ValidationError {
  errorType: ValidationErrorType;
  message: string;
  field: CardField;
}

/** Card brands the frame can detect (the `type` names of the `credit-card-type` package). */
export const CARD_BRANDS = [
  'unknown',
  'visa',
  'mastercard',
  'american-express',
  'discover',
  'diners-club',
  'jcb',
  'unionpay',
  'maestro',
  'mir',
  'elo',
  'hiper',
  'hipercard',
] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

import type { CustomerDetails } from './customer.js';
import type { SessionStatus } from './outcome.js';

/** Status codes of a transaction result (the documented "Status code"). */
export const STATUS_CODES = [0, 3, 4, 5, 20, 30, 400, 401, 404, 500] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** The outcome of `executePayment()`. */
export interface TransactionResult {
  /** 0 success, 3 authorizing, 4 referred, 5 declined, 20 duplicate, 30 failed, 400, 401, 404, 500. */
  statusCode: StatusCode;
  /** Set when the transaction was successful. */
  authCode?: string;
  /** A description of the status, fit to show the customer. */
  message: string;
  /** The provider's id of the payment attempt. */
  paymentId?: string;
  /**
   * The provider's error type when the payment API refused the request, e.g. `session_expired`
   * (the session ended: `payment-expired`), `invalid_token`, `session_closed`, `too_many_attempts`.
   */
  errorType?: string;
  /**
   * `true` when the customer cancelled the 3-D Secure challenge shown in the frame: nothing was
   * charged and the session stays open for another try. `statusCode` is still the provider's
   * (5); a host reports this as `payment-cancel` rather than as a decline.
   */
  cancelled?: true;
  /**
   * What the customer gave with this payment (email, phone, billing and shipping addresses: typed
   * in the checkout or the wallet sheet, or passed as `additionalInfo`), as the provider stored it.
   * Never card data.
   */
  customerDetails?: CustomerDetails;
  /**
   * The payment session's status after this attempt, when the provider says it: `failed` after a
   * decline means the attempt used up the session's last try, so the outcome is final
   * (`payment-failure`), not another `payment-attempt-failed`.
   */
  sessionStatus?: SessionStatus;
}

/** CSS declarations as JavaScript CSS properties, e.g. `{ fontSize: '16px' }`. */
export type CssDeclarations = Record<string, string>;

/** Styles of one field in each of its states (the documented "Field style"). */
export interface FieldStyle {
  default?: CssDeclarations;
  focus?: CssDeclarations;
  error?: CssDeclarations;
  valid?: CssDeclarations;
  errorFocus?: CssDeclarations;
  validFocus?: CssDeclarations;
  container?: CssDeclarations;
  label?: CssDeclarations;
  validationText?: CssDeclarations;
  validationIcon?: CssDeclarations;
}
export const FIELD_STYLE_STATES = [
  'default',
  'focus',
  'error',
  'valid',
  'errorFocus',
  'validFocus',
  'container',
  'label',
  'validationText',
  'validationIcon',
] as const satisfies readonly (keyof FieldStyle)[];

/** The `styles` config of the card component (the documented "Styles configuration"). */
export interface CardStyles {
  base?: FieldStyle;
  cardNumber?: FieldStyle;
  expiryDate?: FieldStyle;
  cv2?: FieldStyle;
  cardName?: FieldStyle;
  cardIcon?: CssDeclarations;
  form?: CssDeclarations;
}

/** Text overrides of one field (the documented "Field text"). */
export interface FieldText {
  label?: string;
  placeholder?: string;
  showValidation?: boolean;
}

/** The `text` config of the card component. */
export type CardText = Partial<Record<CardField, FieldText>>;

/** The `errorMessages` config: custom messages per validation error type. */
export type ErrorMessages = Partial<Record<ValidationErrorType, string>>;

export type { Address, ShippingDetails, AdditionalInfo, CustomerDetails } from './customer.js';

/** Masked state of one field: never its value. */
export interface FieldState {
  empty: boolean;
  complete: boolean;
  valid: boolean;
}

/** Masked state of the whole card form, sent on every change. */
export interface CardChange {
  brand: CardBrand;
  empty: boolean;
  complete: boolean;
  valid: boolean;
  fields: Partial<Record<CardField, FieldState>>;
}

/**
 * Theme variables the host reads from the element's computed style and forwards into the frame.
 * Values pass the same filter as `styles` before they are applied.
 */
export const THEME_VARIABLES = [
  '--moment-font-family',
  '--moment-font-size',
  '--moment-font-weight',
  '--moment-color-text',
  '--moment-color-label',
  '--moment-color-placeholder',
  '--moment-color-background',
  '--moment-color-border',
  '--moment-color-primary',
  '--moment-color-danger',
  '--moment-color-success',
  '--moment-border-radius',
  '--moment-border-width',
  '--moment-spacing',
  '--moment-input-padding',
  '--moment-input-height',
] as const;
export type ThemeVariable = (typeof THEME_VARIABLES)[number];
