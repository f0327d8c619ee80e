import type { Context, Hono } from 'hono';
import { PAYMENT_STATUS_OF_SESSION } from './webhook-signature.js';
import { hostedCheckoutUrl, type CheckoutVariant } from '../protocol/api.js';
import { CHECKOUT_LINE_LIMITS as LINE, type CheckoutLine } from '../protocol/checkout.js';
import { CUSTOMER_LIMITS } from '../protocol/customer.js';
import {
  CheckoutOptionsSchema,
  CollectSchema,
  CollectionSchema,
  ConfigDetailsSchema,
  ConfigSchema,
  CreateSessionRequestSchema,
  ItemLineSchema,
  LineAmountSchema,
  PresentationSchema,
  ProductLineItemSchema,
  ProductTaxLineSchema,
  SESSION_LIMITS,
  SeedAmountSchema as SeedAmountRequestSchema,
  SessionOptionsSchema,
  TaxLineSchema,
  returnUrlProblem,
  type CreateSessionRequest,
} from '../protocol/sessions.js';
import type { Issue } from '../protocol/schema.js';
import { fields, isPlainObject, list, textWords, wholeWords, worded, type Leaf } from './schema.js';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { optionalIdempotencyKey } from './idempotency.js';
import { randomId } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import type { CollectOptions, LineItem, PaymentMethod, PresentationMode, SessionRecord, TaxLine } from './store.js';

export const MAX_AMOUNT = LINE.maxAmount;
const SESSION_ID_PLACEHOLDER = /\{SESSION_ID\}|%7BSESSION_ID%7D/g;

// ----- the words of a refused session body (the rules are the protocol's: src/protocol/sessions.ts) -----

export const amountWords = wholeWords(
  'must be a positive integer in minor units',
  [1, 'must be a positive integer in minor units'],
  [MAX_AMOUNT, `must be at most ${MAX_AMOUNT} in minor units`],
);
const minorUnitsWords = wholeWords(
  'must be an integer in minor units',
  [0, 'must not be negative'],
  [MAX_AMOUNT, `must be at most ${MAX_AMOUNT} in minor units`],
);
const quantityWords = wholeWords('must be a positive integer', [1, 'must be a positive integer'], [LINE.maxQuantity, `must be at most ${LINE.maxQuantity}`]);
const flagWords = 'must be true or false';

export const currencyWords: Leaf = (code: unknown, issue: Issue) =>
  issue.message === 'iso-currency'
    ? `must be an ISO 4217 currency code, e.g. GBP, EUR or USD ('${String(code)}' is not one)`
    : 'must be a three-letter ISO 4217 code in upper case, e.g. GBP';

const RETURN_URL_ALLOWED = 'must be an https URL (http only for localhost, 127.0.0.1 or [::1]) or an app deep link such as yourapp://checkout';
/** Why a return URL (`success_url`, `cancel_url`, `config.redirectUrl`) is refused (the rule: `returnUrlProblem`). */
export const returnUrlWords: Leaf = (url: unknown) => {
  if (typeof url !== 'string') return 'must be a URL string';
  if (url.length > SESSION_LIMITS.url) return `must be at most ${SESSION_LIMITS.url} characters`;
  switch (returnUrlProblem(url)) {
    case 'http':
      return 'must use https: http is allowed only for localhost, 127.0.0.1 or [::1] (seed 002: "use HTTPS everywhere")';
    case 'scheme':
      return `must not use the ${new URL(url).protocol} scheme: ${RETURN_URL_ALLOWED}`;
    default:
      return RETURN_URL_ALLOWED;
  }
};

const ORIGIN_MESSAGE = "must be exact origins such as 'https://shop.example' (http or https, lower case, no path, no '*')";

/** The merchant's metadata (the protocol's `MetaDataSchema`): its key, its value, or the whole. */
const metadataWords: Leaf = (metadata: unknown, issue: Issue) => {
  const { metaDataKey, metaDataValue, metaDataKeys } = CUSTOMER_LIMITS;
  if (issue.message === 'too-many-keys') return `must have at most ${metaDataKeys} keys`;
  const key = issue.path[0];
  if (typeof key !== 'string') return 'must be an object of string values';
  if (key === '') return 'keys must not be empty';
  if (key.length > metaDataKey) return `keys must be at most ${metaDataKey} characters`;
  return typeof (metadata as Record<string, unknown>)[key] === 'string' ? `values must be at most ${metaDataValue} characters` : 'values must be strings';
};

const lineAmountWords = fields(LineAmountSchema, { value: minorUnitsWords, currencyCode: currencyWords });
const linesWords = (max: number) => (lines: unknown) => (Array.isArray(lines) ? `must have at most ${max} items` : 'must be an array');
const collectionWords = fields(CollectionSchema, { collectionRequired: flagWords });

/** Words of each field of a session body, shared with the demo session's. */
export const SESSION_FIELD_WORDS = {
  amount: amountWords,
  currency: currencyWords,
  type: "must be 'one_time'",
  allowed_origins: list(
    (origins: unknown) =>
      !Array.isArray(origins)
        ? 'must be an array of origins'
        : origins.length === 0
          ? 'must name at least one origin'
          : `must have at most ${SESSION_LIMITS.allowedOrigins} origins`,
    ORIGIN_MESSAGE,
  ),
  options: fields(SessionOptionsSchema, {
    checkout_options: fields(
      CheckoutOptionsSchema,
      {
        presentation_mode: fields(PresentationSchema, { mode: "must be 'embedded' or 'hosted'", variant: "must be 'modal' or 'inline'" }),
        success_url: returnUrlWords,
        cancel_url: returnUrlWords,
      },
      { hints: { redirectUrl: 'success_url (or config.redirectUrl)', return_url: 'success_url' } },
    ),
  }),
  metadata: metadataWords,
  reference: textWords(SESSION_LIMITS.reference, 1),
  custom: textWords(SESSION_LIMITS.custom, 1),
  description: textWords(SESSION_LIMITS.description, 1),
  expires_in: (seconds: unknown) =>
    typeof seconds !== 'number'
      ? 'must be a number of seconds'
      : !Number.isInteger(seconds)
        ? 'must be a whole number of seconds'
        : seconds < 1
          ? 'must be at least 1 second'
          : `must be at most ${SESSION_LIMITS.expiresIn} seconds`,
  title: textWords(SESSION_LIMITS.title, 1),
  line_items: list(
    linesWords(LINE.itemLines),
    fields(ProductLineItemSchema, { name: textWords(LINE.caption, 1), quantity: quantityWords, amount: minorUnitsWords }),
  ),
  tax_lines: list(linesWords(LINE.taxLines), fields(ProductTaxLineSchema, { name: textWords(LINE.caption, 1), amount: minorUnitsWords })),
  itemLines: list(
    linesWords(LINE.itemLines),
    fields(ItemLineSchema, { id: textWords(LINE.id, 1), quantity: quantityWords, caption: textWords(LINE.caption, 1), amountTotal: lineAmountWords }),
  ),
  taxLines: list(
    linesWords(LINE.taxLines),
    fields(TaxLineSchema, {
      id: textWords(LINE.id, 1),
      caption: textWords(LINE.caption, 1),
      subCaption: textWords(LINE.subCaption, 1),
      amountTotal: lineAmountWords,
    }),
  ),
  collect: fields(CollectSchema, { email: flagWords, billing_address: flagWords, shipping_address: flagWords }),
  config: fields(
    ConfigSchema,
    {
      title: textWords(SESSION_LIMITS.title, 1),
      redirectUrl: returnUrlWords,
      details: fields(ConfigDetailsSchema, { showTotal: flagWords }),
      customerEmail: collectionWords,
      billingAddress: collectionWords,
      shippingDetails: collectionWords,
    },
    {
      hints: {
        cancelUrl: 'options.checkout_options.cancel_url',
        cancel_url: 'options.checkout_options.cancel_url',
        successUrl: 'redirectUrl',
        showTotal: 'details.showTotal',
      },
    },
  ),
  paymentMethods: list(
    (_methods: unknown, issue: Issue) =>
      issue.message === 'empty'
        ? "must name at least one method ('Card', 'Wallet')"
        : issue.message === 'duplicate'
          ? 'must not name a method twice'
          : "must be an array such as ['Card', 'Wallet']",
    "must be 'Card' or 'Wallet'",
  ),
} as const;

/** Seed 004's money object, `{value, currencyCode}` (the protocol's `SeedAmountSchema`), worded. */
export const SeedAmountSchema = worded(SeedAmountRequestSchema, fields(SeedAmountRequestSchema, { value: amountWords, currencyCode: currencyWords }));

/** Body of `POST /collect/payment_sessions` (the protocol's `CreateSessionRequestSchema`), worded. */
export const CreateSessionSchema = worded(
  CreateSessionRequestSchema,
  fields(CreateSessionRequestSchema, SESSION_FIELD_WORDS, {
    hints: {
      redirectUrl: 'config.redirectUrl',
      success_url: 'options.checkout_options.success_url',
      cancel_url: 'options.checkout_options.cancel_url',
      showTotal: 'config.details.showTotal',
      currencyCode: 'amount.currencyCode (with amount as {value, currencyCode})',
    },
  }),
);
export type CreateSessionInput = CreateSessionRequest;

const invalid = (param: string, message: string) => new ApiFailure(400, 'invalid_request_error', message, param);

/**
 * Reads a create-session body. `amount` may be seed 004's `{value, currencyCode}`; then `currency`
 * may be left out, and where both are given they must agree.
 */
export function parseSessionBody(body: Record<string, unknown>): CreateSessionInput {
  if (!isPlainObject(body.amount)) return parseOrFail(CreateSessionSchema, body);
  const money = parseOrFail(SeedAmountSchema, body.amount, 'amount');
  if (body.currency != null && body.currency !== money.currencyCode) {
    throw invalid('currency', `currency must be amount.currencyCode (${money.currencyCode}) when both are given; give one`);
  }
  return parseOrFail(CreateSessionSchema, { ...body, amount: money.value, currency: money.currencyCode });
}

/** What a session is made of, with every field given under two names resolved to one. */
export interface SessionSpec {
  amount: number;
  currency: string;
  mode: PresentationMode;
  variant: CheckoutVariant;
  /** With `{SESSION_ID}` still in them. */
  successUrl: string | null;
  cancelUrl: string | null;
  allowedOrigins: string[] | null;
  expiresIn: number | null;
  metadata: Record<string, string>;
  reference: string | null;
  custom: string | null;
  description: string | null;
  title: string | undefined;
  itemLines: CheckoutLine[] | undefined;
  taxLines: CheckoutLine[] | undefined;
  productLines: SessionRecord['productLines'];
  showTotal: boolean | undefined;
  paymentMethods: PaymentMethod[];
  collect: CollectOptions | undefined;
}

/** One value given under the product's name or the seed's, never both (a 400 naming both). */
function oneOf<T>(product: string, productValue: T | null | undefined, seed: string, seedValue: T | null | undefined): T | undefined {
  if (productValue != null && seedValue != null) {
    throw invalid(seed, `${product} and ${seed} are the same field under two names; give one`);
  }
  return productValue ?? seedValue ?? undefined;
}

/** The product's `line_items` (unit price × quantity) as seed 004's item lines. */
const itemLinesOf = (items: LineItem[], currency: string): CheckoutLine[] =>
  items.map((item, i) => {
    const value = item.amount * item.quantity;
    if (value > MAX_AMOUNT) {
      throw new ApiFailure(
        400,
        'invalid_request_error',
        `line_items.${i} amount × quantity must be at most ${MAX_AMOUNT} in minor units`,
        `line_items.${i}.amount`,
      );
    }
    return { id: `line_${i + 1}`, quantity: item.quantity, caption: item.name, amountTotal: { value, currencyCode: currency } };
  });
const taxLinesOf = (taxes: TaxLine[], currency: string): CheckoutLine[] =>
  taxes.map((tax, i) => ({ id: `tax_${i + 1}`, caption: tax.name, amountTotal: { value: tax.amount, currencyCode: currency } }));

/** Seed lines as stored: no `null` subCaption. */
const seedLines = (
  lines: { id: string; caption: string; quantity?: number; subCaption?: string | null | undefined; amountTotal: CheckoutLine['amountTotal'] }[],
): CheckoutLine[] => lines.map(({ subCaption, ...line }) => ({ ...line, ...(subCaption != null && { subCaption }) }));

/**
 * Resolves names and checks what needs more than one field. Item and tax amounts are shown as
 * given and need not add up to `amount` (seed 004: "Item and tax amounts do not affect the payment
 * intent amount"), but each line's currency must be the session's.
 */
export function sessionSpecOf(input: CreateSessionInput): SessionSpec {
  const checkout = input.options?.checkout_options;
  const config = input.config;
  const currency = input.currency;
  const itemLines = oneOf(
    'line_items',
    input.line_items && itemLinesOf(input.line_items, currency),
    'itemLines',
    input.itemLines && seedLines(input.itemLines),
  );
  const taxLines = oneOf('tax_lines', input.tax_lines && taxLinesOf(input.tax_lines, currency), 'taxLines', input.taxLines && seedLines(input.taxLines));
  for (const [name, lines] of [
    ['itemLines', input.itemLines],
    ['taxLines', input.taxLines],
  ] as const) {
    lines?.forEach((line, i) => {
      if (line.amountTotal.currencyCode !== currency) {
        throw invalid(
          `${name}.${i}.amountTotal.currencyCode`,
          `${name}.${i}.amountTotal.currencyCode must be the session's currency (${currency}); ${name}.${i} is in ${line.amountTotal.currencyCode}`,
        );
      }
    });
  }
  const flag = (product: keyof CollectOptions, seed: 'customerEmail' | 'billingAddress' | 'shippingDetails') =>
    oneOf(`collect.${product}`, input.collect?.[product], `config.${seed}.collectionRequired`, config?.[seed]?.collectionRequired);
  const collect: CollectOptions = {
    email: flag('email', 'customerEmail'),
    billing_address: flag('billing_address', 'billingAddress'),
    shipping_address: flag('shipping_address', 'shippingDetails'),
  };
  const productLines =
    input.line_items != null || input.tax_lines != null
      ? { ...(input.line_items != null && { line_items: input.line_items }), ...(input.tax_lines != null && { tax_lines: input.tax_lines }) }
      : undefined;
  return {
    amount: input.amount,
    currency,
    mode: checkout?.presentation_mode?.mode ?? 'embedded',
    variant: checkout?.presentation_mode?.variant ?? 'modal',
    successUrl: oneOf('options.checkout_options.success_url', checkout?.success_url, 'config.redirectUrl', config?.redirectUrl) ?? null,
    cancelUrl: checkout?.cancel_url ?? null,
    allowedOrigins: input.allowed_origins ?? null,
    expiresIn: input.expires_in ?? null,
    metadata: input.metadata ?? {},
    reference: input.reference ?? null,
    custom: input.custom ?? null,
    description: input.description ?? null,
    title: oneOf('title', input.title, 'config.title', config?.title),
    itemLines,
    taxLines,
    productLines,
    showTotal: config?.details?.showTotal ?? undefined,
    paymentMethods: input.paymentMethods ?? ['Card'],
    collect: input.collect != null || Object.values(collect).some((value) => value !== undefined) ? collect : undefined,
  };
}

/** A return URL with the session id: `{SESSION_ID}` replaced, or `session_id=` added when it has neither. */
export function withSessionId(url: string, id: string): string {
  const replaced = url.replace(SESSION_ID_PLACEHOLDER, id);
  if (replaced !== url) return replaced;
  const hash = url.indexOf('#');
  const [base, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  if (/[?&]session_id=/.test(base)) return url;
  return `${base}${base.includes('?') ? '&' : '?'}session_id=${encodeURIComponent(id)}${fragment}`;
}

/** A session's checkout page on this sandbox's origin (the frames origin): see `hostedCheckoutUrl`. */
export const checkoutUrlOf = (ctx: SandboxContext, session: SessionRecord): string => hostedCheckoutUrl(ctx.origin, session.id, session.clientToken);

/** The session object of seed 000, as the merchant API returns it, with seed 004's fields beside. */
export function sessionObject(ctx: SandboxContext, session: SessionRecord) {
  const payment = session.latestPaymentId ? ctx.store.payment(session.latestPaymentId) : undefined;
  const collect = session.collect;
  const collection = (flag: boolean | undefined) => (flag === undefined ? undefined : { collectionRequired: flag });
  // Seed 004's `config`, whichever names the merchant used.
  const config = {
    ...(session.title !== undefined && { title: session.title }),
    ...(session.successUrl !== null && { redirectUrl: session.successUrl }),
    ...(session.showTotal !== undefined && { details: { showTotal: session.showTotal } }),
    ...(collect?.email !== undefined && { customerEmail: collection(collect.email) }),
    ...(collect?.billing_address !== undefined && { billingAddress: collection(collect.billing_address) }),
    ...(collect?.shipping_address !== undefined && { shippingDetails: collection(collect.shipping_address) }),
  };
  return {
    id: session.id,
    object: 'payment_session' as const,
    status: session.status,
    amount: session.amount,
    currency: session.currency,
    type: session.type,
    client_token: session.clientToken,
    /**
     * The session's checkout page, to open top-level: where a hosted session sends the customer,
     * and, for an embedded session too, the URL a mobile app's WebView opens. The client token
     * rides in the fragment, so the URL is the capability to pay: hand it only to the customer.
     */
    checkout_url: checkoutUrlOf(ctx, session),
    presentation_mode: session.mode,
    variant: session.variant,
    success_url: session.successUrl,
    cancel_url: session.cancelUrl,
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
          customer_details: payment.customerDetails ?? null,
        }
      : null,
    /** What the customer gave (seed 004's "Additional information" shape), merged across payments. */
    customer_details: session.customerDetails ?? null,
    metadata: session.metadata,
    reference: session.reference,
    custom: session.custom,
    description: session.description,
    paymentMethods: session.paymentMethods,
    ...(session.title !== undefined && { title: session.title }),
    ...(session.itemLines !== undefined && { itemLines: session.itemLines }),
    ...(session.taxLines !== undefined && { taxLines: session.taxLines }),
    ...(session.productLines?.line_items !== undefined && { line_items: session.productLines.line_items }),
    ...(session.productLines?.tax_lines !== undefined && { tax_lines: session.productLines.tax_lines }),
    ...(collect !== undefined && { collect }),
    config,
  };
}

/** Seed 004's payment-intent endpoints (`POST`, `GET /{id}`): the same sessions, the seed's shape. */
export const PAYMENT_INTENTS_PATH = '/payment-intents';

/**
 * A session as seed 004's payment intent: the seed's fields (`status` as `paymentStatus`,
 * `captureMode`, `amount` as money, `clientSessionSecret`, `paymentDetails` once paid) over the
 * session object, whose own `status` stays readable as `session_status`.
 */
export function paymentIntentObject(ctx: SandboxContext, session: SessionRecord) {
  const money = { value: session.amount, currencyCode: session.currency };
  const paid = session.succeededPaymentId ? ctx.store.payment(session.succeededPaymentId) : undefined;
  const updatedAt = Math.max(session.createdAt, session.lastAttempt?.at ?? 0);
  return {
    ...sessionObject(ctx, session),
    status: PAYMENT_STATUS_OF_SESSION[session.status],
    session_status: session.status,
    captureMode: 'Auto' as const,
    amount: money,
    totalAmount: money,
    refundedAmount: 0,
    clientSessionSecret: session.clientToken,
    /** Seed 004's payment link (`…/checkout/{id}`): the session's `checkout_url`, for every session. */
    paymentLink: checkoutUrlOf(ctx, session),
    createdAt: new Date(session.createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    ...(paid && {
      paymentDetails: {
        transactionId: paid.id,
        transactionDateTime: new Date(paid.createdAt).toISOString(),
        message: paid.message,
        ...(paid.authCode !== undefined && { authCode: paid.authCode }),
      },
    }),
  };
}

/** The origins a session's frames may be hosted by: the given ones plus success_url's origin (a web URL's). */
function allowedOriginsOf(spec: SessionSpec, successUrl: string | null): string[] | null {
  if (!spec.allowedOrigins) return null;
  const origins = new Set(spec.allowedOrigins);
  // An app deep link has no web origin (`null`): nothing to add.
  if (successUrl !== null && /^https?:/i.test(successUrl)) origins.add(new URL(successUrl).origin);
  return [...origins];
}

/** The keyed hash a session's owner is stored as (the key itself is never kept). */
export const ownerOf = (ctx: SandboxContext, apiKey: string): string => ctx.fingerprints.of(apiKey);

/** Builds, signs and stores a session; nothing is stored unless all of it succeeded. */
export async function createSession(ctx: SandboxContext, spec: SessionSpec, ownerKey: string): Promise<SessionRecord> {
  const id = randomId('ps_');
  const createdAt = ctx.now();
  const expiresAt = createdAt + (spec.expiresIn ?? ctx.settings.sessionTtlSeconds) * 1000;
  const variant = spec.variant;
  const clientToken = await ctx.tokens.sign({ id, variant, mode: spec.mode, expiresAt });
  const successUrl = spec.successUrl?.replace(SESSION_ID_PLACEHOLDER, id) ?? null;
  const session: SessionRecord = {
    id,
    ownerKey,
    allowedOrigins: allowedOriginsOf(spec, successUrl),
    lastAttempt: null,
    status: 'open',
    amount: spec.amount,
    currency: spec.currency,
    type: 'one_time',
    mode: spec.mode,
    variant,
    successUrl,
    cancelUrl: spec.cancelUrl === null ? null : withSessionId(spec.cancelUrl, id),
    createdAt,
    expiresAt,
    failedAttempts: 0,
    latestPaymentId: null,
    succeededPaymentId: null,
    pendingChallengeId: null,
    metadata: spec.metadata,
    reference: spec.reference,
    description: spec.description,
    custom: spec.custom,
    title: spec.title,
    itemLines: spec.itemLines,
    taxLines: spec.taxLines,
    productLines: spec.productLines,
    showTotal: spec.showTotal,
    paymentMethods: spec.paymentMethods,
    collect: spec.collect,
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
  /** Creates a session from a merchant request (secret key, optional `Idempotency-Key`). */
  async function createFromRequest(c: Context): Promise<SessionRecord> {
    const apiKey = requireSecretKey(c);
    const owner = ownerOf(ctx, apiKey);
    const key = optionalIdempotencyKey(c);
    const body = await readJsonObject(c);
    const spec = sessionSpecOf(parseSessionBody(body));

    let created: Promise<SessionRecord>;
    if (key === undefined) {
      created = createSession(ctx, spec, owner);
    } else {
      const scopedKey = `${owner}:${key}`;
      const requestHash = ctx.fingerprints.of(body);
      const prior = ctx.store.sessionKeys.get(scopedKey);
      if (prior && prior.requestHash !== requestHash) {
        throw new ApiFailure(409, 'idempotency_error', 'This Idempotency-Key was already used with a different request body.');
      }
      // The entry is set before the first await, so a concurrent retry joins the same creation.
      created = prior?.result ?? createSession(ctx, spec, owner);
      if (!prior) {
        ctx.store.sessionKeys.set(scopedKey, { requestHash, result: created });
        created.catch(() => ctx.store.sessionKeys.delete(scopedKey));
      }
    }
    return existingSession(ctx, (await created).id);
  }

  app.post('/collect/payment_sessions', async (c) => c.json(sessionObject(ctx, await createFromRequest(c))));

  // Seed 004's paths for the same sessions: the payment intent is the session under the seed's names.
  app.post(PAYMENT_INTENTS_PATH, async (c) => c.json(paymentIntentObject(ctx, await createFromRequest(c))));
  app.get(`${PAYMENT_INTENTS_PATH}/:id`, (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    return c.json(paymentIntentObject(ctx, existingSession(ctx, c.req.param('id'), owner)));
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
