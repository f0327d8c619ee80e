import * as v from 'valibot';
import { object, record } from './schema.js';
import type { Hono } from 'hono';
import { CHECKOUT_VARIANTS } from '../protocol/api.js';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { optionalIdempotencyKey } from './idempotency.js';
import { randomId } from './ids.js';
import { isHttpUrl, parseOrFail, readJsonObject } from './request.js';
import type { SessionRecord } from './store.js';

export const MAX_AMOUNT = 99_999_999;
const SESSION_ID_PLACEHOLDER = /\{SESSION_ID\}|%7BSESSION_ID%7D/g;

const MinorUnits = (max: number) =>
  v.pipe(
    v.number('must be an integer in minor units'),
    v.integer('must be an integer in minor units'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(max, `must be at most ${max} in minor units`),
  );
const Text = (max: number) =>
  v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));
const Flag = v.nullish(v.boolean('must be true or false'));

/** ISO 4217 codes as this Node's ICU knows them (every active currency). */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const Currency = v.pipe(
  v.string('must be a three-letter ISO 4217 code in upper case, e.g. GBP'),
  v.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in upper case, e.g. GBP'),
  v.check(
    (code) => ISO_CURRENCIES.has(code),
    (issue) => `must be an ISO 4217 currency code, e.g. GBP, EUR or USD ('${String(issue.input)}' is not one)`,
  ),
);

export const MAX_ALLOWED_ORIGINS = 20;

/** True for an exact web origin: `scheme://host[:port]`, http(s), nothing after it. */
export function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.origin === value &&
      // The URL parser lets `*` and other odd characters through in host names; CSP would not.
      /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/.test(url.hostname)
    );
  } catch {
    return false;
  }
}

const ORIGIN_MESSAGE = "must be exact origins such as 'https://shop.example' (http or https, lower case, no path, no '*')";
const AllowedOrigins = v.pipe(
  v.array(v.pipe(v.string(ORIGIN_MESSAGE), v.maxLength(2048, ORIGIN_MESSAGE), v.check(isExactOrigin, ORIGIN_MESSAGE)), 'must be an array of origins'),
  v.minLength(1, 'must name at least one origin'),
  v.maxLength(MAX_ALLOWED_ORIGINS, `must have at most ${MAX_ALLOWED_ORIGINS} origins`),
);

/** Body of `POST /collect/payment_sessions` (seed 000), plus the checkout page extras of seed 004. */
export const CreateSessionSchema = object({
  amount: v.pipe(
    v.number('must be a positive integer in minor units'),
    v.integer('must be a positive integer in minor units'),
    v.minValue(1, 'must be a positive integer in minor units'),
    v.maxValue(MAX_AMOUNT, `must be at most ${MAX_AMOUNT} in minor units`),
  ),
  currency: Currency,
  type: v.literal('one_time', "must be 'one_time'"),
  /** Origins allowed to host this session's frames (CSP frame-ancestors); success_url's origin is added. */
  allowed_origins: v.nullish(AllowedOrigins),
  options: v.nullish(
    object(
      {
        checkout_options: v.nullish(
          object(
            {
              presentation_mode: v.nullish(
                object(
                  {
                    mode: v.nullish(v.picklist(['embedded', 'hosted'], "must be 'embedded' or 'hosted'")),
                    variant: v.nullish(v.picklist(CHECKOUT_VARIANTS, "must be 'modal' or 'inline'")),
                  },
                  'must be an object',
                ),
              ),
              success_url: v.nullish(
                v.pipe(
                  v.string('must be an http or https URL'),
                  v.maxLength(2048, 'must be at most 2048 characters'),
                  v.check(isHttpUrl, 'must be an http or https URL'),
                ),
              ),
            },
            'must be an object',
          ),
        ),
      },
      'must be an object',
    ),
  ),
  metadata: v.nullish(
    v.pipe(
      record(
        v.pipe(v.string(), v.maxLength(40, 'keys must be at most 40 characters')),
        v.pipe(v.string('values must be strings'), v.maxLength(500, 'values must be at most 500 characters')),
        'must be an object of string values',
      ),
      v.check((record) => Object.keys(record).length <= 50, 'must have at most 50 keys'),
    ),
  ),
  reference: v.nullish(Text(255)),
  /** Seconds until the session expires (default: the sandbox's session TTL, 30 minutes). */
  expires_in: v.nullish(
    v.pipe(v.number('must be a number of seconds'), v.integer('must be a whole number of seconds'), v.minValue(1, 'must be at least 1 second'), v.maxValue(86_400, 'must be at most 86400 seconds')),
  ),
  title: v.nullish(Text(200)),
  line_items: v.nullish(
    v.pipe(
      v.array(
        object(
          {
            name: Text(200),
            quantity: v.pipe(
              v.number('must be a positive integer'),
              v.integer('must be a positive integer'),
              v.minValue(1, 'must be a positive integer'),
              v.maxValue(10_000, 'must be at most 10000'),
            ),
            amount: MinorUnits(MAX_AMOUNT),
          },
          'must be an object',
        ),
        'must be an array',
      ),
      v.maxLength(100, 'must have at most 100 items'),
    ),
  ),
  tax_lines: v.nullish(
    v.pipe(
      v.array(object({ name: Text(200), amount: MinorUnits(MAX_AMOUNT) }, 'must be an object'), 'must be an array'),
      v.maxLength(20, 'must have at most 20 items'),
    ),
  ),
  collect: v.nullish(
    object({ email: Flag, billing_address: Flag, shipping_address: Flag }, 'must be an object'),
  ),
});
export type CreateSessionInput = v.InferOutput<typeof CreateSessionSchema>;

/**
 * With line items, the amount must be what the page shows: the sum of the item lines (`amount` is
 * the unit price, a line is `amount × quantity`) plus the tax lines. A mismatch is a merchant bug
 * the customer would see as a wrong total, so it is refused here, naming `amount`.
 */
export function checkOrderTotal(input: CreateSessionInput): void {
  if (!input.line_items || input.line_items.length === 0) return;
  const items = input.line_items.reduce((sum, item) => sum + item.amount * item.quantity, 0);
  const taxes = (input.tax_lines ?? []).reduce((sum, tax) => sum + tax.amount, 0);
  if (items + taxes !== input.amount) {
    throw new ApiFailure(
      400,
      'invalid_request_error',
      `amount must equal the sum of the line_items (amount × quantity) plus the tax_lines: ${items + taxes}`,
      'amount',
    );
  }
}

/** The session object of seed 000, as the merchant API returns it. */
export function sessionObject(ctx: SandboxContext, session: SessionRecord) {
  const payment = session.latestPaymentId ? ctx.store.payment(session.latestPaymentId) : undefined;
  return {
    id: session.id,
    object: 'payment_session' as const,
    status: session.status,
    amount: session.amount,
    currency: session.currency,
    type: session.type,
    client_token: session.clientToken,
    presentation_mode: session.mode,
    variant: session.variant,
    success_url: session.successUrl,
    allowed_origins: session.allowedOrigins,
    expires_at: new Date(session.expiresAt).toISOString(),
    created_at: new Date(session.createdAt).toISOString(),
    failed_attempts: session.failedAttempts,
    last_attempt: session.lastAttempt
      ? {
          outcome: session.lastAttempt.outcome,
          status_code: session.lastAttempt.statusCode,
          at: new Date(session.lastAttempt.at).toISOString(),
        }
      : null,
    payment: payment
      ? {
          id: payment.id,
          status: payment.status,
          status_code: payment.statusCode,
          auth_code: payment.authCode ?? null,
          message: payment.message,
        }
      : null,
    metadata: session.metadata,
    reference: session.reference,
    ...(session.title !== undefined && { title: session.title }),
    ...(session.lineItems !== undefined && { line_items: session.lineItems }),
    ...(session.taxLines !== undefined && { tax_lines: session.taxLines }),
    ...(session.collect !== undefined && { collect: session.collect }),
  };
}

/** The origins a session's frames may be hosted by: the given ones plus success_url's origin. */
function allowedOriginsOf(input: CreateSessionInput, successUrl: string | null): string[] | null {
  if (!input.allowed_origins) return null;
  const origins = new Set(input.allowed_origins);
  if (successUrl !== null) origins.add(new URL(successUrl).origin);
  return [...origins];
}

/** The keyed hash a session's owner is stored as (the key itself is never kept). */
export const ownerOf = (ctx: SandboxContext, apiKey: string): string => ctx.fingerprints.of(apiKey);

/** Builds, signs and stores a session; nothing is stored unless all of it succeeded. */
export async function createSession(ctx: SandboxContext, input: CreateSessionInput, ownerKey: string): Promise<SessionRecord> {
  const id = randomId('ps_');
  const createdAt = ctx.now();
  const expiresAt = createdAt + (input.expires_in ?? ctx.settings.sessionTtlSeconds) * 1000;
  const checkout = input.options?.checkout_options;
  const variant = checkout?.presentation_mode?.variant ?? 'modal';
  const clientToken = await ctx.tokens.sign({ id, variant, expiresAt });
  const successUrl = checkout?.success_url?.replace(SESSION_ID_PLACEHOLDER, id) ?? null;
  const session: SessionRecord = {
    id,
    ownerKey,
    allowedOrigins: allowedOriginsOf(input, successUrl),
    lastAttempt: null,
    status: 'open',
    amount: input.amount,
    currency: input.currency,
    type: input.type,
    mode: checkout?.presentation_mode?.mode ?? 'embedded',
    variant,
    successUrl,
    createdAt,
    expiresAt,
    failedAttempts: 0,
    latestPaymentId: null,
    succeededPaymentId: null,
    pendingChallengeId: null,
    metadata: input.metadata ?? {},
    reference: input.reference ?? null,
    custom: null,
    title: input.title ?? undefined,
    lineItems: input.line_items ?? undefined,
    taxLines: input.tax_lines ?? undefined,
    collect: input.collect
      ? {
          email: input.collect.email ?? undefined,
          billing_address: input.collect.billing_address ?? undefined,
          shipping_address: input.collect.shipping_address ?? undefined,
        }
      : undefined,
    clientToken,
  };
  ctx.store.addSession(session);
  return session;
}

/** A session as its owner sees it: another key's session is a 404, as if it did not exist. */
function existingSession(ctx: SandboxContext, id: string, ownerKey?: string): SessionRecord {
  const session = ctx.store.session(id);
  if (!session || (ownerKey !== undefined && session.ownerKey !== ownerKey)) throw notFound(`No payment session with id '${id}'.`);
  return session;
}

/** Test hook: ends an open session now, as if its time had run out. */
export function expireSession(ctx: SandboxContext, id: string): SessionRecord {
  const session = existingSession(ctx, id);
  session.expiresAt = Math.min(session.expiresAt, ctx.now());
  return existingSession(ctx, id);
}

/** The merchant API of seed 000: create and read payment sessions with a secret key. */
export function registerSessionRoutes(app: Hono, ctx: SandboxContext): void {
  app.post('/collect/payment_sessions', async (c) => {
    const apiKey = requireSecretKey(c);
    const owner = ownerOf(ctx, apiKey);
    const key = optionalIdempotencyKey(c);
    const body = await readJsonObject(c);
    const input = parseOrFail(CreateSessionSchema, body);
    checkOrderTotal(input);

    let created: Promise<SessionRecord>;
    if (key === undefined) {
      created = createSession(ctx, input, owner);
    } else {
      const scopedKey = `${owner}:${key}`;
      const requestHash = ctx.fingerprints.of(body);
      const prior = ctx.store.sessionKeys.get(scopedKey);
      if (prior && prior.requestHash !== requestHash) {
        throw new ApiFailure(409, 'idempotency_error', 'This Idempotency-Key was already used with a different request body.');
      }
      // The entry is set before the first await, so a concurrent retry joins the same creation.
      created = prior?.result ?? createSession(ctx, input, owner);
      if (!prior) {
        ctx.store.sessionKeys.set(scopedKey, { requestHash, result: created });
        created.catch(() => ctx.store.sessionKeys.delete(scopedKey));
      }
    }
    const session = await created;
    return c.json(sessionObject(ctx, existingSession(ctx, session.id)));
  });

  app.get('/collect/payment_sessions/:id', (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    return c.json(sessionObject(ctx, existingSession(ctx, c.req.param('id'), owner)));
  });

  app.post('/collect/payment_sessions/:id/cancel', (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    const session = existingSession(ctx, c.req.param('id'), owner);
    if (session.status !== 'open') {
      throw new ApiFailure(409, 'session_closed', `This payment session is already ${session.status}.`);
    }
    ctx.store.setStatus(session, 'cancelled');
    return c.json(sessionObject(ctx, session));
  });

  app.post('/test/payment_sessions/:id/expire', (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    existingSession(ctx, c.req.param('id'), owner);
    return c.json(sessionObject(ctx, expireSession(ctx, c.req.param('id'))));
  });
}
