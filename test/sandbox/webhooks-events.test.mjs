// Which webhooks a payment session sends, and what they carry: seed 004's payment_intent events
// beside the product's payment_session.status_updated, for every status change and every payment
// attempt ("regardless of outcome", seed 000), once each, with what the merchant fulfils with.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, sessionBody, startReceiver, newKey, SECRET_KEY } from './helpers.mjs';
import { PAYMENT_STATUS_OF_SESSION, verifyDojoSignature } from '../../dist/sandbox/index.js';

const merchant = { authorization: `Bearer ${SECRET_KEY}` };
const ALL_EVENTS = ['payment_intent.created', 'payment_intent.status_updated', 'payment_session.status_updated'];
const SUCCESS = '4242424242424242';
const DECLINE = '4000000000000002';
/** Long enough for a stray second delivery to a loopback receiver to arrive. */
const SETTLE_MS = 200;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe('webhook events of a payment session', () => {
  let sandbox;
  let api;
  let receiver;
  let secret;
  const logs = [];
  before(async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ port: 0, maxFailedAttempts: 2, log: (line) => logs.push(line) });
    api = client(sandbox);
    const sub = await api.call('POST', '/webhooks', { headers: merchant, body: { events: ALL_EVENTS, url: receiver.url } });
    assert.equal(sub.status, 201);
    secret = sub.body.secrets[0].value;
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  /** Runs `action`, waits for `count` deliveries and a moment more, and returns exactly those (parsed). */
  async function deliveriesOf(action, count) {
    const seen = receiver.requests.length;
    const result = await action();
    await receiver.waitFor(seen + count);
    await settle();
    const requests = receiver.requests.slice(seen);
    for (const r of requests) assert.equal(verifyDojoSignature(r.body, r.headers, secret), true);
    return { result, events: requests.map((r) => JSON.parse(r.body)) };
  }
  const byName = (events) => Object.fromEntries(events.map((e) => [e.event, e]));

  it('states the paymentStatus mapping: open → Created, completed → Captured, cancelled/expired/failed → Canceled', () => {
    assert.deepEqual(PAYMENT_STATUS_OF_SESSION, {
      open: 'Created',
      completed: 'Captured',
      cancelled: 'Canceled',
      expired: 'Canceled',
      failed: 'Canceled',
    });
  });

  it("sends payment_intent.created when a session is created, in the seed's shape", async () => {
    const { result: session, events } = await deliveriesOf(() => api.openSession(sessionBody({ metadata: { order: '42' }, reference: 'ORDER-42' })), 1);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.deepEqual(Object.keys(event), ['id', 'event', 'accountId', 'createdAt', 'data']);
    assert.equal(event.event, 'payment_intent.created');
    assert.deepEqual(event.data, {
      paymentIntentId: session.id,
      paymentStatus: 'Created',
      captureMode: 'Auto',
      customerDetails: null,
      metadata: { order: '42' },
      reference: 'ORDER-42',
      custom: null,
    });
  });

  it('a success: one payment_intent.status_updated (Captured, with the auth code) and one payment_session.status_updated', async () => {
    const session = await api.openSession(sessionBody({ metadata: { order: '43' }, reference: 'ORDER-43' }));
    await settle();
    const { result: paid, events } = await deliveriesOf(() => api.pay(session.client_token, cardBody(SUCCESS)), 2);
    assert.equal(paid.status, 200);
    assert.deepEqual(events.map((e) => e.event).sort(), ['payment_intent.status_updated', 'payment_session.status_updated']);
    const { 'payment_intent.status_updated': intent, 'payment_session.status_updated': own } = byName(events);
    const fulfilment = { customerDetails: null, metadata: { order: '43' }, reference: 'ORDER-43', custom: null };
    assert.deepEqual(intent.data, {
      paymentIntentId: session.id,
      paymentStatus: 'Captured',
      captureMode: 'Auto',
      paymentId: paid.body.id,
      statusCode: 0,
      authCode: paid.body.authCode,
      ...fulfilment,
    });
    assert.deepEqual(own.data, {
      sessionId: session.id,
      status: 'completed',
      paymentId: paid.body.id,
      statusCode: 0,
      authCode: paid.body.authCode,
      ...fulfilment,
    });
    assert.equal(intent.accountId, own.accountId);
    assert.notEqual(intent.id, own.id, 'two events, two ids');
  });

  it('a single decline that leaves the session open still sends both events (paymentStatus stays Created)', async () => {
    const session = await api.openSession();
    await settle();
    const { result: declined, events } = await deliveriesOf(() => api.pay(session.client_token, cardBody(DECLINE)), 2);
    assert.equal(declined.body.statusCode, 5);
    assert.equal((await api.getSession(session.id)).body.status, 'open');
    const { 'payment_intent.status_updated': intent, 'payment_session.status_updated': own } = byName(events);
    assert.equal(events.length, 2);
    assert.deepEqual(
      [intent.data.paymentStatus, intent.data.paymentId, intent.data.statusCode, 'authCode' in intent.data],
      ['Created', declined.body.id, 5, false],
    );
    assert.deepEqual([own.data.status, own.data.paymentId, own.data.statusCode, 'authCode' in own.data], ['open', declined.body.id, 5, false]);

    // The second decline locks the session (maxFailedAttempts 2): still one event of each, Canceled.
    const { result: last, events: final } = await deliveriesOf(() => api.pay(session.client_token, cardBody(DECLINE)), 2);
    assert.equal(final.length, 2, 'the attempt and the status change it caused are one event');
    const locked = byName(final);
    assert.deepEqual(
      [locked['payment_intent.status_updated'].data.paymentStatus, locked['payment_intent.status_updated'].data.paymentId],
      ['Canceled', last.body.id],
    );
    assert.deepEqual([locked['payment_session.status_updated'].data.status, locked['payment_session.status_updated'].data.statusCode], ['failed', 5]);
  });

  it('cancellation and expiry are Canceled, without an attempt', async () => {
    const cancelled = await api.openSession();
    const expired = await api.openSession();
    await settle();
    const { events } = await deliveriesOf(async () => {
      await api.call('POST', `/collect/payment_sessions/${cancelled.id}/cancel`, { headers: merchant });
      sandbox.expireSession(expired.id);
    }, 4);
    assert.equal(events.length, 4);
    const seen = events.map((e) => [e.event, e.data.paymentIntentId ?? e.data.sessionId, e.data.paymentStatus ?? e.data.status, e.data.paymentId]);
    assert.deepEqual(
      seen.sort(),
      [
        ['payment_intent.status_updated', cancelled.id, 'Canceled', null],
        ['payment_intent.status_updated', expired.id, 'Canceled', null],
        ['payment_session.status_updated', cancelled.id, 'cancelled', null],
        ['payment_session.status_updated', expired.id, 'expired', null],
      ].sort(),
    );
  });

  it("goes only to the session's own account; the test hook hears every account", async () => {
    const hook = await startReceiver();
    try {
      const other = { authorization: 'Bearer sk_test_someone_else' };
      const theirs = await api.call('POST', '/webhooks', { headers: other, body: { events: ALL_EVENTS, url: `${hook.url}?theirs` } });
      const registered = await api.call('POST', '/test/webhooks', {
        headers: merchant,
        body: { url: hook.url, secret: 'test-hook-secret', events: ['payment_intent.created'] },
      });
      assert.deepEqual(registered.body, { object: 'webhook_endpoint', url: hook.url, events: ['payment_intent.created'] });
      const { result: session } = await deliveriesOf(() => api.openSession(), 1);
      await hook.waitFor(1);
      await settle();
      assert.equal(hook.requests.length, 1, 'the other account hears nothing');
      assert.equal(JSON.parse(hook.requests[0].body).data.paymentIntentId, session.id);
      assert.equal(verifyDojoSignature(hook.requests[0].body, hook.requests[0].headers, 'test-hook-secret'), true);
      await api.call('DELETE', `/webhooks/${theirs.body.id}`, { headers: other });
    } finally {
      await hook.close();
    }
  });

  it('logs each delivery once, delivered, with no retries', () => {
    const lines = logs.filter((l) => l.startsWith('webhook '));
    assert.ok(lines.length >= 10);
    for (const line of lines) assert.match(line, /^webhook evt_\w+ [a-z_.]+ to (ws|test)_\w+ delivered$/);
  });
});

describe('webhook data carries what the customer gave (issue 16: details reach the merchant)', () => {
  let sandbox;
  let api;
  let receiver;
  before(async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
    await api.call('POST', '/webhooks', {
      headers: merchant,
      body: { events: ['payment_intent.status_updated', 'payment_session.status_updated'], url: receiver.url },
    });
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it("a card payment's additionalInfo: customerDetails, metaData merged into metadata, custom and reference", async () => {
    const session = await api.openSession(sessionBody({ metadata: { order: '44' }, reference: 'ORDER-44', custom: 'internal-44' }));
    const additionalInfo = {
      userEmailAddress: 'ada@example.com',
      userPhoneNumber: '+44 20 7946 0000',
      billingAddress: { address1: '1 Analytical Row', city: 'London', postcode: 'N1 1AA', countryCode: 'GB' },
      shippingDetails: { name: 'Ada Lovelace', address: { address1: '2 Engine Street', city: 'London', postcode: 'N1 2BB', countryCode: 'GB' } },
      metaData: { gift: 'yes' },
    };
    const seen = receiver.requests.length;
    const paid = await api.pay(session.client_token, { ...cardBody(SUCCESS), additionalInfo });
    assert.equal(paid.status, 200);
    const requests = (await receiver.waitFor(seen + 2)).slice(seen);
    for (const r of requests) assert.ok(!/4242424242424242|"cvv"|"expiryMonth"|"expiryYear"/.test(r.body), 'never card data');
    const events = requests.map((r) => JSON.parse(r.body));
    const { metaData, ...customerDetails } = additionalInfo;
    for (const event of events) {
      assert.deepEqual(event.data.customerDetails, customerDetails, event.event);
      assert.deepEqual(event.data.metadata, { order: '44', ...metaData }, event.event);
      assert.equal(event.data.reference, 'ORDER-44');
      assert.equal(event.data.custom, 'internal-44');
      assert.equal(event.data.authCode, paid.body.authCode);
    }
  });

  it('a wallet payment: the email and addresses the sheet collected', async () => {
    const session = await api.openSession();
    const billingAddress = { address1: '1 Analytical Row', city: 'London', postcode: 'N1 1AA', countryCode: '826' };
    const seen = receiver.requests.length;
    const paid = await api.call('POST', '/v1/wallet/payments', {
      headers: { authorization: `Bearer ${session.client_token}`, 'idempotency-key': newKey() },
      body: { wallet: 'sandbox', token: 'tok_sandbox_visa', email: 'ada@example.com', billingAddress },
    });
    assert.equal(paid.status, 200, paid.text);
    const events = (await receiver.waitFor(seen + 2)).slice(seen).map((r) => JSON.parse(r.body));
    for (const event of events) {
      assert.deepEqual(event.data.customerDetails, { userEmailAddress: 'ada@example.com', billingAddress }, event.event);
      assert.equal(event.data.statusCode, 0);
    }
  });

  it('a declined attempt carries the details given with it too (the merchant can follow up)', async () => {
    const session = await api.openSession();
    const seen = receiver.requests.length;
    const declined = await api.pay(session.client_token, { ...cardBody(DECLINE), additionalInfo: { userEmailAddress: 'ada@example.com' } });
    assert.equal(declined.body.statusCode, 5);
    const events = (await receiver.waitFor(seen + 2)).slice(seen).map((r) => JSON.parse(r.body));
    for (const event of events) assert.deepEqual(event.data.customerDetails, { userEmailAddress: 'ada@example.com' }, event.event);
  });
});
