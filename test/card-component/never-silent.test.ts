import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import type { WalletButton } from '../../src/elements/wallet-button/wallet-button.component.js';
import '../../src/elements/wallet-button/wallet-button.js';
import { TEST_KEY, createSession, fillCard, frameEval, frameName, getSession, readyCard, record, until } from '../support/helpers.js';

/** A JWT-shaped token with the given claims (unsigned: the host only reads claims). */
function fakeToken(claims: object): string {
  const encode = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** Captures console warnings and errors while `run` runs. */
async function capturingConsole<T>(run: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    return { value: await run(), lines };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** Mounts a card; `loadError` is listened for before it connects. */
async function mountCard(setup: (el: CardComponent) => void) {
  const el = document.createElement('card-component');
  setup(el);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 400px"></div>`);
  const loadError = oneEvent(el, 'load-error');
  const started = performance.now();
  wrapper.append(el);
  return { el, loadError, started };
}

describe('an element that cannot start says why', () => {
  it('fires load-error missing_token within load-timeout when no client token comes, naming the property', async () => {
    const { value: detail, lines } = await capturingConsole(async () => {
      const { el, loadError, started } = await mountCard((e) => {
        e.clientKey = TEST_KEY;
        e.loadTimeout = 300;
      });
      const { detail } = await loadError;
      expect(performance.now() - started).to.be.lessThan(2000);
      expect(el.shadowRoot!.querySelector('[part="error"]'), 'a visible message instead of a skeleton').to.exist;
      return detail;
    });
    expect(detail.code).to.equal('missing_token');
    expect(detail.message).to.contain('clientToken');
    expect(lines.some((l) => l.includes('clientToken') && l.includes('card-component'))).to.equal(true);
  });

  it('loads once the token arrives after a missing_token load-error', async () => {
    const { el, loadError } = await mountCard((e) => {
      e.clientKey = TEST_KEY;
      e.loadTimeout = 200;
    });
    await capturingConsole(() => loadError);
    const session = await createSession();
    const ready = oneEvent(el, 'ready');
    // The short wait was for the token; the frame itself gets the usual time to load.
    el.loadTimeout = 15_000;
    el.clientToken = session.client_token;
    await ready;
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.not.exist;
  });

  it('says at once what to do about a lower-cased clienttoken attribute, and waits for the property (server rendering, hydration)', async () => {
    const session = await createSession();
    const { value, lines } = await capturingConsole(async () => {
      const { el, loadError, started } = await mountCard((e) => {
        e.setAttribute('clientkey', TEST_KEY);
        e.setAttribute('clienttoken', session.client_token);
        e.loadTimeout = 3000;
      });
      const errors = record(el, ['load-error']);
      // Hydration sets the properties a moment later: no error came before, and the card starts.
      await quietWindow(500);
      expect(errors, 'no load-error while the property may still come').to.deep.equal([]);
      const ready = oneEvent(el, 'ready');
      el.loadTimeout = 15_000;
      el.clientKey = TEST_KEY;
      el.clientToken = session.client_token;
      await ready;
      expect(errors).to.deep.equal([]);
      void loadError;
      return performance.now() - started;
    });
    expect(value).to.be.greaterThan(400);
    const warning = lines.find((l) => l.includes('"clienttoken"'));
    expect(warning, lines.join('\n')).to.exist;
    expect(warning).to.contain('client-token');
    expect(warning).to.contain('@momentpay/elements/react');
    // The only line is the warning: no false "no client token" error on the way.
    expect(
      lines.filter((l) => /No client token|missing_token/.test(l)),
      lines.join('\n'),
    ).to.deep.equal([]);
  });

  it('a lower-cased clienttoken attribute and no property ever: missing_token after load-timeout, not before', async () => {
    const session = await createSession();
    const { value: detail } = await capturingConsole(async () => {
      const { loadError, started } = await mountCard((e) => {
        e.setAttribute('clienttoken', session.client_token);
        e.setAttribute('clientkey', TEST_KEY);
        e.loadTimeout = 1200;
      });
      const { detail } = await loadError;
      expect(performance.now() - started, 'after the load timeout').to.be.at.least(1100);
      return detail;
    });
    expect(detail.code).to.equal('missing_token');
  });

  it('fires environment_mismatch at once for a pk_live_ key with a sandbox token, and the reverse', async () => {
    const session = await createSession();
    const live = await capturingConsole(async () => {
      const { loadError } = await mountCard((e) => {
        e.clientKey = 'pk_live_merchant';
        e.clientToken = session.client_token;
      });
      return (await loadError).detail;
    });
    expect(live.value.code).to.equal('environment_mismatch');
    expect(live.value.message).to.contain('pk_live_');
    expect(document.querySelector('card-component')!.shadowRoot!.querySelector('iframe'), 'no frame is opened').to.not.exist;

    const production = fakeToken({
      iss: 'https://api.momentpay.net',
      sid: 'cs_live123',
      env: 'production',
      variant: 'modal',
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const test = await capturingConsole(async () => {
      const { loadError } = await mountCard((e) => {
        e.clientKey = TEST_KEY;
        e.clientToken = production;
      });
      return (await loadError).detail;
    });
    expect(test.value.code).to.equal('environment_mismatch');
  });

  it('gives <wallet-button> the same missing_token load-error', async () => {
    const el = document.createElement('wallet-button') as WalletButton;
    el.clientKey = TEST_KEY;
    el.loadTimeout = 200;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px"></div>`);
    const { value: detail } = await capturingConsole(async () => {
      const failed = oneEvent(el, 'load-error');
      wrapper.append(el);
      return (await failed).detail;
    });
    expect(detail.code).to.equal('missing_token');
  });
});

describe('a new session starts blank', () => {
  it('opens a new frame with empty fields when the client token changes to another session, and cannot pay the new session with the old card', async () => {
    const { el, frame, session: first } = await readyCard();
    await fillCard(frame, { number: '4242424242424242', name: 'Ada Lovelace' });
    const result = await el.executePayment();
    expect(result.statusCode).to.equal(0);
    const oldIframe = el.shadowRoot!.querySelector('iframe')!;
    expect(new URL(oldIframe.src).searchParams.get('session')).to.equal(first.id);

    const second = await createSession();
    const ready = oneEvent(el, 'ready');
    el.clientToken = second.client_token;
    await ready;
    const iframe = el.shadowRoot!.querySelector('iframe')!;
    expect(iframe, 'a new frame').to.not.equal(oldIframe);
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
    expect(new URL(iframe.src).searchParams.get('session')).to.equal(second.id);
    const values = await frameEval<string[]>(frameName(el), `return [...document.querySelectorAll('input')].map((i) => i.value)`);
    expect(
      values.every((v) => v === ''),
      `fields: ${values.join('|')}`,
    ).to.equal(true);
    let error: { code?: string } | undefined;
    try {
      await el.executePayment();
    } catch (e) {
      error = e as { code?: string };
    }
    expect(error?.code).to.equal('validation_failed');
    expect((await getSession(second.id)).payment).to.equal(null);
  });
});

describe('validation messages', () => {
  const visibleMessages = (frame: string) =>
    frameEval<number>(
      frame,
      `return [...document.querySelectorAll('.mc-error')].filter((e) => !e.hidden && e.offsetParent !== null && e.getBoundingClientRect().height > 1 && e.textContent.trim()).length`,
    );

  it('shows visible text under invalid fields by default', async () => {
    const { el, frame } = await readyCard();
    await el.validate();
    await until(async () => (await visibleMessages(frame)) === 4, 3000, 'visible messages');
  });

  it('hides the text with hide-validation, for pages that render their own from validation-error', async () => {
    const { el, frame } = await readyCard();
    el.hideValidation = true;
    await el.updateComplete;
    const errors = oneEvent(el, 'validation-error');
    await el.validate();
    expect((await errors).detail.errors.length).to.equal(4);
    await until(async () => (await frameEval<number>(frame, `return document.querySelectorAll('[aria-invalid="true"]').length`)) === 4, 3000, 'invalid fields');
    expect(await visibleMessages(frame)).to.equal(0);
  });
});

describe('styles the secure frame refuses are named on the console', () => {
  it('says which declaration and which font the frame dropped, once each, and applies the rest', async () => {
    const session = await createSession();
    const { value: el, lines } = await capturingConsole(async () => {
      const { el } = await mountCard((e) => {
        e.clientKey = TEST_KEY;
        e.clientToken = session.client_token;
        e.styles = { base: { default: { color: 'rgb(1, 2, 3)', backgroundImage: 'url(https://evil.example/x.png)', fontSize: 'calc(1px);}body{x:y' } } };
        e.fontCss = ['https://evil.example/font.css'];
      });
      await oneEvent(el, 'ready');
      // A second configure (any change) does not say it again.
      el.hideValidation = true;
      await el.updateComplete;
      // Room for a second warning that must not come.
      await quietWindow(200);
      return el;
    });
    try {
      const named = (text: string) => lines.filter((line) => line.includes(text)).length;
      expect(named('styles.base.default.backgroundImage was dropped (property-not-allowed)'), lines.join('\n')).to.equal(1);
      expect(named('styles.base.default.fontSize was dropped (value-not-allowed)'), lines.join('\n')).to.equal(1);
      expect(named('fontCss "https://evil.example/font.css" is not loaded'), lines.join('\n')).to.equal(1);
      expect(named('styles.base.default.color'), 'an allowed declaration is not reported').to.equal(0);
      const color = await frameEval<string>(frameName(el), `return getComputedStyle(document.querySelector('#card-number')).color`);
      expect(color).to.equal('rgb(1, 2, 3)');
    } finally {
      el.remove();
    }
  });
});
