// The mobile example: this script plays a phone app (seed 001's Flutter app) that pays in a WebView.
//
//   1. the app's backend is seed 001's Node.js backend, as written (express; only the API base and
//      the key point at the local sandbox): it creates the session with
//      success_url 'yourapp://checkout?session_id={SESSION_ID}' and answers { client_token };
//   2. the app fetches the client token from it (fetchClientToken) and builds the checkout URL as
//      the SDK's launch() does: {frames origin}/checkout/{session id}#token={client token};
//   3. it opens that URL top-level in a 375×812 touch "WebView" (headless Chromium, isMobile,
//      hasTouch, an Android WebView user agent), taps the fields, types the card, taps Pay;
//   4. it catches the checkout's navigation to yourapp://checkout?session_id=… — what
//      webview_flutter's NavigationDelegate.onNavigationRequest sees and prevents — and asks its
//      backend for the status (fetchSessionStatus), as the SDK does before onSuccess.
//
// Usage: node demo/mobile/app.mjs [--card 4000000000003220] [--screenshot file.png]
//   --card N        the test card to pay with (default 4242 4242 4242 4242; 4000 0000 0000 3220
//                   answers a 3-D Secure challenge, passed in place)
//   --screenshot F  saves what the WebView shows when the deep link arrives
//   MOMENT_API_URL  a sandbox already running (default: one is started here on a free port)
//   MOMENT_SECRET_KEY  its secret key (default sk_test_mobile)
//   CHROME_PATH     the Chromium to drive (default: found as the browser tests find it)
// Needs the built sandbox and frames (`npm run build`). Exits 0 once the deep link arrived and
// the session is completed; 1, with the step that failed, otherwise. Loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

const DEEP_LINK_SCHEME = 'yourapp:';
const STEP_TIMEOUT = 15_000;
// What Android's WebView sends (the `wv` token); the page must not depend on it, but it is what a real one looks like.
const WEBVIEW_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/156.0.0.0 Mobile Safari/537.36; wv';

const { values: args } = parseArgs({
  options: {
    card: { type: 'string', default: '4242424242424242' },
    screenshot: { type: 'string' },
  },
});
const card = args.card.replace(/\D/g, '');

let stepNumber = 0;
const step = (who, text) => console.log(`  ${who.padEnd(8)} ${String(++stepNumber).padStart(2)}. ${text}`);
const note = (text) => console.log(`              ${text}`);

const cleanups = [];
async function cleanUp() {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
async function fail(message) {
  console.error(`\n  Mobile example failed: ${message}\n`);
  await cleanUp();
  process.exit(1);
}
/** Runs one awaited step, failing the example with its name (not a stack trace) when it throws or hangs. */
async function within(what, promise, ms = STEP_TIMEOUT) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no result within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    return fail(`${what}: ${error?.message?.split('\n')[0] ?? error}`);
  } finally {
    clearTimeout(timer);
  }
}

// ── The provider: a local sandbox (the payment API and the checkout pages) ─────────────────────
const SECRET_KEY = process.env.MOMENT_SECRET_KEY ?? 'sk_test_mobile';
let momentApi = process.env.MOMENT_API_URL?.replace(/\/$/, '');
if (momentApi) {
  step('sandbox', `using the sandbox at ${momentApi}`);
} else {
  const { startSandbox } = await import('../../dist/sandbox/index.js').catch(() =>
    fail('the sandbox is not built: run `npm run build` first (or set MOMENT_API_URL).'),
  );
  const sandbox = await within('starting the sandbox', startSandbox({ port: 0, host: '127.0.0.1' }));
  cleanups.push(() => sandbox.close());
  momentApi = sandbox.origin;
  step('sandbox', `started at ${momentApi} (the provider: API and checkout pages)`);
}

// ── The app's backend: seed 001's Node.js backend, as written ──────────────────────────────────
const app = express();

// Called by fetchClientToken when checkout.launch() is triggered
app.post('/api/create-payment-session', async (req, res) => {
  const response = await fetch(`${momentApi}/collect/payment_sessions`, {
    method: 'POST',
    headers: {
      'Authorization': `Bearer ${SECRET_KEY}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      amount: 10000, // Amount in cents (e.g., R100.00)
      currency: 'ZAR',
      type: 'one_time',
      options: {
        checkout_options: {
          presentation_mode: { mode: 'embedded' },
          success_url: 'yourapp://checkout?session_id={SESSION_ID}', // deep link back to app
        },
      },
    }),
  });
  const { client_token } = await response.json();
  res.json({ client_token });
});

// Called by fetchSessionStatus after customer returns via deep link
app.get('/api/session-status', async (req, res) => {
  const sessionId = req.query.session_id;
  const response = await fetch(
    `${momentApi}/collect/payment_sessions/${sessionId}`,
    { headers: { 'Authorization': `Bearer ${SECRET_KEY}` } }
  );
  const session = await response.json();
  res.json({ status: session.status, ...session });
});

const server = await within(
  'starting the backend',
  new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve(listening)));
  }),
);
cleanups.push(async () => {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
});
const backend = `http://127.0.0.1:${server.address().port}`;
step('backend', `seed 001's backend listening at ${backend} (success_url: yourapp://checkout?session_id={SESSION_ID})`);

// ── The app ─────────────────────────────────────────────────────────────────────────────────────
/** The claims of a client token: the app reads the session id, as the SDK does (the provider checks the signature). */
function tokenClaims(token) {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

// fetchClientToken
const created = await within('fetchClientToken (POST /api/create-payment-session)', fetch(`${backend}/api/create-payment-session`, { method: 'POST' }).then((r) => r.json()));
const clientToken = created?.client_token;
if (typeof clientToken !== 'string' || !clientToken) {
  await fail(`the backend gave no client_token (${JSON.stringify(created)}): the provider refused the session (is yourapp:// accepted as success_url?).`);
}
const { sid: sessionId } = tokenClaims(clientToken);
step('app', `fetchClientToken() → a client token for session ${sessionId}`);

// What launch() resolves as checkoutUrl: the provider's checkout page for the session, token in the fragment.
const checkoutUrl = `${momentApi}/checkout/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(clientToken)}`;
step('app', `opens ${momentApi}/checkout/${sessionId}#token=… in its WebView`);

const profile = mkdtempSync(join(tmpdir(), 'moment-mobile-'));
cleanups.push(async () => rmSync(profile, { recursive: true, force: true }));
const executablePath = findChrome();
if (!executablePath) await fail('no Chrome or Chromium found: install Debian’s chromium, or set CHROME_PATH.');
const browser = await within(
  'starting Chromium',
  chromium.launch({
    executablePath,
    args: CHROME_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
  }),
);
cleanups.push(() => browser.close());
const webView = await browser.newContext({
  viewport: { width: 375, height: 812 },
  screen: { width: 375, height: 812 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: WEBVIEW_USER_AGENT,
});
const page = await webView.newPage();
const problems = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

// onNavigationRequest: every navigation the page asks for; the deep link is the app's, not the WebView's.
const deepLink = new Promise((resolve) => {
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.url().startsWith(DEEP_LINK_SCHEME)) resolve(request.url());
  });
});

const response = await within('opening the checkout URL', page.goto(checkoutUrl, { waitUntil: 'domcontentloaded' }));
if (!response?.ok()) await fail(`the checkout page answered ${response?.status()} for ${new URL(checkoutUrl).pathname}.`);
const cardNumber = page.locator('#card-number');
await within('waiting for the card form', cardNumber.waitFor({ state: 'visible' }));
const width = await page.evaluate(() => document.documentElement.scrollWidth);
step('webview', `the checkout page is shown (${await page.title()}), ${width} px wide in a 375 px viewport`);
if (width > 375) problems.push(`the page is ${width} px wide: it scrolls sideways at 375 px`);

/** Taps a field (a finger, not a click) and types into it with the on-screen keyboard's key events. */
async function tapAndType(selector, text) {
  const field = page.locator(selector);
  await field.tap();
  await page.keyboard.type(text, { delay: 5 });
}
await within('typing the card', (async () => {
  await tapAndType('#card-number', card);
  await tapAndType('#expiry-date', '1234');
  await tapAndType('#cv2', '123');
  if (await page.locator('#card-name').isVisible()) await tapAndType('#card-name', 'Ada Lovelace');
})());
step('customer', `taps the fields and types ${card.replace(/(\d{4})(?=\d)/g, '$1 ')}, 12/34, 123`);

await within('tapping Pay', page.locator('.mc-pay').tap());
step('customer', 'taps Pay');

// A 3-D Secure card: the bank's page shows in place (in the page or as the page); the customer passes it.
if (card === '4000000000003220') {
  const pass = async () => {
    for (const deadline = Date.now() + STEP_TIMEOUT; Date.now() < deadline; ) {
      for (const frame of page.frames()) {
        const button = frame.locator('#pass');
        if (await button.isVisible().catch(() => false)) {
          await button.tap();
          return frame === page.mainFrame() ? 'as the page itself' : 'in a frame inside the checkout page';
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no 3-D Secure challenge appeared');
  };
  const where = await within('passing 3-D Secure', pass());
  step('customer', `passes the bank’s 3-D Secure challenge, shown ${where}`);
}

const link = await within('waiting for the deep link', deepLink);
step('app', `onNavigationRequest: ${link} → NavigationDecision.prevent`);
if (args.screenshot) {
  await page.screenshot({ path: args.screenshot });
  note(`screenshot: ${args.screenshot}`);
}
const returned = new URL(link);
const returnedId = returned.searchParams.get('session_id');
if (`${returned.protocol}//${returned.host}${returned.pathname}` !== 'yourapp://checkout' || returnedId !== sessionId) {
  await fail(`the deep link is not yourapp://checkout?session_id=${sessionId}: ${link}`);
}

// fetchSessionStatus: the app asks its backend, never trusts the link alone.
const status = await within('fetchSessionStatus (GET /api/session-status)', fetch(`${backend}/api/session-status?session_id=${encodeURIComponent(returnedId)}`).then((r) => r.json()));
const callback = { completed: 'onSuccess', failed: 'onFailure', expired: 'onExpired', cancelled: 'onCancel' }[status.status] ?? 'onAttemptFailed';
step('app', `fetchSessionStatus('${returnedId}') → { status: '${status.status}' } → ${callback}`);
if (status.payment?.auth_code) note(`auth code ${status.payment.auth_code}`);

for (const problem of problems) note(`warning: ${problem}`);
await cleanUp();
if (status.status !== 'completed') {
  console.error(`\n  Mobile example failed: the session is ${status.status}, not completed.\n`);
  process.exit(1);
}
console.log(`\n  Paid in the WebView; the app caught ${link}\n`);
