/**
 * Entry of the checkout page (`/frames/checkout`, and the hosted `/checkout/{session id}`): an
 * empty page under a strict CSP, so everything is built here.
 *
 * Framed (inside `<moment-checkout>`): starts the bridge for kind `checkout`, shows the checkout on
 * the first `configure`, and serves `submit` (the inline variant's external pay button).
 * Top-level (a redirect, a new tab, a mobile WebView): there is no host to talk to, so no bridge;
 * the page is the hosted checkout for the client token in its URL's fragment (hosted.ts).
 */
import { checkoutEvents, checkoutRequests } from '../../protocol/checkout.js';
import { BridgeError } from '../../protocol/port.js';
import { startFrameBridge, type FrameBridge, type FrameHandlers } from '../bridge.js';
import { contentHeight, observeContentHeight } from '../resize.js';
import { watchEscape } from '../escape.js';
import { CheckoutPage } from './checkout-page.js';
import { pageGuard } from '../session-guard.js';
import { connectHostVisibility } from '../visibility.js';

let page: CheckoutPage | undefined;
let loading: Promise<void> | undefined;
let bridge: FrameBridge<typeof checkoutEvents> | null = null;
let observing = false;
/** Refuses a page not in the session's `allowed_origins`, and a token of another session. */
const admit = pageGuard(() => bridge!.hostOrigin);

const handlers: FrameHandlers<typeof checkoutRequests> = {
  async configure(config) {
    await admit(config.clientToken);
    const { emit, hostOrigin } = bridge!;
    if (page && page.clientToken === config.clientToken) {
      page.update(config);
      await loading;
    } else {
      // A new client token for the same session (a refreshed one): start again from nothing.
      page?.destroy();
      page = new CheckoutPage(document.body, config, { emit, hostOrigin });
      loading = page.load();
      if (!observing) {
        observing = true;
        observeContentHeight(document.body, (height) => emit('resize', { height }));
      }
      await loading;
    }
    return { height: contentHeight(document.body) };
  },
  submit() {
    if (!page) throw new BridgeError({ code: 'not_configured', message: 'The checkout has not been configured yet.' });
    return page.submit();
  },
  visibility: (answer) => hostAnswer?.(answer) ?? null,
};
/** Framed only: the host checks, at each click on Pay, that the checkout is seen on the page. Top-level there is no page to hide it in. */
let hostAnswer: ((answer: { id: string; visible: boolean }) => null) | undefined;

if (window.top === window) {
  // No parent frame: the frame-ancestors and origin rules of the framed checkout have no host to
  // check; what pays is the client token in the URL, for the session in the path.
  // The hosted page's code is a chunk beside the bundle: a framed checkout never loads it.
  import('./hosted.js').then(
    ({ startHostedCheckout }) => startHostedCheckout(document),
    () => {
      document.body.textContent = 'The checkout could not be loaded. Check your connection and reload this page.';
    },
  );
} else {
  hostAnswer = connectHostVisibility((query) => bridge?.emit('visibility-query', query));
  bridge = startFrameBridge({ kind: 'checkout', accepts: checkoutRequests, handlers, events: checkoutEvents });
  watchEscape(document, () => bridge?.emit('escape', {}));
}
