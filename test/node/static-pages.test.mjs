// Pages written the way merchants write them, loaded in a real browser: markup before the script
// for every build (CDN module, classic script, npm modules) and every nesting, a strict CSP with
// Trusted Types, the layout before and after the script, and Escape pressed inside the frames.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fillCard, launchBrowser, NPM_IMPORT_MAP, startMerchantSite } from './support/merchant-site.mjs';

const KEY = 'pk_test_merchantsite';
let site;
let browser;

before(async () => {
  site = await startMerchantSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** Records, from the first line of the page, which elements fired `ready`, `load-error` and the outcomes. */
const RECORDER = `
  window.__events = [];
  for (const type of ['ready', 'load-error', 'payment-success', 'payment-cancel', 'checkout-open', 'checkout-close', 'checkout-error']) {
    document.addEventListener(type, (e) => window.__events.push({ type, tag: e.composedPath()[0].localName, detail: e.detail }), true);
  }
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }).observe({ type: 'layout-shift', buffered: true });
`;

const BUILDS = {
  cdn: '<script type="module" src="/dist/cdn/moment-elements.js"></script>',
  classic: '<script src="/dist/cdn/moment.js"></script>',
  npm: `<script type="importmap">${JSON.stringify(NPM_IMPORT_MAP)}</script><script type="module" src="/dist/npm/index.js"></script>`,
};

async function waitForEvent(page, type, tag, timeout = 20_000) {
  await page
    .waitForFunction(([t, g]) => window.__events.some((e) => e.type === t && e.tag === g), [type, tag], { timeout })
    .catch(async (error) => {
      const seen = await page.evaluate(() => JSON.stringify(window.__events)).catch(() => '(page gone)');
      throw new Error(`No ${type} from <${tag}> within ${timeout} ms; events so far: ${seen}`, { cause: error });
    });
  return page.evaluate(([t, g]) => window.__events.find((e) => e.type === t && e.tag === g).detail, [type, tag]);
}

/** A shop page with a `<moment-checkout>` (with the given attributes) and a button that launches it. */
const checkoutShop = (attributes) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Shop</title><script>${RECORDER}</script></head><body>
    <moment-checkout client-key="${KEY}" ${attributes}></moment-checkout>
    <button id="launch" onclick="document.querySelector('moment-checkout').launch()">Checkout</button>
    <script type="module" src="/dist/cdn/moment-elements.js"></script>
  </body></html>`;

/** Opens `url`: its card element gets ready, and no element reports a load error. */
async function expectCardReady(url) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await waitForEvent(page, 'ready', 'card-component');
    assert.deepEqual(await loadErrors(page), []);
  } finally {
    await page.close();
  }
}

/** Opens the shop and presses its checkout button, once the element is defined. */
async function pressCheckout(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('moment-checkout'));
  await page.click('#launch');
}

const loadErrors = (page) => page.evaluate(() => window.__events.filter((e) => e.type === 'load-error'));

describe('markup written before the script', () => {
  for (const [build, script] of Object.entries(BUILDS)) {
    test(`${build}: a card and a wallet nested in <moment-checkout> load, and the card pays`, { timeout: 90_000 }, async () => {
      const { client_token: token } = await site.createSession();
      const url = site.page(
        `/static/${build}-nested.html`,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>${RECORDER}</script></head><body>
          <moment-checkout client-key="${KEY}" client-token="${token}">
            <card-component></card-component>
            <wallet-button></wallet-button>
          </moment-checkout>
          ${script}
        </body></html>`,
      );
      const page = await browser.newPage();
      try {
        await page.goto(url);
        await waitForEvent(page, 'ready', 'card-component');
        await waitForEvent(page, 'ready', 'wallet-button');
        assert.deepEqual(await loadErrors(page), []);
        await fillCard(page.frameLocator('card-component iframe'));
        const result = await page.evaluate(() => document.querySelector('card-component').executePayment());
        assert.equal(result.statusCode, 0);
        await waitForEvent(page, 'payment-success', 'card-component');
      } finally {
        await page.close();
      }
    });

    test(`${build}: a checkout inside another component's shadow root gives its nested card the scope`, { timeout: 90_000 }, async () => {
      const { client_token: token } = await site.createSession();
      // The merchant's own component is defined before our script runs, and renders our tags in its shadow root.
      const shopElement = `
        customElements.define('shop-page', class extends HTMLElement {
          constructor() {
            super();
            this.attachShadow({ mode: 'open' }).innerHTML =
              '<moment-checkout client-key="${KEY}" client-token="${token}"><card-component></card-component></moment-checkout>';
          }
        });`;
      const url = site.page(
        `/static/${build}-shadow.html`,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>${RECORDER}${shopElement}</script></head><body>
          <shop-page></shop-page>
          ${script}
        </body></html>`,
      );
      await expectCardReady(url);
    });
  }
});

describe('markup written before the script, with a session endpoint', () => {
  test('a card nested in a <moment-checkout session-endpoint> asks for a token once the checkout is defined, and pays', { timeout: 90_000 }, async () => {
    let created = 0;
    site.route('/api/nested-session', async () => {
      created += 1;
      return { client_token: (await site.createSession()).client_token };
    });
    const url = site.page(
      '/static/endpoint-nested.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>${RECORDER}</script></head><body>
        <moment-checkout client-key="${KEY}" session-endpoint="/api/nested-session"><card-component></card-component></moment-checkout>
        <script type="module" src="/dist/cdn/moment-elements.js"></script>
      </body></html>`,
    );
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await waitForEvent(page, 'ready', 'card-component');
      assert.equal(created, 1);
      await fillCard(page.frameLocator('card-component iframe'));
      const result = await page.evaluate(() => document.querySelector('card-component').executePayment());
      assert.equal(result.statusCode, 0);
    } finally {
      await page.close();
    }
  });
});

describe('markup written before the script, with fetchClientToken set by a later script', () => {
  test('the nested card gets its token when fetchClientToken arrives after it asked', { timeout: 90_000 }, async () => {
    site.route('/api/late-session', async () => ({ client_token: (await site.createSession()).client_token }));
    const url = site.page(
      '/static/late-fetch.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>${RECORDER}</script></head><body>
        <moment-checkout client-key="${KEY}"><card-component></card-component></moment-checkout>
        <script type="module" src="/dist/cdn/moment-elements.js"></script>
        <script type="module">
          await new Promise((r) => setTimeout(r, 500));
          document.querySelector('moment-checkout').fetchClientToken = async () =>
            (await (await fetch('/api/late-session', { method: 'POST' })).json()).client_token;
        </script>
      </body></html>`,
    );
    await expectCardReady(url);
  });
});

describe('a strict Content-Security-Policy with Trusted Types', () => {
  test('all three elements load, keep their sizes and open the checkout with no violation', { timeout: 90_000 }, async () => {
    const { client_token: cardToken } = await site.createSession();
    const { client_token: walletToken } = await site.createSession();
    const { client_token: checkoutToken } = await site.createSession({ variant: 'modal' });
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `frame-src ${site.framesOrigin}`,
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
    ].join('; ');
    site.page('/csp/recorder.js', RECORDER, {}, 'text/javascript');
    site.page('/csp/token.json', JSON.stringify({ client_token: checkoutToken }), { 'content-security-policy': csp }, 'application/json');
    site.page(
      '/csp/launch.js',
      "document.querySelector('#launch').addEventListener('click', () => document.querySelector('moment-checkout').launch());",
      {},
      'text/javascript',
    );
    const url = site.page(
      '/csp/page.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict shop</title>
        <script src="/csp/recorder.js"></script>
        <link rel="stylesheet" href="/dist/cdn/moment-elements.css"></head><body>
        <card-component client-key="${KEY}" client-token="${cardToken}"></card-component>
        <wallet-button client-key="${KEY}" client-token="${walletToken}"></wallet-button>
        <moment-checkout client-key="${KEY}" session-endpoint="/csp/token.json"></moment-checkout>
        <button id="launch" type="button">Checkout</button>
        <script type="module" src="/dist/cdn/moment-elements.js"></script>
        <script type="module" src="/csp/launch.js"></script>
      </body></html>`,
      { 'content-security-policy': csp },
    );
    const page = await browser.newPage();
    const consoleCsp = [];
    page.on('console', (m) => /Content Security Policy|Trusted Type/i.test(m.text()) && consoleCsp.push(m.text()));
    try {
      await page.goto(url);
      await waitForEvent(page, 'ready', 'card-component');
      await waitForEvent(page, 'ready', 'wallet-button');
      const heights = await page.evaluate(() => ({
        card: document.querySelector('card-component').shadowRoot.querySelector('[part=box]').getBoundingClientRect().height,
        wallet: document.querySelector('wallet-button').shadowRoot.querySelector('[part=box]').getBoundingClientRect().height,
      }));
      assert.ok(heights.card > 200, `card box is ${heights.card}px: its height was not applied`);
      assert.equal(heights.wallet, 56);
      await page.click('#launch');
      await waitForEvent(page, 'checkout-open', 'moment-checkout');
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(consoleCsp, []);
    } finally {
      await page.close();
    }
  });
});

describe('layout shift', () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 740 },
  ]) {
    test(`no layout shift while the elements load, at ${viewport.width} px`, { timeout: 90_000 }, async () => {
      const { client_token: cardToken } = await site.createSession();
      const { client_token: walletToken } = await site.createSession();
      // The elements' script arrives late, as on a slow network: the page is painted before it runs.
      site.page('/cls/late.js', `await new Promise((r) => setTimeout(r, 400)); await import('/dist/cdn/moment-elements.js');`, {}, 'text/javascript');
      const url = site.page(
        `/cls/page-${viewport.width}.html`,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
          <title>Shop</title><script>${RECORDER}</script>
          <link rel="stylesheet" href="/dist/cdn/moment-elements.css">
          <style>body { font-family: sans-serif; margin: 16px; } main { max-width: 480px; }</style></head><body>
          <main><h1>Checkout</h1><p>Pay £10.00</p>
            <wallet-button client-key="${KEY}" client-token="${walletToken}"></wallet-button>
            <p>or pay by card</p>
            <card-component client-key="${KEY}" client-token="${cardToken}"></card-component>
            <button id="pay">Pay £10.00</button></main>
          <script type="module" src="/cls/late.js"></script>
        </body></html>`,
      );
      const page = await browser.newPage({ viewport });
      try {
        await page.goto(url);
        await waitForEvent(page, 'ready', 'card-component');
        await waitForEvent(page, 'ready', 'wallet-button');
        // Let the frames report their sizes and the page settle.
        await page.waitForTimeout(600);
        const shifts = await page.evaluate(() => window.__shifts);
        assert.deepEqual(shifts, [], `layout shifts: ${shifts.join(', ')}`);
      } finally {
        await page.close();
      }
    });
  }
});

describe('the modal checkout', () => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 375, height: 740 },
  ]) {
    test(`opens at its final size with a skeleton, and keeps that size once the checkout is ready, at ${viewport.width} px`, { timeout: 90_000 }, async () => {
      site.route('/api/size-session', async () => ({ client_token: (await site.createSession({ variant: 'modal' })).client_token }));
      const url = site.page(`/size/checkout-${viewport.width}.html`, checkoutShop('session-endpoint="/api/size-session"'));
      const page = await browser.newPage({ viewport });
      const dialog = () =>
        page.evaluate(() => {
          const d = document.querySelector('moment-checkout').shadowRoot.querySelector('dialog');
          const skeleton = d.querySelector('[part="skeleton"]');
          const r = d.getBoundingClientRect();
          return { open: d.open, width: Math.round(r.width), height: Math.round(r.height), skeleton: !!skeleton && !skeleton.hidden };
        });
      try {
        await pressCheckout(page, url);
        await page.waitForFunction(() => document.querySelector('moment-checkout').shadowRoot.querySelector('dialog').open);
        const opening = await dialog();
        assert.equal(opening.skeleton, true, 'a skeleton while the checkout loads');
        await waitForEvent(page, 'checkout-open', 'moment-checkout');
        await page.waitForTimeout(300); // the frame reports its content height
        const ready = await dialog();
        assert.equal(ready.skeleton, false);
        assert.ok(ready.height > 300, `dialog height ${ready.height}`);
        assert.deepEqual({ width: opening.width, height: opening.height }, { width: ready.width, height: ready.height });
      } finally {
        await page.close();
      }
    });
  }
});

describe('Escape pressed inside a frame', () => {
  test('closes the modal checkout with payment-cancel when focus is in the card number, and gives focus back', { timeout: 90_000 }, async () => {
    site.route('/api/escape-session', async () => ({ client_token: (await site.createSession({ variant: 'modal' })).client_token }));
    const url = site.page('/escape/checkout.html', checkoutShop('session-endpoint="/api/escape-session"'));
    const page = await browser.newPage();
    try {
      await pressCheckout(page, url);
      await waitForEvent(page, 'checkout-open', 'moment-checkout');
      const checkout = page.frameLocator('moment-checkout iframe');
      await checkout.locator('#card-number').click();
      await checkout.locator('#card-number').pressSequentially('4242');
      // Not awaited: the checkout removes the frame on keydown, and the driver may wait forever
      // for the keyup's acknowledgement from a frame that is gone.
      page.keyboard.press('Escape').catch(() => undefined);
      await waitForEvent(page, 'payment-cancel', 'moment-checkout', 5000);
      assert.equal(await page.evaluate(() => document.querySelector('moment-checkout').shadowRoot.querySelector('dialog').open), false);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'launch');
    } finally {
      await page.close();
    }
  });

  test('reaches the page as a keydown on <card-component> and <wallet-button>, so the page’s own dialogs can close', { timeout: 90_000 }, async () => {
    const { client_token: cardToken } = await site.createSession();
    const { client_token: walletToken } = await site.createSession();
    const url = site.page(
      '/escape/card.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>${RECORDER}
        window.__escapes = [];
        document.addEventListener('keydown', (e) => e.key === 'Escape' && window.__escapes.push(e.target.localName));</script></head><body>
        <card-component client-key="${KEY}" client-token="${cardToken}"></card-component>
        <wallet-button client-key="${KEY}" client-token="${walletToken}"></wallet-button>
        <script type="module" src="/dist/cdn/moment-elements.js"></script>
      </body></html>`,
    );
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await waitForEvent(page, 'ready', 'card-component');
      await waitForEvent(page, 'ready', 'wallet-button');
      await page.frameLocator('card-component iframe').locator('#cv2').click();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => window.__escapes.includes('card-component'), null, { timeout: 5000 });
      await page.frameLocator('wallet-button iframe').locator('button').first().focus();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => window.__escapes.includes('wallet-button'), null, { timeout: 5000 });
    } finally {
      await page.close();
    }
  });
});

describe('coming back from the bank', () => {
  test('a cancel at the bank page gives payment-cancel, and the checkout reopens on the same session', { timeout: 90_000 }, async () => {
    const returnPath = '/bank/return.html';
    const sessions = [];
    site.route('/api/bank-session', async () => {
      const session = await site.createSession({ variant: 'modal', successUrl: `${site.origin}${returnPath}?session_id={SESSION_ID}` });
      sessions.push(session.id);
      return { client_token: session.client_token };
    });
    site.route('/api/bank-status', async (url) => site.getSession(url.searchParams.get('session_id')));
    const shop = checkoutShop('session-endpoint="/api/bank-session" status-endpoint="/api/bank-status"');
    const url = site.page('/bank/shop.html', shop);
    site.page(returnPath, shop);
    const page = await browser.newPage();
    try {
      await pressCheckout(page, url);
      await waitForEvent(page, 'checkout-open', 'moment-checkout');
      const checkout = page.frameLocator('moment-checkout iframe');
      await fillCard(checkout, '4000000000003220');
      await checkout.locator('.mc-pay').click();
      await page.waitForURL((u) => u.href.startsWith(site.framesOrigin), { timeout: 15_000 });
      await page.locator('#cancel').click();
      await page.waitForURL((u) => u.pathname === returnPath, { timeout: 15_000 });
      const cancel = await waitForEvent(page, 'payment-cancel', 'moment-checkout');
      assert.equal(cancel.sessionId, sessions[0]);
      assert.equal(await page.evaluate(() => window.__events.some((e) => e.type === 'payment-attempt-failed')), false);
      // The checkout offers the same session again: no new session, the order is kept.
      await waitForEvent(page, 'checkout-open', 'moment-checkout');
      assert.equal(sessions.length, 1);
      assert.equal(new URL(page.url()).searchParams.has('session_id'), false);
      await fillCard(checkout, '4242424242424242');
      await checkout.locator('.mc-pay').click();
      const success = await waitForEvent(page, 'payment-success', 'moment-checkout');
      assert.equal(success.sessionId, sessions[0]);
    } finally {
      await page.close();
    }
  });
});
