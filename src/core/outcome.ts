import type { TransactionResult } from '../protocol/card.js';

/** Which outcome event a status code fires (shared by `<card-component>` and `<wallet-button>`). */
export function outcomeEvent(statusCode: TransactionResult['statusCode']): 'payment-success' | 'payment-attempt-failed' | 'payment-failure' {
  if (statusCode === 0) return 'payment-success';
  if (statusCode === 4 || statusCode === 5 || statusCode === 30) return 'payment-attempt-failed';
  return 'payment-failure';
}
