import type { PaymentAttempt } from '../protocol/api.js';
import type { SandboxContext } from './context.js';
import type { AttemptOutcome, PaymentRecord, SessionRecord } from './store.js';
import { MESSAGES } from './test-cards.js';

/**
 * The JSON a frame sees for a payment: with what the customer gave (never card data) and the
 * session's status after it, so a frame knows when a decline used up the session's last attempt.
 */
export function paymentAttempt(payment: PaymentRecord, session: SessionRecord): PaymentAttempt {
  return {
    id: payment.id,
    status: payment.status,
    statusCode: payment.statusCode,
    ...(payment.authCode !== undefined && { authCode: payment.authCode }),
    message: payment.message,
    ...(payment.challenge !== undefined && { challenge: payment.challenge }),
    ...(payment.customerDetails !== undefined && { customerDetails: payment.customerDetails }),
    sessionStatus: session.status,
  };
}

const OUTCOME_OF_STATUS = {
  succeeded: 'succeeded',
  declined: 'declined',
  referred: 'declined',
  failed: 'failed',
  requires_action: 'failed',
} as const satisfies Record<PaymentRecord['status'], AttemptOutcome>;

/**
 * Records the final outcome of a payment on its session: a success completes the session, any
 * other outcome (declined, failed, cancelled or abandoned at the bank) counts towards the limit
 * that locks it (protection against card testing).
 */
export function settlePayment(
  ctx: SandboxContext,
  session: SessionRecord,
  payment: PaymentRecord,
  outcome: AttemptOutcome = OUTCOME_OF_STATUS[payment.status],
): void {
  session.latestPaymentId = payment.id;
  session.lastAttempt = { outcome, statusCode: payment.statusCode, at: ctx.now() };
  if (session.pendingChallengeId === payment.id) session.pendingChallengeId = null;
  if (payment.status === 'succeeded') {
    session.succeededPaymentId = payment.id;
    ctx.store.setStatus(session, 'completed');
  } else {
    session.failedAttempts += 1;
    if (session.failedAttempts >= ctx.settings.maxFailedAttempts) ctx.store.setStatus(session, 'failed');
  }
  ctx.store.onAttempt(session, payment);
}

/**
 * A challenge nobody answered (a new attempt replaced it, or its time ran out) can no longer
 * succeed, and counts as a failed attempt: otherwise fresh attempts that each stop at the bank
 * page would test cards without ever reaching the limit.
 */
export function abandonChallenge(ctx: SandboxContext, session: SessionRecord, payment: PaymentRecord): void {
  if (session.pendingChallengeId === payment.id) session.pendingChallengeId = null;
  if (payment.status !== 'requires_action') return;
  payment.status = 'declined';
  payment.statusCode = 5;
  payment.message = MESSAGES.authenticationAbandoned;
  delete payment.challenge;
  delete payment.challengeExpiresAt;
  settlePayment(ctx, session, payment, 'abandoned');
}
