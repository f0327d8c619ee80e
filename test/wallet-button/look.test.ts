import { expect } from '@open-wc/testing';
import { WALLET_BUTTON_COLORS, WALLET_BUTTON_TYPES } from '../../src/protocol/wallet.js';
import { frameEval, until } from '../support/helpers.js';
import { readButton, readyWallet } from './helpers.js';

const LABELS: Record<string, string> = {
  plain: 'Sandbox Pay',
  buy: 'Buy with Sandbox Pay',
  book: 'Book with Sandbox Pay',
  checkout: 'Check out with Sandbox Pay',
  donate: 'Donate with Sandbox Pay',
  order: 'Order with Sandbox Pay',
};
const LOOK = {
  black: { background: 'rgb(0, 0, 0)', color: 'rgb(255, 255, 255)' },
  white: { background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)' },
};

describe('<wallet-button> look', () => {
  it('follows every colour × type: black or white, the mark alone (plain) or "… with" the mark', async () => {
    const { el, frame } = await readyWallet();
    for (const color of WALLET_BUTTON_COLORS) {
      for (const type of WALLET_BUTTON_TYPES) {
        el.buttonColor = color;
        el.buttonType = type;
        await until(
          async () => {
            const b = await readButton(frame);
            return b.type === type && b.background === LOOK[color].background;
          },
          3000,
          `${color} ${type}`,
        );
        const button = await readButton(frame);
        expect(button.text, `${color} ${type}`).to.equal(LABELS[type]);
        expect(button.color).to.equal(LOOK[color].color);
        // `plain` shows only the mark; the accessible name always says what the button does.
        expect(button.label).to.equal(type === 'plain' ? 'Pay with Sandbox Pay' : LABELS[type]);
        expect(button.height).to.be.at.least(40);
        expect(button.width).to.be.at.least(140);
      }
    }
  });

  it("takes the seed's buttonConfig ({colour, type}) as well", async () => {
    const { el, frame } = await readyWallet({ buttonConfig: { colour: 'white', type: 'donate' } });
    expect(el.buttonColor).to.equal('white');
    expect(el.buttonType).to.equal('donate');
    expect(el.buttonConfig).to.deep.equal({ color: 'white', type: 'donate' });
    const button = await readButton(frame);
    expect(button.text).to.equal('Donate with Sandbox Pay');
    expect(button.background).to.equal(LOOK.white.background);
  });

  it('falls back to black and plain for unknown values, with a warning', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const { frame } = await readyWallet({ buttonColor: 'pink' as never, buttonType: 'rent' as never });
      const button = await readButton(frame);
      expect(button.type).to.equal('plain');
      expect(button.background).to.equal(LOOK.black.background);
      expect(warnings.join('\n'))
        .to.match(/button-color "pink"/)
        .and.match(/button-type "rent"/);
    } finally {
      console.warn = original;
    }
  });

  const LOCALES: [string, string, string][] = [
    ['fr', 'buy', 'Acheter avec Sandbox Pay'],
    ['de-DE', 'checkout', 'Zur Kasse mit Sandbox Pay'],
    ['es', 'order', 'Pedir con Sandbox Pay'],
    ['ja', 'book', 'Book with Sandbox Pay'],
  ];
  for (const [lang, type, text] of LOCALES) {
    it(`localizes the label from lang="${lang}"`, async () => {
      const { frame } = await readyWallet({ lang, buttonType: type as never });
      expect((await readButton(frame)).text).to.equal(text);
    });
  }

  it('takes its corner radius from --moment-wallet-radius, else --moment-border-radius', async () => {
    const { el, frame } = await readyWallet();
    expect((await readButton(frame)).radius).to.equal('6px');
    el.style.setProperty('--moment-border-radius', '12px');
    await until(async () => (await readButton(frame)).radius === '12px', 3000, 'the border radius');
    el.style.setProperty('--moment-wallet-radius', '24px');
    await until(async () => (await readButton(frame)).radius === '24px', 3000, 'the wallet radius');
  });

  it('drops the words but keeps the mark and its accessible name when narrow', async () => {
    const { el, frame } = await readyWallet({ buttonType: 'checkout' });
    el.style.width = '160px';
    await until(async () => (await readButton(frame)).width < 170, 3000, 'the narrow button');
    const visible = await frameEval<string[]>(
      frame,
      `return [...document.querySelectorAll('#wallet-button > span')].filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.textContent)`,
    );
    expect(visible).to.deep.equal(['Sandbox Pay']);
    expect((await readButton(frame)).label).to.equal('Check out with Sandbox Pay');
  });

  it('is never lower than 40px, whatever --moment-wallet-height says', async () => {
    const { el, frame } = await readyWallet();
    expect((await readButton(frame)).height).to.equal(48);
    el.style.setProperty('--moment-wallet-height', '20px');
    await until(async () => (await readButton(frame)).height === 40, 3000, 'the minimum height');
    await until(() => Math.round(el.getBoundingClientRect().height) === 48, 3000, 'the host to follow the frame');
  });
});
