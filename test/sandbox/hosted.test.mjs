// Hosted sessions and the checkout page opened top-level (a redirect, a new tab, a mobile WebView):
// the session's checkout_url, the client token's mode claim, the page's headers, and the return
// to an app's deep link after the bank's 3-D Secure page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, client, cardBody, sessionBody, SECRET_KEY } from './helpers.mjs';

const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const checkoutOptions = (options) => ({ options: { checkout_options: options } });
const hosted = (options = {}) =>
  sessionBody(checkoutOptions({ presentation_mode: { mode: 'hosted' }, success_url: 'https://shop.example/done?session_id={SESSION_ID}', ...options }));
const CHALLENGE_CARD = '4000000000003220';

/** A frames directory with a stand-in checkout bundle, so these tests need no frames build. */
async function checkoutFramesDir() {
  const dir = await mkdtemp(join(tmpdir(), 'moment-hosted-'));
  await writeFile(join(dir, 'checkout.js'), 'console.log("checkout");\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

describe('hosted sessions', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it("answers with a checkout_url on the sandbox's origin: the session id in the path, the client token in the fragment", async () => {
    const session = await api.openSession(hosted());
    assert.equal(session.presentation_mode, 'hosted');
    const url = new URL(session.checkout_url);
    assert.equal(url.origin, sandbox.origin);
    assert.equal(url.pathname, `/checkout/${session.id}`);
    assert.equal(url.search, '');
    assert.equal(url.hash, `#token=${encodeURIComponent(session.client_token)}`);
  });

  it("signs mode: 'hosted' into the client token; an embedded session's token leaves mode out", async () => {
    const hostedSession = await api.openSession(hosted());
    assert.equal(claimsOf(hostedSession.client_token).mode, 'hosted');
    const embedded = await api.openSession();
    assert.equal(claimsOf(embedded.client_token).mode, undefined);
  });

  it("the hosted session's token pays like any other", async () => {
    const session = await api.openSession(hosted());
    assert.equal((await api.frameSession(session.client_token)).status, 200);
    const paid = await api.pay(session.client_token, cardBody('4242424242424242'));
    assert.equal(paid.status, 200);
    assert.equal(paid.body.statusCode, 0);
    assert.equal((await api.getSession(session.id)).body.status, 'completed');
  });

  it('gives embedded sessions a checkout_url too (the URL a mobile WebView opens), on create and on read', async () => {
    const session = await api.openSession();
    assert.equal(session.presentation_mode, 'embedded');
    assert.equal(session.checkout_url, `${sandbox.origin}/checkout/${session.id}#token=${encodeURIComponent(session.client_token)}`);
    const read = await api.getSession(session.id);
    assert.equal(read.body.checkout_url, session.checkout_url);
  });

  it("answers /payment-intents with the checkout URL as seed 004's paymentLink", async () => {
    const created = await api.call('POST', '/payment-intents', {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
      body: { amount: { value: 1000, currencyCode: 'GBP' }, reference: 'Order-0001', paymentMethods: ['Card', 'Wallet'] },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.body.paymentLink, `${sandbox.origin}/checkout/${created.body.id}#token=${encodeURIComponent(created.body.clientSessionSecret)}`);
    assert.equal(created.body.checkout_url, created.body.paymentLink);
    const read = await api.call('GET', `/payment-intents/${created.body.id}`, { headers: { authorization: `Bearer ${SECRET_KEY}` } });
    assert.equal(read.body.paymentLink, created.body.paymentLink);
  });
});

describe('the checkout page opened top-level: GET /checkout/{session id}', () => {
  let frames;
  let sandbox;
  let api;
  before(async () => {
    frames = await checkoutFramesDir();
    sandbox = await startSandbox({ port: 0, framesDir: frames.dir });
    api = client(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await frames.remove();
  });

  const cspOf = (res) => res.headers.get('content-security-policy');

  it('serves the checkout bundle in the frame shell, with the session id in its meta; the server never needs the token', async () => {
    const session = await api.openSession(hosted());
    // What a browser sends for checkout_url: the fragment (the token) stays on the client.
    const res = await fetch(session.checkout_url.split('#')[0]);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const html = await res.text();
    assert.match(html, /<script type="module" src="\/frames\/assets\/checkout\.js"><\/script>/);
    assert.match(html, /<title>Secure checkout<\/title>/);
    assert.match(html, /<meta name="viewport" content="width=device-width,initial-scale=1">/);
    const meta = /<meta name="moment-session" content="([^"]*)">/.exec(html);
    assert.ok(meta, 'the page names its session');
    assert.equal(JSON.parse(meta[1].replace(/&#34;/g, '"')).id, session.id);
    assert.match(html, /<noscript>/, 'never a blank page, even without JavaScript');
    assert.ok(!html.includes(session.client_token), 'the token is not in the page');
    assert.ok(!/<script>/.test(html), 'no inline script');
  });

  it("is never framed: frame-ancestors 'none' (and X-Frame-Options DENY), whatever the session's allowed_origins", async () => {
    for (const body of [hosted(), { ...hosted(), allowed_origins: ['https://shop.example'] }]) {
      const session = await api.openSession(body);
      const res = await fetch(`${sandbox.origin}/checkout/${session.id}`);
      assert.equal(res.status, 200);
      const csp = cspOf(res);
      assert.match(csp, /(^|; )frame-ancestors 'none'$/);
      assert.equal(csp.match(/frame-ancestors/g).length, 1);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
    }
  });

  it('lets the page run its bundle, call the API, show the wallet and 3-D Secure frames, and leave for any return URL', async () => {
    const session = await api.openSession(hosted({ success_url: 'yourapp://checkout?session_id={SESSION_ID}' }));
    const csp = cspOf(await fetch(`${sandbox.origin}/checkout/${session.id}`));
    const framed = cspOf(await fetch(`${sandbox.origin}/frames/checkout?session=${session.id}`));
    assert.equal(csp, `${framed}; frame-ancestors 'none'`, 'the framed checkout policy, plus no framing');
    for (const directive of ["script-src 'self'", "connect-src 'self'", "frame-src 'self'"]) assert.ok(csp.includes(directive), directive);
    // Navigation to success_url / cancel_url, a custom scheme included, is not restricted by CSP.
    assert.ok(!/navigate-to/.test(csp));
  });

  it('keeps the framed checkout as it was: framable by allowed_origins, no X-Frame-Options', async () => {
    const session = await api.openSession({ ...hosted(), allowed_origins: ['https://shop.example'] });
    const res = await fetch(`${sandbox.origin}/frames/checkout?session=${session.id}`);
    assert.equal(res.status, 200);
    assert.match(cspOf(res), /frame-ancestors https:\/\/shop\.example$/);
    assert.ok(!cspOf(res).includes("'none'; frame-ancestors") && !cspOf(res).includes("frame-ancestors 'none'"));
    assert.equal(res.headers.get('x-frame-options'), null);
  });

  it('serves an embedded session the same way (the URL a mobile WebView opens)', async () => {
    const session = await api.openSession();
    const res = await fetch(session.checkout_url.split('#')[0]);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /\/frames\/assets\/checkout\.js/);
  });

  it('answers an unknown or malformed session id with an HTML 404 that says the link is not valid, and no script', async () => {
    for (const id of ['ps_doesnotexist', 'nope', 'ps_%3Cscript%3E']) {
      const res = await fetch(`${sandbox.origin}/checkout/${id}`);
      assert.equal(res.status, 404, id);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.match(cspOf(res), /frame-ancestors 'none'$/);
      const html = await res.text();
      assert.match(html, /<h1>This payment link is not valid<\/h1>/);
      assert.ok(!html.includes('<script'), 'nothing to run');
      assert.ok(!html.includes('<script>') && !html.includes('%3Cscript'), 'the id is not echoed');
    }
  });

  it('says so in a page when the checkout bundle is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'moment-empty-'));
    const bare = await startSandbox({ port: 0, framesDir: empty });
    try {
      const session = await client(bare).openSession(hosted());
      const res = await fetch(`${bare.origin}/checkout/${session.id}`);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.match(await res.text(), /The checkout is not built/);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('3-D Secure in redirect mode, back to an app deep link', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const deepLinks = {
    success_url: 'yourapp://checkout?session_id={SESSION_ID}',
    cancel_url: 'yourapp://cart?session_id={SESSION_ID}',
  };

  async function challenged(options = deepLinks) {
    const session = await api.openSession(sessionBody(checkoutOptions({ presentation_mode: { mode: 'embedded' }, ...options })));
    const payment = (await api.pay(session.client_token, cardBody(CHALLENGE_CARD))).body;
    assert.equal(payment.status, 'requires_action');
    return { session, payment };
  }

  /** Runs the bank page's script as the top window, clicks `value`, returns where it sent the customer. */
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
    vm.runInNewContext(await (await fetch(`${sandbox.origin}/3ds/challenge.js`)).text(), context);
    buttons.find((b) => b.value === value).listeners[0]();
    for (let i = 0; i < 100 && assigned === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    return assigned;
  }

  /** Runs the return page's script on its link; returns what it passed to location.replace. */
  async function runReturnScript(html) {
    const href = /<a [^>]*id="return" href="([^"]*)"/.exec(html)?.[1]?.replace(/&#38;/g, '&');
    let replaced;
    const context = {
      document: { getElementById: (id) => (id === 'return' && href !== undefined ? { getAttribute: (name) => (name === 'href' ? href : null) } : null) },
      location: { replace: (url) => (replaced = url) },
    };
    vm.runInNewContext(await (await fetch(`${sandbox.origin}/3ds/return.js`)).text(), context);
    return replaced;
  }

  for (const [answer, heading, target] of [
    ['pass', 'Verified', 'checkout'],
    ['fail', 'Not verified', 'checkout'],
    ['cancel', 'Cancelled', 'cart'],
  ]) {
    it(`after ${answer}, goes by way of the return page, which navigates to the ${target === 'cart' ? 'cancel_url' : 'success_url'} deep link and offers a link to tap`, async () => {
      const { session, payment } = await challenged();
      const page = await (await fetch(payment.challenge.url)).text();
      assert.ok(page.includes(`data-success-url="/3ds/return/${payment.id}"`));
      assert.ok(page.includes(`data-cancel-url="/3ds/return/${payment.id}"`));
      assert.ok(!page.includes('yourapp:'), 'the bank page never jumps to the custom scheme itself');
      assert.equal(await clickInTopWindow(page, answer), `/3ds/return/${payment.id}`);

      const res = await fetch(`${sandbox.origin}/3ds/return/${payment.id}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.match(res.headers.get('content-security-policy'), /script-src 'self'/);
      assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'$/);
      const html = await res.text();
      const deepLink = `yourapp://${target}?session_id=${session.id}`;
      assert.match(html, new RegExp(`<h1>${heading}</h1>`));
      assert.ok(html.includes(`<a class="cancel" id="return" href="${deepLink}" target="_top">Return to the app</a>`), html);
      assert.match(html, /<script type="module" src="\/3ds\/return\.js"><\/script>/);
      assert.ok(!/<script>/.test(html), 'no inline script: the CSP allows none');
      assert.equal(await runReturnScript(html), deepLink, 'location.replace to the deep link');
    });
  }

  it('after cancel, returns to the success_url deep link when the session has no cancel_url', async () => {
    const { session, payment } = await challenged({ success_url: deepLinks.success_url });
    const page = await (await fetch(payment.challenge.url)).text();
    assert.ok(!page.includes('data-cancel-url'));
    assert.equal(await clickInTopWindow(page, 'cancel'), `/3ds/return/${payment.id}`);
    const html = await (await fetch(`${sandbox.origin}/3ds/return/${payment.id}`)).text();
    assert.equal(await runReturnScript(html), `yourapp://checkout?session_id=${session.id}`);
  });

  it('keeps a web success_url as it was: the bank page goes straight there; a deep-link cancel_url still goes by the return page', async () => {
    const { session, payment } = await challenged({ success_url: 'https://shop.example/done?session_id={SESSION_ID}', cancel_url: deepLinks.cancel_url });
    const page = await (await fetch(payment.challenge.url)).text();
    assert.ok(page.includes(`data-success-url="https://shop.example/done?session_id=${session.id}"`));
    assert.ok(page.includes(`data-cancel-url="/3ds/return/${payment.id}"`));
    assert.equal(await clickInTopWindow(page, 'pass'), `https://shop.example/done?session_id=${session.id}`);
  });

  it('before the answer, sends the customer back to the bank page instead (409), and names nothing to jump to', async () => {
    const { payment } = await challenged();
    const res = await fetch(`${sandbox.origin}/3ds/return/${payment.id}`);
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(html, /Not verified yet/);
    assert.ok(html.includes(`href="${sandbox.origin}/3ds/challenge/${payment.id}"`));
    assert.ok(!html.includes('yourapp:'));
    assert.equal(await runReturnScript(html), undefined);
  });

  it('ignores the query: nothing in the request chooses where the page returns', async () => {
    const { session, payment } = await challenged();
    await api.answerChallenge(payment.id, 'pass');
    const html = await (await fetch(`${sandbox.origin}/3ds/return/${payment.id}?return_url=${encodeURIComponent('evilapp://steal')}&to=cancel`)).text();
    assert.ok(!html.includes('evilapp'));
    assert.equal(await runReturnScript(html), `yourapp://checkout?session_id=${session.id}`);
  });

  it('answers an unknown payment with a 404 page', async () => {
    const res = await fetch(`${sandbox.origin}/3ds/return/pay_nope`);
    assert.equal(res.status, 404);
    assert.match(await res.text(), /not valid/);
  });

  it('links the answered bank page back to the app with "Return to the app"', async () => {
    const { session, payment } = await challenged();
    await api.answerChallenge(payment.id, 'pass');
    const html = await (await fetch(payment.challenge.url)).text();
    assert.ok(html.includes(`<a class="cancel" id="return" href="yourapp://checkout?session_id=${session.id}" target="_top">Return to the app</a>`));
  });
});
