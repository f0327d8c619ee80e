/**
 * Entry of the hosted checkout page (`/frames/checkout`): an empty page under a strict CSP, so
 * everything is built here. Starts the bridge for kind `checkout`, shows the checkout on the first
 * `configure`, and serves `submit` (the inline variant's external pay button).
 */
import { checkoutEvents, checkoutRequests } from '../../protocol/checkout.js';
import { BridgeError } from '../../protocol/port.js';
import { startFrameBridge, type FrameBridge, type FrameHandlers } from '../bridge.js';
import { contentHeight, observeContentHeight } from '../resize.js';
import { watchEscape } from '../escape.js';
import { CheckoutPage } from './checkout-page.js';
import { pageGuard } from '../session-guard.js';

let page: CheckoutPage | undefined;
let loading: Promise<void> | undefined;
let bridge: FrameBridge<typeof checkoutEvents> | null = null;
let observing = false;
/** Refuses a page not in the session's `allowed_origins`, and a token of another session. */
const admit = pageGuard(() => bridge!.hostOrigin);

const handlers: FrameHandlers<typeof checkoutRequests> = {
  async configure(config) {
    await admit(config.clientToken);
    const { emit } = bridge!;
    if (page && page.clientToken === config.clientToken) {
      page.update(config);
      await loading;
    } else {
      // A new client token for the same session (a refreshed one): start again from nothing.
      page?.destroy();
      page = new CheckoutPage(document.body, config, { emit });
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
};

bridge = startFrameBridge({ kind: 'checkout', accepts: checkoutRequests, handlers, events: checkoutEvents });
watchEscape(document, () => bridge?.emit('escape', {}));
