// Seed 004's own Python webhook verifier, run as a real endpoint on 127.0.0.1 (Flask when it is
// installed, else a small http.server stand-in for the Flask calls it makes), subscribed with the
// seed's own body: it must print "Signature verified." and answer 200 for every real delivery.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startSandbox, client, cardBody, SECRET_KEY } from './helpers.mjs';

const VERIFIER = fileURLToPath(new URL('./python/seed_verifier.py', import.meta.url));
const FLASK_SHIM = fileURLToPath(new URL('./python/flask_shim/', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const merchant = { authorization: `Bearer ${SECRET_KEY}` };
const ALL_EVENTS = ['payment_intent.created', 'payment_intent.status_updated', 'payment_session.status_updated'];
const STARTUP_MS = 15_000;
const DELIVERY_MS = 10_000;

const hasPython = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
const hasFlask = hasPython && spawnSync('python3', ['-c', 'import flask'], { stdio: 'ignore' }).status === 0;
const skip = hasPython ? false : 'python3 is not installed, so the seed verifier cannot run (Debian: apt-get install python3 python3-flask)';
if (skip) console.log(`# skipping the seed 004 Python verifier tests: ${skip}`);
else if (!hasFlask) console.log('# Flask is not installed: the seed 004 verifier runs on test/sandbox/python/flask_shim');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition()` holds, checking every 25 ms; throws `message` after `ms`. */
async function until(condition, ms, message) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${typeof message === 'function' ? message() : message}`);
    await sleep(25);
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the seed's verifier on 127.0.0.1:`port` with `secret` (the seed's own literal when
 * undefined); `shim` puts the Flask stand-in first on PYTHONPATH. Resolves once it answers HTTP.
 */
async function startVerifier({ port, secret, shim }) {
  const env = { ...process.env, PORT: String(port), PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
  if (secret === undefined) delete env.WEBHOOK_SECRET;
  else env.WEBHOOK_SECRET = secret;
  if (shim) env.PYTHONPATH = [FLASK_SHIM, process.env.PYTHONPATH].filter(Boolean).join(':');
  const child = spawn('python3', [VERIFIER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '', exited: null };
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (out.stderr += chunk));
  child.on('exit', (code, signal) => (out.exited = signal ?? code));
  const url = `http://127.0.0.1:${port}/webhook`;
  const verifier = {
    url,
    out,
    /**
     * How many times the seed's code printed `message`. Counted as a substring: Flask serves
     * requests on threads, and `print` writes its text and its newline apart, so two lines can
     * interleave ("Signature verified.Signature verified.").
     */
    printed: (message) => out.stdout.split(message).length - 1,
    /** Requests the server logged with `status` (Flask and http.server log alike). */
    answered: (status) => out.stderr.split('\n').filter((l) => l.includes(`"POST /webhook HTTP/1.1" ${status}`)).length,
    stop() {
      if (out.exited !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (out.exited !== null) throw new Error(`the seed verifier exited (${out.exited}):\n${out.stderr}`);
    try {
      // A GET is not the seed's route (POST only): any answer means the server is up.
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      return verifier;
    } catch {
      if (Date.now() > deadline) {
        await verifier.stop();
        throw new Error(`the seed verifier did not start within ${STARTUP_MS} ms:\n${out.stderr}`);
      }
      await sleep(50);
    }
  }
}

describe("the seed 004 Python verifier's code is the seed's", { skip }, () => {
  const seedFile = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('004_')) : undefined;
  it('matches the seed token for token between its markers', { skip: seedFile ? false : `no seed 004 in ${SEEDS}` }, () => {
    const seed = readFileSync(SEEDS + seedFile, 'utf8');
    const snippet = /```py (from hashlib import sha256 .*?) ```/s.exec(seed)?.[1];
    assert.ok(snippet, "seed 004's ```py block");
    const file = readFileSync(VERIFIER, 'utf8');
    const region = /# --- seed 004 begins ---\n([\s\S]*?)# --- seed 004 ends ---/.exec(file)?.[1];
    assert.ok(region);
    const squash = (code) => code.replace(/\s+/g, ' ').trim();
    assert.equal(squash(region), squash(snippet));
  });
});

for (const mode of hasFlask ? ['flask', 'shim'] : ['shim']) {
  describe(`seed 004's Python verifier (${mode === 'flask' ? 'Flask' : 'http.server stand-in for Flask'}) accepts real deliveries`, { skip }, () => {
    let sandbox;
    let api;
    let verifier;
    let subscription;
    const logs = [];
    const delivered = () => logs.filter((l) => / delivered$/.test(l)).length;
    const failures = () => logs.filter((l) => /^webhook .* failed/.test(l));

    before(async () => {
      sandbox = await startSandbox({ port: 0, log: (line) => logs.push(line) });
      api = client(sandbox);
      for (let tries = 1; ; tries++) {
        const port = await freePort();
        // Seed 004, "Step 2. Enable the webhook": its body, with only the host changed.
        const res = await api.call('POST', '/webhooks', {
          headers: merchant,
          body: { events: ['payment_intent.status_updated'], url: `http://127.0.0.1:${port}/webhook` },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        subscription = res.body;
        try {
          verifier = await startVerifier({ port, secret: subscription.secrets[0].value, shim: mode === 'shim' });
          break;
        } catch (error) {
          // Another process took the port between the check and the start: try another one.
          await api.call('DELETE', `/webhooks/${subscription.id}`, { headers: merchant });
          if (tries === 3) throw error;
        }
      }
    });
    after(async () => {
      await sandbox?.close();
      await verifier?.stop();
    });

    it('verifies a success and a single decline (payment_intent.status_updated), answering 200; no retries', async () => {
      const paid = await api.openSession();
      const success = await api.pay(paid.client_token, cardBody('4242424242424242'));
      assert.equal(success.body.statusCode, 0);
      const open = await api.openSession();
      const decline = await api.pay(open.client_token, cardBody('4000000000000002'));
      assert.equal(decline.body.statusCode, 5);

      const report = () =>
        `stdout:\n${verifier.out.stdout}\nstderr:\n${verifier.out.stderr}\nsandbox:\n${logs.filter((l) => l.startsWith('webhook')).join('\n')}`;
      await until(() => verifier.printed('Signature verified.') >= 2 && verifier.answered(200) >= 2 && delivered() >= 2, DELIVERY_MS, report);
      assert.equal(verifier.printed('Signature verified.'), 2, report());
      assert.equal(verifier.answered(200), 2);
      assert.equal(verifier.answered(400), 0);
      assert.equal(delivered(), 2);
      assert.deepEqual(failures(), []);
      assert.doesNotMatch(verifier.out.stdout, /Missing dojo-signature header|Invalid signature|Invalid webhook payload/);
      // What the seed's code printed: one Captured and one still-open intent after a decline.
      assert.match(verifier.out.stdout, new RegExp(`"paymentIntentId": "${paid.id}",\\s+"paymentStatus": "Captured"`));
      assert.match(verifier.out.stdout, new RegExp(`"paymentIntentId": "${open.id}",\\s+"paymentStatus": "Created"`));
      assert.match(verifier.out.stdout, /"statusCode": 5/);
    });

    it('verifies every event the sandbox sends (payment_intent.created, payment_session.status_updated too)', async () => {
      const patched = await api.call('PATCH', `/webhooks/${subscription.id}`, { headers: merchant, body: { events: ALL_EVENTS } });
      assert.equal(patched.status, 200);
      const before = { verified: verifier.printed('Signature verified.'), answered: verifier.answered(200), delivered: delivered() };
      const session = await api.openSession();
      await api.pay(session.client_token, cardBody('4242424242424242'));
      const done = () =>
        verifier.printed('Signature verified.') >= before.verified + 3 && verifier.answered(200) >= before.answered + 3 && delivered() >= before.delivered + 3;
      await until(done, DELIVERY_MS, () => verifier.out.stdout);
      assert.equal(verifier.printed('Signature verified.'), before.verified + 3);
      assert.equal(verifier.answered(200), before.answered + 3);
      for (const event of ALL_EVENTS) assert.ok(verifier.out.stdout.includes(`"event": "${event}"`), event);
      assert.deepEqual(failures(), []);
    });

    it('refuses a delivery signed with a secret it does not know ("Invalid signature.", 400), and the sandbox retries', async () => {
      // A control: rotating the secret without telling the receiver must fail its check.
      const generated = await api.call('POST', `/webhooks/${subscription.id}/secrets`, { headers: merchant });
      await api.call('POST', `/webhooks/${subscription.id}/secrets/${generated.body.id}/activate`, { headers: merchant });
      await api.openSession();
      await until(
        () => verifier.printed('Invalid signature.') >= 1 && verifier.answered(400) >= 1 && failures().length >= 1,
        DELIVERY_MS,
        () => verifier.out.stdout,
      );
      assert.equal(verifier.answered(400), 1);
      assert.match(failures()[0], /failed \(HTTP 400\), retrying in 250 ms$/);
      // Deleting the subscription stops the retries.
      await api.call('DELETE', `/webhooks/${subscription.id}`, { headers: merchant });
    });
  });
}

describe("seed 004's Python verifier, with the seed's own secret, accepts the seed's worked example", { skip }, () => {
  let verifier;
  before(async () => {
    verifier = await startVerifier({ port: await freePort(), secret: undefined, shim: !hasFlask });
  });
  after(() => verifier?.stop());

  it('prints "Signature verified." for the example body and header, and refuses them changed', async () => {
    const body =
      '{"id":"evt_hnnHxIKR_Uy6bhZCusCltw","event":"payment_intent.created","accountId":"acc_test","createdAt":"2022-02-01T13:07:41.8667859Z","data":{"paymentIntentId":"pi_vpwd4ooAPEqyNAQe4z89WQ","paymentStatus":"Created","captureMode":"Auto"}}';
    const header = 'sha256=4B-49-F8-FE-25-A7-E6-7D-00-4F-A7-9C-F8-0B-63-00-C7-77-B4-F2-2D-E5-E1-22-84-FA-04-18-50-A1-76-FD';
    const post = (b, headers) =>
      fetch(verifier.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b, signal: AbortSignal.timeout(5000) });
    assert.equal((await post(body, { 'Dojo-Signature': header })).status, 200);
    assert.equal((await post(body.replace('Created', 'Captured'), { 'Dojo-Signature': header })).status, 400);
    assert.equal((await post(body, {})).status, 400);
    // The answer can arrive before the printed lines come through the pipe.
    const printedAll = () =>
      verifier.printed('Signature verified.') >= 1 && verifier.printed('Invalid signature.') >= 1 && verifier.printed('Missing dojo-signature header.') >= 1;
    await until(printedAll, DELIVERY_MS, () => verifier.out.stdout);
    assert.equal(verifier.printed('Signature verified.'), 1);
    assert.equal(verifier.printed('Invalid signature.'), 1);
    assert.equal(verifier.printed('Missing dojo-signature header.'), 1);
  });
});
