/**
 * The bridge protocol between the host realm and the frame realm, version 1.
 *
 * 1. The frame page loads with `#channel=<id>&origin=<host origin>` in its URL and posts
 *    `hello` to `window.parent`, with the host origin as the exact target origin.
 * 2. The host checks `event.origin` (the frames origin), `event.source` (its own iframe) and the
 *    channel id, then posts `connect` with a `MessagePort` to the iframe, targeting the frames
 *    origin exactly. The frame checks the same three things from its side.
 * 3. Everything after that travels over the port: `request` / `response` pairs with ids, and
 *    `event`s from the frame. Every message is schema-checked as plain data on receipt; anything
 *    that does not parse is dropped without throwing.
 */
import {
  array,
  boolean,
  check,
  literal,
  nullable,
  number,
  object,
  optional,
  partial,
  picklist,
  record,
  safeParse,
  string,
  unknown,
  variant,
  type Infer,
  type Schema,
} from './schema.js';
import {
  CARD_BRANDS,
  CARD_FIELDS,
  STATUS_CODES,
  VALIDATION_ERROR_TYPES,
  type AdditionalInfo,
  type CardChange,
  type CardField,
  type CardStyles,
  type CardText,
  type ErrorMessages,
  type TransactionResult,
  type ValidationError,
} from './card.js';
import { AdditionalInfoSchema, CustomerDetailsSchema } from './customer.js';
import { SESSION_STATUSES } from './outcome.js';

export const PROTOCOL = 'moment-elements';
export const PROTOCOL_VERSION = 1;

/** Kinds of frame the elements create; each is a page on the frames origin. */
export const FRAME_KINDS = ['card', 'wallet', 'checkout'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

const Id = string({ pattern: /^[A-Za-z0-9_-]{8,64}$/ });
/** Schemas the card, wallet and checkout messages share. */
export const ShortText = string({ max: 500 });
export const Height = number({ finite: true, min: 0, max: 10000 });

/**
 * Why the host found its element not seen at a click: hidden or transparent (its own or an
 * ancestor's `visibility`, `opacity`, `filter`, `clip-path`, `mask`, or a transform that is more
 * than a move), or covered at the point clicked, or the page not shown.
 */
export const HIDDEN_REASONS = ['hidden', 'transparent', 'effect', 'covered', 'page-hidden'] as const;
/**
 * A frame's question at a click on a button that pays, for browsers where the frame cannot see
 * the embedding page (no IntersectionObserver v2): is the element seen at this point? `x`, `y`
 * are in the frame's viewport; `-1` means the frame's centre (a keyboard activation).
 */
export const VisibilityQuery = object({ id: Id, x: number({ finite: true, min: -1, max: 100000 }), y: number({ finite: true, min: -1, max: 100000 }) });
/** The host's answer to a `visibility-query`, checked by the host at that moment. */
export const VisibilityAnswer = object({ id: Id, visible: boolean(), reason: optional(picklist(HIDDEN_REASONS)) });
/** CSS declarations or theme variables: at most 64, with bounded names and values. */
export const Declarations = check(record(string({ max: 64 }), string({ max: 500 })), (r) => Object.keys(r).length <= 64);
export const TransactionResultSchema = object({
  statusCode: picklist(STATUS_CODES),
  authCode: optional(string({ max: 64 })),
  message: ShortText,
  paymentId: optional(string({ max: 64 })),
  cancelled: optional(literal(true)),
  /** The API's error type, e.g. `session_expired`: the outcome table reads it. */
  errorType: optional(string({ max: 64, pattern: /^[a-z_]{1,64}$/ })),
  customerDetails: optional(CustomerDetailsSchema),
  sessionStatus: optional(picklist(SESSION_STATUSES)),
});
/**
 * What `paymentStatus()` answers: the session's status as the provider says it now, and what
 * became of this element's last payment request when its answer was lost (`result`), or that the
 * provider still cannot say (`pending`: nothing can be charged twice meanwhile).
 */
export const PaymentStatusSchema = object({
  sessionStatus: picklist(SESSION_STATUSES),
  /** The session is paid (`completed`). */
  paid: boolean(),
  /** A payment request of this element still has no known outcome. */
  pending: boolean(),
  result: optional(TransactionResultSchema),
});
export type PaymentStatus = Infer<typeof PaymentStatusSchema>;
/** `payment-timeout`: the budget of one payment request, in milliseconds. */
export const PAYMENT_TIMEOUT_LIMITS = { min: 1000, max: 120_000 } as const;
/** The default budget of one payment request (`payment-timeout`), tries and pauses included. */
export const DEFAULT_PAYMENT_TIMEOUT = 30_000;
const PaymentTimeout = number({ integer: true, ...PAYMENT_TIMEOUT_LIMITS });
const Field = picklist(CARD_FIELDS);
const FieldStyleSchema = partial({
  default: Declarations,
  focus: Declarations,
  error: Declarations,
  valid: Declarations,
  errorFocus: Declarations,
  validFocus: Declarations,
  container: Declarations,
  label: Declarations,
  validationText: Declarations,
  validationIcon: Declarations,
});
const StylesSchema = partial({
  base: FieldStyleSchema,
  cardNumber: FieldStyleSchema,
  expiryDate: FieldStyleSchema,
  cv2: FieldStyleSchema,
  cardName: FieldStyleSchema,
  cardIcon: Declarations,
  form: Declarations,
});
const FieldTextSchema = partial({ label: ShortText, placeholder: ShortText, showValidation: boolean() });
const TextSchema = partial({
  cardNumber: FieldTextSchema,
  expiryDate: FieldTextSchema,
  cv2: FieldTextSchema,
  cardName: FieldTextSchema,
});
const ErrorMessagesSchema = partial(
  Object.fromEntries(VALIDATION_ERROR_TYPES.map((t) => [t, ShortText])) as Record<(typeof VALIDATION_ERROR_TYPES)[number], typeof ShortText>,
);
const ValidationErrorSchema = object({
  errorType: picklist(VALIDATION_ERROR_TYPES),
  message: ShortText,
  field: Field,
});
const FieldStateSchema = object({ empty: boolean(), complete: boolean(), valid: boolean() });

/** The complete configuration the host sends to the card frame (on load and on every change). */
export interface CardFrameConfig {
  clientToken: string;
  styles: CardStyles;
  text: CardText;
  errorMessages: ErrorMessages;
  fontCss: string[];
  hideCardName: boolean;
  /**
   * Hides the validation text under the fields (it stays in the accessibility tree and is still
   * announced): for merchants who render their own messages from `validation-error`. Default
   * `false`: a shown error is visible under its field. `text.<field>.showValidation === false`
   * hides one field's text the same way.
   */
  hideValidation?: boolean;
  disabled: boolean;
  /** Sanitized `--moment-*` values read from the element. */
  themeVariables: Record<string, string>;
  /** BCP 47 tag for messages and formatting, e.g. `en-GB`. */
  locale: string;
  /** The budget of one payment request in ms (`payment-timeout`); default 30 s. */
  paymentTimeout?: number;
}

const CardFrameConfigSchema = object({
  clientToken: string({ max: 8192 }),
  styles: StylesSchema,
  text: TextSchema,
  errorMessages: ErrorMessagesSchema,
  fontCss: array(string({ max: 2048 }), 8),
  hideCardName: boolean(),
  hideValidation: optional(boolean()),
  disabled: boolean(),
  themeVariables: Declarations,
  locale: string({ max: 35 }),
  paymentTimeout: optional(PaymentTimeout),
});

/** Parameter schemas of the requests the host makes of the card frame (validated by the frame). */
export const cardRequestParams = {
  configure: CardFrameConfigSchema,
  focus: object({ field: nullable(Field) }),
  clear: object({}),
  validate: object({}),
  executePayment: object({ additionalInfo: optional(AdditionalInfoSchema), idempotencyKey: Id }),
  paymentStatus: object({}),
} as const;

/** Result schemas of the same requests (validated by the host, which needs nothing else). */
export const cardRequestResults = {
  /** `refused`: what the frame's CSS policy dropped from `styles` and `fontCss`, for the developer's console. */
  configure: object({ height: Height, refused: optional(array(string({ max: 300 }), 64)) }),
  focus: literal(null),
  clear: literal(null),
  validate: object({ valid: boolean(), errors: array(ValidationErrorSchema) }),
  executePayment: TransactionResultSchema,
  paymentStatus: PaymentStatusSchema,
} as const;

/** Requests the host makes of the card frame: parameter and result schemas by method. */
export const cardRequests = {
  configure: { params: cardRequestParams.configure, result: cardRequestResults.configure },
  focus: { params: cardRequestParams.focus, result: cardRequestResults.focus },
  clear: { params: cardRequestParams.clear, result: cardRequestResults.clear },
  validate: { params: cardRequestParams.validate, result: cardRequestResults.validate },
  executePayment: { params: cardRequestParams.executePayment, result: cardRequestResults.executePayment },
  paymentStatus: { params: cardRequestParams.paymentStatus, result: cardRequestResults.paymentStatus },
} as const;
export type CardMethod = keyof typeof cardRequests;
export type CardRequestParams<M extends CardMethod> = Infer<(typeof cardRequests)[M]['params']>;
export type CardRequestResult<M extends CardMethod> = Infer<(typeof cardRequests)[M]['result']>;

/** Events the card frame sends to the host, with their detail schemas. */
export const cardEvents = {
  resize: object({ height: Height }),
  change: object({
    brand: picklist(CARD_BRANDS),
    empty: boolean(),
    complete: boolean(),
    valid: boolean(),
    fields: partial({ cardNumber: FieldStateSchema, expiryDate: FieldStateSchema, cv2: FieldStateSchema, cardName: FieldStateSchema }),
  }),
  'validation-error': object({ errors: array(ValidationErrorSchema) }),
  'field-valid': object({ field: Field }),
  'form-complete': object({}),
  'field-focus': object({ field: Field }),
  'field-blur': object({ field: Field, formValid: boolean() }),
  'submit-request': object({}),
  /**
   * The customer pressed Escape inside the frame and nothing in the frame used it (not a native
   * select, not an open 3-D Secure challenge): the host treats it as Escape on the element.
   */
  escape: object({}),
} as const;
export type CardEventName = keyof typeof cardEvents;
export type CardEventDetail<E extends CardEventName> = Infer<(typeof cardEvents)[E]>;

/** Error codes a request can fail with. */
export const REQUEST_ERROR_CODES = [
  'validation_failed',
  'invalid_params',
  'unknown_method',
  'not_configured',
  /** The payment request never reached the provider (it says so): nothing was charged. */
  'network_error',
  'timeout',
  /** The payment request got no answer within `payment-timeout` and the provider never took it: nothing was charged. */
  'payment_timeout',
  /**
   * The payment request got no answer and the provider could not be asked what became of it: it
   * may have been charged. The frame keeps its idempotency key, so paying again cannot charge twice.
   */
  'outcome_unknown',
  'closed',
  'internal',
  /**
   * `configure`: the session has `allowed_origins` and the page hosting the frame is not among
   * them. The frame stays blank and takes no payment.
   */
  'origin_not_allowed',
  /**
   * `configure`: the client token is for another session than the one the frame was opened for
   * (`?session=` in its URL) or first configured with. Open a fresh frame for a new session.
   */
  'session_mismatch',
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

export interface RequestError {
  code: RequestErrorCode;
  message: string;
  /** Present when `code` is `validation_failed`. */
  errors?: ValidationError[];
}

const Envelope = { protocol: literal(PROTOCOL), v: literal(PROTOCOL_VERSION) };

/** Window-level messages of the handshake. */
export const HelloMessage = object({ ...Envelope, kind: literal('hello'), channel: Id, frame: picklist(FRAME_KINDS) });
export const ConnectMessage = object({ ...Envelope, kind: literal('connect'), channel: Id });
export type HelloMessage = Infer<typeof HelloMessage>;
export type ConnectMessage = Infer<typeof ConnectMessage>;

/** Port-level messages. `params`, `result` and `detail` are checked per method or event. */
export const PortMessage = variant('kind', [
  object({ ...Envelope, kind: literal('request'), id: Id, method: string({ max: 64 }), params: unknown() }),
  object({ ...Envelope, kind: literal('response'), id: Id, ok: literal(true), result: unknown() }),
  object({
    ...Envelope,
    kind: literal('response'),
    id: Id,
    ok: literal(false),
    error: object({
      code: picklist(REQUEST_ERROR_CODES),
      message: ShortText,
      errors: optional(array(ValidationErrorSchema)),
    }),
  }),
  object({ ...Envelope, kind: literal('event'), name: string({ max: 64 }), detail: unknown() }),
]);
export type PortMessage = Infer<typeof PortMessage>;

/**
 * Parses untrusted data with a schema; returns `undefined` instead of throwing. Only for schemas
 * whose output can never be `undefined` (objects, `literal(null)`, …), so that a refusal and an
 * accepted value cannot look alike: a schema that may output `undefined` (`unknown()`,
 * `optional(…)`, a table's `Schema<unknown>`) does not compile here and goes through `safeParse`,
 * which tells the two apart with `success`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is exactly "not undefined" here
export function parse<T extends {} | null>(schema: Schema<T>, data: unknown): T | undefined {
  const result = safeParse(schema, data);
  return result.success ? result.output : undefined;
}

/** Builds a message envelope. */
export function envelope(): { protocol: typeof PROTOCOL; v: typeof PROTOCOL_VERSION } {
  return { protocol: PROTOCOL, v: PROTOCOL_VERSION };
}

// Compile-time checks that the schemas and the public types agree.
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _Checks = [
  Assert<Same<CardEventDetail<'change'>['brand'], CardChange['brand']>>,
  Assert<Same<CardRequestResult<'executePayment'>['statusCode'], TransactionResult['statusCode']>>,
  Assert<CardRequestParams<'focus'>['field'] extends CardField | null ? true : false>,
  Assert<Required<CardRequestParams<'executePayment'>>['additionalInfo'] extends AdditionalInfo ? true : false>,
];
