/**
 * Bridge messages of the wallet frame (`/frames/wallet`) and the wallet payment API. The
 * handshake and the envelopes are those of messages.ts; this file adds the wallet's requests,
 * events and domain types. Requests are split into parameter and result tables, as the card's
 * are, so the host bundle carries only the result and event schemas.
 *
 * The wallet button lives inside the frame: Apple Pay and Google Pay must be started by a click
 * in the document that calls their APIs. The host configures the frame; the frame reports what
 * happened (initiated, cancelled, completed with a `TransactionResult`).
 */
import { array, boolean, literal, number, object, optional, picklist, string, type Infer } from './schema.js';
import {
  Declarations,
  Height,
  PAYMENT_TIMEOUT_LIMITS,
  PaymentStatusSchema,
  ShortText,
  TransactionResultSchema,
  VisibilityAnswer,
  VisibilityQuery,
} from './messages.js';
import type { TransactionResult } from './card.js';

/** Colours of the wallet button (seed 004, "Button configuration"). */
export const WALLET_BUTTON_COLORS = ['black', 'white'] as const;
export type WalletButtonColor = (typeof WALLET_BUTTON_COLORS)[number];

/** Types of the wallet button: `plain` shows only the wallet's mark, the others "Buy with …" etc. */
export const WALLET_BUTTON_TYPES = ['plain', 'book', 'buy', 'checkout', 'donate', 'order'] as const;
export type WalletButtonType = (typeof WALLET_BUTTON_TYPES)[number];

/** Wallets the frame can offer. `sandbox` is the simulated wallet of test keys. */
export const WALLET_KINDS = ['apple-pay', 'google-pay', 'sandbox'] as const;
export type WalletKind = (typeof WALLET_KINDS)[number];

/**
 * Test hook, honoured only with a sandbox client token: `none` makes every adapter report
 * "unavailable", as on a device without Apple Pay or Google Pay.
 */
export const SANDBOX_WALLET_MODES = ['sandbox', 'none'] as const;
export type SandboxWalletMode = (typeof SANDBOX_WALLET_MODES)[number];

/**
 * Theme variables the wallet frame accepts: the shared ones it uses, plus the button's own
 * corner radius and height.
 */
export const WALLET_THEME_VARIABLES = [
  '--moment-font-family',
  '--moment-color-text',
  '--moment-color-label',
  '--moment-color-background',
  '--moment-color-border',
  '--moment-color-primary',
  '--moment-color-danger',
  '--moment-border-radius',
  '--moment-wallet-radius',
  '--moment-wallet-height',
] as const;

/** What the host knows about the wallets of this browser. */
export interface WalletAvailability {
  available: boolean;
  wallets: WalletKind[];
}

/** The complete configuration the host sends to the wallet frame (on load and on every change). */
export interface WalletFrameConfig {
  clientToken: string;
  buttonColor: WalletButtonColor;
  buttonType: WalletButtonType;
  emailRequired: boolean;
  billingAddressRequired: boolean;
  shippingAddressRequired: boolean;
  /** BCP 47 tag for the button's label and the sheet, e.g. `fr-FR`. */
  locale: string;
  /** Sanitized `--moment-*` values read from the element. */
  themeVariables: Record<string, string>;
  disabled: boolean;
  /** Test hook (sandbox tokens only); see `SANDBOX_WALLET_MODES`. */
  sandboxWallets?: SandboxWalletMode;
  /** The budget of one payment request in ms (`payment-timeout`); default 30 s. */
  paymentTimeout?: number;
}

const Wallets = array(picklist(WALLET_KINDS), WALLET_KINDS.length);

/** Parameter schemas of the requests the host makes of the wallet frame (validated by the frame). */
export const walletRequestParams = {
  configure: object({
    clientToken: string({ max: 8192 }),
    buttonColor: picklist(WALLET_BUTTON_COLORS),
    buttonType: picklist(WALLET_BUTTON_TYPES),
    emailRequired: boolean(),
    billingAddressRequired: boolean(),
    shippingAddressRequired: boolean(),
    locale: string({ max: 35 }),
    themeVariables: Declarations,
    disabled: boolean(),
    sandboxWallets: optional(picklist(SANDBOX_WALLET_MODES)),
    paymentTimeout: optional(number({ integer: true, ...PAYMENT_TIMEOUT_LIMITS })),
  }),
  paymentStatus: object({}),
  /** The host's answer to the frame's `visibility-query`. */
  visibility: VisibilityAnswer,
} as const;

/** Result schemas of the same requests (validated by the host, which needs nothing else). */
export const walletRequestResults = {
  configure: object({ height: Height, available: boolean(), wallets: Wallets }),
  paymentStatus: PaymentStatusSchema,
  visibility: literal(null),
} as const;

/** Requests the host makes of the wallet frame: parameter and result schemas by method. */
export const walletRequests = {
  configure: { params: walletRequestParams.configure, result: walletRequestResults.configure },
  paymentStatus: { params: walletRequestParams.paymentStatus, result: walletRequestResults.paymentStatus },
  visibility: { params: walletRequestParams.visibility, result: walletRequestResults.visibility },
} as const;
export type WalletMethod = keyof typeof walletRequests;
export type WalletRequestParams<M extends WalletMethod> = Infer<(typeof walletRequests)[M]['params']>;
export type WalletRequestResult<M extends WalletMethod> = Infer<(typeof walletRequests)[M]['result']>;

/** Events the wallet frame sends to the host, with their detail schemas. */
export const walletEvents = {
  resize: object({ height: Height }),
  /** Availability changed after `configure` answered (e.g. a wallet finished its check). */
  availability: object({ available: boolean(), wallets: Wallets }),
  /** The customer pressed the wallet button and a payment sheet is opening. */
  'payment-initiated': object({ wallet: picklist(WALLET_KINDS) }),
  /** The customer closed the sheet without paying: nothing was charged. */
  'payment-cancel': object({}),
  /** A payment attempt ended, with its result (also for declines). */
  'payment-complete': object({ result: TransactionResultSchema }),
  /**
   * A payment request lost its answer and the provider could not be asked what became of it: it
   * may have been charged. Paying again with this button cannot charge twice.
   */
  'payment-unknown': object({ message: ShortText }),
  /**
   * The in-frame sheet (the sandbox wallet's) opened or closed. While it is open the frame lays
   * the sheet out as a modal dialog over its whole viewport and sends no `resize`: the host
   * shows the iframe over the page (`position: fixed; inset: 0`) and keeps the button's box in
   * the page. After `{ open: false }` the frame shows only the button again.
   */
  sheet: object({ open: boolean() }),
  /** Escape pressed in the frame and not used there (an open sheet uses it to cancel). */
  escape: object({}),
  /** A click on the button or the sheet's Pay: the host answers whether the element is seen there (`visibility`). */
  'visibility-query': VisibilityQuery,
} as const;
export type WalletEventName = keyof typeof walletEvents;
export type WalletEventDetail<E extends WalletEventName> = Infer<(typeof walletEvents)[E]>;

/** Wallet payments on the frames origin (`POST`, Bearer client token, `Idempotency-Key`). */
export const WALLET_PAYMENTS_PATH = '/v1/wallet/payments';
/** Apple Pay merchant validation through the provider (`POST`, Bearer client token). */
export const APPLE_PAY_VALIDATE_MERCHANT_PATH = '/v1/wallet/apple-pay/validate-merchant';
/** Where a merchant hosts Apple's domain verification file. */
export const APPLE_PAY_DOMAIN_ASSOCIATION_PATH = '/.well-known/apple-developer-merchantid-domain-association';

/** Bodies of `POST /v1/wallet/payments` and of Apple Pay's merchant validation: defined (and checked by the sandbox) in requests.ts. */
export type { AppleMerchantValidationRequest, WalletPaymentRequest } from './requests.js';

/** Test cards the sandbox wallet sheet offers; the sandbox maps each token to a test card. */
export const SANDBOX_WALLET_CARDS = [
  { token: 'tok_sandbox_visa', label: 'Visa •••• 4242', outcome: 'succeeds' },
  { token: 'tok_sandbox_mastercard', label: 'Mastercard •••• 4444', outcome: 'succeeds' },
  { token: 'tok_sandbox_declined', label: 'Visa •••• 0002', outcome: 'is declined' },
] as const;

// Compile-time checks that the schemas and the public types agree.
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _WalletChecks = [
  Assert<Same<WalletEventDetail<'payment-complete'>['result']['statusCode'], TransactionResult['statusCode']>>,
  Assert<Same<WalletRequestResult<'configure'>['wallets'], WalletKind[]>>,
  Assert<WalletRequestParams<'configure'> extends WalletFrameConfig ? true : false>,
];
