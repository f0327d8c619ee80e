/**
 * The language of an element: its own `lang`, else the closest ancestor's `lang` attribute
 * (crossing shadow roots), else `<html lang>`, else the browser's language. Followed when any of
 * those attributes change, so a page that switches language switches the frames too.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

/** The closest `lang` that applies to `element`, as HTML's language rules, extended across shadow roots. */
export function resolveLocale(element: Element): string {
  // The element's own `lang` is a property (it may be set without the attribute).
  if (element instanceof HTMLElement && element.lang) return element.lang;
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    const parent: Element | null = node.parentElement;
    if (parent) node = parent;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return document.documentElement.lang || navigator.language || 'en';
}

/** The roots whose `lang` attributes can change an element's language: the document and every shadow root it is inside. */
function rootsAbove(element: Element): Node[] {
  const roots: Node[] = [];
  let root = element.getRootNode();
  while (root instanceof ShadowRoot) {
    roots.push(root);
    root = root.host.getRootNode();
  }
  roots.push(document.documentElement);
  return roots;
}

/**
 * Keeps `value` equal to the host's resolved locale. On a change from an ancestor it asks the host
 * to update with `lang` marked changed (elements re-send their frame config on that), then calls `onChange`.
 */
export class LocaleController implements ReactiveController {
  value: string;
  private observer?: MutationObserver;

  constructor(
    private readonly host: ReactiveElement,
    private readonly onChange?: (locale: string) => void,
  ) {
    this.value = resolveLocale(host);
    host.addController(this);
  }

  hostConnected(): void {
    this.value = resolveLocale(this.host);
    this.observer = new MutationObserver(() => this.refresh());
    for (const root of rootsAbove(this.host)) this.observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** The host's own `lang` changed (or anything else): keep the value current before it renders. */
  hostUpdate(): void {
    const next = resolveLocale(this.host);
    if (next === this.value) return;
    this.value = next;
    this.onChange?.(next);
  }

  private refresh(): void {
    const previous = this.value;
    const next = resolveLocale(this.host);
    if (next === previous) return;
    this.value = next;
    this.host.requestUpdate('lang', previous);
    this.onChange?.(next);
  }
}
