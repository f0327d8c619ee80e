// The gallery as a merchant sees it: builds the static Storybook, serves it with a local sandbox
// on another origin (scripts/gallery.mjs), opens every entry of its index.json in headless
// Chromium and checks: no console or page errors, every card / wallet / checkout story reaches
// `ready` with a connected cross-origin frame, the Docs pages of all three elements, the Actions
// panel, and real payments with the sandbox's test cards typed into the frames.
//   npm run test:gallery [-- --no-build] [--dir <a built gallery>] [--only <part of a story id>]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from './find-chrome.mjs';
import { GALLERY_DIR, buildGallery, startGallery } from './gallery.mjs';

const { values: options } = parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, dir: { type: 'string' }, only: { type: 'string' } },
});
const galleryDir = options.dir ?? GALLERY_DIR;

const STORY_TIMEOUT = 20_000;
const OVERALL_TIMEOUT = 5 * 60_000;
const CONCURRENCY = 2;
const TAGS = ['card-component', 'wallet-button', 'moment-checkout'];
/** Events the test page records (capture phase on document, before any story code runs). */
const RECORDED = [
  'ready',
  'load-error',
  'checkout-open',
  'checkout-error',
  'payment-success',
  'payment-attempt-failed',
  'payment-failure',
  'payment-expired',
  'payment-cancel',
  'wallet-availability',
];

let planned = 0;
const watchdog = setTimeout(() => {
  const passed = results.filter((r) => !r.error).length;
  const unfinished = Math.max(1, planned - results.length);
  console.error(`Gallery test: over ${OVERALL_TIMEOUT / 60_000} minutes; ${unfinished} checks did not finish.`);
  console.log(`${passed} passed, ${results.length - passed + unfinished} failed`);
  process.exit(1);
}, OVERALL_TIMEOUT);
watchdog.unref();

/** What a story must show, from its id: which element it is about, and whether it is meant to fail loading. */
function expectationsFor(entry) {
  const tag = TAGS.find((t) => entry.id.startsWith(`elements-${t}--`));
  const name = entry.id.slice(entry.id.indexOf('--') + 2);
  return {
    tag,
    name,
    loadError: name.startsWith('load-error'),
    loading: name === 'loading',
  };
}

/**
 * Console lines a story is expected to print: its own load error, said once by the element, with
 * the browser's line for the request that failed; and the browser's line for the payment the
 * provider refused (401) in the expired-session story.
 */
function allowed(entry, text) {
  const { loadError, tag, name } = expectationsFor(entry);
  if (name === 'expired-token') return /Failed to load resource: the server responded with a status of 401/.test(text);
  if (!loadError) return false;
  // The browser's own line for the request that failed: a closed port, or an endpoint's error status.
  return (
    text.startsWith(`Moment Elements <${tag}>:`) ||
    /Failed to load resource: (net::ERR_CONNECTION_REFUSED|the server responded with a status of [45]\d\d)/.test(text)
  );
}

const results = [];
function record(name, error) {
  results.push({ name, error });
  console.log(
    error
      ? `not ok - ${name}\n    ${String(error.message ?? error)
          .split('\n')
          .join('\n    ')}`
      : `ok - ${name}`,
  );
}

async function withTimeout(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function installRecorder(events) {
  window.__galleryEvents = [];
  for (const type of events) {
    document.addEventListener(
      type,
      (event) => {
        const target = event.composedPath()[0];
        window.__galleryEvents.push({ type, tag: target?.localName ?? '', detail: JSON.parse(JSON.stringify(event.detail ?? null)) });
      },
      true,
    );
  }
}

/** Opens one index entry in its own page; returns the page and the problems seen on it. */
async function open(context, gallery, entry) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !allowed(entry, text)) problems.push(`console.error: ${text}`);
    if (message.type() === 'warning' && /Multiple versions of Lit|Lit is in dev mode/.test(text)) problems.push(`console.warn: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(installRecorder, RECORDED);
  const url = new URL('iframe.html', gallery.siteUrl);
  url.searchParams.set('id', entry.id);
  url.searchParams.set('viewMode', entry.type === 'docs' ? 'docs' : 'story');
  url.searchParams.set('framesOrigin', gallery.framesOrigin);
  await page.goto(url.href);
  return { page, problems };
}

/** Waits for Storybook to finish the story: rendered and its play function done. */
async function storyDone(page) {
  await page.waitForFunction(
    () => {
      const phase = window.__STORYBOOK_PREVIEW__?.currentRender?.phase;
      return ['finished', 'completed', 'errored', 'aborted'].includes(phase);
    },
    null,
    { timeout: STORY_TIMEOUT },
  );
  const phase = await page.evaluate(() => window.__STORYBOOK_PREVIEW__.currentRender.phase);
  if (phase !== 'finished' && phase !== 'completed') {
    const shown = await page
      .locator('#error-message, #error-stack')
      .allTextContents()
      .catch(() => []);
    throw new Error(`the story ended "${phase}" ${shown.join(' ').slice(0, 400)}`);
  }
}

/** Every `tag` element under `scope` fired `ready` and holds a connected iframe from the frames origin (cross-origin to the page). */
async function expectReadyFrames(page, tag, framesOrigin, scope = 'body') {
  await page.waitForFunction(
    ({ tag, scope }) => {
      const elements = document.querySelector(scope)?.querySelectorAll(tag) ?? [];
      const ready = window.__galleryEvents.filter((e) => e.type === 'ready' && e.tag === tag).length;
      return elements.length > 0 && ready >= elements.length;
    },
    { tag, scope },
    { timeout: STORY_TIMEOUT },
  );
  const frames = await page.evaluate(
    ({ tag, scope }) =>
      [...document.querySelector(scope).querySelectorAll(tag)].map((el) => {
        const iframe = el.shadowRoot?.querySelector('iframe');
        return { src: iframe?.src ?? null, connected: iframe?.isConnected ?? false, crossOrigin: iframe ? iframe.contentDocument === null : false };
      }),
    { tag, scope },
  );
  const pageOrigin = new URL(page.url()).origin;
  for (const frame of frames) {
    if (!frame.src || !frame.connected) throw new Error(`<${tag}> has no connected iframe`);
    const origin = new URL(frame.src).origin;
    if (origin !== framesOrigin || origin === pageOrigin || !frame.crossOrigin)
      throw new Error(`<${tag}>'s frame ${frame.src} is not cross-origin from ${framesOrigin}`);
  }
  const loaded = page.frames().filter((f) => f.url().startsWith(`${framesOrigin}/`));
  if (loaded.length < frames.length) throw new Error(`only ${loaded.length} of ${frames.length} frames from ${framesOrigin} are loaded`);
}

async function fillCard(frame, number) {
  await frame.locator('#card-number').fill(number);
  await frame.locator('#expiry-date').fill('1234');
  await frame.locator('#cv2').fill('123');
  await frame.locator('#card-name').fill('Ada Lovelace');
}

async function outputText(page, pattern) {
  const output = page.locator('output', { hasText: pattern });
  await output.waitFor({ timeout: STORY_TIMEOUT });
  return output.textContent();
}

/** The checks of one story entry, beyond "no errors". */
async function checkStory(page, entry, gallery) {
  const { tag, name, loadError, loading } = expectationsFor(entry);
  await storyDone(page);
  if (!tag) return;
  if (name === 'mobile') {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
    if (innerWidth !== 375 || scrollWidth > innerWidth) throw new Error(`at ${innerWidth} px wide the page scrolls sideways (${scrollWidth} px)`);
  }
  const { framesOrigin } = gallery;
  if (loadError) {
    const errorEvent = tag === 'moment-checkout' ? 'checkout-error' : 'load-error';
    await page.waitForFunction((type) => window.__galleryEvents.some((e) => e.type === type), errorEvent, { timeout: STORY_TIMEOUT });
    return;
  }
  if (loading) {
    await page.locator(`${tag} [part="skeleton"]`).waitFor({ timeout: STORY_TIMEOUT });
    const ready = await page.evaluate(() => window.__galleryEvents.some((e) => e.type === 'ready'));
    if (ready) throw new Error('the loading story became ready without a token');
    await page.getByRole('button', { name: 'Create the session now' }).click();
    await expectReadyFrames(page, tag, framesOrigin);
    return;
  }
  if (tag === 'moment-checkout') {
    // The play function opened it; the hosted checkout is a frame from the frames origin.
    // Modal: inside the element; inline: in the page's container. Playwright's CSS pierces shadow roots.
    const frame = page.frameLocator(`iframe[src^="${framesOrigin}/"]`);
    await frame.locator('#card-number').waitFor({ timeout: STORY_TIMEOUT });
    if (name === 'modal') {
      await fillCard(frame, '4242424242424242');
      await frame.locator('.mc-pay').click();
      await outputText(page, /Paid/);
    }
    return;
  }
  await expectReadyFrames(page, tag, framesOrigin);
  if (tag === 'card-component') {
    const card = page.frameLocator('card-component iframe');
    if (name === 'success') {
      await fillCard(card, '4242424242424242');
      await page.locator('button.pay').click();
      const text = await outputText(page, /statusCode/);
      if (!/statusCode 0/.test(text)) throw new Error(`4242 did not pay: ${text}`);
    } else if (name === 'declined') {
      await fillCard(card, '4000000000000002');
      await page.locator('button.pay').click();
      const text = await outputText(page, /statusCode/);
      if (!/statusCode 5/.test(text)) throw new Error(`0002 was not declined: ${text}`);
    } else if (name === '3-d-secure-challenge') {
      await fillCard(card, '4000000000003220');
      await page.locator('button.pay').click();
      await card.frameLocator('iframe').locator('#pass').click({ timeout: STORY_TIMEOUT });
      const text = await outputText(page, /statusCode/);
      if (!/statusCode 0/.test(text)) throw new Error(`the passed challenge did not pay: ${text}`);
    } else if (name === 'expired-token') {
      // The session lives 2 s: pay once it has ended, and the provider's answer is payment-expired.
      await page.waitForTimeout(2_500);
      await fillCard(card, '4242424242424242');
      await page.locator('button.pay').click();
      await outputText(page, /expired/);
      const expired = await page.evaluate(() => window.__galleryEvents.some((e) => e.type === 'payment-expired'));
      if (!expired) throw new Error('no payment-expired after paying on an expired session');
    } else if (name === 'invalid') {
      const shown = await page.evaluate(() => window.__galleryEvents.some((e) => e.type === 'ready'));
      if (!shown) throw new Error('no ready');
    }
  }
  if (tag === 'wallet-button' && name === 'sandbox-wallet-sheet') {
    const wallet = page.frameLocator('wallet-button iframe');
    await wallet.locator('#wallet-button').click({ timeout: STORY_TIMEOUT });
    await wallet.locator('#sheet-pay').click({ timeout: STORY_TIMEOUT });
    await outputText(page, /payment-success/);
  }
}

/** A docs page: the element's name, a live primary story, and the tables read from the manifest. */
async function checkDocs(page, entry, gallery) {
  const tag = TAGS.find((t) => entry.id.startsWith(`elements-${t}--`));
  await page.locator('.sbdocs-title', { hasText: tag ?? '' }).waitFor({ timeout: STORY_TIMEOUT });
  const text = await page.locator('.sbdocs-content').textContent({ timeout: STORY_TIMEOUT });
  for (const heading of ['attributes / properties', 'events', 'methods', 'css shadow parts', 'css custom properties']) {
    if (!text.toLowerCase().includes(heading)) throw new Error(`the docs page has no "${heading}" table`);
  }
  // Events carry their detail type, read from the event maps: e.g. "CustomEvent<ReadyDetail>" and its shape.
  if (!/CustomEvent<\w+/.test(text) || !/`?detail`?: \{/.test(text)) throw new Error('the events table shows no detail types');
  if (tag !== 'moment-checkout') await expectReadyFrames(page, tag, gallery.framesOrigin, '.sbdocs-content');
}

/** In the Storybook UI, the Actions panel lists `ready` with its detail for the card story. */
async function checkActionsPanel(context, gallery) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  try {
    const url = new URL(gallery.siteUrl);
    url.searchParams.set('path', '/story/elements-card-component--default');
    url.searchParams.set('framesOrigin', gallery.framesOrigin);
    await page.goto(url.href);
    await page.getByRole('tab', { name: /Actions/ }).click({ timeout: STORY_TIMEOUT });
    await page
      .getByText(/^ready/)
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: STORY_TIMEOUT });
    await page
      .getByText(/height/)
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: STORY_TIMEOUT });
    if (problems.length) throw new Error(problems.join('\n'));
  } finally {
    await page.close();
  }
}

async function main() {
  if (!options['no-build'] && !options.dir) {
    console.log('Building the static gallery…');
    buildGallery({ forceGallery: true, libraryIfStale: false, quiet: true, log: () => {} });
  }
  const index = JSON.parse(readFileSync(join(galleryDir, 'index.json'), 'utf8'));
  let entries = Object.values(index.entries);
  if (options.only) entries = entries.filter((entry) => entry.id.includes(options.only));

  const profile = mkdtempSync(join(tmpdir(), 'moment-gallery-'));
  process.env.XDG_CONFIG_HOME = join(profile, 'config');
  process.env.XDG_CACHE_HOME = join(profile, 'cache');
  const gallery = await startGallery({ dir: galleryDir, port: 0, sandboxPort: 0, sandboxOptions: { demoSessionsPerMinute: 100_000 } });
  const browser = await chromium.launch({
    executablePath: ensureChrome(),
    args: CHROME_ARGS,
  });
  console.log(`Gallery ${gallery.siteUrl} with the sandbox at ${gallery.framesOrigin}: ${entries.length} entries`);
  planned = TAGS.length + entries.length + (options.only ? 0 : 1);
  try {
    for (const tag of TAGS) {
      const id = `elements-${tag}--docs`;
      record(`a Docs page exists for <${tag}>`, index.entries[id]?.type === 'docs' ? undefined : new Error(`no ${id} in index.json`));
    }
    const queue = [...entries];
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const name = `${entry.type === 'docs' ? 'docs' : 'story'} ${entry.title} / ${entry.name} (${entry.id})`;
        let context;
        let error;
        let problems = [];
        try {
          // The mobile stories at the width the gallery's "Mobile 375 px" viewport gives them.
          const mobile = /--mobile/.test(entry.id);
          context = await browser.newContext({
            viewport: mobile ? { width: 375, height: 667 } : { width: 1024, height: 800 },
            isMobile: mobile,
            hasTouch: mobile,
          });
          const opened = await withTimeout(open(context, gallery, entry), STORY_TIMEOUT, 'loading the page');
          problems = opened.problems;
          await withTimeout(
            entry.type === 'docs' ? checkDocs(opened.page, entry, gallery) : checkStory(opened.page, entry, gallery),
            STORY_TIMEOUT * 2,
            'the checks',
          );
          // Late errors (a failing request after ready) count too.
          await opened.page.waitForTimeout(300);
        } catch (caught) {
          error = caught;
        }
        if (!error && problems.length) error = new Error(problems.join('\n'));
        else if (error && problems.length) error = new Error(`${error.message}\n${problems.join('\n')}`);
        record(name, error);
        await context?.close().catch(() => {});
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (!options.only) {
      const context = await browser.newContext();
      try {
        await withTimeout(checkActionsPanel(context, gallery), STORY_TIMEOUT * 2, 'the Actions panel');
        record('the Actions panel shows ready with its detail (manager UI)');
      } catch (error) {
        record('the Actions panel shows ready with its detail (manager UI)', error);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await gallery.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const failed = results.filter((r) => r.error).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log(`${results.filter((r) => !r.error).length} passed, ${results.filter((r) => r.error).length + 1} failed`);
  process.exit(1);
});
