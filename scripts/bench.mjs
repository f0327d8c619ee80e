// `npm run bench`: how fast a card form is ready, and how big the bundles are.
//
// Time to ready is measured in headless Chromium against the local sandbox, and compared in the
// same run with a baseline: a bare iframe of the same frame page, timed until its script first
// speaks. The difference is what the element adds (handshake, configuration, first render).
// Sizes are compared with the budgets in size-budget.json (scripts/size.mjs, also run by CI).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureChrome } from './find-chrome.mjs';
import { checkSizes } from './size.mjs';
import { startSandbox } from '../dist/sandbox/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const executablePath = ensureChrome();

const sandbox = await startSandbox({ port: 0 });
const page = `<!doctype html><html><head><script type="module" src="/moment-elements.js"></script></head><body></body></html>`;
const host = createServer((req, res) => {
  if (req.url === '/moment-elements.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(readFileSync('dist/cdn/moment-elements.js'));
  }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(page);
});
await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
const hostOrigin = `http://localhost:${host.address().port}`;

async function token() {
  const response = await fetch(`${sandbox.origin}/collect/payment_sessions`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk_test_bench', 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: 1000, currency: 'GBP', type: 'one_time' }),
  });
  return (await response.json()).client_token;
}

const browser = await chromium.launch({
  executablePath,
  args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
const context = await browser.newContext();
const tab = await context.newPage();
await tab.goto(`${hostOrigin}/`);
await tab.waitForFunction(() => customElements.get('card-component'));

const baseline = [];
const element = [];
for (let i = 0; i < RUNS; i++) {
  // Alternate the two so that drift on the machine hits both alike.
  baseline.push(
    await tab.evaluate(async (framesOrigin) => {
      const start = performance.now();
      const iframe = document.createElement('iframe');
      const heard = new Promise((resolve) => {
        const onMessage = (e) => {
          if (e.source === iframe.contentWindow) {
            window.removeEventListener('message', onMessage);
            resolve(performance.now() - start);
          }
        };
        window.addEventListener('message', onMessage);
      });
      iframe.src = `${framesOrigin}/frames/card#channel=bench${Math.random().toString(16).slice(2, 12)}&origin=${encodeURIComponent(location.origin)}`;
      document.body.append(iframe);
      const ms = await heard;
      iframe.remove();
      return ms;
    }, sandbox.origin),
  );
  const clientToken = await token();
  element.push(
    await tab.evaluate(async (clientToken) => {
      const start = performance.now();
      const el = document.createElement('card-component');
      el.setAttribute('client-key', 'pk_test_bench');
      el.clientToken = clientToken;
      const ready = new Promise((resolve) => el.addEventListener('ready', () => resolve(performance.now() - start), { once: true }));
      document.body.append(el);
      const ms = await ready;
      el.remove();
      return ms;
    }, clientToken),
  );
}
await browser.close();
host.close();
await sandbox.close();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p75: at(0.75), p95: at(0.95) };
};
const fmt = (n) => `${n.toFixed(1).padStart(7)} ms`;
const b = stats(baseline);
const e = stats(element);
console.log(`\nTime to ready, ${RUNS} runs each (warm cache, same page)`);
console.log(`  ${'case'.padEnd(44)} ${'median'.padStart(10)} ${'p75'.padStart(10)} ${'p95'.padStart(10)}`);
console.log(`  ${'baseline: bare iframe until its script speaks'.padEnd(44)} ${fmt(b.median)} ${fmt(b.p75)} ${fmt(b.p95)}`);
console.log(`  ${'<card-component> until ready'.padEnd(44)} ${fmt(e.median)} ${fmt(e.p75)} ${fmt(e.p95)}`);
console.log(`  ${'added by the element (median)'.padEnd(44)} ${fmt(e.median - b.median)}`);

console.log('');
process.exitCode = checkSizes() ? 0 : 1;
