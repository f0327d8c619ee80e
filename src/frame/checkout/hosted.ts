/**
 * The checkout page opened top-level, with no merchant page around it: a redirect to the hosted
 * checkout (`/checkout/{session id}#token=…`), a new tab, a mobile WebView. There is no bridge and
 * no host: the client token comes from the URL's fragment, the language from the browser, and the
 * end of the session navigates the page itself to the merchant's `success_url` or `cancel_url`.
 */
import { HOSTED_CHECKOUT_PATH } from '../../protocol/api.js';
import type { CheckoutFrameConfig } from '../../protocol/checkout.js';
import { tokenSessionId } from '../token.js';
import { createElement } from '../dom.js';
import { FrameTexts, type CheckoutKey } from '../i18n/index.js';
import { CHECKOUT_CSS } from './styles.js';
import { showState } from './end-state.js';
import { CheckoutPage } from './checkout-page.js';

/** What the page's URL gives: a client token to use, or why there is none. */
export type HostedLink = { ok: true; clientToken: string } | { ok: false; problem: 'missing' | 'invalid' };

/**
 * Reads `#token=…` and checks it against the session id of a `/checkout/{id}` path (any other
 * path, such as `/frames/checkout`, has no id to check, unless its `?session=` names one). A token
 * that names no session, or another session than the URL, is refused before anything is asked of
 * the API.
 */
export function readHostedLink(pathname: string, hash: string, search = ''): HostedLink {
  const clientToken = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).get('token');
  if (!clientToken) return { ok: false, problem: 'missing' };
  const sid = tokenSessionId(clientToken);
  if (!sid) return { ok: false, problem: 'invalid' };
  // A frame URL bound to a session (`/frames/checkout?session=…`) keeps that binding top-level too.
  const bound = new URLSearchParams(search).get('session');
  if (bound !== null && bound !== sid) return { ok: false, problem: 'invalid' };
  const prefix = `${HOSTED_CHECKOUT_PATH}/`;
  if (pathname.startsWith(prefix)) {
    let pathId: string;
    try {
      pathId = decodeURIComponent(pathname.slice(prefix.length).replace(/\/$/, ''));
    } catch {
      return { ok: false, problem: 'invalid' };
    }
    if (pathId !== sid) return { ok: false, problem: 'invalid' };
  }
  return { ok: true, clientToken };
}

/**
 * The page around the checkout when it is the whole page: a phone's full width first, a centred
 * card on a grey page from 600 px. Only the hosted page loads it (this module is a chunk of its own).
 */
export const HOSTED_CSS = `
.mc-cancel{align-self:center;min-height:44px;margin:-8px 0 0;padding:8px 16px;font:inherit;color:var(--moment-color-primary,#0b63ce);background:none;border:0;text-decoration:underline;cursor:pointer}
.mc-cancel[hidden]{display:none}
.mc-cancel:focus-visible,.mc-state-link:focus-visible{outline:3px solid var(--moment-color-primary,#0b63ce);outline-offset:2px}
:root.mc-hosted,:root.mc-hosted>body{background:#f3f4f7;min-height:100%}
:root.mc-hosted .mc-checkout{padding:24px 16px 32px}
:root.mc-hosted .mc-state-link{display:inline-flex;align-items:center;min-height:44px}
@media (min-width:600px){:root.mc-hosted .mc-checkout{max-width:480px;margin:48px auto;padding:32px;background:var(--moment-color-background,#fff);border-radius:12px;box-shadow:0 1px 3px rgb(0 0 0 / 10%),0 8px 28px rgb(0 0 0 / 8%)}}
@media (max-width:599.98px){:root.mc-hosted,:root.mc-hosted>body{background:var(--moment-color-background,#fff)}}
`;

export interface HostedCheckoutOptions {
  /** Navigates the top page (`location.assign`); tests pass their own. */
  navigate?: (url: string) => void;
  /** The customer's languages; defaults to the browser's. */
  languages?: readonly string[];
}

/** The browser's first language: the locale resolver maps it to a dictionary (`de-AT` → `de`). */
const browserLocale = (languages: readonly string[] | undefined) => (languages ?? navigator.languages ?? [navigator.language]).find(Boolean) ?? 'en';

/**
 * Shows the hosted checkout in `doc` for the token in its URL, or a clear message when the URL
 * has none that can be used. Never leaves the page blank.
 */
export function startHostedCheckout(doc: Document, options: HostedCheckoutOptions = {}): CheckoutPage | null {
  doc.documentElement.classList.add('mc-hosted');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(HOSTED_CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  const locale = browserLocale(options.languages);
  const location = doc.location;
  const link = readHostedLink(location.pathname, location.hash, location.search);
  if (!link.ok) {
    showLinkProblem(doc, link.problem, locale);
    return null;
  }
  const config: CheckoutFrameConfig = { clientToken: link.clientToken, variant: 'inline', themeVariables: {}, locale, hidePayButton: false };
  const page = new CheckoutPage(doc.body, config, {
    // Nothing listens: the hosted page itself acts on the outcome (see `hosted` below).
    emit: () => {},
    hosted: { navigate: options.navigate ?? ((url) => location.assign(url)) },
  });
  void page.load();
  return page;
}

/** The page for a URL without a usable token: a heading and what to do, in the customer's language. */
export function showLinkProblem(doc: Document, problem: 'missing' | 'invalid', locale: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CHECKOUT_CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  const main = createElement(doc, 'main', 'mc-checkout');
  const title = createElement(doc, 'h1', 'mc-title');
  title.textContent = 'Checkout';
  const state = createElement(doc, 'div', 'mc-state');
  main.append(title, state);
  doc.body.append(main);
  const texts: FrameTexts<CheckoutKey> = new FrameTexts<CheckoutKey>(null, () => {
    const t = texts.t;
    if (!t.linkMissingHeading) return;
    doc.documentElement.lang = texts.intl;
    doc.documentElement.dir = t.dir;
    showState(
      state,
      'error',
      problem === 'missing' ? t.linkMissingHeading : t.linkInvalidHeading,
      problem === 'missing' ? t.linkMissingText : t.linkInvalidText,
    );
    title.textContent = t.checkoutTitle;
  });
  // The English words arrive with the dictionary; until then (or if it cannot load) the page says it in English.
  if (problem === 'missing')
    showState(
      state,
      'error',
      'This payment link is incomplete',
      'Open the link exactly as the merchant gave it, or go back to the merchant and start the payment again.',
    );
  else
    showState(
      state,
      'error',
      'This payment link is not valid',
      'It may be out of date or belong to another payment. Go back to the merchant and start the payment again.',
    );
  void texts.set(locale);
}
