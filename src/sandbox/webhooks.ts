/// <reference types="node" />
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';
import type { Hono } from 'hono';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { randomId } from './ids.js';
import { isHttpUrl, parseOrFail, readJsonObject } from './request.js';
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

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export const SIGNATURE_HEADER = 'Moment-Signature';
/** Delays before each retry; the first delivery is immediate, so at most four tries. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000];
const DELIVERY_TIMEOUT_MS = 5000;

/**
 * `sha256=` and the HMAC-SHA256 of the exact body, as upper-case hex bytes joined by `-`
 * (the format of seed 004's `Dojo-Signature`).
 */
export function signWebhookBody(body: string | Uint8Array, secret: string): string {
  const digest = createHmac('sha256', secret).update(body).digest();
  return `sha256=${Array.from(digest, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join('-')}`;
}

/** True when `header` is the signature of `body` under `secret`; compares in constant time. */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
): boolean {
  const hex = typeof header === 'string' ? /^\s*sha256=((?:[0-9A-Fa-f]{2}-){31}[0-9A-Fa-f]{2})\s*$/.exec(header)?.[1] : undefined;
  if (hex === undefined) return false;
  const expected = Buffer.from(signWebhookBody(body, secret));
  const received = Buffer.from(`sha256=${hex.toUpperCase()}`);
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/**
 * Sends signed webhooks in the background: a delivery never delays the response that caused it.
 * Non-2xx answers and network errors are retried a bounded number of times.
 */
export class WebhookDispatcher {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  register(url: string, secret: string): void {
    this.endpoints.set(url, { url, secret });
  }

  clear(): void {
    this.endpoints.clear();
  }

  get registered(): readonly WebhookEndpoint[] {
    return [...this.endpoints.values()];
  }

  emit(data: SessionStatusEvent['data']): void {
    if (this.closed || this.endpoints.size === 0) return;
    const event: SessionStatusEvent = {
      id: randomId('evt_', 22),
      event: 'payment_session.status_updated',
      accountId: 'acc_sandbox',
      createdAt: new Date(this.now()).toISOString(),
      data,
    };
    const body = JSON.stringify(event);
    for (const endpoint of this.endpoints.values()) this.deliver(endpoint, event.id, body, 0);
  }

  /** Stops retries and aborts deliveries under way. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private deliver(endpoint: WebhookEndpoint, eventId: string, body: string, attempt: number): void {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    this.inFlight.add(controller);
    fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(body, endpoint.secret) },
      body,
      signal: controller.signal,
      redirect: 'manual',
    })
      .then(async (response) => {
        await response.body?.cancel();
        return response.ok ? null : `HTTP ${response.status}`;
      })
      .catch((error: unknown) => (error instanceof Error ? error.name : 'network error'))
      .then((failure) => {
        clearTimeout(timeout);
        this.inFlight.delete(controller);
        if (failure === null) {
          this.log(`webhook ${eventId} delivered`);
          return;
        }
        const delay = RETRY_DELAYS_MS[attempt];
        if (this.closed || delay === undefined) {
          this.log(`webhook ${eventId} failed (${failure}), giving up`);
          return;
        }
        this.log(`webhook ${eventId} failed (${failure}), retrying in ${delay} ms`);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.deliver(endpoint, eventId, body, attempt + 1);
        }, delay);
        timer.unref?.();
        this.timers.add(timer);
      });
  }
}

const RegisterWebhookSchema = v.object({
  url: v.pipe(v.string('must be an http or https URL'), v.maxLength(2048, 'must be at most 2048 characters'), v.check(isHttpUrl, 'must be an http or https URL')),
  secret: v.pipe(v.string('must be a string'), v.minLength(8, 'must be at least 8 characters'), v.maxLength(256, 'must be at most 256 characters')),
});

/** Test hooks: register (`POST`) or forget all (`DELETE`) webhook endpoints at run time. */
export function registerWebhookRoutes(app: Hono, ctx: SandboxContext): void {
  app.post('/test/webhooks', async (c) => {
    requireSecretKey(c);
    const { url, secret } = parseOrFail(RegisterWebhookSchema, await readJsonObject(c));
    ctx.webhooks.register(url, secret);
    return c.json({ object: 'webhook_endpoint', url, events: ['payment_session.status_updated'] });
  });

  app.delete('/test/webhooks', (c) => {
    requireSecretKey(c);
    ctx.webhooks.clear();
    return c.json({ object: 'webhook_endpoint_list', data: [] });
  });
}
