/** The checkout's states instead of the form: loading, redirecting to the bank, and how it ended. */
import { createElement } from '../dom.js';

export type StateKind = 'loading' | 'success' | 'failure' | 'expired' | 'error' | 'redirect';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ALERT = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z';
const ICON_PATHS: Readonly<Record<StateKind, string>> = {
  success: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4-7 7Z',
  failure: ALERT,
  expired: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm4.2 14.2L11 13V7h1.5v5.2l4.5 2.7-.8 1.3Z',
  error: ALERT,
  loading: 'M12 4a8 8 0 1 0 8 8h-2a6 6 0 1 1-6-6V4Z',
  redirect: 'M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1 14-4-4 1.4-1.4 2.6 2.6 5.6-5.6L18 9l-7 7Z',
};

/** Shows a state in `state`: icon, heading (focusable, `#state-heading`) and text. */
export function showState(state: HTMLElement, kind: StateKind, heading: string, text: string): void {
  const doc = state.ownerDocument;
  const icon = doc.createElementNS(SVG_NS, 'svg');
  icon.setAttribute('class', 'mc-state-icon');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS[kind]);
  path.setAttribute('fill', 'currentColor');
  icon.append(path);
  const title = createElement(doc, 'h2', 'mc-state-heading');
  title.id = 'state-heading';
  title.tabIndex = -1;
  title.textContent = heading;
  const paragraph = createElement(doc, 'p', 'mc-state-text');
  paragraph.textContent = text;
  state.dataset.state = kind;
  state.replaceChildren(icon, title, ...(text ? [paragraph] : []));
  state.hidden = false;
}
