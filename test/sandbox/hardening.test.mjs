import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, client, cardBody, sessionBody, newKey, SECRET_KEY } from './helpers.mjs';

const deep = (depth) => `{"amount":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** A raw request with any Host header (fetch will not send a foreign one). */
function withHost(sandbox, path, host, method = 'GET') {
  const { port } = sandbox;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host, authorization: `Bearer ${SECRET_KEY}` } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('JSON bodies: depth and size limits before any recursion', () => {
  let sandbox;
  let api;
  let token;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
    token = (await api.openSession()).client_token;
  });
  after(() => sandbox.close());

  const routes = () => [
    ['POST', '/collect/payment_sessions', { authorization: `Bearer ${SECRET_KEY}` }],
    ['POST', '/collect/payment_sessions', { authorization: `Bearer ${SECRET_KEY}`, 'idempotency-key': newKey() }],
    ['POST', '/v1/payments', { authorization: `Bearer ${token}`, 'idempotency-key': newKey() }],
    ['POST', '/v1/wallet/payments', { authorization: `Bearer ${token}`, 'idempotency-key': newKey() }],
    ['POST', '/v1/demo/sessions', {}],
    ['POST', '/webhooks', { authorization: `Bearer ${SECRET_KEY}` }],
    ['POST', '/3ds/challenge/pay_x', {}],
  ];

  it('answers a 10,000-deep body (20 KB) with 400 invalid_request_error on every route, Idempotency-Key or not', async () => {
    const raw = deep(10_000);
    assert.ok(raw.length < 64 * 1024);
    for (const [method, path, headers] of routes()) {
      const res = await api.call(method, path, { headers, raw });
      assert.equal(res.status, 400, `${path} ${JSON.stringify(headers)}`);
      assert.equal(res.body.error.type, 'invalid_request_error');
      assert.match(res.body.error.message, /nested too deeply/);
    }
  });

  it('takes 32 levels and refuses 33', async () => {
    const body = (depth) => {
      let value = 1234;
      for (let i = 1; i < depth; i++) value = { x: value };
      return JSON.stringify(sessionBody({ metadata: value }));
    };
    // 32 levels parse (the metadata schema then refuses the shape, with 400 naming it).
    const ok = await api.call('POST', '/collect/payment_sessions', { headers: { authorization: `Bearer ${SECRET_KEY}` }, raw: body(32) });
    assert.match(ok.body.error.param, /^metadata/);
    const tooDeep = await api.call('POST', '/collect/payment_sessions', { headers: { authorization: `Bearer ${SECRET_KEY}` }, raw: body(33) });
    assert.match(tooDeep.body.error.message, /nested too deeply/);
  });

  it('does not count brackets inside strings', async () => {
    const res = await api.createSession(sessionBody({ reference: '['.repeat(100) + '{'.repeat(100) + '\\"[' }));
    assert.equal(res.status, 200);
  });

  it('answers a body over 64 KB with 413, with or without Content-Length', async () => {
    const raw = JSON.stringify(sessionBody({ reference: 'x'.repeat(70 * 1024) }));
    const res = await api.call('POST', '/collect/payment_sessions', { headers: { authorization: `Bearer ${SECRET_KEY}` }, raw });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.type, 'request_too_large');
    const chunked = await fetch(`${sandbox.origin}/collect/payment_sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(raw));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    assert.equal(chunked.status, 413);
    await chunked.text();
  });
});

describe('object schemas refuse arrays', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('refuses arrays where the session API wants objects', async () => {
    const cases = [
      ['options', sessionBody({ options: [] })],
      ['options.checkout_options', sessionBody({ options: { checkout_options: [] } })],
      ['options.checkout_options.presentation_mode', sessionBody({ options: { checkout_options: { presentation_mode: [] } } })],
      ['collect', sessionBody({ collect: [] })],
      ['metadata', sessionBody({ metadata: [] })],
      ['metadata', sessionBody({ metadata: ['a'] })],
      ['line_items.0', sessionBody({ amount: 100, line_items: [[]] })],
    ];
    for (const [param, body] of cases) {
      const res = await api.createSession(body);
      assert.equal(res.status, 400, param);
      assert.equal(res.body.error.param, param);
      assert.match(res.body.error.message, /must be an object/);
    }
  });

  it('refuses arrays where the payment APIs want objects', async () => {
    const session = await api.openSession();
    const cases = [
      ['additionalInfo', { ...cardBody('4242424242424242'), additionalInfo: [] }],
      ['additionalInfo.billingAddress', { ...cardBody('4242424242424242'), additionalInfo: { billingAddress: [] } }],
      ['additionalInfo.shippingDetails', { ...cardBody('4242424242424242'), additionalInfo: { shippingDetails: [] } }],
      ['additionalInfo.metaData', { ...cardBody('4242424242424242'), additionalInfo: { metaData: [] } }],
    ];
    for (const [param, body] of cases) {
      const res = await api.pay(session.client_token, body);
      assert.equal(res.status, 400, param);
      assert.equal(res.body.error.param, param);
    }
    const wallet = await api.call('POST', '/v1/wallet/payments', {
      headers: { authorization: `Bearer ${session.client_token}`, 'idempotency-key': newKey() },
      body: { wallet: 'sandbox', token: 'tok_sandbox_visa', billingAddress: [] },
    });
    assert.equal(wallet.status, 400);
    assert.equal(wallet.body.error.param, 'billingAddress');
    assert.equal((await api.getSession(session.id)).body.status, 'open', 'nothing was charged');
  });
});

describe('object schemas refuse keys they do not declare, prototype keys included', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('answers __proto__, constructor and prototype keys with a 400 naming them, at any depth', async () => {
    const raws = [
      ['__proto__', `{"amount":100,"currency":"GBP","__proto__":{"polluted":true}}`],
      ['constructor', `{"amount":100,"currency":"GBP","constructor":{"prototype":{"polluted":true}}}`],
      ['options.__proto__', `{"amount":100,"currency":"GBP","options":{"__proto__":{"checkout_options":{}}}}`],
      ['config.prototype', `{"amount":{"value":100,"currencyCode":"GBP"},"config":{"prototype":1}}`],
    ];
    for (const [param, raw] of raws) {
      const res = await api.call('POST', '/collect/payment_sessions', { headers: { authorization: `Bearer ${SECRET_KEY}` }, raw });
      assert.equal(res.status, 400, param);
      assert.equal(res.body.error.param, param);
      assert.match(res.body.error.message, /is not a known field/);
    }
    assert.equal({}.polluted, undefined);
  });
});

describe('sessions belong to the secret key that created them', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('answers 404 to another sk_test_ key on read, cancel and the expire hook', async () => {
    const session = await api.openSession();
    const other = { authorization: 'Bearer sk_test_someone_else' };
    for (const [method, path] of [
      ['GET', `/collect/payment_sessions/${session.id}`],
      ['POST', `/collect/payment_sessions/${session.id}/cancel`],
      ['POST', `/test/payment_sessions/${session.id}/expire`],
    ]) {
      const res = await api.call(method, path, { headers: other });
      assert.equal(res.status, 404, path);
      assert.equal(res.body.error.type, 'not_found');
    }
    const mine = await api.getSession(session.id);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.status, 'open', 'the other key cancelled nothing');
  });

  it('keeps idempotency keys per secret key', async () => {
    const key = newKey();
    const mine = await api.createSession(sessionBody(), { 'idempotency-key': key });
    const theirs = await api.createSession(sessionBody(), { 'idempotency-key': key, authorization: 'Bearer sk_test_someone_else' });
    assert.equal(theirs.status, 200);
    assert.notEqual(theirs.body.id, mine.body.id);
  });
});

describe('Host header (DNS rebinding)', () => {
  let sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  it('answers loopback names', async () => {
    const { port } = new URL(sandbox.origin);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, `shop.localhost:${port}`]) {
      const res = await withHost(sandbox, '/collect/payment_sessions/ps_missing', host);
      assert.equal(res.status, 404, host);
      assert.equal(JSON.parse(res.body).error.type, 'not_found');
    }
  });

  it('answers 421 misdirected_request to any other name, on every route', async () => {
    const { port } = new URL(sandbox.origin);
    for (const host of [`attacker.example:${port}`, 'attacker.example', '127.0.0.1.attacker.example', 'localhost.attacker.example', '[::2]']) {
      for (const path of ['/', '/frames/card', '/collect/payment_sessions/ps_x', '/v1/session']) {
        const res = await withHost(sandbox, path, host);
        assert.equal(res.status, 421, `${host} ${path}`);
        assert.equal(JSON.parse(res.body).error.type, 'misdirected_request');
      }
    }
  });

  it('answers the configured public origin', async () => {
    const proxied = await startSandbox({ port: 0, publicOrigin: 'https://sandbox.dev.example' });
    try {
      assert.equal(proxied.origin, 'https://sandbox.dev.example');
      assert.equal((await withHost(proxied, '/', 'sandbox.dev.example')).status, 200);
      assert.equal((await withHost(proxied, '/', `127.0.0.1:${proxied.port}`)).status, 200);
      assert.equal((await withHost(proxied, '/', 'other.dev.example')).status, 421);
    } finally {
      await proxied.close();
    }
    await assert.rejects(startSandbox({ port: 0, publicOrigin: 'https://sandbox.dev.example/path' }), TypeError);
  });
});

describe('currencies are checked against ISO 4217', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('refuses ZZZ with a clear 400 and takes real codes', async () => {
    const res = await api.createSession(sessionBody({ currency: 'ZZZ' }));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.param, 'currency');
    assert.match(res.body.error.message, /^currency must be an ISO 4217 currency code/);
    assert.match(res.body.error.message, /ZZZ/);
    for (const currency of ['GBP', 'EUR', 'USD', 'JPY', 'CHF']) {
      assert.equal((await api.createSession(sessionBody({ currency }))).status, 200, currency);
    }
    assert.equal((await api.createSession(sessionBody({ currency: 'gbp' }))).status, 400);
  });
});
