import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, SECRET_KEY, TOKEN_SECRET } from './helpers.mjs';

const GALLERY = 'http://localhost:6006';
const demo = (sandbox, body, headers = { origin: GALLERY }) =>
  fetch(`${sandbox.origin}/v1/demo/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, headers: res.headers, body: await res.json() }));

describe('demo sessions for static galleries (POST /v1/demo/sessions)', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET, demoSessionsPerMinute: 1000 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('answers a CORS preflight for any page origin', async () => {
    const res = await fetch(`${sandbox.origin}/v1/demo/sessions`, {
      method: 'OPTIONS',
      headers: { origin: GALLERY, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), GALLERY);
    assert.match(res.headers.get('access-control-allow-methods'), /POST/);
    assert.match(res.headers.get('access-control-allow-headers'), /content-type/i);
    assert.match(res.headers.get('vary'), /Origin/);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });

  it('creates a session with defaults and answers 201 with client_token, session_id, expires_at', async () => {
    const res = await demo(sandbox, { publishable_key: 'pk_test_gallery' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), GALLERY);
    assert.match(res.body.session_id, /^ps_/);
    assert.match(res.body.client_token, /^ey/);
    assert.ok(Date.parse(res.body.expires_at) > Date.now());
    assert.equal(res.body.frames_origin, sandbox.origin);
    const view = (await api.frameSession(res.body.client_token)).body;
    assert.equal(view.id, res.body.session_id);
    assert.equal(view.amount, 1000);
    assert.equal(view.currency, 'GBP');
    assert.equal(view.variant, 'modal');
    assert.equal(view.status, 'open');
    assert.deepEqual(view.allowed_origins, [GALLERY], 'only the calling page may host its frames');
  });

  it('takes amount, currency, variant, collect, success_url, expires_in and checkout extras', async () => {
    const res = await demo(sandbox, {
      publishable_key: 'pk_test_gallery',
      amount: 2599,
      currency: 'EUR',
      variant: 'inline',
      collect: { email: true, billing: true, shipping: false },
      success_url: 'https://shop.example/done?session_id={SESSION_ID}',
      expires_in: 120,
      title: 'Gallery order',
      line_items: [
        { name: 'Tea', quantity: 2, amount: 1000 },
        { name: 'Cake', quantity: 1, amount: 599 },
      ],
    });
    assert.equal(res.status, 201);
    const expiresIn = Date.parse(res.body.expires_at) - Date.now();
    assert.ok(expiresIn > 100_000 && expiresIn <= 121_000, String(expiresIn));
    const view = (await api.frameSession(res.body.client_token)).body;
    assert.equal(view.amount, 2599);
    assert.equal(view.currency, 'EUR');
    assert.equal(view.variant, 'inline');
    assert.equal(view.title, 'Gallery order');
    assert.deepEqual(
      view.itemLines.map((line) => line.amountTotal.value),
      [2000, 599],
    );
    assert.deepEqual(view.collect, { email: true, billing_address: true, shipping_address: false });
    assert.equal(view.success_url, `https://shop.example/done?session_id=${res.body.session_id}`);
    assert.deepEqual(view.allowed_origins.sort(), [GALLERY, 'https://shop.example'].sort());
  });

  it('is a real session: a 4242 payment completes it', async () => {
    const { body } = await demo(sandbox, { publishable_key: 'pk_test_gallery' });
    const paid = await api.pay(body.client_token, cardBody('4242424242424242'));
    assert.equal(paid.body.statusCode, 0);
    assert.equal((await api.frameSession(body.client_token)).body.status, 'completed');
  });

  it('belongs to no merchant key: the merchant API cannot read it', async () => {
    const { body } = await demo(sandbox, { publishable_key: 'pk_test_gallery' });
    assert.equal((await api.getSession(body.session_id)).status, 404);
  });

  it('has no allowed_origins without an Origin (or with Origin: null)', async () => {
    for (const headers of [{}, { origin: 'null' }]) {
      const res = await demo(sandbox, { publishable_key: 'pk_test_gallery' }, headers);
      assert.equal(res.status, 201);
      assert.equal((await api.frameSession(res.body.client_token)).body.allowed_origins, null);
    }
  });

  it('is test mode only: live and secret keys are refused with 403, anything else with 400', async () => {
    for (const key of ['pk_live_abc', 'sk_test_abc', 'sk_live_abc']) {
      const res = await demo(sandbox, { publishable_key: key });
      assert.equal(res.status, 403, key);
      assert.equal(res.body.error.type, 'test_mode_only');
      assert.equal(res.body.error.param, 'publishable_key');
      assert.match(res.body.error.message, /test/);
      assert.equal(res.headers.get('access-control-allow-origin'), GALLERY, 'a page can read the reason');
    }
    for (const key of [undefined, '', 'pk_abc', 'pk_test_', 'pk_test_a b', 42]) {
      const res = await demo(sandbox, { publishable_key: key });
      assert.equal(res.status, 400, String(key));
      assert.equal(res.body.error.param, 'publishable_key');
      assert.match(res.body.error.message, /pk_test_/);
    }
  });

  it('validates the optional fields', async () => {
    const cases = [
      ['amount', { amount: 0 }],
      ['amount', { amount: 1.5 }],
      ['currency', { currency: 'ZZZ' }],
      ['variant', { variant: 'popup' }],
      ['collect', { collect: [] }],
      ['collect.email', { collect: { email: 'yes' } }],
      ['success_url', { success_url: 'javascript:alert(1)' }],
      ['expires_in', { expires_in: 0 }],
    ];
    for (const [param, extra] of cases) {
      const res = await demo(sandbox, { publishable_key: 'pk_test_gallery', ...extra });
      assert.equal(res.status, 400, JSON.stringify(extra));
      assert.equal(res.body.error.param, param, JSON.stringify(extra));
    }
  });
});

describe('demo sessions: rate limit', () => {
  let sandbox;
  let now = Date.parse('2026-03-01T12:00:00Z');
  before(async () => {
    sandbox = await startSandbox({ port: 0, demoSessionsPerMinute: 3, now: () => now });
  });
  after(() => sandbox.close());

  it('answers 429 with Retry-After past the limit per page origin, and again after the minute', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await demo(sandbox, { publishable_key: 'pk_test_a' })).status, 201);
    const limited = await demo(sandbox, { publishable_key: 'pk_test_a' });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.type, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '60');
    assert.equal(limited.headers.get('access-control-allow-origin'), GALLERY);
    // Another page origin has its own budget.
    assert.equal((await demo(sandbox, { publishable_key: 'pk_test_a' }, { origin: 'http://localhost:7007' })).status, 201);
    now += 30_000;
    assert.equal((await demo(sandbox, { publishable_key: 'pk_test_a' })).headers.get('retry-after'), '30');
    now += 30_000;
    assert.equal((await demo(sandbox, { publishable_key: 'pk_test_a' })).status, 201);
  });

  it('the merchant API is not limited by it', async () => {
    const api = client(sandbox);
    for (let i = 0; i < 5; i++) assert.equal((await api.createSession()).status, 200);
    assert.ok(SECRET_KEY);
  });
});
