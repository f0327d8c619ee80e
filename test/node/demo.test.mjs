// The demo shop end to end, as a person would use it after `npm start`: real browser, real
// frames from the sandbox, the merchant backend holding the secret key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/find-chrome.mjs';
// The shopper's steps through our own test kit, as merchants' end-to-end tests take them.
import { answerChallenge, fillCard, payCheckout, walletSheet } from '../../dist/testing/index.js';

let demo;
let browser;
let shopUrl;
const others = [];

/** Starts `demo/server.mjs` with extra environment; resolves once it prints the shop's URL. */
async function startDemo(env = {}) {
  const child = spawn(process.execPath, ['demo/server.mjs'], {
    env: { ...process.env, PORT: '0', SANDBOX_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, out: '', err: '' };
  child.stdout.on('data', (chunk) => (run.out += chunk));
  child.stderr.on('data', (chunk) => {
    run.err += chunk;
    process.stderr.write(chunk);
  });
  run.url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo did not start: ${run.out}${run.err}`));
    }, 15_000);
    const check = () => {
      // Both servers listen once both are announced.
      const match = /Demo shop:\s+(http:\/\/localhost:\d+\/)/.exec(run.out);
      if (match && /Sandbox:\s+http/.test(run.out)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}: ${run.err}`));
    });
  });
  return run;
}

/** Runs `demo/server.mjs` expecting it to stop by itself; resolves with its exit code and output. */
async function runDemoToExit(env) {
  const child = spawn(process.execPath, ['demo/server.mjs'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, out, err };
}

before(async () => {
  demo = await startDemo();
  shopUrl = demo.url;
  browser = await chromium.launch({
    executablePath: findChrome(),
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
});

after(async () => {
  await browser?.close();
  for (const child of [demo?.child, ...others]) child?.kill('SIGTERM');
});

/** The card page, with the card form ready. */
async function openShop(url = shopUrl) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('#pay:not([disabled])').waitFor({ timeout: 15_000 });
  return { page, card: page.frameLocator('card-component iframe') };
}

/** The bank's answers by the ids the tests name them with. */
const ANSWERS = { pass: 'approve', fail: 'decline', cancel: 'cancel' };

/** The id of the focused element of the page, or its tag name. */
const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.localName);

async function pay(number, { challenge } = {}) {
  const { page } = await openShop();
  try {
    await fillCard(page, { number });
    await page.locator('#pay').click();
    if (challenge) await answerChallenge(page, ANSWERS[challenge]);
    await page.locator('#result:not(:empty)').waitFor({ timeout: 15_000 });
    return await page.locator('#result').textContent();
  } finally {
    await page.close();
  }
}

test('the server prints the shop URL first and the sandbox URL second', () => {
  const urls = demo.out.match(/https?:\/\/[^\s/]+/g) ?? [];
  assert.equal(urls[0], new URL(shopUrl).origin, demo.out);
  assert.match(demo.out, /Demo shop:[^\n]*\n\s*Sandbox:\s+http:\/\/127\.0\.0\.1:\d+/);
});

test('4242 4242 4242 4242 pays, shows success with focus on it, and leaves no other way to pay', async () => {
  const { page } = await openShop();
  try {
    await fillCard(page, { number: '4242424242424242' });
    await page.locator('#pay').click();
    await page.locator('#result.success').waitFor({ timeout: 15_000 });
    assert.match(await page.locator('#result').textContent(), /Payment received.*Auth code/);
    assert.equal(await focused(page), 'result');
    for (const selector of ['#or', 'wallet-button', 'card-component', '#pay']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is still shown after the payment`);
    }
    assert.equal(await page.locator('#again').isVisible(), true);
  } finally {
    await page.close();
  }
});

test('an empty submit shows the fields’ own messages, not the browser bubble, and focuses the card number', async () => {
  const { page, card } = await openShop();
  try {
    let submitted = 0;
    await page.exposeFunction('countSubmit', () => (submitted += 1));
    await page.evaluate(() => document.getElementById('pay-form').addEventListener('submit', () => window.countSubmit()));
    await page.locator('#pay').click();
    // The browser's own validation would have stopped the submit before the page could ask the frame.
    await card.locator('#card-number-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await card.locator('#card-number-error').textContent(), /\w/);
    for (const field of ['expiry-date', 'cv2', 'card-name']) {
      assert.equal(await card.locator(`#${field}-error`).isVisible(), true, `${field} shows no message`);
    }
    await card.locator('#card-number:focus').waitFor({ timeout: 5_000 });
    assert.equal(await focused(page), 'card');
    assert.equal(submitted, 1);
    assert.equal(await page.locator('#result').textContent(), '');
  } finally {
    await page.close();
  }
});

test('a decline is friendly and takes focus; the next payment’s 3-D Secure challenge does not show it', async () => {
  const { page, card } = await openShop();
  try {
    await fillCard(page, { number: '4000000000000002' });
    await page.locator('#pay').click();
    await page.locator('#result.failure').waitFor({ timeout: 15_000 });
    assert.match(await page.locator('#result').textContent(), /declined/i);
    assert.equal(await focused(page), 'result', 'focus fell away from the decline');
    assert.equal(await page.locator('#result').getAttribute('tabindex'), '-1');

    await card.locator('#card-number').fill('4000000000003220');
    await page.locator('#pay').click();
    const pass = card.frameLocator('iframe').locator('#pass');
    await pass.waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#result').textContent(), '', 'the old decline is shown during the challenge');
    await answerChallenge(page, 'approve');
    await page.locator('#result.success').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('4000 0000 0000 3220 opens the challenge; passing it succeeds', async () => {
  assert.match(await pay('4000000000003220', { challenge: 'pass' }), /Payment received/);
});

test('every demo page has a favicon and loads without a 404', async () => {
  for (const path of ['/', '/checkout.html', '/declarative.html', '/hosted.html']) {
    const page = await browser.newPage();
    const failures = [];
    page.on('response', (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`));
    page.on('console', (message) => message.type() === 'error' && /404|Failed to load resource/.test(message.text()) && failures.push(message.text()));
    try {
      await page.goto(new URL(path, shopUrl).href, { waitUntil: 'load' });
      if (path === '/') await page.locator('#pay:not([disabled])').waitFor({ timeout: 15_000 });
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      assert.ok(href, `${path} has no <link rel="icon">`);
      const icon = await page.evaluate(async (url) => {
        const response = await fetch(url);
        return { status: response.status, type: response.headers.get('content-type') };
      }, href);
      assert.deepEqual(icon, { status: 200, type: 'image/svg+xml' }, path);
      const favicon = await page.request.get(new URL('/favicon.ico', shopUrl).href);
      assert.equal(favicon.status(), 200, 'a browser asking for /favicon.ico gets the icon');
      assert.deepEqual(failures, [], path);
    } finally {
      await page.close();
    }
  }
});

test('a wrong secret key: the server logs the API error without the key, the page says what happened', async () => {
  const key = 'sk_live_notTheDemoKey123';
  const run = await startDemo({ MOMENT_SECRET_KEY: key });
  others.push(run.child);
  const page = await browser.newPage();
  try {
    await page.goto(run.url);
    await page.locator('#result.failure').waitFor({ timeout: 15_000 });
    assert.match(await page.locator('#result').textContent(), /did not accept this shop's secret key.*Nothing was charged/);
    const line = run.err.split('\n').find((l) => l.includes('authentication_error'));
    assert.ok(line, `no API error logged:\n${run.out}\n${run.err}`);
    assert.match(line, /POST \/collect\/payment_sessions/);
    assert.match(line, /401/);
    assert.doesNotMatch(run.out + run.err, /notTheDemoKey/);
  } finally {
    await page.close();
    run.child.kill('SIGTERM');
  }
});

test('sessions are created with allowed_origins set to the shop’s origin; a key the provider echoes is not logged', async () => {
  // A stand-in provider that records what the shop's server sends and refuses it, quoting the key.
  const requests = [];
  const provider = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, body: body ? JSON.parse(body) : null });
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ error: { type: 'invalid_request_error', message: `Not for ${req.headers.authorization?.slice(7)} or card 4242 4242 4242 4242.` } }),
      );
    });
  });
  provider.listen(0, '127.0.0.1');
  await once(provider, 'listening');
  const key = 'sk_test_echoedKey42';
  const run = await startDemo({ MOMENT_API_URL: `http://127.0.0.1:${provider.address().port}`, MOMENT_SECRET_KEY: key });
  others.push(run.child);
  const page = await browser.newPage();
  try {
    await page.goto(run.url);
    await page.locator('#result.failure').waitFor({ timeout: 15_000 });
    const created = requests.find((r) => r.method === 'POST' && r.url === '/collect/payment_sessions');
    assert.ok(created, 'no session was requested');
    assert.deepEqual(created.body.allowed_origins, [new URL(run.url).origin]);
    assert.match(run.err, /POST \/collect\/payment_sessions → 400 invalid_request_error/);
    assert.doesNotMatch(run.out + run.err, /echoedKey42|4242 4242/);
  } finally {
    await page.close();
    run.child.kill('SIGTERM');
    provider.close();
  }
});

test('the sandbox lets only the shop’s page frame the payment, under either loopback name', async () => {
  const port = new URL(shopUrl).port;
  for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
    const page = await browser.newPage();
    const ancestors = new Map();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.request().resourceType() === 'document' && /^\/frames\/(card|wallet)$/.test(url.pathname)) {
        ancestors.set(url.pathname, /frame-ancestors ([^;]*)/.exec(response.headers()['content-security-policy'] ?? '')?.[1]);
      }
    });
    try {
      await page.goto(`${origin}/`);
      await page.locator('#pay:not([disabled])').waitFor({ timeout: 15_000 });
      await page.frameLocator('wallet-button iframe').locator('#wallet-button').waitFor({ timeout: 15_000 });
      assert.deepEqual(Object.fromEntries(ancestors), { '/frames/card': origin, '/frames/wallet': origin });
    } finally {
      await page.close();
    }
  }
});

test('the shop answers only under a loopback name (no session for a rebound DNS name)', async () => {
  const status = (host) =>
    new Promise((resolve, reject) => {
      const req = request(new URL('/api/create-payment-session', shopUrl), { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end('{}');
    });
  const port = new URL(shopUrl).port;
  assert.equal(await status(`evil.example:${port}`), 421);
  assert.equal(await status(`localhost:${port}`), 200);
});

test('a busy port stops the demo with one line naming the variable that moves it', async () => {
  const blocker = createNetServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const busy = String(blocker.address().port);
  try {
    for (const [variable, env] of [
      ['PORT', { PORT: busy, SANDBOX_PORT: '0' }],
      ['SANDBOX_PORT', { PORT: '0', SANDBOX_PORT: busy }],
    ]) {
      const { code, out, err } = await runDemoToExit(env);
      assert.equal(code, 1, out + err);
      assert.match(err, new RegExp(`port ${busy} .*already in use.*${variable}=\\d+ npm start`));
      assert.doesNotMatch(err, /^\s+at /m, 'a stack trace was printed');
      assert.equal(err.trim().split('\n').length, 1, err);
      assert.doesNotMatch(out, /Demo shop:/);
    }
  } finally {
    blocker.close();
  }
});

async function checkoutPage(path) {
  const page = await browser.newPage();
  await page.goto(new URL(path, shopUrl).href);
  await page.locator('#payBtn').click();
  const frame = page.frameLocator('moment-checkout iframe');
  await frame.locator('#card-number').waitFor({ timeout: 15_000 });
  return { page, frame };
}

async function fillCheckout(page, number) {
  await payCheckout(page, { card: { number } });
}

test('the script-tag page (quick start) opens the modal checkout and pays with 4242…', async () => {
  const { page } = await checkoutPage('/checkout.html');
  try {
    await fillCheckout(page, '4242424242424242');
    await page.locator('#status.success').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('the declarative page opens the modal checkout and pays with 4242…', async () => {
  const { page } = await checkoutPage('/declarative.html');
  try {
    await fillCheckout(page, '4242424242424242');
    await page.locator('#status.success').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('3-D Secure in redirect mode: leaves the page, passes, returns, onSuccess fires and session_id is gone', async () => {
  const { page } = await checkoutPage('/checkout.html?utm=keep#top');
  try {
    const shop = new URL(shopUrl).origin;
    await fillCheckout(page, '4000000000003220');
    await page.waitForURL((url) => url.origin !== shop, { timeout: 15_000 });
    assert.match(page.url(), /\/3ds\/challenge\//);
    await answerChallenge(page, 'approve');
    await page.waitForURL((url) => url.origin === shop, { timeout: 15_000 });
    await page.locator('#status.success').waitFor({ timeout: 15_000 });
    const back = new URL(page.url());
    assert.equal(back.pathname, '/checkout.html');
    assert.equal(back.searchParams.has('session_id'), false);
    assert.equal(back.searchParams.get('utm'), 'keep');
  } finally {
    await page.close();
  }
});

test('the wallet button beside the card fields opens the sandbox sheet, asks for the email, and pays; the card form goes away', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(shopUrl);
    await walletSheet(page).pay({ email: 'ada@example.com' });
    await page.locator('#result.success').waitFor({ timeout: 15_000 });
    for (const selector of ['#or', 'card-component', '#pay', 'wallet-button']) {
      assert.equal(await page.locator(selector).isVisible(), false, `${selector} is still shown after the wallet payment`);
    }
  } finally {
    await page.close();
  }
});

test('cancelling the wallet sheet charges nothing', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(shopUrl);
    await walletSheet(page).cancel();
    await page.locator('#result', { hasText: 'nothing was charged' }).waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});
