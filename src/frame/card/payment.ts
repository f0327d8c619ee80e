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
import { CHALLENGE_WINDOW_SIZES, FRAME_SESSION_PATH, PAYMENTS_PATH, type CardPaymentRequest, type ChallengeWindowSize } from '../../protocol/api.js';
import { BridgeError } from '../../protocol/port.js';

export const NETWORK_ERROR_MESSAGE =
  'Could not reach the payment service. The payment may not have been taken; check its status before retrying.';

export interface PaymentApiOptions {
  /** Origin of the provider API: the frames origin. */
  origin: string;
  clientToken: string;
  fetch?: typeof fetch;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Extra attempts after a network failure; default 2. */
  retries?: number;
  /** Pause before each retry, multiplied by the attempt number; default 400 ms. */
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

/**
 * Sends one request to the provider with the client token, retrying the very same request after
 * a network failure or a timeout (`retries` extra attempts). The card and wallet frames share it.
 */
export async function send(
  api: PaymentApiOptions,
  path: string,
  init: RequestInit,
  retries = api.retries ?? 2,
): Promise<{ status: number; body: unknown; /** The server's `Date` header. */ date: string | null }> {
  const fetchImpl = api.fetch ?? globalThis.fetch.bind(globalThis);
  const attempts = 1 + retries;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep((api.retryDelayMs ?? 400) * attempt);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), api.timeoutMs ?? 30_000);
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
      // Network failure or timeout: nothing from the server; try the same request again.
    } finally {
      clearTimeout(timer);
    }
  }
  throw new BridgeError({ code: 'network_error', message: NETWORK_ERROR_MESSAGE });
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

/** `POST /v1/payments` with the card, once per idempotency key. */
export async function createPayment(api: PaymentApiOptions, request: CardPaymentRequest, idempotencyKey: string): Promise<PaymentOutcome> {
  const { status, body } = await send(api, PAYMENTS_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(request),
  });
  return mapPaymentResponse(status, body);
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
): Promise<TransactionResult> {
  const outcome = await createPayment(api, request, idempotencyKey);
  if (outcome.kind === 'result') return withSessionStatus(api, outcome.result);
  const handling = await runChallenge(outcome.challenge);
  if (handling === 'redirect') {
    return { statusCode: 3, message: DEFAULT_MESSAGES[3], paymentId: outcome.challenge.paymentId };
  }
  const final = await fetchPayment(api, outcome.challenge.paymentId);
  // The provider records a cancelled challenge as a decline; the host hears it was the customer's choice.
  if (final.kind === 'result') return withSessionStatus(api, handling === 'cancelled' && final.result.statusCode !== 0 ? { ...final.result, cancelled: true } : final.result);
  return { statusCode: 3, message: DEFAULT_MESSAGES[3], paymentId: final.challenge.paymentId };
}
