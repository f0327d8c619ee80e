/**
 * Card data stays in the frames: across every end-to-end flow (card success, decline, 3-D Secure
 * challenge, the checkout modal, the sandbox wallet sheet), everything that reaches the host
 * realm is recorded — every `message` on window, every raw message on the elements' ports, every
 * event the elements fire with its detail, console output, the elements' properties and markup,
 * storage and cookies, the promised results — and no card number (with or without separators),
 * expiry or security code appears.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/card-component/card-component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { PortEndpoint } from '../../src/protocol/port.js';
import { TEST_KEY, challengeClick, createSession, fillCard, frameClick, frameName, getSession, readyCard } from '../support/helpers.js';
import { openSheet, readyWallet } from '../wallet-button/helpers.js';
import { recordAll } from './support.js';

interface Card {
  number: string;
  expiry: string;
  cvv: string;
}

/** The forms a card's data could take in a leak. */
function patterns(card: Card): { name: string; test: (text: string) => boolean }[] {
  const n = card.number;
  const groups = n.match(/.{1,4}/g)!;
  const [mm, yy] = card.expiry.split('/') as [string, string];
  const standalone = (s: string) => new RegExp(`(?<![0-9A-Za-z])${s}(?![0-9A-Za-z])`);
  return [
    { name: `number ${n}`, test: (t) => t.includes(n) },
    { name: 'number with spaces', test: (t) => t.includes(groups.join(' ')) },
    { name: 'number with dashes', test: (t) => t.includes(groups.join('-')) },
    { name: 'number split by any separators', test: (t) => new RegExp(n.split('').join('[^0-9]{0,3}')).test(t) },
    { name: 'number in the digits of an item', test: (t) => t.replace(/[^0-9]/g, '').includes(n) },
    { name: `expiry ${card.expiry}`, test: (t) => standalone(`${mm}\\s*/\\s*${yy}`).test(t) },
    { name: 'expiry MMYY', test: (t) => standalone(`${mm}${yy}`).test(t) },
    { name: 'expiry MM/20YY', test: (t) => standalone(`${mm}\\s*/\\s*20${yy}`).test(t) },
    { name: 'expiry 20YY-MM', test: (t) => standalone(`20${yy}-${mm}`).test(t) },
    { name: `security code ${card.cvv}`, test: (t) => standalone(card.cvv).test(t) },
  ];
}

/** JSON of anything, without cycles, DOM nodes or windows, bounded in depth. */
function safeJson(value: unknown, depth = 4): string {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, d: number): unknown => {
    if (typeof v === 'function') return undefined;
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof Node || v === window || (typeof MessagePort !== 'undefined' && v instanceof MessagePort)) return `[${Object.prototype.toString.call(v)}]`;
    if (seen.has(v) || d <= 0) return '[…]';
    seen.add(v);
    if (v instanceof Map) return walk([...v.entries()], d - 1);
    if (v instanceof Set) return walk([...v], d - 1);
    if (Array.isArray(v)) return v.map((x) => walk(x, d - 1));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      try {
        out[key] = walk((v as Record<string, unknown>)[key], d - 1);
      } catch {
        out[key] = '[unreadable]';
      }
    }
    return out;
  };
  try {
    return JSON.stringify(walk(value, depth)) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Every property an element exposes: own fields and the accessors of its classes. */
function elementProperties(el: HTMLElement): string[] {
  const keys = new Set<string>(Object.keys(el));
  for (let proto = Object.getPrototypeOf(el); proto && proto !== HTMLElement.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) keys.add(key);
  }
  const out: string[] = [];
  for (const key of keys) {
    if (key === 'constructor') continue;
    try {
      const value = (el as unknown as Record<string, unknown>)[key];
      if (typeof value !== 'function') out.push(`${key}=${safeJson(value, 5)}`);
    } catch {
      // A getter that throws reveals nothing.
    }
  }
  return out;
}

/** Records everything that reaches this realm until `stop()`. */
function recorder() {
  const items: string[] = [];
  const onMessage = (e: MessageEvent) => items.push(`message ${e.origin} ${safeJson(e.data, 8)}`);
  window.addEventListener('message', onMessage, true);
  const receive = (PortEndpoint.prototype as unknown as { receive: (data: unknown) => void }).receive;
  (PortEndpoint.prototype as unknown as { receive: (data: unknown) => void }).receive = function (this: unknown, data: unknown) {
    items.push(`port ${safeJson(data, 8)}`);
    return receive.call(this, data);
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      items.push(`console.${m} ${args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ')}`);
      originals[i]!.apply(console, args);
    };
  });
  const events: { name: string; detail: unknown }[][] = [];
  return {
    items,
    watch(el: HTMLElement) {
      events.push(recordAll(el));
    },
    snapshot(el: HTMLElement, extra: unknown[] = []) {
      for (const log of events) for (const e of log) items.push(`event ${e.name} ${safeJson(e.detail, 8)}`);
      events.length = 0;
      items.push(...elementProperties(el).map((p) => `property ${p}`));
      items.push(`outerHTML ${el.outerHTML}`, `shadow ${el.shadowRoot?.innerHTML ?? ''}`);
      for (const x of extra) items.push(`result ${safeJson(x, 8)}`);
      items.push(`localStorage ${safeJson({ ...localStorage })}`, `sessionStorage ${safeJson({ ...sessionStorage })}`, `cookie ${document.cookie}`);
    },
    stop() {
      window.removeEventListener('message', onMessage, true);
      (PortEndpoint.prototype as unknown as { receive: (data: unknown) => void }).receive = receive;
      methods.forEach((m, i) => (console[m] = originals[i]!));
    },
  };
}

const CARDS = {
  success: { number: '4242424242424242', expiry: '11/39', cvv: '987' },
  decline: { number: '4000000000000002', expiry: '10/38', cvv: '876' },
  challenge: { number: '4000000000003220', expiry: '09/37', cvv: '765' },
  checkout: { number: '5555555555554444', expiry: '08/36', cvv: '654' },
} satisfies Record<string, Card>;
/** The sandbox wallet's cards: never typed, but they must not appear either. */
const WALLET_CARDS: Card[] = [
  { number: '4242424242424242', expiry: '12/34', cvv: '123' },
  { number: '5555555555554444', expiry: '12/34', cvv: '123' },
];

let totalItems = 0;
let totalLeaks = 0;
const flows: string[] = [];

function assertNoLeaks(flow: string, items: string[], cards: Card[]): void {
  // The recorder saw each channel into this realm (or it would prove nothing).
  for (const kind of ['message ', 'port ', 'event ', 'property ', 'result '])
    expect(
      items.some((i) => i.startsWith(kind)),
      `${flow}: recorded ${kind.trim()}`,
    ).to.equal(true);
  const leaks: string[] = [];
  for (const card of cards) for (const p of patterns(card)) for (const item of items) if (p.test(item)) leaks.push(`${p.name}: ${item.slice(0, 200)}`);
  totalItems += items.length;
  totalLeaks += leaks.length;
  flows.push(`${flow}=${items.length}`);
  expect(leaks, `card data in the host realm (${flow})`).to.deep.equal([]);
}

describe('security: card data stays in the frames', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  after(() => console.log(`security: containment items=${totalItems} leaks=${totalLeaks} (${flows.join(' ')})`));

  it('card 4242: a successful payment', async () => {
    const rec = recorder();
    try {
      const { el, frame } = await readyCard();
      rec.watch(el);
      await fillCard(frame, { ...CARDS.success, name: 'Grace Hopper' });
      const result = await el.executePayment();
      expect(result.statusCode).to.equal(0);
      rec.snapshot(el, [result]);
    } finally {
      rec.stop();
    }
    assertNoLeaks('card-success', rec.items, Object.values(CARDS));
  });

  it('card 0002: a decline', async () => {
    const rec = recorder();
    try {
      const { el, frame } = await readyCard();
      rec.watch(el);
      await fillCard(frame, { ...CARDS.decline, name: 'Grace Hopper' });
      const result = await el.executePayment();
      expect(result.statusCode).to.equal(5);
      rec.snapshot(el, [result]);
    } finally {
      rec.stop();
    }
    assertNoLeaks('card-decline', rec.items, Object.values(CARDS));
  });

  it('card 3220: a 3-D Secure challenge passed', async () => {
    const rec = recorder();
    try {
      const { el, frame } = await readyCard();
      rec.watch(el);
      await fillCard(frame, { ...CARDS.challenge, name: 'Grace Hopper' });
      const paying = el.executePayment();
      await challengeClick(frame, '#pass');
      const result = await paying;
      expect(result.statusCode).to.equal(0);
      rec.snapshot(el, [result]);
    } finally {
      rec.stop();
    }
    assertNoLeaks('card-3ds', rec.items, Object.values(CARDS));
  });

  it('checkout modal: a payment', async () => {
    const rec = recorder();
    const el = document.createElement('moment-checkout') as MomentCheckout;
    try {
      rec.watch(el);
      el.clientKey = TEST_KEY;
      const sessions: string[] = [];
      el.fetchClientToken = async () => {
        const session = await createSession({ variant: 'modal' });
        sessions.push(session.id);
        return session.client_token;
      };
      await fixture<HTMLDivElement>(html`<div></div>`).then((d) => d.append(el));
      const opened = await el.launch();
      const iframe = el.shadowRoot!.querySelector('iframe') ?? document.querySelector<HTMLIFrameElement>('iframe[name^="moment-checkout-"]');
      const frame = iframe!.name;
      await fillCard(frame, { ...CARDS.checkout, name: 'Grace Hopper' });
      const success = oneEvent(el, 'payment-success');
      await frameClick(frame, '.mc-pay');
      const { detail } = await success;
      expect((detail as { statusCode: number }).statusCode).to.equal(0);
      expect((await getSession(sessions[0]!)).status).to.equal('completed');
      rec.snapshot(el, [opened, detail]);
      el.close();
    } finally {
      rec.stop();
    }
    assertNoLeaks('checkout-modal', rec.items, Object.values(CARDS));
  });

  it('wallet: a payment in the sandbox wallet sheet', async () => {
    const rec = recorder();
    try {
      const { el, frame, session } = await readyWallet();
      rec.watch(el);
      await openSheet(frame);
      const success = oneEvent(el, 'payment-success');
      await frameClick(frame, '#sheet-pay');
      const { detail } = await success;
      expect((detail as { statusCode: number }).statusCode).to.equal(0);
      expect((await getSession(session.id)).status).to.equal('completed');
      expect(frameName(el)).to.equal(frame);
      rec.snapshot(el, [detail]);
    } finally {
      rec.stop();
    }
    assertNoLeaks('wallet-sheet', rec.items, [...Object.values(CARDS), ...WALLET_CARDS]);
  });

  it('the recorder sees card data when it is there (a check of the check)', () => {
    const items = [`event change {"x":"4242 4242 4242 4242"}`, 'console.log exp 11/39 cvv 987'];
    const found = Object.values(CARDS).flatMap((c) =>
      patterns(c)
        .filter((p) => items.some((i) => p.test(i)))
        .map((p) => p.name),
    );
    expect(found).to.include.members(['number with spaces', 'expiry 11/39', 'security code 987']);
  });
});
