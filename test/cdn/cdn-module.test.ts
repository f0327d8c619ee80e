// The CDN build as a merchant's plain HTML page uses it: one module, attributes only.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CardChange } from '../../src/protocol/card.js';
import { createSession, fillCard, frameName, sandboxOrigin, typeInFrame, until } from '../support/helpers.js';

describe('dist/cdn/moment-elements.js', () => {
  before(async () => {
    // @ts-expect-error -- a built file served by the test server, not a source module
    await import('/dist/cdn/moment-elements.js');
  });

  it('registers the elements from one module', () => {
    expect(customElements.get('card-component')).to.be.a('function');
  });

  it('becomes ready from attributes alone, reports the brand, and pays with 4242…', async () => {
    const origin = await sandboxOrigin();
    const session = await createSession();
    const container = await fixture<HTMLDivElement>(html`<div style="width: 400px"></div>`);
    const ready = oneEvent(container, 'ready');
    container.innerHTML = `<card-component client-key="pk_test_cdn" client-token="${session.client_token}" frames-origin="${origin}"></card-component>`;
    await ready;
    const el = container.querySelector('card-component')!;
    const frame = frameName(el);
    const brands: string[] = [];
    el.addEventListener('change', (e) => brands.push((e as CustomEvent<CardChange>).detail.brand));
    await typeInFrame(frame, 'cardNumber', '4242');
    await until(() => brands.includes('visa'), 3000, 'visa brand');
    await typeInFrame(frame, 'cardNumber', '424242424242');
    await fillCard(frame, { number: '', expiry: '12/34', cvv: '123' });
    const result = await el.executePayment();
    expect(result.statusCode).to.equal(0);
  });
});

describe('dist/cdn/moment.js (classic script)', () => {
  it('sets window.Moment and works from a script in <head>, before <body> exists', async () => {
    const iframe = document.createElement('iframe');
    iframe.srcdoc = `<!doctype html><html><head><script src="/dist/cdn/moment.js"></script><script>
      window.checkout = Moment('pk_test_head').checkout({ fetchClientToken: async () => 'token' });
    </script></head><body></body></html>`;
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    document.body.append(iframe);
    await loaded;
    const win = iframe.contentWindow as Window & { Moment?: unknown; checkout?: { element: Element } };
    expect(win.Moment).to.be.a('function');
    expect(win.checkout?.element.localName).to.equal('moment-checkout');
    expect(win.checkout?.element.isConnected).to.equal(true);
    iframe.remove();
  });
});
