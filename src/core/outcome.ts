import type { TransactionResult } from '../protocol/card.js';

export type OutcomeEventName = 'payment-success' | 'payment-attempt-failed' | 'payment-failure' | 'payment-expired' | 'payment-cancel';

/**
 * Which outcome event a transaction result fires (shared by `<card-component>` and
 * `<wallet-button>`). A token refused (401) after its expiry means the session expired; a 3-D
 * Secure challenge the customer cancelled is a cancel, not a decline.
 */
export function outcomeEvent(statusCode: TransactionResult['statusCode'], tokenExpired = false, cancelled = false): OutcomeEventName {
  if (statusCode === 0) return 'payment-success';
  if (cancelled) return 'payment-cancel';
  if (statusCode === 4 || statusCode === 5 || statusCode === 30) return 'payment-attempt-failed';
  if (statusCode === 401 && tokenExpired) return 'payment-expired';
  return 'payment-failure';
}
