/**
 * The host's half of the clickjacking defence: when a frame's paying button is clicked, the frame
 * asks whether its element is really seen on the merchant's page at that moment, and acts only
 * on a yes. Inside the frame nothing of the page can be seen without IntersectionObserver v2
 * (Chromium only); here, in the page, the element checks itself:
 * - the page is shown;
 * - the iframe and every ancestor up to the document, through shadow roots, are visible and fully
 *   opaque, with no filter, clip-path or mask, and no transform beyond a move;
 * - at the point clicked (the frame's centre for a keyboard activation) the topmost element is
 *   the iframe, with every element made hit-testable for the test, so a decoy laid over the frame
 *   with `pointer-events: none` counts as covering it.
 * What this cannot see: a cover inside a closed shadow root that keeps `pointer-events: none` in
 * its own styles. That is why a session's `allowed_origins` matters most: only the merchant's own
 * pages can embed the frames at all.
 */
import type { HIDDEN_REASONS } from '../protocol/messages.js';

export type HiddenReason = (typeof HIDDEN_REASONS)[number];
export type Seen = { visible: true } | { visible: false; reason: HiddenReason };

/** Makes every element hit-testable while the point is tested (a stylesheet; inline `!important` rules are overridden one by one). */
const HIT_TESTABLE = '*,*::before,*::after{pointer-events:auto!important}';

/** The parent across shadow roots (a shadow root's host), or null at the document. */
const composedParent = (node: Element): Element | null => {
  const parent = node.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
};

/** A computed transform that only moves (or none). */
const onlyMoves = (transform: string): boolean => {
  if (transform === 'none') return true;
  const values = /^matrix\(([^)]+)\)$/.exec(transform)?.[1]?.split(',').map(Number);
  return values !== undefined && values[0] === 1 && values[1] === 0 && values[2] === 0 && values[3] === 1;
};

/** Whether the styles of `iframe` and its ancestors let it be seen. */
function styleProblem(iframe: HTMLIFrameElement): HiddenReason | undefined {
  const view = iframe.ownerDocument.defaultView ?? window;
  if (view.getComputedStyle(iframe).visibility !== 'visible') return 'hidden';
  for (let node: Element | null = iframe; node; node = composedParent(node)) {
    const style = view.getComputedStyle(node);
    if (style.display === 'none') return 'hidden';
    if (Number(style.opacity) < 1) return 'transparent';
    const mask = style.getPropertyValue('mask-image') || style.getPropertyValue('-webkit-mask-image');
    if (style.filter !== 'none' || style.clipPath !== 'none' || (mask && mask !== 'none') || !onlyMoves(style.transform)) return 'effect';
    // A modal dialog (the checkout's) is in the top layer: its ancestors' effects do not reach it.
    if (node.matches(':modal, :popover-open')) break;
  }
  return undefined;
}

/** The topmost element at a point, through open shadow roots. */
function deepElementFromPoint(doc: Document, x: number, y: number): Element | null {
  let hit = doc.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** The document and every open shadow root in it. */
function allRoots(doc: Document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [doc];
  for (let i = 0; i < roots.length; i++) for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  return roots;
}

/** Whether `iframe` is the topmost element at the point, with pointer events restored everywhere for the test. */
function topmostAt(iframe: HTMLIFrameElement, x: number, y: number): boolean {
  const doc = iframe.ownerDocument;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(HIT_TESTABLE);
  const roots = allRoots(doc);
  const inline: [HTMLElement, string, string][] = [];
  for (const root of roots) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    for (const element of root.querySelectorAll<HTMLElement>('[style*="pointer-events"]')) {
      inline.push([element, element.style.getPropertyValue('pointer-events'), element.style.getPropertyPriority('pointer-events')]);
      element.style.setProperty('pointer-events', 'auto', 'important');
    }
  }
  try {
    const hit = deepElementFromPoint(doc, x, y);
    if (hit === iframe) return true;
    // The element inside a closed shadow root: the test cannot look in, and the root holds the element.
    for (let node: Element | null = iframe; node; node = composedParent(node)) {
      const parent = node.parentNode;
      if (parent instanceof ShadowRoot && parent.host === hit && !hit.shadowRoot) return true;
    }
    return false;
  } finally {
    for (const [element, value, priority] of inline) element.style.setProperty('pointer-events', value, priority);
    for (const root of roots) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
  }
}

/**
 * Whether `iframe` is seen at (`x`, `y`) of its viewport (`-1`: its centre), now. Fast enough to
 * run on each click: a few computed styles and one hit test.
 */
export function seenAt(iframe: HTMLIFrameElement | null | undefined, x: number, y: number): Seen {
  if (!iframe?.isConnected) return { visible: false, reason: 'hidden' };
  const doc = iframe.ownerDocument;
  if (doc.visibilityState !== 'visible') return { visible: false, reason: 'page-hidden' };
  const problem = styleProblem(iframe);
  if (problem) return { visible: false, reason: problem };
  const box = iframe.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return { visible: false, reason: 'hidden' };
  const px = x < 0 ? box.left + box.width / 2 : box.left + iframe.clientLeft + x;
  const py = y < 0 ? box.top + box.height / 2 : box.top + iframe.clientTop + y;
  return topmostAt(iframe, px, py) ? { visible: true } : { visible: false, reason: 'covered' };
}

/** What `answerVisibility` needs of a frame's port. */
interface VisibilityPort {
  request(method: 'visibility', params: { id: string; visible: boolean; reason?: HiddenReason }, timeoutMs: number): Promise<unknown>;
}

/** Answers a frame's `visibility-query` with what the page shows now. */
export function answerVisibility(
  port: VisibilityPort | undefined,
  iframe: HTMLIFrameElement | null | undefined,
  query: { id: string; x: number; y: number },
): void {
  const seen = seenAt(iframe, query.x, query.y);
  port?.request('visibility', { id: query.id, ...seen }, 5000).catch(() => undefined);
}
