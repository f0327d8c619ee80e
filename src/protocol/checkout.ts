/**
 * Bridge messages of the hosted checkout frame (`/frames/checkout`). The handshake and the
 * envelopes are those of messages.ts; this file adds the checkout's requests and events.
 */
import { array, boolean, literal, nullish, number, object, optional, picklist, string, type Infer } from './schema.js';
import { Declarations, Height, PAYMENT_TIMEOUT_LIMITS, ShortText, TransactionResultSchema, VisibilityAnswer, VisibilityQuery } from './messages.js';
import { CHECKOUT_VARIANTS } from './api.js';
import type { SessionStatus } from './outcome.js';
import type { PAYMENT_METHODS } from './sessions.js';

const Name = string({ pattern: /^[A-Za-z0-9]{1,40}$/ });
/**
 * A shown field error of the checkout. `field` is a card field (`cardNumber`, `expiryDate`,
 * `cv2`, `cardName`) or a collected one (`email`, `billingAddress1`, `shippingPostcode`, …);
 * `errorType` is the card's error type or the collected field's (`emailInvalid`, …).
 */
const CheckoutValidationErrorSchema = object({ field: Name, errorType: Name, message: ShortText });
export type CheckoutValidationError = Infer<typeof CheckoutValidationErrorSchema>;

/** Configuration the host sends to the checkout frame. */
export interface CheckoutFrameConfig {
  clientToken: string;
  variant: (typeof CHECKOUT_VARIANTS)[number];
  /** Sanitized `--moment-*` values read from the element. */
  themeVariables: Record<string, string>;
  locale: string;
  /** Inline checkouts paid from an outside button hide their own pay button. */
  hidePayButton: boolean;
  /** The budget of one payment request in ms (`payment-timeout`); default 30 s. */
  paymentTimeout?: number;
}

export const checkoutRequestParams = {
  configure: object({
    clientToken: string({ max: 8192 }),
    variant: picklist(CHECKOUT_VARIANTS),
    themeVariables: Declarations,
    locale: string({ max: 35 }),
    hidePayButton: boolean(),
    paymentTimeout: optional(number({ integer: true, ...PAYMENT_TIMEOUT_LIMITS })),
  }),
  /** Pays with what the customer entered (the inline variant's external pay button). */
  submit: object({}),
  /** The host's answer to the frame's `visibility-query`. */
  visibility: VisibilityAnswer,
} as const;

export const checkoutRequestResults = {
  configure: object({ height: Height }),
  /** `null` once the attempt has started; outcomes arrive as events. */
  submit: literal(null),
  visibility: literal(null),
} as const;

export const checkoutRequests = {
  configure: { params: checkoutRequestParams.configure, result: checkoutRequestResults.configure },
  submit: { params: checkoutRequestParams.submit, result: checkoutRequestResults.submit },
  visibility: { params: checkoutRequestParams.visibility, result: checkoutRequestResults.visibility },
} as const;

/** How a checkout attempt or session ended, as the frame reports it. */
export const CHECKOUT_OUTCOMES = ['success', 'failure', 'attempt-failed', 'expired', 'cancel', 'unknown'] as const;
export type CheckoutOutcome = (typeof CHECKOUT_OUTCOMES)[number];

export const checkoutEvents = {
  resize: object({ height: Height }),
  /**
   * A payment attempt or the session ended. `result` is present when a transaction was tried.
   * `cancel` with a `result` (`result.cancelled === true`) is a 3-D Secure challenge the customer
   * cancelled in the frame: the checkout stays open for another try. `cancel` without a `result`
   * is a cancelled session: the checkout has ended. `unknown`: a payment request lost its answer
   * and neither the payment nor the session could be read; paying again cannot charge twice.
   */
  outcome: object({
    outcome: picklist(CHECKOUT_OUTCOMES),
    sessionId: string({ max: 64 }),
    message: ShortText,
    result: optional(TransactionResultSchema),
  }),
  /**
   * The payment needs a full-page redirect (3-D Secure in redirect mode). The host navigates the
   * top window only to a URL on the frames origin.
   */
  redirect: object({ url: string({ max: 4096 }) }),
  /** The frame could not show the checkout (e.g. the session cannot be read). */
  error: object({ message: ShortText }),
  /**
   * The errors now shown on the checkout's fields (card and collected), in page order; sent
   * whenever that list changes and on every pay attempt with errors. An empty list: all clear.
   */
  'validation-error': object({ errors: array(CheckoutValidationErrorSchema, 40) }),
  /** A click on Pay (or the wallet's): the host answers whether the checkout is seen there (`visibility`). */
  'visibility-query': VisibilityQuery,
  /** Escape pressed in the frame and not used there (a native select, a 3-D Secure challenge). */
  escape: object({}),
} as const;
export type CheckoutEventName = keyof typeof checkoutEvents;
export type CheckoutEventDetail<E extends CheckoutEventName> = Infer<(typeof checkoutEvents)[E]>;

/**
 * Limits of the order summary's lines (seed 004 `itemLines` / `taxLines`), in one place: the sandbox
 * refuses a session past them with a 400, and the checkout frame reads lines within them.
 */
export const CHECKOUT_LINE_LIMITS = {
  itemLines: 100,
  taxLines: 20,
  id: 100,
  caption: 200,
  subCaption: 100,
  maxQuantity: 10_000,
  /** The largest amount in minor units, for a line as for the session. */
  maxAmount: 99_999_999,
} as const;

/** A line of the order summary as the checkout frame reads it (`GET /v1/session`). */
export const CheckoutLineSchema = object({
  id: string({ min: 1, max: CHECKOUT_LINE_LIMITS.id }),
  caption: string({ min: 1, max: CHECKOUT_LINE_LIMITS.caption }),
  quantity: nullish(number({ integer: true, min: 1, max: CHECKOUT_LINE_LIMITS.maxQuantity })),
  subCaption: nullish(string({ min: 1, max: CHECKOUT_LINE_LIMITS.subCaption })),
  amountTotal: object({
    value: number({ integer: true, min: 0, max: CHECKOUT_LINE_LIMITS.maxAmount }),
    currencyCode: string({ pattern: /^[A-Z]{3}$/ }),
  }),
});

/** A line of the order summary (seed 004 `itemLines` / `taxLines`); `amountTotal` is the whole line's amount. */
export interface CheckoutLine {
  id: string;
  caption: string;
  /** Item lines only. */
  quantity?: number;
  /** Tax lines only, e.g. `10%`. */
  subCaption?: string;
  amountTotal: { value: number; currencyCode: string };
}

/** The frame's view of its session: `GET /v1/session` on the frames origin (Bearer client token). */
export interface FrameSession {
  id: string;
  status: SessionStatus;
  amount: number;
  currency: string;
  variant: (typeof CHECKOUT_VARIANTS)[number];
  expires_at: string;
  success_url: string | null;
  /** The checkout's heading (seed 004 `config.title`; the product's `title`). */
  title?: string;
  /**
   * Order lines in seed 004's shape (`itemLines`); the product's `line_items` (unit price ×
   * quantity) arrive converted to it. Their amounts are shown, and need not add up to `amount`.
   */
  itemLines?: CheckoutLine[];
  /** Taxes and fees in seed 004's shape (`taxLines`, with an optional `subCaption` such as `10%`). */
  taxLines?: CheckoutLine[];
  /** Seed 004 `config.details.showTotal`: show a "Total due" row (the session's amount). */
  showTotal?: boolean;
  /** Seed 004 `paymentMethods`; `Card` when not given. */
  paymentMethods?: (typeof PAYMENT_METHODS)[number][];
  /** Where a customer who cancels a checkout that left the merchant's page returns. */
  cancel_url?: string | null;
  collect?: { email?: boolean | null; billing_address?: boolean | null; shipping_address?: boolean | null };
  /**
   * Exact origins allowed to host the session's frames; `null` for a session created without
   * them (test keys only). The frames refuse any other page with `origin_not_allowed`.
   */
  allowed_origins?: string[] | null;
}
