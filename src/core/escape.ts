/**
 * Escape pressed inside a secure frame never reaches the page: key events stay in the frame's
 * document. The frame tells the element, and the element replays it as a `keydown` on itself, so
 * the page's own dialogs and menus that close on Escape keep working around our fields.
 */
export function replayEscape(host: HTMLElement): void {
  host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, composed: true, cancelable: true }));
}
