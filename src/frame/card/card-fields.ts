/**
 * The card fields: one `<form novalidate>` with card number, expiry, security code and the
 * optional cardholder name, mounted into a given container. Used by the card frame page and,
 * later, by the hosted checkout page. Holds no global state.
 *
 * Rules, the shown-error rule, the field views and the live region come from the form kit
 * (`../form`): an error is shown after the field is blurred following input, or after
 * `validate()`/`executePayment()`.
 */
import type {
  AdditionalInfo,
  CardBrand,
  CardChange,
  CardField,
  FieldState,
  TransactionResult,
  ValidationError,
  ValidationErrorType,
} from '../../protocol/card.js';
import type { CardPaymentRequest } from '../../protocol/api.js';
import type { CardFrameConfig, PaymentStatus, cardEvents } from '../../protocol/messages.js';
import { BridgeError } from '../../protocol/port.js';
import { brandIcon } from './brand-icons.js';
import { detectBrand, type BrandInfo } from './brands.js';
import {
  deleteAcrossSeparator,
  formatCardNumber,
  formatCvv,
  formatExpiry,
  onlyDigits,
  parseCardName,
  parseCardNumber,
  parseExpiry,
  type Formatted,
} from './format.js';
import {
  NETWORK_ERROR_MESSAGE,
  UnfinishedAttempt,
  payWithCard,
  readPaymentStatus,
  type ChallengeHandling,
  type PaymentApiOptions,
  type PendingChallenge,
} from './payment.js';
import { FrameStyles, fieldClass, type MerchantStyling } from './styles.js';
import { EN_CARD, FrameTexts, type CardKey } from '../i18n/index.js';
import { validateField, type CardModel, type ValidationContext } from '../form/validators.js';
import { errorMessage } from '../form/messages.js';
import { updateShown, type Trigger } from '../form/shown.js';
import { FieldView } from '../form/field-view.js';
import { LiveRegion } from '../form/live-region.js';
import { createElement } from '../dom.js';
import type { FrameEmitter } from '../bridge.js';
import { CARD_NAME_MAX_LENGTH } from '../../protocol/card-rules.js';

/** Sends a card event to whoever hosts the fields (the bridge, in the card frame). */
export type CardEventEmitter = FrameEmitter<typeof cardEvents>;

/** The configuration the fields use; every part is optional (defaults apply). */
export type CardFieldsConfig = Partial<CardFrameConfig>;

export interface CardFieldsOptions {
  emit?: CardEventEmitter;
  /** Origin of the payments API; defaults to the page's own origin (the frames origin). */
  apiOrigin?: string;
  /** Overrides for the payment requests (fetch, timeouts, retries), e.g. in tests. */
  payment?: Partial<Omit<PaymentApiOptions, 'origin' | 'clientToken'>>;
  /** The current date, for the expiry check. */
  now?: () => Date;
  /**
   * Decides where a 3-D Secure challenge is answered: `'inline'` (the default) opens it inside
   * the fields' container; `'redirect'` ends `executePayment()` at once with status 3 and the
   * payment id, and the caller sends the customer to `challenge.url` (the hosted checkout's
   * redirect mode).
   */
  onChallenge?: (challenge: PendingChallenge) => 'inline' | 'redirect';
  /** Applies the merchant's `styles` and `fontCss` (the card frame passes `merchantStyling`); without it they are ignored. */
  merchantStyling?: MerchantStyling;
}

export interface ExecutePaymentParams {
  additionalInfo?: AdditionalInfo;
  idempotencyKey: string;
}

interface FieldDefinition {
  id: string;
  autocomplete: string;
  name: string;
  numeric: boolean;
  /** The dictionary key of the label. */
  label: 'cardNumber' | 'expiryDate' | 'securityCode' | 'nameOnCard';
  placeholder: string;
}

/** Fixed ids and autofill hints: browser autofill fills the whole card at once through them. */
export const FIELD_DEFINITIONS: Readonly<Record<CardField, FieldDefinition>> = {
  cardNumber: { id: 'card-number', autocomplete: 'cc-number', name: 'cardnumber', numeric: true, label: 'cardNumber', placeholder: '1234 1234 1234 1234' },
  expiryDate: { id: 'expiry-date', autocomplete: 'cc-exp', name: 'exp-date', numeric: true, label: 'expiryDate', placeholder: 'MM/YY' },
  cv2: { id: 'cv2', autocomplete: 'cc-csc', name: 'cvc', numeric: true, label: 'securityCode', placeholder: 'CVV' },
  cardName: { id: 'card-name', autocomplete: 'cc-name', name: 'ccname', numeric: false, label: 'nameOnCard', placeholder: '' },
};

const FIELD_ORDER: readonly CardField[] = ['cardNumber', 'expiryDate', 'cv2', 'cardName'];

interface FieldRuntime {
  field: CardField;
  view: FieldView;
  input: HTMLInputElement;
  /** The value before the latest edit (to recognise a backspace over a gap). */
  previous: string;
  dirty: boolean;
  shown: ValidationErrorType | null;
}

/** Whether a field holds as much as its format asks for (valid or not). */
function isFieldComplete(field: CardField, model: CardModel, { brand }: ValidationContext): boolean {
  switch (field) {
    case 'cardNumber':
      return brand !== null && brand.lengths.includes(model.cardNumber.length);
    case 'expiryDate':
      return model.expiryDate.month !== null && model.expiryDate.year !== null;
    case 'cv2':
      return brand ? model.cv2.length === brand.cvvSize : model.cv2.length >= 3;
    case 'cardName':
      return model.cardName !== '';
  }
}

interface Evaluation {
  brand: BrandInfo | null;
  model: CardModel;
  errors: Partial<Record<CardField, ValidationErrorType | null>>;
  fields: Partial<Record<CardField, FieldState>>;
  empty: boolean;
  complete: boolean;
  valid: boolean;
}

export class CardFields {
  /** The element the fields render into (a child of the container). */
  readonly root: HTMLDivElement;
  readonly form: HTMLFormElement;
  readonly #doc: Document;
  readonly #styles: FrameStyles;
  readonly #liveRegion: LiveRegion;
  readonly #brandBadge: HTMLSpanElement;
  readonly #brandText: HTMLSpanElement;
  readonly #runtimes = new Map<CardField, FieldRuntime>();
  readonly #abort = new AbortController();
  #config: CardFieldsConfig = {};
  readonly #texts = new FrameTexts<CardKey>({ dir: 'ltr', ...EN_CARD }, () => this.#applyLocale());
  #shownBrand: CardBrand | null = null;
  #lastValid = new Map<CardField, boolean>();
  #lastFormReady = false;
  #lastShownKey = '[]';
  #payment: Promise<TransactionResult> | null = null;
  /** A payment request whose answer was lost: the next payment reuses its key or asks about it first. */
  readonly #unfinished = new UnfinishedAttempt();
  #busy = false;

  readonly #options: CardFieldsOptions;

  constructor(container: HTMLElement, config: CardFieldsConfig = {}, options: CardFieldsOptions = {}) {
    this.#options = options;
    this.#doc = container.ownerDocument;
    const rootNode = container.getRootNode();
    this.#styles = new FrameStyles(rootNode instanceof ShadowRoot ? rootNode : this.#doc, options.merchantStyling);

    this.root = this.#create('div', 'mc-root');
    this.form = this.#create('form', 'mc-form');
    this.form.noValidate = true;
    this.form.autocomplete = 'on';
    this.form.tabIndex = -1;
    this.form.style.outline = 'none';
    this.#liveRegion = new LiveRegion(this.#doc);
    this.#brandBadge = this.#create('span', 'mc-brand');
    this.#brandBadge.setAttribute('aria-hidden', 'true');
    this.#brandText = this.#create('span', 'mc-visually-hidden');
    this.#brandText.id = 'card-brand';
    this.root.append(this.form, this.#liveRegion.element);

    const signal = this.#abort.signal;
    this.form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        this.#options.emit?.('submit-request', {});
      },
      { signal },
    );
    this.form.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Enter' || event.isComposing || !(event.target instanceof HTMLInputElement)) return;
        event.preventDefault();
        this.#options.emit?.('submit-request', {});
      },
      { signal },
    );

    this.setConfig(config);
    container.append(this.root);
  }

  // ----- public API -------------------------------------------------------------------------

  /** Applies a (new) configuration in place; typed values are kept. Emits no events. */
  setConfig(config: CardFieldsConfig): void {
    this.#config = config;
    this.#styles.update(config);
    this.#texts.set(config.locale);
    for (const field of FIELD_ORDER) {
      const wanted = field !== 'cardName' || !config.hideCardName;
      const runtime = this.#runtimes.get(field);
      if (wanted && !runtime) this.#mountField(field);
      if (!wanted && runtime) {
        runtime.view.container.remove();
        this.#runtimes.delete(field);
        this.#lastValid.delete(field);
      }
    }
    for (const runtime of this.#runtimes.values()) this.#applyText(runtime);
    this.#applyDisabled();
    this.#refresh('config');
  }

  /** Masked state: brand and per-field empty/complete/valid, never a value. */
  get state(): CardChange {
    const ev = this.#evaluate();
    return { brand: ev.brand?.brand ?? 'unknown', empty: ev.empty, complete: ev.complete, valid: ev.valid, fields: ev.fields };
  }

  /** Every current error, whether shown or not. */
  get errors(): ValidationError[] {
    const ev = this.#evaluate();
    return this.#present().flatMap((rt) => {
      const type = ev.errors[rt.field];
      return type ? [this.#toError(rt.field, type)] : [];
    });
  }

  /** Shows every error and reports validity; always emits `validation-error`. */
  validate(): { valid: boolean; errors: ValidationError[] } {
    const ev = this.#refresh('validate');
    return { valid: ev.valid, errors: this.#shownErrors() };
  }

  /** Focuses a field; `null` focuses the first field with an error, else the first field. */
  focus(field: CardField | null = null): void {
    const ev = this.#evaluate();
    const target = (field ? this.#runtimes.get(field) : undefined) ?? this.#present().find((rt) => ev.errors[rt.field]) ?? this.#present()[0];
    target?.input.focus();
  }

  /** Empties every field and hides every error; emits `change`. */
  clear(): void {
    for (const rt of this.#runtimes.values()) {
      rt.input.value = '';
      rt.previous = '';
    }
    this.#refresh('clear');
  }

  /** The card as the payments API takes it, or `null` while the form is not valid. */
  collect(): CardPaymentRequest['card'] | null {
    const ev = this.#evaluate();
    const { expiryDate } = ev.model;
    if (!ev.valid || expiryDate.month === null || expiryDate.year === null) return null;
    return {
      number: ev.model.cardNumber,
      expiryMonth: expiryDate.month,
      expiryYear: expiryDate.year,
      cvv: ev.model.cv2,
      ...(this.#runtimes.has('cardName') ? { name: ev.model.cardName } : {}),
    };
  }

  /**
   * Validates, then pays with the client token. An invalid form rejects with `validation_failed`
   * and its errors; while a payment runs, another call returns the same promise.
   */
  executePayment(params: ExecutePaymentParams): Promise<TransactionResult> {
    if (!this.#payment) {
      this.#payment = this.#pay(params).finally(() => {
        this.#payment = null;
      });
    }
    return this.#payment;
  }

  get isPaying(): boolean {
    return this.#payment !== null;
  }

  /** Removes the fields, their styles and listeners; an open challenge is closed. */
  destroy(): void {
    this.#abort.abort();
    this.#styles.destroy();
    this.root.remove();
  }

  // ----- payment ----------------------------------------------------------------------------

  async #pay({ additionalInfo, idempotencyKey }: ExecutePaymentParams): Promise<TransactionResult> {
    const ev = this.#refresh('validate', { emitValidation: false });
    const card = this.collect();
    if (!ev.valid || !card) {
      const errors = this.#shownErrors();
      this.#options.emit?.('validation-error', { errors });
      throw new BridgeError({ code: 'validation_failed', message: 'The card details are not complete or not valid.', errors });
    }
    const api = this.#api();
    const request: CardPaymentRequest = { card, ...(additionalInfo ? { additionalInfo } : {}) };
    this.#setBusy(true);
    try {
      return await payWithCard(api, request, idempotencyKey, (challenge) => this.#challenge(challenge), this.#unfinished);
    } finally {
      this.#setBusy(false);
    }
  }

  /**
   * The session's status and what became of a payment request whose answer was lost: the way to
   * learn the truth after `outcome_unknown`, or after the page was reloaded.
   */
  paymentStatus(): Promise<PaymentStatus> {
    return readPaymentStatus(this.#api(), this.#unfinished);
  }

  #api(): PaymentApiOptions {
    const clientToken = this.#config.clientToken;
    if (!clientToken) throw new BridgeError({ code: 'not_configured', message: 'The card fields have no client token.' });
    const timeout = this.#config.paymentTimeout;
    return {
      ...(timeout ? { timeoutMs: timeout } : {}),
      ...this.#options.payment,
      origin: this.#options.apiOrigin ?? location.origin,
      clientToken,
    };
  }

  async #challenge(challenge: PendingChallenge): Promise<ChallengeHandling> {
    if (this.#options.onChallenge?.(challenge) === 'redirect') return 'redirect';
    // The challenge's code is a chunk beside the frame bundle: most payments never need it.
    const { runChallenge } = await import('./three-ds.js').catch(() => {
      throw new BridgeError({ code: 'network_error', message: NETWORK_ERROR_MESSAGE });
    });
    this.form.hidden = true;
    try {
      const outcome = await runChallenge({
        container: this.root,
        heading: this.#texts.t.threeDsHeading,
        text: this.#texts.t.threeDsText,
        frameTitle: this.#texts.t.threeDsFrameTitle,
        ...challenge,
        signal: this.#abort.signal,
      });
      return outcome === 'cancelled' ? 'cancelled' : undefined;
    } finally {
      this.form.hidden = false;
      if (!this.#abort.signal.aborted) this.form.focus();
    }
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.form.setAttribute('aria-busy', String(busy));
    this.#applyDisabled();
  }

  // ----- DOM --------------------------------------------------------------------------------

  #create<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
    return createElement(this.#doc, tag, className);
  }

  #mountField(field: CardField): void {
    const def = FIELD_DEFINITIONS[field];
    // Card numbers, expiry dates and codes read left to right in every language.
    const view = new FieldView(this.#doc, {
      ...def,
      ltr: def.numeric,
      required: true,
      className: fieldClass(field),
      ...(def.numeric ? {} : { maxLength: CARD_NAME_MAX_LENGTH }),
    });
    const { container, input } = view;
    container.dataset.field = field;
    if (!def.numeric) {
      input.setAttribute('autocorrect', 'off');
      input.autocapitalize = 'words';
      input.spellcheck = false;
    }
    if (field === 'cardNumber') view.control.append(this.#brandBadge, this.#brandText);

    const runtime: FieldRuntime = { field, view, input, previous: '', dirty: false, shown: null };
    const signal = this.#abort.signal;
    input.addEventListener('input', (event) => this.#onInput(runtime, event as InputEvent), { signal });
    input.addEventListener(
      'focus',
      () => {
        if (!this.#busy) this.#options.emit?.('field-focus', { field });
      },
      { signal },
    );
    input.addEventListener('blur', () => this.#onBlur(runtime), { signal });

    // Keep the DOM order of FIELD_ORDER whatever order the fields are mounted in.
    const next = FIELD_ORDER.slice(FIELD_ORDER.indexOf(field) + 1)
      .map((f) => this.#runtimes.get(f)?.view.container)
      .find(Boolean);
    this.form.insertBefore(container, next ?? null);
    this.#runtimes.set(field, runtime);
  }

  #message(type: ValidationErrorType): string {
    return errorMessage(type, this.#config.errorMessages, this.#texts.t.cardErrors);
  }

  /** A dictionary arrived: the language, direction and every text follow; no events. */
  #applyLocale(): void {
    this.root.lang = this.#texts.intl;
    const doc = this.#doc.documentElement;
    doc.lang = this.#texts.intl;
    doc.dir = this.#texts.t.dir;
    for (const runtime of this.#runtimes.values()) this.#applyText(runtime);
    this.#refresh('config');
  }

  #applyText(rt: FieldRuntime): void {
    const def = FIELD_DEFINITIONS[rt.field];
    const text = this.#config.text?.[rt.field];
    rt.view.setLabel(text?.label?.trim() || this.#texts.t[def.label]);
    const brand = detectBrand(parseCardNumber(this.#runtimes.get('cardNumber')?.input.value ?? ''));
    const fallback = rt.field === 'cv2' && brand ? brand.cvvName : rt.field === 'expiryDate' ? this.#texts.t.expiryPlaceholder : def.placeholder;
    const placeholder = text?.placeholder?.trim() ? text.placeholder : fallback;
    if (placeholder) rt.input.placeholder = placeholder;
    else rt.input.removeAttribute('placeholder');
    rt.view.hideMessage(this.#config.hideValidation === true || text?.showValidation === false);
  }

  #applyDisabled(): void {
    const disabled = this.#busy || Boolean(this.#config.disabled);
    for (const rt of this.#runtimes.values()) {
      rt.input.disabled = disabled;
      rt.view.container.classList.toggle('is-disabled', disabled);
    }
  }

  #present(): FieldRuntime[] {
    return FIELD_ORDER.flatMap((f) => {
      const rt = this.#runtimes.get(f);
      return rt ? [rt] : [];
    });
  }

  // ----- input handling ---------------------------------------------------------------------

  #onInput(rt: FieldRuntime, event: InputEvent): void {
    const { input } = rt;
    const raw = input.value;
    const caret = input.selectionStart ?? raw.length;
    const inputType = event.inputType ?? '';
    let formatted: Formatted | null = null;
    switch (rt.field) {
      case 'cardNumber': {
        const edit = inputType === 'deleteContentBackward' ? deleteAcrossSeparator(rt.previous, raw, caret) : { value: raw, caret };
        formatted = formatCardNumber(edit.value, edit.caret);
        break;
      }
      case 'expiryDate':
        formatted = formatExpiry(raw, caret, { deleting: inputType.startsWith('delete') });
        break;
      case 'cv2':
        formatted = formatCvv(raw, caret, detectBrand(parseCardNumber(this.#runtimes.get('cardNumber')?.input.value ?? ''))?.cvvSize ?? 4);
        break;
      case 'cardName':
        break;
    }
    if (formatted && formatted.value !== raw) {
      input.value = formatted.value;
      if (this.#isFocused(input)) input.setSelectionRange(formatted.caret, formatted.caret);
    } else if (formatted && formatted.caret !== caret && this.#isFocused(input)) {
      input.setSelectionRange(formatted.caret, formatted.caret);
    }
    rt.previous = input.value;
    rt.dirty = true;
    this.#refresh('input');
  }

  #onBlur(rt: FieldRuntime): void {
    if (this.#busy) return;
    const ev = this.#refresh('blur', { field: rt.field });
    this.#options.emit?.('field-blur', { field: rt.field, formValid: ev.valid });
  }

  #isFocused(input: HTMLInputElement): boolean {
    const root = input.getRootNode() as Document | ShadowRoot;
    return root.activeElement === input;
  }

  // ----- state ------------------------------------------------------------------------------

  #readModel(): CardModel {
    const value = (field: CardField) => this.#runtimes.get(field)?.input.value ?? '';
    return {
      cardNumber: parseCardNumber(value('cardNumber')),
      expiryDate: parseExpiry(value('expiryDate')),
      cv2: onlyDigits(value('cv2')),
      cardName: parseCardName(value('cardName')),
    };
  }

  #evaluate(): Evaluation {
    const model = this.#readModel();
    const brand = detectBrand(model.cardNumber);
    const context: ValidationContext = { brand, now: this.#options.now?.() ?? new Date() };
    const errors: Evaluation['errors'] = {};
    const fields: Evaluation['fields'] = {};
    let empty = true;
    let complete = true;
    let valid = true;
    for (const rt of this.#present()) {
      const error = validateField(rt.field, model, context);
      const state: FieldState = {
        empty: rt.input.value.trim() === '',
        complete: isFieldComplete(rt.field, model, context),
        valid: error === null,
      };
      errors[rt.field] = error;
      fields[rt.field] = state;
      empty &&= state.empty;
      complete &&= state.complete;
      valid &&= state.valid;
    }
    return { brand, model, errors, fields, empty, complete, valid };
  }

  #toError(field: CardField, errorType: ValidationErrorType): ValidationError {
    return { errorType, message: this.#message(errorType), field };
  }

  /** The errors currently shown, in field order. */
  #shownErrors(): ValidationError[] {
    return this.#present().flatMap((rt) => (rt.shown ? [this.#toError(rt.field, rt.shown)] : []));
  }

  /** Recomputes the state, updates which errors are shown, renders, and emits what changed. */
  #refresh(trigger: Trigger, opts: { field?: CardField; emitValidation?: boolean } = {}): Evaluation {
    const ev = this.#evaluate();
    const fresh = updateShown(this.#present(), (rt) => ev.errors[rt.field] ?? null, trigger, opts.field && this.#runtimes.get(opts.field));
    this.#render(ev);

    const shown = this.#shownErrors();
    const shownKey = JSON.stringify(shown);
    const shownChanged = shownKey !== this.#lastShownKey;
    this.#lastShownKey = shownKey;
    const formReady = ev.complete && ev.valid;
    const emit = trigger === 'config' ? undefined : this.#options.emit;

    if (trigger !== 'config') this.#liveRegion.announce(fresh.map((rt) => this.#message(rt.shown!)).join(' '));
    if (trigger === 'input' || trigger === 'clear') {
      emit?.('change', { brand: ev.brand?.brand ?? 'unknown', empty: ev.empty, complete: ev.complete, valid: ev.valid, fields: ev.fields });
    }
    if (trigger === 'input') {
      for (const rt of this.#present()) {
        if (ev.fields[rt.field]?.valid && !this.#lastValid.get(rt.field)) emit?.('field-valid', { field: rt.field });
      }
      if (formReady && !this.#lastFormReady) emit?.('form-complete', {});
    }
    if (trigger === 'validate' ? opts.emitValidation !== false : shownChanged) emit?.('validation-error', { errors: shown });

    for (const rt of this.#present()) this.#lastValid.set(rt.field, ev.fields[rt.field]?.valid ?? false);
    this.#lastFormReady = formReady;
    return ev;
  }

  #render(ev: Evaluation): void {
    const brand = ev.brand?.brand ?? null;
    if (brand !== this.#shownBrand || !this.#brandBadge.firstChild) {
      this.#shownBrand = brand;
      this.#brandBadge.dataset.brand = brand ?? 'unknown';
      this.#brandBadge.replaceChildren(brandIcon(brand ?? 'unknown'));
      this.#brandText.textContent = ev.brand ? ev.brand.name : '';
      const cv2 = this.#runtimes.get('cv2');
      if (cv2) this.#applyText(cv2);
    }
    for (const rt of this.#present()) {
      const state = ev.fields[rt.field];
      const { shown, view } = rt;
      view.showError(shown && this.#message(shown));
      view.container.classList.toggle('is-valid', shown === null && Boolean(state?.valid && state.complete));
      view.container.classList.toggle('is-empty', Boolean(state?.empty));
    }
  }
}
