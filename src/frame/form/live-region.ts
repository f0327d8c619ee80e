import { createElement } from '../dom.js';

/** One polite live region per form: what changed is said once, without moving focus. */
export class LiveRegion {
  readonly element: HTMLDivElement;

  /** Hidden by default; a visible status line (the wallet sheet's) passes its own class. */
  constructor(doc: Document, className = 'mc-visually-hidden') {
    this.element = createElement(doc, 'div', className);
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.element.setAttribute('aria-atomic', 'true');
  }

  /** The same text twice still announces (a no-break space toggles). Blank says nothing. */
  announce(text: string): void {
    if (!text) return;
    this.element.textContent = this.element.textContent === text ? `${text}\u00a0` : text;
  }
}
