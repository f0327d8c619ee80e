// The merchant backend shared by the single-page example apps: serves the built app and one
// endpoint, POST /api/session, that creates a payment session with the secret key (which never
// reaches the browser) and returns only its client token. Node built-ins only.
//   node ../server.mjs <built app dir>
//   PORT               port of the app (default 5173; 0 picks a free one)
//   MOMENT_API_URL     the provider; the local sandbox by default (`npm run sandbox` in the repo)
//   MOMENT_SECRET_KEY  secret key (default sk_test_demo)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.env.PORT ?? 5173);
const apiBase = process.env.MOMENT_API_URL ?? 'http://127.0.0.1:4010';
const secretKey = process.env.MOMENT_SECRET_KEY ?? 'sk_test_demo';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

async function createSession(origin) {
  const response = await fetch(`${apiBase}/collect/payment_sessions`, {
    method: 'POST',
    signal: AbortSignal.timeout(15_000),
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      amount: 2500,
      currency: 'GBP',
      type: 'one_time',
      reference: `order-${crypto.randomUUID()}`,
      line_items: [{ name: 'Moment tee', quantity: 1, amount: 2500 }],
      // Only this app's pages may use the token.
      allowed_origins: [origin],
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`The provider answered ${response.status}: ${JSON.stringify(body)}`);
  return { clientToken: body.client_token };
}

async function staticFile(pathname) {
  const file = resolve(join(root, decodeURIComponent(pathname)));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const info = await stat(file);
    return info.isFile() ? file : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname === '/api/session' && req.method === 'POST') {
      const json = JSON.stringify(await createSession(url.origin));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(json);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    // Unknown paths get the app's index.html, as a single-page app expects.
    const file = (await staticFile(url.pathname)) ?? join(root, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: 'Could not start the payment. Please try again.' }));
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Shop: http://localhost:${server.address().port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
