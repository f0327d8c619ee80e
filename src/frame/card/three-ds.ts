/**
 * The 3-D Secure challenge, opened inside the card frame: a region with a heading and a nested
 * iframe on the frames origin. It is in the document flow, so the frame's content height grows
 * and the host resizes its iframe. Resolves when the challenge page posts `challenge-complete`.
 */
import { adoptStylesOnce } from '../adopt-styles.js';
import {
  CHALLENGE_OUTCOMES,
  CHALLENGE_WINDOW_SIZES,
  type ChallengeCompleteMessage,
  type ChallengeOutcome,
  type ChallengeWindowSize,
} from '../../protocol/api.js';
import { PROTOCOL } from '../../protocol/messages.js';
import { BridgeError } from '../../protocol/port.js';

export interface ChallengeOptions {
  /** Element the challenge region is inserted into (as its first child). */
  container: HTMLElement;
  url: string;
  windowSize: ChallengeWindowSize;
  paymentId: string;
  /** Origin the challenge page must come from; the frame's own origin. */
  origin?: string;
  /** The heading, the line under it and the bank page's accessible name, in the customer's language. */
  heading: string;
  text: string;
  frameTitle: string;
  signal?: AbortSignal;
}

/** Height used for size 05 ("full screen"), which fills the frame's width. */
export const FULL_CHALLENGE_HEIGHT = 600;

function isChallengeComplete(data: unknown, paymentId: string): data is ChallengeCompleteMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<ChallengeCompleteMessage>;
  return message.protocol === PROTOCOL && message.kind === 'challenge-complete' && message.paymentId === paymentId;
}

/** The answer the page reported, when it is one of the known ones. */
function outcomeOf(message: ChallengeCompleteMessage): ChallengeOutcome | undefined {
  return (CHALLENGE_OUTCOMES as readonly unknown[]).includes(message.outcome) ? message.outcome : undefined;
}

/** The challenge's look, in the fields' cascade layer; it comes with this module (a chunk the frames load when a bank asks). */
const CHALLENGE_CSS = `@layer mc{
.mc-challenge{display:flex;flex-direction:column;align-items:center;gap:8px;padding:8px 0}
.mc-challenge-heading{margin:0;font-size:1.125em;font-weight:600;outline:none}
.mc-challenge-text{margin:0;color:var(--moment-color-label,#45464f);font-size:.875em;text-align:center}
.mc-challenge-frame{box-sizing:border-box;max-width:100%;border:var(--moment-border-width,1px) solid var(--moment-color-border,#8e9099);border-radius:var(--moment-border-radius,6px);background:#fff}
}`;

/**
 * Opens the challenge and waits for the customer to answer it; resolves with the answer the page
 * reported (`cancelled` when the customer left the bank page), or `undefined` when it did not say.
 */
export function runChallenge(options: ChallengeOptions): Promise<ChallengeOutcome | undefined> {
  const origin = options.origin ?? location.origin;
  let url: URL | undefined;
  try {
    url = new URL(options.url, origin);
  } catch {
    // Not a URL: refused below.
  }
  if (url?.origin !== origin) {
    return Promise.reject(new BridgeError({ code: 'internal', message: 'The payment needs a verification that could not be opened.' }));
  }
  const doc = options.container.ownerDocument;
  const view = doc.defaultView ?? window;
  const root = options.container.getRootNode();
  if ('adoptedStyleSheets' in root) adoptStylesOnce(root as Document | ShadowRoot, CHALLENGE_CSS);

  const region = doc.createElement('section');
  region.className = 'mc-challenge';
  region.setAttribute('aria-labelledby', 'challenge-heading');
  const heading = doc.createElement('h2');
  heading.id = 'challenge-heading';
  heading.className = 'mc-challenge-heading';
  heading.tabIndex = -1;
  heading.textContent = options.heading;
  const text = doc.createElement('p');
  text.className = 'mc-challenge-text';
  text.textContent = options.text;
  const iframe = doc.createElement('iframe');
  iframe.className = 'mc-challenge-frame';
  iframe.id = 'challenge-frame';
  iframe.title = options.frameTitle;
  const size = CHALLENGE_WINDOW_SIZES[options.windowSize];
  if (size.width === 0) {
    iframe.style.width = '100%';
    iframe.style.height = `${FULL_CHALLENGE_HEIGHT}px`;
  } else {
    iframe.style.width = `${size.width}px`;
    iframe.style.height = `${size.height}px`;
  }
  iframe.src = url.href;
  region.append(heading, text, iframe);

  return new Promise<ChallengeOutcome | undefined>((resolve, reject) => {
    const finish = (error?: BridgeError, outcome?: ChallengeOutcome) => {
      view.removeEventListener('message', onMessage);
      options.signal?.removeEventListener('abort', onAbort);
      region.remove();
      if (error) reject(error);
      else resolve(outcome);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== iframe.contentWindow) return;
      if (isChallengeComplete(event.data, options.paymentId)) finish(undefined, outcomeOf(event.data));
    };
    const onAbort = () => finish(new BridgeError({ code: 'closed', message: 'The verification was closed.' }));
    if (options.signal?.aborted) return onAbort();
    view.addEventListener('message', onMessage);
    options.signal?.addEventListener('abort', onAbort);
    options.container.prepend(region);
    heading.focus();
  });
}
