// Shared helpers for the sandbox tests: they run against the built sandbox (dist/sandbox).
import { createServer } from 'node:http';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { startSandbox, verifyWebhookSignature, signWebhookBody, serveStatic } from '../../dist/sandbox/index.js';

export const SECRET_KEY = 'sk_test_sandbox_tests';
export const TOKEN_SECRET = 'test-token-secret-for-the-sandbox-tests';
export const NEXT_YEAR = new Date().getUTCFullYear() + 1;

export const sessionBody = (overrides = {}) => ({
  amount: 1234,
  currency: 'GBP',
  type: 'one_time',
  options: {
    checkout_options: {
      presentation_mode: { mode: 'embedded' },
      success_url: 'https://shop.example/checkout?session_id={SESSION_ID}',
    },
  },
  ...overrides,
});

export const cardBody = (number, card = {}) => ({
  card: {
    number,
    expiryMonth: 12,
    expiryYear: NEXT_YEAR,
    cvv: /^3[47]/.test(number) ? '1234' : '123',
    name: 'Ada Lovelace',
    ...card,
  },
});

let keyCounter = 0;
export const newKey = () => `key-${Date.now()}-${++keyCounter}`;

/** A small client bound to one sandbox. Every call returns `{status, body, headers}`. */
export function client(sandbox) {
  async function call(method, path, { headers = {}, body, raw } = {}) {
    const response = await fetch(sandbox.origin + path, {
      method,
      headers: body === undefined && raw === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, text, headers: response.headers };
  }
  const merchant = { authorization: `Bearer ${SECRET_KEY}` };
  return {
    call,
    createSession: (body = sessionBody(), headers = {}) => call('POST', '/collect/payment_sessions', { headers: { ...merchant, ...headers }, body }),
    getSession: (id) => call('GET', `/collect/payment_sessions/${id}`, { headers: merchant }),
    async openSession(body) {
      const { status, body: session } = await this.createSession(body);
      if (status !== 200) throw new Error(`session not created: ${status}`);
      return session;
    },
    pay: (token, body, key = newKey()) =>
      call('POST', '/v1/payments', {
        headers: { authorization: `Bearer ${token}`, ...(key === null ? {} : { 'idempotency-key': key }) },
        body,
      }),
    getPayment: (token, id) => call('GET', `/v1/payments/${id}`, { headers: { authorization: `Bearer ${token}` } }),
    frameSession: (token) => call('GET', '/v1/session', { headers: { authorization: `Bearer ${token}` } }),
    answerChallenge: (paymentId, result) => call('POST', `/3ds/challenge/${paymentId}`, { body: { result } }),
  };
}

/** A temporary frames directory with a dummy card bundle. */
export async function dummyFramesDir() {
  const dir = await mkdtemp(join(tmpdir(), 'moment-frames-'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'card.js'), 'console.log("card frame");\n');
  await writeFile(join(dir, 'card.js.map'), '{"version":3}\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A webhook receiver on 127.0.0.1 that answers each request with the next planned status. */
export async function startReceiver(plan = () => 200) {
  const requests = [];
  const waiters = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(request);
      const status = plan(requests.length);
      if (status !== 'hang') {
        res.writeHead(status).end();
      }
      for (const waiter of waiters.splice(0)) waiter();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    requests,
    /** Resolves once `count` requests arrived; rejects after `ms`. */
    async waitFor(count, ms = 4000) {
      const deadline = Date.now() + ms;
      while (requests.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} webhook requests, got ${requests.length}`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return requests;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
