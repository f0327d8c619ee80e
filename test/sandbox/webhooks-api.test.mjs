// Seed 004's Webhooks API: the events list, the subscription body and answer, update, delete,
// secrets (list, generate, activate, delete), the https rule and the refusal of unknown keys.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, signWebhookBody, verifyWebhookSignature, startReceiver, SECRET_KEY } from './helpers.mjs';
import { verifyDojoSignature } from '../../dist/sandbox/index.js';

const merchant = { authorization: `Bearer ${SECRET_KEY}` };
const otherMerchant = { authorization: 'Bearer sk_test_another_account' };
const ALL_EVENTS = ['payment_intent.created', 'payment_intent.status_updated', 'payment_session.status_updated'];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('webhook subscriptions (seed 004 "Webhooks and events management")', () => {
  let sandbox;
  let api;
  const created = [];
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const subscribe = async (body, headers = merchant) => {
    const res = await api.call('POST', '/webhooks', { headers, body });
    if (res.status === 201) created.push(res.body.id);
    return res;
  };

  it('GET /webhooks/events lists every event one can subscribe to, each with a description', async () => {
    const res = await api.call('GET', '/webhooks/events', { headers: merchant });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((e) => e.event),
      ALL_EVENTS,
    );
    for (const entry of res.body) {
      assert.deepEqual(Object.keys(entry), ['event', 'description']);
      assert.ok(entry.description.length > 10 && !entry.description.includes('\n'), entry.event);
    }
  });

  it("takes the seed's subscription body and answers the seed's shape, with the one secret's value (201)", async () => {
    // Seed 004, "Step 2. Enable the webhook", with only the host changed.
    const res = await subscribe({ events: ['payment_intent.status_updated'], url: 'https://example.com/incoming-events' });
    assert.equal(res.status, 201);
    const sub = res.body;
    assert.deepEqual(Object.keys(sub), ['id', 'accountId', 'events', 'url', 'description', 'secrets', 'createdAt', 'updatedAt']);
    assert.match(sub.id, /^ws_[A-Za-z0-9]{24}$/);
    assert.match(sub.accountId, /^acc_[0-9a-f]{20}$/);
    assert.deepEqual(sub.events, ['payment_intent.status_updated']);
    assert.equal(sub.url, 'https://example.com/incoming-events');
    assert.equal(sub.description, null);
    assert.match(sub.createdAt, ISO);
    assert.equal(sub.updatedAt, sub.createdAt);
    assert.equal(sub.secrets.length, 1);
    const [secret] = sub.secrets;
    assert.deepEqual(Object.keys(secret), ['id', 'value', 'createdAt', 'lastUsedAt', 'isActive']);
    assert.match(secret.id, /^sc_[A-Za-z0-9]{24}$/);
    assert.match(secret.value, /^[A-Za-z0-9_-]{43}$/);
    assert.match(secret.createdAt, ISO);
    assert.equal(secret.lastUsedAt, null);
    assert.equal(secret.isActive, true);
  });

  it('keeps a description, and the same account id for every subscription of one key', async () => {
    const a = (await subscribe({ events: ALL_EVENTS, url: 'https://merchant.example/webhooks/dojo', description: 'Demo Webhooks' })).body;
    const b = (await subscribe({ events: ['payment_intent.created'], url: 'https://merchant.example/other' })).body;
    const c = (await subscribe({ events: ['payment_intent.created'], url: 'https://merchant.example/other' }, otherMerchant)).body;
    assert.equal(a.description, 'Demo Webhooks');
    assert.deepEqual(a.events, ALL_EVENTS);
    assert.equal(a.accountId, b.accountId);
    assert.notEqual(a.accountId, c.accountId, 'another key is another account');
  });

  it('lists and reads subscriptions without any secret value', async () => {
    const sub = (await subscribe({ events: ['payment_intent.status_updated'], url: 'https://example.com/listed' })).body;
    const list = await api.call('GET', '/webhooks', { headers: merchant });
    assert.equal(list.status, 200);
    assert.ok(Array.isArray(list.body));
    const listed = list.body.find((s) => s.id === sub.id);
    const { secrets, ...rest } = sub;
    assert.deepEqual({ ...listed, secrets: undefined }, { ...rest, secrets: undefined });
    assert.deepEqual(listed.secrets, [{ id: secrets[0].id, createdAt: secrets[0].createdAt, lastUsedAt: null, isActive: true }]);
    assert.ok(!JSON.stringify(list.body).includes(secrets[0].value), 'the list never shows a secret value');
    const one = await api.call('GET', `/webhooks/${sub.id}`, { headers: merchant });
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, listed);
    // Another account sees none of them.
    const theirs = await api.call('GET', '/webhooks', { headers: otherMerchant });
    assert.ok(!theirs.body.some((s) => s.id === sub.id));
    assert.equal((await api.call('GET', `/webhooks/${sub.id}`, { headers: otherMerchant })).status, 404);
  });

  it('updates with PUT (all of events, url, description) and PATCH (any of them)', async () => {
    const sub = (await subscribe({ events: ['payment_intent.created'], url: 'https://example.com/a', description: 'first' })).body;
    const put = await api.call('PUT', `/webhooks/${sub.id}`, {
      headers: merchant,
      body: { events: ['payment_intent.status_updated', 'payment_session.status_updated'], url: 'https://example.com/b' },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.events, ['payment_intent.status_updated', 'payment_session.status_updated']);
    assert.equal(put.body.url, 'https://example.com/b');
    assert.equal(put.body.description, null, 'PUT replaces: no description given, none kept');
    assert.equal(put.body.id, sub.id);
    assert.equal(put.body.secrets[0].id, sub.secrets[0].id, 'the secret stays');
    assert.ok(!('value' in put.body.secrets[0]));
    assert.ok(Date.parse(put.body.updatedAt) >= Date.parse(sub.updatedAt));

    const patch = await api.call('PATCH', `/webhooks/${sub.id}`, { headers: merchant, body: { description: 'renamed' } });
    assert.equal(patch.status, 200);
    assert.equal(patch.body.description, 'renamed');
    assert.equal(patch.body.url, 'https://example.com/b');
    assert.deepEqual(patch.body.events, put.body.events);
    const events = await api.call('PATCH', `/webhooks/${sub.id}`, {
      headers: merchant,
      body: { events: ['payment_intent.created', 'payment_intent.created'] },
    });
    assert.deepEqual(events.body.events, ['payment_intent.created'], 'duplicates collapse');
    const cleared = await api.call('PATCH', `/webhooks/${sub.id}`, { headers: merchant, body: { description: null } });
    assert.equal(cleared.body.description, null);
    assert.deepEqual((await api.call('GET', `/webhooks/${sub.id}`, { headers: merchant })).body, cleared.body);

    assert.equal((await api.call('PATCH', `/webhooks/${sub.id}`, { headers: otherMerchant, body: { description: 'x' } })).status, 404);
    assert.equal((await api.call('PUT', '/webhooks/ws_unknown', { headers: merchant, body: { events: ALL_EVENTS, url: 'https://example.com' } })).status, 404);
  });

  it('deletes a subscription: then it is a 404, for reads and a second delete', async () => {
    const sub = (await subscribe({ events: ALL_EVENTS, url: 'https://example.com/gone' })).body;
    assert.equal((await api.call('DELETE', `/webhooks/${sub.id}`, { headers: otherMerchant })).status, 404, "not another account's");
    const deleted = await api.call('DELETE', `/webhooks/${sub.id}`, { headers: merchant });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { id: sub.id, deleted: true });
    assert.equal((await api.call('GET', `/webhooks/${sub.id}`, { headers: merchant })).status, 404);
    assert.equal((await api.call('DELETE', `/webhooks/${sub.id}`, { headers: merchant })).status, 404);
    assert.ok(!(await api.call('GET', '/webhooks', { headers: merchant })).body.some((s) => s.id === sub.id));
  });

  describe('webhook URLs must be https, except on loopback hosts', () => {
    const accepted = [
      'https://example.com/hook',
      'https://203.0.113.9:8443/hook',
      'http://localhost:3000/hook',
      'http://shop.localhost/hook',
      'http://127.0.0.1:9/hook',
      'http://127.1.2.3/hook',
      'http://[::1]:8080/hook',
    ];
    const refused = [
      'http://example.com/hook',
      'http://10.0.0.1/hook',
      'http://localhost.example.com/hook',
      'http://[::2]/hook',
      'ftp://example.com/hook',
      'example.com/hook',
      '',
    ];
    for (const url of accepted) {
      it(`accepts ${url}`, async () => {
        assert.equal((await subscribe({ events: ALL_EVENTS, url })).status, 201);
      });
    }
    for (const url of refused) {
      it(`refuses ${JSON.stringify(url)} with a 400 naming url`, async () => {
        const res = await subscribe({ events: ALL_EVENTS, url });
        assert.equal(res.status, 400);
        assert.equal(res.body.error.param, 'url');
        assert.match(res.body.error.message, /^url must be an https URL \(http only on a loopback host/);
      });
    }
    it('holds for updates and for the test hook too', async () => {
      const sub = (await subscribe({ events: ALL_EVENTS, url: 'https://example.com/ok' })).body;
      for (const method of ['PUT', 'PATCH']) {
        const res = await api.call(method, `/webhooks/${sub.id}`, { headers: merchant, body: { events: ALL_EVENTS, url: 'http://example.com/hook' } });
        assert.equal(res.status, 400, method);
        assert.equal(res.body.error.param, 'url');
      }
      const hook = await api.call('POST', '/test/webhooks', { headers: merchant, body: { url: 'http://example.com/hook', secret: 'a-secret-of-mine' } });
      assert.equal(hook.status, 400);
      assert.equal(hook.body.error.param, 'url');
    });
  });

  const badBodies = [
    ['events', { url: 'https://example.com/hook' }, /^events is required/],
    ['url', { events: ALL_EVENTS }, /^url is required/],
    ['events', { url: 'https://example.com/hook', events: [] }, /at least one event/],
    ['events', { url: 'https://example.com/hook', events: 'payment_intent.created' }, /array of event names/],
    [
      'events.0',
      { url: 'https://example.com/hook', events: ['payment.created'] },
      /must name known events: payment_intent.created, payment_intent.status_updated, payment_session.status_updated/,
    ],
    // Seed 004 lists it, the sandbox never sends it: refused, not accepted and left silent.
    ['events.0', { url: 'https://example.com/hook', events: ['payment_intent.send-receipt'] }, /never sent by the sandbox \(it sends no receipts\)/],
    ['description', { url: 'https://example.com/hook', events: ALL_EVENTS, description: 7 }, /must be a string/],
  ];
  for (const [param, body, message] of badBodies) {
    it(`refuses a bad ${param} with 400 (${JSON.stringify(body).slice(0, 70)})`, async () => {
      const res = await subscribe(body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'invalid_request_error');
      assert.equal(res.body.error.param, param);
      assert.match(res.body.error.message, message);
    });
  }

  it('refuses unknown keys with a 400 that names them, on every body', async () => {
    const sub = (await subscribe({ events: ALL_EVENTS, url: 'https://example.com/strict' })).body;
    const cases = [
      ['POST', '/webhooks', { events: ALL_EVENTS, url: 'https://example.com/hook', secret: 'mine' }, 'secret'],
      ['POST', '/webhooks', { event: ['payment_intent.created'], url: 'https://example.com/hook' }, 'event'],
      ['PUT', `/webhooks/${sub.id}`, { events: ALL_EVENTS, url: 'https://example.com/hook', enabled: true }, 'enabled'],
      ['PATCH', `/webhooks/${sub.id}`, { urls: ['https://example.com/hook'] }, 'urls'],
      ['POST', `/webhooks/${sub.id}/secrets`, { value: 'chosen-by-me' }, 'value'],
      ['POST', `/webhooks/${sub.id}/secrets/${sub.secrets[0].id}/activate`, { isActive: true }, 'isActive'],
      ['POST', '/test/webhooks', { url: 'http://127.0.0.1:9/x', secret: 'a-secret-of-mine', event: 'x' }, 'event'],
    ];
    for (const [method, path, body, key] of cases) {
      const res = await api.call(method, path, { headers: merchant, body });
      assert.equal(res.status, 400, `${method} ${path} ${key}`);
      assert.ok(res.body.error.param === key || res.body.error.message.includes(key), `${method} ${path}: ${JSON.stringify(res.body.error)}`);
    }
  });

  for (const [name, headers] of [
    ['no key', {}],
    ['a publishable key', { authorization: 'Bearer pk_test_abc' }],
    ['a live key', { authorization: 'Bearer sk_live_abc' }],
  ]) {
    it(`refuses ${name} on every route (401)`, async () => {
      const id = created[0];
      const routes = [
        ['GET', '/webhooks/events'],
        ['POST', '/webhooks', { events: ALL_EVENTS, url: 'https://example.com/hook' }],
        ['GET', '/webhooks'],
        ['GET', `/webhooks/${id}`],
        ['PUT', `/webhooks/${id}`, { events: ALL_EVENTS, url: 'https://example.com/hook' }],
        ['PATCH', `/webhooks/${id}`, {}],
        ['DELETE', `/webhooks/${id}`],
        ['GET', `/webhooks/${id}/secrets`],
        ['POST', `/webhooks/${id}/secrets`],
        ['POST', `/webhooks/${id}/secrets/sc_x/activate`],
        ['DELETE', `/webhooks/${id}/secrets/sc_x`],
      ];
      for (const [method, path, body] of routes) {
        assert.equal((await api.call(method, path, { headers, body })).status, 401, `${method} ${path}`);
      }
    });
  }

  it('keeps at most 16 subscriptions per account', async () => {
    const key = { authorization: 'Bearer sk_test_a_busy_account' };
    const ids = [];
    for (let i = 0; i < 16; i++) {
      const res = await api.call('POST', '/webhooks', { headers: key, body: { events: ALL_EVENTS, url: `https://example.com/hook/${i}` } });
      assert.equal(res.status, 201);
      ids.push(res.body.id);
    }
    const over = await api.call('POST', '/webhooks', { headers: key, body: { events: ALL_EVENTS, url: 'https://example.com/hook/16' } });
    assert.equal(over.status, 400);
    assert.match(over.body.error.message, /at most 16/);
    assert.equal(
      (await api.call('POST', '/webhooks', { headers: otherMerchant, body: { events: ALL_EVENTS, url: 'https://example.com/x' } })).status,
      201,
      'another account is not affected',
    );
    await api.call('DELETE', `/webhooks/${ids[0]}`, { headers: key });
    assert.equal((await api.call('POST', '/webhooks', { headers: key, body: { events: ALL_EVENTS, url: 'https://example.com/again' } })).status, 201);
  });
});

describe('webhook secrets: generate, activate, delete (secret rotation)', () => {
  let sandbox;
  let api;
  let receiver;
  before(async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  /** Creates a session and waits for its payment_intent.created delivery. */
  async function oneDelivery() {
    const seen = receiver.requests.length;
    const session = await api.openSession();
    const [request] = (await receiver.waitFor(seen + 1)).slice(seen);
    assert.equal(JSON.parse(request.body).data.paymentIntentId, session.id);
    return request;
  }
  const verifiesWith = (request, secret) => ({
    dojo: verifyDojoSignature(request.body, request.headers, secret),
    moment: verifyWebhookSignature(request.body, request.headers, secret),
  });

  it('signs with the active secret only; a generated secret takes over once activated', async () => {
    const sub = (await api.call('POST', '/webhooks', { headers: merchant, body: { events: ['payment_intent.created'], url: receiver.url } })).body;
    const first = sub.secrets[0];

    const before = await oneDelivery();
    assert.deepEqual(verifiesWith(before, first.value), { dojo: true, moment: true });

    const generated = await api.call('POST', `/webhooks/${sub.id}/secrets`, { headers: merchant });
    assert.equal(generated.status, 201);
    assert.deepEqual(Object.keys(generated.body), ['id', 'value', 'createdAt', 'lastUsedAt', 'isActive']);
    const second = generated.body;
    assert.match(second.id, /^sc_/);
    assert.notEqual(second.value, first.value);
    assert.equal(second.isActive, false, 'a new secret waits until the receiver knows it');
    assert.equal(second.lastUsedAt, null);

    // Until it is activated, deliveries keep the first secret.
    const meanwhile = await oneDelivery();
    assert.deepEqual(verifiesWith(meanwhile, first.value), { dojo: true, moment: true });
    assert.deepEqual(verifiesWith(meanwhile, second.value), { dojo: false, moment: false });

    const secrets = await api.call('GET', `/webhooks/${sub.id}/secrets`, { headers: merchant });
    assert.equal(secrets.status, 200);
    assert.deepEqual(
      secrets.body.map((s) => [s.id, s.isActive, 'value' in s]),
      [
        [first.id, true, false],
        [second.id, false, false],
      ],
    );
    assert.match(secrets.body[0].lastUsedAt, ISO, 'lastUsedAt says when it last signed');

    const activated = await api.call('POST', `/webhooks/${sub.id}/secrets/${second.id}/activate`, { headers: merchant });
    assert.equal(activated.status, 200);
    assert.deepEqual(activated.body, { id: second.id, createdAt: second.createdAt, lastUsedAt: null, isActive: true });

    const after = await oneDelivery();
    assert.deepEqual(verifiesWith(after, second.value), { dojo: true, moment: true });
    assert.deepEqual(verifiesWith(after, first.value), { dojo: false, moment: false }, 'the old secret no longer verifies');
    assert.equal(after.headers['dojo-signature'], signWebhookBody(after.body, second.value));

    const listed = (await api.call('GET', `/webhooks/${sub.id}`, { headers: merchant })).body.secrets;
    assert.deepEqual(
      listed.map((s) => [s.id, s.isActive]),
      [
        [first.id, false],
        [second.id, true],
      ],
    );

    // The active secret cannot be deleted; the old one can.
    const refused = await api.call('DELETE', `/webhooks/${sub.id}/secrets/${second.id}`, { headers: merchant });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /activate another/);
    const deleted = await api.call('DELETE', `/webhooks/${sub.id}/secrets/${first.id}`, { headers: merchant });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { id: first.id, deleted: true });
    assert.deepEqual(
      (await api.call('GET', `/webhooks/${sub.id}/secrets`, { headers: merchant })).body.map((s) => s.id),
      [second.id],
    );
    assert.equal((await api.call('DELETE', `/webhooks/${sub.id}/secrets/${first.id}`, { headers: merchant })).status, 404);
    assert.equal((await api.call('POST', `/webhooks/${sub.id}/secrets/sc_unknown/activate`, { headers: merchant })).status, 404);
    assert.equal((await api.call('GET', `/webhooks/${sub.id}/secrets`, { headers: otherMerchant })).status, 404, "not another account's");
    await api.call('DELETE', `/webhooks/${sub.id}`, { headers: merchant });
  });

  it('keeps at most 5 secrets per subscription', async () => {
    const sub = (await api.call('POST', '/webhooks', { headers: merchant, body: { events: ['payment_intent.created'], url: 'https://example.com/s' } })).body;
    for (let i = 0; i < 4; i++) assert.equal((await api.call('POST', `/webhooks/${sub.id}/secrets`, { headers: merchant })).status, 201);
    const over = await api.call('POST', `/webhooks/${sub.id}/secrets`, { headers: merchant });
    assert.equal(over.status, 400);
    assert.match(over.body.error.message, /at most 5 secrets/);
    await api.call('DELETE', `/webhooks/${sub.id}`, { headers: merchant });
  });

  it('a deleted subscription gets no retries and no new deliveries', async () => {
    const failing = await startReceiver(() => 500);
    try {
      const sub = (await api.call('POST', '/webhooks', { headers: merchant, body: { events: ['payment_intent.created'], url: failing.url } })).body;
      await api.openSession();
      await failing.waitFor(1);
      await api.call('DELETE', `/webhooks/${sub.id}`, { headers: merchant });
      await api.openSession();
      // The first retry would come after 250 ms.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(failing.requests.length, 1);
    } finally {
      await failing.close();
    }
  });

  it('a payment on a session sends the subscription its events (the card never appears)', async () => {
    const sub = (await api.call('POST', '/webhooks', { headers: merchant, body: { events: ALL_EVENTS, url: receiver.url } })).body;
    const seen = receiver.requests.length;
    const session = await api.openSession();
    await api.pay(session.client_token, cardBody('4242424242424242'));
    const requests = (await receiver.waitFor(seen + 3)).slice(seen);
    assert.deepEqual(requests.map((r) => JSON.parse(r.body).event).sort(), [...ALL_EVENTS].sort());
    for (const r of requests) {
      assert.equal(verifyDojoSignature(r.body, r.headers, sub.secrets[0].value), true);
      assert.ok(!/4242424242424242|"cvv"|expiry|Ada Lovelace/.test(r.body), r.body);
    }
    await api.call('DELETE', `/webhooks/${sub.id}`, { headers: merchant });
  });
});
