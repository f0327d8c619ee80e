/**
 * Entry of the wallet frame page (`/frames/wallet`): an empty page under a strict CSP, so
 * everything is built here. Starts the bridge for kind `wallet`, renders the button, detects the
 * wallets on each `configure`, and reports payments as events.
 */
import { walletEvents, walletRequests } from '../../protocol/wallet.js';
import { startFrameBridge, type FrameBridge } from '../bridge.js';
import { BridgeError } from '../../protocol/port.js';
import { contentHeight, observeContentHeight } from '../resize.js';
import { WalletFrame } from './wallet-frame.js';
import { watchEscape } from '../escape.js';
import { pageGuard } from '../session-guard.js';
import { connectHostVisibility } from '../visibility.js';

let bridge: FrameBridge<typeof walletEvents> | null = null;

let frame: WalletFrame | undefined;
/** Refuses a page not in the session's `allowed_origins`, and a token of another session. */
const admit = pageGuard(() => bridge!.hostOrigin);
/** The host checks, at each click on the button or the sheet's Pay, that it is seen on the page. */
const hostAnswer = connectHostVisibility((query) => bridge?.emit('visibility-query', query));

bridge = startFrameBridge({
  kind: 'wallet',
  accepts: walletRequests,
  events: walletEvents,
  handlers: {
    async configure(config) {
      await admit(config.clientToken);
      if (!frame) {
        const { emit, hostOrigin } = bridge!;
        frame = new WalletFrame({ root: document.body, emit, hostOrigin });
        // While the sheet is open the host shows the frame over the whole page: its height is not the content's.
        observeContentHeight(document.body, (height) => {
          if (!frame?.sheetOpen) emit('resize', { height });
        });
      }
      const availability = await frame.configure(config);
      return { height: contentHeight(document.body), ...availability };
    },
    paymentStatus() {
      if (!frame) throw new BridgeError({ code: 'not_configured', message: 'The wallet frame has not been configured yet.' });
      return frame.paymentStatus();
    },
    visibility: hostAnswer,
  },
});
watchEscape(document, () => bridge?.emit('escape', {}));
