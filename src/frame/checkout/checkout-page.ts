/**
 * The checkout page: order summary (summary.ts), the wallet button when the session takes wallets
 * (wallet.ts, a chunk), the card fields (the same `CardFields` as the card frame), the customer
 * details the session collects (checkout-form.ts), a pay button, and the end states (end-state.ts).
 * Framed, it talks to the host only through `emit` and the `submit()` it exposes; top-level
 * (`hosted`, see hosted.ts) it acts on the outcome itself. Holds no global state.
 */
import type { AdditionalInfo, TransactionResult, ValidationError } from '../../protocol/card.js';
import { customerDetailsOf } from '../../protocol/customer.js';
import type { CheckoutValidationError, CheckoutFrameConfig, CheckoutOutcome, FrameSession, checkoutEvents } from '../../protocol/checkout.js';
import { BridgeError, randomId } from '../../protocol/port.js';
import { CardFields, type CardFieldsOptions } from '../card/card-fields.js';
import type { PendingChallenge } from '../card/payment.js';
import { themeCss } from '../card/styles.js';
import type { CollectedForm } from './checkout-form.js';
import { showState, type StateKind } from './end-state.js';
import { formatMoney } from '../../protocol/money.js';
import { renderSummary } from './summary.js';
import { LiveRegion } from '../form/live-region.js';
import { fill, FrameTexts, type CheckoutKey, type Translation } from '../i18n/index.js';
import { outcomeOf, outcomeOfSession } from '../../protocol/outcome.js';
import { acceptsCard, acceptsWallet, isSafeReturnUrl, readSession, redirectUrl, scheduleExpiry, withSessionId, type ReadSessionOptions } from './session.js';
import { tokenEnvironment, tokenSessionId } from '../token.js';
import type { CheckoutWallet } from './wallet.js';
import { CHECKOUT_CSS } from './styles.js';
import { createElement } from '../dom.js';
import { COVERED_MESSAGE, guardClicks, type ClickGuard } from '../visibility.js';
import type { FrameEmitter } from '../bridge.js';

/** Sends a checkout event to the host (the bridge, in the checkout frame). */
export type CheckoutEmitter = FrameEmitter<typeof checkoutEvents>;

export interface CheckoutPageOptions {
  emit: CheckoutEmitter;
  /** Origin of the API and of the frames; defaults to the page's own origin. */
  origin?: string;
  fetch?: typeof fetch;
  /** Passed on to the card fields (payment fetch, timeouts, retries), e.g. in tests. */
  payment?: CardFieldsOptions['payment'];
  /** Guards the pay button against clicks while it is covered or hidden; defaults to `guardClicks`. */
  clickGuard?: (button: HTMLElement) => ClickGuard;
  /** The merchant page's origin (the bridge's checked host origin): the domain a wallet validates. */
  hostOrigin?: string;
  /**
   * The page is the hosted checkout, top-level (hosted.ts): it offers Cancel when the session has a
   * `cancel_url`, sends the page to the bank itself for a redirect challenge, and when the session
   * ends navigates to the merchant's return URL (with a link for WebViews that block it).
   */
  hosted?: { navigate: (url: string) => void };
}

type Phase = 'loading' | 'ready' | 'paying' | 'redirecting' | 'closed';

/** The result of asking to pay. */
export type PayAttempt = { status: 'started' | 'busy' } | { status: 'invalid'; error: BridgeError } | { status: 'unavailable'; error: BridgeError };

export const DEFAULT_TITLE = 'Checkout';

export class CheckoutPage {
  readonly main: HTMLElement;
  readonly #doc: Document;
  readonly #sheet = new CSSStyleSheet();
  readonly #heading: HTMLHeadingElement;
  readonly #testBadge: HTMLSpanElement;
  readonly #cancelButton: HTMLButtonElement;
  /** The wallet button, when the session takes wallets; its section sits above the card form. */
  #wallet: CheckoutWallet | null = null;
  #walletSection: HTMLElement | null = null;
  #walletDivider: HTMLParagraphElement | null = null;
  readonly #summary: HTMLElement;
  readonly #body: HTMLDivElement;
  readonly #attemptMessage: HTMLParagraphElement;
  readonly #payButton: HTMLButtonElement;
  readonly #payGuard: ClickGuard;
  readonly #state: HTMLDivElement;
  readonly #liveRegion: LiveRegion;
  #cardHeading: HTMLHeadingElement | null = null;
  readonly #abort = new AbortController();
  #collected: CollectedForm | null = null;
  /** The collected-details code, when the session collects any. */
  #details: typeof import('./details.js') | undefined;
  #config: CheckoutFrameConfig;
  readonly #texts = new FrameTexts<CheckoutKey>(null, () => this.#applyLocale());
  #session: FrameSession | null = null;
  #sessionId: string;
  #clockOffsetMs = 0;
  #fields: CardFields | null = null;
  #phaseValue: Phase = 'loading';
  /** Where the checkout is (`loading`, `ready`, `paying`, …), also as `data-phase` on `<main>`: a stable hook for end-to-end tests. */
  get #phase(): Phase {
    return this.#phaseValue;
  }
  set #phase(phase: Phase) {
    this.#phaseValue = phase;
    this.main.dataset.phase = phase;
  }
  #expiryDue = false;
  #cancelExpiry: () => void = () => {};
  #redirectChallenge: PendingChallenge | null = null;
  #focusBeforePay: HTMLElement | null = null;
  /** The card fields' shown errors, as their last `validation-error` said. */
  #cardShown: ValidationError[] = [];
  /** What the host was last told of the shown errors (to send only changes). */
  #lastShownKey = '[]';
  /** Set while a pay attempt shows every error, which it reports once. */
  #validating = false;

  readonly #options: CheckoutPageOptions;

  constructor(container: HTMLElement, config: CheckoutFrameConfig, options: CheckoutPageOptions) {
    this.#options = options;
    this.#doc = container.ownerDocument;
    this.#config = config;
    this.#sessionId = tokenSessionId(config.clientToken);
    this.#doc.adoptedStyleSheets = [...this.#doc.adoptedStyleSheets, this.#sheet];

    this.main = this.#create('main', 'mc-checkout');
    this.main.dataset.phase = this.#phaseValue;
    this.#heading = this.#create('h1', 'mc-title');
    this.#heading.id = 'checkout-title';
    this.#heading.textContent = this.#t.checkoutTitle;
    // Seed 004's go-live list: a test session says so (a live one never shows the badge).
    this.#testBadge = this.#create('span', 'mc-test-badge');
    this.#testBadge.hidden = tokenEnvironment(config.clientToken) !== 'sandbox';
    const header = this.#create('header', 'mc-header');
    header.append(this.#heading, this.#testBadge);
    this.#cancelButton = this.#create('button', 'mc-cancel');
    this.#cancelButton.id = 'checkout-cancel';
    this.#cancelButton.type = 'button';
    this.#cancelButton.hidden = true;
    this.#summary = this.#create('section', 'mc-summary');
    this.#summary.setAttribute('aria-labelledby', 'summary-heading');
    this.#summary.hidden = true;
    this.#body = this.#create('div', 'mc-body');
    this.#body.hidden = true;
    this.#attemptMessage = this.#create('p', 'mc-attempt');
    this.#attemptMessage.id = 'attempt-message';
    this.#attemptMessage.tabIndex = -1;
    this.#attemptMessage.hidden = true;
    this.#payButton = this.#create('button', 'mc-pay');
    this.#payButton.id = 'checkout-pay';
    this.#payButton.type = 'button';
    this.#state = this.#create('div', 'mc-state');
    this.#state.id = 'checkout-state';
    this.#liveRegion = new LiveRegion(this.#doc);
    this.main.append(header, this.#summary, this.#body, this.#state, this.#liveRegion.element);

    const signal = this.#abort.signal;
    this.#payGuard = (options.clickGuard ?? guardClicks)(this.#payButton);
    this.#payButton.addEventListener(
      'click',
      (event) => {
        // A click the customer may not have meant for this button (it is hidden or covered) pays nothing.
        void this.#payGuard.check(event).then((visible) => {
          if (this.#abort.signal.aborted) return;
          if (visible) this.pay();
          else this.#refuseCovered();
        });
      },
      { signal },
    );
    this.#cancelButton.addEventListener('click', () => this.#cancel(), { signal });
    // Enter in any field pays. The card fields handle their own Enter (and prevent its default).
    this.main.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
        const target = event.target;
        if (!(target instanceof HTMLInputElement) && !(target instanceof HTMLSelectElement)) return;
        // The wallet's sheet is a form of its own: Enter there is the sheet's.
        if (target.closest('.mc-wallet')) return;
        event.preventDefault();
        void this.pay();
      },
      { signal },
    );

    this.update(config);
    this.#showState('loading', this.#t.loading, '');
    container.append(this.main);
  }

  // ----- host API ---------------------------------------------------------------------------

  get clientToken(): string {
    return this.#config.clientToken;
  }

  get currentPhase(): Phase {
    return this.#phase;
  }

  /** Applies theme, locale and pay-button visibility; the session stays as it is. */
  update(config: CheckoutFrameConfig): void {
    this.#config = config;
    this.#sheet.replaceSync(`${CHECKOUT_CSS}\n${themeCss(config.themeVariables)}`);
    void this.#texts.set(config.locale);
    const payButtonChanged = this.#payButton.hidden !== config.hidePayButton;
    this.#payButton.hidden = config.hidePayButton;
    // Without its pay button the amount shows in the summary's total row instead.
    if (payButtonChanged && this.#session && this.#phase !== 'closed') this.#renderSummary(this.#session);
    if (this.#fields) this.#fields.setConfig(this.#cardConfig());
    this.#wallet?.update({ locale: config.locale, themeVariables: config.themeVariables });
    if (this.#session && this.#phase !== 'paying' && this.#phase !== 'redirecting') this.#payButton.textContent = this.#payLabel();
  }

  /**
   * Reads the session and shows the checkout, or the state the session is in. Events about what
   * it found (`error`, `outcome`) are sent after the caller has answered the host.
   */
  async load(): Promise<void> {
    const [read] = await Promise.all([readSession(this.#config.clientToken, this.#readOptions()), this.#texts.ready]);
    if (this.#abort.signal.aborted) return;
    if (!read.ok) {
      if (read.reason === 'expired') return this.#close('expired', this.#t.expiredHeading, this.#t.expiredText, undefined, true);
      const message =
        read.reason === 'network'
          ? 'The checkout could not be loaded: the payment service did not answer.'
          : 'The checkout could not be loaded: its session is not valid.';
      // Top-level, the token came in the URL: a refused one is a bad link, not a page to close.
      if (this.#options.hosted && read.reason === 'invalid') this.#showState('error', this.#t.linkInvalidHeading, this.#t.linkInvalidText);
      else this.#showState('error', this.#t.loadFailedHeading, this.#options.hosted ? this.#t.reloadText : this.#t.loadFailedText);
      this.#phase = 'closed';
      this.#later(() => this.#options.emit('error', { message }));
      return;
    }
    const { session } = read;
    this.#session = session;
    this.#sessionId = session.id;
    this.#clockOffsetMs = read.clockOffsetMs;
    this.#heading.textContent = session.title?.trim() || this.#t.checkoutTitle;
    this.#renderSummary(session);
    const closed = this.#closed(session.status);
    if (closed) return this.#close(closed.outcome, closed.heading, closed.message, undefined, true);
    const cards = acceptsCard(session);
    const { collect } = session;
    if (cards && (collect?.email || collect?.billing_address || collect?.shipping_address)) {
      this.#details = await import('./details.js').catch(() => undefined);
      if (this.#abort.signal.aborted) return;
      if (!this.#details) {
        this.#showState('error', this.#t.loadFailedHeading, this.#t.loadFailedText);
        this.#phase = 'closed';
        this.#later(() => this.#options.emit('error', { message: 'The checkout could not be loaded: the payment service did not answer.' }));
        return;
      }
    }
    if (acceptsWallet(session)) {
      // The wallet's code is a chunk beside the bundle, fetched only for a session that takes wallets.
      const walletModule = await import('./wallet.js').catch(() => undefined);
      if (this.#abort.signal.aborted) return;
      if (walletModule) this.#mountWallet(walletModule, session);
      else if (!cards) {
        this.#showState('error', this.#t.loadFailedHeading, this.#options.hosted ? this.#t.reloadText : this.#t.loadFailedText);
        this.#phase = 'closed';
        this.#later(() => this.#options.emit('error', { message: 'The checkout could not be loaded: the payment service did not answer.' }));
        return;
      }
    }
    this.#renderForm(session, cards);
    this.#phase = 'ready';
    this.#state.hidden = true;
    this.#body.hidden = false;
    this.#cancelExpiry = scheduleExpiry(Date.parse(session.expires_at), this.#clockOffsetMs, () => this.#onExpiry());
  }

  /** The host's `submit` request: starts paying, or says why it cannot. */
  submit(): null {
    const attempt = this.pay();
    if (attempt.status === 'invalid' || attempt.status === 'unavailable') throw attempt.error;
    return null;
  }

  /** Validates everything and starts the payment (without waiting for its outcome). */
  pay(): PayAttempt {
    if (this.#phase === 'paying' || this.#phase === 'redirecting') return { status: 'busy' };
    const fields = this.#fields;
    const session = this.#session;
    if (this.#phase === 'ready' && !fields) {
      // A wallet-only checkout: its sheet opens only from a click on its own button.
      return { status: 'unavailable', error: new BridgeError({ code: 'not_configured', message: 'This checkout is paid with its wallet button.' }) };
    }
    if (this.#phase !== 'ready' || !fields || !session) {
      return {
        status: 'unavailable',
        error:
          this.#phase === 'loading'
            ? new BridgeError({ code: 'not_configured', message: 'The checkout is still loading.' })
            : new BridgeError({ code: 'closed', message: 'This checkout takes no more payments.' }),
      };
    }
    this.#validating = true;
    const card = fields.validate();
    const collected = this.#collected?.showAll() ?? [];
    this.#validating = false;
    this.#reportShown(true);
    if (!card.valid || collected.length > 0) {
      const first = this.main.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      this.#announce(collected.join(' '));
      const count = card.errors.length + collected.length;
      return {
        status: 'invalid',
        error: new BridgeError({
          code: 'validation_failed',
          message: `${count} ${count === 1 ? 'field needs' : 'fields need'} attention before paying.`,
          errors: card.errors,
        }),
      };
    }
    void this.#run(fields, session);
    return { status: 'started' };
  }

  /** Removes the page, its styles, timers and listeners. */
  destroy(): void {
    this.#abort.abort();
    this.#payGuard.disconnect();
    this.#cancelExpiry();
    this.#fields?.destroy();
    this.#fields = null;
    this.#wallet?.destroy();
    this.#wallet = null;
    this.main.remove();
    this.#doc.adoptedStyleSheets = this.#doc.adoptedStyleSheets.filter((s) => s !== this.#sheet);
  }

  // ----- payment ----------------------------------------------------------------------------

  async #run(fields: CardFields, session: FrameSession): Promise<void> {
    const additionalInfo = this.#details?.buildAdditionalInfo(session.collect, this.#values());
    this.#redirectChallenge = null;
    this.#focusBeforePay = this.#doc.activeElement instanceof HTMLElement ? this.#doc.activeElement : null;
    this.#attemptMessage.hidden = true;
    this.#setPaying(true);
    let result: TransactionResult;
    try {
      result = await fields.executePayment({ ...(additionalInfo ? { additionalInfo } : {}), idempotencyKey: randomId() });
    } catch (error) {
      delete this.#body.dataset.challenge;
      if (this.#abort.signal.aborted) return;
      if (error instanceof BridgeError && error.code === 'validation_failed') {
        this.#setPaying(false);
        fields.focus(null);
        return;
      }
      const message = error instanceof Error && error.message ? error.message : this.#t.paymentFailed;
      // A lost answer: the session, read now, may say it is paid; else the host hears `unknown`.
      return this.#afterFailedAttempt(message, undefined, error instanceof BridgeError && error.code === 'outcome_unknown' ? 'unknown' : 'attempt-failed');
    }
    delete this.#body.dataset.challenge;
    if (this.#abort.signal.aborted) return;

    const challenge = this.#redirectChallenge as PendingChallenge | null;
    if (result.statusCode === 3 && challenge && result.paymentId === challenge.paymentId && session.success_url) {
      const url = redirectUrl(challenge.url, session.success_url, this.#origin());
      if (url) return this.#redirect(url);
      this.#setPaying(false);
      return this.#attemptFailed(this.#t.bankPageFailed, result);
    }

    return this.#settle(withCustomerDetails(result, additionalInfo));
  }

  /** A payment's result (card or wallet) through the checkout's one outcome path. */
  async #settle(result: TransactionResult): Promise<void> {
    const outcome = outcomeOf(result);
    switch (outcome) {
      // The customer left the bank's page: no charge, the form stays for another try, and the host
      // hears `cancel` (with the result, `cancelled: true`) rather than a failed attempt.
      case 'cancel':
        return this.#afterFailedAttempt(result.message, result, 'cancel');
      case 'success':
        return this.#succeed(result);
      case 'attempt-failed':
        return this.#afterFailedAttempt(result.message, result);
      case 'expired':
        return this.#close('expired', this.#t.expiredHeading, result.message, result);
      case 'failure':
        // A duplicate (20) means the session was paid meanwhile (another tab, the merchant's own
        // card form): when the session says so, that is the order's success, never a failure.
        if (result.statusCode === 20 && (await this.#sessionStatus()) === 'completed') {
          if (this.#abort.signal.aborted) return;
          return this.#succeed(result, this.#t.alreadyPaid);
        }
        if (this.#abort.signal.aborted) return;
        // The provider says this attempt used up the session's last try.
        if (result.sessionStatus === 'failed') return this.#close('failure', this.#t.failureHeading, this.#t.noMoreAttempts, result);
        return this.#close('failure', this.#t.failureHeading, result.message, result);
    }
  }

  // ----- wallet -----------------------------------------------------------------------------

  /**
   * The wallet button above the card form: the wallet frame's own code, mounted in this page with
   * the session's token and collection flags. It pays through the same session, and its result
   * takes the checkout's one outcome path.
   */
  #mountWallet(module: typeof import('./wallet.js'), session: FrameSession): void {
    const section = this.#create('div', 'mc-wallet');
    this.#walletSection = section;
    if (acceptsCard(session)) {
      this.#walletDivider = this.#create('p', 'mc-divider');
      this.#walletDivider.textContent = this.#t.orPayByCard;
    }
    this.#wallet = module.mountWallet(section, {
      clientToken: this.#config.clientToken,
      locale: this.#config.locale,
      themeVariables: this.#config.themeVariables,
      collect: session.collect ?? {},
      apiOrigin: this.#origin(),
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      ...(this.#options.hostOrigin ? { hostOrigin: this.#options.hostOrigin } : {}),
      ...(this.#options.clickGuard ? { clickGuard: this.#options.clickGuard } : {}),
      onInitiated: () => {
        this.#focusBeforePay = null;
        this.#attemptMessage.hidden = true;
        this.#setPaying(true);
      },
      onCancel: () => {
        // The customer closed the sheet: nothing was charged, the checkout is as it was.
        if (this.#phase !== 'paying') return;
        this.#setPaying(false);
        if (this.#expiryDue) this.#onExpiry();
      },
      onComplete: (result) => {
        if (this.#abort.signal.aborted || this.#phase !== 'paying') return;
        void this.#settle(result);
      },
    });
  }

  // ----- hosted page ------------------------------------------------------------------------

  /** The hosted page's Cancel: back to the merchant's `cancel_url`; the session stays as it is. */
  #cancel(): void {
    const session = this.#session;
    if (!this.#options.hosted || this.#phase !== 'ready' || !session?.cancel_url || !isSafeReturnUrl(session.cancel_url)) return;
    const url = withSessionId(session.cancel_url, session.id);
    this.#teardown();
    this.#showState('redirect', this.#t.cancelledHeading, this.#t.returningToMerchant);
    this.#appendReturnLink(url);
    this.#stateHeading()?.focus();
    this.#options.hosted.navigate(url);
  }

  /**
   * The hosted page's end: a link back to the merchant (a WebView may block the automatic return),
   * and, for a payment made on this page, the navigation to `success_url` with the session id.
   * A session found already ended when the page loads (the customer came Back) is not sent again.
   */
  #returnToMerchant(outcome: CheckoutOutcome, atLoad: boolean): void {
    const session = this.#session;
    if (!session) return;
    const target = outcome === 'success' ? session.success_url : (session.cancel_url ?? session.success_url);
    if (!target || !isSafeReturnUrl(target)) return;
    const url = withSessionId(target, session.id);
    this.#appendReturnLink(url);
    if (outcome === 'success' && !atLoad) this.#options.hosted?.navigate(url);
  }

  #appendReturnLink(url: string): void {
    const link = this.#create('a', 'mc-state-link mc-return');
    link.href = url;
    link.textContent = this.#t.returnToMerchant;
    this.#state.append(link);
  }

  #succeed(result: TransactionResult, text = fill(this.#t.successText, { amount: this.#amountText() })): void {
    this.#close('success', this.#t.successHeading, text, result);
  }

  /** The session's status now, or `null` when it cannot be read. */
  async #sessionStatus(): Promise<FrameSession['status'] | 'expired' | null> {
    const read = await readSession(this.#config.clientToken, this.#readOptions());
    if (read.ok) return read.session.status;
    return read.reason === 'expired' ? 'expired' : null;
  }

  /**
   * A declined, failed or cancelled attempt. The session is read before anything is reported: the
   * attempt that used up the last try (the session is now `failed`) is the one final `failure`, not
   * an `attempt-failed` followed by a `failure`. While it is read the pay button stays busy.
   */
  async #afterFailedAttempt(message: string, result?: TransactionResult, outcome: 'attempt-failed' | 'cancel' | 'unknown' = 'attempt-failed'): Promise<void> {
    // The provider may say the session's status with the answer; else it is read.
    const status = result?.sessionStatus ?? (await this.#sessionStatus());
    if (this.#abort.signal.aborted) return;
    const closed = status && status !== 'open' ? this.#closed(status) : null;
    if (closed) return this.#close(closed.outcome, closed.heading, closed.message, result);
    this.#setPaying(false);
    this.#attemptFailed(message, result, outcome);
  }

  /** A refused click: said beside the pay button, nothing else happens. */
  #refuseCovered(): void {
    this.#attemptMessage.textContent = COVERED_MESSAGE;
    this.#attemptMessage.hidden = false;
    this.#announce(COVERED_MESSAGE);
  }

  /** A failed (or cancelled) attempt: the message stays beside the pay button and the customer may try again. */
  #attemptFailed(message: string, result?: TransactionResult, outcome: 'attempt-failed' | 'cancel' | 'unknown' = 'attempt-failed'): void {
    this.#attemptMessage.textContent = message;
    this.#attemptMessage.hidden = false;
    this.#announce(message);
    const back = this.#focusBeforePay;
    if (back?.isConnected && !(back as HTMLInputElement).disabled && back !== this.#doc.body) back.focus();
    else if (!this.#payButton.hidden) this.#payButton.focus();
    this.#options.emit('outcome', { outcome, sessionId: this.#sessionId, message, ...(result ? { result } : {}) });
    if (this.#expiryDue) return this.#onExpiry();
  }

  #redirect(url: string): void {
    this.#phase = 'redirecting';
    this.#cancelExpiry();
    this.#payButton.textContent = this.#t.redirecting;
    this.#showState('redirect', this.#t.redirectHeading, this.#t.redirectText);
    const link = this.#create('a', 'mc-state-link');
    link.href = url;
    link.target = '_top';
    link.textContent = this.#t.continueToBank;
    this.#state.append(link);
    this.#body.hidden = true;
    this.#cancelButton.hidden = true;
    // Top-level there is no host to ask: the page goes to the bank itself.
    if (this.#options.hosted) this.#options.hosted.navigate(url);
    else this.#options.emit('redirect', { url });
  }

  #onExpiry(): void {
    if (this.#phase === 'paying') {
      this.#expiryDue = true;
      return;
    }
    if (this.#phase !== 'ready') return;
    this.#close('expired', this.#t.expiredHeading, this.#t.expiredText);
  }

  /**
   * Ends the checkout: the form (and any card data in it) goes, the end state shows, the host
   * hears the outcome. `deferred` when called while answering `configure`.
   */
  #close(outcome: CheckoutOutcome, heading: string, message: string, result?: TransactionResult, deferred = false): void {
    this.#teardown();
    const kind: StateKind = outcome === 'success' ? 'success' : outcome === 'expired' ? 'expired' : 'failure';
    this.#showState(kind, heading, message);
    if (this.#options.hosted) this.#returnToMerchant(outcome, deferred);
    if (!deferred) this.#stateHeading()?.focus();
    this.#announce(`${heading}. ${message}`);
    const send = () =>
      this.#options.emit('outcome', { outcome, sessionId: this.#sessionId, message: result?.message ?? message, ...(result ? { result } : {}) });
    if (deferred) this.#later(send);
    else send();
  }

  /** The checkout takes no more payments: the form (and any card data in it) and the wallet go. */
  #teardown(): void {
    this.#phase = 'closed';
    this.#cancelExpiry();
    this.#fields?.destroy();
    this.#fields = null;
    this.#wallet?.destroy();
    this.#wallet = null;
    this.#body.hidden = true;
    this.#body.replaceChildren();
    this.#collected = null;
    this.#cancelButton.hidden = true;
  }

  #setPaying(paying: boolean): void {
    this.#phase = paying ? 'paying' : this.#phase === 'paying' ? 'ready' : this.#phase;
    this.#payButton.disabled = paying;
    this.#payButton.setAttribute('aria-busy', String(paying));
    this.#payButton.textContent = paying ? this.#t.processing : this.#payLabel();
    this.#body.setAttribute('aria-busy', String(paying));
    this.#collected?.setDisabled(paying);
    this.#wallet?.setDisabled(paying);
    this.#cancelButton.disabled = paying;
    if (paying) this.#announce(this.#t.processingPayment);
  }

  // ----- rendering --------------------------------------------------------------------------

  #renderSummary(session: FrameSession): void {
    // The amount is always in sight: on the pay button, else in the summary's total row.
    renderSummary(this.#summary, session, this.#t, this.#locale(), { amountShownElsewhere: !this.#config.hidePayButton && acceptsCard(session) });
  }

  #renderForm(session: FrameSession, cards: boolean): void {
    if (this.#options.hosted && session.cancel_url && isSafeReturnUrl(session.cancel_url)) {
      this.#cancelButton.textContent = this.#t.cancelCheckout;
      this.#cancelButton.hidden = false;
    }
    const wallet = this.#walletSection ? [this.#walletSection] : [];
    if (!cards) {
      this.#body.replaceChildren(...wallet, this.#attemptMessage, this.#cancelButton);
      return;
    }
    if (this.#walletDivider) wallet.push(this.#walletDivider);
    const details = this.#details;
    const collected = details
      ? new details.CollectedForm(this.#doc, details.collectedFields(session.collect), {
          texts: () => ({ t: this.#t, locale: this.#locale() }),
          signal: this.#abort.signal,
          active: () => this.#phase === 'ready',
          onShown: (fresh) => {
            this.#announce(fresh.join(' '));
            this.#reportShown();
          },
        })
      : null;
    this.#collected = collected;

    const card = this.#create('div', 'mc-card');
    card.setAttribute('role', 'group');
    card.setAttribute('aria-labelledby', 'card-heading');
    const cardHeading = this.#create('h2', 'mc-section-title');
    cardHeading.id = 'card-heading';
    cardHeading.textContent = this.#t.cardDetails;
    this.#cardHeading = cardHeading;
    const cardSlot = this.#create('div', 'mc-card-fields');
    card.append(cardHeading, cardSlot);

    this.#body.replaceChildren(
      ...wallet,
      ...[collected?.section('contact') ?? null, collected?.section('shipping') ?? null, card, collected?.section('billing') ?? null].filter(
        (node): node is HTMLFormElement | HTMLDivElement => node !== null,
      ),
      this.#attemptMessage,
      this.#payButton,
      this.#cancelButton,
    );
    this.#fields = new CardFields(cardSlot, this.#cardConfig(), {
      emit: (name, detail) => {
        if (name === 'submit-request') void this.pay();
        if (name === 'validation-error') {
          this.#cardShown = (detail as { errors: ValidationError[] }).errors;
          if (!this.#validating) this.#reportShown();
        }
      },
      ...(this.#options.origin ? { apiOrigin: this.#options.origin } : {}),
      ...(this.#options.payment ? { payment: this.#options.payment } : {}),
      onChallenge: (challenge) => {
        if (this.#session?.success_url) {
          this.#redirectChallenge = challenge;
          return 'redirect';
        }
        // The challenge opens where the card fields are; the rest of the form steps aside.
        this.#body.dataset.challenge = '';
        return 'inline';
      },
    });
    this.#payButton.textContent = this.#payLabel();
    this.#payButton.disabled = false;
    this.#payButton.setAttribute('aria-busy', 'false');
  }

  /**
   * Tells the host which errors the customer now sees, in page order (contact and shipping, the
   * card, billing): when that list changed, or on every pay attempt (`always`).
   */
  #reportShown(always = false): void {
    const errors: CheckoutValidationError[] = [
      ...(this.#collected?.shownErrors(false) ?? []),
      ...this.#cardShown.map(({ field, errorType, message }) => ({ field, errorType, message })),
      ...(this.#collected?.shownErrors(true) ?? []),
    ];
    const key = JSON.stringify(errors);
    if (!always && key === this.#lastShownKey) return;
    this.#lastShownKey = key;
    this.#options.emit('validation-error', { errors });
  }

  #showState(kind: StateKind, heading: string, text: string): void {
    showState(this.#state, kind, heading, text);
  }

  #stateHeading(): HTMLElement | null {
    return this.#state.querySelector<HTMLElement>('.mc-state-heading');
  }

  // ----- helpers ----------------------------------------------------------------------------

  #values() {
    return this.#collected?.values() ?? {};
  }

  #cardConfig() {
    const { clientToken, themeVariables, locale, paymentTimeout } = this.#config;
    return { clientToken, themeVariables, locale, hideCardName: false, ...(paymentTimeout ? { paymentTimeout } : {}) };
  }

  #locale(): string {
    return this.#texts.intl;
  }

  get #t(): Pick<Translation, CheckoutKey> {
    return this.#texts.t;
  }

  /** A closed session's heading and message, in the customer's language. */
  #closed(status: FrameSession['status']): { outcome: CheckoutOutcome; heading: string; message: string } | null {
    const outcome = status === 'open' ? undefined : outcomeOfSession(status);
    if (!outcome) return null;
    const t = this.#t;
    const [heading, message] =
      outcome === 'success'
        ? [t.successHeading, t.alreadyPaid]
        : outcome === 'expired'
          ? [t.expiredHeading, t.expiredText]
          : outcome === 'cancel'
            ? [t.cancelledHeading, t.cancelledText]
            : [t.failureHeading, t.noMoreAttempts];
    return { outcome, heading, message };
  }

  /** A dictionary arrived: language and direction follow, and the texts that do not depend on a render. */
  #applyLocale(): void {
    this.main.lang = this.#texts.intl;
    this.#doc.documentElement.lang = this.#texts.intl;
    this.#doc.documentElement.dir = this.#t.dir;
    this.#testBadge.textContent = this.#t.testMode;
    this.#cancelButton.textContent = this.#t.cancelCheckout;
    if (this.#walletDivider) this.#walletDivider.textContent = this.#t.orPayByCard;
    if (!this.#session) this.#heading.textContent = this.#t.checkoutTitle;
    if (this.#phase === 'loading') this.#showState('loading', this.#t.loading, '');
    if (this.#session && this.#phase !== 'paying' && this.#phase !== 'redirecting') this.#payButton.textContent = this.#payLabel();
    if (this.#session && this.#phase !== 'closed') {
      this.#renderSummary(this.#session);
      if (this.#cardHeading) this.#cardHeading.textContent = this.#t.cardDetails;
      this.#collected?.applyTexts();
      this.#reportShown();
    }
  }

  #origin(): string {
    return this.#options.origin ?? location.origin;
  }

  #readOptions(): ReadSessionOptions {
    return { origin: this.#origin(), ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) };
  }

  #amountText(): string {
    return this.#session ? formatMoney(this.#session.amount, this.#session.currency, this.#locale()) : '';
  }

  #payLabel(): string {
    return this.#session ? fill(this.#t.payAmount, { amount: this.#amountText() }) : this.#t.pay;
  }

  #later(fn: () => void): void {
    setTimeout(() => {
      if (!this.#abort.signal.aborted) fn();
    }, 0);
  }

  #announce(text: string): void {
    this.#liveRegion.announce(text);
  }

  #create<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
    return createElement(this.#doc, tag, className);
  }
}

/**
 * A paid result with what the customer gave: the provider's stored copy when the answer has it,
 * else what this page sent with that very payment (so nothing collected is lost on the way to the
 * merchant's `onSuccess`). Never card data: `AdditionalInfo` minus `metaData`.
 */
function withCustomerDetails(result: TransactionResult, sent: AdditionalInfo | undefined): TransactionResult {
  if (result.customerDetails || result.statusCode !== 0) return result;
  const customerDetails = customerDetailsOf(sent);
  return customerDetails ? { ...result, customerDetails } : result;
}
