/**
 * The one table of what a payment answer or a session status means. Every frame and every element
 * reads it: the card and wallet frames keep the API's `error.type` on the result, the checkout
 * frame names the outcome with it, and the host turns the outcome into its event. Nothing here
 * looks at a clock: the provider says when a session has expired.
 */
import type { StatusCode, TransactionResult } from './card.js';

/** What an attempt or a session came to, and the host event that reports it. */
export const OUTCOME_EVENTS = {
  success: 'payment-success',
  'attempt-failed': 'payment-attempt-failed',
  failure: 'payment-failure',
  expired: 'payment-expired',
  cancel: 'payment-cancel',
} as const;
export type Outcome = keyof typeof OUTCOME_EVENTS;
export type OutcomeEventName = (typeof OUTCOME_EVENTS)[Outcome];
export const OUTCOMES = Object.keys(OUTCOME_EVENTS) as Outcome[];

/**
 * By status code: 0 paid; 3 (authentication not completed), 4 referred, 5 declined and 30 failed
 * leave the session open for another try; 20 duplicate, 400, 401, 404 and 500 end the attempt
 * with no way to retry it in place. A 20 with an `authCode` (the session was already paid, and the
 * provider repeats the original payment's auth code) is a success: see `outcomeOf`.
 */
export const OUTCOME_OF_STATUS: Readonly<Record<StatusCode, Outcome>> = {
  0: 'success',
  3: 'attempt-failed',
  4: 'attempt-failed',
  5: 'attempt-failed',
  20: 'failure',
  30: 'attempt-failed',
  400: 'failure',
  401: 'failure',
  404: 'failure',
  500: 'failure',
};

/** API error types (`error.type`) whose outcome is not the one of their status code. */
export const OUTCOME_OF_ERROR_TYPE: Readonly<Record<string, Outcome>> = {
  session_expired: 'expired',
  /**
   * The provider answered only 5xx errors and then confirmed it never took the request: nothing
   * was charged, and the session stays open for another try.
   */
  service_unavailable: 'attempt-failed',
};

/** The outcome of one transaction result. */
export function outcomeOf(result: Pick<TransactionResult, 'statusCode' | 'errorType' | 'cancelled' | 'authCode' | 'sessionStatus'>): Outcome {
  if (result.statusCode === 0) return 'success';
  // A duplicate that carries an auth code is the session's earlier success, reported again: the
  // order is paid, so the page must never mark it failed.
  if (result.statusCode === 20 && result.authCode) return 'success';
  // The attempt that used up the session's last try ends the session: one final outcome, never
  // a retryable one (attempt failed, cancel) that the page would answer with another try.
  if (result.sessionStatus === 'failed') return 'failure';
  // A 3-D Secure challenge the customer left is a cancel, not a decline.
  if (result.cancelled) return 'cancel';
  const { errorType, statusCode } = result;
  if (errorType && Object.hasOwn(OUTCOME_OF_ERROR_TYPE, errorType)) return OUTCOME_OF_ERROR_TYPE[errorType]!;
  return Object.hasOwn(OUTCOME_OF_STATUS, statusCode) ? OUTCOME_OF_STATUS[statusCode] : 'failure';
}

/** The statuses of a payment session. */
export const SESSION_STATUSES = ['open', 'completed', 'failed', 'expired', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * The outcome a session's status means. An open session (seen after a redirect) means the attempt
 * did not complete: a cancel when its last attempt says the customer cancelled at the bank, else a
 * failed attempt. `undefined` for anything that is not a session status.
 */
export function outcomeOfSession(status: unknown, lastAttemptOutcome?: unknown): Outcome | undefined {
  switch (status) {
    case 'completed':
      return 'success';
    case 'failed':
      return 'failure';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancel';
    case 'open':
      return lastAttemptOutcome === 'cancelled' ? 'cancel' : 'attempt-failed';
    default:
      return undefined;
  }
}
