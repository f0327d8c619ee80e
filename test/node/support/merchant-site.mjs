// A merchant's site for end-to-end tests: a real static server on localhost (a different origin
// from the sandbox's 127.0.0.1 frames) that serves the built package as a merchant would load it,
// pages written for the test with the headers the test asks for (a strict CSP, say), and the local
// sandbox with a merchant backend's secret key. Bounded: every server closes in `close()`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../../scripts/find-chrome.mjs';

export { CHROME_ARGS };

const ROOT = new URL('../../../', import.meta.url).pathname;
const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.html': 'text/html',
  '.map': 'application/json',
};
const SECRET_KEY = 'sk_test_merchant_site';

export async function launchBrowser() {
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
}

/** An import map that lets a page load the unbundled npm build (`dist/npm`) from node_modules. */
export const NPM_IMPORT_MAP = {
  imports: {
    lit: '/node_modules/lit/index.js',
    'lit/': '/node_modules/lit/',
    'lit-html': '/node_modules/lit-html/lit-html.js',
    'lit-html/': '/node_modules/lit-html/',
    'lit-element/': '/node_modules/lit-element/',
    '@lit/reactive-element': '/node_modules/@lit/reactive-element/reactive-element.js',
    '@lit/reactive-element/': '/node_modules/@lit/reactive-element/',
    '@lit/context': '/node_modules/@lit/context/index.js',
    '@lit/context/': '/node_modules/@lit/context/',
  },
};

export async function startMerchantSite() {
  const { startSandbox } = await import('../../../dist/sandbox/index.js');
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  /** path → { body, headers } */
  const pages = new Map();
  /** path → async (url) => JSON, the merchant backend's endpoints */
  const routes = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const route = routes.get(url.pathname);
    if (route) {
      try {
        const body = await route(url);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        return res.end(JSON.stringify(body));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: String(error) }));
      }
    }
    const page = pages.get(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers });
      return res.end(page.body);
    }
    const path = normalize(join(ROOT, decodeURIComponent(url.pathname)));
    const allowed = ['dist/', 'node_modules/'].some((dir) => path.startsWith(join(ROOT, dir)));
    try {
      if (!allowed || !(await stat(path)).isFile()) throw new Error('not found');
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(pages.get('*')?.headers ?? {}),
      });
      res.end(await readFile(path));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  const origin = `http://localhost:${server.address().port}`;

  const api = async (path, init = {}) => {
    const response = await fetch(`${sandbox.origin}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/json', ...init.headers },
    });
    return { status: response.status, body: await response.json() };
  };

  return {
    origin,
    framesOrigin: sandbox.origin,
    sandbox,
    /** Serves `body` at `path` with extra response headers. */
    page(path, body, headers = {}, type) {
      pages.set(path, { body, headers, type });
      return `${origin}${path}`;
    },
    /** A backend endpoint: `handler(url)` resolves with the JSON to answer. */
    route(path, handler) {
      routes.set(path, handler);
      return `${origin}${path}`;
    },
    /** Creates a payment session as the merchant's backend would; resolves with its JSON. */
    async createSession({ amount = 1000, variant, successUrl, extra = {} } = {}) {
      const { status, body } = await api('/collect/payment_sessions', {
        method: 'POST',
        body: JSON.stringify({
          amount,
          currency: 'GBP',
          type: 'one_time',
          options: {
            checkout_options: { presentation_mode: { mode: 'embedded', ...(variant ? { variant } : {}) }, ...(successUrl ? { success_url: successUrl } : {}) },
          },
          allowed_origins: [origin],
          ...extra,
        }),
      });
      if (status !== 200 && status !== 201) throw new Error(`create session: ${status} ${JSON.stringify(body)}`);
      return body;
    },
    getSession: async (id) => (await api(`/collect/payment_sessions/${encodeURIComponent(id)}`)).body,
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}

/** Types a test card into a card frame (a FrameLocator) the way a customer would. */
export async function fillCard(frame, number = '4242424242424242') {
  await frame.locator('#card-number').fill(number);
  await frame.locator('#expiry-date').fill('1234');
  await frame.locator('#cv2').fill(number.startsWith('3') ? '1234' : '123');
  const name = frame.locator('#card-name');
  if (await name.count()) await name.fill('Ada Lovelace');
}
