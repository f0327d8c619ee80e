import { expect } from '@open-wc/testing';
import { COVERED_MESSAGE, VisibilityGuard, supportsVisibilityTracking } from '../../src/frame/visibility.js';
import { clickUntil, createSession, frameClick, frameEval, getSession, typeInFrame, until } from '../support/helpers.js';
import { checkoutConfig, openFrame, walletConfig, type FrameHost } from './frame-host.js';

/** What the host does on `sheet`: the frame over the whole page while the sheet is open. */
function followSheet(frame: FrameHost<'wallet'>, style: string): void {
  const base = frame.iframe.style.cssText;
  const onEvent = setInterval(() => {
    const last = frame.events.filter((e) => e.name === 'sheet').at(-1)?.detail as { open: boolean } | undefined;
    frame.iframe.style.cssText = last?.open ? `position:fixed;inset:0;z-index:2147483647;width:100%;height:100%;border:0;${style}` : base;
  }, 10);
  frame.iframe.addEventListener('remove-follow', () => clearInterval(onEvent));
}

const sheetOpen = (frame: FrameHost<'wallet'>) => frameEval<boolean>(frame.name, "return !!document.querySelector('#wallet-sheet')");

describe('visibility: this browser', () => {
  it('has IntersectionObserver v2 (isVisible) in headless Chromium, so the cross-origin checks run', () => {
    expect(supportsVisibilityTracking()).to.equal(true);
  });
});

describe('visibility: a page on another origin cannot click through an invisible frame', () => {
  let wrap: HTMLDivElement;
  beforeEach(() => {
    wrap = document.createElement('div');
    wrap.style.cssText = 'position:relative;width:420px';
    document.body.prepend(wrap);
  });
  afterEach(() => wrap.remove());

  it('wallet frame at opacity 0: the click opens no sheet and says why', async () => {
    const session = await createSession();
    const frame = await openFrame('wallet', { parent: wrap, height: 80, style: 'opacity:0' });
    try {
      await frame.request('configure', walletConfig(session.client_token));
      const refusal = () => frameEval<string>(frame.name, "return document.querySelector('.mw-refusal').textContent");
      await clickUntil(frame.name, '#wallet-button', async () => (await refusal()) === COVERED_MESSAGE);
      await frameClick(frame.name, '#wallet-button');
      expect(await sheetOpen(frame)).to.equal(false);
      expect(frame.events.map((e) => e.name)).to.not.include('payment-initiated');
      expect((await getSession(session.id)).payment).to.equal(null);
    } finally {
      frame.remove();
    }
  });

  it('wallet frame under a decoy that lets clicks through: refused', async () => {
    const session = await createSession();
    const frame = await openFrame('wallet', { parent: wrap, height: 80 });
    const decoy = document.createElement('div');
    decoy.style.cssText = 'position:absolute;inset:0;background:#fff;pointer-events:none';
    decoy.textContent = 'Claim your prize';
    wrap.append(decoy);
    try {
      await frame.request('configure', walletConfig(session.client_token));
      const refusal = () => frameEval<string>(frame.name, "return document.querySelector('.mw-refusal').textContent");
      await clickUntil(frame.name, '#wallet-button', async () => (await refusal()) === COVERED_MESSAGE);
      expect(await sheetOpen(frame)).to.equal(false);
      expect(frame.events.map((e) => e.name)).to.not.include('payment-initiated');
    } finally {
      frame.remove();
    }
  });

  it('sandbox sheet at opacity 0: its Pay button charges nothing', async () => {
    const session = await createSession();
    const frame = await openFrame('wallet', { parent: wrap, height: 80 });
    followSheet(frame, 'opacity:0');
    try {
      await frame.request('configure', walletConfig(session.client_token));
      await clickUntil(frame.name, '#wallet-button', () => sheetOpen(frame));
      await until(() => getComputedStyle(frame.iframe).position === 'fixed', 2000, 'the overlay');
      const status = () => frameEval<string>(frame.name, "return document.querySelector('.mw-status').textContent");
      await clickUntil(frame.name, '#sheet-pay', async () => (await status()) === COVERED_MESSAGE);
      expect(await sheetOpen(frame)).to.equal(true);
      expect(frame.events.map((e) => e.name)).to.not.include('payment-complete');
      expect((await getSession(session.id)).payment).to.equal(null);
    } finally {
      frame.iframe.dispatchEvent(new Event('remove-follow'));
      frame.remove();
    }
  });

  it('checkout frame at opacity 0: a filled form’s Pay button charges nothing', async () => {
    const session = await createSession();
    const frame = await openFrame('checkout', { parent: wrap, height: 700, style: 'opacity:0' });
    try {
      await frame.request('configure', checkoutConfig(session.client_token));
      await typeInFrame(frame.name, 'cardNumber', '4242424242424242');
      await typeInFrame(frame.name, 'expiryDate', '12/34');
      await typeInFrame(frame.name, 'cv2', '123');
      await typeInFrame(frame.name, 'cardName', 'Ada Lovelace');
      await frameClick(frame.name, '.mc-pay');
      const message = () =>
        frameEval<{ text: string; hidden: boolean }>(
          frame.name,
          "const m = document.getElementById('attempt-message'); return { text: m.textContent, hidden: m.hidden };",
        );
      await until(async () => (await message()).text !== '', 3000, 'the refusal');
      expect(await message()).to.deep.equal({ text: COVERED_MESSAGE, hidden: false });
      expect(frame.events.map((e) => e.name)).to.not.include('outcome');
      expect((await getSession(session.id)).payment).to.equal(null);
    } finally {
      frame.remove();
    }
  });
});

describe('visibility: a visible button still pays', () => {
  it('wallet button → sandbox sheet → Pay completes the payment', async () => {
    const session = await createSession();
    const frame = await openFrame('wallet', { height: 80 });
    followSheet(frame, '');
    try {
      await frame.request('configure', walletConfig(session.client_token));
      await clickUntil(frame.name, '#wallet-button', () => sheetOpen(frame));
      await until(() => getComputedStyle(frame.iframe).position === 'fixed', 2000, 'the overlay');
      const from = frame.events.length;
      await clickUntil(frame.name, '#sheet-pay', async () => frame.events.slice(from).some((e) => e.name === 'payment-complete'));
      const { result } = (await frame.next('payment-complete', from, 10_000)) as { result: { statusCode: number } };
      expect(result.statusCode).to.equal(0);
      expect((await getSession(session.id)).status).to.equal('completed');
    } finally {
      frame.iframe.dispatchEvent(new Event('remove-follow'));
      frame.remove();
    }
  });

  it('checkout Pay completes the payment', async () => {
    const session = await createSession();
    const frame = await openFrame('checkout', { height: 700 });
    try {
      await frame.request('configure', checkoutConfig(session.client_token));
      await typeInFrame(frame.name, 'cardNumber', '4242424242424242');
      await typeInFrame(frame.name, 'expiryDate', '12/34');
      await typeInFrame(frame.name, 'cv2', '123');
      await typeInFrame(frame.name, 'cardName', 'Ada Lovelace');
      const from = frame.events.length;
      await frameClick(frame.name, '.mc-pay');
      expect(((await frame.next('outcome', from, 10_000)) as { outcome: string }).outcome).to.equal('success');
    } finally {
      frame.remove();
    }
  });
});

describe('visibility: the checks without IntersectionObserver v2', () => {
  let root: HTMLDivElement;
  let button: HTMLButtonElement;
  let guard: VisibilityGuard;
  beforeEach(() => {
    root = document.createElement('div');
    root.style.cssText = 'position:fixed;top:10px;left:10px;width:200px;height:50px;z-index:10';
    button = document.createElement('button');
    button.textContent = 'Pay';
    button.style.cssText = 'width:200px;height:50px';
    root.append(button);
    document.body.append(root);
    guard = new VisibilityGuard(button, { trackVisibility: false });
  });
  afterEach(() => {
    guard.disconnect();
    root.remove();
  });
  const click = (x = 50, y = 30) => new MouseEvent('click', { detail: 1, clientX: x, clientY: y });

  it('allows a click on the visible button, also a keyboard one (no point)', () => {
    expect(guard.tracking).to.equal(false);
    expect(guard.allows(click())).to.equal(true);
    expect(guard.allows(new MouseEvent('click'))).to.equal(true);
  });

  it('refuses when the button or an ancestor is transparent or hidden', () => {
    root.style.opacity = '0.01';
    expect(guard.allows(click())).to.equal(false);
    root.style.opacity = '';
    button.style.visibility = 'hidden';
    expect(guard.allows(click())).to.equal(false);
  });

  it('refuses when something covers the point clicked', () => {
    const cover = document.createElement('div');
    cover.style.cssText = 'position:fixed;top:0;left:0;width:100px;height:100px;z-index:11';
    document.body.append(cover);
    expect(guard.allows(click(50, 30))).to.equal(false);
    expect(guard.allows(click(150, 30))).to.equal(true);
    cover.remove();
  });
});
