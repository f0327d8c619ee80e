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
