// What a customer gives with a payment (seed 004, "Additional information": email, phone, billing
// and shipping addresses, metaData) reaches the merchant: stored on the payment and the session,
// returned by GET /collect/payment_sessions/{id} and in the payment answer the frames get — never
// any card data. A payment on a paid session reports the original success and charges nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, sessionBody, newKey } from './helpers.mjs';

/** `card.executePayment(additionalInfo)` as seed 004 documents the object. */
const additionalInfo = {
  userEmailAddress: 'ada@example.com',
  userPhoneNumber: '+44 20 7946 0000',
  billingAddress: { address1: '1 Main St', address2: 'Flat 2', city: 'London', state: 'Greater London', postcode: 'N1 1AA', countryCode: '826' },
  shippingDetails: { name: 'Ada Lovelace', address: { address1: '2 High St', city: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' } },
  metaData: { basket: '245', channel: 'web' },
};
const { metaData, ...customerDetails } = additionalInfo;

describe('customer details reach the merchant', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const walletPay = (token, body, key = newKey()) =>
    api.call('POST', '/v1/wallet/payments', { headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, body });

  it('a card payment with additionalInfo: details in the payment answer, in GET session and its payment; metaData merged; no card data', async () => {
    const session = await api.openSession(sessionBody({ metadata: { order: 'A-1' }, reference: 'Order-0001', custom: 'internal-77' }));
    const paid = await api.pay(session.client_token, { ...cardBody('4242424242424242'), additionalInfo });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body.statusCode, 0);
    assert.deepEqual(paid.body.customerDetails, customerDetails);
    assert.deepEqual((await api.getPayment(session.client_token, paid.body.id)).body.customerDetails, customerDetails);

    const read = await api.getSession(session.id);
    assert.equal(read.body.status, 'completed');
    assert.deepEqual(read.body.customer_details, customerDetails);
    assert.deepEqual(read.body.payment.customer_details, customerDetails);
    assert.deepEqual(read.body.metadata, { order: 'A-1', basket: '245', channel: 'web' });
    assert.equal(read.body.reference, 'Order-0001');
    assert.equal(read.body.custom, 'internal-77');
    for (const text of [paid.text, read.text]) {
      assert.ok(!text.includes('4242424242424242'), 'never the card number');
      assert.ok(!/"cvv"|"expiryMonth"|"expiryYear"/.test(text), 'never card fields');
    }
  });

  it('details of later attempts are merged over earlier ones, field by field (seed 004: "will override")', async () => {
    const session = await api.openSession();
    const declined = await api.pay(session.client_token, {
      ...cardBody('4000000000000002'),
      additionalInfo: { userEmailAddress: 'old@example.com', userPhoneNumber: '+1 555 0100' },
    });
    assert.equal(declined.body.statusCode, 5);
    assert.deepEqual(declined.body.customerDetails, { userEmailAddress: 'old@example.com', userPhoneNumber: '+1 555 0100' });
    const paid = await api.pay(session.client_token, { ...cardBody('4242424242424242'), additionalInfo: { userEmailAddress: 'new@example.com' } });
    assert.deepEqual(paid.body.customerDetails, { userEmailAddress: 'new@example.com' }, 'the payment keeps what it was given');
    const read = (await api.getSession(session.id)).body;
    assert.deepEqual(read.customer_details, { userEmailAddress: 'new@example.com', userPhoneNumber: '+1 555 0100' });
    assert.deepEqual(read.payment.customer_details, { userEmailAddress: 'new@example.com' });
  });

  it('a payment without details answers without customerDetails', async () => {
    const session = await api.openSession();
    const paid = await api.pay(session.client_token, cardBody('4242424242424242'));
    assert.equal('customerDetails' in paid.body, false);
    assert.equal((await api.getSession(session.id)).body.customer_details, null);
  });

  it('refuses metaData that would take the session past 50 metadata keys, charging nothing', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, 'v']));
    const session = await api.openSession(sessionBody({ metadata }));
    const more = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`m${i}`, 'v']));
    const res = await api.pay(session.client_token, { ...cardBody('4242424242424242'), additionalInfo: { metaData: more } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.param, 'additionalInfo.metaData');
    assert.match(res.body.error.message, /more than 50 metadata keys/);
    const read = (await api.getSession(session.id)).body;
    assert.equal(read.payment, null);
    assert.equal(Object.keys(read.metadata).length, 45);
    const five = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'overridden'])); // same keys: no new ones
    assert.equal((await api.pay(session.client_token, { ...cardBody('4242424242424242'), additionalInfo: { metaData: five } })).body.statusCode, 0);
    assert.equal((await api.getSession(session.id)).body.metadata.k0, 'overridden');
  });

  it('keeps the details of a 3-D Secure payment through the challenge', async () => {
    const session = await api.openSession();
    const challenged = await api.pay(session.client_token, { ...cardBody('4000000000003220'), additionalInfo: { userEmailAddress: 'ada@example.com' } });
    assert.equal(challenged.body.status, 'requires_action');
    const answered = await api.answerChallenge(challenged.body.id, 'pass');
    assert.equal(answered.status, 200);
    assert.deepEqual(answered.body.customerDetails, { userEmailAddress: 'ada@example.com' });
    const read = (await api.getSession(session.id)).body;
    assert.equal(read.status, 'completed');
    assert.deepEqual(read.payment.customer_details, { userEmailAddress: 'ada@example.com' });
  });

  it('a wallet payment: the email, billing and shipping details the sheet collected become the customer details', async () => {
    const session = await api.openSession();
    const res = await walletPay(session.client_token, {
      wallet: 'sandbox',
      token: 'tok_sandbox_visa',
      email: 'ada@example.com',
      billingAddress: customerDetails.billingAddress,
      shippingDetails: customerDetails.shippingDetails,
    });
    assert.equal(res.status, 200, res.text);
    const expected = { userEmailAddress: 'ada@example.com', billingAddress: customerDetails.billingAddress, shippingDetails: customerDetails.shippingDetails };
    assert.deepEqual(res.body.customerDetails, expected);
    const read = (await api.getSession(session.id)).body;
    assert.deepEqual(read.customer_details, expected);
    assert.deepEqual(read.payment.customer_details, expected);
  });

  it("checks the wallet's details with the protocol's schema, naming the request's fields", async () => {
    const session = await api.openSession();
    const cases = [
      ['email', { email: 'not an email' }, /^email must be an email address/],
      ['billingAddress.postcode', { billingAddress: { postcode: 'x'.repeat(21) } }, /at most 20/],
      ['shippingDetails.address.town', { shippingDetails: { address: { town: 'Leeds' } } }, /is not a known field/],
    ];
    for (const [param, extra, message] of cases) {
      const res = await walletPay(session.client_token, { wallet: 'sandbox', token: 'tok_sandbox_visa', ...extra });
      assert.equal(res.status, 400, param);
      assert.equal(res.body.error.param, param);
      assert.match(res.body.error.message, message);
    }
    assert.equal((await api.getSession(session.id)).body.payment, null);
  });
});

describe('a payment on a paid session reports the original success', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('card: statusCode 20 with the original authCode and details, a message saying it is paid; nothing charged again', async () => {
    const session = await api.openSession();
    const first = await api.pay(session.client_token, { ...cardBody('4242424242424242'), additionalInfo: { userEmailAddress: 'ada@example.com' } });
    assert.equal(first.body.statusCode, 0);
    const again = await api.pay(session.client_token, { ...cardBody('5555555555554444'), additionalInfo: { userEmailAddress: 'eve@example.com' } });
    assert.equal(again.status, 200);
    assert.equal(again.body.statusCode, 20);
    assert.equal(again.body.authCode, first.body.authCode);
    assert.deepEqual(again.body.customerDetails, { userEmailAddress: 'ada@example.com' });
    assert.match(again.body.message, /already been completed/);
    assert.notEqual(again.body.id, first.body.id);
    const read = (await api.getSession(session.id)).body;
    assert.equal(read.status, 'completed');
    assert.equal(read.payment.id, first.body.id, 'the session still points at the one charge');
    assert.equal(read.failed_attempts, 0);
    assert.deepEqual(read.customer_details, { userEmailAddress: 'ada@example.com' }, 'the duplicate changes nothing');
  });

  it('wallet: the same answer after a card payment', async () => {
    const session = await api.openSession();
    const first = await api.pay(session.client_token, cardBody('4242424242424242'));
    const again = await api.call('POST', '/v1/wallet/payments', {
      headers: { authorization: `Bearer ${session.client_token}`, 'idempotency-key': newKey() },
      body: { wallet: 'sandbox', token: 'tok_sandbox_visa' },
    });
    assert.equal(again.body.statusCode, 20);
    assert.equal(again.body.authCode, first.body.authCode);
    assert.equal((await api.getSession(session.id)).body.payment.id, first.body.id);
  });
});
