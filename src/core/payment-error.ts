import type { ValidationError } from '../protocol/card.js';
import { DEFAULT_PAYMENT_TIMEOUT, PAYMENT_TIMEOUT_LIMITS } from '../protocol/messages.js';
import { BridgeError } from '../protocol/port.js';

/**
 * Why `executePayment()` rejected. A declined card is not a rejection (it resolves with a
 * `TransactionResult`); these are the cases where no result exists.
 */
export class PaymentError extends Error {
  /**
   * The refused part of the call when `code` is `invalid_additional_info` (checked on the page) or
   * `invalid_parameters` (refused by the frame), e.g. `additionalInfo.billingAddress.postcode`.
   */
  readonly param?: string;

  constructor(
    /**
     * `network_error` / `timeout`: the provider confirmed it never got the payment (nothing was
     * charged; paying again is safe). `outcome_unknown`, `closed` and a `timeout` whose message
     * says so: the payment may have been taken; `paymentStatus()` tells, and paying again with
     * the same element can never charge twice.
     */
    readonly code:
      | 'validation_failed'
      | 'invalid_additional_info'
      /** The frame refused a parameter the element sent (`param` names it when known): nothing was sent on, nothing was charged. */
      | 'invalid_parameters'
      | 'not_ready'
      | 'expired'
      | 'closed'
      | 'timeout'
      | 'network_error'
      | 'outcome_unknown'
      | 'internal',
    message: string,
    /** The validation errors when `code` is `validation_failed`. */
    readonly errors: ValidationError[] = [],
    param?: string,
  ) {
    super(message);
    this.name = 'PaymentError';
    if (param !== undefined) this.param = param;
  }
}

/**
 * `payment-timeout` as the frames take it: whole milliseconds from 1 s to 2 min, sent only when not
 * the default. Anything else is said on the console and the default (30 s) applies.
 */
export function paymentTimeoutConfig(value: unknown, warn: (message: string) => void): { paymentTimeout?: number } {
  if (value === undefined || value === null || value === DEFAULT_PAYMENT_TIMEOUT) return {};
  if (typeof value === 'number' && Number.isInteger(value) && value >= PAYMENT_TIMEOUT_LIMITS.min && value <= PAYMENT_TIMEOUT_LIMITS.max)
    return { paymentTimeout: value };
  warn(
    `Moment Elements: payment-timeout "${String(value).slice(0, 40)}" is not used: give whole milliseconds from ${PAYMENT_TIMEOUT_LIMITS.min} to ${PAYMENT_TIMEOUT_LIMITS.max}. The default, ${DEFAULT_PAYMENT_TIMEOUT}, applies.`,
  );
  return {};
}

/** How long `paymentStatus()` waits for the frame: two reads of the provider, each bounded there. */
export const PAYMENT_STATUS_TIMEOUT = 45_000;

/** Why `paymentStatus()` rejected, as a `PaymentError`. */
export function paymentStatusError(error: unknown): PaymentError {
  const code = error instanceof BridgeError && (error.code === 'network_error' || error.code === 'timeout') ? error.code : 'internal';
  return new PaymentError(
    code,
    error instanceof BridgeError && error.code === 'network_error' ? error.message : 'The payment status could not be read. Please try again.',
  );
}
