import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { watchEscape } from '../../src/frame/escape.js';
import { createSession, frameClick, frameEval } from '../support/helpers.js';
import { cardConfig, checkoutConfig, openFrame, walletConfig } from './frame-host.js';

describe('escape: the frames report an Escape nothing in them used', () => {
  it('card frame: Escape with focus in the card number sends `escape`', async () => {
    const session = await createSession();
    const frame = await openFrame('card');
    try {
      await frame.request('configure', cardConfig(session.client_token));
      await frameClick(frame.name, '#card-number');
      const from = frame.events.length;
      await sendKeys({ press: 'Escape' });
      expect(await frame.next('escape', from)).to.deep.equal({});
    } finally {
      frame.remove();
    }
  });

  it('checkout frame: Escape with focus in the card number sends `escape`', async () => {
    const session = await createSession({ variant: 'modal' });
    const frame = await openFrame('checkout', { height: 700 });
    try {
      await frame.request('configure', checkoutConfig(session.client_token, { variant: 'modal' }));
      await frameClick(frame.name, '#card-number');
      const from = frame.events.length;
      await sendKeys({ press: 'Escape' });
      expect(await frame.next('escape', from)).to.deep.equal({});
    } finally {
      frame.remove();
    }
  });

  it('wallet frame: Escape with focus on the wallet button sends `escape`', async () => {
    const session = await createSession();
    const frame = await openFrame('wallet', { height: 80 });
    try {
      await frame.request('configure', walletConfig(session.client_token));
      await frameEval(frame.name, 'window.focus(); document.getElementById("wallet-button").focus(); return document.activeElement.id;');
      const from = frame.events.length;
      await sendKeys({ press: 'Escape' });
      expect(await frame.next('escape', from)).to.deep.equal({});
    } finally {
      frame.remove();
    }
  });
});

describe('escape: what the frame keeps for itself', () => {
  let root: HTMLDivElement;
  let count: number;
  let stop: () => void;
  const press = (target: Element, init: KeyboardEventInit = {}) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true, ...init }));

  beforeEach(() => {
    root = document.createElement('div');
    root.innerHTML = '<input id="e-text"><select id="e-select"><option>a</option></select>';
    document.body.append(root);
    count = 0;
    stop = watchEscape(document, () => count++);
  });
  afterEach(() => {
    stop();
    root.remove();
  });

  it('reports a plain Escape, and nothing for other keys or an IME composition', () => {
    const input = root.querySelector('#e-text')!;
    press(input);
    press(input, { key: 'Enter' });
    press(input, { isComposing: true });
    expect(count).to.equal(1);
  });

  it('leaves an Escape a handler in the frame used (the wallet sheet prevents its default)', () => {
    const input = root.querySelector('#e-text')!;
    input.addEventListener('keydown', (e) => e.preventDefault(), { once: true });
    press(input);
    expect(count).to.equal(0);
  });

  it('leaves Escape to an open 3-D Secure challenge', () => {
    const challenge = document.createElement('section');
    challenge.className = 'mc-challenge';
    challenge.tabIndex = -1;
    root.append(challenge);
    press(challenge);
    expect(count).to.equal(0);
    challenge.remove();
    press(root.querySelector('#e-text')!);
    expect(count).to.equal(1);
  });
});
