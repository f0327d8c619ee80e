/// <reference types="node" />
/**
 * Test-mode demo sessions for static galleries (Storybook builds, docs sites): a page with only
 * a publishable test key gets a client token from the sandbox itself. CORS-enabled, refused for
 * anything but `pk_test_` keys, rate-limited per client. The session is made by the same code as
 * `POST /collect/payment_sessions`, owned by a secret key internal to this sandbox.
 */
import type { Context, Hono } from 'hono';
import { DEMO_SESSIONS_PATH } from '../protocol/api.js';
import { DemoCollectSchema, DemoSessionRequestSchema, isExactOrigin } from '../protocol/sessions.js';
import type { SandboxContext } from './context.js';
import { ApiFailure } from './errors.js';
import { randomId } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import { fields, worded } from './schema.js';
import { CreateSessionSchema, MAX_AMOUNT, SESSION_FIELD_WORDS as Line, createSession, ownerOf, returnUrlWords, sessionSpecOf } from './sessions.js';

export { DEMO_SESSIONS_PATH };
const DEFAULT_AMOUNT = 1000;
const DEFAULT_CURRENCY = 'GBP';

const flagWords = 'must be true or false';

/** Body of `POST /v1/demo/sessions` (the protocol's `DemoSessionRequestSchema`), worded as a session's. */
const DemoSessionSchema = worded(
  DemoSessionRequestSchema,
  fields(DemoSessionRequestSchema, {
    publishable_key: 'must be a publishable test key (pk_test_…)',
    amount: Line.amount,
    currency: Line.currency,
    variant: "must be 'modal' or 'inline'",
    collect: fields(DemoCollectSchema, { email: flagWords, billing: flagWords, shipping: flagWords }),
    success_url: returnUrlWords,
    expires_in: Line.expires_in,
    title: Line.title,
    line_items: Line.line_items,
    tax_lines: Line.tax_lines,
    itemLines: Line.itemLines,
    taxLines: Line.taxLines,
    config: Line.config,
    paymentMethods: Line.paymentMethods,
    reference: Line.reference,
  }),
);

/** `pk_test_` followed by letters, digits or underscores (seed 004's own example: `pk_test_your_key_here`). */
const PUBLISHABLE_TEST_KEY = /^pk_test_[A-Za-z0-9_]{1,200}$/;

function checkPublishableKey(key: unknown): void {
  if (typeof key !== 'string' || key === '') {
    throw new ApiFailure(400, 'invalid_request_error', 'publishable_key is required: send your publishable test key (pk_test_…)', 'publishable_key');
  }
  if (key.startsWith('pk_live_') || key.startsWith('sk_')) {
    throw new ApiFailure(
      403,
      'test_mode_only',
      key.startsWith('sk_')
        ? 'Demo sessions take a publishable test key (pk_test_…). Never put a secret key in a web page.'
        : 'Demo sessions are test mode only: use a publishable test key (pk_test_…). Live sessions are created by your server with its secret key.',
      'publishable_key',
    );
  }
  if (!PUBLISHABLE_TEST_KEY.test(key)) {
    throw new ApiFailure(
      400,
      'test_mode_only',
      'Demo sessions are test mode only: publishable_key must be a publishable test key (pk_test_…).',
      'publishable_key',
    );
  }
}

/**
 * Fixed-window request counting per client, in bounded memory: past `maxClients` the oldest
 * windows are dropped first (expired ones before live ones).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxClients = 10_000,
  ) {}

  /** Counts one request; returns the seconds to wait when over the limit, else 0. */
  take(client: string): number {
    const now = this.now();
    let window = this.windows.get(client);
    if (window && now >= window.resetAt) {
      this.windows.delete(client);
      window = undefined;
    }
    if (!window) {
      this.makeRoom(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(client, window);
    }
    window.count += 1;
    return window.count > this.limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxClients) return;
    for (const [client, window] of this.windows) if (now >= window.resetAt) this.windows.delete(client);
    for (const client of this.windows.keys()) {
      if (this.windows.size < this.maxClients) break;
      this.windows.delete(client);
    }
  }
}

/** The request's `Origin` when it is a real web origin (not `null`, not malformed). */
function webOrigin(c: Context): string | undefined {
  const origin = c.req.header('origin');
  return origin !== undefined && isExactOrigin(origin) ? origin : undefined;
}

function remoteAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** CORS for the demo endpoint: any page may call it (test mode only), never with credentials. */
function corsHeaders(c: Context): Record<string, string> {
  const origin = c.req.header('origin');
  return {
    ...(origin !== undefined && { 'access-control-allow-origin': origin }),
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'Content-Type',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

export function registerDemoRoutes(app: Hono, ctx: SandboxContext): void {
  // A secret key that exists only inside this sandbox instance: demo sessions belong to nobody
  // who could read or cancel them through the merchant API.
  const owner = ownerOf(ctx, randomId('sk_test_demo_'));
  const limiter = new RateLimiter(ctx.settings.demoSessionsPerMinute, 60_000, ctx.now);

  // Headers go on every answer of the path, errors included, so a page can read the message.
  app.use(DEMO_SESSIONS_PATH, async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(corsHeaders(c))) c.res.headers.set(name, value);
  });

  app.options(DEMO_SESSIONS_PATH, (c) => c.body(null, 204));

  app.post(DEMO_SESSIONS_PATH, async (c) => {
    const origin = webOrigin(c);
    const wait = limiter.take(`${remoteAddress(c)} ${origin ?? '-'}`);
    if (wait > 0) {
      c.header('retry-after', String(wait));
      throw new ApiFailure(429, 'rate_limited', `Too many demo sessions from this page; try again in ${wait} s.`);
    }
    const body = await readJsonObject(c);
    checkPublishableKey(body.publishable_key);
    const demo = parseOrFail(DemoSessionSchema, body);
    // Without an amount, the lines' total (a convenience for galleries; lines need not add up).
    const lineTotal =
      (demo.line_items ?? []).reduce((sum, item) => sum + item.amount * item.quantity, 0) + (demo.tax_lines ?? []).reduce((sum, tax) => sum + tax.amount, 0);
    const amount = demo.amount ?? (demo.line_items?.length ? lineTotal : DEFAULT_AMOUNT);
    if (amount < 1 || amount > MAX_AMOUNT) {
      throw new ApiFailure(400, 'invalid_request_error', `amount must be a positive integer in minor units, at most ${MAX_AMOUNT}`, 'amount');
    }
    // The same input, schema and checks as the merchant API's session creation.
    const input = parseOrFail(CreateSessionSchema, {
      amount,
      currency: demo.currency ?? DEFAULT_CURRENCY,
      type: 'one_time',
      options: {
        checkout_options: {
          presentation_mode: { mode: 'embedded', variant: demo.variant ?? 'modal' },
          ...(demo.success_url != null && { success_url: demo.success_url }),
        },
      },
      ...(origin !== undefined && { allowed_origins: [origin] }),
      ...(demo.expires_in != null && { expires_in: demo.expires_in }),
      ...(demo.title != null && { title: demo.title }),
      ...(demo.line_items != null && { line_items: demo.line_items }),
      ...(demo.tax_lines != null && { tax_lines: demo.tax_lines }),
      ...(demo.itemLines != null && { itemLines: demo.itemLines }),
      ...(demo.taxLines != null && { taxLines: demo.taxLines }),
      ...(demo.config != null && { config: demo.config }),
      ...(demo.paymentMethods != null && { paymentMethods: demo.paymentMethods }),
      ...(demo.reference != null && { reference: demo.reference }),
      ...(demo.collect != null && {
        collect: { email: demo.collect.email, billing_address: demo.collect.billing, shipping_address: demo.collect.shipping },
      }),
      metadata: { source: 'demo' },
    });
    const session = await createSession(ctx, sessionSpecOf(input), owner);
    return c.json(
      {
        client_token: session.clientToken,
        session_id: session.id,
        expires_at: new Date(session.expiresAt).toISOString(),
        frames_origin: ctx.origin,
      },
      201,
    );
  });
}
