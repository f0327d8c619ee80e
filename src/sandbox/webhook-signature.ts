/**
 * Webhook payloads and their signatures, free of any server code: what a merchant's backend imports
 * to verify a delivery and what the sandbox signs with.
 *
 * Every delivery carries two signatures, both `sha256=` and an HMAC-SHA256 as upper-case hex bytes
 * joined by `-`, under the endpoint's active secret:
 * - `Dojo-Signature` over the raw body alone: seed 004's header, which its own verifier code
 *   checks verbatim. Check it with {@link verifyDojoSignature}.
 * - `Moment-Signature` over `Moment-Timestamp + "." + body`: the same, plus replay protection (a
 *   captured delivery stops verifying after the tolerance). Check it with
 *   {@link verifyWebhookSignature}, which is what this library recommends.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SessionStatus } from '../protocol/outcome.js';
import type { StatusCode } from '../protocol/card.js';
import type { CustomerDetails } from '../protocol/customer.js';

import type { WebhookEventName } from '../protocol/webhooks.js';
/** Events a webhook endpoint can subscribe to, and seed 004's event the sandbox never sends: see protocol/webhooks.ts. */
export { UNSUPPORTED_WEBHOOK_EVENTS, WEBHOOK_EVENTS, type WebhookEventName } from '../protocol/webhooks.js';

/**
 * What each event announces, as `GET /webhooks/events` lists it. Seed 004's third event,
 * `payment_intent.send-receipt`, is not here: the sandbox sends no receipts, so a subscription to
 * it is refused rather than left silent.
 */
export const WEBHOOK_EVENT_DESCRIPTIONS: Readonly<Record<WebhookEventName, string>> = {
  'payment_intent.created': 'A payment intent (payment session) was created; paymentStatus is Created.',
  'payment_intent.status_updated': "A payment intent's status changed, or a payment attempt on it ended (a decline that leaves it open included).",
  'payment_session.status_updated': "The product's own event: a payment session's status changed, or a payment attempt on it ended.",
};

/** Seed 004's `paymentStatus` values. */
export type PaymentIntentStatus = 'Created' | 'Authorized' | 'Captured' | 'Reversed' | 'Refunded' | 'Canceled';

/**
 * A session's status as seed 004's `paymentStatus`. Payments are captured at once (`captureMode`
 * `Auto`), so a paid session is `Captured`, never `Authorized`; a session that can no longer be
 * paid (cancelled, expired, locked after too many failed attempts) is `Canceled`; an open session,
 * declined attempts or not, is still `Created`. Nothing is reversed or refunded in the sandbox.
 */
export const PAYMENT_STATUS_OF_SESSION = {
  open: 'Created',
  completed: 'Captured',
  cancelled: 'Canceled',
  expired: 'Canceled',
  failed: 'Canceled',
} as const satisfies Record<SessionStatus, PaymentIntentStatus>;

/** What the merchant needs to fulfil an order, in every event's `data`. Never card data. */
export interface FulfilmentData {
  /** What the customer gave (email, phone, billing and shipping addresses); null when nothing. */
  customerDetails: CustomerDetails | null;
  /** The session's metadata, with every payment's `additionalInfo.metaData` merged in. */
  metadata: Record<string, string>;
  reference: string | null;
  /** The merchant's own order id. */
  custom: string | null;
}

/** The latest payment attempt on the session: `paymentId` and `statusCode` null before any. */
export interface AttemptData {
  paymentId: string | null;
  statusCode: StatusCode | null;
  /** Present when the attempt was paid. */
  authCode?: string;
}

/** Seed 004's envelope, shared by every event. */
export interface WebhookEnvelope<TEvent extends WebhookEventName, TData> {
  /** `evt_…`; the same for every endpoint the event goes to and for each retry. */
  id: string;
  event: TEvent;
  /** The account (secret key) whose session this is: the same `accountId` its subscriptions show. */
  accountId: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  data: TData;
}

export type PaymentIntentCreatedEvent = WebhookEnvelope<
  'payment_intent.created',
  { paymentIntentId: string; paymentStatus: 'Created'; captureMode: 'Auto' } & FulfilmentData
>;

export type PaymentIntentStatusEvent = WebhookEnvelope<
  'payment_intent.status_updated',
  { paymentIntentId: string; paymentStatus: PaymentIntentStatus; captureMode: 'Auto' } & AttemptData & FulfilmentData
>;

export type SessionStatusEvent = WebhookEnvelope<'payment_session.status_updated', { sessionId: string; status: SessionStatus } & AttemptData & FulfilmentData>;

/** Body of every webhook the sandbox sends. */
export type WebhookEvent = PaymentIntentCreatedEvent | PaymentIntentStatusEvent | SessionStatusEvent;

/** A signing secret of an endpoint (seed 004's `secrets[]`). */
export interface WebhookSecret {
  /** `sc_…` */
  id: string;
  value: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** When a delivery was last signed with it; null before any. */
  lastUsedAt: number | null;
  /** Deliveries are signed with the one active secret. */
  isActive: boolean;
}

export interface WebhookEndpoint {
  /** `ws_…` for subscriptions made through `POST /webhooks`; `test_…` for the test hook's. */
  id: string;
  /** Fingerprint of the secret key that subscribed; null for the test hook's (they get every account's events). */
  ownerKey: string | null;
  url: string;
  description: string | null;
  events: readonly WebhookEventName[];
  secrets: WebhookSecret[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

/** Subscriptions one account keeps at most (`POST /webhooks`); the test hook keeps as many again. */
export const MAX_WEBHOOK_ENDPOINTS = 16;
/** Secrets one subscription keeps at most. */
export const MAX_WEBHOOK_SECRETS = 5;

/** Seed 004's header: the HMAC of the raw body alone. */
export const DOJO_SIGNATURE_HEADER = 'Dojo-Signature';
/** The HMAC of `Moment-Timestamp + "." + body`: replay-protected. */
export const SIGNATURE_HEADER = 'Moment-Signature';
/** Seconds since the epoch at signing, as decimal digits; covered by `Moment-Signature`. */
export const TIMESTAMP_HEADER = 'Moment-Timestamp';
/** How far a delivery's timestamp may be from the receiver's clock, either way. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;
/** Delays before each retry; the first delivery is immediate, so at most four tries. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000];

/**
 * `sha256=` and an HMAC-SHA256 as upper-case hex bytes joined by `-`. Without a `timestamp` the
 * HMAC covers the body alone: seed 004's `Dojo-Signature`. With one (seconds, as sent in
 * `Moment-Timestamp`) it covers `timestamp + "." + body`: `Moment-Signature`.
 *
 * @example signWebhookBody(rawBody, secret) // 'sha256=4B-49-F8-…-FD'
 */
export function signWebhookBody(body: string | Uint8Array, secret: string, timestamp?: number | string): string {
  const hmac = createHmac('sha256', secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}.`);
  const digest = hmac.update(body).digest();
  return `sha256=${Array.from(digest, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join('-')}`;
}

/**
 * A delivery's headers: a Fetch `Headers`, or a plain object such as Node's `req.headers`
 * (names in any case).
 */
export type WebhookHeaders = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookOptions {
  /** Seconds a timestamp may differ from now, either way. Default 300 (5 minutes). */
  tolerance?: number;
  /** The receiver's clock, milliseconds since the epoch. Default `Date.now()`. */
  now?: number;
  /** The `Moment-Timestamp` value, when `headers` is only the `Moment-Signature` value. */
  timestamp?: string | number;
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : record[key];
  return typeof value === 'string' ? value : undefined;
}

const SIGNATURE_FORMAT = /^\s*sha256=((?:[0-9A-Fa-f]{2}-){31}[0-9A-Fa-f]{2})\s*$/;

/** Constant-time comparison of a received signature with the expected one (hex in any case). */
function signatureMatches(received: string | undefined, expected: string): boolean {
  const hex = received === undefined ? undefined : SIGNATURE_FORMAT.exec(received)?.[1];
  if (hex === undefined) return false;
  const a = Buffer.from(`sha256=${hex.toUpperCase()}`);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when a delivery is authentic and fresh: `Moment-Signature` is the HMAC of
 * `Moment-Timestamp + "." + body` under `secret` (compared in constant time) and the timestamp is
 * within `tolerance` seconds of now. Pass the raw body (the bytes received, before any JSON
 * parsing) and the request's headers (`req.headers` or a `Headers`), or the signature header's
 * value with `options.timestamp`. This is the check to prefer: {@link verifyDojoSignature} checks
 * seed 004's `Dojo-Signature`, which a captured delivery keeps passing forever.
 *
 * @example
 * app.post('/webhooks', express.raw({ type: 'application/json' }), (req, res) => {
 *   if (!verifyWebhookSignature(req.body, req.headers, process.env.WEBHOOK_SECRET)) return res.sendStatus(400);
 *   const event = JSON.parse(req.body); // …
 * });
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  headers: WebhookHeaders | string | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): boolean {
  if (headers === null || headers === undefined || secret === '') return false;
  const signature = typeof headers === 'string' ? headers : headerValue(headers, SIGNATURE_HEADER);
  const timestamp = String((typeof headers === 'string' ? undefined : headerValue(headers, TIMESTAMP_HEADER)) ?? options.timestamp ?? '').trim();
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = options.tolerance ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (!(Math.abs(nowSeconds - Number(timestamp)) <= tolerance)) return false;
  return signatureMatches(signature, signWebhookBody(body, secret, timestamp));
}

/**
 * True when seed 004's `Dojo-Signature` header is the HMAC-SHA256 of the raw body under `secret`
 * (`sha256=XX-XX-…`, compared in constant time): the check seed 004's own verifier code makes.
 * Pass the raw body and the request's headers (`req.headers` or a `Headers`; the name in any
 * case), or the header's value. It proves who sent the body, not when: prefer
 * {@link verifyWebhookSignature}, which also refuses a replayed delivery.
 *
 * @example verifyDojoSignature(rawBody, req.headers, secret)
 * @example verifyDojoSignature(rawBody, req.headers['dojo-signature'], secret)
 */
export function verifyDojoSignature(body: string | Uint8Array, headers: WebhookHeaders | string | null | undefined, secret: string): boolean {
  if (headers === null || headers === undefined || secret === '') return false;
  const signature = typeof headers === 'string' ? headers : headerValue(headers, DOJO_SIGNATURE_HEADER);
  return signatureMatches(signature, signWebhookBody(body, secret));
}
