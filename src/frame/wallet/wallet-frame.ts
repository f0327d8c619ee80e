/**
 * The wallet frame's behaviour, apart from the page wiring: picks the adapters for the
 * environment of the client token, detects which wallets this browser has, renders the button,
 * and runs one payment at a time: `payment-initiated`, then `payment-cancel` or
 * `payment-complete` with the result. Holds no global state; tests mount it with fake adapters.
 */
import type { TransactionResult } from '../../protocol/card.js';
import { BridgeError, randomId } from '../../protocol/port.js';
import type { WalletAvailability, WalletFrameConfig, WalletKind, walletEvents } from '../../protocol/wallet.js';
import type { PaymentStatus } from '../../protocol/messages.js';
import { NETWORK_ERROR_MESSAGE, TIMEOUT_MESSAGE, UnfinishedAttempt, readPaymentStatus } from '../card/payment.js';
import { SandboxWalletAdapter } from './adapters/sandbox.js';
import { WalletError, type WalletAdapter, type WalletPayOutcome, type WalletPayRequest } from './adapters/types.js';
import { fetchSessionInfo, payWithWallet, validateAppleMerchant, type WalletApiOptions, type WalletSessionInfo } from './api.js';
import { renderButton } from './button.js';
import { EN_SHARED, EN_WALLET, FrameTexts, type WalletKey } from '../i18n/index.js';
import { WALLET_CSS, walletThemeCss } from './styles.js';
import { tokenEnvironment } from '../token.js';
import { COVERED_MESSAGE, guardClicks, type ClickGuard } from '../visibility.js';
import type { FrameEmitter } from '../bridge.js';

export type WalletEventEmitter = FrameEmitter<typeof walletEvents>;
export type Environment = 'sandbox' | 'production';

/** What adapter factories get to build the adapters of one configuration. */
export interface AdapterContext {
  environment: Environment;
  /** The sandbox test hook; always `sandbox` for production tokens. */
  mode: 'sandbox' | 'none';
  /** Where an in-frame sheet opens. */
  container: HTMLElement;
  /** Guards the pay button of an in-frame sheet. */
  clickGuard: (button: HTMLElement) => ClickGuard;
  /** An in-frame sheet calls this when it opens and closes. */
  onSheet: (open: boolean) => void;
  api: WalletApiOptions;
  session: WalletSessionInfo | undefined;
  /**
   * The host name of the merchant's page (the top-level page, not the frames origin): the domain
   * Apple Pay validates, where the merchant hosts the domain association file.
   */
  merchantDomain: string;
}

export interface WalletFrameOptions {
  /** The element the frame renders into (the page's `<body>`). */
  root: HTMLElement;
  emit: WalletEventEmitter;
  /** Builds the adapters; defaults to `defaultAdapters`. Tests pass fakes. */
  createAdapters?: (context: AdapterContext) => WalletAdapter[] | Promise<WalletAdapter[]>;
  /** Origin of the provider API; defaults to the page's own origin (the frames origin). */
  apiOrigin?: string;
  fetch?: typeof fetch;
  /** How long `configure` waits for availability before answering with what it knows. */
  detectTimeoutMs?: number;
  /** Origin of the merchant's page (the bridge's checked host origin). */
  hostOrigin?: string;
  /** Guards the wallet button (and the sandbox sheet's pay button) against clicks while covered or hidden. */
  clickGuard?: (button: HTMLElement) => ClickGuard;
}

/** The merchant's country when the provider does not say (Apple and Google require one). */
const DEFAULT_COUNTRY = 'GB';

/**
 * Sandbox tokens get the sandbox wallet; production tokens get Apple Pay and Google Pay. Each
 * wallet's code is a chunk beside the frame bundle, loaded only where it can run: Apple Pay where
 * the browser has `ApplePaySession`, Google Pay when the provider's session carries the merchant's
 * gateway id. Both are in place before `configure` answers, so a click opens them at once.
 */
export async function defaultAdapters(context: AdapterContext): Promise<WalletAdapter[]> {
  if (context.environment === 'sandbox') {
    return [new SandboxWalletAdapter({ container: context.container, mode: context.mode, clickGuard: context.clickGuard, onSheet: context.onSheet })];
  }
  const doc = context.container.ownerDocument;
  const google = context.session?.wallet;
  const [apple, googlePay] = await Promise.all([
    'ApplePaySession' in (doc.defaultView ?? window) ? import('./adapters/apple-pay.js').catch(() => undefined) : undefined,
    google?.gatewayMerchantId ? import('./adapters/google-pay.js').catch(() => undefined) : undefined,
  ]);
  const adapters: WalletAdapter[] = [];
  if (apple) adapters.push(new apple.ApplePayAdapter({ validateMerchant: (url) => validateAppleMerchant(context.api, url, context.merchantDomain) }));
  if (googlePay && google?.gatewayMerchantId) {
    adapters.push(
      new googlePay.GooglePayAdapter({
        loadClient: () => googlePay.loadGooglePayClient(doc, 'production'),
        gateway: google.gateway ?? 'momentpay',
        gatewayMerchantId: google.gatewayMerchantId,
        ...(google.googleMerchantId ? { merchantId: google.googleMerchantId } : {}),
      }),
    );
  }
  return adapters;
}

/**
 * A result for a payment that ended without one from the provider. The provider said it never got
 * the request (`network_error`, `payment_timeout`): nothing was charged, and the customer may try
 * again (`service_unavailable` makes it a failed attempt, not the session's end).
 */
export function failureResult(error: unknown): TransactionResult {
  if (error instanceof BridgeError && (error.code === 'network_error' || error.code === 'payment_timeout')) {
    return { statusCode: 500, message: error.code === 'network_error' ? NETWORK_ERROR_MESSAGE : TIMEOUT_MESSAGE, errorType: 'service_unavailable' };
  }
  const reason = error instanceof WalletError ? error.message : 'The wallet payment did not complete.';
  return { statusCode: 30, message: `${reason} Try again or choose another way to pay.` };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WalletFrame {
  readonly button: HTMLButtonElement;
  readonly #container: HTMLElement;
  readonly #note: HTMLElement;
  readonly #refusal: HTMLElement;
  readonly #guard: ClickGuard;
  readonly #theme = new CSSStyleSheet();
  #config: WalletFrameConfig | undefined;
  readonly #texts = new FrameTexts<WalletKey>({ dir: 'ltr', ...EN_SHARED, ...EN_WALLET }, () => {
    this.#container.lang = this.#texts.intl;
    const root = this.#container.ownerDocument.documentElement;
    root.lang = this.#texts.intl;
    root.dir = this.#texts.t.dir;
    this.#render();
  });
  #detectionKey = '';
  #detection: Promise<void> = Promise.resolve();
  #checking = false;
  #adapter: WalletAdapter | undefined;
  #session: WalletSessionInfo | undefined;
  #availability: WalletAvailability = { available: false, wallets: [] };
  /** What the host was last told, to report later changes with an `availability` event. */
  #reported: WalletAvailability | undefined;
  #running = false;
  /** A payment request whose answer was lost: the next payment reuses its key or asks about it first. */
  readonly #unfinished = new UnfinishedAttempt();
  #sheetIsOpen = false;
  /** A click waits for the visibility report. */
  #checkingClick = false;

  readonly #options: WalletFrameOptions;

  constructor(options: WalletFrameOptions) {
    this.#options = options;
    const doc = options.root.ownerDocument;
    const page = new CSSStyleSheet();
    page.replaceSync(WALLET_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, page, this.#theme];
    this.#container = doc.createElement('div');
    this.#container.className = 'mw-root';
    this.button = doc.createElement('button');
    this.button.type = 'button';
    this.button.id = 'wallet-button';
    this.button.addEventListener('click', this.#onClick);
    this.#note = doc.createElement('p');
    this.#note.className = 'mw-note';
    this.#note.id = 'wallet-unavailable-note';
    this.#note.hidden = true;
    this.#refusal = doc.createElement('p');
    this.#refusal.className = 'mw-refusal';
    this.#refusal.setAttribute('role', 'status');
    this.#container.append(this.button, this.#note, this.#refusal);
    options.root.append(this.#container);
    this.#guard = (options.clickGuard ?? guardClicks)(this.button);
  }

  /** Whether an in-frame sheet is open (the frame then reports no height changes). */
  get sheetOpen(): boolean {
    return this.#sheetIsOpen;
  }

  /** The wallet the button starts, once detected. */
  get wallet(): WalletKind | undefined {
    return this.#adapter?.wallet;
  }

  /** Applies a configuration; answers with the availability known within the detection timeout. */
  async configure(config: WalletFrameConfig): Promise<WalletAvailability> {
    this.#config = config;
    this.#theme.replaceSync(walletThemeCss(config.themeVariables));
    await this.#texts.set(config.locale);
    const environment = tokenEnvironment(config.clientToken);
    const mode = environment === 'sandbox' ? (config.sandboxWallets ?? 'sandbox') : 'sandbox';
    const key = `${environment}|${mode}|${config.clientToken}`;
    if (key !== this.#detectionKey) {
      this.#detectionKey = key;
      this.#detection = this.#detect(key, environment, mode, config.clientToken);
    }
    this.#render();
    await Promise.race([this.#detection, sleep(this.#options.detectTimeoutMs ?? 2500)]);
    this.#reported = this.#availability;
    return this.#availability;
  }

  #api(clientToken: string): WalletApiOptions {
    const timeout = this.#config?.paymentTimeout;
    return {
      origin: this.#options.apiOrigin ?? this.#options.root.ownerDocument.location.origin,
      clientToken,
      ...(timeout ? { timeoutMs: timeout } : {}),
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    };
  }

  /** The session's status and what became of a payment request whose answer was lost. */
  paymentStatus(): Promise<PaymentStatus> {
    const config = this.#config;
    if (!config) return Promise.reject(new BridgeError({ code: 'not_configured', message: 'The wallet frame has not been configured yet.' }));
    return readPaymentStatus(this.#api(config.clientToken), this.#unfinished);
  }

  async #detect(key: string, environment: Environment, mode: 'sandbox' | 'none', clientToken: string): Promise<void> {
    this.#checking = true;
    this.#adapter = undefined;
    this.#availability = { available: false, wallets: [] };
    const api = this.#api(clientToken);
    const session = await fetchSessionInfo(api);
    if (key !== this.#detectionKey) return;
    const create = this.#options.createAdapters ?? defaultAdapters;
    const merchantDomain = new URL(this.#options.hostOrigin ?? this.#options.root.ownerDocument.location.origin).hostname;
    const clickGuard = this.#options.clickGuard ?? guardClicks;
    const onSheet = (open: boolean) => {
      this.#sheetIsOpen = open;
      this.#options.emit('sheet', { open });
    };
    const adapters = await create({ environment, mode, container: this.#container, api, session, merchantDomain, clickGuard, onSheet });
    if (key !== this.#detectionKey) return;
    const flags = await Promise.all(adapters.map((a) => a.isAvailable().catch(() => false)));
    if (key !== this.#detectionKey) return;
    // A real wallet needs the amount for its sheet; without the session none can be offered.
    const usable = adapters.filter((a, i) => flags[i] && (session !== undefined || a.wallet === 'sandbox'));
    this.#session = session;
    this.#adapter = usable[0];
    this.#availability = { available: usable.length > 0, wallets: usable.map((a) => a.wallet) };
    this.#checking = false;
    this.#render();
    const told = this.#reported;
    if (told && (told.available !== this.#availability.available || told.wallets.join() !== this.#availability.wallets.join())) {
      this.#reported = this.#availability;
      this.#options.emit('availability', this.#availability);
    }
  }

  #payRequest(config: WalletFrameConfig): WalletPayRequest {
    const session = this.#session;
    return {
      amount: session?.amount,
      currency: session?.currency ?? 'GBP',
      countryCode: session?.wallet?.countryCode ?? DEFAULT_COUNTRY,
      label: session?.wallet?.merchantName ?? session?.title ?? 'Total',
      emailRequired: config.emailRequired,
      billingAddressRequired: config.billingAddressRequired,
      shippingAddressRequired: config.shippingAddressRequired,
      locale: this.#texts.intl,
    };
  }

  /** One payment at a time: a click while one runs, or on a disabled button, does nothing. */
  readonly #onClick = (event: MouseEvent): void => {
    if (!this.#canStart()) return;
    // A click the customer may not have meant for this button (it is hidden or covered) opens
    // nothing. Visible now: start at once, inside the click, as the wallets require. Not known to
    // be visible yet (v2's report lags a move; without v2, the host's answer to the pointerdown
    // has not come, or there was none: a keyboard click): wait for it, within the click's user
    // activation.
    if (this.#guard.allows(event)) return this.#start();
    this.#checkingClick = true;
    void this.#guard.check(event).then((visible) => {
      this.#checkingClick = false;
      if (!visible) this.#refusal.textContent = COVERED_MESSAGE;
      else if (this.#canStart()) this.#start();
    });
  };

  #canStart(): boolean {
    const config = this.#config;
    return Boolean(this.#adapter && config && !config.disabled && !this.#running && !this.#checking && !this.#checkingClick);
  }

  #start(): void {
    const adapter = this.#adapter;
    const config = this.#config;
    if (!adapter || !config) return;
    this.#refusal.textContent = '';
    this.#running = true;
    const api = this.#api(config.clientToken);
    const idempotencyKey = randomId();
    this.#options.emit('payment-initiated', { wallet: adapter.wallet });
    let outcome: Promise<WalletPayOutcome>;
    try {
      // Straight from the click: the wallets open their sheets only inside a user gesture.
      outcome = adapter.pay(this.#payRequest(config), (payment) =>
        payWithWallet(api, { wallet: adapter.wallet, ...payment }, idempotencyKey, this.#unfinished),
      );
    } catch (error) {
      outcome = Promise.reject(error);
    }
    this.#render();
    outcome
      .then(
        (o) => (o.kind === 'cancelled' ? this.#options.emit('payment-cancel', {}) : this.#options.emit('payment-complete', { result: o.result })),
        (error: unknown) =>
          // No answer and no way to learn one: never reported as a failure, the customer may have paid.
          error instanceof BridgeError && error.code === 'outcome_unknown'
            ? this.#options.emit('payment-unknown', { message: error.message })
            : this.#options.emit('payment-complete', { result: failureResult(error) }),
      )
      .finally(() => {
        this.#running = false;
        this.#render();
        const doc = this.button.ownerDocument;
        // Focus goes back to the button when it was in the sheet (now gone), never away from the host page.
        if (doc.hasFocus() && (doc.activeElement === doc.body || doc.activeElement === null)) this.button.focus({ preventScroll: true });
      });
  }

  #render(): void {
    const config = this.#config;
    if (!config) return;
    renderButton(this.button, {
      wallet: this.#adapter?.wallet,
      color: config.buttonColor,
      type: config.buttonType,
      locale: this.#texts.intl,
      texts: this.#texts.t,
      disabled: config.disabled,
      busy: this.#running,
      checking: this.#checking,
    });
    const unavailable = !this.#checking && !this.#adapter;
    this.#note.hidden = !unavailable;
    this.#note.textContent = unavailable ? this.#texts.t.walletUnavailableNote : '';
    this.button.setAttribute('aria-describedby', unavailable ? this.#note.id : '');
    if (!unavailable) this.button.removeAttribute('aria-describedby');
  }
}
