/**
 * Entry of the card frame page (`/frames/card`): an empty page under a strict CSP, so everything
 * is built here. Starts the bridge for kind `card`, renders the fields on the first `configure`,
 * and serves the card requests of the protocol.
 */
import { cardEvents, cardRequests, type CardRequestParams } from '../../protocol/messages.js';
import { BridgeError } from '../../protocol/port.js';
import { startFrameBridge, type FrameBridge, type FrameHandlers } from '../bridge.js';
import { contentHeight, observeContentHeight } from '../resize.js';
import { watchEscape } from '../escape.js';
import { CardFields } from './card-fields.js';
import { pageGuard } from '../session-guard.js';
import { FRAME_PAGE_CSS, hasMerchantStyling, type MerchantStyling } from './styles.js';

let fields: CardFields | undefined;
let merchant: typeof import('./merchant-styles.js') | undefined;
/** The merchant's styling once its chunk is in; nothing to apply before. */
const merchantStyling: MerchantStyling = (config) => merchant?.merchantStyling(config) ?? { css: '', fonts: [] };
let bridge: FrameBridge<typeof cardEvents> | null = null;
/** Refuses a page not in the session's `allowed_origins`, and a token of another session. */
const admit = pageGuard(() => bridge!.hostOrigin);

const requireFields = (): CardFields => {
  if (!fields) throw new BridgeError({ code: 'not_configured', message: 'The card frame has not been configured yet.' });
  return fields;
};

const handlers: FrameHandlers<typeof cardRequests> = {
  async configure(config: CardRequestParams<'configure'>) {
    await admit(config.clientToken);
    // The CSS allowlist comes only with styles or fonts to apply (most pages pass none).
    merchant ??= hasMerchantStyling(config) ? await import('./merchant-styles.js') : undefined;
    if (fields) fields.setConfig(config);
    else {
      const page = new CSSStyleSheet();
      page.replaceSync(FRAME_PAGE_CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
      const { emit } = bridge!;
      fields = new CardFields(document.body, config, { emit, merchantStyling });
      observeContentHeight(document.body, (height) => emit('resize', { height }));
    }
    const refused = merchant?.refusedStyling(config, location.origin) ?? [];
    return { height: contentHeight(document.body), ...(refused.length ? { refused } : {}) };
  },
  focus({ field }) {
    requireFields().focus(field);
    return null;
  },
  clear() {
    requireFields().clear();
    return null;
  },
  validate() {
    return requireFields().validate();
  },
  executePayment(params) {
    return requireFields().executePayment(params);
  },
  paymentStatus() {
    return requireFields().paymentStatus();
  },
};

bridge = startFrameBridge({ kind: 'card', accepts: cardRequests, handlers, events: cardEvents });
watchEscape(document, () => bridge?.emit('escape', {}));
