// The mobile example (`npm run demo:mobile`) end to end: seed 001's backend, the checkout URL
// opened top-level in a 375×812 touch WebView, the card typed with taps, and the deep link
// yourapp://checkout?session_id=… caught by the "app". Loopback only; each run bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';

const RUN_TIMEOUT = 90_000;

/** Runs demo/mobile/app.mjs to its end (killed after RUN_TIMEOUT); resolves with its exit code and output. */
async function runApp(args = [], env = {}) {
  const child = spawn(process.execPath, ['demo/mobile/app.mjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, out, err };
}

/** Every URL the run printed is on a loopback host (or the app's own scheme). */
function assertLoopbackOnly(text) {
  for (const url of text.match(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'`…)]+/g) ?? []) {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'yourapp:') continue;
    assert.ok(['127.0.0.1', 'localhost'].includes(hostname), `a non-loopback URL was used: ${url}`);
  }
}

test(
  '4242 4242 4242 4242 pays in the WebView and the app catches yourapp://checkout?session_id=…, then reads completed',
  { timeout: RUN_TIMEOUT + 5000 },
  async () => {
    const { code, out, err } = await runApp();
    assert.equal(code, 0, `${out}\n${err}`);
    const session = /fetchClientToken\(\) → a client token for session (ps_\w+)/.exec(out)?.[1];
    assert.ok(session, out);
    assert.match(out, /375 px wide in a 375 px viewport/);
    assert.match(out, new RegExp(`onNavigationRequest: yourapp://checkout\\?session_id=${session} → NavigationDecision\\.prevent`));
    assert.match(out, new RegExp(`fetchSessionStatus\\('${session}'\\) → \\{ status: 'completed' \\} → onSuccess`));
    assert.doesNotMatch(out, /warning:/, 'the page had a problem in the WebView');
    assert.doesNotMatch(out, /#token=[^…]/, 'the client token was printed');
    assertLoopbackOnly(out + err);
  },
);

test('4000 0000 0000 3220: the 3-D Secure challenge is passed in place, then the deep link arrives', { timeout: RUN_TIMEOUT + 5000 }, async () => {
  const { code, out, err } = await runApp(['--card', '4000000000003220']);
  assert.equal(code, 0, `${out}\n${err}`);
  assert.match(out, /passes the bank’s 3-D Secure challenge/);
  assert.match(out, /onNavigationRequest: yourapp:\/\/checkout\?session_id=ps_\w+ → NavigationDecision\.prevent/);
  assert.match(out, /→ \{ status: 'completed' \} → onSuccess/);
  assertLoopbackOnly(out + err);
});

test('a provider that refuses the session stops the example with the step and the reason, no stack trace', { timeout: 30_000 }, async () => {
  const provider = createServer((req, res) => {
    req.resume();
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'success_url must be an http or https URL' } }));
  });
  provider.listen(0, '127.0.0.1');
  await once(provider, 'listening');
  try {
    const { code, out, err } = await runApp([], { MOMENT_API_URL: `http://127.0.0.1:${provider.address().port}` });
    assert.equal(code, 1, out + err);
    assert.match(err, /Mobile example failed: the backend gave no client_token/);
    assert.doesNotMatch(err, /^\s+at /m, 'a stack trace was printed');
  } finally {
    provider.close();
  }
});
