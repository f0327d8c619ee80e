import { expect, waitUntil } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import type { CheckoutEventName, CheckoutFrameConfig } from '../../src/protocol/checkout.js';
import { BridgeError } from '../../src/protocol/port.js';
import { CheckoutPage } from '../../src/frame/checkout/checkout-page.js';

type Emitted = { name: CheckoutEventName; detail: Record<string, unknown> };
const ORIGIN = 'https://frames.test';
const config = (extra: Partial<CheckoutFrameConfig> = {}): CheckoutFrameConfig => ({
  clientToken: 'tok_checkout',
  variant: 'inline',
  themeVariables: { '--moment-color-primary': '#5b2ab5', '--moment-color-text': 'red;}body{' },
  locale: 'en-GB',
  hidePayButton: false,
  ...extra,
});
const baseSession = {
  id: 'ps_checkout',
  status: 'open',
  amount: 1510,
  currency: 'GBP',
  variant: 'inline',
  expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  success_url: null as string | null,
  title: 'Dog shop',
  // Seed 004's example, verbatim: amountTotal is each line's total.
  itemLines: [
    { id: 'item 1', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } },
    { id: 'item 5', quantity: 1, caption: 'Dog bandana', amountTotal: { value: 600, currencyCode: 'GBP' } },
  ],
  taxLines: [
    { id: 'vat', caption: 'VAT', subCaption: '10%', amountTotal: { value: 10, currencyCode: 'GBP' } },
    { id: 'delivery', caption: 'Delivery', amountTotal: { value: 500, currencyCode: 'GBP' } },
  ],
  showTotal: true,
};

let container: HTMLDivElement;
let page: CheckoutPage;
let events: Emitted[];
let payments: { body: Record<string, unknown>; key: string }[];

interface Setup {
  session?: object | null;
  sessionStatus?: number;
  payment?: (n: number) => [number, object];
  afterPayment?: object;
}

/** A page against a fake frames API: `GET /v1/session`, `POST /v1/payments`, `GET /v1/payments/:id`. */
async function mount(setup: Setup = {}, cfg = config()): Promise<CheckoutPage> {
  container = document.createElement('div');
  container.style.width = '360px';
  document.body.append(container);
  events = [];
  payments = [];
  let sessionReads = 0;
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url).slice(ORIGIN.length);
    if (path === '/v1/session') {
      sessionReads++;
      const body = sessionReads > 1 && setup.afterPayment ? setup.afterPayment : setup.session === undefined ? baseSession : setup.session;
      return new Response(JSON.stringify(body), { status: setup.sessionStatus ?? 200 });
    }
    if (path === '/v1/payments' && init?.method === 'POST') {
      payments.push({ body: JSON.parse(init.body as string), key: (init.headers as Record<string, string>)['Idempotency-Key']! });
      const [status, body] = setup.payment?.(payments.length) ?? [
        200,
        { id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'AB12CD', message: 'Payment successful.' },
      ];
      return new Response(JSON.stringify(body), { status });
    }
    return new Response(JSON.stringify({ error: { type: 'not_found', message: 'nope' } }), { status: 404 });
  }) as typeof fetch;
  page = new CheckoutPage(container, cfg, {
    emit: (name, detail) => void events.push({ name, detail: detail as Record<string, unknown> }),
    origin: ORIGIN,
    fetch: fetchImpl,
    payment: { fetch: fetchImpl, retryDelayMs: 0 },
  });
  await page.load();
  return page;
}

const $ = <T extends Element = HTMLInputElement>(selector: string) => container.querySelector<T>(selector)!;
function type(selector: string, value: string): void {
  const el = $<HTMLInputElement | HTMLSelectElement>(selector);
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
  if (el instanceof HTMLSelectElement) el.dispatchEvent(new Event('change', { bubbles: true }));
}
function fillCard(number = '4242424242424242'): void {
  type('#card-number', number);
  type('#expiry-date', '1239');
  type('#cv2', '123');
  type('#card-name', 'Ada Lovelace');
}
const named = (name: CheckoutEventName) => events.filter((e) => e.name === name).map((e) => e.detail);
const outcome = async () => {
  await waitUntil(() => named('outcome').length > 0, 'no outcome event', { timeout: 3000 });
  return named('outcome')[0]!;
};

afterEach(() => {
  page?.destroy();
  container?.remove();
});

describe('checkout page: what it shows', () => {
  const rows = () => [...container.querySelectorAll<HTMLTableRowElement>('.mc-lines tr')].map((tr) => [...tr.cells].map((cell) => cell.textContent));

  it('shows seed 004\'s order: the title, item lines with quantity, tax lines with subCaption, Total due and "Pay £15.10"', async () => {
    await mount();
    expect($('h1').textContent).to.equal('Dog shop');
    expect(rows()).to.deep.equal([
      ['Dog socks Quantity: 4', '£4.00'],
      ['Dog bandana Quantity: 1', '£6.00'],
      ['VAT 10%', '£0.10'],
      ['Delivery', '£5.00'],
      ['Total due', '£15.10'],
    ]);
    expect($('.mc-pay').textContent).to.equal('Pay £15.10');
    expect($('#card-number').autocomplete).to.equal('cc-number');
  });

  it('is a table: row headers name each amount, the total sits in its foot, labelled "Order summary"', async () => {
    await mount();
    const table = $<HTMLTableElement>('.mc-summary table');
    expect(document.getElementById(table.getAttribute('aria-labelledby')!)!.textContent).to.equal('Order summary');
    for (const row of table.rows) {
      expect(row.cells[0]!.localName).to.equal('th');
      expect(row.cells[0]!.getAttribute('scope')).to.equal('row');
      expect(row.cells[1]!.localName).to.equal('td');
    }
    expect(table.tFoot!.textContent).to.equal('Total due£15.10');
  });

  it('shows amountTotal as given: lines that do not add up to the amount, and no multiplication by quantity', async () => {
    await mount({
      session: {
        ...baseSession,
        amount: 999,
        itemLines: [{ id: 'a', quantity: 3, caption: 'Tea', amountTotal: { value: 300, currencyCode: 'GBP' } }],
        taxLines: [],
      },
    });
    expect(rows()).to.deep.equal([
      ['Tea Quantity: 3', '£3.00'],
      ['Total due', '£9.99'],
    ]);
    expect($('.mc-pay').textContent).to.equal('Pay £9.99');
  });

  it('without showTotal: no "Total due" row, and the amount is on the pay button', async () => {
    await mount({ session: { ...baseSession, showTotal: undefined } });
    expect(rows().map((r) => r[0])).to.deep.equal(['Dog socks Quantity: 4', 'Dog bandana Quantity: 1', 'VAT 10%', 'Delivery']);
    expect(container.querySelector('.mc-total')).to.equal(null);
    expect($('.mc-pay').textContent).to.equal('Pay £15.10');
  });

  it('without showTotal and without its own pay button, still shows the amount: as the "Total due" row', async () => {
    await mount({ session: { ...baseSession, showTotal: false } }, config({ hidePayButton: true }));
    expect($('.mc-total').textContent).to.equal('Total due£15.10');
    page.update(config({ hidePayButton: false }));
    expect(container.querySelector('.mc-total')).to.equal(null);
  });

  it('has no summary at all without lines and without showTotal', async () => {
    await mount({ session: { ...baseSession, itemLines: undefined, taxLines: undefined, showTotal: undefined } });
    expect($<HTMLElement>('.mc-summary').hidden).to.equal(true);
    expect(container.querySelector('.mc-summary table')).to.equal(null);
  });

  it("formats the summary in the customer's language: labels, quantities and amounts", async () => {
    await mount({}, config({ locale: 'de-DE' }));
    await waitUntil(() => $('.mc-total-label').textContent === 'Fälliger Gesamtbetrag', 'German total label', { timeout: 3000 });
    const nbsp = (s: string | null) => s!.replace(/[\u00a0\u202f]/g, ' ');
    expect(rows().map((r) => r.map(nbsp))).to.deep.equal([
      ['Dog socks Menge: 4', '4,00 £'],
      ['Dog bandana Menge: 1', '6,00 £'],
      ['VAT 10%', '0,10 £'],
      ['Delivery', '5,00 £'],
      ['Fälliger Gesamtbetrag', '15,10 £'],
    ]);
  });

  it('fits 375 px: long captions wrap, amounts stay on one line beside them', async () => {
    const long = 'Hand-knitted merino wool dog socks in assorted autumn colours, pack of four pairs';
    await mount({ session: { ...baseSession, itemLines: [{ id: 'x', quantity: 1, caption: long, amountTotal: { value: 123456, currencyCode: 'GBP' } }] } });
    container.style.width = '375px';
    const table = $<HTMLTableElement>('.mc-summary table');
    expect(table.getBoundingClientRect().width).to.be.at.most(375);
    expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    expect(lines($('.mc-line-caption'))).to.be.greaterThan(1);
    expect(lines($('.mc-line-amount'))).to.equal(1);
  });

  it('defaults the title to "Checkout" and formats JPY without decimals', async () => {
    await mount({ session: { ...baseSession, title: undefined, amount: 1234, currency: 'JPY', itemLines: undefined, taxLines: undefined } });
    expect($('h1').textContent).to.equal('Checkout');
    expect($('.mc-pay').textContent).to.equal('Pay JP¥1,234');
    expect($('.mc-total').textContent).to.equal('Total dueJP¥1,234');
  });

  it('a session that accepts only Wallet shows the wallet button, no card form, and the amount in the summary', async () => {
    await mount({ session: { ...baseSession, paymentMethods: ['Wallet'] } });
    expect(container.querySelector('#card-number')).to.equal(null);
    expect(container.querySelector('.mc-pay')).to.equal(null);
    expect($('.mc-wallet #wallet-button')).to.exist;
    expect(rows().at(-1)).to.deep.equal(['Total due', '£15.10']);
    expect(named('error')).to.deep.equal([]);
    expect(named('outcome')).to.deep.equal([]);
    // The wallet's sheet opens only from a click on its own button, never from the host's submit.
    expect(() => page.submit())
      .to.throw(BridgeError)
      .with.property('code', 'not_configured');
  });

  it('offers the card form when paymentMethods has Card (with Wallet, or alone)', async () => {
    await mount({ session: { ...baseSession, paymentMethods: ['Card', 'Wallet'] } });
    expect($('#card-number')).to.exist;
    // The wallet button comes first, above the card form.
    const order = [...container.querySelectorAll('.mc-wallet, .mc-divider, .mc-card')].map((el) => el.className);
    expect(order).to.deep.equal(['mc-wallet', 'mc-divider', 'mc-card']);
    page.destroy();
    container.remove();
    await mount({ session: { ...baseSession, paymentMethods: ['Card'] } });
    expect($('#card-number')).to.exist;
  });

  it('collects email, shipping and billing when asked, with labels and autofill tokens', async () => {
    await mount({ session: { ...baseSession, collect: { email: true, billing_address: true, shipping_address: true } } });
    const ids = [
      'email',
      'shipping-name',
      'shipping-address1',
      'shipping-city',
      'shipping-postcode',
      'shipping-country',
      'billing-address1',
      'billing-postcode',
      'billing-country',
    ];
    for (const id of ids) {
      const field = $<HTMLInputElement | HTMLSelectElement>(`#${id}`);
      expect(container.querySelector(`label[for="${id}"]`)?.textContent, id).to.not.equal('');
      expect(field.autocomplete, id).to.not.equal('');
    }
    expect($('#email').autocomplete).to.equal('email');
    expect($('#email').type).to.equal('email');
    expect($('#shipping-postcode').autocomplete).to.equal('shipping postal-code');
    expect($<HTMLSelectElement>('#billing-country').value).to.equal('GB');
    // Shipping comes before the card, billing after it.
    const order = [...container.querySelectorAll('input, select')].map((el) => el.id);
    expect(order.indexOf('shipping-name')).to.be.lessThan(order.indexOf('card-number'));
    expect(order.indexOf('billing-address1')).to.be.greaterThan(order.indexOf('card-number'));
  });

  it('follows a language change while open: headings, labels, countries, shown messages, and the host hears them', async () => {
    await mount({ session: { ...baseSession, collect: { email: true, billing_address: true, shipping_address: true } } });
    type('#email', 'ada@');
    $('#email').dispatchEvent(new FocusEvent('blur'));
    type('#billing-country', 'DE');
    expect($('label[for="email"]').textContent).to.equal('Email');
    page.update(config({ locale: 'fr' }));
    await waitUntil(() => $('label[for="email"]').textContent === 'E-mail', 'the email label in French', { timeout: 3000 });
    expect($('label[for="shipping-city"]').textContent).to.equal('Ville');
    expect($('#shipping-heading').textContent).to.not.equal('Shipping address');
    expect($('#card-heading').textContent).to.not.equal('Card details');
    expect($('label[for="card-number"]').textContent).to.not.equal('Card number');
    const country = $<HTMLSelectElement>('#billing-country');
    expect(country.value).to.equal('DE');
    expect(country.selectedOptions[0]!.textContent).to.equal('Allemagne');
    expect($('#email-error').textContent).to.contain('Saisissez une adresse e-mail');
    expect(named('validation-error').at(-1)).to.deep.equal({
      errors: [{ field: 'email', errorType: 'emailInvalid', message: 'Saisissez une adresse e-mail comme nom@exemple.com.' }],
    });
  });

  it('is accessible, with all sections showing', async () => {
    await mount({ session: { ...baseSession, collect: { email: true, billing_address: true, shipping_address: true } } });
    await expect(container).to.be.accessible({ ignoredRules: ['landmark-one-main', 'page-has-heading-one', 'region'] });
  });

  it('applies safe theme variables only', async () => {
    await mount();
    const style = getComputedStyle(document.documentElement);
    expect(style.getPropertyValue('--moment-color-primary').trim()).to.equal('#5b2ab5');
    expect(style.getPropertyValue('--moment-color-text').trim()).to.equal('');
  });

  it('hides its pay button for an external one', async () => {
    await mount({}, config({ hidePayButton: true }));
    expect($<HTMLButtonElement>('.mc-pay').hidden).to.equal(true);
  });
});

describe('checkout page: sessions it cannot take payments for', () => {
  it('reports an unreadable session as an error, after answering configure', async () => {
    await mount({ session: { error: { type: 'invalid_token', message: 'x' } }, sessionStatus: 401 });
    expect(events).to.deep.equal([]);
    await waitUntil(() => named('error').length === 1);
    expect(named('error')[0]!.message).to.match(/could not be loaded/);
    expect($('.mc-state-heading').textContent).to.match(/could not be loaded/);
    expect(container.querySelector('#card-number')).to.equal(null);
  });

  const states: [string, string, string][] = [
    ['completed', 'success', 'Payment successful'],
    ['expired', 'expired', 'This checkout has expired'],
    ['failed', 'failure', 'Payment failed'],
    ['cancelled', 'cancel', 'This checkout was cancelled'],
  ];
  for (const [status, expected, heading] of states) {
    it(`shows a ${status} session and reports ${expected}`, async () => {
      await mount({ session: { ...baseSession, status } });
      const detail = await outcome();
      expect(detail).to.include({ outcome: expected, sessionId: 'ps_checkout' });
      expect($('.mc-state-heading').textContent).to.equal(heading);
      expect(container.querySelector('#card-number')).to.equal(null);
    });
  }

  it('treats 401 session_expired as expired, with the id from the token', async () => {
    const token = `e30.${btoa(JSON.stringify({ sid: 'ps_from_token' })).replace(/=+$/, '')}.sig`;
    await mount({ session: { error: { type: 'session_expired', message: 'x' } }, sessionStatus: 401 }, config({ clientToken: token }));
    expect(await outcome()).to.include({ outcome: 'expired', sessionId: 'ps_from_token' });
  });

  it('expires when expires_at passes: shows it, stops paying, reports expired', async () => {
    await mount({ session: { ...baseSession, expires_at: new Date(Date.now() + 400).toISOString() } });
    expect(page.currentPhase).to.equal('ready');
    expect(await outcome()).to.include({ outcome: 'expired' });
    expect($('.mc-state-heading').textContent).to.equal('This checkout has expired');
    expect(() => page.submit())
      .to.throw(BridgeError)
      .with.property('code', 'closed');
  });
});

describe('checkout page: paying', () => {
  it('refuses to pay an incomplete form: shows errors, focuses the first, rejects validation_failed', async () => {
    await mount({ session: { ...baseSession, collect: { email: true } } });
    let error: BridgeError | undefined;
    try {
      page.submit();
    } catch (e) {
      error = e as BridgeError;
    }
    expect(error).to.be.instanceOf(BridgeError);
    expect(error!.code).to.equal('validation_failed');
    expect(error!.errors!.map((e) => e.errorType)).to.include('cardNumberRequired');
    expect($('#email').getAttribute('aria-invalid')).to.equal('true');
    expect($('#email').getAttribute('aria-describedby')).to.equal('email-error');
    expect($('#email-error').textContent).to.contain('Enter your email address.');
    expect(document.activeElement).to.equal($('#email'));
    expect(payments).to.have.length(0);
  });

  it('pays with the card and the collected details, then shows success and reports it', async () => {
    await mount({ session: { ...baseSession, collect: { email: true, billing_address: true } } });
    fillCard();
    type('#email', 'ada@example.com');
    type('#billing-address1', '1 Main Street');
    type('#billing-city', 'London');
    type('#billing-postcode', 'SW1A 1AA');
    type('#billing-country', 'GB');
    expect(page.submit()).to.equal(null);
    expect($('.mc-pay').getAttribute('aria-busy')).to.equal('true');
    expect($<HTMLButtonElement>('.mc-pay').disabled).to.equal(true);
    expect($('.mc-pay').textContent).to.equal('Processing…');
    const detail = await outcome();
    expect(detail).to.deep.equal({
      outcome: 'success',
      sessionId: 'ps_checkout',
      message: 'Payment successful.',
      result: {
        statusCode: 0,
        message: 'Payment successful.',
        paymentId: 'pay_1',
        authCode: 'AB12CD',
        // The provider's answer has no copy here: what the page sent with this payment is given instead.
        customerDetails: {
          userEmailAddress: 'ada@example.com',
          billingAddress: { address1: '1 Main Street', city: 'London', postcode: 'SW1A 1AA', countryCode: '826' },
        },
      },
    });
    expect(payments).to.have.length(1);
    expect(payments[0]!.key).to.match(/^[0-9a-f]{32}$/);
    expect(payments[0]!.body.additionalInfo).to.deep.equal({
      userEmailAddress: 'ada@example.com',
      billingAddress: { address1: '1 Main Street', city: 'London', postcode: 'SW1A 1AA', countryCode: '826' },
    });
    expect($('.mc-state-heading').textContent).to.equal('Payment successful');
    expect(container.querySelector('#card-number'), 'the card fields are gone').to.equal(null);
  });

  it('pays when Enter is pressed in a collected field', async () => {
    await mount({ session: { ...baseSession, collect: { email: true } } });
    fillCard();
    type('#email', 'ada@example.com');
    $('#email').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect((await outcome()).outcome).to.equal('success');
  });

  it('pays when Enter is pressed in a card field, once', async () => {
    await mount();
    fillCard();
    $('#cv2').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect((await outcome()).outcome).to.equal('success');
    expect(payments).to.have.length(1);
  });

  it('keeps the form after a decline: message shown, attempt-failed reported, a retry uses a new key', async () => {
    await mount({
      payment: (n) =>
        n === 1
          ? [200, { id: 'pay_1', status: 'declined', statusCode: 5, message: 'Card declined.' }]
          : [200, { id: 'pay_2', status: 'succeeded', statusCode: 0, message: 'OK' }],
    });
    fillCard('4000000000000002');
    page.submit();
    expect(await outcome()).to.deep.equal({
      outcome: 'attempt-failed',
      sessionId: 'ps_checkout',
      message: 'Card declined.',
      result: { statusCode: 5, message: 'Card declined.', paymentId: 'pay_1', sessionStatus: 'open' },
    });
    await waitUntil(() => page.currentPhase === 'ready');
    expect($('.mc-attempt').textContent).to.equal('Card declined.');
    expect($<HTMLParagraphElement>('.mc-attempt').hidden).to.equal(false);
    expect($('#card-number').value).to.equal('4000 0000 0000 0002');
    expect($<HTMLButtonElement>('.mc-pay').disabled).to.equal(false);
    page.submit();
    await waitUntil(() => named('outcome').length === 2);
    expect(named('outcome')[1]!.outcome).to.equal('success');
    expect(payments[0]!.key).to.not.equal(payments[1]!.key);
  });

  it('ends with one failure, not an attempt-failed too, when the decline used up the last try', async () => {
    await mount({
      payment: () => [200, { id: 'pay_1', status: 'declined', statusCode: 5, message: 'Card declined.' }],
      afterPayment: { ...baseSession, status: 'failed' },
    });
    fillCard();
    page.submit();
    await outcome();
    // Room for a second outcome that must not come.
    await quietWindow(50);
    expect(named('outcome')).to.deep.equal([
      {
        outcome: 'failure',
        sessionId: 'ps_checkout',
        message: 'Card declined.',
        result: { statusCode: 5, message: 'Card declined.', paymentId: 'pay_1', sessionStatus: 'failed' },
      },
    ]);
    expect($('.mc-state-heading').textContent).to.equal('Payment failed');
    expect($('.mc-state-text').textContent).to.equal('This checkout can take no more attempts. Please go back and start again.');
  });

  const ends: [string, [number, object], string][] = [
    ['a duplicate (20) on a session that is not paid', [200, { id: 'pay_1', status: 'failed', statusCode: 20, message: 'Duplicate.' }], 'failure'],
    // (5xx on every try is a failed attempt once the provider says it never got the request: test/frame/checkout-outcomes.test.ts.)
    ['too many attempts (400)', [429, { error: { type: 'too_many_attempts', message: 'Too many attempts.' } }], 'failure'],
    ['an expired token (401)', [401, { error: { type: 'session_expired', message: 'Expired.' } }], 'expired'],
  ];
  for (const [name, answer, expected] of ends) {
    it(`ends with ${expected} after ${name}`, async () => {
      await mount({ payment: () => answer });
      fillCard();
      page.submit();
      expect((await outcome()).outcome).to.equal(expected);
      expect(container.querySelector('#card-number')).to.equal(null);
    });
  }

  it('answers a second submit while paying with null and pays once', async () => {
    await mount();
    fillCard();
    expect(page.submit()).to.equal(null);
    expect(page.submit()).to.equal(null);
    await outcome();
    expect(payments).to.have.length(1);
  });
});

describe('checkout page: 3-D Secure in redirect mode', () => {
  it('emits redirect to the challenge URL with ?return_url= the success_url, and does not open it in the frame', async () => {
    const successUrl = 'https://shop.example/done?session_id=ps_checkout';
    await mount({
      session: { ...baseSession, success_url: successUrl },
      payment: () => [
        200,
        { id: 'pay_3ds', status: 'requires_action', statusCode: 3, message: 'Verify', challenge: { url: `${ORIGIN}/3ds/challenge/pay_3ds`, windowSize: '02' } },
      ],
    });
    fillCard('4000000000003220');
    page.submit();
    await waitUntil(() => named('redirect').length === 1);
    expect(named('redirect')[0]).to.deep.equal({ url: `${ORIGIN}/3ds/challenge/pay_3ds?return_url=${encodeURIComponent(successUrl)}` });
    expect(named('outcome')).to.deep.equal([]);
    expect(container.querySelector('iframe')).to.equal(null);
    expect(page.currentPhase).to.equal('redirecting');
    const link = $<HTMLAnchorElement>('.mc-state-link');
    expect(link.target).to.equal('_top');
    expect(link.href).to.equal(named('redirect')[0]!.url);
  });
});
