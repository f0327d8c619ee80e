import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { jwtVerify, decodeProtectedHeader } from 'jose';
import { startSandbox, client, sessionBody, SECRET_KEY, TOKEN_SECRET, newKey } from './helpers.mjs';

describe('merchant API: payment sessions', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  describe('authentication', () => {
    const cases = [
      ['no Authorization header', undefined, /secret key/],
      ['a publishable key', 'Bearer pk_test_abc123', /publishable key/],
      ['a live secret key', 'Bearer sk_live_abc123', /Live keys/],
      ['a key of the wrong shape', 'Bearer sk_test_bad-key!', /Invalid API key/],
      // Seed 004's Basic is the key itself; a base64 `key:` credential is not a key.
      ['a base64 Basic credential', `Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}`, /Invalid API key/],
      ['another scheme', `Token ${SECRET_KEY}`, /secret key/],
    ];
    for (const [name, authorization, message] of cases) {
      it(`refuses ${name} with 401 authentication_error`, async () => {
        const headers = authorization ? { authorization } : {};
        const res = await api.call('POST', '/collect/payment_sessions', { headers, body: sessionBody() });
        assert.equal(res.status, 401);
        assert.equal(res.body.error.type, 'authentication_error');
        assert.match(res.body.error.message, message);
      });
    }

    it('refuses a publishable key on GET too', async () => {
      const res = await api.call('GET', '/collect/payment_sessions/ps_x', { headers: { authorization: 'Bearer pk_test_1' } });
      assert.equal(res.status, 401);
    });
  });

  describe('request validation', () => {
    it('answers 400 invalid_json to a body that is not JSON', async () => {
      const res = await api.call('POST', '/collect/payment_sessions', {
        headers: { authorization: `Bearer ${SECRET_KEY}` },
        raw: '{"amount": 12',
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'invalid_json');
    });

    it('answers 400 to a JSON array body', async () => {
      const res = await api.call('POST', '/collect/payment_sessions', {
        headers: { authorization: `Bearer ${SECRET_KEY}` },
        raw: '[]',
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'invalid_request_error');
    });

    const co = (checkout) => ({ options: { checkout_options: checkout } });
    const badParams = [
      ['amount', { amount: undefined }, 'amount is required'],
      ['amount', { amount: 0 }, 'amount must be a positive integer in minor units'],
      ['amount', { amount: -5 }, 'amount must be a positive integer in minor units'],
      ['amount', { amount: 12.5 }, 'amount must be a positive integer in minor units'],
      ['amount', { amount: '1234' }, 'amount must be a positive integer in minor units'],
      ['amount', { amount: 100_000_000 }, /at most 99999999/],
      ['currency', { currency: 'gbp' }, /three-letter ISO 4217/],
      ['currency', { currency: 'GBPX' }, /three-letter ISO 4217/],
      ['currency', { currency: undefined }, 'currency is required'],
      ['type', { type: 'recurring' }, "type must be 'one_time'"],
      ['options.checkout_options.presentation_mode.mode', co({ presentation_mode: { mode: 'popup' } }), /'embedded' or 'hosted'/],
      ['options.checkout_options.presentation_mode.variant', co({ presentation_mode: { variant: 'sheet' } }), /'modal' or 'inline'/],
      ['options.checkout_options.success_url', co({ success_url: 'javascript:alert(1)' }), /must not use the javascript: scheme/],
      ['options.checkout_options.success_url', co({ success_url: 'not a url' }), /must be an https URL/],
      [
        'options.checkout_options.sucess_url',
        co({ sucess_url: 'https://shop.example/' }),
        'options.checkout_options.sucess_url is not a known field; did you mean success_url?',
      ],
      ['amount.value', { amount: { value: 0, currencyCode: 'GBP' } }, 'amount.value must be a positive integer in minor units'],
      ['amount.currencyCode', { amount: { value: 100, currencyCode: 'gbp' }, currency: undefined }, /three-letter ISO 4217/],
      ['options.checkout_options', { options: { checkout_options: 'x' } }, /must be an object/],
      ['metadata.order', { metadata: { order: 12 } }, /strings/],
      ['reference', { reference: 42 }, /must be a string/],
      ['title', { title: 'x'.repeat(201) }, /at most 200/],
      ['line_items.0.quantity', { line_items: [{ name: 'Tea', quantity: 0, amount: 100 }] }, /positive integer/],
      [
        'line_items.1.name',
        {
          line_items: [
            { name: 'Tea', quantity: 1, amount: 100 },
            { quantity: 1, amount: 1 },
          ],
        },
        /is required/,
      ],
      ['tax_lines.0.amount', { tax_lines: [{ name: 'VAT', amount: -1 }] }, /negative/],
      ['collect.email', { collect: { email: 'yes' } }, /true or false/],
    ];
    for (const [param, overrides, message] of badParams) {
      it(`names ${param} when it is wrong (${JSON.stringify(overrides).slice(0, 60)})`, async () => {
        const res = await api.createSession(sessionBody(overrides));
        assert.equal(res.status, 400);
        assert.equal(res.body.error.type, 'invalid_request_error');
        assert.equal(res.body.error.param, param);
        if (typeof message === 'string') assert.equal(res.body.error.message, message);
        else assert.match(res.body.error.message, message);
      });
    }

    it('refuses a body over 64 KB with 413', async () => {
      const res = await api.createSession(sessionBody({ reference: 'x'.repeat(70 * 1024) }));
      assert.equal(res.status, 413);
      assert.equal(res.body.error.type, 'request_too_large');
    });
  });

  describe('create and read', () => {
    it('creates an open session with a client token and the seed 000 fields', async () => {
      const startedAt = Date.now();
      const res = await api.createSession(
        sessionBody({ metadata: { order: 'A-1' }, reference: 'order-1', title: 'Tea shop', line_items: [{ name: 'Tea', quantity: 2, amount: 617 }] }),
      );
      assert.equal(res.status, 200);
      const session = res.body;
      assert.match(session.id, /^ps_[A-Za-z0-9]{24}$/);
      assert.equal(session.object, 'payment_session');
      assert.equal(session.status, 'open');
      assert.equal(session.amount, 1234);
      assert.equal(session.currency, 'GBP');
      assert.equal(session.type, 'one_time');
      assert.equal(session.presentation_mode, 'embedded');
      assert.equal(session.variant, 'modal');
      assert.equal(session.success_url, `https://shop.example/checkout?session_id=${session.id}`);
      assert.equal(session.failed_attempts, 0);
      assert.equal(session.payment, null);
      assert.deepEqual(session.metadata, { order: 'A-1' });
      assert.equal(session.reference, 'order-1');
      assert.equal(session.title, 'Tea shop');
      assert.deepEqual(session.line_items, [{ name: 'Tea', quantity: 2, amount: 617 }]);
      assert.deepEqual(session.itemLines, [{ id: 'line_1', quantity: 2, caption: 'Tea', amountTotal: { value: 1234, currencyCode: 'GBP' } }]);
      assert.deepEqual(session.paymentMethods, ['Card']);
      assert.equal(session.custom, null);
      assert.equal(session.cancel_url, null);
      assert.equal(session.customer_details, null);
      const ttl = Date.parse(session.expires_at) - Date.parse(session.created_at);
      assert.equal(ttl, 1800 * 1000);
      assert.ok(Date.parse(session.created_at) >= startedAt - 1000);
      assert.equal(typeof session.client_token, 'string');
    });

    it('signs the client token as an HS256 JWT with exactly the ClientTokenClaims', async () => {
      const session = await api.openSession(sessionBody({ options: { checkout_options: { presentation_mode: { mode: 'embedded', variant: 'inline' } } } }));
      assert.deepEqual(decodeProtectedHeader(session.client_token), { alg: 'HS256', typ: 'JWT' });
      const { payload } = await jwtVerify(session.client_token, new TextEncoder().encode(TOKEN_SECRET), {
        issuer: sandbox.origin,
        algorithms: ['HS256'],
      });
      assert.deepEqual(Object.keys(payload).sort(), ['env', 'exp', 'iat', 'iss', 'jti', 'sid', 'variant']);
      assert.equal(payload.iss, sandbox.origin);
      assert.equal(payload.sid, session.id);
      assert.equal(payload.variant, 'inline');
      assert.equal(payload.env, 'sandbox');
      assert.equal(payload.exp, Math.floor(Date.parse(session.expires_at) / 1000));
      assert.equal(session.variant, 'inline');
    });

    it('reads a session back by id', async () => {
      const session = await api.openSession();
      const res = await api.getSession(session.id);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, session);
    });

    it('answers 404 not_found for an unknown session', async () => {
      const res = await api.getSession('ps_doesnotexist');
      assert.equal(res.status, 404);
      assert.equal(res.body.error.type, 'not_found');
    });

    it('answers unknown routes with 404 JSON', async () => {
      const res = await api.call('GET', '/collect/nothing');
      assert.equal(res.status, 404);
      assert.equal(res.body.error.type, 'not_found');
    });

    it('cancels an open session once', async () => {
      const session = await api.openSession();
      const headers = { authorization: `Bearer ${SECRET_KEY}` };
      const first = await api.call('POST', `/collect/payment_sessions/${session.id}/cancel`, { headers });
      assert.equal(first.status, 200);
      assert.equal(first.body.status, 'cancelled');
      const second = await api.call('POST', `/collect/payment_sessions/${session.id}/cancel`, { headers });
      assert.equal(second.status, 409);
      assert.equal(second.body.error.type, 'session_closed');
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the same session for the same key and body', async () => {
      const key = newKey();
      const [a, b] = await Promise.all([
        api.createSession(sessionBody(), { 'idempotency-key': key }),
        api.createSession(sessionBody(), { 'idempotency-key': key }),
      ]);
      const c = await api.createSession(sessionBody(), { 'idempotency-key': key });
      assert.equal(a.status, 200);
      assert.equal(a.body.id, b.body.id);
      assert.equal(a.body.id, c.body.id);
      assert.equal(a.body.client_token, c.body.client_token);
    });

    it('answers 409 idempotency_error for the same key with another body', async () => {
      const key = newKey();
      await api.createSession(sessionBody(), { 'idempotency-key': key });
      const res = await api.createSession(sessionBody({ amount: 999 }), { 'idempotency-key': key });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.type, 'idempotency_error');
    });

    it('creates distinct sessions without a key', async () => {
      const a = await api.openSession();
      const b = await api.openSession();
      assert.notEqual(a.id, b.id);
    });
  });
});

describe('merchant API: session expiry', () => {
  let sandbox;
  let api;
  let clock = Date.now();
  before(async () => {
    sandbox = await startSandbox({ port: 0, sessionTtlSeconds: 60, now: () => clock });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('reads as expired once expires_at has passed', async () => {
    const session = await api.openSession();
    assert.equal((await api.getSession(session.id)).body.status, 'open');
    clock += 61_000;
    assert.equal((await api.getSession(session.id)).body.status, 'expired');
  });

  it('expires a session through the test hook', async () => {
    const session = await api.openSession();
    sandbox.expireSession(session.id);
    assert.equal((await api.getSession(session.id)).body.status, 'expired');
    assert.throws(() => sandbox.expireSession('ps_unknown'));
  });
});
