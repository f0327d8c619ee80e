/**
 * The customer details the checkout collects (contact, shipping, billing), built with the form
 * kit: field views, the session's rules (collect.ts) and the shown-error rule, as the card fields
 * do. Tells the page when the shown errors changed; the page reports them to the host.
 */
import { adoptStylesOnce } from '../adopt-styles.js';
import type { CheckoutValidationError } from '../../protocol/checkout.js';
import { createElement } from '../dom.js';
import { FieldView } from '../form/field-view.js';
import { updateShown, type ShownState, type Trigger } from '../form/shown.js';
import type { CheckoutKey, Translation } from '../i18n/index.js';
import {
  validateCollectedField,
  type CollectedErrorType,
  type CollectedField,
  type CollectedFieldDefinition,
  type CollectedSection,
  type CollectedValues,
} from './collect.js';
import { countries, countryOfLocale } from './countries.js';

/** The collected sections' layout; it comes with this module (a chunk the checkout loads only when the session collects details). */
const DETAILS_CSS = `
.mc-section{margin:0;padding:0;border:0;min-width:0;display:grid;grid-template-columns:1fr;gap:var(--moment-spacing,12px)}
.mc-section select.mc-input{-webkit-appearance:menulist;appearance:auto;padding-inline-end:8px}
@media (min-width:420px){.mc-section .mc-half{grid-column:auto}.mc-section.mc-address{grid-template-columns:1fr 1fr}.mc-section.mc-address>:not(.mc-half){grid-column:1/-1}}
`;

interface FieldRuntime extends ShownState<CollectedErrorType> {
  def: CollectedFieldDefinition;
  view: FieldView<HTMLInputElement | HTMLSelectElement>;
}

export interface CollectedFormOptions {
  /** The current texts and locale (they change with the language). */
  texts: () => { t: Pick<Translation, CheckoutKey>; locale: string };
  signal: AbortSignal;
  /** Whether blur may show errors (not while paying or closed). */
  active: () => boolean;
  /** The shown errors changed; `fresh` are the messages that just appeared. */
  onShown: (fresh: string[], trigger: Trigger) => void;
}

const TITLES = { contact: 'contact', shipping: 'shippingAddress', billing: 'billingAddress' } as const;

export class CollectedForm {
  readonly #runtimes = new Map<CollectedField, FieldRuntime>();
  readonly #headings: [HTMLHeadingElement, CollectedSection][] = [];

  readonly #doc: Document;
  readonly #options: CollectedFormOptions;

  constructor(
    doc: Document,
    readonly definitions: readonly CollectedFieldDefinition[],
    options: CollectedFormOptions,
  ) {
    adoptStylesOnce(doc, DETAILS_CSS);
    this.#doc = doc;
    this.#options = options;
  }

  get #t(): Pick<Translation, CheckoutKey> {
    return this.#options.texts().t;
  }

  /** A section's `<form>`, or `null` when the session collects nothing in it. */
  section(name: CollectedSection): HTMLFormElement | null {
    const defs = this.definitions.filter((d) => d.section === name);
    if (defs.length === 0) return null;
    const form = createElement(this.#doc, 'form', `mc-section${name === 'contact' ? '' : ' mc-address'}`);
    form.noValidate = true;
    form.autocomplete = 'on';
    form.setAttribute('aria-labelledby', `${name}-heading`);
    form.addEventListener('submit', (event) => event.preventDefault(), { signal: this.#options.signal });
    const heading = createElement(this.#doc, 'h2', 'mc-section-title');
    heading.id = `${name}-heading`;
    heading.textContent = this.#t[TITLES[name]];
    this.#headings.push([heading, name]);
    form.append(heading, ...defs.map((def) => this.#mount(def)));
    return form;
  }

  values(): CollectedValues {
    const values: CollectedValues = {};
    for (const [field, rt] of this.#runtimes) values[field] = rt.view.input.value;
    return values;
  }

  /** Shows every error (a pay attempt); returns their messages. */
  showAll(): string[] {
    this.#refresh('validate');
    return [...this.#runtimes.values()].flatMap((rt) => (rt.shown ? [this.#message(rt.shown)] : []));
  }

  /** Every shown error, for the host, before the card (contact, shipping) or after it (billing). */
  shownErrors(afterCard: boolean): CheckoutValidationError[] {
    return [...this.#runtimes.values()]
      .filter((rt) => rt.shown !== null && (rt.def.section === 'billing') === afterCard)
      .map((rt) => ({ field: rt.def.field, errorType: rt.shown!, message: this.#message(rt.shown!) }));
  }

  setDisabled(disabled: boolean): void {
    for (const rt of this.#runtimes.values()) rt.view.input.disabled = disabled;
  }

  /** The language changed: headings, labels, countries and shown messages follow. */
  applyTexts(): void {
    const { t, locale } = this.#options.texts();
    for (const [heading, name] of this.#headings) heading.textContent = t[TITLES[name]];
    for (const rt of this.#runtimes.values()) {
      rt.view.setLabel(t[rt.def.label]);
      if (rt.def.kind === 'country') this.#fillCountries(rt.view.input as HTMLSelectElement, locale);
      this.#render(rt);
    }
  }

  #message(type: CollectedErrorType): string {
    return this.#t.collectedErrors[type];
  }

  #mount(def: CollectedFieldDefinition): HTMLDivElement {
    const view = new FieldView<HTMLInputElement | HTMLSelectElement>(this.#doc, {
      id: def.id,
      autocomplete: def.autocomplete,
      type: def.kind === 'country' ? 'select' : def.kind,
      maxLength: def.maxLength,
      required: def.required,
      ltr: def.kind === 'email',
      className: `mc-collected${/City|Postcode/.test(def.field) ? ' mc-half' : ''}`,
    });
    view.container.dataset.field = def.field;
    view.setLabel(this.#t[def.label]);
    const { input } = view;
    if (input instanceof HTMLSelectElement) {
      this.#fillCountries(input, this.#options.texts().locale);
      input.value = countryOfLocale(this.#options.texts().locale) ?? '';
    }
    const runtime: FieldRuntime = { def, view, dirty: false, shown: null };
    this.#runtimes.set(def.field, runtime);
    const signal = this.#options.signal;
    // A country is chosen at once: its change counts as leaving the field (and re-checks its postcode).
    const edited = (trigger: Trigger) => {
      runtime.dirty = true;
      this.#update(trigger, runtime);
    };
    input.addEventListener('input', () => edited(def.kind === 'country' ? 'blur' : 'input'), { signal });
    if (def.kind === 'country') input.addEventListener('change', () => edited('blur'), { signal });
    input.addEventListener(
      'blur',
      () => {
        if (runtime.dirty && this.#options.active()) this.#update('blur', runtime);
      },
      { signal },
    );
    return view.container;
  }

  /** The country options in the customer's language, the choice kept. */
  #fillCountries(select: HTMLSelectElement, locale: string): void {
    const chosen = select.value;
    const option = (value: string, text: string) => {
      const element = createElement(this.#doc, 'option');
      element.value = value;
      element.textContent = text;
      return element;
    };
    select.replaceChildren(option('', this.#t.selectCountry), ...countries(locale).map((c) => option(c.alpha2, c.name)));
    select.value = chosen;
  }

  #update(trigger: Trigger, target: FieldRuntime): void {
    const fresh = this.#refresh(trigger, target);
    this.#options.onShown(trigger === 'input' ? [] : fresh.map((rt) => this.#message(rt.shown!)), trigger);
  }

  #refresh(trigger: Trigger, target?: FieldRuntime): FieldRuntime[] {
    const values = this.values();
    const fresh = updateShown(this.#runtimes.values(), (rt) => validateCollectedField(rt.def, values), trigger, target);
    for (const rt of this.#runtimes.values()) this.#render(rt);
    return fresh;
  }

  #render(rt: FieldRuntime): void {
    rt.view.showError(rt.shown && this.#message(rt.shown));
  }
}
