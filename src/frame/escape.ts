/**
 * Escape inside a frame belongs to the host page too: a key pressed in the frame's document never
 * reaches the merchant's page, so a modal around the frame could not close on it. Each frame page
 * reports an Escape that nothing in the frame used as the `escape` event.
 */

/** Whether the control the key went to is using Escape itself (an open picker or suggestion list). */
function usedByControl(target: EventTarget | null): boolean {
  try {
    return target instanceof Element && target.matches('select:open, input[list]:open');
  } catch {
    // A browser without `:open`: a native picker there takes the key before the page sees it.
    return false;
  }
}

/** A 3-D Secure challenge is open in the frame: the challenge decides what Escape does. */
const challengeOpen = (doc: Document) => doc.querySelector('.mc-challenge') !== null;

/**
 * Calls `onEscape` for each Escape keydown in `doc` that nothing else used: not prevented by a
 * handler in the frame (the wallet sheet cancels itself on it), not taken by an open native
 * picker, not during a 3-D Secure challenge, not an IME composition. Returns a function that stops.
 */
export function watchEscape(doc: Document, onEscape: () => void): () => void {
  const view = doc.defaultView;
  if (!view) return () => {};
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    if (usedByControl(event.target) || challengeOpen(doc)) return;
    onEscape();
  };
  // Bubble phase on the window: every handler inside the page has had its chance first.
  view.addEventListener('keydown', onKeydown);
  return () => view.removeEventListener('keydown', onKeydown);
}
