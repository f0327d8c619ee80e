import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, verifyWebhookSignature, signWebhookBody, startReceiver, SECRET_KEY } from './helpers.mjs';

const WEBHOOK_SECRET = 'whsec_sandbox_tests';

describe('webhook signatures', () => {
  it("reproduces seed 004's example signature", () => {
    const body =
      '{"id":"evt_hnnHxIKR_Uy6bhZCusCltw","event":"payment_intent.created","accountId":"acc_test","createdAt":"2022-02-01T13:07:41.8667859Z","data":{"paymentIntentId":"pi_vpwd4ooAPEqyNAQe4z89WQ","paymentStatus":"Created","captureMode":"Auto"}}';
    const expected =
      'sha256=4B-49-F8-FE-25-A7-E6-7D-00-4F-A7-9C-F8-0B-63-00-C7-77-B4-F2-2D-E5-E1-22-84-FA-04-18-50-A1-76-FD';
    assert.equal(signWebhookBody(body, 'PDYkJQq6sESYHp_zJuTTBQ'), expected);
    assert.equal(verifyWebhookSignature(body, expected, 'PDYkJQq6sESYHp_zJuTTBQ'), true);
    assert.equal(verifyWebhookSignature(body, expected.toLowerCase().replace('SHA256', 'sha256'), 'PDYkJQq6sESYHp_zJuTTBQ'), true);
  });

  it('rejects a wrong secret, a changed body and malformed headers', () => {
    const body = '{"a":1}';
    const header = signWebhookBody(body, 'secret-one');
    assert.equal(verifyWebhookSignature(body, header, 'secret-two'), false);
    assert.equal(verifyWebhookSignature('{"a":2}', header, 'secret-one'), false);
    for (const bad of [undefined, null, '', 'sha256=', 'sha1=00', header.slice(0, -3)]) {
      assert.equal(verifyWebhookSignature(body, bad, 'secret-one'), false);
    }
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

  it('posts a signed payment_session.status_updated event and retries after a failure', async () => {
    const session = await api.openSession();
    const paid = (await api.pay(session.client_token, cardBody('4242424242424242'))).body;
    const [first, second] = await receiver.waitFor(2);

    assert.equal(second.body, first.body, 'the retry sends the same event');
    assert.ok(second.at - first.at >= 200, 'the retry waits for its backoff');
    for (const request of [first, second]) {
      assert.match(request.headers['content-type'], /^application\/json/);
      assert.match(request.headers['moment-signature'], /^sha256=([0-9A-F]{2}-){31}[0-9A-F]{2}$/);
      assert.equal(verifyWebhookSignature(request.body, request.headers['moment-signature'], WEBHOOK_SECRET), true);
    }
    const event = JSON.parse(first.body);
    assert.match(event.id, /^evt_/);
    assert.equal(event.event, 'payment_session.status_updated');
    assert.equal(event.accountId, 'acc_sandbox');
    assert.ok(!Number.isNaN(Date.parse(event.createdAt)));
    assert.deepEqual(event.data, { sessionId: session.id, status: 'completed', paymentId: paid.id, statusCode: 0 });
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
