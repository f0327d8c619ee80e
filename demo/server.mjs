// The demo: a small shop with its own backend (the merchant) and a local sandbox (the provider).
// The backend holds the secret key and implements the two endpoints of the Moment quick start.
//   PORT               port of the shop (default 4000; 0 picks a free one)
//   SANDBOX_PORT       port of the sandbox (default 4010; 0 picks a free one)
//   MOMENT_SECRET_KEY  secret key for the sandbox (default: sk_test_demo)
//   MOMENT_API_URL     the provider's API base (default: the sandbox started here)
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { startSandbox } from '../dist/sandbox/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const secretKey = process.env.MOMENT_SECRET_KEY ?? 'sk_test_demo';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A port from the environment, or the default; anything else stops the demo with a one-line reason. */
function portFrom(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`${name}=${raw} is not a port: use a whole number from 0 to 65535 (0 picks a free one).`);
  return value;
}

function fail(message) {
  process.stderr.write(`\n  Demo not started: ${message}\n\n`);
  process.exit(1);
}

/** One line for a port that cannot be listened on, naming the variable that moves it. */
function listenFailure(error, what, variable, port) {
  if (error?.code === 'EADDRINUSE') {
    return `port ${port} (the ${what}) is already in use. Stop the program using it, or choose another port: ${variable}=${port + 1} npm start (${variable}=0 picks a free one).`;
  }
  if (error?.code === 'EACCES') {
    return `no permission to listen on port ${port} (the ${what}). Choose a port above 1023: ${variable}=${port < 1024 ? 4000 + port : port + 1} npm start.`;
  }
  return `the ${what} could not listen on port ${port}: ${error?.message ?? error}.`;
}

const shopPort = portFrom('PORT', 4000);
const sandboxPort = portFrom('SANDBOX_PORT', 4010);

/** Keeps secrets and card numbers out of a logged provider message. */
function redact(text) {
  return String(text)
    .replaceAll(secretKey, '[secret key]')
    .replace(/\bsk_(?:test|live)_[A-Za-z0-9_]+/g, '[secret key]')
    .replace(/\b(?:\d[ -]?){12,18}\d\b/g, '[number]');
}

/** One log line per failed provider call: method, path, status, error type and message; never the key or a body we sent. */
function logApiError(method, path, detail) {
  console.error(`  shop    ${method} ${path} → ${redact(detail)}`);
}

const PRODUCTS = { tee: { name: 'Moment tee', amount: 2500 }, mug: { name: 'Moment mug', amount: 1200 } };

let apiBase = process.env.MOMENT_API_URL ?? '';

/**
 * Calls the provider with the secret key and a 30 s timeout. Resolves with `{ status, body }`,
 * where `status` is 0 when the provider could not be reached; every failure is logged.
 */
async function moment(path, init = {}) {
  const method = init.method ?? 'GET';
  let response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      ...init,
      signal: AbortSignal.timeout(30_000),
      headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', ...init.headers },
    });
  } catch (error) {
    const reason = error?.name === 'TimeoutError' ? 'no answer within 30 s' : (error?.cause?.code ?? error?.message ?? 'unreachable');
    logApiError(method, path, `could not reach ${apiBase}: ${reason}`);
    return { status: 0, body: null };
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    logApiError(method, path, `${response.status}, not JSON`);
    return { status: response.ok ? 502 : response.status, body: null };
  }
  if (!response.ok) {
    const { type = 'unknown', message = '' } = body?.error ?? {};
    logApiError(method, path, `${response.status} ${type}${message ? `: ${message}` : ''}`);
  }
  return { status: response.status, body };
}

/** What the shop's page can tell the customer (and the developer running the demo) when a session cannot be made. */
function startFailure(status) {
  if (status === 0) return 'The payment could not start: the shop could not reach the payment provider. Nothing was charged; please try again in a moment.';
  if (status === 401) {
    return "The payment could not start: the payment provider did not accept this shop's secret key. Nothing was charged. (Running the demo? Check MOMENT_SECRET_KEY; the server log says why.)";
  }
  return `The payment could not start: the payment provider answered ${status}. Nothing was charged; the shop's server log has the details.`;
}

const app = new Hono();

// Answers only under a loopback name: another name pointing here (DNS rebinding) gets nothing.
app.use('*', async (c, next) => {
  if (!LOOPBACK.has(new URL(c.req.url).hostname)) return c.text('This demo answers on localhost only.', 421);
  await next();
});

// Quick start, step 3: create a session for the order on the server, return only the client token.
app.post('/api/create-payment-session', async (c) => {
  const order = await c.req.json().catch(() => ({}));
  const product = PRODUCTS[order.product] ?? PRODUCTS.tee;
  const quantity = Math.min(Math.max(Number.parseInt(order.quantity ?? 1, 10) || 1, 1), 10);
  // The page's origin (a loopback name, checked above): only it may host the payment frames.
  const origin = new URL(c.req.url).origin;
  // Redirect payments (3-D Secure) come back to the page that started them, with ?session_id=.
  const referer = URL.canParse(c.req.header('Referer') ?? '') ? new URL(c.req.header('Referer')) : null;
  const back = referer && referer.origin === origin ? referer : new URL('/', origin);
  back.searchParams.delete('session_id');
  const returnTo = `${origin}${back.pathname}${back.search ? `${back.search}&` : '?'}session_id={SESSION_ID}`;
  const { status, body } = await moment('/collect/payment_sessions', {
    method: 'POST',
    headers: { 'Idempotency-Key': order.orderId ? `order-${order.orderId}` : crypto.randomUUID() },
    body: JSON.stringify({
      amount: product.amount * quantity,
      currency: 'GBP',
      type: 'one_time',
      reference: order.orderId,
      title: 'Moment shop',
      line_items: [{ name: product.name, quantity, amount: product.amount }],
      allowed_origins: [origin],
      options: {
        checkout_options:
          order.mode === 'hosted'
            ? // The provider's own checkout page: the customer comes back here paid (success_url) or not (cancel_url).
              { presentation_mode: { mode: 'hosted' }, success_url: returnTo, cancel_url: returnTo }
            : {
                presentation_mode: { mode: 'embedded', variant: order.variant === 'inline' ? 'inline' : 'modal' },
                ...(order.redirect === false ? {} : { success_url: returnTo }),
              },
      },
    }),
  });
  if (status !== 200) return c.json({ error: startFailure(status) }, 502);
  return c.json({ client_token: body.client_token, amount: body.amount, currency: body.currency });
});

// Quick start, step 9: the status of a session, checked on the server.
app.get('/api/session-status', async (c) => {
  const id = c.req.query('session_id') ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return c.json({ error: 'Unknown session.' }, 400);
  const { status, body } = await moment(`/collect/payment_sessions/${id}`);
  if (status !== 200)
    return c.json(
      { error: status === 404 ? 'Unknown session.' : 'The payment status could not be checked. Please reload the page.' },
      status === 404 ? 404 : 502,
    );
  return c.json({ status: body.status, ...body, client_token: undefined });
});

// Static files: the demo pages and the built library.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.map': 'application/json',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
app.get('/*', async (c) => {
  let path = new URL(c.req.url).pathname;
  if (path === '/') path = '/demo/index.html';
  else if (path === '/favicon.ico') path = '/demo/favicon.svg';
  else if (!path.startsWith('/dist/')) path = `/demo${path}`;
  const file = normalize(join(root, path));
  if (!file.startsWith(join(root, 'demo')) && !file.startsWith(join(root, 'dist'))) return c.notFound();
  try {
    return c.body(await readFile(file), 200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  } catch {
    return c.notFound();
  }
});

// The shop listens first, so a busy port stops the demo before the sandbox starts.
const server = createAdaptorServer({ fetch: app.fetch });
const shopOrigin = await new Promise((resolve) => {
  server.once('error', (error) => fail(listenFailure(error, 'demo shop', 'PORT', shopPort)));
  server.listen(shopPort, '127.0.0.1', () => resolve(`http://localhost:${server.address().port}`));
});

let sandbox;
try {
  // demoUrl: the sandbox's home page links back to the shop.
  sandbox = await startSandbox({ port: sandboxPort, demoUrl: `${shopOrigin}/`, log: (line) => console.log(`  sandbox ${line}`) });
} catch (error) {
  server.close();
  fail(listenFailure(error, 'sandbox', 'SANDBOX_PORT', sandboxPort));
}
apiBase ||= sandbox.origin;

console.log(`\n  Demo shop:  ${shopOrigin}/`);
console.log(`  Sandbox:    ${sandbox.origin}/  (the payment provider: its API and the payment frames)\n`);
if (!process.env.MOMENT_SECRET_KEY) console.log('  Using the demo secret key sk_test_demo (set MOMENT_SECRET_KEY to use your own).\n');

const stop = async () => {
  server.close();
  server.closeAllConnections?.();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
