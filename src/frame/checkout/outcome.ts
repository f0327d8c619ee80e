/**
 * What a payment result or a session status means for the checkout: which outcome the host hears
 * and whether the customer may try again in place.
 */
import type { TransactionResult } from '../../protocol/card.js';
import type { CheckoutOutcome, FrameSession } from '../../protocol/checkout.js';

/**
 * The outcome of one attempt by its status code (seed 004): 0 success; 3, 4, 5 and 30 leave the
 * session open for another try; 20, 400, 404 and 500 end it; 401 means the session or its token
 * has expired.
 */
export function outcomeOfResult(result: Pick<TransactionResult, 'statusCode'>): CheckoutOutcome {
  switch (result.statusCode) {
    case 0:
      return 'success';
    case 3:
    case 4:
    case 5:
    case 30:
      return 'attempt-failed';
    case 401:
      return 'expired';
    default:
      return 'failure';
  }
}

export interface ClosedState {
  outcome: CheckoutOutcome;
  heading: string;
  message: string;
}

/**
 * A session that can take no payment, as the customer sees it and the host hears it; `null` for
 * an open session.
 */
export function closedState(status: FrameSession['status']): ClosedState | null {
  switch (status) {
    case 'open':
      return null;
    case 'completed':
      return { outcome: 'success', heading: 'Payment successful', message: 'This checkout has already been paid.' };
    case 'expired':
      return { outcome: 'expired', heading: 'This checkout has expired', message: 'Please go back and start the payment again.' };
    case 'cancelled':
      return { outcome: 'cancel', heading: 'This checkout was cancelled', message: 'No payment was taken. Please go back and start again.' };
    case 'failed':
      return { outcome: 'failure', heading: 'Payment failed', message: 'This checkout can take no more attempts. Please go back and start again.' };
  }
}
