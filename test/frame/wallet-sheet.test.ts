import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clickUntil, createSession, frameEval, until } from '../support/helpers.js';
import { openFrame, walletConfig, type FrameHost } from './frame-host.js';

/** Acts as the host does on `sheet`: the iframe over the whole page while the sheet is open. */
function followSheet(frame: FrameHost<'wallet'>): () => void {
  const base = frame.iframe.style.cssText;
  const timer = setInterval(() => {
    const last = frame.events.filter((e) => e.name === 'sheet').at(-1)?.detail as { open: boolean } | undefined;
    const wanted = last?.open ? 'position:fixed;inset:0;z-index:2147483647;width:100%;height:100%;border:0' : base;
    if (frame.iframe.style.cssText !== wanted) frame.iframe.style.cssText = wanted;
  }, 10);
  return () => clearInterval(timer);
}

interface Layout {
  open: boolean;
  viewport: { width: number; height: number };
  backdrop: { x: number; y: number; width: number; height: number; background: string; position: string } | null;
  sheet: { x: number; y: number; width: number; height: number } | null;
  bodyHeight: number;
  buttonShown: boolean;
  focusInSheet: boolean;
}

const layout = (frame: string) =>
  frameEval<Layout>(
    frame,
    `const b = document.querySelector('.mw-backdrop'); const s = document.getElementById('wallet-sheet'); const r = (e) => { const x = e.getBoundingClientRect(); return { x: x.x, y: x.y, width: x.width, height: x.height }; };
     return { open: !!s, viewport: { width: innerWidth, height: innerHeight },
       backdrop: b ? { ...r(b), background: getComputedStyle(b).backgroundColor, position: getComputedStyle(b).position } : null,
       sheet: s ? r(s) : null, bodyHeight: Math.ceil(document.body.getBoundingClientRect().height),
       buttonShown: getComputedStyle(document.getElementById('wallet-button')).visibility === 'visible',
       focusInSheet: !!s && s.contains(document.activeElement) };`,
  );

describe('wallet sheet: an overlay the page does not feel', () => {
  let frame: FrameHost<'wallet'>;
  let stop: () => void;
  beforeEach(async () => {
    const session = await createSession();
    frame = await openFrame('wallet', { height: 56 });
    stop = followSheet(frame);
    await frame.request('configure', walletConfig(session.client_token));
  });
  afterEach(() => {
    stop();
    frame.remove();
  });

  it('says `sheet` open, lays the sheet out as a centred dialog over a dimmed backdrop, and sends no resize', async () => {
    const from = frame.events.length;
    await clickUntil(frame.name, '#wallet-button', async () => (await layout(frame.name)).open);
    expect(await frame.next('sheet', from)).to.deep.equal({ open: true });
    await until(() => getComputedStyle(frame.iframe).position === 'fixed', 2000, 'the overlay');
    await until(async () => (await layout(frame.name)).viewport.height > 400, 2000, 'the frame to fill the page');
    const shown = await layout(frame.name);
    expect(shown.backdrop).to.include({ x: 0, y: 0, width: shown.viewport.width, height: shown.viewport.height, position: 'fixed' });
    expect(shown.backdrop!.background).to.match(/rgba\(0, 0, 0, 0\.\d+\)/);
    const sheet = shown.sheet!;
    expect(Math.abs(sheet.x + sheet.width / 2 - shown.viewport.width / 2)).to.be.lessThan(2);
    expect(Math.abs(sheet.y + sheet.height / 2 - shown.viewport.height / 2)).to.be.lessThan(2);
    expect(sheet.width).to.be.at.most(420);
    expect(shown.focusInSheet).to.equal(true);
    // The sheet is out of the frame's flow: its content is still the button's height, and no resize went out.
    expect(shown.bodyHeight).to.be.lessThan(80);
    const opened = frame.events.findIndex((e, i) => i >= from && e.name === 'sheet');
    expect(frame.events.slice(opened).map((e) => e.name)).to.not.include('resize');
  });

  it('Escape cancels it: payment-cancel and `sheet` closed, no `escape`, then only the button again', async () => {
    const from = frame.events.length;
    await clickUntil(frame.name, '#wallet-button', async () => (await layout(frame.name)).open);
    await until(() => getComputedStyle(frame.iframe).position === 'fixed', 2000, 'the overlay');
    for (let attempt = 0; attempt < 20 && (await layout(frame.name)).open; attempt++) {
      await sendKeys({ press: 'Escape' });
      await until(async () => !(await layout(frame.name)).open, 250, 'the sheet to close').catch(() => undefined);
    }
    expect(await frame.next('payment-cancel', from)).to.deep.equal({});
    const sheets = frame.events
      .slice(from)
      .filter((e) => e.name === 'sheet')
      .map((e) => e.detail);
    expect(sheets).to.deep.equal([{ open: true }, { open: false }]);
    expect(frame.events.slice(from).map((e) => e.name)).to.not.include('escape');
    const closed = await layout(frame.name);
    expect(closed).to.include({ open: false, backdrop: null, buttonShown: true });
    expect(closed.bodyHeight).to.be.lessThan(80);
  });

  it('a click on the backdrop cancels too', async () => {
    const from = frame.events.length;
    await clickUntil(frame.name, '#wallet-button', async () => (await layout(frame.name)).open);
    await until(() => getComputedStyle(frame.iframe).position === 'fixed', 2000, 'the overlay');
    for (let attempt = 0; attempt < 20 && (await layout(frame.name)).open; attempt++) {
      await frameEval(frame.name, "document.querySelector('.mw-backdrop')?.dispatchEvent(new MouseEvent('click', { bubbles: true })); return true;");
    }
    expect(await frame.next('payment-cancel', from)).to.deep.equal({});
    expect(
      frame.events
        .slice(from)
        .filter((e) => e.name === 'sheet')
        .at(-1)?.detail,
    ).to.deep.equal({ open: false });
  });
});
