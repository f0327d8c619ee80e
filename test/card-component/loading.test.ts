import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import { TEST_KEY, createSession, frameName, readyCard, sandboxOrigin, until } from '../support/helpers.js';

/** A JWT-shaped token with the given claims (unsigned: the host only reads claims). */
function fakeToken(claims: object): string {
  const encode = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** Mounts a configured element; `ready` and `load-error` are listened for before it connects. */
async function mount(setup: (el: CardComponent) => void) {
  const el = document.createElement('card-component');
  setup(el);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 400px"></div>`);
  const ready = oneEvent(el, 'ready');
  const loadError = oneEvent(el, 'load-error');
  wrapper.append(el);
  return { el, ready, loadError };
}

describe('<card-component> loading', () => {
  it('loads the card frame from the sandbox origin named by the token issuer, and fires ready', async () => {
    const origin = await sandboxOrigin();
    const { el } = await readyCard();
    const iframes = el.shadowRoot!.querySelectorAll('iframe');
    expect(iframes.length).to.equal(1);
    const iframe = iframes[0]!;
    expect(iframe.src.startsWith(`${origin}/frames/card?session=`)).to.equal(true);
    expect(new URL(iframe.src).origin).to.not.equal(window.location.origin);
    expect(iframe.contentDocument, 'cross-origin frame').to.equal(null);
    expect(iframe.title).to.equal('Secure card payment form');
  });

  it('honours frames-origin for a pk_test_ key', async () => {
    const origin = await sandboxOrigin();
    const session = await createSession();
    const { el, ready } = await mount((e) => {
      e.clientKey = TEST_KEY;
      e.framesOrigin = origin.replace('127.0.0.1', 'localhost');
      e.clientToken = session.client_token;
    });
    await ready;
    const iframe = el.shadowRoot!.querySelector('iframe')!;
    expect(new URL(iframe.src).hostname).to.equal('localhost');
  });

  it('reserves its height with a skeleton while the frame loads, then takes the frame height', async () => {
    const session = await createSession();
    const { el, ready } = await mount((e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
    });
    const skeleton = el.shadowRoot!.querySelector('[part="skeleton"]');
    expect(skeleton).to.exist;
    const reserved = el.getBoundingClientRect().height;
    expect(reserved).to.be.greaterThan(100);
    const { detail } = await ready;
    expect(detail.height).to.be.greaterThan(100);
    expect(Math.abs(detail.height - reserved), 'reserved height matches the frame').to.be.lessThan(4);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="skeleton"]')).to.equal(null);
    expect(Math.round(el.getBoundingClientRect().height)).to.equal(Math.round(detail.height));
  });

  it('fires load-error with code timeout when the frame never answers, and loads on retry()', async () => {
    const session = await createSession();
    const failures: unknown[] = [];
    const { el, loadError } = await mount((e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
      e.framesOrigin = window.location.origin; // serves no frame: nothing will say hello
      e.loadTimeout = 300;
      e.onIframeLoadFailed = (error) => failures.push(error);
    });
    const { detail } = await loadError;
    expect(detail.code).to.equal('timeout');
    expect(failures).to.have.length(1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('could not load');

    el.framesOrigin = null;
    el.loadTimeout = 15_000;
    const loaded: string[] = [];
    el.onIframeLoaded = () => loaded.push('loaded');
    const ready = oneEvent(el, 'ready');
    el.retry();
    await ready;
    expect(loaded).to.deep.equal(['loaded']);
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
  });

  it('offers a Try again button after a load timeout', async () => {
    const session = await createSession();
    const { el, loadError } = await mount((e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
      e.loadTimeout = 1; // the frame cannot answer in 1 ms
    });
    await loadError;
    await el.updateComplete;
    el.loadTimeout = 15_000;
    const ready = oneEvent(el, 'ready');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await ready;
  });
});

describe('<card-component> configuration errors', () => {
  const cases: { name: string; key: string; token?: () => Promise<string> | string; code: string; says: RegExp }[] = [
    { name: 'refuses a secret key and never loads a frame', key: 'sk_test_12345', code: 'secret_key_refused', says: /secret key/i },
    { name: 'rejects a key that is not a publishable key', key: 'nonsense', code: 'invalid_client_key', says: /pk_test_/ },
    { name: 'rejects a token that is not a JWT', key: TEST_KEY, token: () => 'not-a-token', code: 'invalid_client_token', says: /client_token/ },
    {
      name: 'rejects an expired token',
      key: TEST_KEY,
      token: () => fakeToken({ iss: 'http://127.0.0.1:1', sid: 'ps_x', variant: 'modal', exp: Math.floor(Date.now() / 1000) - 60 }),
      code: 'client_token_expired',
      says: /expired/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const token = c.token ? await c.token() : (await createSession()).client_token;
      const errors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const { el, loadError } = await mount((e) => {
          e.clientKey = c.key;
          e.clientToken = token;
        });
        const { detail } = await loadError;
        expect(detail.code).to.equal(c.code);
        expect(detail.message).to.match(c.says);
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
        expect(errors.some((args) => String(args[0]).includes(detail.message))).to.equal(true);
      } finally {
        console.error = original;
      }
    });
  }

  it('rejects a frames-origin that is not an origin', async () => {
    const session = await createSession();
    const { loadError } = await mount((e) => {
      e.clientKey = TEST_KEY;
      e.framesOrigin = 'javascript:alert(1)';
      e.clientToken = session.client_token;
    });
    const { detail } = await loadError;
    expect(detail.code).to.equal('invalid_frames_origin');
  });

  it('waits quietly for a client token that arrives after the key', async () => {
    const { el } = await mount((e) => (e.clientKey = TEST_KEY));
    let errored = false;
    el.addEventListener('load-error', () => (errored = true));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
    const session = await createSession();
    const ready = oneEvent(el, 'ready');
    el.setAttribute('client-token', session.client_token);
    await ready;
    expect(errored).to.equal(false);
  });
});

describe('<card-component> lifecycle', () => {
  it('keeps exactly one iframe when moved, and becomes ready again in its new place', async () => {
    const { el } = await readyCard();
    const first = frameName(el);
    const other = await fixture<HTMLDivElement>(html`<section></section>`);
    const ready = oneEvent(el, 'ready');
    other.append(el);
    await ready;
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
    expect(frameName(el)).to.not.equal(first);
  });

  it('removes its iframe when detached, and loads a fresh one when re-attached', async () => {
    const { el } = await readyCard();
    const parent = el.parentElement!;
    el.remove();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(0);
    const ready = oneEvent(el, 'ready');
    parent.append(el);
    await ready;
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
  });

  it('works inside another element’s shadow root', async () => {
    const session = await createSession();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<div><card-component client-key="${TEST_KEY}"></card-component></div>`;
    const el = root.querySelector('card-component')!;
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    await until(() => el.getBoundingClientRect().height > 100, 3000, 'frame height');
  });
});
