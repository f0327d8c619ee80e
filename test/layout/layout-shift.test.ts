// No layout shift when a frame gets ready: the height an element keeps while its frame loads is
// the frame's own height once ready, in every configuration that changes it (the name field,
// theme sizes in px, the wallet's height variable, each language). What follows the element on
// the page stays where it was; where the browser reports layout shifts, it reports none.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/card-component/card-component.js';
import '../../src/elements/wallet-button/wallet-button.js';
import { LOCALES } from '../../src/protocol/locale.js';
import { TEST_KEY, createSession, quietWindow } from '../support/helpers.js';

interface Placed {
  /** Where the paragraph after the element was while the frame loaded, and once it was ready. */
  before: number;
  after: number;
  heightLoading: number;
  heightReady: number;
  shifts: number;
}

/** Places `tag` with `setup` between two paragraphs, and measures the paragraph after it before and after `ready`. */
async function place(tag: 'card-component' | 'wallet-button', setup: (el: HTMLElement) => void, width = 360): Promise<Placed> {
  const session = await createSession();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"><p>Before</p><p id="after">After</p></div>`);
  const after = wrapper.querySelector<HTMLElement>('#after')!;
  let shifts = 0;
  const observer =
    'PerformanceObserver' in window && PerformanceObserver.supportedEntryTypes?.includes('layout-shift')
      ? new PerformanceObserver((list) => (shifts += list.getEntries().filter((e) => !(e as unknown as { hadRecentInput: boolean }).hadRecentInput).length))
      : undefined;
  observer?.observe({ type: 'layout-shift' });
  const el = document.createElement(tag) as HTMLElement & { clientKey: string; clientToken: string };
  setup(el);
  el.clientKey = TEST_KEY;
  el.clientToken = session.client_token;
  const ready = oneEvent(el, 'ready');
  after.before(el);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const before = after.getBoundingClientRect().top;
  const heightLoading = el.getBoundingClientRect().height;
  await ready;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  // Layout-shift entries are delivered after the frame that had them.
  await quietWindow(50);
  observer?.disconnect();
  return { before, after: after.getBoundingClientRect().top, heightLoading, heightReady: el.getBoundingClientRect().height, shifts };
}

const expectNoShift = (placed: Placed) => {
  expect(placed.heightReady, 'height once ready').to.equal(placed.heightLoading);
  expect(placed.after, 'the next paragraph').to.equal(placed.before);
  expect(placed.shifts, 'layout-shift entries').to.equal(0);
};

describe('no layout shift when a frame gets ready', () => {
  it('<card-component> with the default fields', async () => {
    expectNoShift(await place('card-component', () => undefined));
  });

  it('<card-component hide-card-name>', async () => {
    expectNoShift(await place('card-component', (el) => el.setAttribute('hide-card-name', '')));
  });

  it('<card-component hide-validation>', async () => {
    expectNoShift(await place('card-component', (el) => el.setAttribute('hide-validation', '')));
  });

  it('<card-component> with --moment-input-height and --moment-spacing in px', async () => {
    expectNoShift(
      await place('card-component', (el) => {
        el.style.setProperty('--moment-input-height', '52px');
        el.style.setProperty('--moment-spacing', '16px');
      }),
    );
  });

  for (const lang of LOCALES) {
    it(`<card-component lang="${lang}">`, async () => {
      expectNoShift(await place('card-component', (el) => el.setAttribute('lang', lang)));
    });
  }

  it('<wallet-button>', async () => {
    expectNoShift(await place('wallet-button', () => undefined));
  });

  it('<wallet-button> with --moment-wallet-height', async () => {
    const placed = await place('wallet-button', (el) => el.style.setProperty('--moment-wallet-height', '60px'));
    expectNoShift(placed);
    expect(placed.heightReady).to.equal(68);
  });
});
