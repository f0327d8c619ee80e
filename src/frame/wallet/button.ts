/**
 * Renders the wallet button: the wallet's mark alone (`plain`) or beside "Buy with", "Book
 * with", … in the customer's language, black or white. In Safari with Apple Pay, Apple's own
 * button (`-webkit-appearance: -apple-pay-button`) is drawn instead, which Apple requires and
 * which localizes itself from `lang`.
 */
import type { WalletButtonColor, WalletButtonType, WalletKind } from '../../protocol/wallet.js';
import { buttonLabel, WALLET_NAMES } from './labels.js';
import type { Translation, WalletKey } from '../i18n/index.js';

export interface ButtonState {
  /** The wallet the button starts; `undefined` when none is available. */
  wallet: WalletKind | undefined;
  color: WalletButtonColor;
  type: WalletButtonType;
  locale: string;
  texts: Pick<Translation, WalletKey>;
  disabled: boolean;
  busy: boolean;
  /** Availability is still being checked. */
  checking: boolean;
}

const APPLE_TYPES: Readonly<Record<WalletButtonType, string>> = {
  plain: 'plain',
  buy: 'buy',
  book: 'book',
  checkout: 'check-out',
  donate: 'donate',
  order: 'order',
};

const SVG = 'http://www.w3.org/2000/svg';

/** A small wallet glyph for the sandbox mark (the real wallets' marks are their own). */
function walletGlyph(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M4 6a3 3 0 0 1 3-3h11v3h1a2 2 0 0 1 2 2v10a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V6zm3-1a1 1 0 0 0 0 2h9V5H7zm10 8a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  );
  svg.append(path);
  return svg;
}

function supportsNativeApplePayButton(): boolean {
  return typeof CSS !== 'undefined' && CSS.supports('-webkit-appearance', '-apple-pay-button');
}

export function renderButton(button: HTMLButtonElement, state: ButtonState): void {
  const doc = button.ownerDocument;
  button.className = `mw-button mw-${state.color}`;
  button.style.removeProperty('-apple-pay-button-type');
  button.removeAttribute('aria-label');
  button.disabled = state.disabled || state.busy || state.checking || !state.wallet;
  button.setAttribute('aria-busy', String(state.busy || state.checking));
  button.dataset.wallet = state.wallet ?? 'none';
  button.dataset.type = state.type;
  button.lang = state.locale;

  if (!state.wallet) {
    if (!state.checking) button.classList.add('mw-unavailable');
    button.replaceChildren(doc.createTextNode(state.checking ? '…' : state.texts.walletUnavailable));
    if (state.checking) button.setAttribute('aria-label', state.texts.walletChecking);
    return;
  }
  const label = buttonLabel(state.texts, state.type, state.wallet);
  if (state.wallet === 'apple-pay' && supportsNativeApplePayButton()) {
    button.classList.add('mw-apple-native');
    button.style.setProperty('-apple-pay-button-type', APPLE_TYPES[state.type]);
    button.setAttribute('aria-label', label.name);
    button.replaceChildren();
    return;
  }
  const mark = doc.createElement('span');
  mark.className = 'mw-mark';
  if (state.wallet === 'sandbox') mark.append(walletGlyph(doc));
  mark.append(WALLET_NAMES[state.wallet]);
  const parts: Node[] = [];
  if (label.before) parts.push(Object.assign(doc.createElement('span'), { className: 'mw-label', textContent: label.before }));
  parts.push(mark);
  if (label.after) parts.push(Object.assign(doc.createElement('span'), { className: 'mw-label', textContent: label.after }));
  // Real spaces between the parts, so the text (and the accessible name) reads as words.
  button.replaceChildren(...parts.flatMap((part, i) => (i === 0 ? [part] : [doc.createTextNode(' '), part])));
  // `plain` shows only the mark, and a narrow button drops the words (as Apple's and Google's
  // do): the accessible name always says what the button does.
  button.setAttribute('aria-label', label.name);
}
