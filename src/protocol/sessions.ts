/**
 * Bodies of the merchant API the sandbox takes, defined once: `POST /collect/payment_sessions`
 * (and seed 004's `POST /payment-intents`, the same body) and the test-mode demo session of a
 * static page (`POST /v1/demo/sessions`). Server-side shapes: no browser bundle imports this
 * file. The sandbox words the refusals for a developer (src/sandbox/schema.ts); the rules and
 * limits are here.
 *
 * The objects are strict: a key a merchant misspells is refused, never dropped in silence.
 */
import { array, boolean, check, literal, nullish, number, object, picklist, string, type Infer, type Schema } from './schema.js';
import { CHECKOUT_VARIANTS, PRESENTATION_MODES } from './api.js';
import { CHECKOUT_LINE_LIMITS as LINE, CheckoutLineSchema } from './checkout.js';
import { MetaDataSchema } from './customer.js';
import { API_URL_MAX_LENGTH } from './requests.js';

/** Limits of a session's own fields, in characters unless said otherwise (lines: `CHECKOUT_LINE_LIMITS`). */
export const SESSION_LIMITS = {
  title: 200,
  reference: 255,
  custom: 255,
  description: 500,
  /** Any URL the merchant API takes. */
  url: API_URL_MAX_LENGTH,
  /** Entries of `allowed_origins`. */
  allowedOrigins: 20,
  /** `expires_in`, seconds. */
  expiresIn: 86_400,
} as const;

/** Seed 004 `paymentMethods`. */
export const PAYMENT_METHODS = ['Card', 'Wallet'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

let currencies: ReadonlySet<string> | undefined;
/** An active ISO 4217 code, as this runtime's ICU knows them. */
export const isIsoCurrency = (code: string): boolean => (currencies ??= new Set(Intl.supportedValuesOf('currency'))).has(code);

/** Three upper-case letters, then (`iso-currency`) a code ISO 4217 assigns. */
export const CurrencySchema = check(string({ pattern: /^[A-Z]{3}$/ }), isIsoCurrency, 'iso-currency');

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

/** Loopback hosts (local development): `localhost`, `127.0.0.0/8` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/** Schemes that are never a place to send a customer back to (or that run code, or leave no trace). */
export const REFUSED_SCHEMES: ReadonlySet<string> = new Set([
  'javascript:',
  'data:',
  'file:',
  'blob:',
  'vbscript:',
  'ftp:',
  'ftps:',
  'ws:',
  'wss:',
  'about:',
  'filesystem:',
  'view-source:',
  'mailto:',
  'tel:',
  'sms:',
  'chrome:',
  'jar:',
]);

/** Why a URL cannot be a return URL: not one at all (`url`), plain http to another host (`http`), a refused scheme (`scheme`). */
export type ReturnUrlProblem = 'url' | 'http' | 'scheme';

/**
 * Why `value` cannot be a return URL (`success_url`, `cancel_url`, `config.redirectUrl`), or
 * `undefined` when it can. Seed 002: "return_url and cancel_url must use HTTPS". Allowed: https;
 * http to a loopback host (local development); an app deep link with its own scheme, such as
 * `yourapp://checkout?session_id={SESSION_ID}` (seed 001).
 */
export function returnUrlProblem(value: string): ReturnUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url';
  }
  if (url.protocol === 'https:') return url.hostname === '' ? 'url' : undefined;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? undefined : 'http';
  if (REFUSED_SCHEMES.has(url.protocol)) return 'scheme';
  // A custom scheme is an app deep link: it must name something after the scheme.
  return /^[a-z][a-z0-9+.-]*:\/\/./i.test(value) ? undefined : 'url';
}

/** A return URL: at most `SESSION_LIMITS.url` characters that `returnUrlProblem` accepts. */
export const ReturnUrlSchema = check(string({ max: SESSION_LIMITS.url }), (url) => returnUrlProblem(url) === undefined, 'return-url');

/** A whole amount in minor units, 0 to the largest a session takes. */
const MinorUnits = number({ integer: true, min: 0, max: LINE.maxAmount });
/** A session's amount: at least one minor unit. */
export const AmountSchema = number({ integer: true, min: 1, max: LINE.maxAmount });
const Quantity = number({ integer: true, min: 1, max: LINE.maxQuantity });
const text = (max: number) => string({ min: 1, max });
const Flag = nullish(boolean());
const lines = <T>(line: Schema<T>, max: number) => nullish(array(line, max));

/** Seed 004's money object, `{value, currencyCode}`: the session's `amount` in the seed's shape. */
export const SeedAmountSchema = object({ value: AmountSchema, currencyCode: CurrencySchema }, true);

/** A line's `amountTotal` (seed 004): shown as given; its currency must be the session's. */
export const LineAmountSchema = object({ value: MinorUnits, currencyCode: CurrencySchema }, true);

const { id: LineId, caption: Caption, subCaption: SubCaption } = CheckoutLineSchema.entries;
/** Seed 004 `itemLines[]`: `amountTotal` is the whole line's amount (the frame reads it as a `CheckoutLine`). */
export const ItemLineSchema = object({ id: LineId, quantity: Quantity, caption: Caption, amountTotal: LineAmountSchema }, true);
/** Seed 004 `taxLines[]`, with an optional `subCaption` such as `10%`. */
export const TaxLineSchema = object({ id: LineId, caption: Caption, subCaption: SubCaption, amountTotal: LineAmountSchema }, true);

/** The product's `line_items[]`: `amount` is the unit price. */
export const ProductLineItemSchema = object({ name: Caption, quantity: Quantity, amount: MinorUnits }, true);
export const ProductTaxLineSchema = object({ name: Caption, amount: MinorUnits }, true);

/** Seed 004's `{collectionRequired}` of `config.customerEmail`, `billingAddress`, `shippingDetails`. */
export const CollectionSchema = object({ collectionRequired: boolean() }, true);
export const ConfigDetailsSchema = object({ showTotal: Flag }, true);

/** Seed 004 `config`: the checkout page's extras. */
export const ConfigSchema = object(
  {
    title: nullish(text(SESSION_LIMITS.title)),
    /** Same as `options.checkout_options.success_url`. */
    redirectUrl: nullish(ReturnUrlSchema),
    details: nullish(ConfigDetailsSchema),
    customerEmail: nullish(CollectionSchema),
    billingAddress: nullish(CollectionSchema),
    shippingDetails: nullish(CollectionSchema),
  },
  true,
);

export const PresentationSchema = object(
  {
    /** `hosted`: the customer is sent to the session's `checkout_url`; `embedded` (default): the checkout opens in the merchant's page. */
    mode: nullish(picklist(PRESENTATION_MODES)),
    variant: nullish(picklist(CHECKOUT_VARIANTS)),
  },
  true,
);

export const CheckoutOptionsSchema = object(
  {
    presentation_mode: nullish(PresentationSchema),
    success_url: nullish(ReturnUrlSchema),
    /** Where a customer who cancels at the bank page (redirect mode) returns. */
    cancel_url: nullish(ReturnUrlSchema),
  },
  true,
);
export const SessionOptionsSchema = object({ checkout_options: nullish(CheckoutOptionsSchema) }, true);

/** Origins allowed to host a session's frames (CSP frame-ancestors): at least one, exact. */
export const AllowedOriginsSchema = check(
  array(check(string({ max: SESSION_LIMITS.url }), isExactOrigin, 'origin'), SESSION_LIMITS.allowedOrigins),
  (origins) => origins.length >= 1,
  'empty',
);

/** At least one method, none twice. */
export const PaymentMethodsSchema = check(
  check(array(picklist(PAYMENT_METHODS)), (methods) => methods.length >= 1, 'empty'),
  (methods) => new Set(methods).size === methods.length,
  'duplicate',
);

export const CollectSchema = object({ email: Flag, billing_address: Flag, shipping_address: Flag }, true);

/** Seconds until a session expires: 1 to `SESSION_LIMITS.expiresIn`. */
export const ExpiresInSchema = number({ integer: true, min: 1, max: SESSION_LIMITS.expiresIn });

/**
 * Body of `POST /collect/payment_sessions`: seed 000's fields, and seed 004's payment-intent fields
 * under the seed's names (`amount` as `{value, currencyCode}`, `itemLines`, `taxLines`, `config`,
 * `paymentMethods`, `custom`, `description`). Where the product has its own name for the same thing
 * (`title`, `line_items`, `tax_lines`, `collect`, `success_url`) both are taken, one at a time.
 * `amount` here is the minor units; seed 004's `{value, currencyCode}` (`SeedAmountSchema`) is
 * read into `amount` and `currency` first.
 */
export const CreateSessionRequestSchema = object(
  {
    amount: AmountSchema,
    currency: CurrencySchema,
    /** Defaults to `one_time` (seed 004's bodies leave it out). */
    type: nullish(literal('one_time')),
    /** Origins allowed to host this session's frames (CSP frame-ancestors); success_url's origin is added. */
    allowed_origins: nullish(AllowedOriginsSchema),
    options: nullish(SessionOptionsSchema),
    /** The merchant's metadata: the rule of `additionalInfo.metaData`, which merges into it. */
    metadata: nullish(MetaDataSchema),
    reference: nullish(text(SESSION_LIMITS.reference)),
    /** The merchant's order id (seed 002: "always pass your internal order ID as the custom parameter"). */
    custom: nullish(text(SESSION_LIMITS.custom)),
    /** Seed 004's `description`, stored and returned. */
    description: nullish(text(SESSION_LIMITS.description)),
    /** Seconds until the session expires (default: the sandbox's session TTL, 30 minutes). */
    expires_in: nullish(ExpiresInSchema),
    title: nullish(text(SESSION_LIMITS.title)),
    line_items: lines(ProductLineItemSchema, LINE.itemLines),
    tax_lines: lines(ProductTaxLineSchema, LINE.taxLines),
    itemLines: lines(ItemLineSchema, LINE.itemLines),
    taxLines: lines(TaxLineSchema, LINE.taxLines),
    collect: nullish(CollectSchema),
    config: nullish(ConfigSchema),
    paymentMethods: nullish(PaymentMethodsSchema),
  },
  true,
);
export type CreateSessionRequest = Infer<typeof CreateSessionRequestSchema>;

const session = CreateSessionRequestSchema.entries;
/** What a demo session collects from the customer (the session's `collect`, by shorter names). */
export const DemoCollectSchema = object({ email: Flag, billing: Flag, shipping: Flag }, true);
/** Test mode only: what a static page asks `POST /v1/demo/sessions` for, with only a publishable test key. */
export const DemoSessionRequestSchema = object(
  {
    publishable_key: string(),
    amount: nullish(session.amount),
    currency: nullish(session.currency),
    variant: nullish(picklist(CHECKOUT_VARIANTS)),
    collect: nullish(DemoCollectSchema),
    success_url: nullish(ReturnUrlSchema),
    expires_in: session.expires_in,
    title: session.title,
    line_items: session.line_items,
    tax_lines: session.tax_lines,
    itemLines: session.itemLines,
    taxLines: session.taxLines,
    config: session.config,
    paymentMethods: session.paymentMethods,
    reference: session.reference,
  },
  true,
);
export type DemoSessionRequest = Infer<typeof DemoSessionRequestSchema>;
