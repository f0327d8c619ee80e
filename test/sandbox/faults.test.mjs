// Fault simulation (`POST /test/faults`, `sandbox.addFault()`) and the idempotency it exercises:
// a request that times out, a dropped connection, a proxy's 502 after the charge, a slow answer.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, newKey, startReceiver, SECRET_KEY } from './helpers.mjs';

const VISA = '4242424242424242';
const merchant = { authorization: `Bearer ${SECRET_KEY}` };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A payment request that may never be answered: fetch itself, so a dropped connection rejects. */
const rawPay = (sandbox, token, key, { signal, path = '/v1/payments', body = cardBody(VISA) } = {}) =>
  fetch(`${sandbox.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });

describe('fault simulation', () => {
  let sandbox;
  let api;
  const lines = [];

  const addFault = (body, headers = merchant) => api.call('POST', '/test/faults', { headers, body });
  const lookUp = (token, key) => api.call('GET', `/v1/payments?idempotency_key=${encodeURIComponent(key)}`, { headers: { authorization: `Bearer ${token}` } });
  const sessionStatus = async (id) => (await api.getSession(id)).body.status;

  before(async () => {
    sandbox = await startSandbox({ port: 0, log: (line) => lines.push(line) });
    api = client(sandbox);
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.close());

  describe('the /test/faults API', () => {
    it('arms a fault (201, defaults filled in), lists it, deletes one or all', async () => {
      const session = await api.openSession();
      const timeout = await addFault({ route: 'payments', fault: 'timeout' });
      assert.equal(timeout.status, 201);
      assert.match(timeout.body.id, /^flt_[A-Za-z0-9]+$/);
      assert.deepEqual({ ...timeout.body, id: 'x' }, { id: 'x', route: 'payments', fault: 'timeout', delay_ms: 60000, times: 1, remaining: 1 });

      const error = await addFault({ route: 'any', fault: 'error', times: 3 });
      assert.deepEqual({ ...error.body, id: 'x' }, { id: 'x', route: 'any', fault: 'error', status: 503, times: 3, remaining: 3 });
      const slow = await addFault({ route: 'session', fault: 'slow' });
      assert.equal(slow.body.delay_ms, 2000);
      const scoped = await addFault({ route: 'payments', fault: 'error_after_charge', status: 502, session_id: session.id });
      assert.deepEqual(
        { ...scoped.body, id: 'x' },
        { id: 'x', route: 'payments', fault: 'error_after_charge', status: 502, times: 1, remaining: 1, session_id: session.id },
      );

      const list = await api.call('GET', '/test/faults', { headers: merchant });
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.data.map((f) => f.id),
        [timeout.body.id, error.body.id, slow.body.id, scoped.body.id],
        'oldest first',
      );

      const one = await api.call('DELETE', `/test/faults/${error.body.id}`, { headers: merchant });
      assert.deepEqual([one.status, one.body], [200, { id: error.body.id, deleted: true }]);
      assert.equal((await api.call('DELETE', `/test/faults/${error.body.id}`, { headers: merchant })).status, 404);
      const all = await api.call('DELETE', '/test/faults', { headers: merchant });
      assert.deepEqual([all.status, all.body], [200, { deleted: 3 }]);
      assert.deepEqual((await api.call('GET', '/test/faults', { headers: merchant })).body, { data: [] });
    });

    it('refuses unknown keys, bad values and fields that do not fit the fault, naming them', async () => {
      const cases = [
        [{ route: 'payments', fault: 'error', tmes: 2 }, 'tmes', /did you mean times/],
        [{ route: 'payments', fault: 'error', status: 418 }, 'status', /500, 502, 503, 504/],
        [{ route: 'payments', fault: 'timeout', status: 503 }, 'status', /only to the faults 'error' and 'error_after_charge'/],
        [{ route: 'payments', fault: 'error', delay_ms: 100 }, 'delay_ms', /only to the faults 'timeout' and 'slow'/],
        [{ route: 'payments', fault: 'slow', delay_ms: 120001 }, 'delay_ms', /0 to 120000/],
        [{ route: 'payments', fault: 'error', times: 0 }, 'times', /1 to 100/],
        [{ route: 'payments', fault: 'error', times: 101 }, 'times', /1 to 100/],
        [{ route: 'payment', fault: 'error' }, 'route', /'payments'/],
        [{ route: 'payments', fault: 'explode' }, 'fault', /'timeout'/],
        [{ fault: 'error' }, 'route', /required/],
        [{ route: 'payments' }, 'fault', /required/],
        [{ route: 'frames', fault: 'error', session_id: 'ps_abc' }, 'session_id', /frame pages carry no client token/],
      ];
      for (const [body, param, message] of cases) {
        const res = await addFault(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.param, param, JSON.stringify(body));
        assert.match(res.body.error.message, message, JSON.stringify(body));
      }
      const unknown = await addFault({ route: 'payments', fault: 'error', session_id: 'ps_doesnotexist' });
      assert.equal(unknown.status, 404);
      // Another account's session is unknown to this key.
      const theirs = await api.openSession();
      const other = await addFault({ route: 'payments', fault: 'error', session_id: theirs.id }, { authorization: 'Bearer sk_test_someone_else' });
      assert.equal(other.status, 404);
      assert.deepEqual((await api.call('GET', '/test/faults', { headers: merchant })).body, { data: [] }, 'nothing armed');
    });

    it('is test mode only: a live key, a publishable key or no key is refused', async () => {
      const body = { route: 'payments', fault: 'error' };
      for (const headers of [{ authorization: 'Bearer sk_live_abc123' }, { authorization: 'Bearer pk_test_abc123' }, {}]) {
        const res = await addFault(body, headers);
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.equal(res.body.error.type, 'authentication_error');
      }
      assert.equal((await api.call('GET', '/test/faults', { headers: { authorization: 'Bearer sk_live_abc123' } })).status, 401);
      assert.equal((await api.call('DELETE', '/test/faults', { headers: { authorization: 'Bearer sk_live_abc123' } })).status, 401);
      assert.deepEqual((await api.call('GET', '/test/faults', { headers: merchant })).body, { data: [] });
    });

    it('sandbox.addFault() takes the same spec and checks it the same way; clearFaults() removes all', async () => {
      const fault = sandbox.addFault({ route: 'payment_status', fault: 'reset', times: 2 });
      assert.deepEqual({ ...fault, id: 'x' }, { id: 'x', route: 'payment_status', fault: 'reset', times: 2, remaining: 2 });
      assert.throws(() => sandbox.addFault({ route: 'payments', fault: 'error', status: 404 }), TypeError);
      assert.throws(() => sandbox.addFault({ route: 'payments', fault: 'reset', delay_ms: 5 }), TypeError);
      assert.throws(() => sandbox.addFault({ route: 'payments', fault: 'error', session_id: 'ps_nosuchsession' }), /No session/);
      assert.equal((await api.call('GET', '/test/faults', { headers: merchant })).body.data.length, 1);
      sandbox.clearFaults();
      assert.equal((await api.call('GET', '/test/faults', { headers: merchant })).body.data.length, 0);
    });
  });

  describe('faults on payments', () => {
    it('timeout: the request is held and not processed; the client gives up; nothing is charged', async () => {
      const session = await api.openSession();
      const fault = sandbox.addFault({ route: 'payments', fault: 'timeout' });
      const key = newKey();
      const started = Date.now();
      const dropped = () => lines.filter((l) => /^POST \/v1\/payments dropped \d+ms$/.test(l)).length;
      const droppedBefore = dropped();
      await assert.rejects(rawPay(sandbox, session.client_token, key, { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
      assert.ok(Date.now() - started < 5000);
      // The held request is let go as soon as the client gives up, not after delay_ms.
      for (let i = 0; i < 40 && dropped() === droppedBefore; i++) await sleep(25);
      assert.equal(dropped(), droppedBefore + 1, 'released on the client abort');
      assert.ok(lines.includes(`fault ${fault.id} timeout POST /v1/payments`), 'one log line');
      const lookup = await lookUp(session.client_token, key);
      assert.equal(lookup.status, 404);
      assert.deepEqual(lookup.body, { error: { type: 'not_found', message: 'No payment was received with this Idempotency-Key.' } });
      assert.equal(await sessionStatus(session.id), 'open');
      // Used up: the retry with the same key is processed, once.
      const retry = await api.pay(session.client_token, cardBody(VISA), key);
      assert.equal(retry.status, 200);
      assert.equal(retry.body.status, 'succeeded');
      assert.equal(await sessionStatus(session.id), 'completed');
    });

    it('timeout: after delay_ms the connection is destroyed, still without processing', async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'payments', fault: 'timeout', delay_ms: 150 });
      const key = newKey();
      const started = Date.now();
      await assert.rejects(rawPay(sandbox, session.client_token, key), TypeError);
      assert.ok(Date.now() - started >= 140, 'held for delay_ms');
      assert.equal((await lookUp(session.client_token, key)).status, 404);
      assert.equal(await sessionStatus(session.id), 'open');
    });

    it('reset: the connection is destroyed before processing; nothing is charged', async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'payments', fault: 'reset' });
      const key = newKey();
      await assert.rejects(rawPay(sandbox, session.client_token, key), TypeError);
      assert.equal((await lookUp(session.client_token, key)).status, 404);
      assert.equal(await sessionStatus(session.id), 'open');
      assert.ok(
        lines.some((l) => /^POST \/v1\/payments dropped \d+ms$/.test(l)),
        'the request log says dropped',
      );
    });

    it('error 503: answered without processing; nothing is charged', async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'payments', fault: 'error' });
      const key = newKey();
      const res = await api.pay(session.client_token, cardBody(VISA), key);
      assert.equal(res.status, 503);
      assert.equal(res.body.error.type, 'api_error');
      assert.match(res.body.error.message, /^Simulated 503/);
      assert.equal((await lookUp(session.client_token, key)).status, 404);
      assert.equal(await sessionStatus(session.id), 'open');
    });

    it('error_after_charge 502: charged once; the lookup and a retry with the key give the success; another key gets 20', async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'payments', fault: 'error_after_charge', status: 502 });
      const key = newKey();
      const res = await api.pay(session.client_token, cardBody(VISA), key);
      assert.equal(res.status, 502);
      assert.equal(res.body.error.type, 'api_error');
      assert.match(res.body.error.message, /^Simulated 502/);
      assert.equal(await sessionStatus(session.id), 'completed');

      const lookup = await lookUp(session.client_token, key);
      assert.equal(lookup.status, 200);
      assert.equal(lookup.body.status, 'succeeded');
      assert.equal(lookup.body.statusCode, 0);
      const retry = await api.pay(session.client_token, cardBody(VISA), key);
      assert.equal(retry.status, 200);
      assert.deepEqual(retry.body, lookup.body, 'the same answer');
      const again = await lookUp(session.client_token, key);
      assert.deepEqual(again.body, lookup.body);
      // The payment itself reads back too.
      assert.equal((await api.getPayment(session.client_token, lookup.body.id)).body.status, 'succeeded');

      const other = await api.pay(session.client_token, cardBody(VISA), newKey());
      assert.equal(other.status, 200);
      assert.equal(other.body.statusCode, 20, 'never a second charge');
    });

    it('drop_after_charge: charged once, then the connection is destroyed; the lookup finds the charge', async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'payments', fault: 'drop_after_charge' });
      const key = newKey();
      await assert.rejects(rawPay(sandbox, session.client_token, key), TypeError);
      assert.equal(await sessionStatus(session.id), 'completed');
      const lookup = await lookUp(session.client_token, key);
      assert.equal(lookup.status, 200);
      assert.equal(lookup.body.status, 'succeeded');
      const retry = await api.pay(session.client_token, cardBody(VISA), key);
      assert.deepEqual(retry.body, lookup.body);
    });

    it('slow: answered after delay_ms; meanwhile the same key is 409 idempotency_in_progress, never processed twice', async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'payments', fault: 'slow', delay_ms: 600 });
      const key = newKey();
      const started = Date.now();
      const first = rawPay(sandbox, session.client_token, key);
      await sleep(150);
      const second = await api.pay(session.client_token, cardBody(VISA), key);
      assert.equal(second.status, 409);
      assert.equal(second.body.error.type, 'idempotency_in_progress');
      const during = await lookUp(session.client_token, key);
      assert.equal(during.status, 409);
      assert.equal(during.body.error.type, 'idempotency_in_progress');
      // Another key is not held back by it, and is not charged twice either once the first lands.
      const answer = await first;
      assert.ok(Date.now() - started >= 580, 'answered after the delay');
      assert.equal(answer.status, 200);
      const body = await answer.json();
      assert.equal(body.status, 'succeeded');
      const after = await lookUp(session.client_token, key);
      assert.deepEqual(after.body, body);
      const replay = await api.pay(session.client_token, cardBody(VISA), key);
      assert.deepEqual(replay.body, body);
    });

    it('applies to wallet payments too, which share the lookup by key', async () => {
      const session = await api.openSession({ ...(await import('./helpers.mjs')).sessionBody(), paymentMethods: ['Card', 'Wallet'] });
      sandbox.addFault({ route: 'payments', fault: 'error_after_charge', status: 504 });
      const key = newKey();
      const res = await rawPay(sandbox, session.client_token, key, { path: '/v1/wallet/payments', body: { wallet: 'sandbox', token: 'tok_sandbox_visa' } });
      assert.equal(res.status, 504);
      const lookup = await lookUp(session.client_token, key);
      assert.equal(lookup.status, 200);
      assert.equal(lookup.body.status, 'succeeded');
    });
  });

  describe('the lookup by Idempotency-Key', () => {
    it('needs the client token and a valid key, and sees only its own session', async () => {
      const session = await api.openSession();
      const key = newKey();
      const paid = await api.pay(session.client_token, cardBody(VISA), key);
      const found = await lookUp(session.client_token, key);
      assert.deepEqual([found.status, found.body], [200, paid.body]);

      const missing = await api.call('GET', '/v1/payments', { headers: { authorization: `Bearer ${session.client_token}` } });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.param, 'idempotency_key');
      const bad = await lookUp(session.client_token, 'x'.repeat(256));
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.param, 'idempotency_key');
      assert.equal((await api.call('GET', `/v1/payments?idempotency_key=${key}`)).status, 401);
      const other = await api.openSession();
      assert.equal((await lookUp(other.client_token, key)).status, 404, "another session's key is not found");
      // GET /v1/payments/{id} still answers.
      assert.equal((await api.getPayment(session.client_token, paid.body.id)).status, 200);
    });
  });

  describe('counting and scoping', () => {
    it('applies to `times` requests, counting `remaining` down, then is removed', async () => {
      const session = await api.openSession();
      const fault = sandbox.addFault({ route: 'payments', fault: 'error', status: 500, times: 2 });
      assert.equal((await api.pay(session.client_token, cardBody(VISA))).status, 500);
      const listed = (await api.call('GET', '/test/faults', { headers: merchant })).body.data;
      assert.deepEqual(
        listed.map((f) => [f.id, f.times, f.remaining]),
        [[fault.id, 2, 1]],
      );
      assert.equal((await api.pay(session.client_token, cardBody(VISA))).status, 500);
      assert.deepEqual((await api.call('GET', '/test/faults', { headers: merchant })).body.data, []);
      assert.equal((await api.pay(session.client_token, cardBody(VISA))).status, 200);
    });

    it('with session_id, applies only to that session; several matching faults apply oldest first, one at a time', async () => {
      const mine = await api.openSession();
      const theirs = await api.openSession();
      const scoped = await addFault({ route: 'payments', fault: 'error', status: 502, session_id: mine.id });
      assert.equal(scoped.status, 201);
      const paid = await api.pay(theirs.client_token, cardBody(VISA));
      assert.equal(paid.status, 200, 'another session is unaffected');
      assert.equal((await api.pay(mine.client_token, cardBody(VISA))).status, 502);

      sandbox.addFault({ route: 'any', fault: 'error', status: 500 });
      sandbox.addFault({ route: 'payment_status', fault: 'error', status: 504 });
      const first = await api.getPayment(theirs.client_token, paid.body.id);
      assert.equal(first.status, 500, 'the oldest');
      const second = await api.getPayment(theirs.client_token, paid.body.id);
      assert.equal(second.status, 504);
      assert.equal((await api.getPayment(theirs.client_token, paid.body.id)).status, 200);
    });

    it("routes: 'session' is the frames' session read, 'payment_status' the reads of a payment; /test/* is never faulted", async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'session', fault: 'error' });
      assert.equal((await api.pay(session.client_token, cardBody('4000000000000002'))).status, 200);
      assert.equal((await api.frameSession(session.client_token)).status, 503);
      assert.equal((await api.frameSession(session.client_token)).status, 200);

      sandbox.addFault({ route: 'any', fault: 'reset', times: 5 });
      assert.equal((await api.call('GET', '/test/faults', { headers: merchant })).status, 200);
      assert.equal((await api.call('DELETE', '/test/faults', { headers: merchant })).body.deleted, 1);
    });
  });

  describe('the frames', () => {
    it('GET /frames/health answers 204 with CORS and no-store', async () => {
      const res = await fetch(`${sandbox.origin}/frames/health`);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('cache-control'), 'no-store');
    });

    it("a 'frames' error answers 503 with the CORS header; a reset makes it unreachable; the API is unaffected", async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'frames', fault: 'error' });
      assert.equal((await api.frameSession(session.client_token)).status, 200, 'not a frames request');
      const failed = await fetch(`${sandbox.origin}/frames/health`);
      assert.equal(failed.status, 503);
      assert.equal(failed.headers.get('access-control-allow-origin'), '*');
      assert.equal((await failed.json()).error.type, 'api_error');

      sandbox.addFault({ route: 'frames', fault: 'reset' });
      await assert.rejects(fetch(`${sandbox.origin}/frames/health`), TypeError);
      sandbox.addFault({ route: 'frames', fault: 'error', status: 500 });
      assert.equal((await fetch(`${sandbox.origin}/frames/card`)).status, 500, 'the frame pages too');
      sandbox.addFault({ route: 'frames', fault: 'error', status: 502 });
      assert.equal((await fetch(`${sandbox.origin}/checkout/${session.id}`)).status, 502, 'and the hosted checkout');
      assert.equal((await fetch(`${sandbox.origin}/frames/health`)).status, 204);
    });
  });

  describe('webhooks', () => {
    let receiver;
    before(async () => {
      receiver = await startReceiver();
      const res = await api.call('POST', '/test/webhooks', { headers: merchant, body: { url: receiver.url, secret: 'whsec_fault_tests' } });
      assert.equal(res.status, 200);
    });
    after(async () => {
      await api.call('DELETE', '/test/webhooks', { headers: merchant });
      await receiver.close();
    });

    it("an 'error' fails the delivery as if the endpoint had; the retry delivers it", async () => {
      const session = await api.openSession();
      const fault = sandbox.addFault({ route: 'webhooks', fault: 'error', session_id: session.id });
      const before = receiver.requests.length;
      assert.equal((await api.pay(session.client_token, cardBody(VISA))).status, 200);
      const requests = await receiver.waitFor(before + 1);
      const event = JSON.parse(requests[before].body);
      assert.equal(event.data.sessionId, session.id);
      assert.equal(event.data.status, 'completed');
      assert.ok(lines.some((l) => l.startsWith(`fault ${fault.id} error webhook ${event.id}`)));
      assert.ok(
        lines.some((l) => l.includes(`webhook ${event.id}`) && l.includes('failed (HTTP 503, simulated), retrying in')),
        'the log says it was simulated',
      );
      for (let i = 0; i < 40 && !lines.some((l) => l.includes(`webhook ${event.id}`) && l.endsWith('delivered')); i++) await sleep(25);
      assert.ok(lines.some((l) => l.includes(`webhook ${event.id}`) && l.endsWith('delivered')));
      await sleep(100);
      assert.equal(receiver.requests.length, before + 1, 'the failed try sent nothing');
    });

    it("a 'timeout' fails a try after delay_ms (at most the delivery timeout); a 'slow' one delivers late", async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'webhooks', fault: 'timeout', delay_ms: 50, session_id: session.id });
      sandbox.addFault({ route: 'webhooks', fault: 'slow', delay_ms: 300, session_id: session.id });
      const before = receiver.requests.length;
      const started = Date.now();
      await api.pay(session.client_token, cardBody(VISA));
      const requests = await receiver.waitFor(before + 1);
      // 50 ms held, 250 ms before the retry, 300 ms slow.
      assert.ok(requests[before].at - started >= 550, `delivered after ${requests[before].at - started} ms`);
      assert.ok(lines.some((l) => l.includes('failed (TimeoutError, simulated), retrying in')));
    });

    it("a 'drop_after_charge' delivers, loses the answer, and the retry delivers the same event again", async () => {
      const session = await api.openSession();
      sandbox.addFault({ route: 'webhooks', fault: 'drop_after_charge', session_id: session.id });
      const before = receiver.requests.length;
      await api.pay(session.client_token, cardBody(VISA));
      const requests = await receiver.waitFor(before + 2);
      assert.equal(JSON.parse(requests[before].body).id, JSON.parse(requests[before + 1].body).id);
    });
  });
});

describe('fault simulation: closing the sandbox', () => {
  it('close() lets a held request go at once, leaving no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const baseline = timers();
    const sandbox = await startSandbox({ port: 0 });
    const api = client(sandbox);
    const session = await api.openSession();
    sandbox.addFault({ route: 'payments', fault: 'timeout', delay_ms: 120000 });
    sandbox.addFault({ route: 'frames', fault: 'slow', delay_ms: 120000 });
    const held = rawPay(sandbox, session.client_token, newKey());
    const slow = fetch(`${sandbox.origin}/frames/health`);
    await sleep(150);
    const started = Date.now();
    await sandbox.close();
    assert.ok(Date.now() - started < 2000, 'closed without waiting for the faults');
    await assert.rejects(held, TypeError);
    await assert.rejects(slow, TypeError);
    await sleep(20);
    assert.ok(timers() <= baseline, `no timer left behind (${timers()} > ${baseline})`);
  });
});
