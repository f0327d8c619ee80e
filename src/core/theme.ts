/**
 * Reads the `--moment-*` theme variables from an element's computed style, drops values that
 * would not pass the frame's filter, and reports changes (a dark-mode switch, a class on
 * `<html>`, a media query) through a zero-length transition on the variables themselves.
 */
import { css, unsafeCSS, type ReactiveController, type ReactiveElement } from '@lit/reactive-element';
import { THEME_VARIABLES } from '../protocol/card.js';
import { isSafeCssValue } from '../protocol/style-policy.js';

/**
 * Styles an element needs for change detection: a discrete transition on each variable makes
 * the browser fire `transitionrun` whenever its computed value changes.
 */
export const themeTransitionStyles = css`
  :host {
    transition-property: ${unsafeCSS(THEME_VARIABLES.join(', '))};
    transition-duration: 1ms;
    transition-behavior: allow-discrete;
  }
`;

export class ThemeController implements ReactiveController {
  /** Current sanitized values, by variable name. */
  values: Record<string, string> = {};
  #scheme: MediaQueryList | undefined;

  constructor(
    private readonly host: ReactiveElement,
    /** The variables to read; the card's set unless an element needs others (the wallet's radius). */
    private readonly variables: readonly string[] = THEME_VARIABLES,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.values = this.#read();
    this.host.addEventListener('transitionrun', this.refresh);
    this.#scheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.#scheme.addEventListener('change', this.refresh);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('transitionrun', this.refresh);
    this.#scheme?.removeEventListener('change', this.refresh);
  }

  /** Reads the variables again and reports them if any changed. */
  readonly refresh = (): void => {
    const next = this.#read();
    const keys = new Set([...Object.keys(next), ...Object.keys(this.values)]);
    if ([...keys].some((k) => next[k] !== this.values[k])) {
      this.values = next;
      // The element's frame config changed: the frame controller sends it after the update.
      this.host.requestUpdate();
    }
  };

  #read(): Record<string, string> {
    const computed = getComputedStyle(this.host);
    const values: Record<string, string> = {};
    for (const name of this.variables) {
      const value = computed.getPropertyValue(name).trim();
      if (!value) continue;
      if (isSafeCssValue(value)) values[name] = value;
      else console.warn(`Moment Elements: ignored ${name}: its value is not allowed in the secure frame.`);
    }
    return values;
  }
}
