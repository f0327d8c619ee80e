import type { TransactionResult } from '../protocol/card.js';

export type OutcomeEventName = 'payment-success' | 'payment-attempt-failed' | 'payment-failure' | 'payment-expired';

/**
 * Which outcome event a transaction result fires (shared by `<card-component>` and
 * `<wallet-button>`). A token refused (401) after its expiry means the session expired.
 */
export function outcomeEvent(statusCode: TransactionResult['statusCode'], tokenExpired = false): OutcomeEventName {
  if (statusCode === 0) return 'payment-success';
  if (statusCode === 4 || statusCode === 5 || statusCode === 30) return 'payment-attempt-failed';
  if (statusCode === 401 && tokenExpired) return 'payment-expired';
  return 'payment-failure';
}
