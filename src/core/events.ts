/**
 * The DOM events of the elements, declared once: each element's event map (event name → detail)
 * below is the source of `emit()`'s checks, the elements' typed `addEventListener`, the
 * `GlobalEventHandlersEventMap` entries, the React event props and the framework types. All events
 * are `bubbles` and `composed`.
 */
import type { CardChange, CardField, TransactionResult, ValidationError } from '../protocol/card.js';
import type { CustomerDetails } from '../protocol/customer.js';
import type { WalletAvailability, WalletKind } from '../protocol/wallet.js';
import type { CheckoutValidationError } from '../protocol/checkout.js';
import type { CheckoutVariant } from '../protocol/api.js';
import type { ConfigError } from './keys.js';

/** Detail of `load-error`. */
export interface LoadErrorDetail {
  code:
    | ConfigError['code']
    | 'timeout'
    | 'frame_error'
    | 'frame_not_started'
    | 'frames_unreachable'
    | 'frames_unavailable'
    | 'origin_not_allowed'
    | 'session_mismatch';
  message: string;
  /** `frames_unavailable`: the HTTP status the frames origin answered its health check with. */
  status?: number;
}

/** Detail of `ready`. */
export interface ReadyDetail {
  /** Content height of the frame in CSS pixels. */
  height: number;
}

/** Detail of `payment-failure` when no transaction result exists (e.g. the frame was removed), and of `payment-expired` on the card and wallet. */
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
  /** What the customer gave with the payment (email, phone, billing and shipping addresses): never card data. */
  customerDetails?: CustomerDetails;
  /** The session's status after an attempt in the checkout, when known: `failed` on the attempt that used up its last try. */
  sessionStatus?: TransactionResult['sessionStatus'];
  /** The whole answer of `fetchSessionStatus`, on a redirect return. */
  session?: Record<string, unknown>;
  /**
   * On a redirect return (`?session_id=`): whether a page in this tab launched that session.
   * `false` for a link someone else made or a session from elsewhere: check the session on your
   * server before treating it as this cart's payment.
   */
  launchedHere?: boolean;
}

/** Detail of `checkout-open`. */
export interface CheckoutOpenDetail {
  /** `modal` or `inline` in the page; `hosted` when the page is about to leave for the provider's checkout page. */
  variant: CheckoutVariant | 'hosted';
  /** The session's checkout page (token in the fragment): what a redirect or a mobile WebView opens. */
  checkoutUrl: string;
}

/** Detail of `checkout-error`. */
export interface CheckoutErrorDetail {
  code: string;
  message: string;
}

/** Detail of `validation-error`: the validation errors now shown. */
export interface ValidationErrorDetail {
  errors: ValidationError[];
}

/** Detail of `field-valid` and `field-focus`. */
export interface FieldDetail {
  field: CardField;
}

/** Detail of `field-blur`. */
export interface FieldBlurDetail {
  field: CardField;
  /** Whether the whole form is valid. */
  formValid: boolean;
}

/** Detail of events that carry nothing (`form-complete`, `submit-request`, `checkout-close`, the wallet's `payment-cancel`). */
export type EmptyDetail = Record<string, never>;

/** Outcome events carry a card transaction result or a checkout result. */
export type OutcomeDetail = TransactionResult | CheckoutResult;

/** Detail of `wallet-availability`: whether any wallet can pay in this browser, and which. */
export type WalletAvailabilityDetail = WalletAvailability;

/** Detail of `payment-initiated`: the customer pressed the wallet button. */
export interface PaymentInitiatedDetail {
  wallet: WalletKind;
}

/** The events of `<card-component>`, by name, with their detail. */
export interface CardComponentEventMap {
  ready: ReadyDetail;
  'load-error': LoadErrorDetail;
  change: CardChange;
  'validation-error': ValidationErrorDetail;
  'field-valid': FieldDetail;
  'form-complete': EmptyDetail;
  'field-focus': FieldDetail;
  'field-blur': FieldBlurDetail;
  'submit-request': EmptyDetail;
  'payment-success': TransactionResult;
  'payment-attempt-failed': TransactionResult;
  'payment-failure': TransactionResult | PaymentProblem;
  'payment-cancel': TransactionResult;
  'payment-expired': PaymentProblem;
  'payment-unknown': PaymentProblem;
}

/** The events of `<wallet-button>`, by name, with their detail. */
export interface WalletButtonEventMap {
  ready: ReadyDetail;
  'load-error': LoadErrorDetail;
  'wallet-availability': WalletAvailabilityDetail;
  'payment-initiated': PaymentInitiatedDetail;
  'payment-cancel': EmptyDetail;
  'payment-success': TransactionResult;
  'payment-attempt-failed': TransactionResult;
  'payment-failure': TransactionResult | PaymentProblem;
  'payment-expired': PaymentProblem;
  'payment-unknown': PaymentProblem;
}

/** Detail of `validation-error` on `<moment-checkout>`: the errors shown on the checkout's fields, in page order. */
export interface CheckoutValidationErrorDetail {
  errors: CheckoutValidationError[];
}

/** The events of `<moment-checkout>`, by name, with their detail. */
export interface MomentCheckoutEventMap {
  'checkout-open': CheckoutOpenDetail;
  'checkout-close': EmptyDetail;
  'checkout-error': CheckoutErrorDetail;
  'validation-error': CheckoutValidationErrorDetail;
  'payment-success': CheckoutResult;
  'payment-failure': CheckoutResult;
  'payment-attempt-failed': CheckoutResult;
  'payment-cancel': CheckoutResult;
  'payment-expired': CheckoutResult;
  'payment-unknown': CheckoutResult;
}

/** Each element's event map by tag name. */
export interface MomentElementEventMaps {
  'card-component': CardComponentEventMap;
  'wallet-button': WalletButtonEventMap;
  'moment-checkout': MomentCheckoutEventMap;
}

type AnyEventMap = MomentElementEventMaps[keyof MomentElementEventMaps];
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type DetailIn<M, K extends PropertyKey> = M extends Record<K, infer D> ? D : never;

/** Every event any element fires, with the union of its details across elements. */
export type MomentEventDetails = { [K in KeysOfUnion<AnyEventMap>]: DetailIn<AnyEventMap, K> };
export type MomentEventName = keyof MomentEventDetails;

/** An event map as `CustomEvent`s. */
export type CustomEventMap<M> = { [K in keyof M]: CustomEvent<M[K]> };

/** What `addEventListener` of an element with event map `M` knows: the element's events and HTMLElement's. */
export type ElementEventMap<M> = Omit<HTMLElementEventMap, keyof M> & CustomEventMap<M>;

/**
 * Type-only key under which an element declares its event map (never set at run time), so
 * `emit(this, …)` checks the event name and detail against that element's map.
 */
export declare const eventMap: unique symbol;

/** Fires a typed, bubbling, composed event from an element: the name and detail must be in the element's event map. */
export function emit<M = MomentEventDetails, K extends keyof M & string = keyof M & string>(
  target: EventTarget & { readonly [eventMap]?: M },
  name: K,
  detail: M[K],
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/**
 * `change` is left out: the DOM already types it as `Event` for every element, so
 * `<card-component>` types it with its own `addEventListener` overloads instead.
 */
type GlobalMomentEvents = CustomEventMap<Omit<MomentEventDetails, 'change'>>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends GlobalMomentEvents {}
}
