// The sandbox's support for the hosted checkout: order totals, the frame's session view, the
// redirect-mode 3-D Secure page, and webhook endpoints registered by the merchant backend.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, cardBody, sessionBody, verifyWebhookSignature, startReceiver, SECRET_KEY } from './helpers.mjs';

const merchant = { authorization: `Bearer ${SECRET_KEY}` };

describe('checkout sessions: order summary', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  // Seed 004's example: 4 × 100 + 1 × 600 + VAT 10 + delivery 500 = 1510.
  const order = {
    amount: 1510,
    title: 'Dog shop',
    line_items: [
      { name: 'Dog socks', quantity: 4, amount: 100 },
      { name: 'Dog bandana', quantity: 1, amount: 600 },
    ],
    tax_lines: [
      { name: 'VAT', amount: 10 },
      { name: 'Delivery', amount: 500 },
    ],
    collect: { email: true, billing_address: true, shipping_address: false },
  };

  it('accepts an amount equal to the item lines (unit amount × quantity) plus the tax lines', async () => {
    const res = await api.createSession(sessionBody(order));
    assert.equal(res.status, 200);
    assert.equal(res.body.amount, 1510);
  });

  const mismatches = [
    ['a total one minor unit short', { ...order, amount: 1509 }],
    ['unit amounts taken as line totals', { ...order, amount: 1 * 100 + 600 + 10 + 500 }],
    ['taxes left out', { ...order, amount: 1000 }],
    ['items without taxes that do not add up', { amount: 999, line_items: [{ name: 'Tea', quantity: 2, amount: 500 }] }],
  ];
  for (const [name, body] of mismatches) {
    it(`refuses ${name} with 400 naming amount`, async () => {
      const res = await api.createSession(sessionBody(body));
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'invalid_request_error');
      assert.equal(res.body.error.param, 'amount');
      assert.match(res.body.error.message, /^amount must equal the sum of the line_items/);
    });
  }

  it('does not check the total when there are no item lines (tax lines alone are informative)', async () => {
    const res = await api.createSession(sessionBody({ amount: 700, tax_lines: [{ name: 'VAT', amount: 83 }] }));
    assert.equal(res.status, 200);
  });

  const badLines = [
    ['line_items.0.amount', { line_items: [{ name: 'Tea', quantity: 1, amount: 1.5 }] }],
    ['line_items.0.amount', { line_items: [{ name: 'Tea', quantity: 1, amount: -1 }] }],
    ['line_items.0.quantity', { line_items: [{ name: 'Tea', quantity: 1.5, amount: 100 }] }],
    ['tax_lines.0.amount', { tax_lines: [{ name: 'VAT', amount: 0.5 }] }],
  ];
  for (const [param, body] of badLines) {
    it(`refuses a non-integer or negative ${param}`, async () => {
      const res = await api.createSession(sessionBody(body));
      assert.equal(res.status, 400);
      assert.equal(res.body.error.param, param);
    });
  }

  it('gives the frame everything the checkout page shows, with {SESSION_ID} replaced in success_url', async () => {
    const session = await api.openSession(
      sessionBody({
        ...order,
        options: {
          checkout_options: {
            presentation_mode: { mode: 'embedded', variant: 'inline' },
            success_url: 'https://shop.example/done?session_id={SESSION_ID}',
          },
        },
      }),
    );
    assert.equal(session.presentation_mode, 'embedded');
    assert.equal(session.variant, 'inline');
    const view = (await api.frameSession(session.client_token)).body;
    assert.deepEqual(view, {
      id: session.id,
      status: 'open',
      amount: 1510,
      currency: 'GBP',
      variant: 'inline',
      expires_at: session.expires_at,
      success_url: `https://shop.example/done?session_id=${session.id}`,
      allowed_origins: null,
      title: 'Dog shop',
      line_items: order.line_items,
      tax_lines: order.tax_lines,
      collect: { email: true, billing_address: true, shipping_address: false },
    });
  });

  it('shows the frame a cancelled session as cancelled', async () => {
    const session = await api.openSession();
    await api.call('POST', `/collect/payment_sessions/${session.id}/cancel`, { headers: merchant });
    const view = await api.frameSession(session.client_token);
    assert.equal(view.status, 200);
    assert.equal(view.body.status, 'cancelled');
  });
});

describe('3-D Secure in redirect mode', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  async function challenged() {
    const session = await api.openSession();
    const payment = (await api.pay(session.client_token, cardBody('4000000000003220'))).body;
    assert.equal(payment.status, 'requires_action');
    return { session, payment, returnUrl: session.success_url };
  }

  it("offers Cancel beside Pass and Fail; the page returns only to the session's success_url (with the session id)", async () => {
    const { session, payment, returnUrl } = await challenged();
    assert.equal(returnUrl, `https://shop.example/checkout?session_id=${session.id}`);
    const res = await fetch(`${payment.challenge.url}?return_url=${encodeURIComponent('https://evil.example/')}`);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.ok(html.includes(`data-success-url="${returnUrl}"`), 'the script learns where to go after answering');
    assert.ok(!html.includes('evil.example'));
    assert.match(html, /<button type="button" class="cancel" id="cancel" value="cancel" disabled>Cancel and return to the shop<\/button>/);
    assert.match(html, /id="pass"/);
    assert.match(html, /id="fail"/);
  });

  it('escapes success_url in the page', async () => {
    const evil = 'https://shop.example/?a="><script>alert(1)</script>&session_id={SESSION_ID}';
    const session = await api.openSession(sessionBody({ options: { checkout_options: { success_url: evil } } }));
    const payment = (await api.pay(session.client_token, cardBody('4000000000003220'))).body;
    const html = await (await fetch(payment.challenge.url)).text();
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('&#34;&#62;&#60;script&#62;'));
  });

  it('answers with 200 and ignores return_url whatever its scheme', async () => {
    const { payment } = await challenged();
    const res = await fetch(`${payment.challenge.url}?return_url=${encodeURIComponent('javascript:alert(1)')}`);
    assert.equal(res.status, 200);
    assert.ok(!(await res.text()).includes('javascript:'));
  });

  it('after Fail the session stays open with a declined latest payment and one more failed attempt', async () => {
    const { session, payment } = await challenged();
    await api.answerChallenge(payment.id, 'fail');
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'open');
    assert.equal(after.failed_attempts, 1);
    assert.equal(after.payment.id, payment.id);
    assert.equal(after.payment.status, 'declined');
    assert.equal(after.payment.status_code, 5);
  });

  it('after Pass the session completes; the page then links back instead of asking again', async () => {
    const { session, payment, returnUrl } = await challenged();
    await api.answerChallenge(payment.id, 'pass');
    assert.equal((await api.getSession(session.id)).body.status, 'completed');
    const html = await (await fetch(payment.challenge.url)).text();
    assert.match(html, /Nothing to verify/);
    assert.ok(html.includes(`<a class="cancel" id="return" href="${returnUrl}" target="_top">Return to the shop</a>`));
  });

  it('leaving the page without an answer changes nothing (until the challenge expires): the payment still waits', async () => {
    const { session, payment } = await challenged();
    const after = (await api.getSession(session.id)).body;
    assert.equal(after.status, 'open');
    assert.equal(after.payment.id, payment.id);
    assert.equal(after.payment.status, 'requires_action');
    assert.equal(after.failed_attempts, 0);
  });
});

describe('webhook endpoints registered by the merchant backend', () => {
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

  const create = (body, headers = merchant) => api.call('POST', '/webhooks', { headers, body });

  it('registers an endpoint: 201 with an id and a generated secret, shown once', async () => {
    const res = await create({ url: receiver.url });
    assert.equal(res.status, 201);
    assert.match(res.body.id, /^we_[A-Za-z0-9]{24}$/);
    assert.equal(res.body.object, 'webhook_endpoint');
    assert.equal(res.body.url, receiver.url);
    assert.deepEqual(res.body.events, ['payment_session.status_updated']);
    assert.match(res.body.secret, /^whsec_[A-Za-z0-9]{32}$/);
    const list = await api.call('GET', '/webhooks', { headers: merchant });
    assert.equal(list.status, 200);
    assert.equal(list.body.object, 'list');
    const listed = list.body.data.find((e) => e.id === res.body.id);
    assert.deepEqual(Object.keys(listed).sort(), ['created_at', 'events', 'id', 'object', 'url']);
    assert.ok(!JSON.stringify(list.body).includes(res.body.secret), 'the list never shows a secret');
    await api.call('DELETE', `/webhooks/${res.body.id}`, { headers: merchant });
  });

  it('signs deliveries with that secret (Moment-Signature in seed 004 format, over Moment-Timestamp and the body)', async () => {
    const endpoint = (await create({ url: receiver.url, events: ['payment_session.status_updated'] })).body;
    const seen = receiver.requests.length;
    const session = await api.openSession();
    await api.pay(session.client_token, cardBody('4242424242424242'));
    const [request] = (await receiver.waitFor(seen + 1)).slice(seen);
    assert.match(request.headers['moment-signature'], /^sha256=([0-9A-F]{2}-){31}[0-9A-F]{2}$/);
    assert.match(request.headers['moment-timestamp'], /^\d{10}$/);
    assert.equal(verifyWebhookSignature(request.body, request.headers, endpoint.secret), true);
    assert.equal(verifyWebhookSignature(request.body, request.headers, 'whsec_other'), false);
    const event = JSON.parse(request.body);
    assert.equal(event.event, 'payment_session.status_updated');
    assert.equal(event.data.sessionId, session.id);
    assert.equal(event.data.status, 'completed');
    await api.call('DELETE', `/webhooks/${endpoint.id}`, { headers: merchant });
  });

  it('deletes an endpoint: no more deliveries, a second delete is 404', async () => {
    const endpoint = (await create({ url: receiver.url })).body;
    const deleted = await api.call('DELETE', `/webhooks/${endpoint.id}`, { headers: merchant });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { id: endpoint.id, object: 'webhook_endpoint', deleted: true });
    assert.equal((await api.call('DELETE', `/webhooks/${endpoint.id}`, { headers: merchant })).status, 404);
    assert.ok(!(await api.call('GET', '/webhooks', { headers: merchant })).body.data.some((e) => e.id === endpoint.id));

    const seen = receiver.requests.length;
    const session = await api.openSession();
    await api.pay(session.client_token, cardBody('4242424242424242'));
    // A canary endpoint proves deliveries ran, so the deleted one's silence means something.
    const canary = (await create({ url: `${receiver.url}?canary` })).body;
    const other = await api.openSession();
    await api.pay(other.client_token, cardBody('4242424242424242'));
    const requests = (await receiver.waitFor(seen + 1)).slice(seen);
    assert.equal(requests.length, 1);
    assert.equal(JSON.parse(requests[0].body).data.sessionId, other.id);
    await api.call('DELETE', `/webhooks/${canary.id}`, { headers: merchant });
  });

  const badBodies = [
    ['url', { url: 'ftp://example.com/hook' }, /http or https URL/],
    ['url', { events: ['payment_session.status_updated'] }, /is required/],
    ['events.0', { url: 'https://example.com/hook', events: ['payment.created'] }, /known events/],
    ['events', { url: 'https://example.com/hook', events: [] }, /at least one event/],
  ];
  for (const [param, body, message] of badBodies) {
    it(`refuses a bad ${param} with 400 (${JSON.stringify(body).slice(0, 50)})`, async () => {
      const res = await create(body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.param, param);
      assert.match(res.body.error.message, message);
    });
  }

  for (const [name, headers] of [
    ['no key', {}],
    ['a publishable key', { authorization: 'Bearer pk_test_abc' }],
  ]) {
    it(`refuses ${name} on every route`, async () => {
      assert.equal((await create({ url: receiver.url }, headers)).status, 401);
      assert.equal((await api.call('GET', '/webhooks', { headers })).status, 401);
      assert.equal((await api.call('DELETE', '/webhooks/we_x', { headers })).status, 401);
    });
  }

  it('keeps at most 16 endpoints', async () => {
    const ids = [];
    try {
      for (let i = 0; i < 16; i++) {
        const res = await create({ url: `https://example.com/hook/${i}` });
        assert.equal(res.status, 201);
        ids.push(res.body.id);
      }
      const over = await create({ url: 'https://example.com/hook/16' });
      assert.equal(over.status, 400);
      assert.match(over.body.error.message, /at most 16/);
    } finally {
      for (const id of ids) await api.call('DELETE', `/webhooks/${id}`, { headers: merchant });
    }
  });
});
