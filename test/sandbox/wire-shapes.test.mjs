// One definition per wire shape. The bodies the frames send (src/protocol/requests.ts) and the
// merchant bodies the sandbox takes (src/protocol/sessions.ts, faults.ts, webhooks.ts) are protocol
// schemas, and the sandbox checks what it receives with those very schemas. Differential test: for
// every body below, the protocol schema built from src and the sandbox (dist/sandbox) agree: the
// schema accepts it and the sandbox takes it, or the schema refuses it and the sandbox answers 400
// naming the path of the schema's issue. The frames' own request code (src/frame) sends bodies the
// schema accepts and the sandbox charges.
import { describe, it, before, after } from 'node:test';
import { importFromSrc } from '../support/import-src.mjs';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, sessionBody, newKey, SECRET_KEY, TOKEN_SECRET, NEXT_YEAR } from './helpers.mjs';

/** The protocol schemas and the frames' request functions, built from source. */
async function loadProtocol() {
  return importFromSrc([
    "export { safeParse } from './src/protocol/schema.ts';",
    "export * from './src/protocol/requests.ts';",
    "export { CreateSessionRequestSchema, DemoSessionRequestSchema, SeedAmountSchema } from './src/protocol/sessions.ts';",
    "export { FaultSpecSchema } from './src/protocol/faults.ts';",
    "export { SubscribeWebhookRequestSchema, TestWebhookRequestSchema } from './src/protocol/webhooks.ts';",
    "export { createPayment } from './src/frame/card/payment.ts';",
    "export { payWithWallet } from './src/frame/wallet/api.ts';",
  ]);
}

const long = (n) => 'x'.repeat(n);

/**
 * Asserts that the sandbox's answer agrees with the protocol schema's verdict on `body`. `accepted`
 * tells a taken body by its answer (the status alone for most routes).
 */
function assertAgree(p, schema, body, res, accepted = (r) => r.status >= 200 && r.status < 300) {
  const verdict = p.safeParse(schema, body);
  if (verdict.success) {
    assert.ok(accepted(res), `the schema accepts it, the sandbox answered ${res.status}: ${res.text}`);
  } else {
    const path = verdict.issues[0].path.join('.');
    assert.equal(res.status, 400, `the schema refuses it at '${path}' (${verdict.issues[0].message}), the sandbox answered ${res.status}: ${res.text}`);
    assert.equal(res.body.error.type, 'invalid_request_error');
    assert.equal(res.body.error.param, path || undefined, res.body.error.message);
  }
}

describe('wire shapes: the protocol schema and the sandbox agree on every body', () => {
  let p;
  let sandbox;
  let api;
  before(async () => {
    p = await loadProtocol();
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET, demoSessionsPerMinute: 1000, log: () => {} });
    api = client(sandbox);
  });
  after(() => sandbox?.close());

  const visa = () => cardBody('4242424242424242');
  const withCard = (card) => ({ card: { ...visa().card, ...card } });
  const info = (additionalInfo) => ({ ...visa(), additionalInfo });
  const paymentBodies = [
    ['a card', visa()],
    ['a UnionPay card exempt from Luhn', cardBody('6212345678901234')],
    ['an Amex card with its 4-digit code', cardBody('378282246310005')],
    ['a card without a name', { card: { number: '4242424242424242', expiryMonth: 1, expiryYear: NEXT_YEAR, cvv: '123' } }],
    ['a card with a null name', withCard({ name: null })],
    [
      'all additional information',
      info({
        userEmailAddress: 'ada@example.com',
        userPhoneNumber: '+44 20 7946 0000',
        billingAddress: { address1: '1 High St', city: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' },
        shippingDetails: { name: 'Ada', address: { city: 'Leeds' } },
        metaData: { order: 'A-1' },
      }),
    ],
    ['null additional information', info(null)],
    ['no card', { additionalInfo: {} }],
    ['a card that is an array', { card: [] }],
    ['a card that is null', { card: null }],
    ['a number that is a number', withCard({ number: 4242424242424242 })],
    ['a number too short', withCard({ number: '4242' })],
    ['a number with a bad check digit', withCard({ number: '4242424242424241' })],
    ['month 13', withCard({ expiryMonth: 13 })],
    ['month 0', withCard({ expiryMonth: 0 })],
    ['a month in a string', withCard({ expiryMonth: '12' })],
    ['a fractional month', withCard({ expiryMonth: 1.5 })],
    ['a two-digit year', withCard({ expiryYear: 99 })],
    ['a two-digit code', withCard({ cvv: '12' })],
    ['a code that is a number', withCard({ cvv: 123 })],
    ['a code with a letter', withCard({ cvv: '12a' })],
    ['a name too long', withCard({ name: long(101) })],
    ['a name that is a number', withCard({ name: 5 })],
    ['an unknown key', { ...visa(), extra: 1 }],
    ['an unknown card key', withCard({ cvc: '123' })],
    ['an unknown customer key', info({ userEmail: 'ada@example.com' })],
    ['a postcode too long', info({ billingAddress: { postcode: long(21) } })],
    ['a country code of letters and digits', info({ billingAddress: { countryCode: 'G1B2' } })],
    ['an email without a domain', info({ userEmailAddress: 'ada' })],
    ['a metaData key too long', info({ metaData: { [long(41)]: 'v' } })],
    ['a metaData value that is a number', info({ metaData: { k: 1 } })],
    ['additional information that is a string', info('ada@example.com')],
  ];
  for (const [name, body] of paymentBodies) {
    it(`POST /v1/payments: ${name}`, async () => {
      const session = await api.openSession();
      const res = await api.pay(session.client_token, body);
      assertAgree(p, p.CardPaymentRequestSchema, body, res, (r) => r.status === 200 && r.body.status === 'succeeded');
    });
  }

  const wallet = (extra = {}) => ({ wallet: 'sandbox', token: 'tok_sandbox_visa', ...extra });
  const walletBodies = [
    ['a sandbox token', wallet()],
    ['an Apple Pay token', wallet({ wallet: 'apple-pay', token: 'opaque' })],
    [
      'what the sheet collected',
      wallet({ email: 'ada@example.com', billingAddress: { city: 'Leeds' }, shippingDetails: { name: 'Ada', address: { postcode: 'LS1 1AA' } } }),
    ],
    ['nulls for what the sheet did not collect', wallet({ email: null, billingAddress: null, shippingDetails: null })],
    ['an unknown wallet', wallet({ wallet: 'paypal' })],
    ['an empty token', wallet({ token: '' })],
    ['a token too long', wallet({ token: long(16_385) })],
    ['an empty email', wallet({ email: '' })],
    ['an email that is not one', wallet({ email: 'ada' })],
    ['an address that is a string', wallet({ billingAddress: 'Leeds' })],
    ['an unknown address key', wallet({ billingAddress: { town: 'Leeds' } })],
    ['a misspelt key', wallet({ emial: 'ada@example.com' })],
  ];
  for (const [name, body] of walletBodies) {
    it(`POST /v1/wallet/payments: ${name}`, async () => {
      const session = await api.openSession();
      const res = await api.call('POST', '/v1/wallet/payments', {
        headers: { authorization: `Bearer ${session.client_token}`, 'idempotency-key': newKey() },
        body,
      });
      assertAgree(p, p.WalletPaymentRequestSchema, body, res, (r) => r.status === 200 && r.body.status === 'succeeded');
    });
  }

  const merchantBodies = [
    ['a session', sessionBody()],
    ['an amount of 0', sessionBody({ amount: 0 })],
    ['an amount in a string', sessionBody({ amount: '100' })],
    ['a lower-case currency', sessionBody({ currency: 'gbp' })],
    ['a currency ISO 4217 does not assign', sessionBody({ currency: 'XYZ' })],
    ['metadata with a number', sessionBody({ metadata: { k: 1 } })],
    ['a metadata key too long', sessionBody({ metadata: { [long(41)]: 'v' } })],
    ['a line of no quantity', sessionBody({ line_items: [{ name: 'Tea', quantity: 0, amount: 100 }] })],
    ['101 lines', sessionBody({ line_items: Array.from({ length: 101 }, () => ({ name: 'Tea', quantity: 1, amount: 1 })) })],
    ['a line that is an array', sessionBody({ line_items: [[]] })],
    ['a seed item line', sessionBody({ itemLines: [{ id: 'a', quantity: 1, caption: 'Tea', amountTotal: { value: 100, currencyCode: 'GBP' } }] })],
    ['a misspelt checkout option', sessionBody({ options: { checkout_options: { sucess_url: 'https://shop.example/' } } })],
    ['an http return URL', sessionBody({ options: { checkout_options: { success_url: 'http://shop.example/' } } })],
    ['a javascript: return URL', sessionBody({ options: { checkout_options: { cancel_url: 'javascript:alert(1)' } } })],
    ['no allowed origins', sessionBody({ allowed_origins: [] })],
    ['an origin with a path', sessionBody({ allowed_origins: ['https://shop.example/'] })],
    ['a method named twice', sessionBody({ paymentMethods: ['Card', 'Card'] })],
    ['no methods', sessionBody({ paymentMethods: [] })],
    ['expiry in 0 s', sessionBody({ expires_in: 0 })],
    ['a show-total that is a string', sessionBody({ config: { details: { showTotal: 'yes' } } })],
    ['an empty title', sessionBody({ title: '' })],
    ['a key of another API', sessionBody({ cardHolderNotPresent: true })],
    ['a required key left out', { currency: 'GBP' }],
  ];
  for (const [name, body] of merchantBodies) {
    it(`POST /collect/payment_sessions: ${name}`, async () => {
      assertAgree(p, p.CreateSessionRequestSchema, body, await api.createSession(body));
    });
  }

  it("POST /collect/payment_sessions: seed 004's amount object is the protocol's SeedAmountSchema", async () => {
    for (const amount of [
      { value: 100, currencyCode: 'GBP' },
      { value: 0, currencyCode: 'GBP' },
      { value: 100, currencyCode: 'gbp' },
      { value: 100 },
      { value: 100, currencyCode: 'GBP', x: 1 },
    ]) {
      const res = await api.createSession({ amount });
      const verdict = p.safeParse(p.SeedAmountSchema, amount);
      assert.equal(res.status, verdict.success ? 200 : 400, res.text);
      if (!verdict.success) assert.equal(res.body.error.param, ['amount', ...verdict.issues[0].path].join('.'));
    }
  });

  it('POST /v1/demo/sessions: every body a static page may send', async () => {
    const demo = (body) => ({ publishable_key: 'pk_test_gallery', ...body });
    for (const body of [
      demo({}),
      demo({ amount: 500, currency: 'EUR', variant: 'inline', collect: { email: true } }),
      demo({ line_items: [{ name: 'Tea', quantity: 2, amount: 300 }], paymentMethods: ['Card', 'Wallet'] }),
      demo({ amount: 0 }),
      demo({ currency: 'XYZ' }),
      demo({ variant: 'sheet' }),
      demo({ collect: { email: 'yes' } }),
      demo({ collect: { billing_address: true } }),
      demo({ success_url: 'ftp://shop.example/' }),
      demo({ ammount: 100 }),
    ]) {
      assertAgree(p, p.DemoSessionRequestSchema, body, await api.call('POST', '/v1/demo/sessions', { body }));
    }
  });

  const merchant = { authorization: `Bearer ${SECRET_KEY}` };
  const faults = [
    { route: 'payments', fault: 'error', status: 503, times: 1 },
    { route: 'any', fault: 'slow', delay_ms: 10 },
    { route: 'payments', fault: 'error', status: 404 },
    { route: 'payments', fault: 'nope' },
    { route: 'nowhere', fault: 'error' },
    { route: 'payments', fault: 'reset', times: 0 },
    { route: 'payments', fault: 'reset', session_id: 'x' },
    { route: 'payments', fault: 'reset', extra: true },
    { fault: 'reset' },
  ];
  it('POST /test/faults: every spec', async () => {
    for (const body of faults) {
      assertAgree(p, p.FaultSpecSchema, body, await api.call('POST', '/test/faults', { headers: merchant, body }));
    }
    await api.call('DELETE', '/test/faults', { headers: merchant });
  });

  const hooks = [
    { url: 'https://localhost:9/hooks', events: ['payment_intent.created'] },
    { url: 'http://127.0.0.1:9/hooks', events: ['payment_session.status_updated'], description: null },
    { url: 'http://shop.example/hooks', events: ['payment_intent.created'] },
    { url: 'https://localhost:9/hooks', events: [] },
    { url: 'https://localhost:9/hooks', events: ['payment_intent.send-receipt'] },
    { url: 'https://localhost:9/hooks', events: ['payment_intent.created'], description: long(257) },
    { url: 'https://localhost:9/hooks', events: ['payment_intent.created'], secret: 'x' },
    { events: ['payment_intent.created'] },
  ];
  it('POST /webhooks: every subscription', async () => {
    for (const body of hooks) {
      assertAgree(p, p.SubscribeWebhookRequestSchema, body, await api.call('POST', '/webhooks', { headers: merchant, body }));
    }
  });

  it('POST /3ds/challenge/{id}: every answer', async () => {
    for (const body of [{ result: 'maybe' }, { result: 'pass', reslt: 'x' }, {}, { result: 'pass' }]) {
      const session = await api.openSession();
      const challenged = await api.pay(session.client_token, cardBody('4000000000003220'));
      assert.equal(challenged.body.status, 'requires_action');
      assertAgree(p, p.ChallengeAnswerSchema, body, await api.call('POST', `/3ds/challenge/${challenged.body.id}`, { body }));
    }
  });

  it("POST /v1/wallet/apple-pay/validate-merchant: Apple's URL and the domain", async () => {
    const session = await api.openSession();
    const headers = { authorization: `Bearer ${session.client_token}` };
    for (const body of [
      { validationURL: 'https://apple-pay-gateway.apple.com/paymentservices/startSession', domain: 'pay.example' },
      { validationURL: 'https://evil.example/startSession', domain: 'pay.example' },
      { validationURL: 'https://apple-pay-gateway.apple.com/x', domain: 'pay example' },
      { validationURL: 'https://apple-pay-gateway.apple.com/x', domain: 'pay.example', extra: 1 },
    ]) {
      assertAgree(p, p.AppleMerchantValidationRequestSchema, body, await api.call('POST', '/v1/wallet/apple-pay/validate-merchant', { headers, body }));
    }
  });

  it("the card frame's payment request sends a body the schema accepts, and the sandbox charges it", async () => {
    const session = await api.openSession();
    const request = {
      card: { number: '6212345678901234', expiryMonth: 12, expiryYear: NEXT_YEAR, cvv: '123', name: 'Ada Lovelace' },
      additionalInfo: { userEmailAddress: 'ada@example.com', metaData: { order: 'A-1' } },
    };
    assert.ok(p.safeParse(p.CardPaymentRequestSchema, request).success);
    let sent;
    const fetchThrough = (url, init) => ((sent = JSON.parse(init.body)), fetch(url, init));
    const outcome = await p.createPayment({ origin: sandbox.origin, clientToken: session.client_token, fetch: fetchThrough }, request, newKey());
    assert.deepEqual(sent, request, 'the frame sends the body as built');
    assert.equal(outcome.kind, 'result');
    assert.equal(outcome.result.statusCode, 0, JSON.stringify(outcome.result));
  });

  it("the wallet frame's payment request sends a body the schema accepts, and the sandbox charges it", async () => {
    const session = await api.openSession();
    const request = { wallet: 'sandbox', token: 'tok_sandbox_mastercard', email: 'ada@example.com', billingAddress: { city: 'Leeds', countryCode: 'GB' } };
    assert.ok(p.safeParse(p.WalletPaymentRequestSchema, request).success);
    const result = await p.payWithWallet({ origin: sandbox.origin, clientToken: session.client_token }, request, newKey());
    assert.equal(result.statusCode, 0, JSON.stringify(result));
    assert.equal((await api.getSession(session.id)).body.customer_details.userEmailAddress, 'ada@example.com');
  });
});
