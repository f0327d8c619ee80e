// The provider's own backend code samples, run verbatim with Express against the sandbox: only the
// API host changes. A merchant who copies them gets a client token, a paid session and its status.
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

      const paid = await client(sandbox).pay(client_token, cardBody('4242424242424242'));
      assert.equal(paid.status, 200);
      assert.equal(paid.body.statusCode, 0);

      const after = await (await fetch(`${backend.origin}/api/session-status?session_id=${claims.sid}`)).json();
      assert.equal(after.status, 'completed');
      assert.equal(after.payment.status_code, 0);
    });
  });
}
