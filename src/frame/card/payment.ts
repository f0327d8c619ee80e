/**
 * Card payments from the frame to the provider API (`POST /v1/payments`, `GET /v1/payments/{id}`),
 * with the client token, an idempotency key, a 30 s timeout and retries of network failures
 * (safe: the same key makes the request idempotent). HTTP answers map onto a `TransactionResult`.
 * No card data ever goes into an error, a result or the console.
 */
import { object, optional, picklist, safeParse, string } from '../../protocol/schema.js';
import { STATUS_CODES, type TransactionResult } from '../../protocol/card.js';
import { CustomerDetailsSchema } from '../../protocol/customer.js';
import { SESSION_STATUSES, outcomeOf } from '../../protocol/outcome.js';
import { CHALLENGE_WINDOW_SIZES, FRAME_SESSION_PATH, PAYMENTS_PATH, type ChallengeWindowSize } from '../../protocol/api.js';
// The body of `POST /v1/payments`, inferred from the schema the sandbox checks it with.
import type { CardPaymentRequest } from '../../protocol/requests.js';
import { BridgeError } from '../../protocol/port.js';
import { DEFAULT_PAYMENT_TIMEOUT, type PaymentStatus } from '../../protocol/messages.js';

export const NETWORK_ERROR_MESSAGE = 'Could not reach the payment service, and nothing was charged. Check the connection and try again.';

export interface PaymentApiOptions {
  /** Origin of the provider API: the frames origin. */
  origin: string;
  clientToken: string;
  fetch?: typeof fetch;
  /**
   * A payment request's whole budget, tries and pauses included (`payment-timeout`); for a read,
   * each try's. Default 30 s.
   */
  timeoutMs?: number;
  /** Extra tries after a failure without an answer; default 3 for payments, 2 for reads. */
  retries?: number;
  /** Pause before a retry; it doubles with each payment retry. Default 400 ms. */
  retryDelayMs?: number;
}

export interface PendingChallenge {
  paymentId: string;
  url: string;
  windowSize: ChallengeWindowSize;
}

/**
 * How a challenge was handled: `undefined` once it was answered in the frame, `'cancelled'` when
 * the customer cancelled it there, `'redirect'` when the caller takes the customer to the
 * challenge page itself (a full-page redirect).
 */
export type ChallengeHandling = void | 'cancelled' | 'redirect';

/** What one API call came to: a final result, or a 3-D Secure challenge to run first. */
export type PaymentOutcome = { kind: 'result'; result: TransactionResult } | { kind: 'challenge'; challenge: PendingChallenge };

const WINDOW_SIZES = Object.keys(CHALLENGE_WINDOW_SIZES) as ChallengeWindowSize[];
const PaymentAttemptSchema = object({
  id: string({ min: 1, max: 64 }),
  status: picklist(['succeeded', 'requires_action', 'declined', 'referred', 'failed']),
  statusCode: picklist(STATUS_CODES),
  authCode: optional(string()),
  message: optional(string()),
  challenge: optional(object({ url: string(), windowSize: picklist(WINDOW_SIZES) })),
  sessionStatus: optional(picklist(SESSION_STATUSES)),
});
const ApiErrorSchema = object({ error: object({ message: string(), type: optional(string({ max: 64 })) }) });

/** What a result says when the provider gave no message of its own. */
export const DEFAULT_MESSAGES: Readonly<Record<TransactionResult['statusCode'], string>> = {
  0: 'The payment was successful.',
  3: 'The payment is waiting for authentication.',
  4: 'The card issuer referred the payment.',
  5: 'The payment was declined.',
  20: 'This payment is a duplicate of an earlier one.',
  30: 'The payment failed.',
  400: 'The payment request was not accepted.',
  401: 'The payment session is not valid any more. Refresh the page and try again.',
  404: 'No payment session was found.',
  500: 'The payment service had a problem. Check the payment status before retrying.',
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Maps one HTTP answer of the payments API. */
export function mapPaymentResponse(status: number, body: unknown): PaymentOutcome {
  const result = (statusCode: TransactionResult['statusCode'], message: string, extra: Partial<TransactionResult> = {}): PaymentOutcome => ({
    kind: 'result',
    result: { statusCode, message: clip(message, 500), ...extra },
  });
  if (status >= 200 && status < 300) {
    const attempt = safeParse(PaymentAttemptSchema, body);
    if (!attempt.success) return result(500, DEFAULT_MESSAGES[500]);
    const { id, status: paymentStatus, statusCode, authCode, message, challenge, sessionStatus } = attempt.output;
    if (paymentStatus === 'requires_action' && challenge) {
      return { kind: 'challenge', challenge: { paymentId: id, url: challenge.url, windowSize: challenge.windowSize } };
    }
    // The customer's details as the provider stored them, checked with the one contract; details
    // that do not pass are left out rather than costing the page its payment result.
    const details = safeParse(CustomerDetailsSchema, (body as { customerDetails?: unknown }).customerDetails);
    const customerDetails = details.success && Object.keys(details.output).length > 0 ? { customerDetails: details.output } : {};
    return result(statusCode, message?.trim() ? message : DEFAULT_MESSAGES[statusCode], {
      paymentId: id,
      ...(authCode && authCode.length <= 64 ? { authCode } : {}),
      ...customerDetails,
      ...(sessionStatus ? { sessionStatus } : {}),
    });
  }
  const error = safeParse(ApiErrorSchema, body);
  const serverMessage = error.success && error.output.error.message.trim() ? error.output.error.message : undefined;
  // The API's error type travels with the result: it, not a clock, says that a session expired.
  const errorType = error.success && error.output.error.type && /^[a-z_]{1,64}$/.test(error.output.error.type) ? { errorType: error.output.error.type } : {};
  if (status === 401) return result(401, serverMessage ?? DEFAULT_MESSAGES[401], errorType);
  if (status === 404) return result(404, serverMessage ?? DEFAULT_MESSAGES[404], errorType);
  if (status >= 500) return result(500, DEFAULT_MESSAGES[500], errorType);
  // 400, 409 (idempotency conflict), 429 (too many attempts) and any other client error.
  return result(400, serverMessage ?? DEFAULT_MESSAGES[400], errorType);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One try of one request: the answer, or why there was none (`timeout`: no answer in `ms`). */
async function tryOnce(api: PaymentApiOptions, path: string, init: RequestInit, ms: number): Promise<Answer | 'timeout' | 'network'> {
  const fetchImpl = api.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  try {
    const response = await fetchImpl(`${api.origin}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${api.clientToken}`, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body, date: response.headers.get('date') };
  } catch {
    return timedOut ? 'timeout' : 'network';
  } finally {
    clearTimeout(timer);
  }
}

interface Answer {
  status: number;
  body: unknown;
  /** The server's `Date` header. */
  date: string | null;
}

/**
 * Sends one request to the provider with the client token, retrying the very same request after
 * a network failure or a timeout (`retries` extra attempts, each with `timeoutMs`). For reads; the
 * card and wallet frames share it. Payments go through `charge`, which bounds the whole attempt.
 */
export async function send(api: PaymentApiOptions, path: string, init: RequestInit, retries = api.retries ?? 2): Promise<Answer> {
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep((api.retryDelayMs ?? 400) * attempt);
    const answer = await tryOnce(api, path, init, api.timeoutMs ?? DEFAULT_PAYMENT_TIMEOUT);
    if (typeof answer !== 'string') return answer;
  }
  throw new BridgeError({ code: 'network_error', message: NETWORK_ERROR_MESSAGE });
}

const errorTypeOf = (body: unknown): string | undefined => {
  const error = safeParse(ApiErrorSchema, body);
  return error.success ? error.output.error.type : undefined;
};
/** Answers after which the same request, under the same key, is safe and worth sending again. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);
const isInProgress = (answer: Answer) => answer.status === 409 && errorTypeOf(answer.body) === 'idempotency_in_progress';

/** Why a payment request got no answer that says what happened. */
export type Unanswered = 'timeout' | 'network' | 'server';

/**
 * Sends one request within `budgetMs` and at most `tries` tries, pausing `pause(n)` before try n,
 * until `settle` makes something of a try (an answer, or `timeout` / `network` without one).
 * `undefined` when the tries or the budget ran out first.
 */
async function tryWithin<T>(
  api: PaymentApiOptions,
  path: string,
  init: RequestInit,
  { budgetMs, tries, pause }: { budgetMs: number; tries: number; pause: (attempt: number) => number },
  settle: (answer: Answer | 'timeout' | 'network') => T | undefined,
): Promise<T | undefined> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; attempt < tries; attempt++) {
    if (attempt > 0) {
      const ms = pause(attempt);
      if (Date.now() + ms >= deadline) break;
      await sleep(ms);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    const settled = settle(await tryOnce(api, path, init, remaining));
    if (settled !== undefined) return settled;
  }
  return undefined;
}

const isRetryable = (answer: Answer) => RETRYABLE_STATUSES.has(answer.status) || isInProgress(answer);

/**
 * A payment request within one budget (`timeoutMs`, 30 s by default), tries and pauses included:
 * a network failure, a 500/502/503/504 or an "in progress" 409 is sent again, same body, same
 * `Idempotency-Key` (so the provider takes it at most once), after a pause that doubles each time.
 */
export async function sendPayment(api: PaymentApiOptions, path: string, init: RequestInit): Promise<Answer | { unanswered: Unanswered }> {
  let why: Unanswered = 'network';
  const delay = api.retryDelayMs ?? 400;
  const answer = await tryWithin(
    api,
    path,
    init,
    { budgetMs: api.timeoutMs ?? DEFAULT_PAYMENT_TIMEOUT, tries: 1 + (api.retries ?? 3), pause: (attempt) => delay * 2 ** (attempt - 1) },
    (tried) => {
      if (typeof tried === 'string') why = tried;
      else if (isRetryable(tried)) why = 'server';
      else return tried;
      return undefined;
    },
  );
  return answer ?? { unanswered: why };
}

/** What the provider knows of one idempotency key. */
export type AttemptTruth = { kind: 'found'; outcome: PaymentOutcome } | { kind: 'not_received' } | { kind: 'unknown' };

/**
 * Asks the provider what became of the request sent under `idempotencyKey`
 * (`GET /v1/payments?idempotency_key=`): its stored answer, or that it never arrived. `unknown`
 * when the provider cannot be asked within a short budget (a third of `timeoutMs`, 2–10 s).
 */
export async function lookupAttempt(api: PaymentApiOptions, idempotencyKey: string): Promise<AttemptTruth> {
  const delay = api.retryDelayMs ?? 400;
  const truth = await tryWithin<AttemptTruth>(
    api,
    `${PAYMENTS_PATH}?idempotency_key=${encodeURIComponent(idempotencyKey)}`,
    { method: 'GET' },
    { budgetMs: Math.min(10_000, Math.max(2_000, (api.timeoutMs ?? DEFAULT_PAYMENT_TIMEOUT) / 3)), tries: 4, pause: (attempt) => delay * attempt },
    (tried) => {
      if (typeof tried === 'string' || isRetryable(tried)) return undefined;
      if (tried.status === 200) return { kind: 'found', outcome: mapPaymentResponse(200, tried.body) };
      if (tried.status === 404 && errorTypeOf(tried.body) === 'not_found') return { kind: 'not_received' };
      return { kind: 'unknown' };
    },
  );
  return truth ?? { kind: 'unknown' };
}

export const TIMEOUT_MESSAGE = 'The payment service did not answer in time, and nothing was charged. Please try again.';
export const UNAVAILABLE_MESSAGE = 'The payment service is unavailable right now, and nothing was charged. Please try again in a moment.';
export const OUTCOME_UNKNOWN_MESSAGE =
  'We could not confirm whether the payment went through. Please do not pay another way yet: check the payment status first. Paying again here can never charge twice.';

/**
 * One payment request, to an answer the frame can prove: sent within its budget (`sendPayment`);
 * when no answer says what happened, the provider is asked about the idempotency key before
 * anything is reported. Never a failure for a request the provider took:
 * - it took it: its real answer (a success is a success, also after a lost answer or a 502);
 * - it never got it: `network_error` / `payment_timeout` (nothing charged), or, after 5xx answers,
 *   a result with status 500 and `errorType: 'service_unavailable'` (a failed attempt, try again);
 * - it cannot be asked: `outcome_unknown`.
 */
export async function charge(api: PaymentApiOptions, path: string, body: string, idempotencyKey: string): Promise<PaymentOutcome> {
  const answer = await sendPayment(api, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body,
  });
  if (!('unanswered' in answer)) return mapPaymentResponse(answer.status, answer.body);
  const truth = await lookupAttempt(api, idempotencyKey);
  if (truth.kind === 'found') return truth.outcome;
  if (truth.kind === 'unknown') throw new BridgeError({ code: 'outcome_unknown', message: OUTCOME_UNKNOWN_MESSAGE });
  if (answer.unanswered === 'server') {
    return { kind: 'result', result: { statusCode: 500, message: UNAVAILABLE_MESSAGE, errorType: 'service_unavailable' } };
  }
  throw answer.unanswered === 'timeout'
    ? new BridgeError({ code: 'payment_timeout', message: TIMEOUT_MESSAGE })
    : new BridgeError({ code: 'network_error', message: NETWORK_ERROR_MESSAGE });
}

/**
 * The one request of a frame whose outcome is not known yet (no answer came back), so that the
 * next payment can never charge twice: the same request is sent again under the same key (the
 * provider answers it once), and a different one (the customer changed the card) is sent only
 * after the provider said what became of the first — and not at all when the first one paid.
 */
export class UnfinishedAttempt {
  #pending: { key: string; path: string; body: string } | undefined;

  /** The key of the request still without an answer, if any. */
  get key(): string | undefined {
    return this.#pending?.key;
  }

  /**
   * Sends `body` to `path` through `charge`, under `freshKey` or, for the same request as the
   * unfinished one, under its key. Resolves with the earlier attempt's success instead when the
   * earlier request paid the session.
   */
  async charge(api: PaymentApiOptions, path: string, body: string, freshKey: string): Promise<PaymentOutcome> {
    let key = freshKey;
    const pending = this.#pending;
    if (pending && pending.path === path && pending.body === body) key = pending.key;
    else if (pending) {
      const truth = await lookupAttempt(api, pending.key);
      if (truth.kind === 'unknown') throw new BridgeError({ code: 'outcome_unknown', message: OUTCOME_UNKNOWN_MESSAGE });
      this.#pending = undefined;
      if (truth.kind === 'found' && truth.outcome.kind === 'result' && outcomeOf(truth.outcome.result) === 'success') return truth.outcome;
    }
    this.#pending = { key, path, body };
    const outcome = await charge(api, path, body, key);
    // An answer came back (also a lookup's): the request is finished, whatever it said.
    this.#pending = undefined;
    return outcome;
  }

  /** What became of the unfinished request: `undefined` when there is none. Clears it once known. */
  async settle(api: PaymentApiOptions): Promise<AttemptTruth | undefined> {
    const pending = this.#pending;
    if (!pending) return undefined;
    const truth = await lookupAttempt(api, pending.key);
    if (truth.kind !== 'unknown' && this.#pending === pending) this.#pending = undefined;
    return truth;
  }
}

const SessionStatusSchema = object({ status: picklist(SESSION_STATUSES) });

/**
 * A failed attempt or a cancel leaves the session open for another try, unless it was the
 * session's last: then the provider has locked it (`failed`) and the outcome is final. The
 * provider's answer may say so (`sessionStatus`); when it does not, the frame reads the session
 * once (`GET /v1/session`). Anything else, or a session that cannot be read, is left as it is.
 */
export async function withSessionStatus(api: PaymentApiOptions, result: TransactionResult): Promise<TransactionResult> {
  if (result.sessionStatus) return result;
  const outcome = outcomeOf(result);
  if (outcome !== 'attempt-failed' && outcome !== 'cancel') return result;
  try {
    const { status, body } = await send(api, FRAME_SESSION_PATH, { method: 'GET' }, 0);
    const session = safeParse(SessionStatusSchema, body);
    return status === 200 && session.success ? { ...result, sessionStatus: session.output.status } : result;
  } catch {
    return result;
  }
}

/**
 * What `paymentStatus()` answers: the session's status now (`GET /v1/session`) and, when a request
 * of this frame lost its answer, what the provider made of it. Rejects `network_error` when the
 * provider cannot be reached.
 */
export async function readPaymentStatus(api: PaymentApiOptions, attempt: UnfinishedAttempt): Promise<PaymentStatus> {
  const truth = await attempt.settle(api);
  const { status, body } = await send(api, FRAME_SESSION_PATH, { method: 'GET' }, 1);
  const session = safeParse(SessionStatusSchema, body);
  if (status !== 200 || !session.success) {
    throw new BridgeError({ code: 'network_error', message: 'The payment status could not be read. Please try again.' });
  }
  const sessionStatus = session.output.status;
  const result = truth?.kind === 'found' && truth.outcome.kind === 'result' ? { result: truth.outcome.result } : {};
  return { sessionStatus, paid: sessionStatus === 'completed', pending: truth?.kind === 'unknown', ...result };
}

/** `POST /v1/payments` with the card, once per idempotency key (see `charge`). */
export async function createPayment(
  api: PaymentApiOptions,
  request: CardPaymentRequest,
  idempotencyKey: string,
  attempt = new UnfinishedAttempt(),
): Promise<PaymentOutcome> {
  return attempt.charge(api, PAYMENTS_PATH, JSON.stringify(request), idempotencyKey);
}

/** `GET /v1/payments/{id}`: the state of an attempt, e.g. after its 3-D Secure challenge. */
export async function fetchPayment(api: PaymentApiOptions, paymentId: string): Promise<PaymentOutcome> {
  const { status, body } = await send(api, `${PAYMENTS_PATH}/${encodeURIComponent(paymentId)}`, { method: 'GET' });
  return mapPaymentResponse(status, body);
}

/**
 * The whole payment: create it, run the 3-D Secure challenge when the API asks for one, then read
 * the final state. A challenge still pending after that is reported as status 3 (authorizing).
 * When `runChallenge` answers `'redirect'`, the payment ends at once with status 3 and the
 * payment's id: the customer answers the challenge on a page of its own.
 */
export async function payWithCard(
  api: PaymentApiOptions,
  request: CardPaymentRequest,
  idempotencyKey: string,
  runChallenge: (challenge: PendingChallenge) => Promise<ChallengeHandling>,
  attempt = new UnfinishedAttempt(),
): Promise<TransactionResult> {
  const outcome = await createPayment(api, request, idempotencyKey, attempt);
  if (outcome.kind === 'result') return withSessionStatus(api, outcome.result);
  const handling = await runChallenge(outcome.challenge);
  if (handling === 'redirect') {
    return { statusCode: 3, message: DEFAULT_MESSAGES[3], paymentId: outcome.challenge.paymentId };
  }
  // The challenge was answered at the bank: the payment may be paid now. A read that fails is an
  // unknown outcome, never a failure (`paymentStatus()` reads the session).
  const final = await fetchPayment(api, outcome.challenge.paymentId).catch(() => {
    throw new BridgeError({ code: 'outcome_unknown', message: OUTCOME_UNKNOWN_MESSAGE });
  });
  // The provider records a cancelled challenge as a decline; the host hears it was the customer's choice.
  if (final.kind === 'result')
    return withSessionStatus(api, handling === 'cancelled' && final.result.statusCode !== 0 ? { ...final.result, cancelled: true } : final.result);
  return { statusCode: 3, message: DEFAULT_MESSAGES[3], paymentId: final.challenge.paymentId };
}
