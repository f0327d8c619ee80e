import type { ValidationError } from '../protocol/card.js';

/**
 * Why `executePayment()` rejected. A declined card is not a rejection (it resolves with a
 * `TransactionResult`); these are the cases where no result exists.
 */
export class PaymentError extends Error {
  /** The refused part of the call when `code` is `invalid_additional_info`, e.g. `additionalInfo.billingAddress.postcode`. */
  readonly param?: string;

  constructor(
    readonly code: 'validation_failed' | 'invalid_additional_info' | 'not_ready' | 'expired' | 'closed' | 'timeout' | 'network_error' | 'internal',
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
