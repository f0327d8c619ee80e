// The provider's own backend code samples, run verbatim against the sandbox (Express apps, and seed
// 001's Lambda handler called with API Gateway events): only the API host changes. A merchant who
// copies them gets a client token, a paid session and its status.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import express from 'express';
import { startSandbox, client, cardBody, TOKEN_SECRET } from './helpers.mjs';

const PROVIDER_API = 'https://api.momentpay.net';

/** Runs a backend sample in a fresh Express app on 127.0.0.1; returns its origin and a closer. */
async function runBackend(file, apiOrigin) {
  const code = (await readFile(new URL(`./seed/${file}`, import.meta.url), 'utf8')).replaceAll(PROVIDER_API, apiOrigin);
  assert.ok(!code.includes('momentpay.net'), 'every provider host is replaced');
  const app = express();
  new Function('app', code)(app);
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

for (const [file, name, successUrl] of [
  ['000-server.js', 'the web SDK backend', /^https:\/\/yoursite\.com\/checkout\?session_id=ps_/],
  ['001-server.js', 'the mobile SDK backend (deep-link return)', /^yourapp:\/\/checkout\?session_id=ps_/],
]) {
  describe(`provider sample, verbatim: ${name}`, () => {
    let sandbox;
    let backend;
    before(async () => {
      sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET });
      backend = await runBackend(file, sandbox.origin);
    });
    after(async () => {
      await backend?.close();
      await sandbox?.close();
    });

    it('creates a session and hands the page a client token; the status route reports it through to completed', async () => {
      const created = await fetch(`${backend.origin}/api/create-payment-session`, { method: 'POST' });
      assert.equal(created.status, 200);
      const { client_token } = await created.json();
      assert.equal(typeof client_token, 'string', 'the sample gets a client_token (a refused body would leave it undefined)');
      const claims = claimsOf(client_token);
      assert.match(claims.sid, /^ps_/);
      assert.equal(claims.variant, 'modal');

      const before = await (await fetch(`${backend.origin}/api/session-status?session_id=${claims.sid}`)).json();
      assert.equal(before.status, 'open');
      assert.equal(before.amount, 10000);
      assert.equal(before.currency, 'ZAR');
      assert.match(before.success_url, successUrl);
      assert.equal(before.checkout_url, `${sandbox.origin}/checkout/${claims.sid}#token=${encodeURIComponent(client_token)}`);

      const paid = await client(sandbox).pay(client_token, cardBody('4242424242424242'));
      assert.equal(paid.status, 200);
      assert.equal(paid.body.statusCode, 0);

      const after = await (await fetch(`${backend.origin}/api/session-status?session_id=${claims.sid}`)).json();
      assert.equal(after.status, 'completed');
      assert.equal(after.payment.status_code, 0);
    });
  });
}

/**
 * Loads seed 001's Lambda handler (CommonJS `exports.…`), verbatim but for the API host, with
 * `process.env.MOMENT_SECRET_KEY` set as the Lambda's configuration would; `fetch` is Node's own.
 */
async function loadLambda(file, apiOrigin, secretKey) {
  const code = (await readFile(new URL(`./seed/${file}`, import.meta.url), 'utf8')).replaceAll(PROVIDER_API, apiOrigin);
  assert.ok(!code.includes('momentpay.net'), 'every provider host is replaced');
  const handlers = {};
  new Function('exports', 'process', code)(handlers, { env: { MOMENT_SECRET_KEY: secretKey } });
  return handlers;
}

/** An API Gateway (REST, proxy integration) event as Lambda receives it. */
const apiGatewayEvent = (httpMethod, path, queryStringParameters = null) => ({
  resource: path,
  path,
  httpMethod,
  headers: { 'Content-Type': 'application/json' },
  queryStringParameters,
  pathParameters: null,
  body: null,
  isBase64Encoded: false,
  requestContext: { httpMethod, path, stage: 'prod' },
});

describe('provider sample, verbatim: the mobile SDK Lambda backend (deep-link return)', () => {
  let sandbox;
  let lambda;
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET });
    lambda = await loadLambda('001-lambda-handler.js', sandbox.origin, 'sk_test_lambda_backend');
  });
  after(() => sandbox?.close());

  it('returns a client token whose session has the deep-link success_url and a checkout_url; it pays and reads back completed', async () => {
    const created = await lambda.createPaymentSession(apiGatewayEvent('POST', '/api/create-payment-session'));
    assert.equal(created.statusCode, 200);
    assert.equal(created.headers['Content-Type'], 'application/json');
    const { client_token } = JSON.parse(created.body);
    assert.equal(typeof client_token, 'string', 'the handler gets a client_token (a refused body would leave it undefined)');
    const { sid } = claimsOf(client_token);
    assert.match(sid, /^ps_/);

    const status = async () => {
      const res = await lambda.getSessionStatus(apiGatewayEvent('GET', '/api/session-status', { session_id: sid }));
      assert.equal(res.statusCode, 200);
      return JSON.parse(res.body);
    };
    const before = await status();
    assert.equal(before.status, 'open');
    assert.equal(before.amount, 10000);
    assert.equal(before.currency, 'ZAR');
    assert.equal(before.presentation_mode, 'embedded');
    assert.equal(before.success_url, `yourapp://checkout?session_id=${sid}`);
    assert.equal(before.client_token, client_token);
    assert.equal(before.checkout_url, `${sandbox.origin}/checkout/${sid}#token=${encodeURIComponent(client_token)}`);

    const paid = await client(sandbox).pay(client_token, cardBody('4242424242424242'));
    assert.equal(paid.status, 200);
    assert.equal(paid.body.statusCode, 0);
    const after = await status();
    assert.equal(after.status, 'completed');
    assert.equal(after.payment.status_code, 0);
  });
});
