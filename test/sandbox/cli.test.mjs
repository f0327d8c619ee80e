import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/sandbox/cli.js', import.meta.url));

/** Spawns the CLI and resolves with the first stdout line matching `pattern` (bounded). */
function startCli(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set();
  child.stdout.on('data', (chunk) => {
    out += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const line = (pattern, ms = 5000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const match = out.split('\n').find((l) => pattern.test(l));
        if (match === undefined) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no line matching ${pattern}; stdout: ${out}; stderr: ${err}`));
      }, ms);
      listeners.add(check);
      check();
    });
  return { child, line, exited, output: () => out, errors: () => err };
}

describe('moment-sandbox CLI', () => {
  it('prints its origin, logs requests without secrets, and stops on SIGTERM', async () => {
    const cli = startCli(['--port', '0']);
    try {
      const line = await cli.line(/^Moment sandbox listening on /);
      const origin = /^Moment sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      assert.ok(origin, line);
      const res = await fetch(`${origin}/collect/payment_sessions/ps_missing`, {
        headers: { authorization: 'Bearer sk_test_cli_secret' },
      });
      assert.equal(res.status, 404);
      await res.text();
      await cli.line(/GET \/collect\/payment_sessions\/ps_missing 404/);
      assert.ok(!cli.output().includes('sk_test_cli_secret'));
    } finally {
      cli.child.kill('SIGTERM');
    }
    const { code } = await cli.exited;
    assert.equal(code, 0);
  });

  it('links the demo from its home page with --demo-url, and limits demo sessions with --demo-rate-limit', async () => {
    const cli = startCli(['--port', '0', '--quiet', '--demo-url', 'http://localhost:3000/', '--demo-rate-limit', '1']);
    try {
      const line = await cli.line(/^Moment sandbox listening on /);
      const origin = line.slice('Moment sandbox listening on '.length);
      const home = await (await fetch(`${origin}/`)).text();
      assert.match(home, /<a href="http:\/\/localhost:3000\/">/);
      const demo = () =>
        fetch(`${origin}/v1/demo/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"publishable_key":"pk_test_cli"}' });
      assert.equal((await demo()).status, 201);
      assert.equal((await demo()).status, 429);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal((await cli.exited).code, 0);
  });

  it('prints help', async () => {
    const cli = startCli(['--help']);
    await cli.line(/^Usage: moment-sandbox/);
    assert.equal((await cli.exited).code, 0);
  });

  it('exits with 2 on an unknown option', async () => {
    const cli = startCli(['--nope']);
    assert.equal((await cli.exited).code, 2);
    assert.match(cli.errors(), /moment-sandbox:/);
  });
});
