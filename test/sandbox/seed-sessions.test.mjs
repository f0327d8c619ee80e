// Seed 004's payment-intent bodies and seed 000's create-session body, sent verbatim (only the
// host changes) to POST /collect/payment_sessions: every field the seeds name is stored and read
// back under the seed's name, or refused with a 400 that says why. Nothing is accepted and ignored.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, sessionBody, SECRET_KEY } from './helpers.mjs';

/** Seed 004's public sandbox key and headers, verbatim (literal `Basic` prefix, not base64). */
const SEED_004_HEADERS = {
  authorization: 'Basic sk_sandbox_c8oLGaI__msxsXbpBDpdtwJEz_eIhfQoKHmedqgZPCdBx59zpKZLSk8OPLT0cZolbeuYJSBvzDVVsYvtpo5RkQ',
  version: '2024-02-05',
};

/** Seed 004's `--data '…'` texts, byte for byte. */
const SEED_004 = {
  paymentMethods: '{ "amount": { "value": 1000, "currencyCode": "GBP" }, "reference": "Order-0001", "paymentMethods": [ "Card", "Wallet" ] }',
  collectionFlags:
    '{ "amount": { "value": 1000, "currencyCode": "GBP" }, "reference": "Order-0001", "config": { "customerEmail": { "collectionRequired": true }, "billingAddress": { "collectionRequired": true }, "shippingDetails": { "collectionRequired": true } } }',
  redirectUrl:
    '{ "amount": { "value": 1000, "currencyCode": "GBP" }, "reference": "Order-0001", "config": { "redirectUrl": "http://mymerchantsite.com/checkout/success_pay" } }',
  lines:
    '{ "amount": { "value": 1510, "currencyCode": "GBP" }, "reference": "Order-0001", "itemLines": [ { "id": "item 1", "quantity": 4, "caption": "Dog socks", "amountTotal": { "value": 400, "currencyCode": "GBP" } }, { "id": "item 5", "quantity": 1, "caption": "Dog bandana", "amountTotal": { "value": 600, "currencyCode": "GBP" } } ], "taxLines": [ { "id": "vat", "caption": "VAT", "subCaption": "10%", "amountTotal": { "value": 10, "currencyCode": "GBP" } }, { "id": "delivery", "caption": "Delivery", "amountTotal": { "value": 500, "currencyCode": "GBP" } } ], "config": { "details": { "showTotal": true } } }',
  title: '{ "amount": { "value": 1000, "currencyCode": "GBP" }, "reference": "Order-0001", "config": { "title": "The Company" } }',
  walkthrough: `{
  "amount": {
    "value": 1000,
    "currencyCode": "GBP"
  },
  "reference": "Order-0001",
  "description": "Hosted checkout payment for basket 245",
  "config": {
    "redirectUrl": "https://merchant.example/checkout/success"
  }
}`,
};

describe('seed bodies create sessions verbatim', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  /** `curl --request POST … --header 'Authorization: Basic sk_sandbox_…' --data '<raw>'`. */
  const curl = (raw, headers = SEED_004_HEADERS) =>
    api.call('POST', '/collect/payment_sessions', { headers: { ...headers, 'content-type': 'application/json' }, raw });
  const read = (id, headers = SEED_004_HEADERS) => api.call('GET', `/collect/payment_sessions/${id}`, { headers });

  it("seed 000's create-session body (Bearer sk_test_your_secret_key) creates an open session", async () => {
    const res = await api.call('POST', '/collect/payment_sessions', {
      headers: { Authorization: 'Bearer sk_test_your_secret_key', 'Content-Type': 'application/json' },
      body: {
        amount: 10000, // Amount in cents (e.g., R100.00)
        currency: 'ZAR',
        type: 'one_time',
        options: {
          checkout_options: {
            presentation_mode: { mode: 'embedded' },
            success_url: 'https://yoursite.com/checkout?session_id={SESSION_ID}', // required for redirect payments
          },
        },
      },
    });
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.client_token, 'string');
    assert.equal(res.body.success_url, `https://yoursite.com/checkout?session_id=${res.body.id}`);
    const again = await api.call('GET', `/collect/payment_sessions/${res.body.id}`, { headers: { Authorization: 'Bearer sk_test_your_secret_key' } });
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'open');
  });

  it("seed 004's paymentMethods body: amount as {value, currencyCode}, no currency, no type; paymentMethods stored and returned", async () => {
    const res = await curl(SEED_004.paymentMethods);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.amount, 1000);
    assert.equal(res.body.currency, 'GBP');
    assert.equal(res.body.type, 'one_time');
    assert.equal(res.body.reference, 'Order-0001');
    assert.deepEqual(res.body.paymentMethods, ['Card', 'Wallet']);
    assert.deepEqual((await read(res.body.id)).body.paymentMethods, ['Card', 'Wallet']);
    assert.deepEqual((await api.frameSession(res.body.client_token)).body.paymentMethods, ['Card', 'Wallet']);
  });

  it("seed 004's collection-flags body: the checkout collects email, billing address and shipping details", async () => {
    const res = await curl(SEED_004.collectionFlags);
    assert.equal(res.status, 200, res.text);
    const expected = { email: true, billing_address: true, shipping_address: true };
    assert.deepEqual(res.body.collect, expected);
    assert.deepEqual(res.body.config, {
      customerEmail: { collectionRequired: true },
      billingAddress: { collectionRequired: true },
      shippingDetails: { collectionRequired: true },
    });
    assert.deepEqual((await api.frameSession(res.body.client_token)).body.collect, expected);
  });

  it("seed 004's redirectUrl body is refused: its http://mymerchantsite.com is not https (seed 002), a 400 naming config.redirectUrl", async () => {
    const res = await curl(SEED_004.redirectUrl);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.type, 'invalid_request_error');
    assert.equal(res.body.error.param, 'config.redirectUrl');
    assert.match(res.body.error.message, /^config\.redirectUrl must use https: http is allowed only for localhost, 127\.0\.0\.1 or \[::1\]/);
  });

  it('the same body with an https redirectUrl sends the customer there (config.redirectUrl is success_url)', async () => {
    const res = await curl(SEED_004.redirectUrl.replace('http://mymerchantsite.com', 'https://mymerchantsite.com'));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.success_url, 'https://mymerchantsite.com/checkout/success_pay');
    assert.equal(res.body.config.redirectUrl, 'https://mymerchantsite.com/checkout/success_pay');
    assert.equal((await api.frameSession(res.body.client_token)).body.success_url, 'https://mymerchantsite.com/checkout/success_pay');
  });

  it("seed 004's itemLines/taxLines body: lines kept as given (subCaption too), showTotal set; they need not add up to amount", async () => {
    const res = await curl(SEED_004.lines);
    assert.equal(res.status, 200, res.text);
    const body = JSON.parse(SEED_004.lines);
    assert.equal(res.body.amount, 1510);
    assert.deepEqual(res.body.itemLines, body.itemLines);
    assert.deepEqual(res.body.taxLines, body.taxLines);
    assert.deepEqual(res.body.config.details, { showTotal: true });
    const view = (await api.frameSession(res.body.client_token)).body;
    assert.deepEqual(view.itemLines, body.itemLines);
    assert.deepEqual(view.taxLines, body.taxLines);
    assert.equal(view.showTotal, true);
    assert.equal(view.amount, 1510);

    const short = await curl(SEED_004.lines.replace('"value": 1510', '"value": 99'));
    assert.equal(short.status, 200, 'seed 004: "Item and tax amounts do not affect the payment intent amount"');
    assert.equal(short.body.amount, 99);
  });

  it("seed 004's config.title body: the checkout's heading", async () => {
    const res = await curl(SEED_004.title);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.title, 'The Company');
    assert.equal(res.body.config.title, 'The Company');
    assert.equal((await api.frameSession(res.body.client_token)).body.title, 'The Company');
  });

  it("seed 004's walkthrough body: description stored and returned, redirectUrl as success_url", async () => {
    const res = await curl(SEED_004.walkthrough);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.description, 'Hosted checkout payment for basket 245');
    assert.equal(res.body.success_url, 'https://merchant.example/checkout/success');
    assert.equal((await read(res.body.id)).body.description, 'Hosted checkout payment for basket 245');
  });
});

describe('seed names beside the product names', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const line = (currencyCode = 'GBP') => ({ id: 'a', quantity: 1, caption: 'Tea', amountTotal: { value: 100, currencyCode } });

  const both = [
    ['title', 'config.title', { title: 'A', config: { title: 'B' } }],
    ['line_items', 'itemLines', { line_items: [{ name: 'Tea', quantity: 1, amount: 100 }], itemLines: [line()] }],
    [
      'tax_lines',
      'taxLines',
      { tax_lines: [{ name: 'VAT', amount: 1 }], taxLines: [{ id: 'vat', caption: 'VAT', amountTotal: { value: 1, currencyCode: 'GBP' } }] },
    ],
    ['collect.email', 'config.customerEmail.collectionRequired', { collect: { email: true }, config: { customerEmail: { collectionRequired: true } } }],
    [
      'collect.billing_address',
      'config.billingAddress.collectionRequired',
      { collect: { billing_address: false }, config: { billingAddress: { collectionRequired: true } } },
    ],
    [
      'collect.shipping_address',
      'config.shippingDetails.collectionRequired',
      { collect: { shipping_address: true }, config: { shippingDetails: { collectionRequired: true } } },
    ],
    ['options.checkout_options.success_url', 'config.redirectUrl', { config: { redirectUrl: 'https://shop.example/done' } }],
  ];
  for (const [product, seed, overrides] of both) {
    it(`refuses ${product} and ${seed} together with a 400 naming both`, async () => {
      const res = await api.createSession(sessionBody(overrides));
      assert.equal(res.status, 400);
      assert.equal(res.body.error.param, seed);
      assert.equal(res.body.error.message, `${product} and ${seed} are the same field under two names; give one`);
    });
  }

  it('takes either name alone: collect flags from config, lines from either', async () => {
    const res = await api.createSession(sessionBody({ config: { customerEmail: { collectionRequired: true } }, collect: { shipping_address: true } }));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.collect, { email: true, shipping_address: true });
  });

  const currencies = [
    ['itemLines.1.amountTotal.currencyCode', { itemLines: [line(), line('EUR')] }],
    ['taxLines.0.amountTotal.currencyCode', { taxLines: [{ id: 'vat', caption: 'VAT', amountTotal: { value: 1, currencyCode: 'USD' } }] }],
  ];
  for (const [param, overrides] of currencies) {
    it(`refuses a line in another currency than the session's, naming it (${param})`, async () => {
      const res = await api.createSession(sessionBody(overrides));
      assert.equal(res.status, 400);
      assert.equal(res.body.error.param, param);
      assert.match(res.body.error.message, /must be the session's currency \(GBP\)/);
    });
  }

  it('takes amount as {value, currencyCode} with the same currency, refuses it with another', async () => {
    const same = await api.createSession(sessionBody({ amount: { value: 700, currencyCode: 'GBP' } }));
    assert.equal(same.status, 200);
    assert.equal(same.body.amount, 700);
    const other = await api.createSession(sessionBody({ amount: { value: 700, currencyCode: 'EUR' } }));
    assert.equal(other.status, 400);
    assert.equal(other.body.error.param, 'currency');
    assert.match(other.body.error.message, /amount\.currencyCode \(EUR\)/);
    const extra = await api.createSession(sessionBody({ amount: { value: 700, currencyCode: 'GBP', currency: 'GBP' } }));
    assert.equal(extra.status, 400);
    assert.equal(extra.body.error.param, 'amount.currency');
  });

  it('stores custom (the merchant order id, seed 002) and refuses one over 255 characters', async () => {
    const res = await api.createSession(sessionBody({ custom: 'order-8812' }));
    assert.equal(res.status, 200);
    assert.equal((await api.getSession(res.body.id)).body.custom, 'order-8812');
    const long = await api.createSession(sessionBody({ custom: 'x'.repeat(256) }));
    assert.equal(long.status, 400);
    assert.equal(long.body.error.param, 'custom');
  });

  it('refuses a paymentMethods entry that is not Card or Wallet, and an empty list', async () => {
    for (const paymentMethods of [['Card', 'Cash'], [], ['Card', 'Card']]) {
      const res = await api.createSession(sessionBody({ paymentMethods }));
      assert.equal(res.status, 400, JSON.stringify(paymentMethods));
      assert.match(res.body.error.param, /^paymentMethods/);
    }
  });
});

describe('unknown keys are refused with the nearest known key', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const co = (checkout) => ({ options: { checkout_options: { success_url: 'https://shop.example/', ...checkout } } });
  const cases = [
    ['options.checkout_options.sucess_url', co({ sucess_url: 'https://x.example/' }), 'did you mean success_url?'],
    ['options.checkout_options.cancelUrl', co({ cancelUrl: 'https://x.example/' }), 'did you mean cancel_url?'],
    ['metdata', { metadata: undefined, metdata: { a: 'b' } }, 'did you mean metadata?'],
    ['showTotal', { showTotal: true }, 'did you mean config.details.showTotal?'],
    ['redirectUrl', { redirectUrl: 'https://x.example/' }, 'did you mean config.redirectUrl?'],
    ['config.cancelUrl', { config: { cancelUrl: 'https://x.example/' } }, 'did you mean options.checkout_options.cancel_url?'],
    ['config.details.show_total', { config: { details: { show_total: true } } }, 'did you mean showTotal?'],
    [
      'itemLines.0.amount_total',
      { itemLines: [{ id: 'a', quantity: 1, caption: 'Tea', amountTotal: { value: 1, currencyCode: 'GBP' }, amount_total: 1 }] },
      'did you mean amountTotal?',
    ],
    ['cardHolderNotPresent', { cardHolderNotPresent: true }, 'is not a known field (known fields: amount, currency,'],
  ];
  for (const [param, overrides, hint] of cases) {
    it(`refuses ${param} with a 400 naming it: "${hint}"`, async () => {
      const res = await api.createSession(sessionBody(overrides));
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'invalid_request_error');
      assert.equal(res.body.error.param, param);
      assert.ok(res.body.error.message.startsWith(`${param} is not a known field`), res.body.error.message);
      assert.ok(res.body.error.message.includes(hint), res.body.error.message);
    });
  }

  it('refuses unknown keys on the frames API, the demo API and the 3-D Secure answer too', async () => {
    const session = await api.openSession();
    const headers = { authorization: `Bearer ${session.client_token}`, 'idempotency-key': 'k-1' };
    const card = await api.call('POST', '/v1/payments', {
      headers,
      body: { card: { number: '4242424242424242', expiryMonth: 12, expiryYear: 2099, cvv: '123' }, additionalInfo: {}, extra: 1 },
    });
    assert.equal(card.status, 400);
    assert.equal(card.body.error.param, 'extra');
    const wallet = await api.call('POST', '/v1/wallet/payments', {
      headers: { ...headers, 'idempotency-key': 'k-2' },
      body: { wallet: 'sandbox', token: 'tok_sandbox_visa', emial: 'a@b.co' },
    });
    assert.equal(wallet.status, 400);
    assert.equal(wallet.body.error.message, 'emial is not a known field; did you mean email?');
    const demo = await api.call('POST', '/v1/demo/sessions', { body: { publishable_key: 'pk_test_x', ammount: 100 } });
    assert.equal(demo.status, 400);
    assert.equal(demo.body.error.message, 'ammount is not a known field; did you mean amount?');
    assert.equal((await api.getSession(session.id)).body.payment, null, 'nothing was charged');
    const challenged = await api.pay(session.client_token, cardBody('4000000000003220'));
    const threeDs = await api.call('POST', `/3ds/challenge/${challenged.body.id}`, { body: { result: 'pass', reslt: 'x' } });
    assert.equal(threeDs.status, 400);
    assert.equal(threeDs.body.error.message, 'reslt is not a known field; did you mean result?');
  });
});

describe('return URLs are https, loopback http or app deep links (seed 002)', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const fields = [
    ['options.checkout_options.success_url', (url) => ({ options: { checkout_options: { success_url: url } } })],
    ['options.checkout_options.cancel_url', (url) => ({ options: { checkout_options: { cancel_url: url } } })],
    ['config.redirectUrl', (url) => ({ options: undefined, config: { redirectUrl: url } })],
  ];
  const allowed = [
    'https://shop.example/done?session_id={SESSION_ID}',
    'http://localhost:3000/done',
    'http://127.0.0.1:8080/done',
    'http://127.1.2.3/done',
    'http://[::1]:5173/done',
    'yourapp://checkout?session_id={SESSION_ID}',
  ];
  const refused = [
    ['http://shop.example/done', /must use https/],
    ['http://mymerchantsite.com/checkout/success_pay', /must use https/],
    ['javascript:alert(1)', /must not use the javascript: scheme/],
    ['data:text/html,<script>alert(1)</script>', /must not use the data: scheme/],
    ['file:///etc/passwd', /must not use the file: scheme/],
    ['blob:https://shop.example/1234', /must not use the blob: scheme/],
    ['vbscript:msgbox(1)', /must not use the vbscript: scheme/],
    ['about:blank', /must not use the about: scheme/],
    ['JavaScript:alert(1)', /must not use the javascript: scheme/],
    ['ftp://shop.example/done', /must not use the ftp: scheme/],
    ['not a url', /must be an https URL/],
  ];
  for (const [param, body] of fields) {
    it(`takes https, loopback http and app deep links as ${param}`, async () => {
      for (const url of allowed) {
        const res = await api.createSession(sessionBody(body(url)));
        assert.equal(res.status, 200, `${url}: ${res.text}`);
      }
    });
    it(`refuses other schemes and non-loopback http as ${param}, naming it`, async () => {
      for (const [url, message] of refused) {
        const res = await api.createSession(sessionBody(body(url)));
        assert.equal(res.status, 400, url);
        assert.equal(res.body.error.param, param, url);
        assert.match(res.body.error.message, message, url);
      }
    });
  }

  it('gives cancel_url the session id: {SESSION_ID} replaced, or session_id= added', async () => {
    const placeholder = await api.openSession(sessionBody({ options: { checkout_options: { cancel_url: 'https://shop.example/cart?sid={SESSION_ID}' } } }));
    assert.equal(placeholder.cancel_url, `https://shop.example/cart?sid=${placeholder.id}`);
    const plain = await api.openSession(sessionBody({ options: { checkout_options: { cancel_url: 'https://shop.example/cart#top' } } }));
    assert.equal(plain.cancel_url, `https://shop.example/cart?session_id=${plain.id}#top`);
    assert.equal((await api.frameSession(plain.client_token)).body.cancel_url, plain.cancel_url);
  });

  it('takes a deep link success_url without adding it to allowed_origins', async () => {
    const res = await api.createSession(
      sessionBody({ allowed_origins: ['https://shop.example'], options: { checkout_options: { success_url: 'yourapp://done' } } }),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.allowed_origins, ['https://shop.example']);
  });
});

describe('keys as the seeds write them', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  for (const authorization of [`Basic ${SECRET_KEY}`, 'Bearer sk_sandbox_abc_123', 'Basic sk_sandbox_abc_123', 'basic sk_test_x']) {
    it(`takes '${authorization}'`, async () => {
      const res = await api.call('POST', '/collect/payment_sessions', { headers: { authorization }, body: sessionBody() });
      assert.equal(res.status, 200, res.text);
      const read = await api.call('GET', `/collect/payment_sessions/${res.body.id}`, { headers: { authorization } });
      assert.equal(read.status, 200);
    });
  }

  it('reads a session with the same key under either scheme', async () => {
    const res = await api.call('POST', '/collect/payment_sessions', { headers: { authorization: 'Basic sk_sandbox_one' }, body: sessionBody() });
    const read = await api.call('GET', `/collect/payment_sessions/${res.body.id}`, { headers: { authorization: 'Bearer sk_sandbox_one' } });
    assert.equal(read.status, 200);
  });

  it("takes seed 004's publishable key form pk_test_your_key_here for demo sessions", async () => {
    const res = await api.call('POST', '/v1/demo/sessions', { body: { publishable_key: 'pk_test_your_key_here' } });
    assert.equal(res.status, 201, res.text);
  });
});

describe("seed 004's payment-intent paths", () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const curl = (raw) => api.call('POST', '/payment-intents', { headers: { ...SEED_004_HEADERS, 'content-type': 'application/json' }, raw });

  it("POST /payment-intents with the walkthrough body answers the seed's fields beside the product's", async () => {
    const res = await curl(SEED_004.walkthrough);
    assert.equal(res.status, 200, res.text);
    const intent = res.body;
    assert.equal(intent.status, 'Created');
    assert.equal(intent.captureMode, 'Auto');
    assert.deepEqual(intent.amount, { value: 1000, currencyCode: 'GBP' });
    assert.deepEqual(intent.totalAmount, { value: 1000, currencyCode: 'GBP' });
    assert.equal(intent.refundedAmount, 0);
    assert.equal(intent.reference, 'Order-0001');
    assert.equal(intent.description, 'Hosted checkout payment for basket 245');
    assert.deepEqual(intent.paymentMethods, ['Card']);
    assert.equal(intent.clientSessionSecret, intent.client_token);
    assert.equal(intent.session_status, 'open');
    assert.equal(intent.config.redirectUrl, 'https://merchant.example/checkout/success');
    assert.ok(!Number.isNaN(Date.parse(intent.createdAt)));
    assert.equal('paymentDetails' in intent, false);
  });

  it('GET /payment-intents/{id} reads the same session: Captured with paymentDetails.authCode once paid', async () => {
    const intent = (await curl(SEED_004.title)).body;
    const paid = await api.pay(intent.clientSessionSecret, cardBody('4242424242424242'));
    assert.equal(paid.body.statusCode, 0);
    const read = await api.call('GET', `/payment-intents/${intent.id}`, { headers: SEED_004_HEADERS });
    assert.equal(read.status, 200);
    assert.equal(read.body.status, 'Captured');
    assert.equal(read.body.session_status, 'completed');
    assert.equal(read.body.paymentDetails.authCode, paid.body.authCode);
    assert.equal(read.body.paymentDetails.transactionId, paid.body.id);
    assert.equal(read.body.title, 'The Company');
    const session = await api.call('GET', `/collect/payment_sessions/${intent.id}`, { headers: SEED_004_HEADERS });
    assert.equal(session.body.status, 'completed', 'the product path reads the same session');
  });

  it('refuses what the session API refuses, on the seed path too', async () => {
    const res = await curl(SEED_004.redirectUrl);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.param, 'config.redirectUrl');
    const other = await api.call('GET', '/payment-intents/ps_nope', { headers: SEED_004_HEADERS });
    assert.equal(other.status, 404);
  });
});

describe('presentation_mode hosted', () => {
  let sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  it('is accepted: the session says hosted, its token carries mode hosted, and it has a checkout_url to send the customer to', async () => {
    const body = sessionBody({
      options: { checkout_options: { presentation_mode: { mode: 'hosted' }, success_url: 'https://shop.example/done?session_id={SESSION_ID}' } },
    });
    const res = await client(sandbox).createSession(body);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.presentation_mode, 'hosted');
    assert.equal(res.body.checkout_url, `${sandbox.origin}/checkout/${res.body.id}#token=${encodeURIComponent(res.body.client_token)}`);
    const claims = JSON.parse(Buffer.from(res.body.client_token.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(claims.mode, 'hosted');
  });
});

describe('the Version header', () => {
  let sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  for (const version of ['2024-02-05', '2026-02-27']) {
    it(`accepts the documented version ${version}`, async () => {
      const res = await client(sandbox).createSession(sessionBody(), { version });
      assert.equal(res.status, 200);
    });
  }

  it('refuses an undocumented version by name', async () => {
    const res = await client(sandbox).createSession(sessionBody(), { version: '2019-01-01' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.param, 'Version');
    assert.match(res.body.error.message, /2019-01-01' is not a known API version/);
  });
});
