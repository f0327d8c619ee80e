import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody } from './helpers.mjs';

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
    assert.match(html, /<button type="button"[^>]*id="pass" value="pass">Pass authentication<\/button>/);
    assert.match(html, /<button type="button"[^>]*id="fail" value="fail">Fail authentication<\/button>/);
    assert.match(html, /role="status"/);
    assert.match(html, /:focus-visible/);
    assert.match(html, /<script type="module" src="\/3ds\/challenge.js"><\/script>/);
    assert.ok(!/<script>/.test(html), 'no inline script');
  });

  it('serves the challenge script, which posts challenge-complete to its parent on its own origin', async () => {
    const res = await fetch(`${sandbox.origin}/3ds/challenge.js`);
    const script = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/javascript/);
    assert.match(script, /"protocol":"moment-elements"/);
    assert.match(script, /"kind":"challenge-complete"/);
    assert.match(script, /window\.parent\.postMessage\(\{ \.\.\.complete, paymentId \}, location\.origin\)/);
    assert.match(script, /location\.assign\(returnUrl\)/);
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
    assert.deepEqual((await api.getPayment(session.client_token, payment.id)).body, res.body);
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

  it('carries a safe return_url into the page and refuses other schemes', async () => {
    const { payment } = await challenged();
    const back = 'https://shop.example/return?session_id=ps_1&x="<b>';
    const page = await (await fetch(`${payment.challenge.url}?return_url=${encodeURIComponent(back)}`)).text();
    assert.match(page, /data-return-url="https:\/\/shop\.example\/return\?session_id=ps_1&#38;x=&#34;&#60;b&#62;"/);
    const refused = await fetch(`${payment.challenge.url}?return_url=${encodeURIComponent('javascript:alert(1)')}`);
    assert.equal(refused.status, 400);
    await refused.text();
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
