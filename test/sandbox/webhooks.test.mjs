import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, verifyWebhookSignature, signWebhookBody, startReceiver, SECRET_KEY } from './helpers.mjs';
import { verifyDojoSignature } from '../../dist/sandbox/index.js';

const WEBHOOK_SECRET = 'whsec_sandbox_tests';

describe('webhook signatures', () => {
  // Seed 004, "Verify Dojo webhooks": its example body, "formatted without any spaces or line
  // breaks", and secret give this header value.
  const SEED_BODY =
    '{"id":"evt_hnnHxIKR_Uy6bhZCusCltw","event":"payment_intent.created","accountId":"acc_test","createdAt":"2022-02-01T13:07:41.8667859Z","data":{"paymentIntentId":"pi_vpwd4ooAPEqyNAQe4z89WQ","paymentStatus":"Created","captureMode":"Auto"}}';
  const SEED_SECRET = 'PDYkJQq6sESYHp_zJuTTBQ';
  const SEED_SIGNATURE = 'sha256=4B-49-F8-FE-25-A7-E6-7D-00-4F-A7-9C-F8-0B-63-00-C7-77-B4-F2-2D-E5-E1-22-84-FA-04-18-50-A1-76-FD';

  it("reproduces seed 004's worked example: its body and secret give its Dojo-Signature", () => {
    // The compact body is the seed's pretty-printed JSON with the whitespace taken out.
    const pretty = `{ "id": "evt_hnnHxIKR_Uy6bhZCusCltw", "event": "payment_intent.created", "accountId": "acc_test", "createdAt": "2022-02-01T13:07:41.8667859Z", "data": { "paymentIntentId": "pi_vpwd4ooAPEqyNAQe4z89WQ", "paymentStatus": "Created", "captureMode": "Auto" } }`;
    assert.equal(JSON.stringify(JSON.parse(pretty)), SEED_BODY);
    assert.equal(signWebhookBody(SEED_BODY, SEED_SECRET), SEED_SIGNATURE);
  });

  it("verifyDojoSignature accepts the seed's example header, by headers or by value, and nothing else", () => {
    assert.equal(verifyDojoSignature(SEED_BODY, { 'dojo-signature': SEED_SIGNATURE }, SEED_SECRET), true);
    assert.equal(verifyDojoSignature(SEED_BODY, new Headers({ 'Dojo-Signature': SEED_SIGNATURE }), SEED_SECRET), true);
    assert.equal(verifyDojoSignature(SEED_BODY, SEED_SIGNATURE, SEED_SECRET), true);
    assert.equal(verifyDojoSignature(new TextEncoder().encode(SEED_BODY), SEED_SIGNATURE, SEED_SECRET), true);
    assert.equal(verifyDojoSignature(SEED_BODY, SEED_SIGNATURE.toLowerCase(), SEED_SECRET), true, 'hex in any case');
    assert.equal(verifyDojoSignature(SEED_BODY, SEED_SIGNATURE, 'PDYkJQq6sESYHp_zJuTTBq'), false, 'another secret');
    assert.equal(verifyDojoSignature(SEED_BODY.replace('Created', 'Captured'), SEED_SIGNATURE, SEED_SECRET), false, 'a changed body');
    assert.equal(verifyDojoSignature(`${SEED_BODY} `, SEED_SIGNATURE, SEED_SECRET), false, 'the raw body, not re-serialized JSON');
    for (const bad of [undefined, null, '', 'sha256=', SEED_SIGNATURE.replaceAll('-', ''), SEED_SIGNATURE.slice(0, -3), `sha1=${SEED_SIGNATURE.slice(7)}`]) {
      assert.equal(verifyDojoSignature(SEED_BODY, bad, SEED_SECRET), false, String(bad));
      assert.equal(verifyDojoSignature(SEED_BODY, { 'dojo-signature': bad }, SEED_SECRET), false, String(bad));
    }
    assert.equal(verifyDojoSignature(SEED_BODY, {}, SEED_SECRET), false, 'no header');
    assert.equal(verifyDojoSignature(SEED_BODY, SEED_SIGNATURE, ''), false, 'an empty secret');
    // The timestamped check does not take the seed's header: it needs Moment-Timestamp.
    assert.equal(verifyWebhookSignature(SEED_BODY, { 'dojo-signature': SEED_SIGNATURE }, SEED_SECRET), false);
  });

  it('signs timestamp + "." + body, and verifies with the headers a receiver gets', () => {
    const body = '{"a":1}';
    const t = Math.floor(Date.now() / 1000);
    const signature = signWebhookBody(body, 'secret-one', t);
    assert.match(signature, /^sha256=([0-9A-F]{2}-){31}[0-9A-F]{2}$/);
    assert.equal(signature, signWebhookBody(`${t}.${body}`, 'secret-one'));
    assert.notEqual(signature, signWebhookBody(body, 'secret-one'));
    // Node's req.headers (lower case), a Fetch Headers, or the signature value with the timestamp.
    assert.equal(verifyWebhookSignature(body, { 'moment-signature': signature, 'moment-timestamp': String(t) }, 'secret-one'), true);
    assert.equal(verifyWebhookSignature(body, new Headers({ 'Moment-Signature': signature, 'Moment-Timestamp': String(t) }), 'secret-one'), true);
    assert.equal(verifyWebhookSignature(body, signature.toLowerCase().replace('SHA256', 'sha256'), 'secret-one', { timestamp: t }), true);
    assert.equal(verifyWebhookSignature(new TextEncoder().encode(body), { 'Moment-Signature': signature, 'Moment-Timestamp': String(t) }, 'secret-one'), true);
  });

  it('rejects a wrong secret, a changed body, a changed timestamp and malformed headers', () => {
    const body = '{"a":1}';
    const t = Math.floor(Date.now() / 1000);
    const headers = { 'moment-signature': signWebhookBody(body, 'secret-one', t), 'moment-timestamp': String(t) };
    assert.equal(verifyWebhookSignature(body, headers, 'secret-two'), false);
    assert.equal(verifyWebhookSignature('{"a":2}', headers, 'secret-one'), false);
    assert.equal(verifyWebhookSignature(body, { ...headers, 'moment-timestamp': String(t - 1) }, 'secret-one'), false);
    assert.equal(verifyWebhookSignature(body, { 'moment-signature': headers['moment-signature'] }, 'secret-one'), false, 'no timestamp');
    // The seed-style signature of the body alone is no longer enough.
    assert.equal(verifyWebhookSignature(body, { ...headers, 'moment-signature': signWebhookBody(body, 'secret-one') }, 'secret-one'), false);
    for (const bad of [undefined, null, '', 'sha256=', 'sha1=00', headers['moment-signature'].slice(0, -3)]) {
      assert.equal(verifyWebhookSignature(body, { ...headers, 'moment-signature': bad }, 'secret-one'), false);
      assert.equal(verifyWebhookSignature(body, bad, 'secret-one', { timestamp: t }), false);
    }
    for (const badTime of ['', 'abc', '1e9', '-5', `${t}.0`]) {
      assert.equal(verifyWebhookSignature(body, { ...headers, 'moment-timestamp': badTime }, 'secret-one'), false, badTime);
    }
  });

  it('rejects replays older than the tolerance (5 minutes by default) and timestamps from the future', () => {
    const body = '{"a":1}';
    const now = Date.now();
    const signedAt = (seconds) => {
      const t = Math.floor(now / 1000) + seconds;
      return { 'moment-signature': signWebhookBody(body, 'k', t), 'moment-timestamp': String(t) };
    };
    assert.equal(verifyWebhookSignature(body, signedAt(-299), 'k', { now }), true);
    assert.equal(verifyWebhookSignature(body, signedAt(-301), 'k', { now }), false);
    assert.equal(verifyWebhookSignature(body, signedAt(299), 'k', { now }), true);
    assert.equal(verifyWebhookSignature(body, signedAt(301), 'k', { now }), false);
    assert.equal(verifyWebhookSignature(body, signedAt(-3600), 'k', { now, tolerance: 7200 }), true);
    assert.equal(verifyWebhookSignature(body, signedAt(-61), 'k', { now, tolerance: 60 }), false);
    // The clock defaults to now: a delivery captured an hour ago does not verify today.
    assert.equal(verifyWebhookSignature(body, signedAt(-3600), 'k'), false);
  });
});

describe('webhook delivery', () => {
  let receiver;
  let sandbox;
  let api;
  before(async () => {
    // The first delivery fails with 500; everything after succeeds.
    receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    sandbox = await startSandbox({ port: 0, webhook: { url: receiver.url, secret: WEBHOOK_SECRET } });
    api = client(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('posts a payment_session.status_updated event with both signatures and retries after a failure', async () => {
    const session = await api.openSession();
    const paid = (await api.pay(session.client_token, cardBody('4242424242424242'))).body;
    const [first, second] = await receiver.waitFor(2);

    assert.equal(second.body, first.body, 'the retry sends the same event');
    assert.ok(second.at - first.at >= 200, 'the retry waits for its backoff');
    for (const request of [first, second]) {
      assert.match(request.headers['content-type'], /^application\/json/);
      assert.match(request.headers['moment-signature'], /^sha256=([0-9A-F]{2}-){31}[0-9A-F]{2}$/);
      assert.match(request.headers['moment-timestamp'], /^\d{10}$/);
      assert.ok(Math.abs(Number(request.headers['moment-timestamp']) - request.at / 1000) < 5, 'signed at delivery time');
      assert.equal(verifyWebhookSignature(request.body, request.headers, WEBHOOK_SECRET), true);
      assert.match(request.headers['dojo-signature'], /^sha256=([0-9A-F]{2}-){31}[0-9A-F]{2}$/);
      assert.equal(request.headers['dojo-signature'], signWebhookBody(request.body, WEBHOOK_SECRET), 'seed 004: over the raw body alone');
      assert.equal(verifyDojoSignature(request.body, request.headers, WEBHOOK_SECRET), true);
    }
    const event = JSON.parse(first.body);
    assert.deepEqual(Object.keys(event), ['id', 'event', 'accountId', 'createdAt', 'data'], "seed 004's envelope");
    assert.match(event.id, /^evt_/);
    assert.equal(event.event, 'payment_session.status_updated');
    assert.match(event.accountId, /^acc_[0-9a-f]{20}$/);
    assert.ok(!Number.isNaN(Date.parse(event.createdAt)));
    // The product's own keys first, then the attempt's auth code and what the merchant fulfils with.
    assert.deepEqual(event.data, {
      sessionId: session.id,
      status: 'completed',
      paymentId: paid.id,
      statusCode: 0,
      authCode: paid.authCode,
      customerDetails: null,
      metadata: {},
      reference: null,
      custom: null,
    });
  });

  it('announces cancellation and expiry too', async () => {
    const seen = receiver.requests.length;
    const cancelled = await api.openSession();
    await api.call('POST', `/collect/payment_sessions/${cancelled.id}/cancel`, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
    const expired = await api.openSession();
    sandbox.expireSession(expired.id);
    const requests = await receiver.waitFor(seen + 2);
    const events = requests.slice(seen).map((r) => JSON.parse(r.body).data);
    assert.deepEqual(
      events.map((d) => [d.sessionId, d.status, d.paymentId]).sort(),
      [
        [cancelled.id, 'cancelled', null],
        [expired.id, 'expired', null],
      ].sort(),
    );
  });
});

describe('webhook registration and back-pressure', () => {
  let receiver;
  let sandbox;
  let api;
  before(async () => {
    receiver = await startReceiver(() => 'hang');
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('registers an endpoint at run time with a secret key only', async () => {
    const denied = await api.call('POST', '/test/webhooks', { body: { url: receiver.url, secret: WEBHOOK_SECRET } });
    assert.equal(denied.status, 401);
    const bad = await api.call('POST', '/test/webhooks', {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
      body: { url: 'ftp://x', secret: WEBHOOK_SECRET },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.param, 'url');
    const ok = await api.call('POST', '/test/webhooks', {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
      body: { url: receiver.url, secret: WEBHOOK_SECRET },
    });
    assert.equal(ok.status, 200);
  });

  it('never holds the payment response for a slow receiver', async () => {
    const session = await api.openSession();
    const started = Date.now();
    const paid = await api.pay(session.client_token, cardBody('4242424242424242'));
    assert.equal(paid.status, 200);
    assert.ok(Date.now() - started < 1000);
    const [request] = await receiver.waitFor(1);
    assert.equal(JSON.parse(request.body).data.status, 'completed');
  });
});
