// Everything fits on small screens: the sandbox bank's 3-D Secure page fits each challenge window
// the frames open (no scrolling, its Cancel link in view) at 375 and 320 px, and full page; at
// 320 px the card number never runs under the brand icon, in the card and in the checkout; and
// the bottom-sheet checkout keeps Pay clear of the screen's bottom edge when errors show.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/card-component/card-component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { FULL_CHALLENGE_HEIGHT } from '../../src/frame/card/three-ds.js';
import { CHALLENGE_WINDOW_SIZES } from '../../src/protocol/api.js';
import { TEST_KEY, challengeClick, clickUntil, createSession, fillCard, frameEval, frameName, frameUntil, typeInFrame } from '../support/helpers.js';
import { animationsDone } from '../support/wait.js';

const CHALLENGE_CARD = '4000000000003220';
const WIDTHS = [375, 320] as const;

/**
 * A card on the whole width of the page (the body's 8 px margin around it), or `boxed` as the demo
 * shop places it: 16 px page padding, a box with 20 px padding and a 1 px border (246 px at 320).
 */
async function fullWidthCard(boxed = false): Promise<{ el: CardComponent; frame: string }> {
  const session = await createSession();
  const el = document.createElement('card-component');
  el.clientKey = TEST_KEY;
  el.clientToken = session.client_token;
  const page = await fixture<HTMLDivElement>(
    boxed ? html`<div style="margin: 0 -8px; padding: 0 16px"><div style="padding: 20px; border: 1px solid #ccc"></div></div>` : html`<div></div>`,
  );
  const ready = oneEvent(el, 'ready');
  (page.firstElementChild ?? page).append(el);
  await ready;
  return { el, frame: frameName(el) };
}

/** A modal checkout on a fresh session, open. */
async function openCheckout(extra: object = {}): Promise<{ el: MomentCheckout; frame: string }> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('moment-checkout');
  el.clientKey = TEST_KEY;
  el.fetchClientToken = async () => (await createSession({ variant: 'modal', extra })).client_token;
  holder.append(el);
  await el.launch();
  await animationsDone(el);
  const iframe = el.shadowRoot!.querySelector('iframe') ?? document.querySelector<HTMLIFrameElement>('iframe[name^="moment-checkout-"]');
  if (!iframe) throw new Error('no checkout iframe');
  return { el, frame: iframe.name };
}

interface BankFit {
  size: string;
  width: number;
  height: number;
  /** The page's content (its <main>), which may be shorter than the window. */
  contentHeight: number;
  scrollHeight: number;
  scrollWidth: number;
  cancelBottom: number;
  cancelRight: number;
}

/**
 * Inside `frame` (the card or checkout frame showing the bank page), gives the challenge iframe each
 * window size the frames use, sized the way the frames size it, and measures the bank page in it.
 */
async function measureBankPage(frame: string): Promise<BankFit[]> {
  await frameUntil(frame, `document.getElementById('challenge-frame')?.contentDocument?.querySelector('#cancel:enabled')`, 10_000);
  const sizes = Object.entries(CHALLENGE_WINDOW_SIZES).map(([size, { width, height }]) =>
    width === 0 ? { size, width: '100%', height: `${FULL_CHALLENGE_HEIGHT}px` } : { size, width: `${width}px`, height: `${height}px` },
  );
  return frameEval<BankFit[]>(
    frame,
    `const iframe = document.getElementById('challenge-frame');
     const original = { width: iframe.style.width, height: iframe.style.height };
     const fits = [];
     for (const { size, width, height } of ${JSON.stringify(sizes)}) {
       iframe.style.width = width;
       iframe.style.height = height;
       const win = iframe.contentWindow;
       await new Promise((r) => win.requestAnimationFrame(() => win.requestAnimationFrame(r)));
       const doc = iframe.contentDocument;
       const root = doc.scrollingElement;
       const status = doc.getElementById('status');
       // Empty, and with the longest line the page shows while its buttons stay (an error to retry after).
       for (const text of ['', 'Something went wrong. Please try again.']) {
         status.textContent = text;
         await new Promise((r) => win.requestAnimationFrame(r));
         const cancel = doc.getElementById('cancel').getBoundingClientRect();
         fits.push({ size: text ? size + ' with a status line' : size, width: root.clientWidth, height: root.clientHeight, contentHeight: doc.querySelector('main').offsetHeight, scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth, cancelBottom: cancel.bottom, cancelRight: cancel.right });
       }
       status.textContent = '';
     }
     iframe.style.width = original.width;
     iframe.style.height = original.height;
     return fits;`,
  );
}

const expectFits = (fits: BankFit[], where: string) => {
  expect(fits, where).to.have.length(2 * Object.keys(CHALLENGE_WINDOW_SIZES).length);
  for (const fit of fits) {
    const label = `${where}, window ${fit.size} (${fit.width}×${fit.height})`;
    expect(fit.contentHeight, `${label}: content height`).to.be.at.most(fit.height);
    expect(fit.scrollHeight, `${label}: scroll height`).to.be.at.most(fit.height);
    expect(fit.scrollWidth, `${label}: content width`).to.be.at.most(fit.width);
    expect(fit.cancelBottom, `${label}: Cancel link's bottom`).to.be.at.most(fit.height);
    expect(fit.cancelRight, `${label}: Cancel link's right`).to.be.at.most(fit.width);
  }
};

describe('the sandbox bank page fits every challenge window', () => {
  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
    document.documentElement.style.overflow = '';
  });

  for (const width of WIDTHS) {
    it(`in the card frame at ${width} px, and full page at ${width} px`, async () => {
      await setViewport({ width, height: 740 });
      const { el, frame } = await fullWidthCard();
      await fillCard(frame, { number: CHALLENGE_CARD });
      const paying = el.executePayment();
      const fits = await measureBankPage(frame);
      expectFits(fits, `card at ${width} px`);

      // Redirect mode: the bank page is the whole window (a phone's 375×667, or 320×568).
      const url = await frameEval<string>(frame, `return document.getElementById('challenge-frame').src`);
      const page = await fixture<HTMLIFrameElement>(
        html`<iframe name="bank-page-${width}" src=${url} style="display:block;border:0;width:${width}px;height:${width === 320 ? 568 : 667}px"></iframe>`,
      );
      await frameUntil(page.name, `document.querySelector('#cancel:enabled')`);
      const full = await frameEval<BankFit>(
        page.name,
        `const root = document.scrollingElement;
         const cancel = document.getElementById('cancel').getBoundingClientRect();
         return { size: 'page', width: root.clientWidth, height: root.clientHeight, contentHeight: document.querySelector('main').offsetHeight, scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth, cancelBottom: cancel.bottom, cancelRight: cancel.right };`,
      );
      expect(full.contentHeight, 'full page: content height').to.be.at.most(full.height);
      expect(full.scrollHeight, 'full page: scroll height').to.be.at.most(full.height);
      expect(full.scrollWidth, 'full page: content width').to.be.at.most(full.width);
      expect(full.cancelBottom, "full page: Cancel link's bottom").to.be.at.most(full.height);
      page.remove();

      await challengeClick(frame, '#cancel');
      expect((await paying).statusCode).to.equal(5);
    });

    it(`in the bottom-sheet checkout at ${width} px`, async () => {
      await setViewport({ width, height: 740 });
      const { el, frame } = await openCheckout();
      await fillCard(frame, { number: CHALLENGE_CARD });
      await clickUntil(frame, '.mc-pay', async () => frameEval<boolean>(frame, `return !!document.getElementById('challenge-frame')`));
      const fits = await measureBankPage(frame);
      expectFits(fits, `checkout at ${width} px`);
      await challengeClick(frame, '#cancel');
      await frameUntil(frame, `!document.getElementById('challenge-frame')`);
      el.close();
    });
  }
});

interface NumberFit {
  value: string;
  scrollWidth: number;
  clientWidth: number;
  /** The right edge of the typed text and the left edge of the brand icon, in the frame's pixels. */
  textRight: number;
  brandLeft: number;
  /** Whether the icon is on the input's line at all (on a narrow field it sits on the label's line). */
  brandOnInput: boolean;
}

/** Types `number` into the card number of `frame` and measures its text against the brand icon. */
async function measureNumber(frame: string, number: string): Promise<NumberFit> {
  await frameEval(frame, `const input = document.getElementById('card-number'); input.value = ''; input.dispatchEvent(new Event('input', { bubbles: true }));`);
  await typeInFrame(frame, 'cardNumber', number);
  return frameEval<NumberFit>(
    frame,
    `const input = document.getElementById('card-number');
     input.blur();
     await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
     const style = getComputedStyle(input);
     const context = document.createElement('canvas').getContext('2d');
     context.font = style.font;
     context.letterSpacing = style.letterSpacing === 'normal' ? '0px' : style.letterSpacing;
     const rect = input.getBoundingClientRect();
     const textLeft = rect.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
     const brand = input.parentElement.querySelector('.mc-brand').getBoundingClientRect();
     return {
       value: input.value,
       scrollWidth: input.scrollWidth,
       clientWidth: input.clientWidth,
       textRight: textLeft + context.measureText(input.value).width,
       brandLeft: brand.left,
       brandOnInput: brand.bottom > rect.top && brand.top < rect.bottom,
     };`,
  );
}

/** Long numbers: a 16-digit Visa (19 characters formatted), a 15-digit Amex, a 16-digit Diners, the longest, a 19-digit Visa. */
const LONG_NUMBERS = ['4242424242424242', '378282246310005', '3056930009020004', '4242424242424242424'];

const expectClearOfBrand = (fit: NumberFit, where: string) => {
  const label = `${where}: "${fit.value}"`;
  expect(fit.scrollWidth, `${label}: text width`).to.be.at.most(fit.clientWidth);
  if (fit.brandOnInput) expect(fit.textRight, `${label}: text's right edge vs the brand icon's left edge`).to.be.at.most(fit.brandLeft);
};

describe('at 320 px the card number stays clear of the brand icon', () => {
  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
    document.documentElement.style.overflow = '';
  });

  it("in <card-component> on the whole page and in the demo shop's box", async () => {
    await setViewport({ width: 320, height: 640 });
    for (const boxed of [false, true]) {
      const { frame } = await fullWidthCard(boxed);
      for (const number of LONG_NUMBERS) {
        const fit = await measureNumber(frame, number);
        expectClearOfBrand(fit, boxed ? "card in the demo shop's box" : 'card on the whole page');
      }
    }
  });

  it('in the bottom-sheet checkout', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el, frame } = await openCheckout();
    for (const number of LONG_NUMBERS) {
      const fit = await measureNumber(frame, number);
      expectClearOfBrand(fit, 'checkout');
    }
    el.close();
  });
});

/** An order with a summary and the customer's details to collect: a form taller than the sheet. */
const ORDER = {
  itemLines: [
    { id: 'socks', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } },
    { id: 'bandana', quantity: 1, caption: 'Dog bandana', amountTotal: { value: 600, currencyCode: 'GBP' } },
  ],
  config: { title: 'The Company', details: { showTotal: true }, customerEmail: { collectionRequired: true } },
};

describe('the bottom-sheet checkout keeps Pay clear of the bottom edge', () => {
  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
    document.documentElement.style.overflow = '';
  });

  it('at 375×667 with validation errors shown, scrolled to the end', async () => {
    await setViewport({ width: 375, height: 667 });
    const { el, frame } = await openCheckout(ORDER);
    // Pay with nothing typed: every field shows its error and the form grows past the sheet.
    await clickUntil(frame, '.mc-pay', async () => frameEval<boolean>(frame, `return document.querySelectorAll('.mc-error:not([hidden])').length >= 3`));
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    const iframe = dialog.querySelector('iframe') ?? el.shadowRoot!.querySelector('iframe')!;
    // The customer scrolls to the end of the sheet and of the form in it.
    dialog.scrollTop = dialog.scrollHeight;
    const pay = await frameEval<{ bottom: number; scrolled: number }>(
      frame,
      `document.scrollingElement.scrollTop = document.scrollingElement.scrollHeight;
       await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
       return { bottom: document.querySelector('.mc-pay').getBoundingClientRect().bottom, scrolled: document.scrollingElement.scrollTop };`,
    );
    expect(pay.scrolled, 'the form is taller than the sheet').to.be.greaterThan(0);
    // The area a phone keeps for its home indicator (0 here unless the engine reports one).
    const probe = document.createElement('div');
    probe.style.cssText = 'position:fixed;padding-bottom:env(safe-area-inset-bottom,0px)';
    document.body.append(probe);
    const unsafe = parseFloat(getComputedStyle(probe).paddingBottom);
    probe.remove();
    const frameRect = iframe.getBoundingClientRect();
    const payGap = innerHeight - unsafe - (frameRect.top + iframe.clientTop + pay.bottom);
    const sheetGap = innerHeight - unsafe - frameRect.bottom;
    expect(dialog.getBoundingClientRect().bottom, 'the sheet ends at the bottom edge').to.be.closeTo(innerHeight, 1);
    expect(payGap, 'space between Pay and the bottom edge').to.be.at.least(16);
    // The sheet's own margin, whatever the page in the frame does at its end.
    expect(sheetGap, "space between the frame's end and the bottom edge").to.be.at.least(16);
    el.close();
  });
});
