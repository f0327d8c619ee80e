// `npm run bench`: what the elements cost against the physical baseline of a cross-origin iframe.
//
// Headless Chromium (Debian's, via playwright-core) loads a merchant page from http://localhost:P
// and the elements' frames from the local sandbox on http://127.0.0.1:Q, a different origin, as in
// production. Every timing is compared with a baseline measured in the same run, sample for
// sample (baseline, subject, baseline, subject… with the order swapped every other pair, so
// drift on a busy machine hits both alike). Intervals are 95% paired bootstraps. Targets are
// reported, not asserted: the machine's load moves the absolute figures; the ratios are the point.
// Prints one table and writes bench/results.json. BENCH_SCALE=0.2 runs a fifth of the samples.
import { writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { ensureChrome } from './find-chrome.mjs';
import { startMerchantSite, CHROME_ARGS } from '../test/node/support/merchant-site.mjs';
import { pairedBootstrap, ratioOfMedians, medianDifference, p95Difference, median, quantile } from '../bench/stats.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const n = (count) => Math.max(4, Math.round(count * SCALE));
const N = {
  readyCold: n(14),
  readyWarm: n(30),
  keystrokes: n(30),
  cycles: n(1000),
  checkoutCycles: n(100),
  payments: n(24),
  launches: n(24),
};
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
// BENCH_ONLY=keys,cycles runs some sections only (ready-cold, ready-warm, keys, pay, launch, cycles).
const ONLY = process.env.BENCH_ONLY?.split(',');
const section = (name) => !ONLY || ONLY.includes(name);
const started = Date.now();
const log = (text) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);

if (!existsSync(`${ROOT}dist/sandbox/index.js`) || !existsSync(`${ROOT}dist/cdn/moment-elements.js`)) {
  console.error('Build first: npm run build');
  process.exit(1);
}

const executablePath = ensureChrome();
const site = await startMerchantSite();
const { framesOrigin } = site;
const CLIENT_KEY = 'pk_test_bench';
const hostUrl = site.page(
  '/bench',
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/dist/cdn/moment-elements.js"></script></head><body></body></html>`,
);
// The baseline for keystrokes: an input on the frames origin that posts to its parent on `input`.
// Playwright answers this URL itself, so the page is on exactly the frames origin.
const ECHO_URL = `${framesOrigin}/__bench/echo`;
const ECHO_PAGE = `<!doctype html><html><body><input id="echo" autocomplete="off">
<script>document.getElementById('echo').addEventListener('input', () => parent.postMessage({ echo: 1 }, '*'));</script></body></html>`;

const browser = await chromium.launch({ executablePath, args: ['--headless=new', ...CHROME_ARGS] });

/** Host-page instrumentation: live listeners on window/document/MessagePorts, and open ports. */
function instrument() {
  if (window !== window.top) return;
  const counts = { window: 0, document: 0, port: 0, other: 0, channels: 0, portsOpen: 0 };
  Object.defineProperty(window, '__bench', { value: counts });
  const kind = (t) => (t === window ? 'window' : t === document ? 'document' : t instanceof MessagePort ? 'port' : 'other');
  // target → listener → `type|capture` → what undoes our own bookkeeping listeners (or null).
  const live = new WeakMap();
  const keyOf = (type, options) => `${type}|${typeof options === 'boolean' ? options : !!options?.capture}`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const forget = (target, listener, key) => {
    const byListener = live.get(target);
    const keys = byListener?.get(listener);
    if (!keys?.has(key)) return;
    const cleanup = keys.get(key);
    keys.delete(key);
    if (keys.size === 0) byListener.delete(listener);
    counts[kind(target)]--;
    cleanup?.();
  };
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    add.call(this, type, listener, options);
    if (!listener) return;
    let byListener = live.get(this);
    if (!byListener) live.set(this, (byListener = new Map()));
    let keys = byListener.get(listener);
    if (!keys) byListener.set(listener, (keys = new Map()));
    const key = keyOf(type, options);
    if (keys.has(key)) return;
    counts[kind(this)]++;
    if (this instanceof MessagePort && type === 'message') keep(this);
    // `once` and `signal` take a listener off without removeEventListener: follow them, and stop
    // following when the listener is removed first.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the patched method's receiver, for the closures below
    const target = this;
    const undo = [];
    if (typeof options === 'object' && options?.once) {
      const capture = !!options.capture;
      const fired = () => forget(target, listener, key);
      add.call(target, type, fired, { once: true, capture });
      undo.push(() => remove.call(target, type, fired, { capture }));
    }
    if (typeof options === 'object' && options?.signal) {
      const signal = options.signal;
      const aborted = () => forget(target, listener, key);
      add.call(signal, 'abort', aborted, { once: true });
      undo.push(() => remove.call(signal, 'abort', aborted));
    }
    keys.set(key, undo.length ? () => undo.forEach((f) => f()) : null);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    remove.call(this, type, listener, options);
    if (listener) forget(this, listener, keyOf(type, options));
  };
  // A port is "open" from when this page listens on it until it closes it.
  const state = new WeakMap();
  const keep = (port) => {
    if (state.has(port)) return;
    state.set(port, 'open');
    counts.portsOpen++;
  };
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set(value) {
      if (value) keep(this);
      onmessage.set.call(this, value);
    },
  });
  const close = MessagePort.prototype.close;
  MessagePort.prototype.close = function () {
    if (state.get(this) === 'open') counts.portsOpen--;
    state.set(this, 'closed');
    return close.call(this);
  };
  const Channel = window.MessageChannel;
  window.MessageChannel = class extends Channel {
    constructor() {
      super();
      counts.channels++;
    }
  };
}

async function newHostPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  if (process.env.BENCH_DEBUG) page.on('console', (m) => log(`console ${m.type()}: ${m.text()}`));
  if (process.env.BENCH_DEBUG) page.on('requestfailed', (r) => log(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(hostUrl);
  await page.waitForFunction(() => ['card-component', 'wallet-button', 'moment-checkout'].every((n) => customElements.get(n)));
  return page;
}

async function newContext() {
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  await context.route(ECHO_URL, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: ECHO_PAGE }));
  return context;
}

const token = async (extra) => (await site.createSession(extra)).client_token;

/** In the page: time from appending a bare iframe of a frame page until its script first says hello. */
function bareFrameScript(page, path) {
  return page.evaluate(
    ({ framesOrigin, path }) =>
      new Promise((resolve) => {
        const iframe = document.createElement('iframe');
        const start = performance.now();
        const onMessage = (e) => {
          if (e.source !== iframe.contentWindow || e.data?.kind !== 'hello') return;
          const ms = performance.now() - start;
          window.removeEventListener('message', onMessage);
          iframe.remove();
          resolve(ms);
        };
        window.addEventListener('message', onMessage);
        iframe.src = `${framesOrigin}${path}#channel=bench${Math.random().toString(16).slice(2, 12)}&origin=${encodeURIComponent(location.origin)}`;
        document.body.append(iframe);
      }),
    { framesOrigin, path },
  );
}

/** In the page: time from creating a `<card-component>` until its `ready`. */
function cardReadyScript(page, clientToken) {
  return page.evaluate(
    ({ clientToken, framesOrigin, clientKey }) =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const el = document.createElement('card-component');
        el.setAttribute('client-key', clientKey);
        el.setAttribute('frames-origin', framesOrigin);
        el.clientToken = clientToken;
        el.addEventListener(
          'ready',
          () => {
            const ms = performance.now() - start;
            el.remove();
            resolve(ms);
          },
          { once: true },
        );
        el.addEventListener('load-error', (e) => reject(new Error(JSON.stringify(e.detail))), { once: true });
        document.body.append(el);
      }),
    { clientToken, framesOrigin, clientKey: CLIENT_KEY },
  );
}

/** Runs `pairs` pairs, swapping which goes first every other pair. */
async function interleave(pairs, baselineSample, subjectSample) {
  const baseline = [];
  const subject = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      baseline.push(await baselineSample(i));
      subject.push(await subjectSample(i));
    } else {
      subject.push(await subjectSample(i));
      baseline.push(await baselineSample(i));
    }
  }
  return { baseline, subject };
}

const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
const results = {
  date: new Date().toISOString(),
  commit: git('rev-parse', 'HEAD') || null,
  uncommittedChanges: git('status', '--porcelain', '--', 'src').length > 0,
  chromium: browser.version(),
  scale: SCALE,
  samples: { ...N, batch: BATCH },
  metrics: [],
  sizes: [],
};

function ratioMetric(name, { baseline, subject }, target, note) {
  const ci = pairedBootstrap(subject, baseline, ratioOfMedians);
  results.metrics.push({
    name,
    kind: 'ratio of medians',
    subject: median(subject),
    baseline: median(baseline),
    value: ci.estimate,
    lo: ci.lo,
    hi: ci.hi,
    n: subject.length,
    target: target === undefined ? null : `≤ ${target.toFixed(2)}×`,
    met: target === undefined ? null : ci.estimate <= target,
    intervalSpansTarget: target === undefined ? null : ci.lo <= target && target < ci.hi,
    note,
    samples: { baseline: round(baseline), subject: round(subject) },
  });
}

function addedMetric(name, { baseline, subject }, statistic, at, targetMs, note) {
  const ci = pairedBootstrap(subject, baseline, statistic);
  results.metrics.push({
    name,
    kind: `added ms at ${at}`,
    subject: at === 'p95' ? quantile(subject, 0.95) : median(subject),
    baseline: at === 'p95' ? quantile(baseline, 0.95) : median(baseline),
    value: ci.estimate,
    lo: ci.lo,
    hi: ci.hi,
    n: subject.length,
    target: `≤ ${targetMs} ms`,
    met: ci.estimate <= targetMs,
    intervalSpansTarget: ci.lo <= targetMs && targetMs < ci.hi,
    note,
    samples: { baseline: round(baseline), subject: round(subject) },
  });
}

const round = (xs) => xs.map((x) => Math.round(x * 100) / 100);

// ---------------------------------------------------------------------------------------------
// 1. Time to ready, cold cache: a new browser context (empty cache) for every sample.
log(`time to ready, cold cache (${N.readyCold} pairs)`);
if (section('ready-cold')) {
  // One warm-up so that the sandbox and the browser's code caches are past their first use.
  {
    const context = await newContext();
    const page = await newHostPage(context);
    await bareFrameScript(page, '/frames/card');
    await cardReadyScript(page, await token());
    await context.close();
  }
  const inFreshContext = async (run) => {
    const context = await newContext();
    try {
      return await run(await newHostPage(context));
    } finally {
      await context.close();
    }
  };
  const samples = await interleave(
    N.readyCold,
    () => inFreshContext((page) => bareFrameScript(page, '/frames/card')),
    async () => {
      const clientToken = await token();
      return inFreshContext((page) => cardReadyScript(page, clientToken));
    },
  );
  ratioMetric('card time to ready, cold cache', samples, 1.15, 'new context per sample; baseline: bare iframe of /frames/card until its first hello');
}

// 2. Time to ready, warm cache: one page, frames cached.
const context = await newContext();
const page = await newHostPage(context);
log(`time to ready, warm cache (${N.readyWarm} pairs)`);
if (section('ready-warm')) {
  for (let i = 0; i < 2; i++) {
    await bareFrameScript(page, '/frames/card');
    await cardReadyScript(page, await token());
  }
  const tokens = await Promise.all(Array.from({ length: N.readyWarm }, () => token()));
  const samples = await interleave(
    N.readyWarm,
    () => bareFrameScript(page, '/frames/card'),
    (i) => cardReadyScript(page, tokens[i]),
  );
  ratioMetric('card time to ready, warm cache', samples, 1.15, 'one page; baseline: bare iframe of /frames/card until its first hello');
}

// 3. Keystroke in the card number → `change` on the host, against a bare postMessage echo.
log(`keystroke → change (${N.keystrokes} pairs, two keys each)`);
if (section('keys')) {
  await page.evaluate(
    async ({ clientToken, framesOrigin, clientKey, echoUrl }) => {
      const el = document.createElement('card-component');
      el.id = 'bench-card';
      el.setAttribute('client-key', clientKey);
      el.setAttribute('frames-origin', framesOrigin);
      el.clientToken = clientToken;
      const ready = new Promise((resolve) => el.addEventListener('ready', resolve, { once: true }));
      document.body.append(el);
      const echo = document.createElement('iframe');
      echo.id = 'bench-echo';
      const loaded = new Promise((resolve) => echo.addEventListener('load', resolve, { once: true }));
      echo.src = echoUrl;
      document.body.append(echo);
      await Promise.all([ready, loaded]);
      // Host clock of the latest `change` and the latest echo, on the shared wall-clock time base.
      window.__benchLast = { change: 0, echo: 0 };
      el.addEventListener('change', () => (window.__benchLast.change = performance.timeOrigin + performance.now()));
      window.addEventListener('message', (e) => {
        if (e.source === echo.contentWindow) window.__benchLast.echo = performance.timeOrigin + performance.now();
      });
    },
    { clientToken: await token(), framesOrigin, clientKey: CLIENT_KEY, echoUrl: ECHO_URL },
  );
  const cardFrame = page.frames().find((f) => f.url().includes('/frames/card'));
  const echoFrame = page.frames().find((f) => f.url().startsWith(ECHO_URL));
  // The key's own timestamp, in the frame, on the same time base.
  const recordKeys = () => {
    window.__benchKey = 0;
    addEventListener('keydown', (e) => (window.__benchKey = performance.timeOrigin + e.timeStamp), true);
  };
  await cardFrame.evaluate(recordKeys);
  await echoFrame.evaluate(recordKeys);

  const keystroke = async (frame, selector, which, key) => {
    await frame.locator(selector).focus();
    await page.evaluate((which) => (window.__benchLast[which] = 0), which);
    await page.keyboard.press(key);
    const arrived = await page.waitForFunction((which) => window.__benchLast[which] || false, which, { polling: 'raf', timeout: 5000 });
    const at = await arrived.jsonValue();
    const pressed = await frame.evaluate(() => window.__benchKey);
    return at - pressed;
  };
  const pairOf = async (frame, selector, which) => [await keystroke(frame, selector, which, '4'), await keystroke(frame, selector, which, 'Backspace')];
  // Warm-up.
  await pairOf(echoFrame, '#echo', 'echo');
  await pairOf(cardFrame, '#card-number', 'change');
  const raw = await interleave(
    N.keystrokes,
    () => pairOf(echoFrame, '#echo', 'echo'),
    () => pairOf(cardFrame, '#card-number', 'change'),
  );
  const samples = { baseline: raw.baseline.flat(), subject: raw.subject.flat() };
  addedMetric(
    'keystroke → host change',
    samples,
    p95Difference,
    'p95',
    16,
    'baseline: input in a cross-origin iframe posting on input; "4" then Backspace per pair',
  );
  await page.evaluate(() => {
    document.getElementById('bench-card').remove();
    document.getElementById('bench-echo').remove();
  });
}

// 4. executePayment() against a direct fetch of POST /v1/payments from the card frame.
log(`executePayment() (${N.payments} pairs)`);
if (section('pay')) {
  const CARD = { number: '4242424242424242', expiryMonth: 12, expiryYear: 2034, cvv: '123', name: 'Ada Lovelace' };
  const baseline = [];
  const subject = [];
  for (let i = 0; i < N.payments; i++) {
    const [forCard, forFetch] = await Promise.all([token(), token()]);
    await page.evaluate(
      ({ clientToken, framesOrigin, clientKey }) =>
        new Promise((resolve, reject) => {
          const el = document.createElement('card-component');
          el.id = 'bench-pay';
          el.setAttribute('client-key', clientKey);
          el.setAttribute('frames-origin', framesOrigin);
          el.clientToken = clientToken;
          el.addEventListener('ready', resolve, { once: true });
          el.addEventListener('load-error', (e) => reject(new Error(JSON.stringify(e.detail))), { once: true });
          document.body.append(el);
        }),
      { clientToken: forCard, framesOrigin, clientKey: CLIENT_KEY },
    );
    const frame = page.frameLocator('#bench-pay iframe');
    await frame.locator('#card-number').fill(CARD.number);
    await frame.locator('#expiry-date').fill('1234');
    await frame.locator('#cv2').fill(CARD.cvv);
    if (await frame.locator('#card-name').count()) await frame.locator('#card-name').fill(CARD.name);
    const cardFrame = page.frames().find((f) => f.url().includes('/frames/card'));
    const direct = () =>
      cardFrame.evaluate(
        async ({ origin, clientToken, key, card }) => {
          const start = performance.now();
          const response = await fetch(`${origin}/v1/payments`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, Authorization: `Bearer ${clientToken}`, Accept: 'application/json' },
            body: JSON.stringify({ card }),
            credentials: 'omit',
            cache: 'no-store',
            referrerPolicy: 'no-referrer',
          });
          const body = await response.json();
          const ms = performance.now() - start;
          if (response.status !== 200 && response.status !== 201) throw new Error(`direct payment: ${response.status} ${JSON.stringify(body)}`);
          return ms;
        },
        { origin: framesOrigin, clientToken: forFetch, key: randomUUID(), card: CARD },
      );
    const viaElement = () =>
      page.evaluate(async () => {
        const el = document.getElementById('bench-pay');
        const start = performance.now();
        const result = await el.executePayment();
        const ms = performance.now() - start;
        if (result.statusCode !== 0) throw new Error(`executePayment: ${JSON.stringify(result)}`);
        return ms;
      });
    if (i % 2 === 0) {
      baseline.push(await direct());
      subject.push(await viaElement());
    } else {
      subject.push(await viaElement());
      baseline.push(await direct());
    }
    await page.evaluate(() => document.getElementById('bench-pay').remove());
  }
  addedMetric(
    'executePayment() round trip',
    { baseline, subject },
    medianDifference,
    'median',
    10,
    'baseline: fetch POST /v1/payments from the card frame; fresh session each',
  );
}

// 5. The checkout's launch() → checkout-open, against a bare iframe of the checkout page.
log(`checkout launch() (${N.launches} pairs)`);
if (section('launch')) {
  const launch = (clientToken) =>
    page.evaluate(
      ({ clientToken, framesOrigin, clientKey }) => {
        let el = document.getElementById('bench-checkout');
        if (!el) {
          el = document.createElement('moment-checkout');
          el.id = 'bench-checkout';
          el.setAttribute('client-key', clientKey);
          el.setAttribute('frames-origin', framesOrigin);
          document.body.append(el);
        }
        // The token is ready before the clock starts: the merchant backend's time is not the element's.
        el.fetchClientToken = () => Promise.resolve(clientToken);
        return new Promise((resolve, reject) => {
          let ms;
          const start = performance.now();
          el.addEventListener('checkout-open', () => (ms = performance.now() - start), { once: true });
          el.launch().then(() => {
            el.close();
            resolve(ms ?? performance.now() - start);
          }, reject);
        });
      },
      { clientToken, framesOrigin, clientKey: CLIENT_KEY },
    );
  for (let i = 0; i < 2; i++) {
    await bareFrameScript(page, '/frames/checkout');
    await launch(await token());
  }
  const tokens = await Promise.all(Array.from({ length: N.launches }, () => token()));
  const samples = await interleave(
    N.launches,
    () => bareFrameScript(page, '/frames/checkout'),
    (i) => launch(tokens[i]),
  );
  ratioMetric('checkout launch() → checkout-open', samples, undefined, 'token prefetched; baseline: bare iframe of /frames/checkout until its first hello');
  await page.evaluate(() => document.getElementById('bench-checkout').remove());
}
await context.close();

// 6. Mount/unmount cycles: what is left after them, and heap growth after GC.
const cycles = [];
async function cycleBench(label, count, batch, mountScript) {
  log(`${label}: ${count} mount/unmount cycles, ${batch} at a time`);
  const ctx = await newContext();
  const pg = await newHostPage(ctx);
  const cdp = await ctx.newCDPSession(pg);
  const clientToken = await token();
  const heap = async () => {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const counters = () =>
    pg.evaluate(() => {
      const deepIframes = (root) => {
        let count = root.querySelectorAll('iframe').length;
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) count += deepIframes(el.shadowRoot);
        return count;
      };
      return { ...window.__bench, iframes: deepIframes(document) };
    });
  const run = (k) => pg.evaluate(mountScript.script, { k, tag: mountScript.tag, clientToken, framesOrigin, clientKey: CLIENT_KEY });
  await run(1); // warm-up: the first mount loads code and styles for good
  const before = await counters();
  const heap0 = await heap();
  let heapHalf = 0;
  const t0 = Date.now();
  for (let done = 0; done < count;) {
    const k = Math.min(batch, count - done);
    await run(k);
    done += k;
    if (!heapHalf && done >= count / 2) heapHalf = await heap();
  }
  const heapEnd = await heap();
  const after = await counters();
  // Playwright hears of a removed out-of-process frame a little after the DOM has dropped it:
  // give the detach events up to 5 s before counting frames still attached.
  for (let i = 0; i < 50 && pg.frames().length > 1; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const frames = pg.frames().length - 1;
  const framesLeftUrls = pg
    .frames()
    .slice(1)
    .map((f) => f.url().replace(/#.*/, ''));
  const listeners = ['window', 'document', 'port'].reduce((sum, key) => sum + after[key] - before[key], 0);
  const entry = {
    name: label,
    cycles: count,
    batch,
    seconds: (Date.now() - t0) / 1000,
    iframesLeft: after.iframes,
    framesLeft: frames,
    framesLeftUrls,
    listenersLeft: listeners,
    listenersByTarget: { window: after.window - before.window, document: after.document - before.document, port: after.port - before.port },
    portsLeft: after.portsOpen - before.portsOpen,
    channelsCreated: after.channels - before.channels,
    heap: { start: heap0, half: heapHalf, end: heapEnd },
    heapGrowthSecondHalf: (heapEnd - heapHalf) / heapHalf,
    heapGrowthFirstHalf: (heapHalf - heap0) / heap0,
  };
  entry.met = entry.iframesLeft === 0 && entry.framesLeft === 0 && entry.listenersLeft === 0 && entry.portsLeft === 0 && entry.heapGrowthSecondHalf <= 0.05;
  cycles.push(entry);
  await ctx.close();
}

// k elements at once: each is mounted, waits for `ready`, then all are removed.
// k elements at once. Half are removed on the next frame, mid-handshake; the others once `ready`.
const mountElements = (tag) => ({
  tag,
  script: async ({ k, tag, clientToken, framesOrigin, clientKey }) => {
    const els = Array.from({ length: k }, () => {
      const el = document.createElement(tag);
      el.setAttribute('client-key', clientKey);
      el.setAttribute('frames-origin', framesOrigin);
      el.clientToken = clientToken;
      return el;
    });
    const early = els.slice(0, Math.floor(k / 2));
    const late = els.slice(early.length);
    const ready = late.map(
      (el) =>
        new Promise((resolve, reject) => {
          el.addEventListener('ready', resolve, { once: true });
          el.addEventListener('load-error', (e) => reject(new Error(JSON.stringify(e.detail))), { once: true });
        }),
    );
    document.body.append(...els);
    await new Promise(requestAnimationFrame);
    for (const el of early) el.remove();
    await Promise.all(ready);
    for (const el of late) el.remove();
  },
});
if (section('cycles')) {
  await cycleBench('card mount/unmount', N.cycles, BATCH, mountElements('card-component'));
  await cycleBench('wallet mount/unmount', N.cycles, BATCH, mountElements('wallet-button'));
  await cycleBench('checkout mount/launch/close/unmount', N.checkoutCycles, 1, {
    tag: 'moment-checkout',
    script: async ({ k, clientToken, framesOrigin, clientKey }) => {
      for (let i = 0; i < k; i++) {
        const el = document.createElement('moment-checkout');
        el.setAttribute('client-key', clientKey);
        el.setAttribute('frames-origin', framesOrigin);
        el.fetchClientToken = () => Promise.resolve(clientToken);
        document.body.append(el);
        await el.launch();
        el.close();
        el.remove();
      }
    },
  });
}
results.cycles = cycles;

await browser.close();
await site.close();

// 7. Sizes (gzip level 9), with the budgets of size-budget.json where there is one.
const budgets = JSON.parse(readFileSync(`${ROOT}size-budget.json`, 'utf8'));
// The frame pages' entry scripts, one row each; chunks they load on demand (locales…) in one row.
const FRAME_ENTRIES = ['card', 'checkout', 'wallet'];
const frameFiles = existsSync(`${ROOT}dist/frames`)
  ? readdirSync(`${ROOT}dist/frames`)
      .filter((f) => f.endsWith('.js'))
      .sort()
  : [];
const gz = (file) => gzipSync(readFileSync(`${ROOT}${file}`), { level: 9 }).length;
for (const file of ['dist/cdn/moment-elements.js', ...FRAME_ENTRIES.map((f) => `dist/frames/${f}.js`)].filter((f) => existsSync(`${ROOT}${f}`))) {
  const gzip = gz(file);
  results.sizes.push({ file, gzip, budget: budgets[file] ?? null, met: budgets[file] === undefined ? null : gzip <= budgets[file] });
}
const chunks = frameFiles
  .filter((f) => !FRAME_ENTRIES.includes(f.replace(/\.js$/, '')))
  .map((f) => ({ file: `dist/frames/${f}`, gzip: gz(`dist/frames/${f}`) }));
if (chunks.length) {
  const largest = chunks.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  results.sizes.push({
    file: `dist/frames: ${chunks.length} on-demand chunks, largest ${largest.file.replace('dist/frames/', '')}`,
    gzip: largest.gzip,
    budget: null,
    met: null,
    chunks,
  });
}
results.seconds = (Date.now() - started) / 1000;

// ---------------------------------------------------------------------------------------------
const ms = (x) => `${x.toFixed(1)} ms`;
const rows = [['metric', 'subject', 'baseline', 'ratio / added', '95% interval', 'n', 'target', 'met?']];
const yes = (met) => (met === null || met === undefined ? '–' : met ? 'yes' : 'NO');
for (const m of results.metrics) {
  const ratio = m.kind === 'ratio of medians';
  const stat = ratio ? 'median' : m.kind.replace('added ms at ', '');
  rows.push([
    `${m.name} (${stat})`,
    ms(m.subject),
    ms(m.baseline),
    ratio ? `${m.value.toFixed(2)}×` : `${m.value >= 0 ? '+' : ''}${m.value.toFixed(1)} ms`,
    ratio ? `${m.lo.toFixed(2)}–${m.hi.toFixed(2)}×` : `${m.lo.toFixed(1)} … ${m.hi.toFixed(1)} ms`,
    String(m.n),
    m.target ?? 'report',
    `${yes(m.met)}${m.intervalSpansTarget ? '*' : ''}`,
  ]);
}
for (const c of cycles) {
  rows.push([
    `${c.name}: iframes / listeners / ports left`,
    `${c.iframesLeft + c.framesLeft} / ${c.listenersLeft} / ${c.portsLeft}`,
    '0 / 0 / 0',
    '',
    '',
    String(c.cycles),
    '0',
    yes(c.iframesLeft + c.framesLeft + c.listenersLeft + c.portsLeft === 0),
  ]);
  const growth = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  rows.push([
    `${c.name}: heap after GC, 2nd half`,
    `${(c.heap.end / 1048576).toFixed(2)} MB`,
    `${(c.heap.half / 1048576).toFixed(2)} MB`,
    growth(c.heapGrowthSecondHalf),
    `1st half ${growth(c.heapGrowthFirstHalf)}`,
    String(c.cycles),
    '≤ +5 %',
    yes(c.heapGrowthSecondHalf <= 0.05),
  ]);
}
for (const s of results.sizes) {
  rows.push([`gzip ${s.file}`, `${(s.gzip / 1024).toFixed(1)} KB`, '', '', '', '', s.budget ? `≤ ${(s.budget / 1024).toFixed(1)} KB` : 'report', yes(s.met)]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
console.log(
  `\nMoment Elements bench, ${results.date}, Chromium ${results.chromium}, ${results.seconds.toFixed(0)} s${SCALE !== 1 ? `, BENCH_SCALE=${SCALE}` : ''}`,
);
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log(
  [
    '',
    'Timings: interleaved pairs against a baseline measured in the same run; 95% intervals are paired bootstraps (4,000 resamples).',
    ...(cycles.length
      ? [
          `Cycles: card and wallet ${BATCH} at a time, half removed mid-handshake (next frame), half after ready; checkout one at a time (launch, close, unmount). Listeners counted on window, document and MessagePorts of the host page.`,
        ]
      : []),
    '* the 95% interval spans the target: the run cannot tell. Targets are reported, not asserted; bench/results.json has every sample.',
  ].join('\n'),
);
writeFileSync(`${ROOT}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
