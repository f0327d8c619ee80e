import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, newKey, TOKEN_SECRET } from './helpers.mjs';

const walletBody = (token, extra = {}) => ({ wallet: 'sandbox', token, ...extra });

describe('frames API: wallet payments', () => {
  let sandbox;
  let api;
  const pay = (token, body, key = newKey()) =>
    api.call('POST', '/v1/wallet/payments', {
      headers: { authorization: `Bearer ${token}`, ...(key === null ? {} : { 'idempotency-key': key }) },
      body,
    });

  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET, maxFailedAttempts: 3 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  describe('test wallet tokens decide the outcome', () => {
    const outcomes = [
      ['tok_sandbox_visa', 'succeeded', 0],
      ['tok_sandbox_mastercard', 'succeeded', 0],
      ['tok_sandbox_amex', 'succeeded', 0],
      ['tok_sandbox_declined', 'declined', 5],
      ['tok_sandbox_insufficient_funds', 'declined', 5],
      ['tok_sandbox_referred', 'referred', 4],
      ['tok_sandbox_provider_error', 'failed', 30],
    ];
    for (const [token, status, statusCode] of outcomes) {
      it(`${token} → ${status} (${statusCode})`, async () => {
        const session = await api.openSession();
        const res = await pay(session.client_token, walletBody(token));
        assert.equal(res.status, 200);
        assert.match(res.body.id, /^pay_/);
        assert.equal(res.body.status, status);
        assert.equal(res.body.statusCode, statusCode);
        if (statusCode === 0) assert.match(res.body.authCode, /^[A-Z0-9]{6}$/);
        else assert.equal(res.body.authCode, undefined);
        const after = (await api.getSession(session.id)).body;
        assert.equal(after.status, statusCode === 0 ? 'completed' : 'open');
        assert.equal(after.payment.id, res.body.id);
      });
    }
  });

  it('takes email, billing address and shipping details with the token', async () => {
    const session = await api.openSession();
    const res = await pay(
      session.client_token,
      walletBody('tok_sandbox_visa', {
        email: 'ada@example.com',
        billingAddress: { address1: '1 Main St', city: 'London', postcode: 'N1 1AA', countryCode: '826' },
        shippingDetails: { name: 'Ada Lovelace', address: { address1: '2 High St', city: 'Leeds', postcode: 'LS1 1AA', countryCode: '826' } },
      }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.statusCode, 0);
  });

  it('accepts apple-pay and google-pay tokens too', async () => {
    for (const wallet of ['apple-pay', 'google-pay']) {
      const session = await api.openSession();
      const known = await pay(session.client_token, { wallet, token: 'tok_sandbox_declined' });
      assert.equal(known.body.statusCode, 5, `${wallet}: a test token decides the outcome`);
      const other = await pay(session.client_token, { wallet, token: '{"paymentData":{"version":"EC_v1"}}' });
      assert.equal(other.body.statusCode, 0, `${wallet}: a token the sandbox cannot read succeeds`);
    }
  });

  it('rejects an unknown sandbox token and a malformed body with 400, naming the field', async () => {
    const session = await api.openSession();
    const unknown = await pay(session.client_token, walletBody('tok_nonsense'));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.param, 'token');
    assert.match(unknown.body.error.message, /tok_sandbox_visa/);
    const badWallet = await pay(session.client_token, { wallet: 'paypal', token: 'tok_sandbox_visa' });
    assert.equal(badWallet.status, 400);
    assert.equal(badWallet.body.error.param, 'wallet');
    const badEmail = await pay(session.client_token, walletBody('tok_sandbox_visa', { email: 'not an email' }));
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.body.error.param, 'email');
    assert.equal((await api.getSession(session.id)).body.payment, null);
  });

  it('requires a client token and an Idempotency-Key', async () => {
    const session = await api.openSession();
    const noToken = await api.call('POST', '/v1/wallet/payments', { headers: { 'idempotency-key': newKey() }, body: walletBody('tok_sandbox_visa') });
    assert.equal(noToken.status, 401);
    const forged = await pay('eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJ4In0.c2ln', walletBody('tok_sandbox_visa'));
    assert.equal(forged.status, 401);
    const noKey = await pay(session.client_token, walletBody('tok_sandbox_visa'), null);
    assert.equal(noKey.status, 400);
    assert.equal(noKey.body.error.param, 'Idempotency-Key');
  });

  it('answers a retry with the same key with the same attempt, and refuses the key for another body', async () => {
    const session = await api.openSession();
    const key = newKey();
    const first = await pay(session.client_token, walletBody('tok_sandbox_declined'), key);
    const again = await pay(session.client_token, walletBody('tok_sandbox_declined'), key);
    assert.deepEqual(again.body, first.body);
    assert.equal((await api.getSession(session.id)).body.failed_attempts, 1, 'the retry was not a second attempt');
    const other = await pay(session.client_token, walletBody('tok_sandbox_visa'), key);
    assert.equal(other.status, 409);
    assert.equal(other.body.error.type, 'idempotency_error');
  });

  it('never charges twice: a payment on a paid session answers 20 (duplicate)', async () => {
    const session = await api.openSession();
    const paid = await pay(session.client_token, walletBody('tok_sandbox_visa'));
    assert.equal(paid.body.statusCode, 0);
    const duplicate = await pay(session.client_token, walletBody('tok_sandbox_mastercard'));
    assert.equal(duplicate.body.statusCode, 20);
    const byCard = await api.pay(session.client_token, cardBody('4242424242424242'));
    assert.equal(byCard.body.statusCode, 20, 'card and wallet share the session');
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'completed');
    assert.equal(after.payment.id, paid.body.id);
  });

  it('counts declined wallet payments towards the failed-attempt limit and locks the session', async () => {
    const session = await api.openSession();
    for (let i = 0; i < 3; i++) assert.equal((await pay(session.client_token, walletBody('tok_sandbox_declined'))).body.statusCode, 5);
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'failed');
    assert.equal(after.failed_attempts, 3);
    const locked = await pay(session.client_token, walletBody('tok_sandbox_visa'));
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.type, 'too_many_attempts');
  });

  it('refuses a payment on an expired session with 401', async () => {
    const session = await api.openSession();
    sandbox.expireSession(session.id);
    const res = await pay(session.client_token, walletBody('tok_sandbox_visa'));
    assert.equal(res.status, 401);
    assert.equal(res.body.error.type, 'session_expired');
  });
});

describe('frames API: Apple Pay merchant validation', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const validate = (token, body) =>
    api.call('POST', '/v1/wallet/apple-pay/validate-merchant', { headers: token ? { authorization: `Bearer ${token}` } : {}, body });

  it('returns a fake merchant session object for an Apple validation URL', async () => {
    const session = await api.openSession();
    const res = await validate(session.client_token, {
      validationURL: 'https://apple-pay-gateway.apple.com/paymentservices/startSession',
      domain: 'frames.example',
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.domainName, 'frames.example');
    assert.equal(res.body.sandbox, true);
    assert.match(res.body.merchantSessionIdentifier, /^SSH_sandbox_/);
    assert.equal(typeof res.body.epochTimestamp, 'number');
    assert.ok(res.body.expiresAt > res.body.epochTimestamp);
    assert.equal(typeof res.body.signature, 'string');
  });

  it('refuses a validation URL that is not https on apple.com, and a request without a client token', async () => {
    const session = await api.openSession();
    for (const validationURL of ['http://apple-pay-gateway.apple.com/x', 'https://apple.com.evil.example/x', 'https://evil.example/apple.com', 'not a url']) {
      const res = await validate(session.client_token, { validationURL, domain: 'frames.example' });
      assert.equal(res.status, 400, validationURL);
      assert.equal(res.body.error.param, 'validationURL');
    }
    const anonymous = await validate(undefined, { validationURL: 'https://apple-pay-gateway.apple.com/x', domain: 'frames.example' });
    assert.equal(anonymous.status, 401);
  });
});

describe('Apple Pay domain verification file', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('serves a clearly labelled placeholder at the well-known path, as plain text', async () => {
    const res = await api.call('GET', '/.well-known/apple-developer-merchantid-domain-association');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.text, /^PLACEHOLDER/);
    assert.match(res.text, /not a real apple pay domain association file/i);
  });
});
