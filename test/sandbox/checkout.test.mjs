// The sandbox's support for the hosted checkout: order lines, the frame's session view and the
// redirect-mode 3-D Secure page. (Webhook subscriptions: webhooks-api.test.mjs.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { startSandbox, client, cardBody, sessionBody, SECRET_KEY } from './helpers.mjs';

const merchant = { authorization: `Bearer ${SECRET_KEY}` };

describe('checkout sessions: order summary (product names)', () => {
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

  // Seed 004: "Item and tax amounts do not affect the payment intent amount": they are shown as given.
  const unchecked = [
    ['a total one minor unit short', { ...order, amount: 1509 }],
    ['unit amounts taken as line totals', { ...order, amount: 1 * 100 + 600 + 10 + 500 }],
    ['taxes left out', { ...order, amount: 1000 }],
    ['items without taxes that do not add up', { amount: 999, line_items: [{ name: 'Tea', quantity: 2, amount: 500 }] }],
  ];
  for (const [name, body] of unchecked) {
    it(`takes lines whose total differs from amount (${name}): amount is what is charged`, async () => {
      const res = await api.createSession(sessionBody(body));
      assert.equal(res.status, 200);
      assert.equal(res.body.amount, body.amount);
    });
  }

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
      cancel_url: null,
      allowed_origins: null,
      paymentMethods: ['Card'],
      title: 'Dog shop',
      // The product's unit prices arrive as seed 004's line totals.
      itemLines: [
        { id: 'line_1', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } },
        { id: 'line_2', quantity: 1, caption: 'Dog bandana', amountTotal: { value: 600, currencyCode: 'GBP' } },
      ],
      taxLines: [
        { id: 'tax_1', caption: 'VAT', amountTotal: { value: 10, currencyCode: 'GBP' } },
        { id: 'tax_2', caption: 'Delivery', amountTotal: { value: 500, currencyCode: 'GBP' } },
      ],
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

  /**
   * Runs the bank page's script as the top window (redirect mode) in a minimal DOM, clicks the
   * button `value`, and returns where the page sent the customer.
   */
  async function clickInTopWindow(html, value) {
    const dataset = {};
    for (const [, name, raw] of html.matchAll(/data-([a-z-]+)="([^"]*)"/g)) {
      dataset[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = raw.replace(/&#38;/g, '&');
    }
    const buttons = ['pass', 'fail', 'cancel'].map((v) => ({
      value: v,
      disabled: true,
      listeners: [],
      addEventListener(_, f) {
        this.listeners.push(f);
      },
    }));
    const status = { textContent: '' };
    let assigned;
    const window = {};
    window.parent = window;
    const context = {
      document: { body: { dataset }, getElementById: () => status, querySelectorAll: () => buttons },
      window,
      location: { origin: sandbox.origin, assign: (url) => (assigned = url) },
      fetch: (path, init) => fetch(sandbox.origin + path, init),
      encodeURIComponent,
      JSON,
      Array,
      Error,
    };
    const script = await (await fetch(`${sandbox.origin}/3ds/challenge.js`)).text();
    vm.runInNewContext(script, context);
    buttons.find((b) => b.value === value).listeners[0]();
    for (let i = 0; i < 100 && assigned === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    return assigned;
  }

  it("cancel at the bank page returns to the session's cancel_url (with the session id), pass to its success_url", async () => {
    const body = sessionBody({
      options: {
        checkout_options: { success_url: 'https://shop.example/done?session_id={SESSION_ID}', cancel_url: 'https://shop.example/cart?session_id={SESSION_ID}' },
      },
    });
    for (const [answer, expected] of [
      ['cancel', 'cart'],
      ['pass', 'done'],
    ]) {
      const session = await api.openSession(body);
      const payment = (await api.pay(session.client_token, cardBody('4000000000003220'))).body;
      const html = await (await fetch(payment.challenge.url)).text();
      assert.ok(html.includes(`data-cancel-url="https://shop.example/cart?session_id=${session.id}"`));
      assert.equal(await clickInTopWindow(html, answer), `https://shop.example/${expected}?session_id=${session.id}`);
    }
    const status = (await api.getSession((await api.openSession(body)).id)).body.status;
    assert.equal(status, 'open');
  });

  it('cancel returns to success_url when the session has no cancel_url', async () => {
    const { session, payment } = await challenged();
    const html = await (await fetch(payment.challenge.url)).text();
    assert.ok(!html.includes('data-cancel-url'));
    assert.equal(await clickInTopWindow(html, 'cancel'), `https://shop.example/checkout?session_id=${session.id}`);
    assert.equal((await api.getSession(session.id)).body.last_attempt.outcome, 'cancelled');
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
