import type { TransactionResult } from '../../protocol/card.js';
import {
  SANDBOX_WALLET_MODES,
  WALLET_BUTTON_COLORS,
  WALLET_BUTTON_TYPES,
  WALLET_THEME_VARIABLES,
  walletEvents,
  walletRequestResults,
  type SandboxWalletMode,
  type WalletAvailability,
  type WalletButtonColor,
  type WalletButtonType,
  type WalletFrameConfig,
  type WalletKind,
} from '../../protocol/wallet.js';
import { invokeCallback, warnOnce } from '../../core/element-config.js';
import { emit, type eventMap, type WalletButtonEventMap, type ElementEventMap } from '../../core/events.js';
import { frameBoxStyles } from '../../core/frame-box.js';
import { FramedElement, type FrameSetup } from '../../core/framed-element.js';
import type { PropertyTable } from '../../core/moment-element.js';
import { OUTCOME_EVENTS, outcomeOf } from '../../protocol/outcome.js';
import { WALLET_LAYOUT, pixels, walletFrameHeight } from '../../protocol/layout.js';
import { WALLET_TEXTS } from '../../core/i18n.js';
import { answerVisibility } from '../../core/visibility.js';
import { walletButtonStyles, walletThemeTransitionStyles } from './wallet-button.styles.js';
import { containerIdAdvice, defineUnhonouredKeys } from '../../core/component-config.js';

/** The component config's `buttonConfig`; `colour` is accepted as well. */
export interface WalletButtonConfig {
  color?: WalletButtonColor;
  colour?: WalletButtonColor;
  type?: WalletButtonType;
}

/** The component config's wallet `callbacks`. */
export interface WalletCallbacks {
  /** Called when the customer presses the wallet button (same moment as `payment-initiated`). */
  onPaymentInitiated?: (detail: { wallet: WalletKind }) => void;
  /** Called when the customer closes the wallet's sheet without paying (same moment as `payment-cancel`). */
  onPaymentCancelled?: () => void;
}

const TAG = 'wallet-button';
const WALLET_CALLBACKS = ['onPaymentInitiated', 'onPaymentCancelled'] as const;
/**
 * Why `displayErrorsCallback` and `errorMessages` do nothing on a wallet: the documented
 * validation errors are the card fields' (`cardNumberInvalid`, …), and a wallet has none.
 */
const NO_CARD_FIELDS =
  'a wallet has no card fields; Apple Pay and Google Pay validate what the customer enters in their own sheet. Declines reach paymentComplete and the payment-* events.';

/**
 * An Apple Pay / Google Pay button in a secure iframe served from the provider's origin. The
 * frame detects which wallets this browser has, draws the button by the wallets' rules, runs the
 * wallet's sheet and charges its token; the page sees only availability, that a payment started
 * or was cancelled, and its result. With a `pk_test_` key a simulated wallet sheet stands in for
 * the real wallets. Hidden when no wallet is available, unless `show-unavailable` is set.
 *
 * Inside `<moment-checkout>` it takes the client key, token and frames origin from the checkout.
 *
 * @summary Apple Pay / Google Pay button, with a sandbox wallet for test keys.
 * @tagname wallet-button
 *
 * @event {CustomEvent<ReadyDetail>} ready - The frame is loaded and configured; `detail.height` is its content height.
 * @event {CustomEvent<LoadErrorDetail>} load-error - The frame could not load, or the configuration is wrong (`detail.code`, `detail.message`). Call `retry()` after `timeout`, `frames_unreachable`, `frames_unavailable` or `frame_not_started`.
 * @event {CustomEvent<WalletAvailabilityDetail>} wallet-availability - Whether a wallet can pay in this browser: `detail.available`, `detail.wallets` (`apple-pay`, `google-pay`, `sandbox`). Fired when the frame is ready and whenever it changes.
 * @event {CustomEvent<PaymentInitiatedDetail>} payment-initiated - The customer pressed the button; the wallet's sheet is opening (`detail.wallet`).
 * @event {CustomEvent<EmptyDetail>} payment-cancel - The customer closed the wallet's sheet without paying; nothing was charged.
 * @event {CustomEvent<TransactionResult>} payment-success - The wallet payment succeeded (`statusCode` 0), or the session was already paid (`statusCode` 20 with the original payment's `authCode`): `detail` is the `TransactionResult`, with `customerDetails` when the customer gave any.
 * @event {CustomEvent<TransactionResult>} payment-attempt-failed - The attempt did not pay: authentication not completed, the card in the wallet referred or declined, or a provider failure (`statusCode` 3, 4, 5, 30); the customer can try again.
 * @event {CustomEvent<TransactionResult | PaymentProblem>} payment-failure - The payment cannot go on (`statusCode` 20 without an auth code, 400, 401, 404, 500, or no result), or the attempt used up the session's last try (`detail.sessionStatus` is `failed`): then this is the only outcome event of that attempt.
 * @event {CustomEvent<PaymentProblem>} payment-expired - The session expired before the wallet paid (the provider refused the expired token).
 * @event {CustomEvent<PaymentProblem>} payment-unknown - A payment request lost its answer and the provider could not be asked what became of it: it may have been taken (`detail.code` `outcome_unknown`). Never `payment-failure`; `paymentStatus()` tells, and paying again cannot charge twice.
 *
 * @csspart box - The box that holds the frame and keeps its height.
 * @csspart frame - The secure iframe.
 * @csspart skeleton - The placeholder shown while the frame loads.
 * @csspart error - The message shown when the frame could not load.
 *
 * @cssproperty --moment-wallet-radius - Corner radius of the wallet button (falls back to `--moment-border-radius`).
 * @cssproperty --moment-wallet-height - Height of the wallet button; never below 40px (default 48px).
 * @cssproperty --moment-border-radius - Corner radius of the button and the sandbox sheet.
 * @cssproperty --moment-font-family - Font of the sandbox sheet and of the button's label.
 * @cssproperty --moment-color-primary - Focus ring colour.
 * @cssproperty --moment-color-text - Text colour of the sandbox sheet.
 * @cssproperty --moment-color-label - Colour of secondary text in the sandbox sheet.
 * @cssproperty --moment-color-background - Background of the sandbox sheet.
 * @cssproperty --moment-color-border - Borders in the sandbox sheet.
 * @cssproperty --moment-color-danger - Error colour in the sandbox sheet.
 * @cssproperty --moment-skeleton-color - Colour of the loading placeholder (host only).
 */
export class WalletButton extends FramedElement<'wallet'> {
  static override styles = [walletThemeTransitionStyles, frameBoxStyles, walletButtonStyles];
  static override properties: PropertyTable<WalletButton> = {
    buttonColor: { attribute: 'button-color' },
    buttonType: { attribute: 'button-type' },
    emailRequired: { attribute: 'email-required', type: Boolean },
    billingAddressRequired: { attribute: 'billing-address-required', type: Boolean },
    shippingAddressRequired: { attribute: 'shipping-address-required', type: Boolean },
    showUnavailable: { attribute: 'show-unavailable', type: Boolean, reflect: true },
    sandboxWallets: { attribute: 'sandbox-wallets' },
    onPaymentInitiated: { attribute: false },
    onPaymentCancelled: { attribute: false },
    paymentComplete: { attribute: false },
    callbacks: { attribute: false },
  };
  /** @internal */
  protected static override themeVariables: readonly string[] = WALLET_THEME_VARIABLES;

  /** `black` (default) or `white`. */
  buttonColor: WalletButtonColor = 'black';
  /** `plain` (the wallet's mark only, default), `book`, `buy`, `checkout`, `donate` or `order` ("Buy with …"). */
  buttonType: WalletButtonType = 'plain';
  /** Asks the wallet for the customer's email address. */
  emailRequired = false;
  /** Asks the wallet for the billing address. */
  billingAddressRequired = false;
  /** Asks the wallet for the shipping name and address. */
  shippingAddressRequired = false;
  /** Keeps the (disabled) button on the page when no wallet is available, instead of hiding it. */
  showUnavailable = false;
  /** Disables the button. */
  declare disabled: boolean;
  /** Accessible title of the iframe; by default "Wallet payment" in the element's language. */
  declare frameTitle: string | null;
  /** Language of the button; default: the closest `lang` attribute, then `<html lang>`, followed when they change. */
  declare lang: string;
  /**
   * Milliseconds one payment request may take, retries included, before the frame asks the
   * provider what became of it (30 000 by default; 1 000 to 120 000).
   */
  declare paymentTimeout: number;
  /**
   * Test hook for `pk_test_` keys: `none` makes every wallet report "unavailable", as in a browser
   * without Apple Pay or Google Pay. Ignored for live keys and production tokens.
   */
  sandboxWallets: SandboxWalletMode | null = null;

  /** Called when the customer presses the button (same moment as `payment-initiated`). */
  onPaymentInitiated: ((detail: { wallet: WalletKind }) => void) | undefined;
  /** Called when the customer closes the wallet's sheet without paying (same moment as `payment-cancel`). */
  onPaymentCancelled: (() => void) | undefined;
  /**
   * Called with the `TransactionResult` of every payment attempt (same moment as the outcome
   * events), the component config's `paymentComplete(result)`. `result.customerDetails` holds what the wallet
   * sheet collected (`emailRequired`, …); never card data.
   */
  paymentComplete: ((result: TransactionResult) => void) | undefined;
  /**
   * The component config's wallet `callbacks`: `onPaymentInitiated` and `onPaymentCancelled`, called on the
   * same code path as `payment-initiated` and `payment-cancel` (and the properties of the same names).
   */
  callbacks: WalletCallbacks = {};

  /**
   * The component config lists `displayErrorsCallback` for the wallet, but it is never called: a wallet has no
   * card fields, and the wallet's sheet validates what the customer enters itself. Setting it warns
   * once on the console; failed payments reach `paymentComplete` and the outcome events.
   */
  get displayErrorsCallback(): ((errors: unknown[]) => void) | undefined {
    return this.#displayErrorsCallback;
  }
  set displayErrorsCallback(callback: ((errors: unknown[]) => void) | undefined) {
    this.#displayErrorsCallback = callback;
    if (callback !== undefined && callback !== null) warnOnce(this, `Moment Elements <${TAG}>: displayErrorsCallback is never called: ${NO_CARD_FIELDS}`);
  }
  #displayErrorsCallback: ((errors: unknown[]) => void) | undefined;

  /**
   * The component config lists `errorMessages` for the wallet, but its keys are the card fields' errors
   * (`cardNumberInvalid`, …), which a wallet does not have. Setting it warns once on the console.
   */
  get errorMessages(): Record<string, string> | undefined {
    return this.#errorMessages;
  }
  set errorMessages(messages: Record<string, string> | undefined) {
    this.#errorMessages = messages;
    if (messages !== undefined && messages !== null) warnOnce(this, `Moment Elements <${TAG}>: errorMessages has no effect: ${NO_CARD_FIELDS}`);
  }
  #errorMessages: Record<string, string> | undefined;

  /** What the frame said about the wallets; `undefined` until it did. */
  #availability: WalletAvailability | undefined;
  /** The sandbox wallet's sheet is open over the page. */
  #sheetOpen = false;

  constructor() {
    super({ tag: TAG, kind: 'wallet', texts: WALLET_TEXTS, callbacks: WALLET_CALLBACKS, noun: 'The wallet button' });
  }

  /** @internal */
  protected get reservedHeight(): number {
    return walletFrameHeight(pixels(this.theme.values['--moment-wallet-height'], WALLET_LAYOUT.buttonHeight));
  }
  /** @internal */
  protected override get overlay(): boolean {
    return this.#sheetOpen;
  }

  /** @internal */
  protected frameSetup(): FrameSetup<'wallet'> {
    return {
      results: walletRequestResults,
      events: walletEvents,
      frameConfig: () => this.#frameConfig(),
      onConfigured: ({ height, available, wallets }) => {
        this.frameHeight = height;
        // The first answer is announced with `ready`; later ones when they differ.
        if (this.frame.state === 'ready') this.#setAvailability({ available, wallets });
        else this.#availability = { available, wallets };
      },
      on: {
        sheet: ({ open }) => {
          this.#sheetOpen = open;
          this.requestUpdate();
        },
        availability: (detail) => this.#setAvailability(detail),
        'payment-initiated': ({ wallet }) => {
          invokeCallback(TAG, this.onPaymentInitiated, { wallet });
          invokeCallback(TAG, this.callbacks?.onPaymentInitiated, { wallet });
          emit(this, 'payment-initiated', { wallet });
        },
        'payment-cancel': () => {
          invokeCallback(TAG, this.onPaymentCancelled);
          invokeCallback(TAG, this.callbacks?.onPaymentCancelled);
          emit(this, 'payment-cancel', {});
        },
        'payment-complete': ({ result }) => {
          invokeCallback(TAG, this.paymentComplete, result);
          const outcome = outcomeOf(result);
          if (outcome === 'expired') emit(this, 'payment-expired', { code: 'expired', message: result.message });
          else emit(this, OUTCOME_EVENTS[outcome], result);
        },
        // The payment may have been taken: never a failure. `paymentStatus()` tells.
        'payment-unknown': ({ message }) => emit(this, 'payment-unknown', { code: 'outcome_unknown', message }),
        // A click on the button or the sheet's Pay: is this element seen there, now?
        'visibility-query': (query) => answerVisibility(this.frame.endpoint, this.frame.iframe, query),
      },
      onOpen: () => {
        this.#availability = undefined;
        this.#sheetOpen = false;
      },
      onReady: () => {
        if (this.#availability) emit(this, 'wallet-availability', { ...this.#availability });
        this.requestUpdate();
      },
    };
  }

  /**
   * The component config's `buttonConfig`: `{color | colour, type}`. Setting it sets `buttonColor` and
   * `buttonType`; reading it gives the current pair.
   */
  get buttonConfig(): WalletButtonConfig {
    return { color: this.buttonColor, type: this.buttonType };
  }
  set buttonConfig(config: WalletButtonConfig | null | undefined) {
    const color = config?.color ?? config?.colour;
    if (color !== undefined) this.buttonColor = color;
    if (config?.type !== undefined) this.buttonType = config.type;
  }

  /** What the frame found: whether a wallet can pay, and which; `undefined` until the frame is ready. */
  get availability(): WalletAvailability | undefined {
    return this.#availability ? { ...this.#availability, wallets: [...this.#availability.wallets] } : undefined;
  }

  protected override updated(): void {
    super.updated();
    // Hidden (no layout space) once the frame says no wallet can pay, unless `show-unavailable`.
    this.toggleAttribute('unavailable', this.#availability?.available === false);
    this.toggleAttribute('sheet-open', this.#sheetOpen && this.frame.state === 'ready');
  }

  /** Builds the frame config; unknown colours and types fall back to the defaults, with a warning. */
  #frameConfig(): WalletFrameConfig {
    const pick = <T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T => {
      if ((allowed as readonly unknown[]).includes(value)) return value as T;
      warnOnce(this, `Moment Elements <wallet-button>: ${name} "${String(value)}" is not one of ${allowed.join(', ')}; using "${fallback}".`);
      return fallback;
    };
    const sandboxWallets =
      this.sandboxWallets && this.frame.target?.environment === 'sandbox'
        ? pick('sandbox-wallets', this.sandboxWallets, SANDBOX_WALLET_MODES, 'sandbox')
        : undefined;
    return {
      clientToken: this.ownConfig.clientToken ?? '',
      buttonColor: pick('button-color', this.buttonColor, WALLET_BUTTON_COLORS, 'black'),
      buttonType: pick('button-type', this.buttonType, WALLET_BUTTON_TYPES, 'plain'),
      emailRequired: Boolean(this.emailRequired),
      billingAddressRequired: Boolean(this.billingAddressRequired),
      shippingAddressRequired: Boolean(this.shippingAddressRequired),
      locale: this.locale.value,
      themeVariables: this.theme.values,
      disabled: Boolean(this.disabled),
      ...(sandboxWallets ? { sandboxWallets } : {}),
      ...this.paymentTimeoutConfig,
    };
  }

  /** Records the availability and fires `wallet-availability` when it differs from the last one. */
  #setAvailability(next: WalletAvailability): void {
    const last = this.#availability;
    this.#availability = next;
    this.requestUpdate();
    if (!last || last.available !== next.available || last.wallets.join() !== next.wallets.join()) {
      emit(this, 'wallet-availability', { ...next, wallets: [...next.wallets] });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#availability = undefined;
  }
}

// Component-config keys the wallet cannot honour (`containerId`, the card's own): said on the console, never dropped in silence.
const CARD_ONLY = 'is a card option: style the wallet button with buttonConfig, lang and --moment-wallet-* properties.';
defineUnhonouredKeys(WalletButton, TAG, { containerId: containerIdAdvice(TAG), fontCss: CARD_ONLY, styles: CARD_ONLY, text: CARD_ONLY });

/** Type-only: the events of `WalletButton` for `emit()`, and typed `addEventListener` / `removeEventListener` as on `HTMLElement`. */
export interface WalletButton {
  readonly [eventMap]?: WalletButtonEventMap;
  addEventListener<K extends keyof ElementEventMap<WalletButtonEventMap>>(
    type: K,
    listener: (this: WalletButton, ev: ElementEventMap<WalletButtonEventMap>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ElementEventMap<WalletButtonEventMap>>(
    type: K,
    listener: (this: WalletButton, ev: ElementEventMap<WalletButtonEventMap>[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
