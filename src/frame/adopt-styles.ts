/**
 * Adds a stylesheet to a document or shadow root, once per root and text: for code that brings
 * its own look with it (a chunk a frame loads only when needed).
 */
const adopted = new WeakMap<Document | ShadowRoot, Set<string>>();

export function adoptStylesOnce(root: Document | ShadowRoot, css: string): void {
  let done = adopted.get(root);
  if (!done) adopted.set(root, (done = new Set()));
  if (done.has(css)) return;
  done.add(css);
  const doc = root instanceof ShadowRoot ? root.ownerDocument : root;
  const sheet = new (doc.defaultView ?? window).CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
