import {
  CARD_FIELDS,
  FIELD_STYLE_STATES,
  type AdditionalInfo,
  type CardChange,
  type CardField,
  type CardStyles,
  type CardText,
  type CssDeclarations,
  type ErrorMessages,
  type FieldStyle,
  type TransactionResult,
  type ValidationError,
} from '../../protocol/card.js';
import { cardEvents, cardRequestResults, type CardFrameConfig } from '../../protocol/messages.js';
import { BridgeError, randomId } from '../../protocol/port.js';
import { AdditionalInfoSchema, describeCustomerIssue } from '../../protocol/customer.js';
import { safeParse } from '../../protocol/schema.js';
import { containerIdAdvice, defineUnhonouredKeys } from '../../core/component-config.js';
import { emit, type eventMap, type CardComponentEventMap, type ElementEventMap } from '../../core/events.js';
import { frameBoxStyles } from '../../core/frame-box.js';
import { FramedElement, type FrameSetup } from '../../core/framed-element.js';
import type { PropertyTable } from '../../core/moment-element.js';
import { REQUEST_TIMEOUT } from '../../core/secure-frame.js';
import { invokeCallback, warnOnce } from '../../core/element-config.js';
import { OUTCOME_EVENTS, outcomeOf } from '../../protocol/outcome.js';
import { cardFrameHeight } from '../../protocol/layout.js';
import { PaymentError } from '../../core/payment-error.js';
import { themeTransitionStyles } from '../../core/theme.js';
import { CARD_TEXTS } from '../../core/i18n.js';
import { cardComponentStyles } from './card-component.styles.js';

/** Callbacks of the card's component config. */
export interface CardCallbacks {
  onFormComplete?: () => void;
  onFormFieldValid?: (fieldName: CardField) => void;
}

const CARD_CALLBACKS = ['onFormComplete', 'onFormFieldValid'] as const;

const TAG = 'card-component';
/** A payment can wait on a 3-D Secure challenge; the frame itself times out each network call. */
const PAYMENT_TIMEOUT = 15 * 60_000;

const TEXT_ATTRIBUTES: Record<CardField, { label: string; placeholder: string }> = {
  cardNumber: { label: 'card-number-label', placeholder: 'card-number-placeholder' },
  expiryDate: { label: 'expiry-date-label', placeholder: 'expiry-date-placeholder' },
  cv2: { label: 'cv2-label', placeholder: 'cv2-placeholder' },
  cardName: { label: 'card-name-label', placeholder: 'card-name-placeholder' },
};

/**
 * Card number, expiry, security code and cardholder name in one secure iframe served from the
 * provider's origin. The page never sees card data: only the brand, which fields are complete and
 * valid, validation errors and the payment result.
 *
 * @summary Secure card fields with `executePayment()`.
 * @tagname card-component
 *
 * @event {CustomEvent<ReadyDetail>} ready - The frame is loaded and configured; `detail.height` is its content height.
 * @event {CustomEvent<LoadErrorDetail>} load-error - The frame could not load, or the configuration is wrong (`detail.code`, `detail.message`). Call `retry()` after `timeout`, `frames_unreachable`, `frames_unavailable` or `frame_not_started`.
 * @event {CustomEvent<CardChange>} change - The masked state changed: `detail.brand`, `empty`, `complete`, `valid` and per-field state. Never card data.
 * @event {CustomEvent<ValidationErrorDetail>} validation-error - The shown validation errors changed: `detail.errors` is `[{errorType, message, field}]`.
 * @event {CustomEvent<FieldDetail>} field-valid - A field became valid: `detail.field`.
 * @event {CustomEvent<EmptyDetail>} form-complete - Every field is complete and valid.
 * @event {CustomEvent<FieldDetail>} field-focus - A field gained focus: `detail.field`.
 * @event {CustomEvent<FieldBlurDetail>} field-blur - A field lost focus: `detail.field`, `detail.formValid`.
 * @event {CustomEvent<EmptyDetail>} submit-request - The customer pressed Enter in a field.
 * @event {CustomEvent<TransactionResult>} payment-success - `executePayment()` succeeded (`statusCode` 0), or the session was already paid (`statusCode` 20 with the original payment's `authCode`): `detail` is the `TransactionResult`, with `customerDetails` when the customer gave any.
 * @event {CustomEvent<TransactionResult>} payment-attempt-failed - The attempt did not pay: authentication not completed, referred, declined or a provider failure (`statusCode` 3, 4, 5, 30); the customer can try again.
 * @event {CustomEvent<TransactionResult | PaymentProblem>} payment-failure - The payment cannot go on (`statusCode` 20 without an auth code, 400, 401, 404, 500), or no result came and the provider confirmed nothing was charged (`detail.code` `network_error` or `timeout`), or the attempt used up the session's last try (`detail.sessionStatus` is `failed`): then this is the only outcome event of that attempt.
 * @event {CustomEvent<TransactionResult>} payment-cancel - The customer cancelled the 3-D Secure challenge (`detail.cancelled` is true); the card can pay again.
 * @event {CustomEvent<PaymentProblem>} payment-expired - The session expired before the payment (the provider answered `session_expired`): `detail.code` is `expired`.
 * @event {CustomEvent<PaymentProblem>} payment-unknown - A payment request lost its answer and the provider could not be asked what became of it, or the element was removed mid-payment: it may have been taken (`detail.code` `outcome_unknown`, `closed` or `timeout`). Never `payment-failure`; `paymentStatus()` tells, and paying again with this element cannot charge twice.
 *
 * @csspart box - The box that holds the frame and keeps its height.
 * @csspart frame - The secure iframe.
 * @csspart skeleton - The placeholder shown while the frame loads.
 * @csspart error - The message shown when the frame could not load.
 *
 * @cssproperty --moment-font-family - Font family of labels and inputs (forwarded into the frame).
 * @cssproperty --moment-font-size - Font size of inputs.
 * @cssproperty --moment-font-weight - Font weight of inputs.
 * @cssproperty --moment-color-text - Text colour.
 * @cssproperty --moment-color-label - Label colour.
 * @cssproperty --moment-color-placeholder - Placeholder colour.
 * @cssproperty --moment-color-background - Input background.
 * @cssproperty --moment-color-border - Input border colour.
 * @cssproperty --moment-color-primary - Focus ring and accent colour.
 * @cssproperty --moment-color-danger - Error colour.
 * @cssproperty --moment-color-success - Valid colour.
 * @cssproperty --moment-border-radius - Corner radius of inputs.
 * @cssproperty --moment-border-width - Border width of inputs.
 * @cssproperty --moment-spacing - Gap between fields.
 * @cssproperty --moment-input-padding - Padding inside inputs.
 * @cssproperty --moment-input-height - Height of inputs.
 * @cssproperty --moment-skeleton-color - Colour of the loading placeholder (host only).
 */
export class CardComponent extends FramedElement<'card'> {
  static override styles = [themeTransitionStyles, frameBoxStyles, cardComponentStyles];
  static override properties: PropertyTable<CardComponent> = {
    hideCardName: { attribute: 'hide-card-name', type: Boolean },
    showValidation: { attribute: 'show-validation', type: Boolean },
    hideValidation: { attribute: 'hide-validation', type: Boolean },
    cardNumberLabel: { attribute: 'card-number-label' },
    cardNumberPlaceholder: { attribute: 'card-number-placeholder' },
    expiryDateLabel: { attribute: 'expiry-date-label' },
    expiryDatePlaceholder: { attribute: 'expiry-date-placeholder' },
    cv2Label: { attribute: 'cv2-label' },
    cv2Placeholder: { attribute: 'cv2-placeholder' },
    cardNameLabel: { attribute: 'card-name-label' },
    cardNamePlaceholder: { attribute: 'card-name-placeholder' },
    styles: { attribute: false },
    text: { attribute: false },
    errorMessages: { attribute: false },
    fontCss: { attribute: false },
    onFormComplete: { attribute: false },
    onFormFieldValid: { attribute: false },
    callbacks: { attribute: false },
    displayErrorsCallback: { attribute: false },
    onSubmitTriggered: { attribute: false },
    onBlur: { attribute: false },
  };
  static formAssociated = true;

  /** Leaves out the cardholder name field. */
  hideCardName = false;
  /**
   * Shows the message text of every field whose `text.<field>.showValidation` is not set. Only
   * matters under the `showValidation` rule (the page set a `displayErrorsCallback` or any
   * `text.<field>.showValidation`); without either, messages are shown by default.
   */
  showValidation = false;
  /**
   * Hides the validation messages under the fields (the fields still turn invalid and are announced):
   * for pages that render their own messages from `validation-error`.
   */
  hideValidation = false;
  /** Disables the fields. */
  declare disabled: boolean;
  /** Accessible title of the iframe; by default "Secure card payment form" in the element's language. */
  declare frameTitle: string | null;
  /** Language of the fields; default: the closest `lang` attribute, then `<html lang>`, followed when they change. */
  declare lang: string;

  /** Label of the card number field. */
  cardNumberLabel: string | null = null;
  /** Placeholder of the card number field. */
  cardNumberPlaceholder: string | null = null;
  /** Label of the expiry date field. */
  expiryDateLabel: string | null = null;
  /** Placeholder of the expiry date field. */
  expiryDatePlaceholder: string | null = null;
  /** Label of the security code field. */
  cv2Label: string | null = null;
  /** Placeholder of the security code field. */
  cv2Placeholder: string | null = null;
  /** Label of the cardholder name field. */
  cardNameLabel: string | null = null;
  /** Placeholder of the cardholder name field. */
  cardNamePlaceholder: string | null = null;

  /** Styles of the fields, with the provider's shape (`base`, `cardNumber`, … × `default`, `focus`, `error`, …). */
  styles: CardStyles = {};
  /** Labels, placeholders and `showValidation` per field. */
  text: CardText = {};
  /** Custom messages per validation error type. */
  errorMessages: ErrorMessages = {};
  /** Font stylesheets to load in the frame (https, allowed font hosts only). */
  fontCss: string[] = [];

  /** Called when the form becomes complete and valid (same moment as `form-complete`). */
  onFormComplete: (() => void) | undefined;
  /** Called when a field becomes valid (same moment as `field-valid`). */
  onFormFieldValid: ((fieldName: CardField) => void) | undefined;
  /**
   * Called with the shown validation errors whenever they change (same moment as `validation-error`).
   * Setting it follows the `showValidation` rule: a field then shows its message text under itself only if
   * its `text.<field>.showValidation` is true, so the page's own list shows each error once. The
   * fields still turn invalid and are announced.
   */
  displayErrorsCallback: ((errors: ValidationError[]) => void) | undefined;
  /** Called when the customer presses Enter (same moment as `submit-request`). */
  onSubmitTriggered: (() => void) | undefined;
  /** Called when a field loses focus, with whether the whole form is valid (same moment as `field-blur`). */
  onBlur: ((isValid: boolean) => void) | undefined;
  /** The provider's `callbacks` object: `onFormComplete`, `onFormFieldValid`. */
  callbacks: CardCallbacks = {};

  /** The last masked state reported by the frame: read, never rendered, so a keystroke costs the page no update. */
  #cardState: CardChange | undefined;
  readonly #internals = this.attachInternals();
  #payment: Promise<TransactionResult> | undefined;
  #formDisabled = false;

  constructor() {
    super({ tag: TAG, kind: 'card', texts: CARD_TEXTS, callbacks: CARD_CALLBACKS, noun: 'The card form' });
  }

  /** @internal */
  protected get reservedHeight(): number {
    return cardFrameHeight(this.hideCardName, this.theme.values);
  }
  /** @internal */
  protected override get skeletonKey(): string {
    return String(this.hideCardName);
  }

  /** @internal */
  protected frameSetup(): FrameSetup<'card'> {
    return {
      results: cardRequestResults,
      events: cardEvents,
      frameConfig: () => this.#frameConfig(),
      onConfigured: ({ height, refused }) => {
        this.frameHeight = height;
        // The frame applies the CSS policy; what it refused is the developer's to hear about.
        for (const note of refused ?? []) warnOnce(this, `Moment Elements: ${note}`);
      },
      on: {
        change: (detail) => {
          this.#cardState = detail;
          this.#updateValidity();
          emit(this, 'change', detail);
        },
        'validation-error': (detail) => {
          invokeCallback(TAG, this.displayErrorsCallback, detail.errors);
          emit(this, 'validation-error', detail);
        },
        'field-valid': (detail) => {
          invokeCallback(TAG, this.onFormFieldValid, detail.field);
          invokeCallback(TAG, this.callbacks?.onFormFieldValid, detail.field);
          emit(this, 'field-valid', detail);
        },
        'form-complete': (detail) => {
          invokeCallback(TAG, this.onFormComplete);
          invokeCallback(TAG, this.callbacks?.onFormComplete);
          emit(this, 'form-complete', detail);
        },
        'field-focus': (detail) => emit(this, 'field-focus', detail),
        'field-blur': (detail) => {
          invokeCallback(TAG, this.onBlur, detail.formValid);
          emit(this, 'field-blur', detail);
        },
        'submit-request': (detail) => {
          invokeCallback(TAG, this.onSubmitTriggered);
          emit(this, 'submit-request', detail);
        },
      },
      onOpen: () => {
        this.#cardState = undefined;
        this.#updateValidity();
      },
      onLoadError: () => this.#updateValidity(),
    };
  }

  /** The `<form>` this element belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** The form validity of the card fields: invalid until every field is complete and valid. */
  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  /** True when the loaded form is complete and valid. */
  get complete(): boolean {
    return this.#cardState?.valid ?? false;
  }

  /** Checks form validity without showing anything (as `<input>.checkValidity()`). */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Checks form validity and lets the browser report a problem (as `<input>.reportValidity()`). */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#internals.setFormValue(null);
    this.#updateValidity();
  }

  /** Builds the frame config from properties and attributes, warning about anything dropped. */
  #frameConfig(): CardFrameConfig {
    const text: CardText = {};
    const documentedRule = this.#documentedValidationRule;
    for (const field of CARD_FIELDS) {
      const fromProperty = this.text?.[field] ?? {};
      const label = this.getAttribute(TEXT_ATTRIBUTES[field].label);
      const placeholder = this.getAttribute(TEXT_ATTRIBUTES[field].placeholder);
      const own = typeof fromProperty.showValidation === 'boolean' ? fromProperty.showValidation : undefined;
      // The documented rule: "showValidation … defaults to false if not set", once the page takes part in
      // showing errors. Otherwise messages stay visible (WCAG 3.3.1) unless hide-validation.
      const showValidation = own ?? (this.showValidation ? true : documentedRule ? false : undefined);
      const { showValidation: _given, ...rest } = fromProperty;
      text[field] = {
        ...rest,
        ...(label !== null ? { label } : {}),
        ...(placeholder !== null ? { placeholder } : {}),
        ...(showValidation !== undefined ? { showValidation } : {}),
      };
    }
    const fontCss = (Array.isArray(this.fontCss) ? this.fontCss : []).filter((url, index) => {
      // The frame decides which font hosts are allowed; what it cannot take at all stays here.
      const allowed = typeof url === 'string' && url.length <= 2048 && index < 8;
      if (!allowed) warnOnce(this, `Moment Elements: fontCss "${String(url).slice(0, 80)}" is not loaded: at most 8 font stylesheet URLs.`);
      return allowed;
    });
    return {
      clientToken: this.ownConfig.clientToken ?? '',
      styles: stylesForFrame(this.styles, (note) => warnOnce(this, `Moment Elements: ${note}`)),
      text,
      errorMessages: this.errorMessages ?? {},
      fontCss,
      hideCardName: this.hideCardName,
      ...(this.hideValidation ? { hideValidation: true } : {}),
      disabled: this.disabled || this.#formDisabled,
      themeVariables: this.theme.values,
      locale: this.locale.value,
      ...this.paymentTimeoutConfig,
    };
  }

  /**
   * The `showValidation` rule applies when the page takes part in showing errors: it set a
   * `displayErrorsCallback` or any `text.<field>.showValidation`.
   */
  get #documentedValidationRule(): boolean {
    return typeof this.displayErrorsCallback === 'function' || CARD_FIELDS.some((field) => typeof this.text?.[field]?.showValidation === 'boolean');
  }

  #updateValidity(): void {
    const iframe = this.frame.iframe ?? undefined;
    if (this.#cardState?.valid) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, 'Enter your card details.', iframe);
  }

  /**
   * Pays with the card in the frame. Resolves with the transaction result (also for declines);
   * rejects with a `PaymentError` when the form is invalid (`errors`), the frame is not ready,
   * or no result could be had. A second call while a payment runs returns the same promise.
   *
   * `additionalInfo` is the documented "Additional information": `userEmailAddress`, `userPhoneNumber`,
   * `billingAddress`, `shippingDetails`, `metaData` (string values). It is checked before anything
   * is sent: an unknown key, a wrong type or a value too long rejects at once with code
   * `invalid_additional_info` and `param` naming it (e.g. `additionalInfo.email`), and fires no event.
   */
  executePayment(additionalInfo?: AdditionalInfo): Promise<TransactionResult> {
    if (additionalInfo !== undefined && additionalInfo !== null) {
      const checked = safeParse(AdditionalInfoSchema, additionalInfo);
      if (!checked.success) {
        const { param, message } = describeCustomerIssue(checked.issues[0], 'additionalInfo');
        return Promise.reject(new PaymentError('invalid_additional_info', `${message}. Nothing was sent and the card was not charged.`, [], param));
      }
      additionalInfo = checked.output;
    } else additionalInfo = undefined;
    if (this.#payment) return this.#payment;
    const endpoint = this.frame.endpoint;
    if (!endpoint) {
      return Promise.reject(new PaymentError('not_ready', 'The card form is not ready: wait for the ready event before calling executePayment().'));
    }
    const payment = endpoint.request('executePayment', { ...(additionalInfo ? { additionalInfo } : {}), idempotencyKey: randomId() }, PAYMENT_TIMEOUT).then(
      (result) => {
        // The provider says when the session has expired (`errorType: 'session_expired'`).
        const outcome = outcomeOf(result);
        if (outcome === 'expired') emit(this, 'payment-expired', { code: 'expired', message: result.message });
        else emit(this, OUTCOME_EVENTS[outcome], result);
        return result as TransactionResult;
      },
      (error: unknown) => {
        throw this.#paymentError(error);
      },
    );
    this.#payment = payment;
    const settle = () => {
      if (this.#payment === payment) this.#payment = undefined;
    };
    payment.then(settle, settle);
    return payment;
  }

  #paymentError(error: unknown): PaymentError {
    if (!(error instanceof BridgeError)) return new PaymentError('internal', 'The payment failed unexpectedly.');
    if (error.code === 'validation_failed') return new PaymentError('validation_failed', error.message, error.errors ?? []);
    if (error.code === 'invalid_params') return new PaymentError('invalid_parameters', error.message, [], error.param);
    const unknownOutcome = 'Its outcome is unknown: call paymentStatus() or check the payment session on your server before the customer pays another way.';
    // The payment may have been taken: never reported as a failure (`payment-unknown`).
    const unknown =
      error.code === 'closed'
        ? new PaymentError('closed', `The card form was removed while the payment was running. ${unknownOutcome}`)
        : error.code === 'timeout'
          ? new PaymentError('timeout', `The payment did not finish in time. ${unknownOutcome}`)
          : error.code === 'outcome_unknown'
            ? new PaymentError('outcome_unknown', error.message)
            : // A malformed answer, or the frame failing after it may have sent the payment.
              error.code === 'internal'
              ? new PaymentError('internal', `${error.message} ${unknownOutcome}`)
              : undefined;
    if (unknown) {
      emit(this, 'payment-unknown', { code: unknown.code, message: unknown.message });
      return unknown;
    }
    // The provider confirmed it never got the request: nothing was charged.
    const failure =
      error.code === 'payment_timeout'
        ? new PaymentError('timeout', error.message)
        : error.code === 'network_error'
          ? new PaymentError('network_error', error.message)
          : // Never sent (no token, an unknown method): nothing was charged.
            new PaymentError('internal', error.message);
    emit(this, 'payment-failure', { code: failure.code, message: failure.message });
    return failure;
  }

  /** Moves focus into the frame: to `field`, or the first field. */
  override focus(field?: CardField | FocusOptions): void {
    const iframe = this.frame.iframe;
    const endpoint = this.frame.endpoint;
    if (!iframe || !endpoint) return super.focus(typeof field === 'object' ? field : undefined);
    iframe.focus();
    endpoint.request('focus', { field: typeof field === 'string' ? field : null }, REQUEST_TIMEOUT).catch(() => undefined);
  }

  /** Empties every field. */
  async clear(): Promise<void> {
    await this.frame.endpoint?.request('clear', {}, REQUEST_TIMEOUT);
  }

  /** Shows every validation error and tells whether the form is valid. */
  async validate(): Promise<{ valid: boolean; errors: ValidationError[] }> {
    const endpoint = this.frame.endpoint;
    if (!endpoint) {
      throw new PaymentError('not_ready', 'The card form is not ready: wait for the ready event before calling validate().');
    }
    return endpoint.request('validate', {}, REQUEST_TIMEOUT);
  }

  /** @internal Form-associated lifecycle: a form reset empties the fields. */
  formResetCallback(): void {
    void this.clear();
  }

  /** @internal Form-associated lifecycle: follows a disabled `<fieldset>` or form. */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cardState = undefined;
  }

  /** @internal Bones in the shape of the fields: number, expiry and code, name. */
  protected override skeleton(): Element {
    const doc = this.ownerDocument;
    const skeleton = doc.createElement('div');
    skeleton.setAttribute('part', 'skeleton');
    skeleton.setAttribute('aria-hidden', 'true');
    for (const half of this.hideCardName ? [false, true, true] : [false, true, true, false]) {
      skeleton.append(Object.assign(doc.createElement('div'), { className: half ? 'bone half' : 'bone' }));
    }
    return skeleton;
  }
}

// Component-config keys the card cannot honour (`containerId`, the wallet's own): said on the console, never dropped in silence.
defineUnhonouredKeys(CardComponent, TAG, {
  containerId: containerIdAdvice(TAG),
  buttonConfig: 'is for <wallet-button> only.',
  emailRequired: 'is for <wallet-button> only: pass userEmailAddress in executePayment(additionalInfo).',
  billingAddressRequired: 'is for <wallet-button> only: pass billingAddress in executePayment(additionalInfo).',
  shippingAddressRequired: 'is for <wallet-button> only: pass shippingDetails in executePayment(additionalInfo).',
  paymentComplete: 'is for <wallet-button> only: use the executePayment() promise or the payment-* events.',
});

/**
 * The `styles` object in the shape the frame takes: known groups and states, string values. The
 * frame applies the CSS policy to every declaration and says what it refused.
 */
function stylesForFrame(styles: unknown, warn: (note: string) => void): CardStyles {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(styles)) {
    if (styles != null) warn('`styles` must be an object.');
    return {};
  }
  const declarations = (value: unknown, path: string): CssDeclarations =>
    Object.fromEntries(
      Object.entries(isObject(value) ? value : {})
        .filter(([property, v]) => {
          const ok = typeof v === 'string' && v.length <= 500;
          if (!ok) warn(`styles.${path}.${property} was dropped (value-not-allowed).`);
          return ok;
        })
        .slice(0, 64),
    ) as CssDeclarations;
  const out: CardStyles = {};
  for (const [key, value] of Object.entries(styles)) {
    if (key === 'cardIcon' || key === 'form') out[key] = declarations(value, key);
    else if (key === 'base' || (CARD_FIELDS as readonly string[]).includes(key)) {
      const fieldStyle: FieldStyle = {};
      for (const [state, group] of Object.entries(isObject(value) ? value : {})) {
        if ((FIELD_STYLE_STATES as readonly string[]).includes(state)) fieldStyle[state as keyof FieldStyle] = declarations(group, `${key}.${state}`);
        else warn(`styles.${key}.${state} is not a known state and was dropped.`);
      }
      out[key as Exclude<keyof CardStyles, 'cardIcon' | 'form'>] = fieldStyle;
    } else warn(`styles.${key} is not a known style group and was dropped.`);
  }
  return out;
}

/** Type-only: the events of `CardComponent` for `emit()`, and typed `addEventListener` / `removeEventListener` as on `HTMLElement`. */
export interface CardComponent {
  readonly [eventMap]?: CardComponentEventMap;
  addEventListener<K extends keyof ElementEventMap<CardComponentEventMap>>(
    type: K,
    listener: (this: CardComponent, ev: ElementEventMap<CardComponentEventMap>[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ElementEventMap<CardComponentEventMap>>(
    type: K,
    listener: (this: CardComponent, ev: ElementEventMap<CardComponentEventMap>[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
