/**
 * One field on screen: label, control, and its error message, tied together for assistive
 * technology (`for`, `aria-describedby`, `aria-invalid`). The card fields, the checkout's
 * collected fields and the wallet sheet all build their fields with it.
 */
import { createElement } from '../dom.js';

export interface FieldOptions {
  id: string;
  /** Defaults to `id`. */
  name?: string;
  autocomplete: string;
  /** `select` builds a `<select>`; `email` also turns off spelling aids. Defaults to `text`. */
  type?: 'text' | 'email' | 'select';
  /** Digits only: numeric keyboard. */
  numeric?: boolean;
  /** Reads left to right in every language (card numbers, dates, codes, emails), also in `ar`. */
  ltr?: boolean;
  maxLength?: number;
  required?: boolean;
  /** Classes of the container besides `mc-field`. */
  className?: string;
  /** The message's "!" mark (the card fields' `validationIcon` style hook). */
  icon?: boolean;
}

export class FieldView<E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement> {
  readonly container: HTMLDivElement;
  readonly label: HTMLLabelElement;
  readonly control: HTMLDivElement;
  readonly input: E;
  readonly error: HTMLDivElement;
  readonly #text: HTMLElement;

  constructor(doc: Document, options: FieldOptions) {
    const { id, type = 'text' } = options;
    this.container = createElement(doc, 'div', `mc-field${options.className ? ` ${options.className}` : ''}`);
    this.label = createElement(doc, 'label', 'mc-label');
    this.label.htmlFor = id;
    this.control = createElement(doc, 'div', 'mc-control');
    const input = createElement(doc, type === 'select' ? 'select' : 'input', 'mc-input') as E;
    if (input instanceof HTMLInputElement) {
      input.type = type;
      if (options.maxLength) input.maxLength = options.maxLength;
      if (type === 'email' || options.numeric) {
        input.inputMode = options.numeric ? 'numeric' : 'email';
        input.spellcheck = false;
        input.autocapitalize = 'off';
        input.setAttribute('autocorrect', 'off');
      }
    }
    if (options.ltr || type === 'email') input.dir = 'ltr';
    input.id = id;
    input.name = options.name ?? id;
    input.autocomplete = options.autocomplete as AutoFill;
    if (options.required) input.setAttribute('aria-required', 'true');
    input.setAttribute('aria-invalid', 'false');
    this.input = input;
    this.error = createElement(doc, 'div', 'mc-error');
    this.error.id = `${id}-error`;
    this.error.hidden = true;
    this.#text = this.error;
    if (options.icon !== false) {
      const icon = createElement(doc, 'span', 'mc-error-icon');
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = '!';
      this.#text = createElement(doc, 'span', 'mc-error-text');
      this.error.append(icon, this.#text);
    }
    this.control.append(input);
    this.container.append(this.label, this.control, this.error);
  }

  /** The label stays on one line (the frame's height does not depend on its width): cut short, it shows the whole text on hover. */
  setLabel(text: string): void {
    this.label.textContent = text;
    this.label.title = text;
  }

  /** Shows a message (the field is invalid) or none. */
  showError(message: string | null): void {
    this.container.classList.toggle('is-error', message !== null);
    this.#text.textContent = message ?? '';
    this.error.hidden = message === null;
    this.input.setAttribute('aria-invalid', String(message !== null));
    if (message === null) this.input.removeAttribute('aria-describedby');
    else this.input.setAttribute('aria-describedby', this.error.id);
  }

  /**
   * Visible by default (WCAG 1.4.1, 3.3.1); a message hidden by config stays in the accessibility
   * tree, named by `aria-describedby` and announced, but takes no room.
   */
  hideMessage(hidden: boolean): void {
    this.error.classList.toggle('mc-visually-hidden', hidden);
  }
}
