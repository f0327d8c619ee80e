/**
 * Entry of the wallet frame page (`/frames/wallet`): an empty page under a strict CSP, so
 * everything is built here. Starts the bridge for kind `wallet`, renders the button, detects the
 * wallets on each `configure`, and reports payments as events.
 */
import { parse } from '../../protocol/messages.js';
import { walletEvents, walletRequests, type WalletEventName } from '../../protocol/wallet.js';
import { startFrameBridge, type FrameBridge } from '../bridge.js';
import { contentHeight, observeContentHeight } from '../resize.js';
import { WalletFrame, type WalletEventEmitter } from './wallet-frame.js';
import { watchEscape } from '../escape.js';
import { pageGuard } from '../session-guard.js';

let bridge: FrameBridge | null = null;

/** Only what the event's schema describes leaves the frame (unknown keys are stripped). */
const emit: WalletEventEmitter = (name, detail) => {
  const checked = parse(walletEvents[name as WalletEventName], detail);
  if (checked !== undefined) bridge?.emit(name, checked);
};

let frame: WalletFrame | undefined;
/** Refuses a page not in the session's `allowed_origins`, and a token of another session. */
const admit = pageGuard(() => bridge!.hostOrigin);

if (!document.title) document.title = 'Wallet payment';

bridge = startFrameBridge({
  kind: 'wallet',
  accepts: walletRequests,
  handlers: {
    async configure(config) {
      await admit(config.clientToken);
      if (!frame) {
        frame = new WalletFrame({ root: document.body, emit, ...(bridge ? { hostOrigin: bridge.hostOrigin } : {}) });
        // While the sheet is open the host shows the frame over the whole page: its height is not the content's.
        observeContentHeight(document.body, (height) => {
          if (!frame?.sheetOpen) emit('resize', { height });
        });
      }
      const availability = await frame.configure(config);
      return { height: contentHeight(document.body), ...availability };
    },
  },
});
watchEscape(document, () => emit('escape', {}));
