// The demo: a local sandbox (the provider) and a small shop with its own backend (the merchant).
// The backend holds the secret key and implements the two endpoints of the Moment quick start.
//   MOMENT_SECRET_KEY  secret key for the sandbox (default: sk_test_demo)
//   SANDBOX_PORT       port of the sandbox (default 4010)
//   PORT               port of the shop (default 4000)
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { startSandbox } from '../dist/sandbox/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const secretKey = process.env.MOMENT_SECRET_KEY ?? 'sk_test_demo';
const port = Number(process.env.PORT ?? 4000);
const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4010), log: (line) => console.log(`  sandbox ${line}`) });
const apiBase = process.env.MOMENT_API_URL ?? sandbox.origin;

/** Calls the provider with the secret key, a 30 s timeout, and the key kept out of logs. */
async function moment(path, init = {}) {
  const response = await fetch(`${apiBase}${path}`, {
    ...init,
    signal: AbortSignal.timeout(30_000),
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', ...init.headers },
  });
  return { status: response.status, body: await response.json() };
}

const PRODUCTS = { tee: { name: 'Moment tee', amount: 2500 }, mug: { name: 'Moment mug', amount: 1200 } };

const app = new Hono();

// Seed 000, step 3: create a session for the order on the server, return only the client token.
app.post('/api/create-payment-session', async (c) => {
  const order = await c.req.json().catch(() => ({}));
  const product = PRODUCTS[order.product] ?? PRODUCTS.tee;
  const quantity = Math.min(Math.max(Number.parseInt(order.quantity ?? 1, 10) || 1, 1), 10);
  // Redirect payments (3-D Secure) come back to the page that started them, with ?session_id=.
  const origin = new URL(c.req.url).origin;
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
      options: {
        checkout_options: {
          presentation_mode: { mode: 'embedded', variant: order.variant === 'inline' ? 'inline' : 'modal' },
          ...(order.redirect === false ? {} : { success_url: returnTo }),
        },
      },
    }),
  });
  if (status !== 200) return c.json({ error: 'Could not start the payment. Please try again.' }, 502);
  return c.json({ client_token: body.client_token, amount: body.amount, currency: body.currency });
});

// Seed 000, step 9: the status of a session, checked on the server.
app.get('/api/session-status', async (c) => {
  const id = c.req.query('session_id') ?? '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return c.json({ error: 'Unknown session.' }, 400);
  const { status, body } = await moment(`/collect/payment_sessions/${id}`);
  if (status !== 200) return c.json({ error: 'Unknown session.' }, status === 404 ? 404 : 502);
  return c.json({ status: body.status, ...body, client_token: undefined });
});

// Static files: the demo pages and the built library.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css', '.json': 'application/json' };
app.get('/*', async (c) => {
  let path = new URL(c.req.url).pathname;
  if (path === '/') path = '/demo/index.html';
  else if (!path.startsWith('/dist/')) path = `/demo${path}`;
  const file = normalize(join(root, path));
  if (!file.startsWith(join(root, 'demo')) && !file.startsWith(join(root, 'dist'))) return c.notFound();
  try {
    return c.body(await readFile(file), 200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  } catch {
    return c.notFound();
  }
});

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`\n  Sandbox (provider, frames): ${sandbox.origin}`);
  console.log(`  Demo shop:                  http://localhost:${info.port}/\n`);
  if (!process.env.MOMENT_SECRET_KEY) console.log('  Using the demo secret key sk_test_demo (set MOMENT_SECRET_KEY to use your own).\n');
});

const stop = async () => {
  server.close();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
