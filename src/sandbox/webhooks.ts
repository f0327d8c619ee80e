/// <reference types="node" />
import * as v from 'valibot';
import { object } from './schema.js';
import type { Hono } from 'hono';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { randomId } from './ids.js';
import { isHttpUrl, parseOrFail, readJsonObject } from './request.js';
import type { SessionStatus } from './store.js';
import type { StatusCode } from '../protocol/card.js';
import { DEFAULT_WEBHOOK_TOLERANCE_SECONDS, RETRY_DELAYS_MS, SIGNATURE_HEADER, TIMESTAMP_HEADER, MAX_WEBHOOK_ENDPOINTS, WEBHOOK_EVENTS, signWebhookBody, verifyWebhookSignature, type SessionStatusEvent, type WebhookEndpoint, type WebhookEventName } from './webhook-signature.js';
export * from './webhook-signature.js';

const DELIVERY_TIMEOUT_MS = 5000;
export class WebhookDispatcher {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** Test hook and start option: one endpoint per URL, registering a URL again replaces it. */
  register(url: string, secret: string): WebhookEndpoint {
    for (const [id, endpoint] of this.endpoints) {
      if (endpoint.url === url && id.startsWith('test_')) this.endpoints.delete(id);
    }
    return this.add(url, secret, WEBHOOK_EVENTS, randomId('test_'));
  }

  /** Adds an endpoint as a merchant registers it (`POST /webhooks`): with its own id and secret. */
  add(url: string, secret: string, events: readonly WebhookEventName[], id = randomId('we_')): WebhookEndpoint {
    const endpoint: WebhookEndpoint = { id, url, secret, events: [...new Set(events)], createdAt: this.now() };
    this.endpoints.set(id, endpoint);
    return endpoint;
  }

  remove(id: string): boolean {
    return this.endpoints.delete(id);
  }

  get(id: string): WebhookEndpoint | undefined {
    return this.endpoints.get(id);
  }

  get size(): number {
    return this.endpoints.size;
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
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.events.includes(event.event)) this.deliver(endpoint, event.id, body, 0);
    }
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
    // Each try is signed afresh: a retry carries its own time, so a receiver's tolerance holds.
    const timestamp = Math.floor(this.now() / 1000);
    fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhookBody(body, endpoint.secret, timestamp),
      },
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

const RegisterWebhookSchema = object({
  url: v.pipe(v.string('must be an http or https URL'), v.maxLength(2048, 'must be at most 2048 characters'), v.check(isHttpUrl, 'must be an http or https URL')),
  secret: v.pipe(v.string('must be a string'), v.minLength(8, 'must be at least 8 characters'), v.maxLength(256, 'must be at most 256 characters')),
});

const CreateWebhookSchema = object({
  url: v.pipe(v.string('must be an http or https URL'), v.maxLength(2048, 'must be at most 2048 characters'), v.check(isHttpUrl, 'must be an http or https URL')),
  events: v.nullish(
    v.pipe(
      v.array(v.picklist(WEBHOOK_EVENTS, `must name known events: ${WEBHOOK_EVENTS.join(', ')}`), 'must be an array of event names'),
      v.minLength(1, 'must name at least one event'),
      v.maxLength(WEBHOOK_EVENTS.length * 4, 'has too many entries'),
    ),
  ),
});

/** An endpoint as the merchant API shows it: never its secret after creation. */
const endpointObject = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  object: 'webhook_endpoint' as const,
  url: endpoint.url,
  events: endpoint.events,
  created_at: new Date(endpoint.createdAt).toISOString(),
});

function fullError(ctx: SandboxContext): void {
  if (ctx.webhooks.size >= MAX_WEBHOOK_ENDPOINTS) {
    throw new ApiFailure(400, 'invalid_request_error', `The sandbox keeps at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`);
  }
}

/**
 * Webhook endpoints. Merchant API (Bearer secret key): `POST /webhooks` registers one and answers
 * its signing secret once, `GET /webhooks` lists them without secrets, `DELETE /webhooks/:id`
 * removes one. Test hooks: `POST /test/webhooks` with a secret of your choice, `DELETE` forgets all.
 */
export function registerWebhookRoutes(app: Hono, ctx: SandboxContext): void {
  app.post('/webhooks', async (c) => {
    requireSecretKey(c);
    const { url, events } = parseOrFail(CreateWebhookSchema, await readJsonObject(c));
    fullError(ctx);
    const endpoint = ctx.webhooks.add(url, randomId('whsec_', 32), events ?? WEBHOOK_EVENTS);
    return c.json({ ...endpointObject(endpoint), secret: endpoint.secret }, 201);
  });

  app.get('/webhooks', (c) => {
    requireSecretKey(c);
    const data = ctx.webhooks.registered.filter((e) => e.id.startsWith('we_')).map(endpointObject);
    return c.json({ object: 'list', data });
  });

  app.delete('/webhooks/:id', (c) => {
    requireSecretKey(c);
    const id = c.req.param('id');
    if (!id.startsWith('we_') || !ctx.webhooks.remove(id)) throw notFound(`No webhook endpoint with id '${id}'.`);
    return c.json({ id, object: 'webhook_endpoint', deleted: true });
  });

  app.post('/test/webhooks', async (c) => {
    requireSecretKey(c);
    const { url, secret } = parseOrFail(RegisterWebhookSchema, await readJsonObject(c));
    if (!ctx.webhooks.registered.some((e) => e.url === url && e.id.startsWith('test_'))) fullError(ctx);
    ctx.webhooks.register(url, secret);
    return c.json({ object: 'webhook_endpoint', url, events: ['payment_session.status_updated'] });
  });

  app.delete('/test/webhooks', (c) => {
    requireSecretKey(c);
    ctx.webhooks.clear();
    return c.json({ object: 'webhook_endpoint_list', data: [] });
  });
}
