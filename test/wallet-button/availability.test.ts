import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { WalletButton } from '../../src/elements/wallet-button/wallet-button.component.js';
import { TEST_KEY, createSession, frameEval, record, until } from '../support/helpers.js';
import { BUTTON, readButton, readyWallet } from './helpers.js';

describe('<wallet-button> availability', () => {
  it('reports the sandbox wallet as available with a pk_test_ key, and shows the button', async () => {
    const session = await createSession();
    const el = document.createElement('wallet-button');
    el.clientKey = TEST_KEY;
    el.clientToken = session.client_token;
    const availability = oneEvent(el, 'wallet-availability');
    const ready = oneEvent(el, 'ready');
    (await fixture<HTMLDivElement>(html`<div style="width: 300px"></div>`)).append(el);
    await ready;
    expect((await availability).detail).to.deep.equal({ available: true, wallets: ['sandbox'] });
    expect(el.availability).to.deep.equal({ available: true, wallets: ['sandbox'] });
    expect(el.hasAttribute('unavailable')).to.equal(false);
    expect(el.getBoundingClientRect().height).to.be.within(48, 64);
    const button = await readButton(frameNameOf(el));
    expect(button.wallet).to.equal('sandbox');
    expect(button.disabled).to.equal(false);
  });

  it('is hidden, taking no space, when every wallet reports unavailable (sandbox-wallets="none")', async () => {
    const session = await createSession();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 300px"><wallet-button client-key=${TEST_KEY} sandbox-wallets="none"></wallet-button><p>after</p></div>`,
    );
    const el = wrapper.querySelector('wallet-button')!;
    const availability = oneEvent(el, 'wallet-availability');
    el.clientToken = session.client_token;
    expect((await availability).detail).to.deep.equal({ available: false, wallets: [] });
    await el.updateComplete;
    expect(el.hasAttribute('unavailable')).to.equal(true);
    expect(getComputedStyle(el).display).to.equal('none');
    expect(el.getBoundingClientRect().height).to.equal(0);
    expect(wrapper.querySelector('p')!.getBoundingClientRect().top).to.equal(wrapper.getBoundingClientRect().top);
  });

  it('with show-unavailable keeps a disabled button and says why', async () => {
    const { el, frame } = await readyWallet({ sandboxWallets: 'none', showUnavailable: true });
    await el.updateComplete;
    expect(el.availability).to.deep.equal({ available: false, wallets: [] });
    expect(el.hasAttribute('unavailable')).to.equal(true);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(40);
    const state = await frameEval<{ disabled: boolean; text: string; note: string; describedBy: string | null }>(
      frame,
      `const b = document.querySelector('${BUTTON}'); const n = document.getElementById('wallet-unavailable-note');
       return { disabled: b.disabled, text: b.textContent, note: n.hidden ? '' : n.textContent, describedBy: b.getAttribute('aria-describedby') }`,
    );
    expect(state.disabled).to.equal(true);
    expect(state.text).to.match(/unavailable/i);
    expect(state.note).to.match(/not available in this browser/);
    expect(state.describedBy).to.equal('wallet-unavailable-note');
  });

  it('fires wallet-availability again when the availability changes, and shows itself', async () => {
    const { el } = await readyWallet({ sandboxWallets: 'none' });
    await el.updateComplete;
    expect(el.getBoundingClientRect().height).to.equal(0);
    const change = oneEvent(el, 'wallet-availability');
    el.sandboxWallets = 'sandbox';
    expect((await change).detail).to.deep.equal({ available: true, wallets: ['sandbox'] });
    await until(() => el.getBoundingClientRect().height > 40, 3000, 'the button to show');
  });
});

describe('<wallet-button> loading', () => {
  it('renders an iframe with allow="payment" and a title, and calls onIframeLoaded with ready', async () => {
    let loaded = 0;
    const { el } = await readyWallet({ onIframeLoaded: () => loaded++ });
    const iframe = el.shadowRoot!.querySelector('iframe')!;
    expect(iframe.getAttribute('allow')).to.equal('payment');
    expect(iframe.title).to.equal('Wallet payment');
    expect(loaded).to.equal(1);
  });

  const BAD: [string, string | null, (token: string) => string, string][] = [
    ['a secret key', 'sk_test_123', (t) => t, 'secret_key_refused'],
    ['a malformed key', 'nope', (t) => t, 'invalid_client_key'],
    ['a malformed token', TEST_KEY, () => 'not-a-jwt', 'invalid_client_token'],
  ];
  for (const [what, key, token, code] of BAD) {
    it(`fires load-error (${code}) for ${what}, calls onIframeLoadFailed and loads no frame`, async () => {
      const session = await createSession();
      const el = document.createElement('wallet-button') as WalletButton;
      const failures: unknown[] = [];
      el.onIframeLoadFailed = (error) => failures.push(error);
      el.clientKey = key;
      el.clientToken = token(session.client_token);
      const events = record(el, ['ready', 'wallet-availability']);
      const failed = oneEvent(el, 'load-error');
      const originalError = console.error;
      console.error = () => {};
      try {
        document.body.append(el);
        const { detail } = await failed;
        expect(detail.code).to.equal(code);
        expect(failures).to.deep.equal([detail]);
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
        expect(el.shadowRoot!.querySelector('[part=error]')).to.not.equal(null);
        expect(events).to.deep.equal([]);
      } finally {
        console.error = originalError;
        el.remove();
      }
    });
  }

  it('leaves no iframe when removed', async () => {
    const { el } = await readyWallet();
    el.remove();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(0);
  });
});

function frameNameOf(el: Element): string {
  return el.shadowRoot!.querySelector('iframe')!.name;
}
