// The clickjacking guard where the frame cannot see the page (no IntersectionObserver v2: Firefox,
// WebKit). The sandbox serves the frame pages without v2, so the real frames take the path those
// engines take: at each click on a paying button, the frame asks its element, which checks itself
// on the page (opacity, visibility, effects, what is on top at the point), and acts only on a yes.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import type { WalletButton } from '../../src/elements/wallet-button/wallet-button.component.js';
import { COVERED_MESSAGE } from '../../src/frame/visibility.js';
import {
  TEST_KEY,
  clickUntil,
  createSession,
  emulateVisibilityTracking,
  frameClick,
  frameEval,
  getSession,
  quietWindow,
  record,
  typeInFrame,
  until,
} from '../support/helpers.js';
import { BUTTON, SHEET, readyWallet } from '../wallet-button/helpers.js';

const refusal = (frame: string) => frameEval<string>(frame, "return document.querySelector('.mw-refusal').textContent");
const sheetShown = (frame: string) => frameEval<boolean>(frame, `return !!document.querySelector('${SHEET}')`);

/** Clicks the wallet button until it says it was refused; the sheet never opens and nothing starts. */
async function expectRefused(el: WalletButton, frame: string): Promise<void> {
  const events = record(el, ['payment-initiated']);
  await clickUntil(frame, BUTTON, async () => (await refusal(frame)) === COVERED_MESSAGE);
  await quietWindow(300);
  expect(await sheetShown(frame)).to.equal(false);
  expect(events).to.deep.equal([]);
}

describe('clickjacking guard without IntersectionObserver v2: the host checks itself at each click', () => {
  before(() => emulateVisibilityTracking(false));
  after(() => emulateVisibilityTracking(true));

  it('the frames really run without v2 here', async () => {
    const { frame } = await readyWallet();
    expect(await frameEval<boolean>(frame, "return 'isVisible' in IntersectionObserverEntry.prototype")).to.equal(false);
  });

  it('<wallet-button style="opacity:0">: the click opens no sheet and charges nothing', async () => {
    const { el, frame, session } = await readyWallet();
    el.style.opacity = '0';
    await expectRefused(el, frame);
    expect((await getSession(session.id)).payment).to.equal(null);
  });

  it('an ancestor at opacity 0.1, one blurred: refused', async () => {
    for (const style of ['opacity:0.1', 'filter:blur(3px)']) {
      const { el, frame, wrapper } = await readyWallet();
      wrapper.style.cssText += `;${style}`;
      await expectRefused(el, frame);
    }
  });

  it('a decoy laid over the button that lets clicks through (pointer-events: none): refused', async () => {
    const { el, frame, wrapper } = await readyWallet();
    wrapper.style.position = 'relative';
    const decoy = document.createElement('div');
    decoy.style.cssText = 'position:absolute;inset:0;background:#fff;pointer-events:none !important';
    decoy.textContent = 'Claim your prize';
    wrapper.append(decoy);
    await expectRefused(el, frame);
  });

  it('a decoy inside an open shadow root, pointer-events: none in its own styles: refused', async () => {
    const { el, frame, wrapper } = await readyWallet();
    wrapper.style.position = 'relative';
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;inset:0;pointer-events:none';
    holder.attachShadow({ mode: 'open' }).innerHTML = '<style>div{position:absolute;inset:0;background:#fff;pointer-events:none}</style><div>Win</div>';
    wrapper.append(holder);
    await expectRefused(el, frame);
  });

  it('a visible button still opens the sheet, and its Pay (checked too) pays', async () => {
    const { el, frame, session } = await readyWallet();
    const outcome = oneEvent(el, 'payment-success');
    await clickUntil(frame, BUTTON, () => sheetShown(frame));
    await until(() => el.hasAttribute('sheet-open'), 3000, 'the sheet over the page');
    await clickUntil(frame, '#sheet-pay', async () => (await getSession(session.id)).status === 'completed');
    expect((await outcome).detail.statusCode).to.equal(0);
  });

  it('a visible button inside a closed shadow root: the host cannot look in, and still allows it', async () => {
    const session = await createSession();
    const outer = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const root = outer.attachShadow({ mode: 'closed' });
    const el = document.createElement('wallet-button');
    el.clientKey = TEST_KEY;
    el.clientToken = session.client_token;
    const ready = oneEvent(el, 'ready');
    root.append(el);
    await ready;
    const frame = el.shadowRoot!.querySelector('iframe')!.name;
    await clickUntil(frame, BUTTON, () => sheetShown(frame));
  });

  it('<moment-checkout> inline in a transparent container: Pay charges nothing; visible, it pays', async () => {
    let sessionId = '';
    const container = await fixture<HTMLDivElement>(html`<div style="width: 480px"></div>`);
    const el = document.createElement('moment-checkout') as MomentCheckout;
    el.clientKey = TEST_KEY;
    el.fetchClientToken = async () => {
      const session = await createSession({ variant: 'inline' });
      sessionId = session.id;
      return session.client_token;
    };
    document.body.append(el);
    try {
      await el.launch({ container });
      const frame = container.querySelector<HTMLIFrameElement>('iframe')!.name;
      await typeInFrame(frame, 'cardNumber', '4242424242424242');
      await typeInFrame(frame, 'expiryDate', '12/34');
      await typeInFrame(frame, 'cv2', '123');
      await typeInFrame(frame, 'cardName', 'Ada Lovelace');
      container.style.opacity = '0';
      const message = () => frameEval<string>(frame, "return document.getElementById('attempt-message').textContent");
      await frameClick(frame, '.mc-pay');
      await until(async () => (await message()) === COVERED_MESSAGE, 5000, 'the refusal');
      expect((await getSession(sessionId)).payment).to.equal(null);
      container.style.opacity = '';
      const paid = oneEvent(el, 'payment-success');
      await clickUntil(frame, '.mc-pay', async () => (await getSession(sessionId)).status === 'completed');
      expect((await paid).detail.sessionId).to.equal(sessionId);
    } finally {
      el.close();
      el.remove();
    }
  });
});
