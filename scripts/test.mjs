// `npm test`: finds (or installs) Chromium, builds when the sources are newer than the build,
// then runs the sandbox API tests (Node), the test kit's tests (Node + headless Chromium) and the
// browser tests (headless Chromium).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureChrome } from './find-chrome.mjs';

process.env.CHROME_PATH = ensureChrome();
console.log(`Browser: ${process.env.CHROME_PATH}`);

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
const stamp = 'dist/.build-stamp';
const stale = !existsSync(stamp) || Math.max(newest('src'), statSync('rollup.config.mjs').mtimeMs) > statSync(stamp).mtimeMs;

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (stale) run('npm', ['run', 'build']);
run('node', ['--test', '--test-reporter=spec', 'test/sandbox/', 'test/node/', 'test/react/ssr.test.mjs']);
// The test kit (@momentpay/elements/testing) drives Chromium itself: after the Node tests, before wtr, never beside it.
run('node', ['--test', '--test-reporter=spec', 'test/kit/']);
run('npx', ['wtr', ...process.argv.slice(2)]);
