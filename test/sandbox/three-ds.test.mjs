import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, sessionBody } from './helpers.mjs';

const CHALLENGE_CARD = '4000000000003220';

describe('3-D Secure challenge', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0, maxFailedAttempts: 2 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  async function challenged() {
    const session = await api.openSession();
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    assert.equal(payment.status, 'requires_action');
    return { session, payment };
  }

  it('serves an accessible challenge page with the amount and two labelled buttons', async () => {
    const { payment } = await challenged();
    const res = await fetch(payment.challenge.url);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self'/);
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Verify it's you — Sandbox bank<\/title>/);
    assert.match(html, /£12\.34/);
    assert.match(html, /<button type="button"[^>]*id="pass" value="pass" disabled>Pass authentication<\/button>/);
    assert.match(html, /<button type="button"[^>]*id="fail" value="fail" disabled>Fail authentication<\/button>/);
    assert.match(html, /role="status"/);
    assert.match(html, /:focus-visible/);
    assert.match(html, /<script type="module" src="\/3ds\/challenge.js"><\/script>/);
    assert.ok(!/<script>/.test(html), 'no inline script');
  });

  it('serves the challenge script, which posts challenge-complete with its outcome to its parent on its own origin', async () => {
    const res = await fetch(`${sandbox.origin}/3ds/challenge.js`);
    const script = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/javascript/);
    assert.match(script, /"protocol":"moment-elements"/);
    assert.match(script, /"kind":"challenge-complete"/);
    assert.match(script, /const message = \{ \.\.\.complete, paymentId \};/);
    assert.match(script, /message\.outcome = answered\.outcome;/);
    assert.match(script, /window\.parent\.postMessage\(message, location\.origin\)/);
    assert.match(script, /location\.assign\(successUrl\)/);
    assert.match(script, /button\.disabled = false;/, 'the buttons come alive only once the script listens');
    assert.ok(!/return_?url/i.test(script), 'the script never reads a return URL from the request');
  });

  it('passes: the payment succeeds with an auth code and the session completes', async () => {
    const { session, payment } = await challenged();
    const res = await api.answerChallenge(payment.id, 'pass');
    assert.equal(res.status, 200);
    assert.equal(res.body.id, payment.id);
    assert.equal(res.body.status, 'succeeded');
    assert.equal(res.body.statusCode, 0);
    assert.match(res.body.authCode, /^[A-Z0-9]{6}$/);
    assert.equal(res.body.challenge, undefined);
    assert.equal(res.body.outcome, 'succeeded');
    const { outcome, ...attempt } = res.body;
    assert.deepEqual((await api.getPayment(session.client_token, payment.id)).body, attempt);
    assert.equal((await api.getSession(session.id)).body.status, 'completed');
  });

  it('fails: the payment is declined (5) and counts as a failed attempt', async () => {
    const { session, payment } = await challenged();
    const res = await api.answerChallenge(payment.id, 'fail');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'declined');
    assert.equal(res.body.statusCode, 5);
    assert.equal(res.body.message.startsWith('Authentication failed'), true);
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'open');
    assert.equal(after.failed_attempts, 1);
  });

  it('answers 409 challenge_not_pending once answered, or for a payment without a challenge', async () => {
    const { payment } = await challenged();
    await api.answerChallenge(payment.id, 'pass');
    const again = await api.answerChallenge(payment.id, 'fail');
    assert.equal(again.status, 409);
    assert.equal(again.body.error.type, 'challenge_not_pending');

    const session = await api.openSession();
    const plain = (await api.pay(session.client_token, cardBody('4000000000000002'))).body;
    const res = await api.answerChallenge(plain.id, 'pass');
    assert.equal(res.status, 409);
  });

  it('abandons an unanswered challenge when a new attempt is made', async () => {
    const { session, payment } = await challenged();
    const paid = await api.pay(session.client_token, cardBody('4242424242424242'));
    assert.equal(paid.body.statusCode, 0);
    const res = await api.answerChallenge(payment.id, 'pass');
    assert.equal(res.status, 409);
    const old = (await api.getPayment(session.client_token, payment.id)).body;
    assert.equal(old.status, 'declined');
    assert.equal((await api.getSession(session.id)).body.payment.id, paid.body.id);
  });

  it('validates the answer and requires JSON', async () => {
    const { payment } = await challenged();
    const bad = await api.answerChallenge(payment.id, 'maybe');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.param, 'result');
    const form = await fetch(`${sandbox.origin}/3ds/challenge/${payment.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=pass',
    });
    assert.equal(form.status, 400);
    const unknown = await api.answerChallenge('pay_unknown', 'pass');
    assert.equal(unknown.status, 404);
  });

  it('never takes a return URL from the request: ?return_url= has no effect (no open redirect)', async () => {
    const { session, payment } = await challenged();
    const plain = await (await fetch(payment.challenge.url)).text();
    for (const evil of ['https://evil.example/', 'javascript:alert(1)']) {
      const res = await fetch(`${payment.challenge.url}?return_url=${encodeURIComponent(evil)}`);
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.equal(page, plain, 'the page is the same with or without return_url');
      assert.ok(!page.includes('evil.example') && !page.includes('javascript:'));
    }
    // The only return target is the session's own success_url ({SESSION_ID} replaced).
    assert.match(plain, new RegExp(`data-success-url="https://shop\\.example/checkout\\?session_id=${session.id}"`));
    const answered = await (await fetch(`${payment.challenge.url}?return_url=https%3A%2F%2Fevil.example`)).text();
    assert.ok(!answered.includes('evil'));
  });

  it('offers no return target for a session without success_url', async () => {
    const session = await api.openSession(sessionBody({ options: undefined }));
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    const page = await (await fetch(`${payment.challenge.url}?return_url=https%3A%2F%2Fevil.example`)).text();
    assert.ok(!page.includes('data-success-url'));
    assert.ok(!page.includes('evil'));
    assert.match(page, /id="cancel" value="cancel" disabled>Cancel and return to the shop<\/button>/);
  });

  it('answers an unknown payment with a 404 page', async () => {
    const res = await fetch(`${sandbox.origin}/3ds/challenge/pay_nope`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /not valid/);
  });

  it('locks the session when failed challenges reach the limit', async () => {
    const session = await api.openSession();
    for (let i = 0; i < 2; i++) {
      const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
      assert.equal((await api.answerChallenge(payment.id, 'fail')).body.statusCode, 5);
    }
    assert.equal((await api.getSession(session.id)).body.status, 'failed');
    assert.equal((await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).status, 429);
  });
});

describe('3-D Secure: cancel, abandon and the failed-attempt limit', () => {
  let sandbox;
  let api;
  let now = Date.now();
  before(async () => {
    sandbox = await startSandbox({ port: 0, challengeTtlSeconds: 300, now: () => now });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it('has no last_attempt before any attempt', async () => {
    const session = await api.openSession();
    assert.equal((await api.getSession(session.id)).body.last_attempt, null);
  });

  it('records "Cancel and return" as cancelled, not declined: the session stays open, the attempt counts', async () => {
    const session = await api.openSession();
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    const res = await api.answerChallenge(payment.id, 'cancel');
    assert.equal(res.status, 200);
    assert.equal(res.body.outcome, 'cancelled');
    assert.equal(res.body.status, 'declined');
    assert.equal(res.body.statusCode, 5);
    assert.match(res.body.message, /cancelled/);
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'open');
    assert.equal(after.failed_attempts, 1);
    assert.deepEqual(after.last_attempt, { outcome: 'cancelled', status_code: 5, at: new Date(now).toISOString() });
    // The customer may try again on the same session.
    const again = await api.pay(session.client_token, cardBody('4242424242424242'));
    assert.equal(again.body.statusCode, 0);
    assert.equal((await api.getSession(session.id)).body.last_attempt.outcome, 'succeeded');
  });

  it('reports each outcome in last_attempt', async () => {
    const cases = [
      ['4242424242424242', 'succeeded', 0],
      ['4000000000000002', 'declined', 5],
      ['4000000000000127', 'declined', 4],
      ['4000000000000119', 'failed', 30],
    ];
    for (const [number, outcome, code] of cases) {
      const session = await api.openSession();
      await api.pay(session.client_token, cardBody(number));
      const last = (await api.getSession(session.id)).body.last_attempt;
      assert.equal(last.outcome, outcome, number);
      assert.equal(last.status_code, code, number);
    }
    const session = await api.openSession();
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    assert.equal((await api.getSession(session.id)).body.last_attempt, null, 'a pending challenge is no outcome yet');
    await api.answerChallenge(payment.id, 'fail');
    assert.equal((await api.getSession(session.id)).body.last_attempt.outcome, 'declined');
  });

  it('counts a challenge replaced by a new attempt as abandoned: 6 abandoned 3220 challenges hit the limit (429)', async () => {
    const session = await api.openSession();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).status);
    // Five challenges are started and each abandoned by the next attempt; the sixth attempt
    // abandons the fifth, which reaches the limit of 5.
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'failed');
    assert.equal(after.failed_attempts, 5);
    assert.equal(after.last_attempt.outcome, 'abandoned');
  });

  it('counts a challenge left unanswered past its time as abandoned, found on the next look', async () => {
    const session = await api.openSession();
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    now += 299_000;
    assert.equal((await api.getSession(session.id)).body.failed_attempts, 0);
    now += 2_000;
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.failed_attempts, 1);
    assert.equal(after.status, 'open');
    assert.equal(after.last_attempt.outcome, 'abandoned');
    assert.equal((await api.answerChallenge(payment.id, 'pass')).status, 409, 'too late to answer');
    const read = (await api.getPayment(session.client_token, payment.id)).body;
    assert.equal(read.status, 'declined');
    assert.equal(read.challenge, undefined);
  });
});

describe('3-D Secure: frame-ancestors', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it("allows 'self' (the card frame) and the session's allowed origins to frame the challenge", async () => {
    const session = await api.openSession(sessionBody({ allowed_origins: ['https://shop.example', 'http://localhost:8000'] }));
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    const res = await fetch(payment.challenge.url);
    await res.text();
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /; frame-ancestors 'self' https:\/\/shop\.example http:\/\/localhost:8000$/);
  });

  it('keeps no frame-ancestors for a session without allowed_origins', async () => {
    const session = await api.openSession();
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    const res = await fetch(payment.challenge.url);
    await res.text();
    assert.ok(!res.headers.get('content-security-policy').includes('frame-ancestors'));
  });
});
