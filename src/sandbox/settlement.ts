import type { PaymentAttempt } from '../protocol/api.js';
import type { SandboxContext } from './context.js';
import type { PaymentRecord, SessionRecord } from './store.js';

/** The JSON a frame sees for a payment. */
export function paymentAttempt(payment: PaymentRecord): PaymentAttempt {
  return {
    id: payment.id,
    status: payment.status,
    statusCode: payment.statusCode,
    ...(payment.authCode !== undefined && { authCode: payment.authCode }),
    message: payment.message,
    ...(payment.challenge !== undefined && { challenge: payment.challenge }),
  };
}

/**
 * Records the final outcome of a payment on its session: a success completes the session, a
 * failure counts towards the limit that locks it (protection against card testing).
 */
export function settlePayment(ctx: SandboxContext, session: SessionRecord, payment: PaymentRecord): void {
  session.latestPaymentId = payment.id;
  if (session.pendingChallengeId === payment.id) session.pendingChallengeId = null;
  if (payment.status === 'succeeded') {
    session.succeededPaymentId = payment.id;
    ctx.store.setStatus(session, 'completed');
    return;
  }
  session.failedAttempts += 1;
  if (session.failedAttempts >= ctx.settings.maxFailedAttempts) ctx.store.setStatus(session, 'failed');
}
