import type { ValidationError } from '../protocol/card.js';

/**
 * Why `executePayment()` rejected. A declined card is not a rejection (it resolves with a
 * `TransactionResult`); these are the cases where no result exists.
 */
export class PaymentError extends Error {
  constructor(
    readonly code: 'validation_failed' | 'not_ready' | 'expired' | 'closed' | 'timeout' | 'network_error' | 'internal',
    message: string,
    /** The validation errors when `code` is `validation_failed`. */
    readonly errors: ValidationError[] = [],
  ) {
    super(message);
    this.name = 'PaymentError';
  }
}
