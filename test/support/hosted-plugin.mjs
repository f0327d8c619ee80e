// web-test-runner plugin: opens checkout pages TOP-LEVEL, in a tab of their own (as a redirect, a
// new tab or a mobile WebView opens them), and drives them through the browser's DevTools
// protocol. Every navigation the page asks for is recorded, including one to an app's own scheme
// (`yourapp://…`) that no handler takes: the DevTools protocol sees the request all the same.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function hostedPlugin() {
  /** @type {Map<string, { page: any, navigations: string[] }>} */
  const tabs = new Map();
  let next = 0;

  const tab = (id) => {
    const found = tabs.get(id);
    if (!found) throw new Error(`No hosted tab ${id}.`);
    return found;
  };

  const waitFor = async (predicate, timeout, what) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** The page's main frame, or its child frame whose URL has `urlIncludes` (the 3-D Secure challenge). */
  const frameOf = async (page, urlIncludes) =>
    urlIncludes
      ? waitFor(
          () =>
            page
              .mainFrame()
              .childFrames()
              .find((f) => f.url().includes(urlIncludes)),
          10_000,
          `a frame with "${urlIncludes}"`,
        )
      : page.mainFrame();

  return {
    name: 'moment-hosted',
    async serverStop() {
      for (const { page } of tabs.values()) await page.close().catch(() => {});
      tabs.clear();
    },
    async executeCommand({ command, payload = {}, session }) {
      switch (command) {
        case 'hosted-open': {
          const browser = session.browser.getPage(session.id).browser();
          const page = await browser.newPage();
          const navigations = [];
          const id = `tab${++next}`;
          tabs.set(id, { page, navigations });
          if (payload.mobile) {
            // A phone WebView: 375×812 CSS px, touch, a mobile user agent's viewport rules.
            await page.setViewport({ width: 375, height: 812, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
          } else {
            await page.setViewport({ width: payload.width ?? 1280, height: payload.height ?? 800 });
          }
          if (payload.languages) await page.setExtraHTTPHeaders({ 'Accept-Language': payload.languages.join(',') });
          if (payload.languages) {
            await page.evaluateOnNewDocument((langs) => {
              Object.defineProperty(navigator, 'languages', { get: () => langs });
              Object.defineProperty(navigator, 'language', { get: () => langs[0] });
            }, payload.languages);
          }
          const cdp = await page.createCDPSession();
          await cdp.send('Page.enable');
          // Renderer-initiated navigations, whatever their scheme (the app's deep link included).
          cdp.on('Page.frameRequestedNavigation', (event) => {
            navigations.push(event.url);
          });
          page.on('request', (request) => {
            if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
          });
          await page.goto(payload.url, { waitUntil: 'load', timeout: 15_000 });
          return { id };
        }
        case 'hosted-eval': {
          const { page } = tab(payload.id);
          const frame = await frameOf(page, payload.urlIncludes);
          return { result: await frame.evaluate(`(async () => { ${payload.script} })()`) };
        }
        case 'hosted-wait': {
          const { page } = tab(payload.id);
          const frame = await frameOf(page, payload.urlIncludes);
          await frame.waitForSelector(payload.selector, { timeout: payload.timeout ?? 10_000 });
          return true;
        }
        case 'hosted-type': {
          const { page } = tab(payload.id);
          await page.waitForSelector(payload.selector, { timeout: 10_000 });
          await page.type(payload.selector, payload.text);
          return true;
        }
        case 'hosted-click': {
          const { page } = tab(payload.id);
          const frame = await frameOf(page, payload.urlIncludes);
          const selector = `:is(${payload.selector}):enabled`;
          await frame.waitForSelector(selector, { timeout: 10_000 });
          if (payload.tap) await frame.tap(selector);
          else await frame.click(selector);
          return true;
        }
        case 'hosted-navigation': {
          // The first navigation the page asked for whose URL starts with `prefix`.
          const { navigations } = tab(payload.id);
          const url = await waitFor(
            () => navigations.find((u) => u.startsWith(payload.prefix)),
            payload.timeout ?? 10_000,
            `a navigation to ${payload.prefix}`,
          );
          return { url, navigations };
        }
        case 'hosted-axe': {
          // The hosted checkout is a whole page: every rule applies, the page's landmarks and headings included.
          const { page } = tab(payload.id);
          await page.evaluate(axeSource);
          return page.evaluate(async () => {
            // eslint-disable-next-line no-undef
            const results = await axe.run(document, { resultTypes: ['violations'] });
            return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
          });
        }
        case 'hosted-url':
          return { url: tab(payload.id).page.url() };
        case 'hosted-close': {
          const found = tabs.get(payload.id);
          tabs.delete(payload.id);
          await found?.page.close().catch(() => {});
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}
