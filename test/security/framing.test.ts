/**
 * Framing and session swaps. A page outside the session's `allowed_origins` gets no working
 * frame (the browser refuses to render it under `frame-ancestors`; opened without the session in
 * its URL, the frame itself refuses with origin_not_allowed). The invisible-frame (opacity 0)
 * attack charges nothing, with or without `allowed_origins`. A new client token gives a new,
 * blank frame; a frame never takes a token of another session.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { COVERED_MESSAGE } from '../../src/frame/visibility.js';
import { BridgeError } from '../../src/protocol/port.js';
import type { FrameKind } from '../../src/protocol/messages.js';
import '../../src/elements/card-component/card-component.js';
import '../../src/elements/wallet-button/wallet-button.js';
import { recordAll } from './support.js';
import { FRAME_PATHS } from '../../src/protocol/api.js';
import {
  TEST_KEY,
  createSession,
  clickUntil,
  fillCard,
  frameClick,
  frameEval,
  frameName,
  getSession,
  readyCard,
  sandboxOrigin,
  typeInFrame,
  until,
} from '../support/helpers.js';
import { cardConfig, checkoutConfig, openFrame, walletConfig, type FrameHost } from '../frame/frame-host.js';

const MERCHANT = 'https://merchant.example';
const configs = { card: cardConfig, wallet: walletConfig, checkout: checkoutConfig } as const;

const tally = { attacks: 0, refused: 0, charges: 0 };

async function refusal(promise: Promise<unknown>): Promise<string> {
  tally.attacks++;
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeError) {
      tally.refused++;
      return error.code;
    }
    throw error;
  }
  return 'accepted';
}

/** The session has no payment: counted, so the suite can say how many attacks charged nothing. */
async function noCharge(id: string): Promise<void> {
  const payment = (await getSession(id)).payment;
  if (payment) tally.charges++;
  expect(payment).to.equal(null);
}

after(() => console.log(`security: framing+swap refusals=${tally.refused}/${tally.attacks} charges=${tally.charges}`));

describe('security: framing by a page outside allowed_origins', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  for (const kind of ['wallet', 'checkout', 'card'] as FrameKind[]) {
    it(`${kind} frame with the session in its URL: the browser refuses to render it (frame-ancestors), no hello reaches the page`, async () => {
      const session = await createSession({ extra: { allowed_origins: [MERCHANT] } });
      const origin = await sandboxOrigin();
      const iframe = document.createElement('iframe');
      iframe.name = `sec-framed-${kind}-${session.id}`;
      iframe.src = `${origin}${FRAME_PATHS[kind]}?session=${encodeURIComponent(session.id)}#${new URLSearchParams({ channel: `chan_${session.id}`.slice(0, 40), origin: location.origin })}`;
      const hellos: unknown[] = [];
      const onMessage = (e: MessageEvent) => {
        if (e.source === iframe.contentWindow) hellos.push(e.data);
      };
      window.addEventListener('message', onMessage);
      const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      document.body.append(iframe);
      try {
        await loaded;
        // The blocked frame is the browser's error page, not the frame page (Chromium names it so;
        // Firefox keeps the refused URL on its error page, which runs none of the frame's code).
        const where = await frameEval<{ href: string; scripts: number }>(iframe.name, 'return { href: location.href, scripts: document.scripts.length }');
        if (navigator.userAgent.includes('Chrome/')) expect(where.href).to.match(/^chrome-error:|^about:blank/);
        expect(hellos).to.deep.equal([]);
        await noCharge(session.id);
      } finally {
        window.removeEventListener('message', onMessage);
        iframe.remove();
      }
    });

    it(`${kind} frame without the session in its URL: configure is refused with origin_not_allowed and nothing can be paid`, async () => {
      const session = await createSession({ extra: { allowed_origins: [MERCHANT] } });
      const frame = await openFrame(kind, { height: kind === 'checkout' ? 700 : 300 });
      try {
        expect(await refusal(frame.request('configure', configs[kind](session.client_token)))).to.equal('origin_not_allowed');
        if (kind === 'card')
          expect(await refusal((frame as FrameHost<'card'>).request('executePayment', { idempotencyKey: 'framed-attack-0001' }))).to.equal('not_configured');
        if (kind === 'wallet') expect(await frameEval<boolean>(frame.name, "return !!document.querySelector('#wallet-button, #wallet-sheet')")).to.equal(false);
        if (kind === 'checkout') expect(await frameEval<number>(frame.name, "return document.querySelectorAll('.mc-pay:not([disabled])').length")).to.equal(0);
        await noCharge(session.id);
      } finally {
        frame.remove();
      }
    });
  }
});

describe('security: the elements on a page outside allowed_origins', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  for (const tag of ['wallet-button', 'card-component'] as const) {
    it(`<${tag}> never becomes ready and reports a load-error`, async () => {
      const session = await createSession({ extra: { allowed_origins: [MERCHANT] } });
      const el = document.createElement(tag) as HTMLElement & { clientKey: string; clientToken: string; loadTimeout: number };
      el.clientKey = TEST_KEY;
      el.clientToken = session.client_token;
      el.loadTimeout = 30_000;
      const events = recordAll(el);
      const failed = oneEvent(el, 'load-error');
      const started = performance.now();
      document.body.append(el);
      try {
        const { detail } = await failed;
        // The browser blocks the page (frame-ancestors) before the frame could say why; the element
        // sees a loaded frame that never speaks and says so well before the load timeout.
        expect((detail as { code: string }).code).to.equal('frame_not_started');
        expect((detail as { message: string }).message).to.contain('allowed_origins');
        expect(performance.now() - started).to.be.lessThan(10_000);
        expect(events.map((e) => e.name)).to.not.include('ready');
        await noCharge(session.id);
      } finally {
        el.remove();
      }
    });
  }
});

describe('security: the invisible-frame attack charges nothing', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  let wrap: HTMLDivElement;
  beforeEach(() => {
    wrap = document.createElement('div');
    wrap.style.cssText = 'position:relative;width:420px';
    document.body.prepend(wrap);
  });
  afterEach(() => wrap.remove());

  const cases: { name: string; allowed: () => string[] | undefined }[] = [
    { name: 'a session without allowed_origins', allowed: () => undefined },
    { name: 'a session whose allowed_origins lists the page (a merchant page turned hostile)', allowed: () => [location.origin] },
  ];
  for (const c of cases) {
    it(`wallet at opacity 0 under a decoy, ${c.name}: two clicks, no sheet, no charge`, async () => {
      const allowed = c.allowed();
      const session = await createSession(allowed ? { extra: { allowed_origins: allowed } } : {});
      const frame = await openFrame('wallet', { parent: wrap, height: 80, style: 'opacity:0' });
      const decoy = Object.assign(document.createElement('div'), { textContent: 'Claim your prize' });
      decoy.style.cssText = 'position:absolute;inset:0;pointer-events:none';
      wrap.append(decoy);
      try {
        await frame.request('configure', walletConfig(session.client_token));
        const refusalText = () => frameEval<string>(frame.name, "return document.querySelector('.mw-refusal')?.textContent ?? ''");
        await clickUntil(frame.name, '#wallet-button', async () => (await refusalText()) === COVERED_MESSAGE);
        await frameClick(frame.name, '#wallet-button');
        expect(await frameEval<boolean>(frame.name, "return !!document.querySelector('#wallet-sheet')")).to.equal(false);
        expect(frame.events.map((e) => e.name)).to.not.include('payment-initiated');
        await noCharge(session.id);
      } finally {
        frame.remove();
      }
    });
  }

  it('wallet at opacity 0, activated from the keyboard (focus moved into the frame, Enter and Space): no sheet, no charge', async () => {
    const session = await createSession();
    const frame = await openFrame('wallet', { parent: wrap, height: 80, style: 'opacity:0' });
    try {
      await frame.request('configure', walletConfig(session.client_token));
      const refusalText = () => frameEval<string>(frame.name, "return document.querySelector('.mw-refusal')?.textContent ?? ''");
      for (const key of ['Enter', ' ', 'Enter']) {
        frame.iframe.focus();
        await frameEval(frame.name, "document.querySelector('#wallet-button').focus(); return document.activeElement?.id ?? ''");
        await sendKeys({ press: key });
      }
      await until(async () => (await refusalText()) === COVERED_MESSAGE, 5000, 'the refusal');
      expect(await frameEval<boolean>(frame.name, "return !!document.querySelector('#wallet-sheet')")).to.equal(false);
      expect(frame.events.map((e) => e.name)).to.not.include('payment-initiated');
      await noCharge(session.id);
    } finally {
      frame.remove();
    }
  });

  it('checkout at opacity 0 with a filled form: its Pay button charges nothing', async () => {
    const session = await createSession({ extra: { allowed_origins: [location.origin] } });
    const frame = await openFrame('checkout', { parent: wrap, height: 700, style: 'opacity:0' });
    try {
      await frame.request('configure', checkoutConfig(session.client_token));
      await fillCard(frame.name, { number: '4242424242424242' });
      await frameClick(frame.name, '.mc-pay');
      const message = () => frameEval<string>(frame.name, "return document.getElementById('attempt-message').textContent");
      await until(async () => (await message()) !== '', 3000, 'the refusal');
      expect(await message()).to.equal(COVERED_MESSAGE);
      expect(frame.events.map((e) => e.name)).to.not.include('outcome');
      await noCharge(session.id);
    } finally {
      frame.remove();
    }
  });
});

describe('security: a new session starts blank', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  it('<card-component>: after a payment, a new clientToken gives a new blank frame; paying the new session with nothing typed is validation_failed and charges nothing', async () => {
    const { el, frame, session: first } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    expect((await el.executePayment()).statusCode).to.equal(0);
    const oldName = frame;
    const second = await createSession();
    const ready = oneEvent(el, 'ready');
    el.clientToken = second.client_token;
    await ready;
    const name = frameName(el);
    expect(name).to.not.equal(oldName);
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
    const values = await frameEval<string[]>(name, 'return [...document.querySelectorAll("input")].map((i) => i.value)');
    expect(values.filter((v) => v !== '')).to.deep.equal([]);
    const error = await el.executePayment().then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(error?.code).to.equal('validation_failed');
    await noCharge(second.id);
    expect((await getSession(first.id)).status).to.equal('completed');
  });

  for (const kind of ['card', 'wallet', 'checkout'] as FrameKind[]) {
    it(`${kind} frame: a forged configure with another session's token is session_mismatch, before and after a first configure`, async () => {
      const [a, b] = [await createSession(), await createSession()];
      const opened: FrameHost<FrameKind> = await openFrame(kind, { session: a.id, height: kind === 'checkout' ? 700 : 300 });
      try {
        expect(await refusal(opened.request('configure', configs[kind](b.client_token)))).to.equal('session_mismatch');
        await opened.request('configure', configs[kind](a.client_token));
        expect(await refusal(opened.request('configure', configs[kind](b.client_token)))).to.equal('session_mismatch');
      } finally {
        opened.remove();
      }
    });
  }

  it('card frame with a typed card: a forged configure to another session is refused, and that session is never charged', async () => {
    const [a, b] = [await createSession(), await createSession()];
    // Without ?session= in its URL: the frame binds to the first session it is configured with.
    const frame = await openFrame('card', { height: 500 });
    try {
      await frame.request('configure', cardConfig(a.client_token));
      await typeInFrame(frame.name, 'cardNumber', '4242424242424242');
      await typeInFrame(frame.name, 'expiryDate', '12/34');
      await typeInFrame(frame.name, 'cv2', '123');
      await typeInFrame(frame.name, 'cardName', 'Ada Lovelace');
      expect(await refusal(frame.request('configure', cardConfig(b.client_token)))).to.equal('session_mismatch');
      const result = (await frame.request('executePayment', { idempotencyKey: 'swap-attack-00001' }, 15_000)) as { statusCode: number };
      // The payment, if any, is for the session the card was typed under.
      expect(result.statusCode).to.equal(0);
      await noCharge(b.id);
      expect((await getSession(a.id)).status).to.equal('completed');
    } finally {
      frame.remove();
    }
  });
});
