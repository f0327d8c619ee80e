import * as v from 'valibot';
import { isPlainObject, object, record } from './schema.js';
import type { Context, Hono } from 'hono';
import { PAYMENT_STATUS_OF_SESSION } from './webhook-signature.js';
import { CHECKOUT_VARIANTS, PRESENTATION_MODES, hostedCheckoutUrl, type CheckoutVariant } from '../protocol/api.js';
import { CHECKOUT_LINE_LIMITS as LINE, type CheckoutLine } from '../protocol/checkout.js';
import { CUSTOMER_LIMITS } from '../protocol/customer.js';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { optionalIdempotencyKey } from './idempotency.js';
import { randomId } from './ids.js';
import { ReturnUrl, parseOrFail, readJsonObject } from './request.js';
import { PAYMENT_METHODS, type CollectOptions, type LineItem, type PaymentMethod, type PresentationMode, type SessionRecord, type TaxLine } from './store.js';

export const MAX_AMOUNT = LINE.maxAmount;
const SESSION_ID_PLACEHOLDER = /\{SESSION_ID\}|%7BSESSION_ID%7D/g;

const MinorUnits = (max: number) =>
  v.pipe(
    v.number('must be an integer in minor units'),
    v.integer('must be an integer in minor units'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(max, `must be at most ${max} in minor units`),
  );
const Text = (max: number) => v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));
const Flag = v.nullish(v.boolean('must be true or false'));
const PositiveAmount = v.pipe(
  v.number('must be a positive integer in minor units'),
  v.integer('must be a positive integer in minor units'),
  v.minValue(1, 'must be a positive integer in minor units'),
  v.maxValue(MAX_AMOUNT, `must be at most ${MAX_AMOUNT} in minor units`),
);
const Quantity = v.pipe(
  v.number('must be a positive integer'),
  v.integer('must be a positive integer'),
  v.minValue(1, 'must be a positive integer'),
  v.maxValue(LINE.maxQuantity, `must be at most ${LINE.maxQuantity}`),
);
export const MAX_ITEM_LINES = LINE.itemLines;
export const MAX_TAX_LINES = LINE.taxLines;

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

/** Seed 004's money object, `{value, currencyCode}`: the session's `amount` in the seed's shape. */
export const SeedAmountSchema = object({ value: PositiveAmount, currencyCode: Currency });

/** A line's `amountTotal` (seed 004): shown as given; its currency must be the session's. */
const LineAmount = object({ value: MinorUnits(MAX_AMOUNT), currencyCode: Currency });

/** Seed 004 `itemLines[]`: `amountTotal` is the whole line's amount. */
const ItemLineSchema = object({ id: Text(LINE.id), quantity: Quantity, caption: Text(LINE.caption), amountTotal: LineAmount });
/** Seed 004 `taxLines[]`, with an optional `subCaption` such as `10%`. */
const TaxLineSchema = object({ id: Text(LINE.id), caption: Text(LINE.caption), subCaption: v.nullish(Text(LINE.subCaption)), amountTotal: LineAmount });

/** The product's `line_items[]`: `amount` is the unit price. */
const ProductLineItemSchema = object({ name: Text(LINE.caption), quantity: Quantity, amount: MinorUnits(MAX_AMOUNT) });
const ProductTaxLineSchema = object({ name: Text(LINE.caption), amount: MinorUnits(MAX_AMOUNT) });

const Collection = object({ collectionRequired: v.boolean('must be true or false') });

/** Seed 004 `config`: the checkout page's extras. */
const ConfigSchema = object(
  {
    title: v.nullish(Text(200)),
    /** Same as `options.checkout_options.success_url`. */
    redirectUrl: v.nullish(ReturnUrl),
    details: v.nullish(object({ showTotal: Flag })),
    customerEmail: v.nullish(Collection),
    billingAddress: v.nullish(Collection),
    shippingDetails: v.nullish(Collection),
  },
  'must be an object',
  {
    cancelUrl: 'options.checkout_options.cancel_url',
    cancel_url: 'options.checkout_options.cancel_url',
    successUrl: 'redirectUrl',
    showTotal: 'details.showTotal',
  },
);

const PaymentMethods = v.pipe(
  v.array(v.picklist(PAYMENT_METHODS, "must be 'Card' or 'Wallet'"), "must be an array such as ['Card', 'Wallet']"),
  v.minLength(1, "must name at least one method ('Card', 'Wallet')"),
  v.check((methods) => new Set(methods).size === methods.length, 'must not name a method twice'),
);

/**
 * Body of `POST /collect/payment_sessions`: seed 000's fields, and seed 004's payment-intent fields
 * under the seed's names (`amount` as `{value, currencyCode}`, `itemLines`, `taxLines`, `config`,
 * `paymentMethods`, `custom`, `description`). Where the product has its own name for the same thing
 * (`title`, `line_items`, `tax_lines`, `collect`, `success_url`) both are taken, one at a time.
 */
export const CreateSessionSchema = object(
  {
    amount: PositiveAmount,
    currency: Currency,
    /** Defaults to `one_time` (seed 004's bodies leave it out). */
    type: v.nullish(v.literal('one_time', "must be 'one_time'")),
    /** Origins allowed to host this session's frames (CSP frame-ancestors); success_url's origin is added. */
    allowed_origins: v.nullish(AllowedOrigins),
    options: v.nullish(
      object({
        checkout_options: v.nullish(
          object(
            {
              presentation_mode: v.nullish(
                object({
                  /** `hosted`: the customer is sent to the session's `checkout_url`; `embedded` (default): the checkout opens in the merchant's page. */
                  mode: v.nullish(v.picklist(PRESENTATION_MODES, "must be 'embedded' or 'hosted'")),
                  variant: v.nullish(v.picklist(CHECKOUT_VARIANTS, "must be 'modal' or 'inline'")),
                }),
              ),
              success_url: v.nullish(ReturnUrl),
              /** Where a customer who cancels at the bank page (redirect mode) returns. */
              cancel_url: v.nullish(ReturnUrl),
            },
            'must be an object',
            { redirectUrl: 'success_url (or config.redirectUrl)', return_url: 'success_url' },
          ),
        ),
      }),
    ),
    metadata: v.nullish(
      v.pipe(
        record(
          v.pipe(v.string(), v.maxLength(CUSTOMER_LIMITS.metaDataKey, `keys must be at most ${CUSTOMER_LIMITS.metaDataKey} characters`)),
          v.pipe(
            v.string('values must be strings'),
            v.maxLength(CUSTOMER_LIMITS.metaDataValue, `values must be at most ${CUSTOMER_LIMITS.metaDataValue} characters`),
          ),
          'must be an object of string values',
        ),
        v.check((record) => Object.keys(record).length <= CUSTOMER_LIMITS.metaDataKeys, `must have at most ${CUSTOMER_LIMITS.metaDataKeys} keys`),
      ),
    ),
    reference: v.nullish(Text(255)),
    /** The merchant's order id (seed 002: "always pass your internal order ID as the custom parameter"). */
    custom: v.nullish(Text(255)),
    /** Seed 004's `description`, stored and returned. */
    description: v.nullish(Text(500)),
    /** Seconds until the session expires (default: the sandbox's session TTL, 30 minutes). */
    expires_in: v.nullish(
      v.pipe(
        v.number('must be a number of seconds'),
        v.integer('must be a whole number of seconds'),
        v.minValue(1, 'must be at least 1 second'),
        v.maxValue(86_400, 'must be at most 86400 seconds'),
      ),
    ),
    title: v.nullish(Text(200)),
    line_items: v.nullish(v.pipe(v.array(ProductLineItemSchema, 'must be an array'), v.maxLength(MAX_ITEM_LINES, `must have at most ${MAX_ITEM_LINES} items`))),
    tax_lines: v.nullish(v.pipe(v.array(ProductTaxLineSchema, 'must be an array'), v.maxLength(MAX_TAX_LINES, `must have at most ${MAX_TAX_LINES} items`))),
    itemLines: v.nullish(v.pipe(v.array(ItemLineSchema, 'must be an array'), v.maxLength(MAX_ITEM_LINES, `must have at most ${MAX_ITEM_LINES} items`))),
    taxLines: v.nullish(v.pipe(v.array(TaxLineSchema, 'must be an array'), v.maxLength(MAX_TAX_LINES, `must have at most ${MAX_TAX_LINES} items`))),
    collect: v.nullish(object({ email: Flag, billing_address: Flag, shipping_address: Flag })),
    config: v.nullish(ConfigSchema),
    paymentMethods: v.nullish(PaymentMethods),
  },
  'must be an object',
  {
    redirectUrl: 'config.redirectUrl',
    success_url: 'options.checkout_options.success_url',
    cancel_url: 'options.checkout_options.cancel_url',
    showTotal: 'config.details.showTotal',
    currencyCode: 'amount.currencyCode (with amount as {value, currencyCode})',
  },
);
export type CreateSessionInput = v.InferOutput<typeof CreateSessionSchema>;

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
