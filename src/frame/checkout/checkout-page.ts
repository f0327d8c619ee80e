/**
 * The hosted checkout page: order summary, the card fields (the same `CardFields` as the card
 * frame), the customer details the session collects, a pay button, and the end states. Talks to
 * the host only through `emit` and the `submit()` it exposes; holds no global state.
 */
import type { TransactionResult, ValidationError } from '../../protocol/card.js';
import type { CheckoutValidationError, CheckoutEventDetail, CheckoutEventName, CheckoutFrameConfig, CheckoutOutcome, FrameSession } from '../../protocol/checkout.js';
import { BridgeError, randomId } from '../../protocol/port.js';
import { CardFields, type CardFieldsOptions } from '../card/card-fields.js';
import type { PendingChallenge } from '../card/payment.js';
import { themeCss } from '../card/styles.js';
import {
  buildAdditionalInfo,
  collectedFields,
  validateCollectedField,
  type CollectedErrorType,
  type CollectedField,
  type CollectedFieldDefinition,
  type CollectedSection,
  type CollectedValues,
} from './collect.js';
import { countries, countryOfLocale } from './countries.js';
import { formatMoney, orderSummary } from './money.js';
import { fill, FrameTexts, type CheckoutKey, type Translation } from '../i18n/index.js';
import { closedState, outcomeOfResult } from './outcome.js';
import { readSession, redirectUrl, scheduleExpiry, sessionIdFromToken, type ReadSessionOptions } from './session.js';
import { CHECKOUT_CSS } from './styles.js';
import { createElement, createErrorMessage } from '../dom.js';
import { COVERED_MESSAGE, guardClicks, type ClickGuard } from '../visibility.js';

/** Sends a checkout event to the host (the bridge, in the checkout frame). */
export type CheckoutEmitter = <E extends CheckoutEventName>(name: E, detail: CheckoutEventDetail<E>) => void;

export interface CheckoutPageOptions {
  emit: CheckoutEmitter;
  /** Origin of the API and of the frames; defaults to the page's own origin. */
  origin?: string;
  fetch?: typeof fetch;
  /** Passed on to the card fields (payment fetch, timeouts, retries), e.g. in tests. */
  payment?: CardFieldsOptions['payment'];
  /** Guards the pay button against clicks while it is covered or hidden; defaults to `guardClicks`. */
  clickGuard?: (button: HTMLElement) => ClickGuard;
}

type Phase = 'loading' | 'ready' | 'paying' | 'redirecting' | 'closed';
type StateKind = 'loading' | 'success' | 'failure' | 'expired' | 'error' | 'redirect';

interface FieldRuntime {
  def: CollectedFieldDefinition;
  container: HTMLDivElement;
  input: HTMLInputElement | HTMLSelectElement;
  error: HTMLDivElement;
  errorText: HTMLSpanElement;
  dirty: boolean;
  shown: CollectedErrorType | null;
}

/** The result of asking to pay. */
export type PayAttempt =
  | { status: 'started' | 'busy' }
  | { status: 'invalid'; error: BridgeError }
  | { status: 'unavailable'; error: BridgeError };

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICON_PATHS: Readonly<Record<StateKind, string>> = {
  success: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4-7 7Z',
  failure: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z',
  expired: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm4.2 14.2L11 13V7h1.5v5.2l4.5 2.7-.8 1.3Z',
  error: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z',
  loading: 'M12 4a8 8 0 1 0 8 8h-2a6 6 0 1 1-6-6V4Z',
  redirect: 'M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1 14-4-4 1.4-1.4 2.6 2.6 5.6-5.6L18 9l-7 7Z',
};

export const DEFAULT_TITLE = 'Checkout';

export class CheckoutPage {
  readonly main: HTMLElement;
  private readonly doc: Document;
  private readonly sheet = new CSSStyleSheet();
  private readonly heading: HTMLHeadingElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLDivElement;
  private readonly attemptMessage: HTMLParagraphElement;
  private readonly payButton: HTMLButtonElement;
  private readonly payGuard: ClickGuard;
  private readonly state: HTMLDivElement;
  private readonly liveRegion: HTMLDivElement;
  private readonly abort = new AbortController();
  private readonly runtimes = new Map<CollectedField, FieldRuntime>();
  private config: CheckoutFrameConfig;
  private readonly texts = new FrameTexts<CheckoutKey>(null, () => this.applyLocale());
  private session: FrameSession | null = null;
  private sessionId: string;
  private clockOffsetMs = 0;
  private fields: CardFields | null = null;
  private definitions: CollectedFieldDefinition[] = [];
  private phase: Phase = 'loading';
  private expiryDue = false;
  private cancelExpiry: () => void = () => {};
  private redirectChallenge: PendingChallenge | null = null;
  private focusBeforePay: HTMLElement | null = null;
  /** The card fields' shown errors, as their last `validation-error` said. */
  private cardShown: ValidationError[] = [];
  /** What the host was last told of the shown errors (to send only changes). */
  private lastShownKey = '[]';
  /** Set while a pay attempt shows every error, which it reports once. */
  private validating = false;

  constructor(
    container: HTMLElement,
    config: CheckoutFrameConfig,
    private readonly options: CheckoutPageOptions,
  ) {
    this.doc = container.ownerDocument;
    this.config = config;
    this.sessionId = sessionIdFromToken(config.clientToken);
    this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];

    this.main = this.create('main', 'mc-checkout');
    this.heading = this.create('h1', 'mc-title');
    this.heading.id = 'checkout-title';
    this.heading.textContent = this.t.checkoutTitle;
    this.summary = this.create('section', 'mc-summary');
    this.summary.setAttribute('aria-labelledby', 'summary-heading');
    this.summary.hidden = true;
    this.body = this.create('div', 'mc-body');
    this.body.hidden = true;
    this.attemptMessage = this.create('p', 'mc-attempt');
    this.attemptMessage.id = 'attempt-message';
    this.attemptMessage.tabIndex = -1;
    this.attemptMessage.hidden = true;
    this.payButton = this.create('button', 'mc-pay');
    this.payButton.type = 'button';
    this.state = this.create('div', 'mc-state');
    this.liveRegion = this.create('div', 'mc-visually-hidden');
    this.liveRegion.setAttribute('role', 'status');
    this.liveRegion.setAttribute('aria-live', 'polite');
    this.liveRegion.setAttribute('aria-atomic', 'true');
    this.main.append(this.heading, this.summary, this.body, this.state, this.liveRegion);

    const signal = this.abort.signal;
    this.payGuard = (options.clickGuard ?? guardClicks)(this.payButton);
    this.payButton.addEventListener('click', (event) => {
      // A click the customer may not have meant for this button (it is hidden or covered) pays nothing.
      void this.payGuard.check(event).then((visible) => {
        if (this.abort.signal.aborted) return;
        if (visible) this.pay();
        else this.refuseCovered();
      });
    }, { signal });
    // Enter in any field pays. The card fields handle their own Enter (and prevent its default).
    this.main.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing) return;
      const target = event.target;
      if (!(target instanceof HTMLInputElement) && !(target instanceof HTMLSelectElement)) return;
      event.preventDefault();
      void this.pay();
    }, { signal });

    this.update(config);
    this.showState('loading', this.t.loading, '');
    container.append(this.main);
  }

  // ----- host API ---------------------------------------------------------------------------

  get clientToken(): string {
    return this.config.clientToken;
  }

  get currentPhase(): Phase {
    return this.phase;
  }

  /** Applies theme, locale and pay-button visibility; the session stays as it is. */
  update(config: CheckoutFrameConfig): void {
    this.config = config;
    this.sheet.replaceSync(`${CHECKOUT_CSS}\n${themeCss(config.themeVariables)}`);
    void this.texts.set(config.locale);
    this.payButton.hidden = config.hidePayButton;
    if (this.fields) this.fields.setConfig(this.cardConfig());
    if (this.session && this.phase !== 'paying' && this.phase !== 'redirecting') this.payButton.textContent = this.payLabel();
  }

  /**
   * Reads the session and shows the checkout, or the state the session is in. Events about what
   * it found (`error`, `outcome`) are sent after the caller has answered the host.
   */
  async load(): Promise<void> {
    const [read] = await Promise.all([readSession(this.config.clientToken, this.readOptions()), this.texts.ready]);
    if (this.abort.signal.aborted) return;
    if (!read.ok) {
      if (read.reason === 'expired') return this.close('expired', this.t.expiredHeading, this.t.expiredText, undefined, true);
      const message =
        read.reason === 'network'
          ? 'The checkout could not be loaded: the payment service did not answer.'
          : 'The checkout could not be loaded: its session is not valid.';
      this.showState('error', this.t.loadFailedHeading, this.t.loadFailedText);
      this.phase = 'closed';
      this.later(() => this.options.emit('error', { message }));
      return;
    }
    const { session } = read;
    this.session = session;
    this.sessionId = session.id;
    this.clockOffsetMs = read.clockOffsetMs;
    this.heading.textContent = session.title?.trim() || this.t.checkoutTitle;
    this.renderSummary(session);
    const closed = this.closed(session.status);
    if (closed) return this.close(closed.outcome, closed.heading, closed.message, undefined, true);

    this.renderForm(session);
    this.phase = 'ready';
    this.state.hidden = true;
    this.body.hidden = false;
    this.cancelExpiry = scheduleExpiry(Date.parse(session.expires_at), this.clockOffsetMs, () => this.onExpiry());
  }

  /** The host's `submit` request: starts paying, or says why it cannot. */
  submit(): null {
    const attempt = this.pay();
    if (attempt.status === 'invalid' || attempt.status === 'unavailable') throw attempt.error;
    return null;
  }

  /** Validates everything and starts the payment (without waiting for its outcome). */
  pay(): PayAttempt {
    if (this.phase === 'paying' || this.phase === 'redirecting') return { status: 'busy' };
    const fields = this.fields;
    const session = this.session;
    if (this.phase !== 'ready' || !fields || !session) {
      return {
        status: 'unavailable',
        error:
          this.phase === 'loading'
            ? new BridgeError({ code: 'not_configured', message: 'The checkout is still loading.' })
            : new BridgeError({ code: 'closed', message: 'This checkout takes no more payments.' }),
      };
    }
    this.validating = true;
    const card = fields.validate();
    const collected = this.showAllCollectedErrors();
    this.validating = false;
    this.reportShown(true);
    if (!card.valid || collected.length > 0) {
      const first = this.main.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      if (collected.length > 0) this.announce(collected.map((type) => this.t.collectedErrors[type]).join(' '));
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
    void this.run(fields, session);
    return { status: 'started' };
  }

  /** Removes the page, its styles, timers and listeners. */
  destroy(): void {
    this.abort.abort();
    this.payGuard.disconnect();
    this.cancelExpiry();
    this.fields?.destroy();
    this.fields = null;
    this.main.remove();
    this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }

  // ----- payment ----------------------------------------------------------------------------

  private async run(fields: CardFields, session: FrameSession): Promise<void> {
    const additionalInfo = buildAdditionalInfo(session.collect, this.values());
    this.redirectChallenge = null;
    this.focusBeforePay = this.doc.activeElement instanceof HTMLElement ? this.doc.activeElement : null;
    this.attemptMessage.hidden = true;
    this.setPaying(true);
    let result: TransactionResult;
    try {
      result = await fields.executePayment({ ...(additionalInfo ? { additionalInfo } : {}), idempotencyKey: randomId() });
    } catch (error) {
      delete this.body.dataset.challenge;
      if (this.abort.signal.aborted) return;
      this.setPaying(false);
      if (error instanceof BridgeError && error.code === 'validation_failed') {
        fields.focus(null);
        return;
      }
      const message = error instanceof Error && error.message ? error.message : this.t.paymentFailed;
      this.attemptFailed(message);
      return;
    }
    delete this.body.dataset.challenge;
    if (this.abort.signal.aborted) return;

    const challenge = this.redirectChallenge as PendingChallenge | null;
    if (result.statusCode === 3 && challenge && result.paymentId === challenge.paymentId && session.success_url) {
      const url = redirectUrl(challenge.url, session.success_url, this.origin());
      if (url) return this.redirect(url);
      this.setPaying(false);
      return this.attemptFailed(this.t.bankPageFailed, result);
    }

    // The customer left the bank's page: no charge, the form stays for another try, and the host
    // hears `cancel` (with the result, `cancelled: true`) rather than a failed attempt.
    if (result.cancelled) {
      this.setPaying(false);
      return this.attemptFailed(result.message, result, 'cancel');
    }
    const outcome = outcomeOfResult(result);
    switch (outcome) {
      case 'success':
        return this.close('success', this.t.successHeading, fill(this.t.successText, { amount: this.amountText() }), result);
      case 'attempt-failed':
        this.setPaying(false);
        return this.attemptFailed(result.message, result);
      case 'expired':
        return this.close('expired', this.t.expiredHeading, result.message, result);
      case 'failure':
        return this.close('failure', this.t.failureHeading, result.message, result);
    }
  }

  /** A refused click: said beside the pay button, nothing else happens. */
  private refuseCovered(): void {
    this.attemptMessage.textContent = COVERED_MESSAGE;
    this.attemptMessage.hidden = false;
    this.announce(COVERED_MESSAGE);
  }

  /** A failed (or cancelled) attempt: the message stays beside the pay button and the customer may try again. */
  private attemptFailed(message: string, result?: TransactionResult, outcome: 'attempt-failed' | 'cancel' = 'attempt-failed'): void {
    this.attemptMessage.textContent = message;
    this.attemptMessage.hidden = false;
    this.announce(message);
    const back = this.focusBeforePay;
    if (back?.isConnected && !(back as HTMLInputElement).disabled && back !== this.doc.body) back.focus();
    else if (!this.payButton.hidden) this.payButton.focus();
    this.options.emit('outcome', { outcome, sessionId: this.sessionId, message, ...(result ? { result } : {}) });
    if (this.expiryDue) return this.onExpiry();
    void this.recheckSession();
  }

  /** After a failed attempt the session may have locked (too many attempts) or ended. */
  private async recheckSession(): Promise<void> {
    const read = await readSession(this.config.clientToken, this.readOptions());
    if (this.phase !== 'ready' || this.abort.signal.aborted) return;
    if (!read.ok) {
      if (read.reason === 'expired') this.onExpiry();
      return;
    }
    const closed = this.closed(read.session.status);
    if (closed) this.close(closed.outcome, closed.heading, closed.message);
  }

  private redirect(url: string): void {
    this.phase = 'redirecting';
    this.cancelExpiry();
    this.payButton.textContent = this.t.redirecting;
    this.showState('redirect', this.t.redirectHeading, this.t.redirectText);
    const link = this.create('a', 'mc-state-link');
    link.href = url;
    link.target = '_top';
    link.textContent = this.t.continueToBank;
    this.state.append(link);
    this.body.hidden = true;
    this.options.emit('redirect', { url });
  }

  private onExpiry(): void {
    if (this.phase === 'paying') {
      this.expiryDue = true;
      return;
    }
    if (this.phase !== 'ready') return;
    this.close('expired', this.t.expiredHeading, this.t.expiredText);
  }

  /**
   * Ends the checkout: the form (and any card data in it) goes, the end state shows, the host
   * hears the outcome. `deferred` when called while answering `configure`.
   */
  private close(outcome: CheckoutOutcome, heading: string, message: string, result?: TransactionResult, deferred = false): void {
    this.phase = 'closed';
    this.cancelExpiry();
    this.fields?.destroy();
    this.fields = null;
    this.body.hidden = true;
    this.body.replaceChildren();
    this.runtimes.clear();
    const kind: StateKind = outcome === 'success' ? 'success' : outcome === 'expired' ? 'expired' : 'failure';
    this.showState(kind, heading, message);
    if (!deferred) this.stateHeading()?.focus();
    this.announce(`${heading}. ${message}`);
    const send = () => this.options.emit('outcome', { outcome, sessionId: this.sessionId, message: result?.message ?? message, ...(result ? { result } : {}) });
    if (deferred) this.later(send);
    else send();
  }

  private setPaying(paying: boolean): void {
    this.phase = paying ? 'paying' : this.phase === 'paying' ? 'ready' : this.phase;
    this.payButton.disabled = paying;
    this.payButton.setAttribute('aria-busy', String(paying));
    this.payButton.textContent = paying ? this.t.processing : this.payLabel();
    this.body.setAttribute('aria-busy', String(paying));
    for (const rt of this.runtimes.values()) rt.input.disabled = paying;
    if (paying) this.announce(this.t.processingPayment);
  }

  // ----- rendering --------------------------------------------------------------------------

  private renderSummary(session: FrameSession): void {
    const { items, taxes, total } = orderSummary(session);
    const locale = this.locale();
    const money = (minor: number) => formatMoney(minor, session.currency, locale);
    const heading = this.create('h2', 'mc-visually-hidden');
    heading.id = 'summary-heading';
    heading.textContent = this.t.orderSummary;
    const list = (lines: typeof items, className: string) => {
      const ul = this.create('ul', className);
      for (const line of lines) {
        const li = this.create('li', 'mc-line');
        const label = this.create('span', 'mc-line-label');
        label.textContent = line.label;
        const amount = this.create('span', 'mc-line-amount');
        amount.textContent = money(line.amount);
        li.append(label, amount);
        ul.append(li);
      }
      return ul;
    };
    const totalRow = this.create('p', 'mc-total');
    const totalLabel = this.create('span', 'mc-total-label');
    totalLabel.textContent = this.t.total;
    const totalAmount = this.create('span', 'mc-total-amount');
    totalAmount.textContent = money(total);
    totalRow.append(totalLabel, totalAmount);
    this.summary.replaceChildren(
      heading,
      ...(items.length > 0 ? [list(items, 'mc-lines mc-items')] : []),
      ...(taxes.length > 0 ? [list(taxes, 'mc-lines mc-taxes')] : []),
      totalRow,
    );
    this.summary.hidden = false;
  }

  private renderForm(session: FrameSession): void {
    this.definitions = collectedFields(session.collect);
    const section = (name: CollectedSection, title: string) => {
      const defs = this.definitions.filter((d) => d.section === name);
      if (defs.length === 0) return null;
      const form = this.create('form', `mc-section${name === 'contact' ? '' : ' mc-address'}`);
      form.noValidate = true;
      form.autocomplete = 'on';
      form.setAttribute('aria-labelledby', `${name}-heading`);
      form.addEventListener('submit', (event) => event.preventDefault(), { signal: this.abort.signal });
      const heading = this.create('h2', 'mc-section-title');
      heading.id = `${name}-heading`;
      heading.textContent = title;
      form.append(heading, ...defs.map((def) => this.mountField(def)));
      return form;
    };

    const card = this.create('div', 'mc-card');
    card.setAttribute('role', 'group');
    card.setAttribute('aria-labelledby', 'card-heading');
    const cardHeading = this.create('h2', 'mc-section-title');
    cardHeading.id = 'card-heading';
    cardHeading.textContent = this.t.cardDetails;
    const cardSlot = this.create('div', 'mc-card-fields');
    card.append(cardHeading, cardSlot);

    this.body.replaceChildren(
      ...[section('contact', this.t.contact), section('shipping', this.t.shippingAddress), card, section('billing', this.t.billingAddress)].filter(
        (node): node is HTMLFormElement | HTMLDivElement => node !== null,
      ),
      this.attemptMessage,
      this.payButton,
    );
    this.fields = new CardFields(cardSlot, this.cardConfig(), {
      emit: (name, detail) => {
        if (name === 'submit-request') void this.pay();
        if (name === 'validation-error') {
          this.cardShown = (detail as { errors: ValidationError[] }).errors;
          if (!this.validating) this.reportShown();
        }
      },
      ...(this.options.origin ? { apiOrigin: this.options.origin } : {}),
      ...(this.options.payment ? { payment: this.options.payment } : {}),
      onChallenge: (challenge) => {
        if (this.session?.success_url) {
          this.redirectChallenge = challenge;
          return 'redirect';
        }
        // The challenge opens where the card fields are; the rest of the form steps aside.
        this.body.dataset.challenge = '';
        return 'inline';
      },
    });
    this.payButton.textContent = this.payLabel();
    this.payButton.disabled = false;
    this.payButton.setAttribute('aria-busy', 'false');
  }

  private mountField(def: CollectedFieldDefinition): HTMLDivElement {
    const container = this.create('div', `mc-field mc-collected${/City|Postcode/.test(def.field) ? ' mc-half' : ''}`);
    container.dataset.field = def.field;
    const label = this.create('label', 'mc-label');
    label.htmlFor = def.id;
    label.textContent = this.t[def.label];
    const control = this.create('div', 'mc-control');
    let input: HTMLInputElement | HTMLSelectElement;
    if (def.kind === 'country') {
      const select = this.create('select', 'mc-input');
      const placeholder = this.create('option');
      placeholder.value = '';
      placeholder.textContent = this.t.selectCountry;
      select.append(placeholder);
      for (const country of countries(this.locale())) {
        const option = this.create('option');
        option.value = country.alpha2;
        option.textContent = country.name;
        select.append(option);
      }
      select.value = countryOfLocale(this.locale()) ?? '';
      input = select;
    } else {
      const text = this.create('input', 'mc-input');
      text.type = def.kind === 'email' ? 'email' : 'text';
      if (def.kind === 'email') {
        text.inputMode = 'email';
        text.spellcheck = false;
        text.autocapitalize = 'off';
      }
      text.maxLength = def.maxLength;
      input = text;
    }
    input.id = def.id;
    input.name = def.id;
    input.autocomplete = def.autocomplete as AutoFill;
    if (def.required) input.setAttribute('aria-required', 'true');
    input.setAttribute('aria-invalid', 'false');
    const { error, errorText } = createErrorMessage(this.doc, `${def.id}-error`);
    control.append(input);
    container.append(label, control, error);

    const runtime: FieldRuntime = { def, container, input, error, errorText, dirty: false, shown: null };
    this.runtimes.set(def.field, runtime);
    const signal = this.abort.signal;
    input.addEventListener('input', () => {
      runtime.dirty = true;
      this.refreshShown(def.kind === 'country' ? 'change' : 'input', runtime);
    }, { signal });
    input.addEventListener('change', () => {
      runtime.dirty = true;
      if (def.kind === 'country') this.refreshShown('change', runtime);
    }, { signal });
    input.addEventListener('blur', () => {
      if (runtime.dirty && this.phase === 'ready') this.refreshShown('blur', runtime);
    }, { signal });
    return container;
  }

  /**
   * Which errors are shown: as card fields do, an error appears on blur ("punish late") and goes
   * as soon as the value is right ("reward early"). A country change re-checks its postcode.
   */
  private refreshShown(trigger: 'input' | 'blur' | 'change', rt: FieldRuntime): void {
    const values = this.values();
    const fresh: CollectedErrorType[] = [];
    for (const other of this.runtimes.values()) {
      const error = validateCollectedField(other.def, values);
      const before = other.shown;
      if (other === rt && (trigger === 'blur' || trigger === 'change')) other.shown = error;
      else if (error === null || other.shown !== null) other.shown = error;
      if (other.shown && other.shown !== before) fresh.push(other.shown);
      this.renderError(other);
    }
    if (fresh.length > 0 && trigger !== 'input') this.announce(fresh.map((type) => this.t.collectedErrors[type]).join(' '));
    this.reportShown();
  }

  /**
   * Tells the host which errors the customer now sees, in page order (contact and shipping, the
   * card, billing): when that list changed, or on every pay attempt (`always`).
   */
  private reportShown(always = false): void {
    const collected = (section: 'before' | 'after') =>
      [...this.runtimes.values()]
        .filter((rt) => rt.shown !== null && (rt.def.section === 'billing') === (section === 'after'))
        .map((rt): CheckoutValidationError => ({ field: rt.def.field, errorType: rt.shown!, message: this.t.collectedErrors[rt.shown!] }));
    const errors: CheckoutValidationError[] = [
      ...collected('before'),
      ...this.cardShown.map(({ field, errorType, message }) => ({ field, errorType, message })),
      ...collected('after'),
    ];
    const key = JSON.stringify(errors);
    if (!always && key === this.lastShownKey) return;
    this.lastShownKey = key;
    this.options.emit('validation-error', { errors });
  }

  private showAllCollectedErrors(): CollectedErrorType[] {
    const values = this.values();
    const errors: CollectedErrorType[] = [];
    for (const rt of this.runtimes.values()) {
      rt.shown = validateCollectedField(rt.def, values);
      if (rt.shown) errors.push(rt.shown);
      this.renderError(rt);
    }
    return errors;
  }

  private renderError(rt: FieldRuntime): void {
    rt.container.classList.toggle('is-error', rt.shown !== null);
    if (rt.shown) {
      rt.errorText.textContent = this.t.collectedErrors[rt.shown];
      rt.error.hidden = false;
      rt.input.setAttribute('aria-invalid', 'true');
      rt.input.setAttribute('aria-describedby', rt.error.id);
    } else {
      rt.errorText.textContent = '';
      rt.error.hidden = true;
      rt.input.setAttribute('aria-invalid', 'false');
      rt.input.removeAttribute('aria-describedby');
    }
  }

  private showState(kind: StateKind, heading: string, text: string): void {
    const icon = this.doc.createElementNS(SVG_NS, 'svg');
    icon.setAttribute('class', 'mc-state-icon');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('aria-hidden', 'true');
    icon.setAttribute('focusable', 'false');
    const path = this.doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', ICON_PATHS[kind]);
    path.setAttribute('fill', 'currentColor');
    icon.append(path);
    const title = this.create('h2', 'mc-state-heading');
    title.id = 'state-heading';
    title.tabIndex = -1;
    title.textContent = heading;
    const paragraph = this.create('p', 'mc-state-text');
    paragraph.textContent = text;
    this.state.dataset.state = kind;
    this.state.replaceChildren(icon, title, ...(text ? [paragraph] : []));
    this.state.hidden = false;
  }

  private stateHeading(): HTMLElement | null {
    return this.state.querySelector<HTMLElement>('.mc-state-heading');
  }

  // ----- helpers ----------------------------------------------------------------------------

  private values(): CollectedValues {
    const values: CollectedValues = {};
    for (const [field, rt] of this.runtimes) values[field] = rt.input.value;
    return values;
  }

  private cardConfig() {
    return { clientToken: this.config.clientToken, themeVariables: this.config.themeVariables, locale: this.config.locale, hideCardName: false };
  }

  private locale(): string {
    return this.texts.intl;
  }

  private get t(): Pick<Translation, CheckoutKey> {
    return this.texts.t;
  }

  /** A closed session's heading and message, in the customer's language. */
  private closed(status: FrameSession['status']): { outcome: CheckoutOutcome; heading: string; message: string } | null {
    const state = closedState(status);
    if (!state) return null;
    const t = this.t;
    const [heading, message] =
      state.outcome === 'success' ? [t.successHeading, t.alreadyPaid]
      : state.outcome === 'expired' ? [t.expiredHeading, t.expiredText]
      : state.outcome === 'cancel' ? [t.cancelledHeading, t.cancelledText]
      : [t.failureHeading, t.noMoreAttempts];
    return { outcome: state.outcome, heading, message };
  }

  /** A dictionary arrived: language and direction follow, and the texts that do not depend on a render. */
  private applyLocale(): void {
    this.main.lang = this.texts.intl;
    this.doc.documentElement.lang = this.texts.intl;
    this.doc.documentElement.dir = this.t.dir;
    if (!this.session) this.heading.textContent = this.t.checkoutTitle;
    if (this.phase === 'loading') this.showState('loading', this.t.loading, '');
    if (this.session && this.phase !== 'paying' && this.phase !== 'redirecting') this.payButton.textContent = this.payLabel();
  }

  private origin(): string {
    return this.options.origin ?? location.origin;
  }

  private readOptions(): ReadSessionOptions {
    return { origin: this.origin(), ...(this.options.fetch ? { fetch: this.options.fetch } : {}) };
  }

  private amountText(): string {
    return this.session ? formatMoney(this.session.amount, this.session.currency, this.locale()) : '';
  }

  private payLabel(): string {
    return this.session ? fill(this.t.payAmount, { amount: this.amountText() }) : this.t.pay;
  }

  private later(fn: () => void): void {
    setTimeout(() => {
      if (!this.abort.signal.aborted) fn();
    }, 0);
  }

  /** Polite announcement; the same text twice still announces (a no-break space toggles). */
  private announce(text: string): void {
    const current = this.liveRegion.textContent ?? '';
    this.liveRegion.textContent = current === text ? `${text}\u00a0` : text;
  }

  private create<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
    return createElement(this.doc, tag, className);
  }
}
