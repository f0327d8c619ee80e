/**
 * The DOM events of the elements: one detail type per event, all `bubbles` and `composed`, all
 * registered in `GlobalEventHandlersEventMap` so listeners type-check.
 */
import type { CardChange, CardField, TransactionResult, ValidationError } from '../protocol/card.js';
import type { WalletAvailability, WalletKind } from '../protocol/wallet.js';
import type { ConfigError } from './keys.js';

/** Detail of `load-error`. */
export interface LoadErrorDetail {
  code: ConfigError['code'] | 'timeout' | 'frame_error';
  message: string;
}

/** Detail of `ready`. */
export interface ReadyDetail {
  /** Content height of the frame in CSS pixels. */
  height: number;
}

/** Detail of `payment-failure` when no transaction result exists (e.g. the frame was removed). */
export interface PaymentProblem {
  message: string;
  code?: string;
}

/** An outcome of `<moment-checkout>` / `Moment().checkout()`: passed to the callbacks and the events. */
export interface CheckoutResult {
  sessionId: string;
  /** The session status, when it was read from the merchant's status endpoint (redirect return). */
  status?: string;
  statusCode?: TransactionResult['statusCode'];
  authCode?: string;
  message: string;
  paymentId?: string;
  /** The whole answer of `fetchSessionStatus`, on a redirect return. */
  session?: Record<string, unknown>;
}

/** Detail of `checkout-open`. */
export interface CheckoutOpenDetail {
  variant: 'modal' | 'inline';
  checkoutUrl: string;
}

/** Detail of `checkout-error`. */
export interface CheckoutErrorDetail {
  code: string;
  message: string;
}

/** Outcome events carry a card transaction result or a checkout result. */
export type OutcomeDetail = TransactionResult | CheckoutResult;

/** Detail of `wallet-availability`: whether any wallet can pay in this browser, and which. */
export type WalletAvailabilityDetail = WalletAvailability;

/** Detail of `payment-initiated`: the customer pressed the wallet button. */
export interface PaymentInitiatedDetail {
  wallet: WalletKind;
}

/** Every event the elements fire, by name, with its detail. */
export interface MomentEventDetails {
  ready: ReadyDetail;
  'load-error': LoadErrorDetail;
  change: CardChange;
  'validation-error': { errors: ValidationError[] };
  'field-valid': { field: CardField };
  'form-complete': Record<string, never>;
  'field-focus': { field: CardField };
  'field-blur': { field: CardField; formValid: boolean };
  'submit-request': Record<string, never>;
  'payment-success': OutcomeDetail;
  'payment-failure': OutcomeDetail | PaymentProblem;
  'payment-attempt-failed': OutcomeDetail;
  'payment-cancel': { sessionId?: string };
  'payment-expired': PaymentProblem | CheckoutResult;
  'checkout-open': CheckoutOpenDetail;
  'checkout-close': Record<string, never>;
  'checkout-error': CheckoutErrorDetail;
  'wallet-availability': WalletAvailabilityDetail;
  'payment-initiated': PaymentInitiatedDetail;
}
export type MomentEventName = keyof MomentEventDetails;

/** Fires a typed, bubbling, composed event from an element. */
export function emit<E extends MomentEventName>(target: EventTarget, name: E, detail: MomentEventDetails[E]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    ready: CustomEvent<ReadyDetail>;
    'load-error': CustomEvent<LoadErrorDetail>;
    'validation-error': CustomEvent<{ errors: ValidationError[] }>;
    'field-valid': CustomEvent<{ field: CardField }>;
    'form-complete': CustomEvent<Record<string, never>>;
    'field-focus': CustomEvent<{ field: CardField }>;
    'field-blur': CustomEvent<{ field: CardField; formValid: boolean }>;
    'submit-request': CustomEvent<Record<string, never>>;
    'payment-success': CustomEvent<OutcomeDetail>;
    'payment-failure': CustomEvent<OutcomeDetail | PaymentProblem>;
    'payment-attempt-failed': CustomEvent<OutcomeDetail>;
    'payment-cancel': CustomEvent<{ sessionId?: string }>;
    'payment-expired': CustomEvent<PaymentProblem | CheckoutResult>;
    'checkout-open': CustomEvent<CheckoutOpenDetail>;
    'checkout-close': CustomEvent<Record<string, never>>;
    'checkout-error': CustomEvent<CheckoutErrorDetail>;
    'wallet-availability': CustomEvent<WalletAvailabilityDetail>;
    'payment-initiated': CustomEvent<PaymentInitiatedDetail>;
  }
}
