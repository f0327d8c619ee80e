// A hosted session from the demo shop (seed 000's backend with presentation_mode.mode 'hosted'),
// end to end: launch() sends the page to the session's checkout page on the sandbox, the customer
// pays (or cancels) there, and the page comes back to success_url / cancel_url with ?session_id=,
// where the SDK routes the outcome. Real browser, real sandbox, loopback only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
// The shopper's steps through our own test kit, as merchants' end-to-end tests take them.
import { answerChallenge, payCheckout } from '../../dist/testing/index.js';

let demo;
let browser;
let shop;
let sandbox;
const profile = mkdtempSync(join(tmpdir(), 'moment-hosted-'));

before(async () => {
  demo = spawn(process.execPath, ['demo/server.mjs'], { env: { ...process.env, PORT: '0', SANDBOX_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  demo.stderr.on('data', (chunk) => process.stderr.write(chunk));
  [shop, sandbox] = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${out}`)), 15_000);
    demo.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Demo shop:\s+(http:\/\/localhost:\d+)\/[\s\S]*Sandbox:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve([match[1], match[2]]);
      }
    });
    demo.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
  });
  browser = await chromium.launch({
    executablePath: findChrome(),
    args: CHROME_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
  });
});

after(async () => {
  await browser?.close();
  demo?.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
});

/** Opens the shop's hosted-session page, taps Pay now, and waits to be on the session's checkout page. */
async function goToCheckoutPage() {
  const page = await browser.newPage();
  const launched = [];
  await page.exposeFunction('recordLaunch', (variant) => launched.push(variant));
  await page.goto(`${shop}/hosted.html?utm=keep#top`);
  await page.evaluate(() => document.querySelector('moment-checkout')?.addEventListener('checkout-open', (e) => window.recordLaunch(e.detail.variant)));
  await page.locator('#payBtn').click();
  await page.waitForURL((url) => url.origin === sandbox, { timeout: 15_000 });
  const url = new URL(page.url());
  assert.match(url.pathname, /^\/checkout\/ps_\w+$/);
  assert.match(url.hash, /^#token=/);
  assert.deepEqual(launched, ['hosted']);
  await page.locator('#card-number').waitFor({ timeout: 15_000 });
  return { page, sessionId: url.pathname.split('/').pop() };
}

async function fillAndPay(page, number) {
  await payCheckout(page, { card: { number } });
}

/** Back on the shop: the outcome shown, session_id gone, the page's own query and hash kept. */
async function assertBack(page, statusSelector) {
  await page.waitForURL((url) => url.origin === shop, { timeout: 15_000 });
  await page.locator(statusSelector).waitFor({ timeout: 15_000 });
  const back = new URL(page.url());
  assert.equal(back.pathname, '/hosted.html');
  assert.equal(back.searchParams.has('session_id'), false);
  assert.equal(back.searchParams.get('utm'), 'keep');
}

test('4242 4242 4242 4242 on the checkout page: back to success_url?session_id=, onSuccess runs', async () => {
  const { page } = await goToCheckoutPage();
  try {
    await fillAndPay(page, '4242424242424242');
    await assertBack(page, '#status.success');
    assert.match(await page.locator('#status').textContent(), /Payment successful/);
  } finally {
    await page.close();
  }
});

test('4000 0000 0000 3220: 3-D Secure passed, back to success_url, onSuccess runs', async () => {
  const { page } = await goToCheckoutPage();
  try {
    await fillAndPay(page, '4000000000003220');
    await answerChallenge(page, 'approve');
    await assertBack(page, '#status.success');
  } finally {
    await page.close();
  }
});

test('Cancel on the checkout page: back to cancel_url?session_id=, onCancel runs (not a failed attempt), and the page stays', async () => {
  const { page, sessionId } = await goToCheckoutPage();
  try {
    await page.locator('#checkout-cancel').click();
    await assertBack(page, '#status:text("Payment cancelled.")');
    await page.waitForTimeout(500);
    assert.equal(new URL(page.url()).origin, shop, 'the page was sent to the checkout again');
    assert.ok(sessionId);
  } finally {
    await page.close();
  }
});
