import type { PropertyValues } from '@lit/reactive-element';
import { hostedCheckoutUrl, type CheckoutVariant } from '../../protocol/api.js';
import { checkoutRequestResults, type CheckoutFrameConfig, type checkoutEvents, type checkoutRequests } from '../../protocol/checkout.js';
import { checkoutEvents as checkoutEventSchemas } from '../../protocol/checkout.js';
import { readClientToken } from '../../core/client-token.js';
import { CheckoutScopeController } from '../../core/context.js';
import { emit, type CheckoutResult, type LoadErrorDetail, type eventMap, type MomentCheckoutEventMap, type ElementEventMap } from '../../core/events.js';
import { assertSameEnvironment, invokeCallback } from '../../core/element-config.js';
import { replayEscape } from '../../core/escape.js';
import { DEFAULT_FETCH_TIMEOUT, FetchTimeoutError, fetchJson, withTimeout } from '../../core/fetch-json.js';
import { topNavigation } from '../../core/navigation.js';
import { REQUEST_TIMEOUT, SecureFrameController } from '../../core/secure-frame.js';
import { ConfigError, parseClientKey, resolveFramesOrigin } from '../../core/keys.js';
import { RedirectReturnController, rememberLaunched, rememberRedirect, type SessionStatusResponse } from '../../core/session-return.js';
import { themeTransitionStyles } from '../../core/theme.js';
import { MomentElement, type PropertyTable } from '../../core/moment-element.js';
import { createSecureIframe } from '../../core/frame-policy.js';
import { answerVisibility } from '../../core/visibility.js';
import { CHECKOUT_TEXTS, hostText } from '../../core/i18n.js';
import { OUTCOME_EVENTS, type Outcome } from '../../protocol/outcome.js';
import { momentCheckoutStyles } from './moment-checkout.styles.js';

/** Options of `launch()`. */
export interface LaunchOptions {
  /** Where an inline checkout renders: a CSS selector or an element. */
  container?: string | Element;
}

/** What `launch()` resolves with once the checkout is open. */
export interface LaunchResult {
  /** The session's checkout page, with the client token in the fragment: open it top-level (a mobile WebView, a redirect). */
  checkoutUrl: string;
  /** `modal` or `inline` in the page; `hosted` for a hosted session, whose page leaves for `checkoutUrl` right after. */
  variant: CheckoutVariant | 'hosted';
}

/** The documented outcome callbacks. */
export type CheckoutCallback = (result: CheckoutResult) => void;

/** Which callback each outcome calls, beside its event (`OUTCOME_EVENTS`): the documented names. */
export const OUTCOME_CALLBACKS = {
  success: 'onSuccess',
  failure: 'onFailure',
  'attempt-failed': 'onAttemptFailed',
  expired: 'onExpired',
  cancel: 'onCancel',
} as const satisfies Record<Outcome, keyof MomentCheckout>;

/**
 * The `checkout-error` codes a customer may get past by trying again (the merchant's endpoints,
 * the network, the frames origin): on an HTML-only checkout they show the element's message.
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'fetch_client_token_failed',
  'fetch_client_token_timeout',
  'invalid_client_token',
  'client_token_expired',
  'session_status_failed',
  'session_status_timeout',
  'invalid_session_status',
  'timeout',
  'frame_error',
  'frame_not_started',
  'frames_unreachable',
  'frames_unavailable',
  'launch_failed',
]);

/** A problem `launch()` rejects with; `code` is stable. */
export class CheckoutError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CheckoutError';
  }
}

/** The deepest focused element, through shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * The hosted checkout: a modal dialog (a bottom sheet on narrow screens) or an inline box, with
 * the provider's checkout page in a secure iframe. Each `launch()` fetches a fresh client token;
 * the token's `variant` claim decides modal or inline. A hosted session (the token's `mode` claim
 * is `hosted`) opens no iframe: `launch()` resolves `{ checkoutUrl, variant: 'hosted' }`, then
 * the page goes to the provider's checkout page. After a redirect payment, the page comes back
 * with `?session_id=` and the element reports the outcome and cleans the URL.
 *
 * It is also the scope of nested `<card-component>` and `<wallet-button>` elements: they take the
 * client key, token and frames origin from it.
 *
 * @summary Modal or inline hosted checkout, with redirect return handling.
 * @tagname moment-checkout
 *
 * @slot - Nested `<card-component>` / `<wallet-button>` elements and anything else of yours.
 *
 * @event {CustomEvent<CheckoutOpenDetail>} checkout-open - The checkout is open: `detail.variant`, `detail.checkoutUrl`; for a hosted session (`variant` `hosted`), the page is about to go to `checkoutUrl`.
 * @event {CustomEvent<EmptyDetail>} checkout-close - The checkout closed (after an outcome, `close()`, or a cancel).
 * @event {CustomEvent<CheckoutErrorDetail>} checkout-error - The checkout could not open or go on: `detail.code`, `detail.message`. Cancelable: when its `session-endpoint` or `status-endpoint` failed, the element shows a short message with a "Try again" button where the checkout would be (`part="error"`); call `event.preventDefault()` to show your own instead.
 * @event {CustomEvent<CheckoutValidationErrorDetail>} validation-error - The errors shown on the checkout's fields changed: `detail.errors` is `[{field, errorType, message}]` (empty when all clear).
 * @event {CustomEvent<CheckoutResult>} payment-success - The payment succeeded, or the session was already paid (`statusCode` 20 with the original `authCode`): `detail` is a `CheckoutResult`, with `customerDetails` when the checkout collected any.
 * @event {CustomEvent<CheckoutResult>} payment-failure - The payment failed and the session cannot go on; also the decline that used up the session's last try (never preceded by a `payment-attempt-failed` for it).
 * @event {CustomEvent<CheckoutResult>} payment-attempt-failed - An attempt failed (e.g. declined) and the session is still open: the customer can retry in place.
 * @event {CustomEvent<CheckoutResult>} payment-cancel - The customer closed the checkout (close button, Escape) or cancelled at the bank.
 * @event {CustomEvent<CheckoutResult>} payment-expired - The session expired.
 * @event {CustomEvent<CheckoutResult>} payment-unknown - A payment request lost its answer and neither the payment nor the session could be read: it may have been taken. The checkout stays open; paying again there cannot charge twice.
 *
 * @csspart dialog - The modal dialog (a bottom sheet under 600 px).
 * @csspart header - The dialog's header with the title and the close button.
 * @csspart title - The dialog's title.
 * @csspart close-button - The dialog's close button.
 * @csspart frame - The secure iframe.
 * @csspart skeleton - The placeholder shown in the modal while the checkout loads.
 * @csspart inline - The box an inline checkout renders in when no container is given.
 * @csspart error - The message shown where the checkout would be when its `session-endpoint` (or `status-endpoint`) failed, with a "Try again" button; not shown when `checkout-error` was cancelled.
 *
 * @cssproperty --moment-checkout-width - Width of the modal (default 480px).
 * @cssproperty --moment-checkout-height - Height of the modal (default 640px, at most the viewport); it opens at this size and the checkout scrolls inside it.
 * @cssproperty --moment-skeleton-color - Colour of the loading placeholder.
 * @cssproperty --moment-checkout-backdrop - Backdrop colour of the modal.
 * @cssproperty --moment-color-background - Background of the modal.
 * @cssproperty --moment-color-text - Text colour (forwarded into the frame too).
 * @cssproperty --moment-border-radius - Corner radius (forwarded into the frame too).
 * @cssproperty --moment-font-family - Font family (forwarded into the frame too).
 */
export class MomentCheckout extends MomentElement {
  static override styles = [themeTransitionStyles, momentCheckoutStyles];
  static override properties: PropertyTable<MomentCheckout> = {
    sessionEndpoint: { attribute: 'session-endpoint' },
    statusEndpoint: { attribute: 'status-endpoint' },
    fetchTimeout: { attribute: 'fetch-timeout', type: Number },
    checkoutTitle: { attribute: 'checkout-title' },
    fetchClientToken: { attribute: false },
    fetchSessionStatus: { attribute: false },
    onSuccess: { attribute: false },
    onFailure: { attribute: false },
    onCancel: { attribute: false },
    onAttemptFailed: { attribute: false },
    onExpired: { attribute: false },
    openVariant: { attribute: false },
  };

  /** A client token for nested elements, when your page already has one (else one is fetched when a nested element asks). */
  declare clientToken: string | null;
  /** URL of your backend endpoint that creates a session and answers `{ client_token }` (POST), for an HTML-only integration. */
  sessionEndpoint: string | null = null;
  /** URL of your backend endpoint that answers a session's status for `?session_id=` (GET), for an HTML-only integration. */
  statusEndpoint: string | null = null;
  /** Milliseconds to wait for the checkout frame before `checkout-error` (15 000 by default). */
  declare loadTimeout: number;
  /**
   * Milliseconds to wait for `fetchClientToken`, `fetchSessionStatus`, `session-endpoint` and
   * `status-endpoint` (30 000 by default): past it, `launch()` rejects (or the return is reported)
   * with `checkout-error` — code `fetch_client_token_timeout` or `session_status_timeout` — and
   * `launch()` can be called again at once.
   */
  fetchTimeout: number = DEFAULT_FETCH_TIMEOUT;
  /**
   * Milliseconds one payment request in the checkout may take, retries included, before the frame
   * asks the provider what became of it (30 000 by default; 1 000 to 120 000).
   */
  declare paymentTimeout: number;
  /** Title of the modal dialog (and of the checkout's iframe); by default "Secure checkout" in the element's language. */
  checkoutTitle: string | null = null;

  /** Returns a fresh client token; called on every `launch()`. */
  fetchClientToken: (() => Promise<string>) | undefined;
  /** Returns `{ status, ... }` for a session id; called after a redirect brings the customer back. */
  fetchSessionStatus: ((sessionId: string) => Promise<SessionStatusResponse>) | undefined;
  /** Called when the payment succeeds (same moment as `payment-success`). */
  onSuccess: CheckoutCallback | undefined;
  /** Called when the payment fails (same moment as `payment-failure`). */
  onFailure: CheckoutCallback | undefined;
  /** Called when the customer cancels (same moment as `payment-cancel`). */
  onCancel: CheckoutCallback | undefined;
  /** Called when an attempt fails and the customer can retry (same moment as `payment-attempt-failed`). */
  onAttemptFailed: CheckoutCallback | undefined;
  /** Called when the session expires (same moment as `payment-expired`). */
  onExpired: CheckoutCallback | undefined;

  /** The variant of the open checkout, or `null` when closed. */
  openVariant: CheckoutVariant | null = null;
  /** The checkout frame's content height: read when it is ready, never rendered. */
  #frameHeight = 0;
  /** The open checkout's frame is connected and configured (the skeleton goes). */
  get #frameReady(): boolean {
    return this.frame.state === 'ready';
  }

  #dom: { dialog: HTMLDialogElement; inline: HTMLDivElement } | undefined;
  #modal: { title: HTMLElement; close: HTMLElement; body: HTMLElement; skeleton: HTMLElement } | undefined;
  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  private get inlineBox(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part="inline"]') ?? null;
  }

  /** @internal The checkout frame's lifecycle. */
  private readonly frame: SecureFrameController<typeof checkoutRequests, typeof checkoutEvents>;
  /** Language of the checkout; default: the closest `lang` attribute, then `<html lang>`, followed when they change. */
  declare lang: string;
  #iframe: HTMLIFrameElement | undefined;
  #launching: Promise<LaunchResult> | undefined;
  #opener: HTMLElement | null = null;
  #sessionId = '';
  #token = '';
  #finished = false;
  #savedOverflow = '';
  #onReady: (() => void) | undefined;
  #onLoadFailure: ((error: LoadErrorDetail) => void) | undefined;
  /** The message shown after the element's own launch (or return) failed, and what its button does again. */
  #failure: { retry: () => void } | undefined;
  #failureBox: { alert: HTMLElement; text: HTMLElement; button: HTMLButtonElement } | undefined;
  /** "Try again" was pressed: a failure again puts focus on the new button rather than losing it. */
  #refocusRetry = false;

  constructor() {
    super();
    /** @internal */
    this.frame = new SecureFrameController<typeof checkoutRequests, typeof checkoutEvents>(this, {
      tag: 'moment-checkout',
      kind: 'checkout',
      results: checkoutRequestResults,
      events: checkoutEventSchemas,
      // The checkout's own frame opens with the token `launch()` fetched (not the scope's).
      config: () => ({ clientKey: this.clientKey, clientToken: this.#token || null, framesOrigin: this.framesOrigin }),
      frameConfig: () => this.#frameConfig(),
      onConfigured: ({ height }) => (this.#frameHeight = height),
      height: () => this.#frameHeight,
      launched: { iframe: () => this.#iframe },
      onReady: () => this.#onReady?.(),
      onLoadError: (error) => this.#onLoadFailure?.(error),
      on: {
        resize: ({ height }) => {
          this.#frameHeight = height;
          if (this.#iframe && this.openVariant === 'inline') this.#iframe.style.height = `${height}px`;
        },
        'validation-error': ({ errors }) => emit(this, 'validation-error', { errors: [...errors] }),
        // Key events stay inside the frame: Escape there closes the modal as it does on the page.
        escape: () => (this.openVariant === 'modal' ? this.#cancelByCustomer() : replayEscape(this)),
        outcome: ({ outcome, sessionId, message, result }) => {
          // One final outcome per checkout: nothing is reported after it (a merchant must never
          // hear "failed" after "paid", or a retry after the end).
          if (this.#finished) return;
          // A lost answer the frame could not settle: the payment may have been taken, so never a
          // failure; the checkout stays open, and paying again there cannot charge twice.
          if (outcome === 'unknown') return emit(this, 'payment-unknown', { sessionId, message });
          // A failed attempt, or a 3-D Secure challenge cancelled in the frame (a cancel with a result), leaves the form open to try again.
          if (outcome !== 'attempt-failed' && !(outcome === 'cancel' && result)) this.#finished = true;
          this.#report(outcome, { sessionId, message, ...(result ?? {}) });
        },
        redirect: ({ url }) => this.#redirect(url),
        // A click on Pay: is the checkout seen there, now?
        'visibility-query': (query) => answerVisibility(this.frame.endpoint, this.#iframe, query),
        error: ({ message }) => this.#checkoutError('checkout_unavailable', message),
      },
    });
    // Key, token and frames origin for nested elements, with a token fetched for them when they ask.
    new CheckoutScopeController(this, {
      source: () => ({
        clientKey: this.clientKey,
        clientToken: this.clientToken,
        framesOrigin: this.framesOrigin,
        canFetchToken: Boolean(this.fetchClientToken || this.sessionEndpoint),
      }),
      fetchToken: () => this.#freshToken(),
      onError: (message) => this.#checkoutError('fetch_client_token_failed', message),
    });
    // The return from a redirect (`?session_id=`): its outcome, then the same session again if unfinished.
    const redirectReturn = new RedirectReturnController(this, {
      readStatus: () =>
        typeof this.fetchSessionStatus === 'function'
          ? (sessionId) => withTimeout(() => this.fetchSessionStatus!(sessionId), this.#fetchTimeout, 'fetchSessionStatus()')
          : this.statusEndpoint
            ? (sessionId) => {
                const url = new URL(this.statusEndpoint!, window.location.href);
                url.searchParams.set('session_id', sessionId);
                return fetchJson(url.href, { method: 'GET' }, this.#fetchTimeout);
              }
            : undefined,
      report: (outcome, result) => this.#report(outcome, result),
      resume: (token) => this.#resume(token),
      onError: (code, message) => {
        console.error(`Moment Elements <moment-checkout>: ${message}`);
        // The page's own status-endpoint (no script of its own to say it): the customer sees it.
        const shown = this.#checkoutError(code, message) && !this.fetchSessionStatus && Boolean(this.statusEndpoint);
        if (shown && RETRYABLE_CODES.has(code)) this.#showFailure(() => redirectReturn.retry());
      },
    });
  }

  /** `fetch-timeout`, or the default when it is not a positive number. */
  get #fetchTimeout(): number {
    return Number.isFinite(this.fetchTimeout) && this.fetchTimeout > 0 ? this.fetchTimeout : DEFAULT_FETCH_TIMEOUT;
  }

  /** The dialog's and the iframe's title: the page's, else the element's language's. */
  get #dialogTitle(): string {
    return this.checkoutTitle ?? hostText(CHECKOUT_TEXTS, this.locale.value).title;
  }

  #frameConfig(): CheckoutFrameConfig {
    return {
      clientToken: this.#token,
      variant: this.openVariant ?? 'modal',
      themeVariables: this.theme.values,
      locale: this.locale.value,
      hidePayButton: false,
      ...this.paymentTimeoutConfig,
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#teardown();
  }

  protected override updated(): void {
    // The language or the title may change while the checkout is open.
    if (this.#iframe) this.#iframe.title = this.#dialogTitle;
  }

  /**
   * Opens the checkout: fetches a fresh client token, reads its `variant`, and shows the modal or
   * the inline checkout. Resolves once the checkout is ready; rejects (and fires
   * `checkout-error`) with a clear message when the key, the token or the container is wrong.
   * For a hosted session it resolves `{ checkoutUrl, variant: 'hosted' }` and then sends the page
   * to `checkoutUrl` (after your `.then` has run).
   */
  launch(options: LaunchOptions = {}): Promise<LaunchResult> {
    return this.#start(options);
  }

  #start(options: LaunchOptions, resumeToken?: string): Promise<LaunchResult> {
    if (this.#launching) return this.#launching;
    const launching = this.#open(options, resumeToken).finally(() => {
      if (this.#launching === launching) this.#launching = undefined;
    });
    this.#launching = launching;
    return launching;
  }

  /** Closes the checkout. */
  close(): void {
    if (!this.openVariant) return;
    this.#teardown();
    emit(this, 'checkout-close', {});
  }

  /** Pays from an outside button (inline checkouts only). */
  async submit(): Promise<void> {
    if (this.openVariant !== 'inline') {
      throw new CheckoutError('not_inline', 'submit() works with an open inline checkout; a modal checkout has its own pay button.');
    }
    const endpoint = this.frame.endpoint;
    if (!endpoint) throw new CheckoutError('not_ready', 'The checkout is still loading: wait for launch() to resolve.');
    await endpoint.request('submit', {}, REQUEST_TIMEOUT);
  }

  async #open(options: LaunchOptions, resumeToken?: string): Promise<LaunchResult> {
    this.#hideFailure();
    // The page's own session-endpoint: a failure is shown to the customer, who can try again.
    const ownEndpoint = !resumeToken && typeof this.fetchClientToken !== 'function' && Boolean(this.sessionEndpoint);
    try {
      if (this.openVariant) this.#teardown();
      const environment = parseClientKey(this.clientKey);
      const token = resumeToken ?? (await this.#freshToken());
      const claims = readClientToken(token);
      assertSameEnvironment(environment, claims);
      // A return with `?session_id=` for this session is then known as launched here.
      rememberLaunched(claims.sid);
      const framesOrigin = resolveFramesOrigin(environment, this.framesOrigin, claims);
      // The session's own page, opened top-level: what a mobile WebView or a redirect opens.
      const checkoutUrl = hostedCheckoutUrl(framesOrigin, claims.sid, token);
      if (claims.mode === 'hosted') {
        // No iframe: the page leaves in a later task, after launch() has resolved and the
        // merchant's `.then` has run. The tab remembers only that the session went there: coming
        // back unpaid (its Cancel) is a cancel, never a resume that sends the customer back.
        rememberRedirect({ sessionId: claims.sid, hosted: true });
        setTimeout(() => topNavigation.assign(checkoutUrl));
        return this.#opened('hosted', checkoutUrl);
      }
      const container = claims.variant === 'inline' ? this.#resolveContainer(options.container) : undefined;
      this.#token = token;
      this.#sessionId = claims.sid;
      this.#finished = false;
      const ready = new Promise<void>((resolve, reject) => {
        this.#onReady = resolve;
        this.#onLoadFailure = (error) => reject(new CheckoutError(error.code, error.message));
      });
      this.openVariant = claims.variant;
      // The frame controller opens the frame for the new token during this update.
      await this.updateComplete;
      if (!this.frame.src)
        throw new CheckoutError(this.frame.loadError?.code ?? 'launch_failed', this.frame.loadError?.message ?? 'The checkout frame could not be opened.');
      this.#mountFrame(this.frame.src, container);
      if (claims.variant === 'modal') this.#showModal();
      await ready;
      return this.#opened(claims.variant, checkoutUrl);
    } catch (error) {
      this.#teardown();
      const failure =
        error instanceof CheckoutError || error instanceof ConfigError
          ? new CheckoutError(error.code, error.message)
          : new CheckoutError('launch_failed', error instanceof Error ? error.message : String(error));
      console.error(`Moment Elements <moment-checkout>: ${failure.message}`);
      const shown = this.#checkoutError(failure.code, failure.message) && ownEndpoint;
      if (shown && RETRYABLE_CODES.has(failure.code)) this.#showFailure(() => void this.#start(options).catch(() => undefined));
      throw failure;
    }
  }

  /** Fires `checkout-error` (cancelable); `false` when the page cancelled it. */
  #checkoutError(code: string, message: string): boolean {
    const detail: MomentCheckoutEventMap['checkout-error'] = { code, message };
    return this.dispatchEvent(new CustomEvent('checkout-error', { detail, bubbles: true, composed: true, cancelable: true }));
  }

  /** Shows the failure message (with "Try again") where the checkout would be. */
  #showFailure(retry: () => void): void {
    this.#failure = { retry };
    this.#failureBox?.alert.remove(); // a new alert node: said again by screen readers
    this.#failureBox = undefined;
    this.requestUpdate();
  }

  #hideFailure(): void {
    if (!this.#failure) return;
    this.#failure = undefined;
    this.requestUpdate();
  }

  /** `checkout-open`, and what `launch()` resolves with. */
  #opened(variant: LaunchResult['variant'], checkoutUrl: string): LaunchResult {
    this.#refocusRetry = false;
    emit(this, 'checkout-open', { variant, checkoutUrl });
    return { checkoutUrl, variant };
  }

  /** A fresh client token from `fetchClientToken` or `session-endpoint`, checked before use. */
  async #freshToken(): Promise<string> {
    let token: unknown;
    if (typeof this.fetchClientToken === 'function') {
      try {
        token = await withTimeout(this.fetchClientToken, this.#fetchTimeout, 'fetchClientToken()');
      } catch (error) {
        if (error instanceof FetchTimeoutError)
          throw new CheckoutError('fetch_client_token_timeout', `${error.message} Check your backend, or raise fetch-timeout.`);
        throw new CheckoutError('fetch_client_token_failed', `fetchClientToken() failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (this.sessionEndpoint) {
      const body = await fetchJson(
        this.sessionEndpoint,
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
        this.#fetchTimeout,
      ).catch((error: Error) => {
        throw new CheckoutError(
          error instanceof FetchTimeoutError ? 'fetch_client_token_timeout' : 'fetch_client_token_failed',
          `session-endpoint: ${error.message}`,
        );
      });
      token = (body as { client_token?: unknown } | null)?.client_token;
    } else {
      throw new CheckoutError(
        'missing_fetch_client_token',
        'Set fetchClientToken (a function returning a client token) or the session-endpoint attribute before launch().',
      );
    }
    if (typeof token !== 'string' || !token) {
      throw new CheckoutError(
        'invalid_client_token',
        `fetchClientToken() must resolve with the client_token string from your server; it gave ${token === null ? 'null' : typeof token}.`,
      );
    }
    return token;
  }

  #resolveContainer(container: LaunchOptions['container']): Element | undefined {
    if (container === undefined) return undefined;
    const element = typeof container === 'string' ? document.querySelector(container) : container;
    if (!(element instanceof Element)) {
      throw new CheckoutError(
        'container_not_found',
        `The inline checkout container ${typeof container === 'string' ? `"${container}"` : ''} was not found in the page.`,
      );
    }
    return element;
  }

  #mountFrame(src: string, container: Element | undefined): void {
    const iframe = createSecureIframe(document, 'checkout', { name: `moment-checkout-${this.frame.channel}`, src, title: this.#dialogTitle });
    // The modal has its final size from the start (the frame scrolls inside it); inline grows with its content.
    Object.assign(iframe.style, { display: 'block', width: '100%', border: '0', height: this.openVariant === 'modal' ? '100%' : '360px' });
    this.#iframe = iframe;
    const parent = this.openVariant === 'modal' ? this.dialog?.querySelector('.body') : (container ?? this.inlineBox);
    parent?.append(iframe);
  }

  #showModal(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    this.#opener = deepActiveElement();
    this.#savedOverflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = 'hidden';
    dialog.showModal();
  }

  /** Removes the frame and the modal, restores scroll and focus; fires nothing. */
  #teardown(): void {
    this.#token = '';
    this.frame.end();
    this.#iframe?.remove();
    this.#iframe = undefined;
    if (this.dialog?.open) {
      this.dialog.close();
      document.documentElement.style.overflow = this.#savedOverflow;
      const opener = this.#opener;
      this.#opener = null;
      if (opener?.isConnected) opener.focus();
    }
    this.openVariant = null;
    this.#onReady = undefined;
    this.#onLoadFailure = undefined;
  }

  #onDialogCancel(event: Event): void {
    event.preventDefault(); // Escape: close through the same path as the close button.
    this.#cancelByCustomer();
  }

  #cancelByCustomer(): void {
    const sessionId = this.#sessionId;
    const finished = this.#finished;
    this.#teardown();
    if (!finished) this.#report('cancel', { sessionId, message: 'The checkout was closed before the payment was made.' });
    emit(this, 'checkout-close', {});
  }

  /** The whole page leaves only for a page on the frames origin (3-D Secure in redirect mode). */
  #redirect(url: string): void {
    const framesOrigin = this.frame.origin ?? '';
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return void this.#checkoutError('invalid_redirect', 'The checkout asked for an invalid redirect.');
    }
    if (target.origin !== framesOrigin) {
      return void this.#checkoutError('invalid_redirect', `Refused a redirect to ${target.origin}: only the frames origin may be navigated to.`);
    }
    // If the customer comes back without paying, the checkout resumes on this session.
    rememberRedirect({ sessionId: this.#sessionId, clientToken: this.#token });
    topNavigation.assign(target.href);
  }

  /** Fires the outcome event and calls the matching callback: one code path for both forms. */
  #report(outcome: Outcome, result: CheckoutResult): void {
    this.#refocusRetry = false;
    emit(this, OUTCOME_EVENTS[outcome], result);
    invokeCallback('moment-checkout', this[OUTCOME_CALLBACKS[outcome]], result);
  }

  /** An unfinished payment after a redirect opens again on its session, if the token is still good for this key. */
  #resume(token: string): void {
    try {
      assertSameEnvironment(parseClientKey(this.clientKey), readClientToken(token));
    } catch {
      return; // Expired, or not for this key: the page starts a new payment as usual.
    }
    this.#start({}, token).catch(() => undefined);
  }

  /** Shadow content, kept by hand: a slot, the dialog (its header and body while a modal is open) and the inline box. */
  protected override update(changed: PropertyValues): void {
    super.update(changed);
    const doc = this.ownerDocument;
    if (!this.#dom) {
      const dialog = doc.createElement('dialog');
      dialog.setAttribute('part', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-labelledby', 'title');
      dialog.addEventListener('cancel', (event) => this.#onDialogCancel(event));
      dialog.addEventListener('close', () => dialog.open === false && this.openVariant === 'modal' && this.#cancelByCustomer());
      const inline = doc.createElement('div');
      inline.setAttribute('part', 'inline');
      this.renderRoot.append(doc.createElement('slot'), dialog, inline);
      this.#dom = { dialog, inline };
    }
    const { dialog, inline } = this.#dom;
    inline.hidden = this.openVariant !== 'inline';
    this.#renderFailure(inline);
    if (this.openVariant !== 'modal') {
      if (this.#modal) dialog.replaceChildren();
      this.#modal = undefined;
      return;
    }
    const modal = (this.#modal ??= this.#buildModal(dialog));
    modal.title.textContent = this.#dialogTitle;
    modal.close.setAttribute('aria-label', hostText(CHECKOUT_TEXTS, this.locale.value).close);
    const ready = this.#frameReady;
    modal.body.className = `body ${ready ? 'ready' : 'loading'}`;
    modal.skeleton.hidden = ready;
  }

  /** The failure message before the inline box while there is one; its texts follow the language. */
  #renderFailure(before: HTMLElement): void {
    if (!this.#failure) {
      this.#failureBox?.alert.remove();
      this.#failureBox = undefined;
      return;
    }
    const texts = hostText(CHECKOUT_TEXTS, this.locale.value);
    if (!this.#failureBox) {
      const doc = this.ownerDocument;
      const alert = doc.createElement('div');
      alert.setAttribute('part', 'error');
      alert.setAttribute('role', 'alert');
      const text = doc.createElement('span');
      const button = doc.createElement('button');
      button.type = 'button';
      button.addEventListener('click', () => {
        const retry = this.#failure?.retry;
        this.#refocusRetry = true;
        this.#hideFailure();
        retry?.();
      });
      alert.append(text, button);
      this.#failureBox = { alert, text, button };
    }
    const { alert, text, button } = this.#failureBox;
    text.textContent = texts.launchFailed;
    button.textContent = texts.retry;
    if (!alert.isConnected) {
      before.before(alert);
      if (this.#refocusRetry) button.focus();
    }
    this.#refocusRetry = false;
  }

  /** The modal's header (title, close button) and body (skeleton, then the frame). */
  #buildModal(dialog: HTMLDialogElement) {
    const doc = this.ownerDocument;
    const el = (tag: string, attrs: Record<string, string>) => {
      const node = doc.createElement(tag);
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
      return node;
    };
    const header = el('div', { part: 'header', class: 'header' });
    const title = el('h2', { part: 'title', id: 'title' });
    const close = el('button', { part: 'close-button', class: 'close', type: 'button', autofocus: '' });
    close.addEventListener('click', () => this.#cancelByCustomer());
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true' })) svg.setAttribute(name, value);
    const path = doc.createElementNS('http://www.w3.org/2000/svg', 'path');
    for (const [name, value] of Object.entries({ d: 'M6 6l12 12M18 6L6 18', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' }))
      path.setAttribute(name, value);
    svg.append(path);
    close.append(svg);
    header.append(title, close);
    const body = el('div', { class: 'body loading' });
    const skeleton = el('div', { part: 'skeleton', class: 'skeleton', 'aria-hidden': 'true' });
    body.append(skeleton);
    // Tab past the checkout's last control comes back to the close button, and Shift+Tab before the
    // close button goes into the checkout: the focus cycle never leaves the dialog (for the page's body or the browser's UI).
    const edge = (onFocus: () => void) => {
      const node = el('div', { tabindex: '0', class: 'focus-edge' });
      node.addEventListener('focus', onFocus);
      return node;
    };
    dialog.append(
      edge(() => (this.#iframe ?? close).focus()),
      header,
      body,
      edge(() => close.focus()),
    );
    return { title, close, body, skeleton };
  }
}

/** Type-only: the events of `MomentCheckout` for `emit()`, and typed `addEventListener` / `removeEventListener` as on `HTMLElement`. */
export interface MomentCheckout {
  readonly [eventMap]?: MomentCheckoutEventMap;
  addEventListener<K extends keyof ElementEventMap<MomentCheckoutEventMap>>(
    type: K,
    listener: (this: MomentCheckout, ev: ElementEventMap<MomentCheckoutEventMap>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ElementEventMap<MomentCheckoutEventMap>>(
    type: K,
    listener: (this: MomentCheckout, ev: ElementEventMap<MomentCheckoutEventMap>[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
