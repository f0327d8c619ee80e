/**
 * The language of an element: its own `lang`, else the closest ancestor's `lang` attribute
 * (crossing shadow roots, up to `<html lang>`), else the browser's language. Followed when any of
 * those attributes change, so a page that switches language switches the frames too.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

/** The closest `lang` that applies to `element`, as HTML's language rules, extended across shadow roots. */
export function resolveLocale(element: HTMLElement): string {
  // The element's own `lang` is a property (it may be set without the attribute).
  if (element.lang) return element.lang;
  for (let node: Element | null = element; node;) {
    const lang = node.closest('[lang]:not([lang=""])')?.getAttribute('lang');
    if (lang) return lang;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  // `<html lang>` was the last ancestor (a disconnected element has none and is resolved again on connect).
  return navigator.language;
}

/**
 * Keeps `value` equal to the host's resolved locale. On a change it asks the host to update with
 * `lang` marked changed (elements re-send their frame config on that), and calls `onChange`.
 */
export class LocaleController implements ReactiveController {
  /** Resolved when the host connects. */
  value = '';
  #observer?: MutationObserver;

  constructor(
    private readonly host: ReactiveElement,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Moved into another part of the page: it may speak another language there.
    this.#check();
    this.#observer = new MutationObserver(() => this.#check());
    // The document and every shadow root the element is inside: their `lang` attributes can change its language.
    const options = { attributeFilter: ['lang'], subtree: true };
    let root = this.host.getRootNode();
    for (; root instanceof ShadowRoot; root = root.host.getRootNode()) this.#observer.observe(root, options);
    this.#observer.observe(document.documentElement, options);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  /** The host's own `lang` may have changed: keep the value current before it renders. */
  hostUpdate(): void {
    this.#check();
  }

  /** Marks `lang` changed on the host (during an update, it joins that update) and tells `onChange`. */
  #check(): void {
    const previous = this.value;
    this.value = resolveLocale(this.host);
    if (this.value === previous) return;
    this.host.requestUpdate('lang', previous);
    this.onChange?.();
  }
}
