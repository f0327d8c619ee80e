// `npm test`: finds (or installs) Chromium, builds when the sources are newer than the build (the
// Node tests use dist: the sandbox, the npm build), then runs the sandbox API tests and the
// package checks (Node) and the browser tests (headless Chromium; those build the sandbox and the
// frames from src themselves). `npm test -- --e2e` runs the end-to-end pages and the test kit
// instead (`npm run test:e2e`): the demo, static pages of each build, the mobile WebView, the
// hosted checkout, each in headless Chromium driven from Node. CI runs both.
import { readdirSync } from 'node:fs';
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
/** The Node suites that drive a browser themselves: pages end to end, and the test kit. */
const E2E = ['demo', 'hosted-demo', 'mobile-demo', 'static-pages'].map((name) => `test/node/${name}.test.mjs`);
const e2e = process.argv.includes('--e2e');
const args = process.argv.slice(2).filter((a) => a !== '--e2e');
if (e2e) {
  run('node', ['--test', '--test-reporter=spec', ...E2E]);
  // The test kit (@momentpay/elements/testing) drives Chromium itself: never beside another browser suite.
  run('node', ['--test', '--test-reporter=spec', 'test/kit/']);
  timed('end-to-end tests', started);
  process.exit(0);
}
const nodeSuites = readdirSync('test/node')
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => `test/node/${f}`)
  .filter((f) => !E2E.includes(f));
run('node', ['--test', '--test-reporter=spec', 'test/sandbox/', ...nodeSuites, 'test/react/ssr.test.mjs']);
timed('Node tests', step);
step = performance.now();
run('npx', ['wtr', ...args]);
timed('browser tests', step);
timed('npm test', started);
