// The test kit (`@momentpay/elements/testing`, built to dist/testing) as a merchant uses it: the
// built sandbox through startTestSandbox(), a small merchant page served from its own origin with
// the built CDN module, headless Chromium driven by playwright-core, and only the kit's helpers to
// type the card, pay, answer 3-D Secure, use the wallet sheet, read events and script a fault.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/find-chrome.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kit = await import('../../dist/testing/index.js');
const {
  startTestSandbox,
  fillCard,
  cardFrame,
  payCheckout,
  answerChallenge,
  walletSheet,
  recordEvents,
  events,
  waitForEvent,
  fault,
  testCards,
  momentSandboxFixture,
} = kit;

let sandbox;
let shop;
let shopUrl;
let browser;
let profile;

/** The merchant's page: the card fields inside an open shadow root (`?shadow`), a wallet button, a Pay button that calls executePayment(). */
const CARD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kit shop</title>
<script type="module" src="/dist/cdn/moment-elements.js"></script></head><body>
<shop-pay></shop-pay>
<wallet-button id="wallet" client-key="pk_test_kit" email-required></wallet-button>
<button id="pay" type="button" disabled>Pay</button>
<p id="result" role="status"></p>
<script type="module">
  // A merchant component with its own (open) shadow root around the card fields.
  customElements.define('shop-pay', class extends HTMLElement {
    connectedCallback() {
      const where = new URLSearchParams(location.search).has('shadow') ? this.attachShadow({ mode: 'open' }) : this;
      where.innerHTML = '<card-component id="card" client-key="pk_test_kit"></card-component>';
    }
  });
  const host = document.querySelector('shop-pay');
  const card = (host.shadowRoot ?? host).querySelector('card-component');
  const wallet = document.getElementById('wallet');
  const pay = document.getElementById('pay');
  const result = document.getElementById('result');
  const { client_token } = await (await fetch('/api/session', { method: 'POST' })).json();
  card.clientToken = client_token;
  wallet.clientToken = client_token;
  card.addEventListener('ready', () => (pay.disabled = false));
  pay.addEventListener('click', async () => {
    try {
      const { statusCode, message } = await card.executePayment();
      result.textContent = statusCode === 0 ? 'Paid' : message;
    } catch (error) {
      result.textContent = error.message;
    }
  });
</script></body></html>`;

/** The hosted checkout in a modal, launched by the merchant's button. */
const CHECKOUT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kit checkout</title>
<script type="module" src="/dist/cdn/moment-elements.js"></script></head><body>
<moment-checkout id="checkout" client-key="pk_test_kit"></moment-checkout>
<button id="launch" type="button">Checkout</button>
<script type="module">
  const checkout = document.getElementById('checkout');
  checkout.fetchClientToken = async () => (await (await fetch('/api/session' + location.search, { method: 'POST' })).json()).client_token;
  document.getElementById('launch').addEventListener('click', () => checkout.launch());
</script></body></html>`;

const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css' };

before(async () => {
  for (const file of ['dist/testing/index.js', 'dist/sandbox/index.js', 'dist/cdn/moment-elements.js', 'dist/frames/card.js']) {
    assert.ok(existsSync(join(root, file)), `${file} is missing: build first (npm run build)`);
  }
  sandbox = await startTestSandbox();
  // The merchant: its pages, the built CDN module, and a backend that creates sessions with the secret key.
  shop = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (req.method === 'POST' && path === '/api/session') {
      // `?redirect`: a session with a success_url, so the checkout's 3-D Secure challenge is a full-page redirect.
      const redirect = new URL(req.url, 'http://localhost').searchParams.has('redirect');
      const successUrl = `${shopUrl}/done.html`;
      const session = await sandbox.createSession({
        amount: 2500,
        ...(redirect ? { options: { checkout_options: { presentation_mode: { mode: 'embedded' }, success_url: successUrl } } } : {}),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ client_token: session.client_token }));
    } else if (path === '/card.html' || path === '/checkout.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(path === '/card.html' ? CARD_PAGE : CHECKOUT_PAGE);
    } else if (path.startsWith('/dist/cdn/')) {
      const file = normalize(join(root, path));
      if (!file.startsWith(join(root, 'dist/cdn')) || !existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  // localhost: another origin than the sandbox's 127.0.0.1, as a real shop and provider are.
  shopUrl = `http://localhost:${shop.address().port}`;
  profile = mkdtempSync(join(tmpdir(), 'moment-kit-'));
  browser = await chromium.launch({
    executablePath: ensureChrome(),
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
    args: CHROME_ARGS,
  });
});

after(async () => {
  await browser?.close();
  shop?.closeAllConnections();
  shop?.close();
  await sandbox?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Resolves once `predicate()` holds, or after `timeout` ms (the caller's assertion then says what did not happen). */
async function until(predicate, timeout = 10_000) {
  for (const deadline = Date.now() + timeout; !predicate() && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A fresh page (its own context) that records the elements' events from its first document. */
async function open(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await recordEvents(page);
  await page.goto(`${shopUrl}${path}`);
  return page;
}

test(
  'fillCard types the success card into card fields inside a shadow root; the page pays; waitForEvent gives payment-success',
  { timeout: 30_000 },
  async () => {
    const page = await open('/card.html?shadow');
    try {
      await fillCard(page);
      await page.locator('#pay:not([disabled])').click();
      const result = await waitForEvent(page, 'card-component', 'payment-success');
      assert.equal(result.statusCode, 0);
      assert.match(result.authCode, /\w+/);
      // Recorded from the load: `ready` fired before any wait.
      assert.equal(
        (await events(page, 'ready')).some((e) => e.element === 'card-component#card'),
        true,
      );
      assert.equal(await page.locator('#result').textContent(), 'Paid');
    } finally {
      await page.context().close();
    }
  },
);

test('answerChallenge approves the 3-D Secure challenge in the card frame', { timeout: 30_000 }, async () => {
  const page = await open('/card.html');
  try {
    await fillCard(page, testCards.challenge);
    await page.locator('#pay:not([disabled])').click();
    await answerChallenge(page, 'approve');
    const result = await waitForEvent(page, '#card', 'payment-success');
    assert.equal(result.statusCode, 0);
  } finally {
    await page.context().close();
  }
});

test('answerChallenge cancel: payment-cancel, then another card pays', { timeout: 30_000 }, async () => {
  const page = await open('/card.html');
  try {
    await fillCard(page, testCards.challenge);
    await page.locator('#pay:not([disabled])').click();
    await answerChallenge(page, 'cancel');
    const cancelled = await waitForEvent(page, 'card-component', 'payment-cancel');
    assert.equal(cancelled.cancelled, true);
    await fillCard(page, { number: '4242 4242 4242 4242', expiry: '12/40', cvv: '999', name: 'Grace Hopper' }, { typing: 'keys' });
    await page.locator('#pay:not([disabled])').click();
    assert.equal((await waitForEvent(page, 'card-component', 'payment-success')).statusCode, 0);
  } finally {
    await page.context().close();
  }
});

test('walletSheet pays with the sandbox wallet (email asked) and cancels', { timeout: 30_000 }, async () => {
  const page = await open('/card.html');
  try {
    const wallet = walletSheet(page);
    await wallet.cancel();
    await waitForEvent(page, 'wallet-button', 'payment-cancel');
    await wallet.pay();
    const result = await waitForEvent(page, 'wallet-button', 'payment-success');
    assert.equal(result.statusCode, 0);
    assert.equal(result.customerDetails?.userEmailAddress, 'shopper@example.com');
  } finally {
    await page.context().close();
  }
});

test('payCheckout types a card into the modal checkout and pays', { timeout: 30_000 }, async () => {
  const page = await open('/checkout.html');
  try {
    await page.locator('#launch').click();
    await payCheckout(page, { card: testCards.success });
    const result = await waitForEvent(page, 'moment-checkout', 'payment-success');
    assert.match(result.sessionId, /^ps_/);
    assert.equal(result.statusCode, 0);
  } finally {
    await page.context().close();
  }
});

test(
  'the checkout frame\'s "Continue to your bank" link takes the whole page to the bank: the checkout iframe\'s policy allows top navigation on a click',
  { timeout: 30_000 },
  async () => {
    const page = await open('/checkout.html?redirect');
    try {
      // Navigations of the merchant's page to the bank are answered 204 (No Content): the page stays, and each is counted.
      const toBank = [];
      await page.route(/\/3ds\/challenge\//, (route) => {
        const request = route.request();
        if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return route.continue();
        toBank.push(request.url());
        return route.fulfill({ status: 204 });
      });
      await page.locator('#launch').click();
      await payCheckout(page, { card: testCards.challenge });
      // The host sends the page to the bank itself…
      await until(() => toBank.length >= 1);
      assert.equal(toBank.length, 1, 'the host navigated the page to the bank');
      // …and the frame's link, for when that did not happen, works under the iframe's sandbox.
      const link = page.frameLocator('iframe[name^="moment-checkout-"]').locator('a.mc-state-link');
      assert.equal(await link.getAttribute('target'), '_top');
      await link.click();
      await until(() => toBank.length >= 2);
      assert.equal(toBank.length, 2, 'the link navigated the top page (a sandbox without allow-top-navigation-by-user-activation blocks it)');
      assert.equal(toBank[1], toBank[0]);
      assert.match(toBank[0], /\/3ds\/challenge\/[^/?]+\?return_url=/);
    } finally {
      await page.context().close();
    }
  },
);

test('answerChallenge declines the challenge nested in the checkout frame', { timeout: 30_000 }, async () => {
  const page = await open('/checkout.html');
  try {
    await page.locator('#launch').click();
    await payCheckout(page, { card: testCards.challenge });
    await answerChallenge(page, 'decline');
    const result = await waitForEvent(page, 'moment-checkout', 'payment-attempt-failed');
    assert.equal(result.statusCode, 5);
  } finally {
    await page.context().close();
  }
});

test('payCheckout and answerChallenge on the hosted checkout page (checkout_url, top level)', { timeout: 30_000 }, async () => {
  const session = await sandbox.createSession();
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(session.checkout_url);
    await payCheckout(page, { card: testCards.challenge });
    await answerChallenge(page, 'approve');
    const status = async () =>
      (await (await fetch(`${sandbox.origin}/collect/payment_sessions/${session.id}`, { headers: { Authorization: `Bearer ${sandbox.secretKey}` } })).json())
        .status;
    for (let i = 0; i < 100 && (await status()) !== 'completed'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await status(), 'completed');
  } finally {
    await context.close();
  }
});

test("answerChallenge on the bank's own page after a redirect (a session with success_url)", { timeout: 30_000 }, async () => {
  const session = await sandbox.createSession({
    options: { checkout_options: { presentation_mode: { mode: 'hosted' }, success_url: `${shopUrl}/card.html?session_id={SESSION_ID}` } },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(session.checkout_url);
    await payCheckout(page, { card: testCards.challenge });
    await page.waitForURL(/\/3ds\/challenge\//);
    await answerChallenge(page, 'approve');
    await page.waitForURL(`${shopUrl}/card.html?session_id=${session.id}`);
  } finally {
    await context.close();
  }
});

test('fault: 503 on every try fails the attempt (nothing charged); one 503 is retried under the same key and pays', { timeout: 30_000 }, async () => {
  const page = await open('/card.html');
  try {
    await fillCard(page, testCards.success);
    const armed = await fault(sandbox, { route: 'payments', fault: 'error', status: 503, times: 10 });
    assert.equal(armed.route, 'payments');
    assert.equal(armed.status, 503);
    await page.locator('#pay:not([disabled])').click();
    const failed = await waitForEvent(page, 'card-component', 'payment-attempt-failed');
    assert.equal(failed.statusCode, 500);
    assert.equal(failed.errorType, 'service_unavailable');
    assert.match(failed.message, /nothing was charged/);
    assert.deepEqual(await events(page, 'payment-success'), []);
    await sandbox.clearFaults();
    await fault(sandbox, { route: 'payments', fault: 'error', status: 503 });
    await page.locator('#pay:not([disabled])').click();
    assert.equal((await waitForEvent(page, 'card-component', 'payment-success')).statusCode, 0);
    await sandbox.clearFaults();
  } finally {
    await page.context().close();
  }
});

test('waitForEvent takes each event once, waits for later ones and says what it saw on a timeout', { timeout: 30_000 }, async () => {
  const page = await open('/card.html');
  try {
    await page.evaluate(() => {
      const card = document.querySelector('card-component');
      for (const n of [1, 2])
        card.dispatchEvent(new CustomEvent('payment-attempt-failed', { detail: { statusCode: 5, message: `try ${n}` }, bubbles: true, composed: true }));
      setTimeout(
        () => card.dispatchEvent(new CustomEvent('payment-attempt-failed', { detail: { statusCode: 5, message: 'try 3' }, bubbles: true, composed: true })),
        300,
      );
    });
    const card = page.locator('card-component');
    assert.equal((await waitForEvent(page, card, 'payment-attempt-failed')).message, 'try 1');
    assert.equal((await waitForEvent(page, null, 'payment-attempt-failed')).message, 'try 2');
    assert.equal((await waitForEvent(page, 'card-component', 'payment-attempt-failed')).message, 'try 3');
    assert.equal((await events(page, 'payment-attempt-failed')).length, 3);
    await assert.rejects(
      waitForEvent(page, 'wallet-button', 'payment-success', { timeout: 300 }),
      /no "payment-success" event from wallet-button within 300 ms\. Recorded: .*card-component#card ready/,
    );
  } finally {
    await page.context().close();
  }
});

test('cardFrame reaches the fields by their ids and autofill hints', { timeout: 30_000 }, async () => {
  const page = await open('/card.html?shadow');
  try {
    const frame = cardFrame(page);
    for (const [id, hint] of [
      ['card-number', 'cc-number'],
      ['expiry-date', 'cc-exp'],
      ['cv2', 'cc-csc'],
      ['card-name', 'cc-name'],
    ]) {
      assert.equal(await frame.locator(`#${id}`).getAttribute('autocomplete', { timeout: 15_000 }), hint);
    }
  } finally {
    await page.context().close();
  }
});

test('startTestSandbox: createSession with the secret key; the fixture closes its sandbox', async () => {
  const session = await sandbox.createSession({ amount: 1234, currency: 'EUR' });
  assert.match(session.id, /^ps_/);
  assert.equal(session.amount, 1234);
  assert.equal(session.currency, 'EUR');
  assert.equal(typeof session.client_token, 'string');
  assert.match(sandbox.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  let seen;
  await momentSandboxFixture({}, async (s) => {
    seen = s;
    assert.match((await s.createSession()).id, /^ps_/);
    const armed = await s.fault({ route: 'webhooks', fault: 'reset', times: 2 });
    assert.equal(armed.times, 2);
    await s.clearFaults();
  });
  await assert.rejects(fetch(`${seen.origin}/`), /fetch failed/);
});

test("testCards are the sandbox's published test cards", async () => {
  const { TEST_CARDS } = await import('../../dist/sandbox/index.js');
  const outcome = (card) => TEST_CARDS.get(card.number);
  assert.equal(outcome(testCards.success).status, 'succeeded');
  assert.equal(outcome(testCards.mastercard).status, 'succeeded');
  assert.equal(outcome(testCards.amex).status, 'succeeded');
  assert.equal(outcome(testCards.declined).status, 'declined');
  assert.equal(outcome(testCards.insufficientFunds).status, 'declined');
  assert.equal(outcome(testCards.referred).status, 'referred');
  assert.equal(outcome(testCards.challenge).kind, 'challenge');
  assert.equal(outcome(testCards.providerError).status, 'failed');
});

test('the kit loads no Playwright at run time, and its types name only Playwright and the package itself', () => {
  const code = readFileSync(join(root, 'dist/testing/index.js'), 'utf8');
  assert.deepEqual([...code.matchAll(/^import\b.*$/gm)], []);
  // One dynamic import: the sandbox beside the kit, in startTestSandbox() only.
  const dynamic = [...code.matchAll(/\bimport\((.{0,40})/g)].map((m) => m[1]);
  assert.equal(dynamic.length, 1);
  assert.match(dynamic[0], /^new URL\("\.\.\/sandbox\/index\.js"/);
  const types = readFileSync(join(root, 'dist/testing/index.d.ts'), 'utf8');
  const specifiers = new Set([...types.matchAll(/^(?:import|export)\b.* from '([^']+)'/gm)].map((m) => m[1]));
  assert.deepEqual([...specifiers].sort(), ['@momentpay/elements', '@momentpay/elements/sandbox', 'playwright-core']);
  // No `any` in the public types (comments aside).
  assert.doesNotMatch(types.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''), /\bany\b/);
});
