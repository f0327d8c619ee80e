/**
 * Seed 004's checkout extras end to end, with the seed's request bodies sent to the sandbox as a
 * merchant's backend would: the order summary (`itemLines`, `taxLines` with `subCaption`,
 * `config.title`, `config.details.showTotal`), the collected details reaching the merchant's
 * outcome, and `paymentMethods`.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import type { CheckoutResult } from '../../src/core/events.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import {
  TEST_KEY,
  createSession,
  fillCard,
  frameAxe,
  frameClick,
  frameEval,
  frameUntil,
  getSession,
  paidWebhooks,
  record,
  subscribeWebhooks,
} from '../support/helpers.js';

/** Seed 004, "Show detailed information about the order and taxes", the request body verbatim (amount in the product's form). */
const SEED_ORDER = {
  reference: 'Order-0001',
  itemLines: [
    { id: 'item 1', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } },
    { id: 'item 5', quantity: 1, caption: 'Dog bandana', amountTotal: { value: 600, currencyCode: 'GBP' } },
  ],
  taxLines: [
    { id: 'vat', caption: 'VAT', subCaption: '10%', amountTotal: { value: 10, currencyCode: 'GBP' } },
    { id: 'delivery', caption: 'Delivery', amountTotal: { value: 500, currencyCode: 'GBP' } },
  ],
  config: { title: 'The Company', details: { showTotal: true } },
};

async function open(extra: object, options: { amount?: number; variant?: 'modal' | 'inline' } = {}) {
  const session = await createSession({ amount: options.amount ?? 1510, variant: options.variant ?? 'modal', extra });
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('moment-checkout') as MomentCheckout;
  el.clientKey = TEST_KEY;
  el.fetchClientToken = async () => session.client_token;
  wrapper.append(el);
  return { el, session };
}

const frameOf = (el: MomentCheckout): string => el.shadowRoot!.querySelector('iframe')!.name;
const summaryRows = (frame: string) =>
  frameEval<string[][]>(frame, `return [...document.querySelectorAll('.mc-lines tr')].map((tr) => [...tr.cells].map((c) => c.textContent));`);

describe('<moment-checkout>: the order summary of seed 004', () => {
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  it('shows config.title, the item lines with quantity, the tax lines with subCaption and "Total due" (showTotal)', async () => {
    const { el } = await open(SEED_ORDER);
    await el.launch();
    const frame = frameOf(el);
    expect(await frameEval<string>(frame, `return document.querySelector('h1').textContent`)).to.equal('The Company');
    expect(await summaryRows(frame)).to.deep.equal([
      ['Dog socks Quantity: 4', '£4.00'],
      ['Dog bandana Quantity: 1', '£6.00'],
      ['VAT 10%', '£0.10'],
      ['Delivery', '£5.00'],
      ['Total due', '£15.10'],
    ]);
    expect(await frameEval<string>(frame, `return document.querySelector('.mc-pay').textContent`)).to.equal('Pay £15.10');
    expect(await frameAxe(frame)).to.deep.equal([]);
    el.close();
  });

  it('takes lines that do not add up to the amount (the seed: they do not affect it), and charges the amount', async () => {
    const { el, session } = await open(SEED_ORDER, { amount: 2000 });
    await el.launch();
    const frame = frameOf(el);
    expect((await summaryRows(frame)).at(-1)).to.deep.equal(['Total due', '£20.00']);
    await fillCard(frame, { number: '4242424242424242' });
    const paid = oneEvent(el, 'payment-success');
    await frameClick(frame, '.mc-pay');
    await paid;
    const stored = await getSession(session.id);
    expect(stored).to.include({ status: 'completed', amount: 2000 });
    el.close();
  });

  it('without showTotal shows the lines only, with the amount on the pay button', async () => {
    const { el } = await open({ ...SEED_ORDER, config: { title: 'The Company' } });
    await el.launch();
    const frame = frameOf(el);
    expect((await summaryRows(frame)).map((r) => r[0])).to.deep.equal(['Dog socks Quantity: 4', 'Dog bandana Quantity: 1', 'VAT 10%', 'Delivery']);
    expect(await frameEval<string>(frame, `return document.querySelector('.mc-pay').textContent`)).to.equal('Pay £15.10');
    el.close();
  });

  it('fits a 375 px bottom sheet: no horizontal scrolling in the frame', async () => {
    await setViewport({ width: 375, height: 740 });
    const { el } = await open({
      ...SEED_ORDER,
      itemLines: [
        {
          id: 'long',
          quantity: 12,
          caption: 'Hand-knitted merino wool dog socks in assorted autumn colours, pack of four pairs',
          amountTotal: { value: 1234567, currencyCode: 'GBP' },
        },
      ],
    });
    await el.launch();
    const frame = frameOf(el);
    const sizes = await frameEval<{ scroll: number; client: number }>(
      frame,
      `return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }`,
    );
    expect(sizes.scroll).to.be.at.most(sizes.client);
    el.close();
  });
});

describe('<moment-checkout>: collected details reach the merchant', () => {
  it("a checkout that collects email, shipping and billing (seed 004's config flags) gives them in payment-success, onSuccess, GET session and the webhooks", async () => {
    await subscribeWebhooks();
    const { el, session } = await open(
      { config: { customerEmail: { collectionRequired: true }, billingAddress: { collectionRequired: true }, shippingDetails: { collectionRequired: true } } },
      { amount: 1000, variant: 'inline' },
    );
    const results: CheckoutResult[] = [];
    el.onSuccess = (result) => results.push(result);
    await el.launch();
    const frame = frameOf(el);
    // The collected fields are the page's own inputs: filled as autofill would, then the card by keys.
    await frameEval(
      frame,
      `
      const values = { email: 'ada@example.com', 'shipping-name': 'Ada Lovelace', 'shipping-address1': '12 St James Square',
        'shipping-city': 'London', 'shipping-postcode': 'SW1Y 4JH', 'shipping-country': 'GB',
        'billing-address1': '1 Main Street', 'billing-city': 'Dublin', 'billing-postcode': 'D02 X285', 'billing-country': 'IE' };
      for (const [id, value] of Object.entries(values)) {
        const field = document.getElementById(id);
        field.value = value;
        field.dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return true;`,
    );
    await fillCard(frame, { number: '4242424242424242' });
    const paid = oneEvent(el, 'payment-success');
    await el.submit();
    const { detail } = await paid;
    const expected = {
      userEmailAddress: 'ada@example.com',
      billingAddress: { address1: '1 Main Street', city: 'Dublin', postcode: 'D02 X285', countryCode: '372' },
      shippingDetails: { name: 'Ada Lovelace', address: { address1: '12 St James Square', city: 'London', postcode: 'SW1Y 4JH', countryCode: '826' } },
    };
    expect(detail.customerDetails).to.deep.equal(expected);
    expect(results).to.deep.equal([detail]);
    const stored = (await getSession(session.id)) as unknown as { customer_details: unknown };
    expect(stored.customer_details).to.deep.equal(expected);
    const hooks = await paidWebhooks(session.id);
    expect(hooks['payment_intent.status_updated']?.customerDetails).to.deep.equal(expected);
    expect(hooks['payment_session.status_updated']?.customerDetails).to.deep.equal(expected);
    el.close();
  });
});

describe('<moment-checkout>: paymentMethods', () => {
  it('a session for ["Wallet"] only shows the wallet button and no card form, and pays by the sandbox wallet', async () => {
    const { el, session } = await open({ ...SEED_ORDER, paymentMethods: ['Wallet'] });
    const log = record(el, ['checkout-error', 'payment-success']);
    await el.launch();
    const frame = frameOf(el);
    await frameUntil(frame, `document.querySelector('#wallet-button')?.dataset.wallet === 'sandbox'`);
    expect(await frameEval<boolean>(frame, `return document.querySelector('#card-number') === null`)).to.equal(true);
    expect(await frameEval<string>(frame, `return document.querySelector('.mc-test-badge').textContent`)).to.equal('Test mode');
    expect(await frameAxe(frame)).to.deep.equal([]);
    const paid = oneEvent(el, 'payment-success');
    await frameClick(frame, '#wallet-button');
    await frameClick(frame, '#sheet-pay');
    const { detail } = await paid;
    expect(detail.statusCode).to.equal(0);
    expect(log.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect((await getSession(session.id)).status).to.equal('completed');
    el.close();
  });

  it('a session for ["Card", "Wallet"] offers the wallet button above the card form, and the wallet pays with the details it collects', async () => {
    const { el, session } = await open({
      paymentMethods: ['Card', 'Wallet'],
      config: { customerEmail: { collectionRequired: true } },
    });
    await el.launch();
    const frame = frameOf(el);
    expect(await frameEval<boolean>(frame, `return document.querySelector('#card-number') !== null`)).to.equal(true);
    expect(await frameEval<string[]>(frame, `return [...document.querySelectorAll('.mc-wallet, .mc-card')].map((e) => e.className)`)).to.deep.equal([
      'mc-wallet',
      'mc-card',
    ]);
    await frameUntil(frame, `document.querySelector('#wallet-button')?.dataset.wallet === 'sandbox'`);
    const paid = oneEvent(el, 'payment-success');
    await frameClick(frame, '#wallet-button');
    // The sheet asks for the email the session collects (collect.email → emailRequired).
    await frameUntil(frame, `document.querySelector('.mw-sheet #sheet-email, .mw-sheet input[type=email]')`);
    await frameEval(
      frame,
      `
      const email = document.querySelector('.mw-sheet input[type=email]');
      email.value = 'ada@example.com';
      email.dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
      return true;`,
    );
    await frameClick(frame, '#sheet-pay');
    const { detail } = await paid;
    expect(detail.statusCode).to.equal(0);
    expect(detail.customerDetails?.userEmailAddress).to.equal('ada@example.com');
    expect((await getSession(session.id)).status).to.equal('completed');
    // Paid once: the checkout has ended, the card form and the wallet button are gone.
    expect(await frameEval<boolean>(frame, `return !document.querySelector('#wallet-button') && !document.querySelector('#card-number')`)).to.equal(true);
    el.close();
  });
});
