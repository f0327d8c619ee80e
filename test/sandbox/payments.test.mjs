import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startSandbox, client, cardBody, newKey, TOKEN_SECRET, NEXT_YEAR } from './helpers.mjs';

describe('frames API: payments', () => {
  let sandbox;
  let api;
  const logLines = [];
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET, maxFailedAttempts: 3, log: (line) => logLines.push(line) });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  describe('test card outcomes', () => {
    const outcomes = [
      ['4242424242424242', 'succeeded', 0, /successful/],
      ['5555555555554444', 'succeeded', 0, /successful/],
      ['378282246310005', 'succeeded', 0, /successful/],
      ['4000000000000002', 'declined', 5, /^Card declined/],
      ['4000000000009995', 'declined', 5, /^Insufficient funds/],
      ['4000000000000127', 'referred', 4, /bank/],
      ['4000000000000119', 'failed', 30, /^Provider error/],
      ['6011111111111117', 'succeeded', 0, /successful/],
    ];
    for (const [number, status, statusCode, message] of outcomes) {
      it(`${number} → ${status} (${statusCode})`, async () => {
        const session = await api.openSession();
        const res = await api.pay(session.client_token, cardBody(number));
        assert.equal(res.status, 200);
        assert.match(res.body.id, /^pay_/);
        assert.equal(res.body.status, status);
        assert.equal(res.body.statusCode, statusCode);
        assert.match(res.body.message, message);
        if (statusCode === 0) assert.match(res.body.authCode, /^[A-Z0-9]{6}$/);
        else assert.equal(res.body.authCode, undefined);
        assert.ok(!res.text.includes(number), 'the response never echoes the card number');

        const after = (await api.getSession(session.id)).body;
        assert.equal(after.status, statusCode === 0 ? 'completed' : 'open');
        assert.equal(after.failed_attempts, statusCode === 0 ? 0 : 1);
        assert.deepEqual(after.payment, {
          id: res.body.id,
          status,
          status_code: statusCode,
          auth_code: res.body.authCode ?? null,
          message: res.body.message,
          customer_details: null,
        });
      });
    }

    it('4000000000003220 → requires_action with a 3-D Secure challenge', async () => {
      const session = await api.openSession();
      const res = await api.pay(session.client_token, cardBody('4000000000003220'));
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'requires_action');
      assert.equal(res.body.statusCode, 3);
      assert.deepEqual(res.body.challenge, { url: `${sandbox.origin}/3ds/challenge/${res.body.id}`, windowSize: '02' });
      assert.equal((await api.getSession(session.id)).body.status, 'open');
    });

    it('never logs card data or tokens', async () => {
      const session = await api.openSession();
      await api.pay(session.client_token, cardBody('4242424242424242'));
      const log = logLines.join('\n');
      assert.match(log, /POST \/v1\/payments 200/);
      assert.ok(!log.includes('4242424242424242'));
      assert.ok(!log.includes(session.client_token));
      assert.ok(!log.includes('Bearer'));
    });
  });

  describe('card validation', () => {
    const year = new Date().getUTCFullYear();
    const month = new Date().getUTCMonth() + 1;
    const cases = [
      ['card', { card: undefined }, /is required/],
      ['card.number', cardBody('4242 4242 4242 4242'), /12 to 19 digits/],
      ['card.number', cardBody('42424242424'), /12 to 19 digits/],
      ['card.number', cardBody('4242424242424241'), /not a valid card number/],
      ['card.number', cardBody(4242424242424242), /string/],
      ['card.expiryMonth', cardBody('4242424242424242', { expiryMonth: 13 }), /1 to 12/],
      ['card.expiryMonth', cardBody('4242424242424242', { expiryMonth: 0 }), /1 to 12/],
      ['card.expiryYear', cardBody('4242424242424242', { expiryYear: 30 }), /four-digit year/],
      ['card.expiryYear', cardBody('4242424242424242', { expiryYear: year - 1 }), /in the past/],
      ['card.cvv', cardBody('4242424242424242', { cvv: '12' }), /3 or 4 digits/],
      ['card.cvv', cardBody('4242424242424242', { cvv: 'abc' }), /3 or 4 digits/],
      ['card.cvv', cardBody('378282246310005', { cvv: '123' }), /4 digits for American Express/],
      ['card.name', cardBody('4242424242424242', { name: 'x'.repeat(101) }), /at most 100/],
      ['additionalInfo.userEmailAddress', { ...cardBody('4242424242424242'), additionalInfo: { userEmailAddress: 7 } }, /must be an email address/],
      ['additionalInfo.userEmail', { ...cardBody('4242424242424242'), additionalInfo: { userEmail: 'ada@example.com' } }, /is not a known field/],
      [
        'additionalInfo.billingAddress.postcode',
        { ...cardBody('4242424242424242'), additionalInfo: { billingAddress: { postcode: 'x'.repeat(21) } } },
        /at most 20/,
      ],
      ['additionalInfo.metaData.order', { ...cardBody('4242424242424242'), additionalInfo: { metaData: { order: 7 } } }, /strings/],
      ['card.numbr', { ...cardBody('4242424242424242'), card: { ...cardBody('4242424242424242').card, numbr: '4242424242424242' } }, /did you mean number\?/],
    ];
    if (month > 1) {
      cases.push(['card.expiryMonth', cardBody('4242424242424242', { expiryYear: year, expiryMonth: month - 1 }), /in the past/]);
    }
    for (const [param, body, message] of cases) {
      it(`rejects a bad ${param} with 400 and names it`, async () => {
        const session = await api.openSession();
        const res = await api.pay(session.client_token, body);
        assert.equal(res.status, 400);
        assert.equal(res.body.error.type, 'invalid_request_error');
        assert.equal(res.body.error.param, param);
        assert.match(res.body.error.message, message);
        assert.ok(!res.text.includes('4242424242424241'), 'never echoes the number');
        assert.equal((await api.getSession(session.id)).body.payment, null, 'nothing half-written');
      });
    }

    it('accepts a card that expires this month', async () => {
      const session = await api.openSession();
      const res = await api.pay(session.client_token, cardBody('4242424242424242', { expiryYear: year, expiryMonth: month }));
      assert.equal(res.status, 200);
      assert.equal(res.body.statusCode, 0);
    });

    it('answers 400 invalid_json to a body that is not JSON', async () => {
      const session = await api.openSession();
      const res = await api.call('POST', '/v1/payments', {
        headers: { authorization: `Bearer ${session.client_token}`, 'idempotency-key': newKey() },
        raw: '{"card":',
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'invalid_json');
    });

    it('requires an Idempotency-Key', async () => {
      const session = await api.openSession();
      const res = await api.pay(session.client_token, cardBody('4242424242424242'), null);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.param, 'Idempotency-Key');
    });
  });

  describe('client token checks', () => {
    it('answers 401 missing_token without a token', async () => {
      const res = await api.call('POST', '/v1/payments', { headers: { 'idempotency-key': newKey() }, body: cardBody('4242424242424242') });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.type, 'missing_token');
    });

    it('answers 401 invalid_token to garbage and to a token signed with another key', async () => {
      const session = await api.openSession();
      const [header, payload] = session.client_token.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      for (const token of ['not-a-jwt', forged]) {
        const res = await api.pay(token, cardBody('4242424242424242'));
        assert.equal(res.status, 401);
        assert.equal(res.body.error.type, 'invalid_token');
      }
    });

    it('answers 401 invalid_token to a token from another issuer', async () => {
      const token = await new SignJWT({ sid: 'ps_x', variant: 'modal', env: 'sandbox' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('http://127.0.0.1:1')
        .setIssuedAt()
        .setExpirationTime('10m')
        .setJti('j')
        .sign(new TextEncoder().encode(TOKEN_SECRET));
      const res = await api.frameSession(token);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.type, 'invalid_token');
    });

    it('answers 404 for a valid token whose session does not exist', async () => {
      const token = await new SignJWT({ sid: 'ps_gone', variant: 'modal', env: 'sandbox' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(sandbox.origin)
        .setIssuedAt()
        .setExpirationTime('10m')
        .setJti('j')
        .sign(new TextEncoder().encode(TOKEN_SECRET));
      const res = await api.frameSession(token);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.type, 'not_found');
    });

    it('answers 401 session_expired once the session was expired', async () => {
      const session = await api.openSession();
      sandbox.expireSession(session.id);
      const res = await api.pay(session.client_token, cardBody('4242424242424242'));
      assert.equal(res.status, 401);
      assert.equal(res.body.error.type, 'session_expired');
    });
  });

  describe('idempotency', () => {
    it('replays the stored response for the same key and body: no second charge', async () => {
      const session = await api.openSession();
      const key = newKey();
      const first = await api.pay(session.client_token, cardBody('4242424242424242'), key);
      const second = await api.pay(session.client_token, cardBody('4242424242424242'), key);
      assert.equal(second.status, 200);
      assert.deepEqual(second.body, first.body);
      const sessionNow = (await api.getSession(session.id)).body;
      assert.equal(sessionNow.payment.id, first.body.id);
    });

    it('replays a decline without counting it twice', async () => {
      const session = await api.openSession();
      const key = newKey();
      const first = await api.pay(session.client_token, cardBody('4000000000000002'), key);
      const second = await api.pay(session.client_token, cardBody('4000000000000002'), key);
      assert.equal(second.body.id, first.body.id);
      assert.equal((await api.getSession(session.id)).body.failed_attempts, 1);
    });

    it('answers 409 idempotency_error for the same key with another body', async () => {
      const session = await api.openSession();
      const key = newKey();
      await api.pay(session.client_token, cardBody('4000000000000002'), key);
      const res = await api.pay(session.client_token, cardBody('4242424242424242'), key);
      assert.equal(res.status, 409);
      assert.equal(res.body.error.type, 'idempotency_error');
    });

    it('treats the same key in another session as a new request', async () => {
      const key = newKey();
      const a = await api.openSession();
      const b = await api.openSession();
      const first = await api.pay(a.client_token, cardBody('4242424242424242'), key);
      const second = await api.pay(b.client_token, cardBody('4242424242424242'), key);
      assert.notEqual(first.body.id, second.body.id);
    });
  });

  describe('duplicates and card testing', () => {
    it('answers a new attempt after success with statusCode 20 and never charges twice', async () => {
      const session = await api.openSession();
      const paid = await api.pay(session.client_token, cardBody('4242424242424242'));
      const again = await api.pay(session.client_token, cardBody('5555555555554444'));
      assert.equal(again.status, 200);
      assert.equal(again.body.status, 'failed');
      assert.equal(again.body.statusCode, 20);
      assert.equal(again.body.message, 'This payment has already been completed.');
      const after = (await api.getSession(session.id)).body;
      assert.equal(after.status, 'completed');
      assert.equal(after.payment.id, paid.body.id);
      assert.equal(after.failed_attempts, 0);
    });

    it('locks the session after maxFailedAttempts failures: then 429 too_many_attempts', async () => {
      const session = await api.openSession();
      for (let i = 0; i < 3; i++) {
        const res = await api.pay(session.client_token, cardBody('4000000000000002'));
        assert.equal(res.status, 200);
        assert.equal(res.body.statusCode, 5);
      }
      assert.equal((await api.getSession(session.id)).body.status, 'failed');
      const locked = await api.pay(session.client_token, cardBody('4242424242424242'));
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error.type, 'too_many_attempts');
      assert.equal((await api.frameSession(session.client_token)).body.status, 'failed');
    });
  });

  describe('reads', () => {
    it('reads a payment back with the token of its session only', async () => {
      const a = await api.openSession();
      const b = await api.openSession();
      const paid = await api.pay(a.client_token, cardBody('4242424242424242'));
      const own = await api.getPayment(a.client_token, paid.body.id);
      assert.equal(own.status, 200);
      assert.deepEqual(own.body, paid.body);
      const other = await api.getPayment(b.client_token, paid.body.id);
      assert.equal(other.status, 404);
    });

    it("gives the frame its session's view", async () => {
      const session = await api.openSession({
        amount: 500,
        currency: 'EUR',
        type: 'one_time',
        title: 'Coffee',
        tax_lines: [{ name: 'VAT', amount: 83 }],
        collect: { email: true },
      });
      const res = await api.frameSession(session.client_token);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        id: session.id,
        status: 'open',
        amount: 500,
        currency: 'EUR',
        variant: 'modal',
        expires_at: session.expires_at,
        success_url: null,
        cancel_url: null,
        allowed_origins: null,
        paymentMethods: ['Card'],
        title: 'Coffee',
        taxLines: [{ id: 'tax_1', caption: 'VAT', amountTotal: { value: 83, currencyCode: 'EUR' } }],
        collect: { email: true },
      });
    });
  });
});

describe('frames API: expiry by clock', () => {
  let sandbox;
  let api;
  let clock = Date.now();
  before(async () => {
    sandbox = await startSandbox({ port: 0, sessionTtlSeconds: 120, now: () => clock });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('turns the session expired and refuses payments with 401 session_expired', async () => {
    const session = await api.openSession();
    clock += 121_000;
    assert.equal((await api.getSession(session.id)).body.status, 'expired');
    const res = await api.pay(session.client_token, cardBody('4242424242424242', { expiryYear: NEXT_YEAR + 1 }));
    assert.equal(res.status, 401);
    assert.equal(res.body.error.type, 'session_expired');
    assert.equal((await api.frameSession(session.client_token)).body.error.type, 'session_expired');
  });
});
