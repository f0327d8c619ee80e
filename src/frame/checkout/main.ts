/**
 * Entry of the hosted checkout page (`/frames/checkout`): an empty page under a strict CSP, so
 * everything is built here. Starts the bridge for kind `checkout`, shows the checkout on the first
 * `configure`, and serves `submit` (the inline variant's external pay button).
 */
import { checkoutEvents, checkoutRequests, type CheckoutEventName } from '../../protocol/checkout.js';
import { parse } from '../../protocol/messages.js';
import { BridgeError } from '../../protocol/port.js';
import { startFrameBridge, type FrameBridge, type FrameHandlers } from '../bridge.js';
import { contentHeight, observeContentHeight } from '../resize.js';
import { CheckoutPage, type CheckoutEmitter } from './checkout-page.js';

let page: CheckoutPage | undefined;
let loading: Promise<void> | undefined;
let bridge: FrameBridge | null = null;
let observing = false;

/** Only what the event's schema describes leaves the frame (unknown keys are stripped). */
const emit: CheckoutEmitter = (name, detail) => {
  const checked = parse(checkoutEvents[name as CheckoutEventName], detail);
  if (checked !== undefined) bridge?.emit(name, checked);
};

const handlers: FrameHandlers<typeof checkoutRequests> = {
  async configure(config) {
    if (page && page.clientToken === config.clientToken) {
      page.update(config);
      await loading;
    } else {
      // A new client token is a new session: start again from nothing.
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

bridge = startFrameBridge({ kind: 'checkout', accepts: checkoutRequests, handlers });
