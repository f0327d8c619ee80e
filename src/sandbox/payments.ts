import { fields, textWords, worded, type Leaf } from './schema.js';
import type { Context, Hono } from 'hono';
import { FRAME_SESSION_PATH, PAYMENTS_PATH } from '../protocol/api.js';
import { requireClientSession } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { IDEMPOTENCY_KEY_PATTERN, requireIdempotencyKey } from './idempotency.js';
import { authCode, randomId } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import type { PaymentRecord, SessionRecord } from './store.js';
import { MESSAGES, cardNumberMessage, detectBrand, outcomeFor } from './test-cards.js';
import {
  MAX_CARD_NUMBER_LENGTH,
  MAX_CVV_LENGTH,
  MIN_CARD_NUMBER_LENGTH,
  MIN_CVV_LENGTH,
  checkCvv,
  cvvLengthFor,
  detectBrand as detectCardBrand,
} from '../protocol/card-rules.js';
import type { FrameSession } from '../protocol/checkout.js';
import { CUSTOMER_LIMITS, customerDetailsOf, describeCustomerIssue, mergeCustomerDetails, type CustomerDetails } from '../protocol/customer.js';
import { CARD_NAME_MAX_LENGTH, CardPaymentRequestSchema, CardSchema, type CardPaymentRequest } from '../protocol/requests.js';
import { abandonChallenge, paymentAttempt, settlePayment } from './settlement.js';
import { challengeUrl } from './three-ds.js';

/**
 * Customer details are checked with the protocol's one schema (the host and the frames check the
 * same object with it), and worded as the protocol words them: a refused value is a 400 naming it,
 * e.g. `additionalInfo.billingAddress.postcode must be a string of at most 20 characters`.
 */
export const customerWords: Leaf = (_details: unknown, issue) => {
  const { param, message } = describeCustomerIssue(issue, '');
  return message.slice(param.length).trimStart();
};

/** Body of `POST /v1/payments` (the protocol's `CardPaymentRequestSchema`), worded. Messages never repeat the value they reject. */
export const CardPaymentSchema = worded(
  CardPaymentRequestSchema,
  fields(CardPaymentRequestSchema, {
    card: fields(CardSchema, {
      // The protocol's card number rule, the one the card frame applies.
      number: (number: unknown) =>
        typeof number === 'string' ? cardNumberMessage(number) : `must be a string of ${MIN_CARD_NUMBER_LENGTH} to ${MAX_CARD_NUMBER_LENGTH} digits`,
      expiryMonth: 'must be a month from 1 to 12',
      expiryYear: 'must be a four-digit year',
      // Any brand's length here; the brand's own length is checked with the number in `checkCard`.
      cvv: `must be ${MIN_CVV_LENGTH} or ${MAX_CVV_LENGTH} digits`,
      name: textWords(CARD_NAME_MAX_LENGTH),
    }),
    /** Seed 004 "Additional information": the protocol's `AdditionalInfoSchema`. */
    additionalInfo: customerWords,
  }),
);

/** Checks that need more than one field, or the clock. */
function checkCard(card: CardPaymentRequest['card'], now: number): void {
  const today = new Date(now);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  if (card.expiryYear < year) {
    throw new ApiFailure(400, 'invalid_request_error', 'card.expiryYear is in the past', 'card.expiryYear');
  }
  if (card.expiryYear === year && card.expiryMonth < month) {
    throw new ApiFailure(400, 'invalid_request_error', 'card.expiryMonth is in the past', 'card.expiryMonth');
  }
  // The protocol's security code rule, the one the card frame applies: the brand's length (Amex 4, others 3).
  const brand = detectCardBrand(card.number);
  if (!checkCvv(card.cvv, brand)) {
    throw new ApiFailure(400, 'invalid_request_error', `card.cvv must be ${cvvLengthFor(brand)} digits for ${brand?.name}`, 'card.cvv');
  }
}

/** What is charged: the card a request names (unknown for an opaque wallet token), and whether a 3-D Secure challenge may follow. */
export interface Charge {
  number: string | undefined;
  /** Wallet tokens carry the wallet's own authentication: no challenge follows them. */
  allowChallenge: boolean;
  /** What the customer gave with the payment (never card data). */
  customerDetails?: CustomerDetails | undefined;
  /** `additionalInfo.metaData`, merged into the session's metadata. */
  metaData?: Record<string, string> | undefined;
}

/**
 * One attempt on a session: never a second charge, never past the failed-attempt limit.
 * Synchronous, so no two attempts interleave. The customer's details are kept on the payment and
 * merged into the session (later over earlier), and `metaData` into the session's metadata.
 */
export function attemptPayment(ctx: SandboxContext, session: SessionRecord, charge: Charge): PaymentRecord {
  const { number, customerDetails } = charge;
  const base = {
    id: randomId('pay_'),
    sessionId: session.id,
    brand: number ? detectBrand(number) : ('unknown' as const),
    last4: number ? number.slice(-4) : '0000',
    createdAt: ctx.now(),
  };
  if (session.succeededPaymentId !== null) {
    // Never a second charge. The answer is the session's success, reported again: statusCode 20
    // with the original payment's auth code and details, which the pages read as "paid" (see
    // `outcomeOf`). The duplicate is kept for lookups but does not touch the session.
    const original = ctx.store.payment(session.succeededPaymentId);
    const duplicate: PaymentRecord = {
      ...base,
      status: 'failed',
      statusCode: 20,
      message: MESSAGES.duplicate,
      ...(original?.authCode !== undefined && { authCode: original.authCode }),
      ...(original?.customerDetails !== undefined && { customerDetails: original.customerDetails }),
    };
    ctx.store.addPayment(duplicate);
    return duplicate;
  }
  if (session.status === 'failed') {
    throw new ApiFailure(429, 'too_many_attempts', 'Too many failed payment attempts for this session. Please start a new payment.');
  }
  if (session.status !== 'open') {
    throw new ApiFailure(409, 'session_closed', `This payment session is ${session.status}.`);
  }
  const metadata = charge.metaData ? { ...session.metadata, ...charge.metaData } : session.metadata;
  if (Object.keys(metadata).length > CUSTOMER_LIMITS.metaDataKeys) {
    throw new ApiFailure(
      400,
      'invalid_request_error',
      `additionalInfo.metaData would give the session more than ${CUSTOMER_LIMITS.metaDataKeys} metadata keys (it has ${Object.keys(session.metadata).length})`,
      'additionalInfo.metaData',
    );
  }
  const pending = session.pendingChallengeId ? ctx.store.payment(session.pendingChallengeId) : undefined;
  session.pendingChallengeId = null;
  if (pending) abandonChallenge(ctx, session, pending);
  // Counting the abandoned challenge may have reached the limit.
  if ((session.status as SessionRecord['status']) === 'failed') {
    throw new ApiFailure(429, 'too_many_attempts', 'Too many failed payment attempts for this session. Please start a new payment.');
  }

  session.metadata = metadata;
  session.customerDetails = mergeCustomerDetails(session.customerDetails, customerDetails);
  const given = customerDetails === undefined ? {} : { customerDetails };

  const outcome = number ? outcomeFor(number) : undefined;
  if (outcome?.kind === 'challenge' && charge.allowChallenge) {
    const payment: PaymentRecord = {
      ...base,
      ...given,
      status: 'requires_action',
      statusCode: 3,
      message: MESSAGES.requiresAction,
      challenge: { url: challengeUrl(ctx, base.id), windowSize: '02' },
      challengeExpiresAt: base.createdAt + ctx.settings.challengeTtlSeconds * 1000,
    };
    ctx.store.addPayment(payment);
    session.latestPaymentId = payment.id;
    session.pendingChallengeId = payment.id;
    return payment;
  }
  const settled = outcome?.kind === 'settled' ? outcome : SUCCEEDED;
  const payment: PaymentRecord = {
    ...base,
    ...given,
    status: settled.status,
    statusCode: settled.statusCode,
    message: settled.message,
    ...(settled.status === 'succeeded' && { authCode: authCode() }),
  };
  ctx.store.addPayment(payment);
  settlePayment(ctx, session, payment);
  return payment;
}

const SUCCEEDED = { status: 'succeeded', statusCode: 0, message: MESSAGES.succeeded } as const;

const inProgress = () =>
  new ApiFailure(
    409,
    'idempotency_in_progress',
    'A payment request with this Idempotency-Key is still being processed. Wait for it, then look it up or retry with the same key.',
  );

/**
 * A payment request from a frame (Bearer client token, `Idempotency-Key`): the same key and
 * request replay the stored answer, the same key with another request is refused, a second
 * request while the first is processed is a 409 `idempotency_in_progress` (never a second
 * processing), and nothing is charged for a session that expired meanwhile.
 */
export async function handlePaymentRequest<T>(
  c: Context,
  ctx: SandboxContext,
  parseRequest: (body: Record<string, unknown>) => T,
  charge: (session: SessionRecord, request: T) => PaymentRecord,
): Promise<Response> {
  const session = await requireClientSession(c, ctx);
  const key = requireIdempotencyKey(c);
  const body = await readJsonObject(c);

  const scopedKey = `${session.id}:${key}`;
  const requestHash = ctx.fingerprints.of(body);
  const prior = ctx.store.paymentKeys.get(scopedKey);
  if (prior) {
    if (prior.requestHash !== requestHash) {
      throw new ApiFailure(409, 'idempotency_error', 'This Idempotency-Key was already used with a different payment request.');
    }
    return c.json(prior.result);
  }
  // From this check to marking the key nothing awaits: two requests cannot both pass it.
  if (ctx.paymentsInProgress.has(scopedKey)) throw inProgress();

  const request = parseRequest(body);
  ctx.paymentsInProgress.add(scopedKey);
  try {
    // Test fault `slow`: the provider takes its time while the key is in progress.
    const delay = ctx.faults.takeProcessingDelay(c.req.raw);
    if (delay !== undefined) await ctx.faults.wait(delay);
    const scripted = ctx.scriptedAnswers.get(session.id);
    if (scripted) {
      ctx.scriptedAnswers.delete(session.id);
      return c.json(scripted.body as object, scripted.status as 200);
    }
    // Time passed while the body was read: look at the session again.
    if (ctx.store.session(session.id)?.status === 'expired') {
      throw new ApiFailure(401, 'session_expired', 'This payment session has expired. Please start again.');
    }
    const attempt = paymentAttempt(charge(session, request), session);
    ctx.store.paymentKeys.set(scopedKey, { requestHash, result: attempt });
    return c.json(attempt);
  } finally {
    ctx.paymentsInProgress.delete(scopedKey);
  }
}

/**
 * `GET /v1/payments?idempotency_key=KEY` (client token): the answer a payment request with this
 * key got, exactly as it was given (card and wallet payments alike), so a client that lost the
 * answer (a timeout, a dropped connection, a proxy's 502) learns whether it was charged without
 * trying again. 404 when no request with the key was processed for this session; 409 while one is.
 */
async function lookUpByIdempotencyKey(c: Context, ctx: SandboxContext): Promise<Response> {
  const session = await requireClientSession(c, ctx);
  const key = c.req.query('idempotency_key');
  if (key === undefined || key === '') {
    throw new ApiFailure(400, 'invalid_request_error', 'idempotency_key is required: the Idempotency-Key the payment request was sent with', 'idempotency_key');
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiFailure(400, 'invalid_request_error', 'idempotency_key must be 1–255 printable characters', 'idempotency_key');
  }
  const scopedKey = `${session.id}:${key}`;
  const prior = ctx.store.paymentKeys.get(scopedKey);
  if (prior) return c.json(prior.result);
  if (ctx.paymentsInProgress.has(scopedKey)) throw inProgress();
  throw notFound('No payment was received with this Idempotency-Key.');
}

/** What the frames call with the client token: take a payment, read it back, read the session. */
export function registerPaymentRoutes(app: Hono, ctx: SandboxContext): void {
  app.post(PAYMENTS_PATH, (c) =>
    handlePaymentRequest(
      c,
      ctx,
      (body) => {
        const request = parseOrFail(CardPaymentSchema, body);
        checkCard(request.card, ctx.now());
        const info = request.additionalInfo ?? undefined;
        return { number: request.card.number, customerDetails: customerDetailsOf(info), metaData: info?.metaData };
      },
      (session, request) => attemptPayment(ctx, session, { ...request, allowChallenge: true }),
    ),
  );

  app.get(PAYMENTS_PATH, (c) => lookUpByIdempotencyKey(c, ctx));

  app.get(`${PAYMENTS_PATH}/:id`, async (c) => {
    const session = await requireClientSession(c, ctx);
    const payment = ctx.store.payment(c.req.param('id'));
    if (!payment || payment.sessionId !== session.id) throw notFound('No such payment for this session.');
    return c.json(paymentAttempt(payment, session));
  });

  app.get(FRAME_SESSION_PATH, async (c) => {
    const session = await requireClientSession(c, ctx);
    return c.json(frameSession(session));
  });
}

/** The frame's view of its session (`FrameSession`): what the checkout page shows, in seed 004's shapes. */
export function frameSession(session: SessionRecord): FrameSession {
  return {
    id: session.id,
    status: session.status,
    amount: session.amount,
    currency: session.currency,
    variant: session.variant,
    expires_at: new Date(session.expiresAt).toISOString(),
    success_url: session.successUrl,
    cancel_url: session.cancelUrl,
    allowed_origins: session.allowedOrigins,
    paymentMethods: session.paymentMethods,
    ...(session.title !== undefined && { title: session.title }),
    ...(session.itemLines !== undefined && { itemLines: session.itemLines }),
    ...(session.taxLines !== undefined && { taxLines: session.taxLines }),
    ...(session.showTotal !== undefined && { showTotal: session.showTotal }),
    ...(session.collect !== undefined && { collect: session.collect }),
  };
}
