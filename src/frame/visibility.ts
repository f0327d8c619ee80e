/**
 * Clickjacking defence for the buttons that pay. A page may show a frame at `opacity: 0` or
 * under a decoy and catch a click meant for something else. A guarded button acts only while it
 * is really seen:
 * - where the browser has IntersectionObserver v2 (`trackVisibility`), only while its latest
 *   entry says `isVisible` (no opacity, filter, transform or content of any document over it,
 *   the embedding page's included) and intersecting;
 * - everywhere, only while the frame's document is visible, the button and its ancestors in
 *   the frame are fully opaque and visible, and the click lands on the button itself
 *   (`elementFromPoint`; the button's centre for a keyboard click).
 * Without v2 the embedding page's own styles cannot be seen from inside the frame: the frame asks
 * the host element instead (`visibility-query`), which checks itself on the page at that moment
 * (src/core/visibility.ts), and acts only on a yes that came for this click. The frame's own
 * checks stay. A button that must start a wallet's sheet inside the click asks on `pointerdown`,
 * so the answer is usually there by the `click`; otherwise the click waits for it.
 *
 * v2 reports at most every `delay` ms, so its verdict can lag a layout change (the host showing
 * the frame as an overlay, a modal's opening). `check()` waits for the next report when the last
 * one said "not visible"; `allows()` answers at once, for a click that must start a wallet sheet
 * synchronously.
 */

/** What a refused click shows and announces. */
export const COVERED_MESSAGE = 'This payment button is covered or hidden, so it did nothing. Make sure it is fully visible and try again.';

/** Minimum time between visibility notifications the v2 observer accepts (ms). */
export const VISIBILITY_DELAY_MS = 100;

/**
 * How long `check()` waits for a "not visible" verdict to turn (ms). Generous: a busy device can
 * report a just-shown frame late, and waiting longer only delays the refusal of a hidden click.
 */
export const VISIBILITY_WAIT_MS = 2000;

/** Whether this browser reports occlusion and visual effects to IntersectionObserver (v2). */
export function supportsVisibilityTracking(view: Window = window): boolean {
  const { IntersectionObserver: Observer, IntersectionObserverEntry: Entry } = view as ObserverWindow;
  return typeof Observer === 'function' && typeof Entry === 'function' && 'isVisible' in Entry.prototype;
}

type ObserverWindow = Window & {
  IntersectionObserver?: typeof IntersectionObserver;
  IntersectionObserverEntry?: typeof IntersectionObserverEntry;
};

interface V2Entry extends IntersectionObserverEntry {
  readonly isVisible?: boolean;
}

/** How long a frame waits for the host's answer before it refuses the click (ms). */
export const HOST_ANSWER_MS = 1500;
/** How long an answer asked for on `pointerdown` stands for the click that follows (ms). */
const PREFETCH_MS = 1000;

type AskHost = (x: number, y: number) => Promise<boolean>;
interface EarlyAnswer {
  at: number;
  answer: Promise<boolean>;
  visible?: boolean;
}
/** The host's check, once the frame's entry connected it; none in a frame without a host. */
let askHost: AskHost | undefined;

/**
 * Connects the guards of this frame to its host: `query` sends a `visibility-query`; the returned
 * function is the handler of the host's `visibility` answer. An answer that does not come within
 * `HOST_ANSWER_MS` is a no.
 */
export function connectHostVisibility(query: (detail: { id: string; x: number; y: number }) => void): (answer: { id: string; visible: boolean }) => null {
  const pending = new Map<string, (visible: boolean) => void>();
  let next = 0;
  askHost = (x, y) =>
    new Promise<boolean>((resolve) => {
      const id = `v${Date.now().toString(36)}${(next++).toString(36).padStart(4, '0')}`;
      const settle = (visible: boolean) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(visible);
      };
      const timer = setTimeout(() => settle(false), HOST_ANSWER_MS);
      pending.set(id, settle);
      query({ id, x: Math.max(-1, Math.round(x)), y: Math.max(-1, Math.round(y)) });
    });
  return ({ id, visible }) => {
    pending.get(id)?.(visible === true);
    return null;
  };
}

export interface VisibilityGuardOptions {
  /** Use IntersectionObserver v2 where supported (default); `false` keeps to the other checks. */
  trackVisibility?: boolean;
}

export class VisibilityGuard {
  readonly #observer: IntersectionObserver | undefined;
  /** The latest v2 verdict; `undefined` until the first entry. */
  #visible: boolean | undefined;
  #wake: (() => void) | undefined;
  /** The host's answer asked for on the last `pointerdown` (no v2 only). */
  #early: EarlyAnswer | undefined;

  constructor(
    readonly element: HTMLElement,
    options: VisibilityGuardOptions = {},
  ) {
    const view = (element.ownerDocument.defaultView ?? window) as ObserverWindow;
    if (options.trackVisibility !== false && supportsVisibilityTracking(view)) {
      this.#observer = new view.IntersectionObserver!((entries) => this.#record(entries), {
        threshold: [0, 1],
        trackVisibility: true,
        delay: VISIBILITY_DELAY_MS,
      } as IntersectionObserverInit);
      this.#observer.observe(element);
    } else {
      element.addEventListener('pointerdown', (event) => {
        if (!askHost) return;
        const early: EarlyAnswer = { at: Date.now(), answer: askHost(...this.#point(event)) };
        void early.answer.then((visible) => (early.visible = visible));
        this.#early = early;
      });
    }
  }

  /** Whether v2 is in use for this element. */
  get tracking(): boolean {
    return this.#observer !== undefined;
  }

  /**
   * Whether a click (or an activation without one) on the element may act now, without waiting:
   * with v2, on its verdict; without, only on the host's yes to this click's `pointerdown`.
   */
  allows(event?: MouseEvent | null): boolean {
    if (!(this.#seen() && this.#shownInFrame() && this.#pointIsOnElement(event))) return false;
    if (this.#observer || !askHost) return true;
    const early = this.#early;
    return early !== undefined && Date.now() - early.at < PREFETCH_MS && early.visible === true;
  }

  /**
   * Like `allows()`, but when v2's last verdict was "not visible", waits for its next report
   * (at most `VISIBILITY_WAIT_MS`: Chromium also reports a cross-origin frame that has just
   * moved as not visible for a moment) before refusing. The point and styles are checked at once.
   */
  async check(event?: MouseEvent | null): Promise<boolean> {
    if (!this.#shownInFrame() || !this.#pointIsOnElement(event)) return false;
    if (!this.#observer) {
      if (!askHost) return true;
      // Without v2: the host's answer for this click, asked on its pointerdown, or now.
      const early = this.#early;
      return early && Date.now() - early.at < PREFETCH_MS ? early.answer : askHost(...this.#point(event));
    }
    if (this.#seen()) return true;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      setTimeout(resolve, VISIBILITY_WAIT_MS);
    });
    return this.#seen();
  }

  disconnect(): void {
    this.#observer?.disconnect();
    this.#wake?.();
  }

  /** v2's verdict, with any report not yet delivered; `true` where there is no v2. */
  #seen(): boolean {
    if (!this.#observer) return true;
    this.#record(this.#observer.takeRecords());
    return this.#visible === true;
  }

  #record(entries: IntersectionObserverEntry[]): void {
    const last = entries.at(-1) as V2Entry | undefined;
    if (!last) return;
    this.#visible = last.isVisible === true && last.isIntersecting;
    this.#wake?.();
  }

  /** The document is shown, and the element and its ancestors in it are opaque and visible. */
  #shownInFrame(): boolean {
    const doc = this.element.ownerDocument;
    const view = doc.defaultView;
    if (!view || doc.visibilityState !== 'visible' || view.getComputedStyle(this.element).visibility !== 'visible') return false;
    for (let node: Element | null = this.element; node; node = node.parentElement) {
      const style = view.getComputedStyle(node);
      if (style.display === 'none' || Number(style.opacity) < 1) return false;
    }
    return true;
  }

  /** The point clicked, or the element's centre for a keyboard activation, in the frame's viewport. */
  #point(event?: MouseEvent | PointerEvent | null): [number, number] {
    const box = this.element.getBoundingClientRect();
    const fromPointer = event && (event.type === 'pointerdown' || event.detail > 0) && (event.clientX !== 0 || event.clientY !== 0);
    return fromPointer ? [event.clientX, event.clientY] : [box.left + box.width / 2, box.top + box.height / 2];
  }

  /** The point clicked (or the element's centre, for a keyboard activation) is on the element. */
  #pointIsOnElement(event?: MouseEvent | null): boolean {
    const hit = this.element.ownerDocument.elementFromPoint(...this.#point(event));
    return hit !== null && (hit === this.element || this.element.contains(hit));
  }
}

/** What a paying button asks before it acts; tests can pass their own. */
export interface ClickGuard {
  allows(event?: MouseEvent | null): boolean;
  check(event?: MouseEvent | null): Promise<boolean>;
  disconnect(): void;
}

/** The default guard of a paying button. */
export const guardClicks = (element: HTMLElement): ClickGuard => new VisibilityGuard(element);
