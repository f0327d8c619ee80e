// The package as a merchant's app installs it: a browser package whose runtime dependencies are
// what browsers load, every export present after the build, and public types that need no server code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const SERVER_PACKAGES = ['hono', '@hono/node-server', 'jose'];

/** Bare module specifiers reachable from a declaration file through its relative imports. */
function externalImports(entry) {
  const seen = new Set();
  const found = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:import|export)[^;]*?from\s+["']([^"']+)["']/g)) {
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')));
      else found.add(spec);
    }
  };
  walk(resolve(root, entry));
  return [...found];
}

test('runtime dependencies are browser packages with caret ranges; react is an optional peer', () => {
  const deps = Object.entries(pkg.dependencies);
  for (const [name, range] of deps) {
    assert.ok(!SERVER_PACKAGES.includes(name), `${name} is a server package`);
    assert.match(range, /^\^/, `${name} should have a caret range, not ${range}`);
  }
  assert.equal(pkg.peerDependenciesMeta?.react?.optional, true);
  assert.ok(!('react' in pkg.dependencies));
});

test('every export exists after the build', () => {
  for (const [name, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      if (file.includes('*')) continue;
      assert.ok(existsSync(resolve(root, file)), `${name} → ${file} is missing`);
    }
  }
});

test('the bundled sandbox needs nothing but Node itself: it starts from a folder with no node_modules', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moment-sandbox-alone-'));
  try {
    for (const file of readdirSync(resolve(root, 'dist/sandbox'))) copyFileSync(resolve(root, 'dist/sandbox', file), join(dir, file));
    const script = `const { startSandbox } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.js')).href)});
      const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
      const answer = await fetch(sandbox.origin + '/collect/payment_sessions', { method: 'POST', headers: { authorization: 'Bearer sk_test_alone', 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 100, currency: 'GBP', type: 'one_time' }) });
      console.log(answer.status);
      await sandbox.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^20[01]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('public types import no server package', () => {
  assert.deepEqual(externalImports('dist/npm/sandbox/index.d.ts'), []);
  const elements = externalImports('dist/npm/index.d.ts').filter((spec) => !/^(lit|lit\/|@lit\/)/.test(spec));
  assert.deepEqual(elements, []);
});
