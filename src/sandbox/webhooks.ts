/// <reference types="node" />
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import {
  NoParametersSchema,
  SubscribeWebhookRequestSchema,
  TestWebhookRequestSchema,
  UpdateWebhookRequestSchema,
  WEBHOOK_LIMITS,
  isWebhookUrl,
} from '../protocol/webhooks.js';
import { SESSION_LIMITS } from '../protocol/sessions.js';
import { fields, list, textWords, worded, type Leaf } from './schema.js';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { randomId } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import { ownerOf } from './sessions.js';
import type { PaymentRecord, SessionRecord } from './store.js';
import type { FaultRegistry } from './faults.js';
import type { Fault } from './fault-spec.js';
import {
  DOJO_SIGNATURE_HEADER,
  MAX_WEBHOOK_ENDPOINTS,
  MAX_WEBHOOK_SECRETS,
  PAYMENT_STATUS_OF_SESSION,
  RETRY_DELAYS_MS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  UNSUPPORTED_WEBHOOK_EVENTS,
  WEBHOOK_EVENTS,
  WEBHOOK_EVENT_DESCRIPTIONS,
  signWebhookBody,
  type AttemptData,
  type FulfilmentData,
  type WebhookEndpoint,
  type WebhookEvent,
  type WebhookEventName,
  type WebhookSecret,
} from './webhook-signature.js';
export * from './webhook-signature.js';

const DELIVERY_TIMEOUT_MS = 5000;
/** Endpoints of all accounts together, so that many keys cannot grow the sandbox without bound. */
const MAX_ENDPOINTS_IN_ALL = 256;
/** What the test hook subscribes to unless told otherwise: the product's own event, as always. */
const TEST_HOOK_EVENTS: readonly WebhookEventName[] = ['payment_session.status_updated'];

export { isWebhookUrl };

const WEBHOOK_URL_RULE = 'must be an https URL (http only on a loopback host: localhost, 127.0.0.0/8, [::1])';

const newSecret = (now: number, value = randomBytes(32).toString('base64url')): WebhookSecret => ({
  id: randomId('sc_'),
  value,
  createdAt: now,
  lastUsedAt: null,
  isActive: false,
});

/** An announcement waiting for the end of the current tick, so that one change makes one event. */
interface Pending {
  session: SessionRecord;
  /** The attempt that ended, or the latest payment when only the status changed. */
  payment: PaymentRecord | undefined;
  isAttempt: boolean;
}

/**
 * Holds the webhook endpoints and sends them signed events in the background: a delivery never
 * delays the response that caused it. Non-2xx answers and network errors are retried a bounded
 * number of times.
 *
 * One change makes one event per event name: a payment attempt that also changes the session's
 * status (a success, the decline that locks the session) is a single `…status_updated` event with
 * the new status and the attempt in it, not one for each.
 */
export class WebhookDispatcher {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private readonly pending = new Map<string, Pending>();
  private readonly accountKey = randomBytes(32);
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly log: (line: string) => void,
    /** Test faults for the `webhooks` route: deliveries that fail as if the endpoint had failed. */
    private readonly faults?: FaultRegistry,
  ) {}

  /** The account a secret key stands for (`acc_…`): stable for one sandbox, revealing nothing of the key. */
  accountOf(ownerKey: string): string {
    return `acc_${createHmac('sha256', this.accountKey).update(ownerKey).digest('hex').slice(0, 20)}`;
  }

  // --- Endpoints ---

  /**
   * Test hook and start option: an endpoint with a secret of the caller's choice that receives
   * every account's events. Registering a URL again replaces its endpoint.
   */
  register(url: string, secret: string, events: readonly WebhookEventName[] = TEST_HOOK_EVENTS): WebhookEndpoint {
    for (const [id, endpoint] of this.endpoints) {
      if (endpoint.url === url && endpoint.ownerKey === null) this.endpoints.delete(id);
    }
    return this.add(null, url, events, null, { ...newSecret(this.now(), secret), isActive: true }, randomId('test_'));
  }

  /** A subscription as `POST /webhooks` makes it: its own id and one active, generated secret. */
  subscribe(ownerKey: string, url: string, events: readonly WebhookEventName[], description: string | null): WebhookEndpoint {
    return this.add(ownerKey, url, events, description, { ...newSecret(this.now()), isActive: true }, randomId('ws_'));
  }

  private add(
    ownerKey: string | null,
    url: string,
    events: readonly WebhookEventName[],
    description: string | null,
    secret: WebhookSecret,
    id: string,
  ): WebhookEndpoint {
    const now = this.now();
    const endpoint: WebhookEndpoint = { id, ownerKey, url, description, events: [...new Set(events)], secrets: [secret], createdAt: now, updatedAt: now };
    this.endpoints.set(id, endpoint);
    return endpoint;
  }

  /** Whether `ownerKey` (null: the test hook) may add another endpoint. */
  hasRoomFor(ownerKey: string | null): boolean {
    return this.endpoints.size < MAX_ENDPOINTS_IN_ALL && this.ownedBy(ownerKey).length < MAX_WEBHOOK_ENDPOINTS;
  }

  update(endpoint: WebhookEndpoint, changes: { url?: string; events?: readonly WebhookEventName[]; description?: string | null }): void {
    if (changes.url !== undefined) endpoint.url = changes.url;
    if (changes.events !== undefined) endpoint.events = [...new Set(changes.events)];
    if (changes.description !== undefined) endpoint.description = changes.description;
    endpoint.updatedAt = this.now();
  }

  /** A new, inactive secret: the receiver learns it first, then `activateSecret` switches deliveries to it. */
  generateSecret(endpoint: WebhookEndpoint): WebhookSecret {
    const secret = newSecret(this.now());
    endpoint.secrets.push(secret);
    endpoint.updatedAt = this.now();
    return secret;
  }

  /** Makes `secret` the one deliveries are signed with, from the next try on. */
  activateSecret(endpoint: WebhookEndpoint, secret: WebhookSecret): void {
    for (const s of endpoint.secrets) s.isActive = s === secret;
    endpoint.updatedAt = this.now();
  }

  deleteSecret(endpoint: WebhookEndpoint, secret: WebhookSecret): void {
    endpoint.secrets = endpoint.secrets.filter((s) => s !== secret);
    endpoint.updatedAt = this.now();
  }

  remove(id: string): boolean {
    return this.endpoints.delete(id);
  }

  get(id: string): WebhookEndpoint | undefined {
    return this.endpoints.get(id);
  }

  /** The subscriptions of one account (`ownerKey`), or the test hook's (`null`), oldest first. */
  ownedBy(ownerKey: string | null): WebhookEndpoint[] {
    return [...this.endpoints.values()].filter((e) => e.ownerKey === ownerKey);
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

  // --- Events ---

  /** A session was created: `payment_intent.created`. */
  sessionCreated(session: SessionRecord): void {
    this.emit(session.id, session.ownerKey, 'payment_intent.created', {
      paymentIntentId: session.id,
      paymentStatus: 'Created',
      captureMode: 'Auto',
      ...fulfilmentData(session, undefined),
    });
  }

  /** A session's status changed; `latestPayment` is its latest attempt, if any. */
  statusChanged(session: SessionRecord, latestPayment: PaymentRecord | undefined): void {
    this.announce(session, latestPayment, false);
  }

  /** A payment attempt reached an outcome (success, decline, failure, cancel or abandon). */
  attemptEnded(session: SessionRecord, payment: PaymentRecord): void {
    this.announce(session, payment, true);
  }

  /**
   * Gathers what happens to a session in one tick (the store reports a status change before the
   * attempt that caused it) and sends it once, at the end of the tick.
   */
  private announce(session: SessionRecord, payment: PaymentRecord | undefined, isAttempt: boolean): void {
    let pending = this.pending.get(session.id);
    if (pending?.isAttempt && isAttempt && pending.payment !== payment) {
      // A second attempt in the same tick (not possible today) keeps its own event.
      this.flush(session.id);
      pending = undefined;
    }
    if (!pending) {
      pending = { session, payment, isAttempt };
      this.pending.set(session.id, pending);
      queueMicrotask(() => this.flush(session.id));
    } else if (isAttempt) {
      pending.payment = payment;
      pending.isAttempt = true;
    }
  }

  private flush(sessionId: string): void {
    const pending = this.pending.get(sessionId);
    if (!pending) return;
    this.pending.delete(sessionId);
    const { session, payment } = pending;
    const attempt = attemptData(payment);
    const fulfilment = fulfilmentData(session, payment);
    this.emit(session.id, session.ownerKey, 'payment_intent.status_updated', {
      paymentIntentId: session.id,
      paymentStatus: PAYMENT_STATUS_OF_SESSION[session.status],
      captureMode: 'Auto',
      ...attempt,
      ...fulfilment,
    });
    this.emit(session.id, session.ownerKey, 'payment_session.status_updated', {
      sessionId: session.id,
      status: session.status,
      ...attempt,
      ...fulfilment,
    });
  }

  private emit<E extends WebhookEvent>(sessionId: string, ownerKey: string, name: E['event'], data: E['data']): void {
    if (this.closed) return;
    const targets = [...this.endpoints.values()].filter((e) => e.events.includes(name) && (e.ownerKey === null || e.ownerKey === ownerKey));
    if (targets.length === 0) return;
    const event = {
      id: randomId('evt_', 22),
      event: name,
      accountId: this.accountOf(ownerKey),
      createdAt: new Date(this.now()).toISOString(),
      data,
    } as E;
    const body = JSON.stringify(event);
    for (const endpoint of targets) this.deliver(endpoint, event, body, 0, sessionId);
  }

  /** Stops retries and aborts deliveries under way. */
  close(): void {
    this.closed = true;
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  /** One try of a delivery, after a test fault for the `webhooks` route is looked for. */
  private deliver(endpoint: WebhookEndpoint, event: WebhookEvent, body: string, attempt: number, sessionId: string): void {
    if (this.closed || this.endpoints.get(endpoint.id) !== endpoint) return;
    const faults = this.faults;
    if (!faults?.has(['webhooks'])) {
      this.attempt(endpoint, event, body, attempt, sessionId, undefined);
      return;
    }
    void faults
      .take(['webhooks'], () => sessionId)
      .then((fault) => {
        if (fault) faults.applied(fault, `webhook ${event.id} ${event.event} to ${endpoint.id}`);
        this.attempt(endpoint, event, body, attempt, sessionId, fault);
      });
  }

  /**
   * One try: posted to the endpoint, or failed as a test fault says (`error`, `reset`, `timeout`:
   * nothing is sent; `slow`: sent late; `error_after_charge`, `drop_after_charge`: sent, and its
   * answer lost, so the retry delivers the event again). Failures are retried on `RETRY_DELAYS_MS`.
   */
  private attempt(endpoint: WebhookEndpoint, event: WebhookEvent, body: string, attempt: number, sessionId: string, fault: Fault | undefined): void {
    const what = `webhook ${event.id} ${event.event} to ${endpoint.id}`;
    let result: Promise<string | null | undefined>;
    switch (fault?.fault) {
      case 'error':
        result = Promise.resolve(`HTTP ${fault.status}, simulated`);
        break;
      case 'reset':
        result = Promise.resolve('connection reset, simulated');
        break;
      case 'timeout':
        // The endpoint never answers: the delivery gives up at its own timeout, or sooner if told.
        result = this.faults!.wait(Math.min(fault.delay_ms ?? DELIVERY_TIMEOUT_MS, DELIVERY_TIMEOUT_MS)).then(() => 'TimeoutError, simulated');
        break;
      case 'slow':
        result = this.faults!.wait(fault.delay_ms ?? 0).then(() => this.post(endpoint, body));
        break;
      case 'error_after_charge':
        result = this.post(endpoint, body).then((failure) => failure ?? `HTTP ${fault.status} after delivery, simulated`);
        break;
      case 'drop_after_charge':
        result = this.post(endpoint, body).then((failure) => failure ?? 'connection dropped after delivery, simulated');
        break;
      default:
        result = this.post(endpoint, body);
    }
    void result.then((failure) => {
      // undefined: the endpoint went away (deleted, no active secret, sandbox closed) before the try.
      if (failure === undefined) return;
      if (failure === null) {
        this.log(`${what} delivered`);
        return;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      if (this.closed || delay === undefined) {
        this.log(`${what} failed (${failure}), giving up`);
        return;
      }
      this.log(`${what} failed (${failure}), retrying in ${delay} ms`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.deliver(endpoint, event, body, attempt + 1, sessionId);
      }, delay);
      timer.unref?.();
      this.timers.add(timer);
    });
  }

  /** Posts a signed delivery: null when the endpoint took it, why not otherwise, undefined when nothing was sent. */
  private post(endpoint: WebhookEndpoint, body: string): Promise<string | null | undefined> {
    // A deleted endpoint gets no more tries; one whose secret was rotated gets the new signature.
    const secret = endpoint.secrets.find((s) => s.isActive);
    if (this.closed || this.endpoints.get(endpoint.id) !== endpoint || secret === undefined) return Promise.resolve(undefined);
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    this.inFlight.add(controller);
    // Each try is signed afresh: a retry carries its own time, so a receiver's tolerance holds.
    const timestamp = Math.floor(this.now() / 1000);
    secret.lastUsedAt = this.now();
    return fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [DOJO_SIGNATURE_HEADER]: signWebhookBody(body, secret.value),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhookBody(body, secret.value, timestamp),
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
      .finally(() => {
        clearTimeout(timeout);
        this.inFlight.delete(controller);
      });
  }
}

/** What the merchant needs to fulfil the order; the details the customer gave, never card data. */
function fulfilmentData(session: SessionRecord, payment: PaymentRecord | undefined): FulfilmentData {
  return {
    customerDetails: session.customerDetails ?? payment?.customerDetails ?? null,
    metadata: { ...session.metadata },
    reference: session.reference ?? null,
    custom: session.custom ?? null,
  };
}

function attemptData(payment: PaymentRecord | undefined): AttemptData {
  return {
    paymentId: payment?.id ?? null,
    statusCode: payment?.statusCode ?? null,
    ...(payment?.status === 'succeeded' && payment.authCode !== undefined && { authCode: payment.authCode }),
  };
}

// --- The merchant API ---

const webhookUrlWords: Leaf = (url: unknown) =>
  typeof url === 'string' && url.length > SESSION_LIMITS.url ? `must be at most ${SESSION_LIMITS.url} characters` : WEBHOOK_URL_RULE;

const eventWords: Leaf = (event: unknown) =>
  (UNSUPPORTED_WEBHOOK_EVENTS as readonly unknown[]).includes(event)
    ? `is never sent by the sandbox (it sends no receipts); subscribe to ${WEBHOOK_EVENTS.join(', ')}`
    : `must name known events: ${WEBHOOK_EVENTS.join(', ')} (GET /webhooks/events lists them)`;

const eventsWords = list(
  (events: unknown) =>
    !Array.isArray(events) ? 'must be an array of event names' : events.length === 0 ? 'must name at least one event' : 'has too many entries',
  eventWords,
);

const descriptionWords = textWords(WEBHOOK_LIMITS.description);

/** Seed 004's subscription body (`SubscribeWebhookRequestSchema`), worded. */
const SubscribeSchema = worded(
  SubscribeWebhookRequestSchema,
  fields(SubscribeWebhookRequestSchema, { url: webhookUrlWords, events: eventsWords, description: descriptionWords }),
);
/** `PATCH /webhooks/:id`: any of the three. */
const PatchSubscriptionSchema = worded(
  UpdateWebhookRequestSchema,
  fields(UpdateWebhookRequestSchema, { url: webhookUrlWords, events: eventsWords, description: descriptionWords }),
);
const EmptySchema = worded(NoParametersSchema, fields(NoParametersSchema, {}));

const TestHookSchema = worded(
  TestWebhookRequestSchema,
  fields(TestWebhookRequestSchema, {
    url: webhookUrlWords,
    secret: (secret: unknown) =>
      typeof secret !== 'string'
        ? 'must be a string'
        : secret.length < WEBHOOK_LIMITS.minSecret
          ? `must be at least ${WEBHOOK_LIMITS.minSecret} characters`
          : `must be at most ${WEBHOOK_LIMITS.maxSecret} characters`,
    events: eventsWords,
  }),
);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A secret as the API shows it: its `value` only in the answer that created it. */
const secretObject = (secret: WebhookSecret, withValue = false) => ({
  id: secret.id,
  ...(withValue && { value: secret.value }),
  createdAt: iso(secret.createdAt),
  lastUsedAt: iso(secret.lastUsedAt),
  isActive: secret.isActive,
});

/** A subscription in seed 004's shape. */
const subscriptionObject = (ctx: SandboxContext, endpoint: WebhookEndpoint, withSecretValues = false) => ({
  id: endpoint.id,
  accountId: endpoint.ownerKey === null ? 'acc_sandbox' : ctx.webhooks.accountOf(endpoint.ownerKey),
  events: endpoint.events,
  url: endpoint.url,
  description: endpoint.description,
  secrets: endpoint.secrets.map((s) => secretObject(s, withSecretValues)),
  createdAt: iso(endpoint.createdAt),
  updatedAt: iso(endpoint.updatedAt),
});

/** The caller's subscription `:id`; another account's is a 404, as if it did not exist. */
function ownSubscription(c: Context, ctx: SandboxContext): WebhookEndpoint {
  const owner = ownerOf(ctx, requireSecretKey(c));
  const id = c.req.param('id') ?? '';
  const endpoint = ctx.webhooks.get(id);
  if (!endpoint || endpoint.ownerKey !== owner) throw notFound(`No webhook subscription with id '${id}'.`);
  return endpoint;
}

function ownSecret(c: Context, endpoint: WebhookEndpoint): WebhookSecret {
  const id = c.req.param('secretId') ?? '';
  const secret = endpoint.secrets.find((s) => s.id === id);
  if (!secret) throw notFound(`Webhook subscription '${endpoint.id}' has no secret with id '${id}'.`);
  return secret;
}

/** A body that may be absent; when present, it must be an empty JSON object. */
async function readNoParameters(c: Context): Promise<void> {
  if ((await c.req.text()).trim() === '') return;
  parseOrFail(EmptySchema, await readJsonObject(c));
}

function roomFor(ctx: SandboxContext, ownerKey: string | null): void {
  if (!ctx.webhooks.hasRoomFor(ownerKey)) {
    throw new ApiFailure(
      400,
      'invalid_request_error',
      `The sandbox keeps at most ${MAX_WEBHOOK_ENDPOINTS} webhook subscriptions per account; delete one first.`,
    );
  }
}

/**
 * Webhook subscriptions, as seed 004's Webhooks API (auth: the secret key, as for every merchant
 * route). Each account (secret key) sees and receives only its own; ids are `ws_…`, secrets `sc_…`.
 *
 * - `GET /webhooks/events`: the events one can subscribe to, `[{event, description}]`.
 * - `POST /webhooks` `{events, url, description?}` → 201, the subscription with its first secret,
 *   active, `value` included (Webhooks_Subscribe). `url` must be https, or http on a loopback host.
 * - `GET /webhooks` (Webhooks_GetAlSubscriptions), `GET /webhooks/:id`: secrets without `value`.
 * - `PUT /webhooks/:id` `{events, url, description?}` replaces them; `PATCH /webhooks/:id` changes
 *   any of them (Webhooks_SubscribeUpdate). `DELETE /webhooks/:id` (Webhooks_DeleteSubscriptions).
 * - `GET /webhooks/:id/secrets` (Webhooks_GetSecrets): without values.
 * - `POST /webhooks/:id/secrets` → 201, a new inactive secret with its `value`, shown this once
 *   (Webhooks_GenerateSecret).
 * - `POST /webhooks/:id/secrets/:secretId/activate`: deliveries are signed with it from then on;
 *   the others turn inactive (Webhooks_ActivateSecret).
 * - `DELETE /webhooks/:id/secrets/:secretId`: an inactive secret (Webhooks_DeleteSecret).
 *
 * Test hooks: `POST /test/webhooks` `{url, secret, events?}` adds an endpoint with a secret of your
 * choice that receives every account's events (default: `payment_session.status_updated`);
 * `DELETE /test/webhooks` forgets every endpoint.
 */
export function registerWebhookRoutes(app: Hono, ctx: SandboxContext): void {
  // Before `/webhooks/:id`, which would take `events` for an id.
  app.get('/webhooks/events', (c) => {
    requireSecretKey(c);
    return c.json(WEBHOOK_EVENTS.map((event) => ({ event, description: WEBHOOK_EVENT_DESCRIPTIONS[event] })));
  });

  app.post('/webhooks', async (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    const { events, url, description } = parseOrFail(SubscribeSchema, await readJsonObject(c));
    roomFor(ctx, owner);
    const endpoint = ctx.webhooks.subscribe(owner, url, events, description ?? null);
    return c.json(subscriptionObject(ctx, endpoint, true), 201);
  });

  app.get('/webhooks', (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    return c.json(ctx.webhooks.ownedBy(owner).map((e) => subscriptionObject(ctx, e)));
  });

  app.get('/webhooks/:id', (c) => c.json(subscriptionObject(ctx, ownSubscription(c, ctx))));

  app.put('/webhooks/:id', async (c) => {
    const endpoint = ownSubscription(c, ctx);
    const { events, url, description } = parseOrFail(SubscribeSchema, await readJsonObject(c));
    ctx.webhooks.update(endpoint, { events, url, description: description ?? null });
    return c.json(subscriptionObject(ctx, endpoint));
  });

  app.patch('/webhooks/:id', async (c) => {
    const endpoint = ownSubscription(c, ctx);
    const { events, url, description } = parseOrFail(PatchSubscriptionSchema, await readJsonObject(c));
    ctx.webhooks.update(endpoint, {
      ...(events !== undefined && { events }),
      ...(url !== undefined && { url }),
      ...(description !== undefined && { description }),
    });
    return c.json(subscriptionObject(ctx, endpoint));
  });

  app.delete('/webhooks/:id', (c) => {
    const endpoint = ownSubscription(c, ctx);
    ctx.webhooks.remove(endpoint.id);
    return c.json({ id: endpoint.id, deleted: true });
  });

  app.get('/webhooks/:id/secrets', (c) => c.json(ownSubscription(c, ctx).secrets.map((s) => secretObject(s))));

  app.post('/webhooks/:id/secrets', async (c) => {
    const endpoint = ownSubscription(c, ctx);
    await readNoParameters(c);
    if (endpoint.secrets.length >= MAX_WEBHOOK_SECRETS) {
      throw new ApiFailure(400, 'invalid_request_error', `A subscription keeps at most ${MAX_WEBHOOK_SECRETS} secrets; delete an inactive one first.`);
    }
    return c.json(secretObject(ctx.webhooks.generateSecret(endpoint), true), 201);
  });

  app.post('/webhooks/:id/secrets/:secretId/activate', async (c) => {
    const endpoint = ownSubscription(c, ctx);
    const secret = ownSecret(c, endpoint);
    await readNoParameters(c);
    ctx.webhooks.activateSecret(endpoint, secret);
    return c.json(secretObject(secret));
  });

  app.delete('/webhooks/:id/secrets/:secretId', (c) => {
    const endpoint = ownSubscription(c, ctx);
    const secret = ownSecret(c, endpoint);
    if (secret.isActive) {
      throw new ApiFailure(
        400,
        'invalid_request_error',
        `Secret '${secret.id}' is the one deliveries are signed with; activate another (POST /webhooks/${endpoint.id}/secrets/{secretId}/activate) before deleting it.`,
      );
    }
    ctx.webhooks.deleteSecret(endpoint, secret);
    return c.json({ id: secret.id, deleted: true });
  });

  app.post('/test/webhooks', async (c) => {
    requireSecretKey(c);
    const { url, secret, events } = parseOrFail(TestHookSchema, await readJsonObject(c));
    if (!ctx.webhooks.ownedBy(null).some((e) => e.url === url)) roomFor(ctx, null);
    const endpoint = ctx.webhooks.register(url, secret, events ?? undefined);
    return c.json({ object: 'webhook_endpoint', url, events: endpoint.events });
  });

  app.delete('/test/webhooks', (c) => {
    requireSecretKey(c);
    ctx.webhooks.clear();
    return c.json({ object: 'webhook_endpoint_list', data: [] });
  });
}
