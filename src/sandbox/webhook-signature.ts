/**
 * Webhook payloads and their signatures, free of any server code: what a merchant's backend imports
 * to verify a delivery (`verifyWebhookSignature`) and what the sandbox signs with.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SessionStatus } from './store.js';
import type { StatusCode } from '../protocol/card.js';


/** Body of every webhook the sandbox sends (seed 004's envelope). */
export interface SessionStatusEvent {
  id: string;
  event: 'payment_session.status_updated';
  accountId: 'acc_sandbox';
  createdAt: string;
  data: {
    sessionId: string;
    status: SessionStatus;
    paymentId: string | null;
    statusCode: StatusCode | null;
  };
}

/** Events a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENTS = ['payment_session.status_updated'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEndpoint {
  /** `we_…` for endpoints registered through `POST /webhooks`; `test_…` for the test hook's. */
  id: string;
  url: string;
  secret: string;
  events: readonly WebhookEventName[];
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Endpoints one sandbox keeps at most (merchant-registered and test hook together). */
export const MAX_WEBHOOK_ENDPOINTS = 16;

export const SIGNATURE_HEADER = 'Moment-Signature';
/** Seconds since the epoch at signing, as decimal digits; covered by the signature. */
export const TIMESTAMP_HEADER = 'Moment-Timestamp';
/** How far a delivery's timestamp may be from the receiver's clock, either way. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;
/** Delays before each retry; the first delivery is immediate, so at most four tries. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000];

/**
 * `sha256=` and an HMAC-SHA256 as upper-case hex bytes joined by `-` (the format of seed 004's
 * `Dojo-Signature`). With a `timestamp` (seconds, as sent in `Moment-Timestamp`) the HMAC covers
 * `timestamp + "." + body`, which is what the sandbox sends; without one, the body alone.
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
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

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

/**
 * True when a delivery is authentic and fresh: `Moment-Signature` is the HMAC of
 * `Moment-Timestamp + "." + body` under `secret` (compared in constant time) and the timestamp is
 * within `tolerance` seconds of now. Pass the request's headers (`req.headers` or a `Headers`),
 * or the signature header's value with `options.timestamp`.
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  headers: WebhookHeaders | string | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): boolean {
  if (headers === null || headers === undefined || secret === '') return false;
  const signature = typeof headers === 'string' ? headers : headerValue(headers, SIGNATURE_HEADER);
  const timestamp = String(
    (typeof headers === 'string' ? undefined : headerValue(headers, TIMESTAMP_HEADER)) ?? options.timestamp ?? '',
  ).trim();
  const hex = signature === undefined ? undefined : /^\s*sha256=((?:[0-9A-Fa-f]{2}-){31}[0-9A-Fa-f]{2})\s*$/.exec(signature)?.[1];
  if (hex === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = options.tolerance ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (!(Math.abs(nowSeconds - Number(timestamp)) <= tolerance)) return false;
  const expected = Buffer.from(signWebhookBody(body, secret, timestamp));
  const received = Buffer.from(`sha256=${hex.toUpperCase()}`);
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/**
 * Sends signed webhooks in the background: a delivery never delays the response that caused it.
 * Non-2xx answers and network errors are retried a bounded number of times.
 */
