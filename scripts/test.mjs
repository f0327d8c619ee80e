// `npm test`: finds (or installs) Chromium, builds when the sources are newer than the build (the
// Node tests use dist: the sandbox, the npm and CDN builds, the test kit), then runs the sandbox
// API tests (Node), the test kit's tests (Node + headless Chromium) and the browser tests
// (headless Chromium; those build the sandbox and the frames from src themselves).
import { spawnSync } from 'node:child_process';
import { ensureChrome } from './find-chrome.mjs';
import { buildIsStale } from './freshness.mjs';

process.env.CHROME_PATH = ensureChrome();
console.log(`Browser: ${process.env.CHROME_PATH}`);

const timed = (label, started) => console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const started = performance.now();
let step = started;
if (buildIsStale()) {
  run('npm', ['run', 'build']);
  timed('build', step);
  step = performance.now();
}
run('node', ['--test', '--test-reporter=spec', 'test/sandbox/', 'test/node/', 'test/react/ssr.test.mjs']);
// The test kit (@momentpay/elements/testing) drives Chromium itself: after the Node tests, before wtr, never beside it.
run('node', ['--test', '--test-reporter=spec', 'test/kit/']);
timed('Node tests', step);
step = performance.now();
run('npx', ['wtr', ...process.argv.slice(2)]);
timed('browser tests', step);
timed('npm test', started);
