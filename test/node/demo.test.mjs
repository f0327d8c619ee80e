// The demo shop end to end, as a person would use it after `npm start`: real browser, real
// frames from the sandbox, the merchant backend holding the secret key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { findChrome } from '../../scripts/find-chrome.mjs';

let demo;
let browser;
let shopUrl;

before(async () => {
  demo = spawn(process.execPath, ['demo/server.mjs'], { env: { ...process.env, PORT: '0', SANDBOX_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  shopUrl = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${out}`)), 15_000);
    demo.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Demo shop:\s+(http:\/\/localhost:\d+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  browser = await chromium.launch({
    executablePath: findChrome(),
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
});

after(async () => {
  await browser?.close();
  demo?.kill('SIGTERM');
});

async function pay(number, { challenge } = {}) {
  const page = await browser.newPage();
  try {
    await page.goto(shopUrl);
    await page.locator('#pay:not([disabled])').waitFor({ timeout: 15_000 });
    const card = page.frameLocator('card-component iframe');
    await card.locator('#card-number').fill(number);
    await card.locator('#expiry-date').fill('1234');
    await card.locator('#cv2').fill('123');
    await card.locator('#card-name').fill('Ada Lovelace');
    await page.locator('#pay').click();
    if (challenge) await card.frameLocator('iframe').locator(`#${challenge}`).click({ timeout: 15_000 });
    await page.locator('#result:not(:empty)').waitFor({ timeout: 15_000 });
    return await page.locator('#result').textContent();
  } finally {
    await page.close();
  }
}

test('4242 4242 4242 4242 pays and shows success', async () => {
  assert.match(await pay('4242424242424242'), /Payment received.*Auth code/);
});

test('4000 0000 0000 0002 shows a friendly decline', async () => {
  assert.match(await pay('4000000000000002'), /declined/i);
});

test('4000 0000 0000 3220 opens the challenge; passing it succeeds', async () => {
  assert.match(await pay('4000000000003220', { challenge: 'pass' }), /Payment received/);
});

async function checkoutPage(path) {
  const page = await browser.newPage();
  await page.goto(new URL(path, shopUrl).href);
  await page.locator('#payBtn').click();
  const frame = page.frameLocator('moment-checkout iframe');
  await frame.locator('#card-number').waitFor({ timeout: 15_000 });
  return { page, frame };
}

async function fillCheckout(frame, number) {
  await frame.locator('#card-number').fill(number);
  await frame.locator('#expiry-date').fill('1234');
  await frame.locator('#cv2').fill('123');
  await frame.locator('#card-name').fill('Ada Lovelace');
  await frame.locator('.mc-pay').click();
}

test('the script-tag page (seed 000 quick start) opens the modal checkout and pays with 4242…', async () => {
  const { page, frame } = await checkoutPage('/checkout.html');
  try {
    await fillCheckout(frame, '4242424242424242');
    await page.locator('#status.success').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('the declarative page opens the modal checkout and pays with 4242…', async () => {
  const { page, frame } = await checkoutPage('/declarative.html');
  try {
    await fillCheckout(frame, '4242424242424242');
    await page.locator('#status.success').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('3-D Secure in redirect mode: leaves the page, passes, returns, onSuccess fires and session_id is gone', async () => {
  const { page, frame } = await checkoutPage('/checkout.html?utm=keep#top');
  try {
    const shop = new URL(shopUrl).origin;
    await fillCheckout(frame, '4000000000003220');
    await page.waitForURL((url) => url.origin !== shop, { timeout: 15_000 });
    assert.match(page.url(), /\/3ds\/challenge\//);
    await page.locator('#pass').click();
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

test('the wallet button beside the card fields opens the sandbox sheet, asks for the email, and pays', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(shopUrl);
    const wallet = page.frameLocator('wallet-button iframe');
    await wallet.locator('#wallet-button').click({ timeout: 15_000 });
    await wallet.locator('#wallet-email').fill('ada@example.com');
    await wallet.locator('#sheet-pay').click();
    await page.locator('#result.success').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});

test('cancelling the wallet sheet charges nothing', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(shopUrl);
    const wallet = page.frameLocator('wallet-button iframe');
    await wallet.locator('#wallet-button').click({ timeout: 15_000 });
    await wallet.locator('#sheet-cancel').click();
    await page.locator('#result', { hasText: 'nothing was charged' }).waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
});
