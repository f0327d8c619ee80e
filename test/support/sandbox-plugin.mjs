// web-test-runner plugin: starts the local sandbox for the test run and gives the browser tests
// server commands to create sessions (with a secret key, as a merchant backend would) and to act
// inside the cross-origin frames through the browser's DevTools protocol, as a user or an
// assistive-technology audit would.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { buildFromSrc } from './src-build.mjs';

const SECRET_KEY = 'sk_test_wtr';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function sandboxPlugin() {
  /** @type {import('../../src/sandbox/index.js').Sandbox | undefined} */
  let sandbox;
  /** The sandbox and frames built from src for this run (see src-build.mjs). */
  let built;

  const api = async (path, init = {}) => {
    const response = await fetch(`${sandbox.origin}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/json', ...init.headers },
    });
    return { status: response.status, body: await response.json() };
  };

  /**
   * Over WebDriver BiDi (Firefox) a frame does not know its `name`: ask its iframe element. The
   * names are remembered per frame (a frame's iframe keeps its name).
   */
  const elementNames = new WeakMap();
  const frameByElementName = async (page, name) => {
    for (const frame of page.frames()) {
      if (!elementNames.has(frame)) {
        const element = await frame.frameElement().catch(() => null);
        const found = element ? await element.evaluate((e) => e.getAttribute('name') ?? '').catch(() => '') : '';
        if (found) elementNames.set(frame, found);
      }
      if (elementNames.get(frame) === name) return frame;
    }
    return undefined;
  };

  const findFrame = async (session, name, timeout = 10_000) => {
    const page = session.browser.getPage(session.id);
    const deadline = Date.now() + timeout;
    for (;;) {
      const frame = page.frames().find((f) => f.name() === name) ?? (await frameByElementName(page, name));
      if (frame) return frame;
      if (Date.now() > deadline) throw new Error(`No frame named "${name}" appeared within ${timeout} ms.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /**
   * A merchant's webhook endpoint, subscribed on first use with the documented body: it keeps every
   * delivery with whether each of its two signatures verified under the subscription's secret.
   */
  let receiver;
  const subscribeWebhooks = async () => {
    if (receiver) return receiver;
    const { verifyDojoSignature, verifyWebhookSignature } = await import(built.sandboxModule);
    const deliveries = [];
    let secret = '';
    const server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        let event = null;
        try {
          event = JSON.parse(body.toString('utf8'));
        } catch {
          // Not JSON: kept as null, the test sees it.
        }
        deliveries.push({
          event,
          dojoSignature: verifyDojoSignature(body, req.headers, secret),
          momentSignature: verifyWebhookSignature(body, req.headers, secret),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { status, body } = await api('/webhooks', {
      method: 'POST',
      body: JSON.stringify({
        events: ['payment_intent.status_updated', 'payment_session.status_updated'],
        url: `http://127.0.0.1:${server.address().port}/webhooks`,
      }),
    });
    if (status !== 201) throw new Error(`webhook subscription failed: ${status} ${JSON.stringify(body)}`);
    secret = body.secrets[0].value;
    receiver = { server, deliveries };
    return receiver;
  };
  /** The deliveries about one session, once one says it is paid (at most `timeout` ms). */
  const deliveriesOf = async (sessionId, timeout = 5000) => {
    const { deliveries } = await subscribeWebhooks();
    const about = () => deliveries.filter((d) => (d.event?.data?.paymentIntentId ?? d.event?.data?.sessionId) === sessionId);
    const deadline = Date.now() + timeout;
    while (!about().some((d) => d.event?.data?.paymentStatus === 'Captured') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return about();
  };

  return {
    name: 'moment-sandbox',
    async serverStart({ logger }) {
      // The sandbox and the frames come from src, never from dist/ (which may be stale).
      const log = (line) => (logger ?? console).log(line);
      built = await buildFromSrc({ watch: process.argv.includes('--watch'), log });
      log(`[moment-wtr] built the sandbox and the frames from src with esbuild in ${built.ms} ms`);
      const { startSandbox } = await import(built.sandboxModule);
      sandbox = await startSandbox({ port: 0, host: '127.0.0.1', framesDir: built.framesDir });
    },
    async serverStop() {
      receiver?.server.closeAllConnections();
      receiver?.server.close();
      await sandbox?.close();
      await built?.dispose();
    },
    async executeCommand({ command, payload = {}, session }) {
      switch (command) {
        case 'sandbox-origin':
          return { origin: sandbox.origin };
        case 'create-session': {
          const { amount = 1000, currency = 'GBP', variant, mode, successUrl, extra = {} } = payload;
          const { status, body } = await api('/collect/payment_sessions', {
            method: 'POST',
            body: JSON.stringify({
              amount,
              currency,
              type: 'one_time',
              options: {
                checkout_options: {
                  presentation_mode: { mode: mode ?? 'embedded', ...(variant ? { variant } : {}) },
                  ...(successUrl ? { success_url: successUrl } : {}),
                },
              },
              ...extra,
            }),
          });
          if (status !== 200) throw new Error(`create-session failed: ${status} ${JSON.stringify(body)}`);
          return body;
        }
        case 'subscribe-webhooks':
          await subscribeWebhooks();
          return true;
        case 'webhook-deliveries':
          return { deliveries: await deliveriesOf(payload.sessionId) };
        case 'get-session':
          return (await api(`/collect/payment_sessions/${encodeURIComponent(payload.id)}`)).body;
        case 'expire-session':
          sandbox.expireSession(payload.id);
          return true;
        case 'answer-next-payment':
          sandbox.answerNextPayment(payload.id, { status: payload.status, body: payload.body });
          return true;
        case 'add-fault':
          // payload: the fault spec of POST /test/faults ({route, fault, status?, delay_ms?, times?, session_id?}).
          return sandbox.addFault(payload);
        case 'fault-remaining': {
          // How many more requests the fault applies to (0 once used up: the sandbox drops it then).
          const { body } = await api('/test/faults');
          return { remaining: body.data?.find((fault) => fault.id === payload.id)?.remaining ?? 0 };
        }
        case 'clear-faults':
          sandbox.clearFaults();
          return true;
        case 'emulate': {
          const { status, body } = await api('/test/emulation', { method: 'POST', body: JSON.stringify(payload) });
          if (status !== 200) throw new Error(`emulate failed: ${status} ${JSON.stringify(body)}`);
          return body;
        }
        case 'frame-eval': {
          const frame = await findFrame(session, payload.frame);
          // Wrapped: a bare `undefined` or `null` would tell the runner the command was not handled.
          return { result: await frame.evaluate(`(async () => { ${payload.script} })()`) };
        }
        case 'frame-type': {
          const frame = await findFrame(session, payload.frame);
          await frame.waitForSelector(payload.selector, { timeout: 10_000 });
          await frame.type(payload.selector, payload.text, { delay: payload.delay ?? 0 });
          return true;
        }
        case 'frame-click': {
          const frame = await findFrame(session, payload.frame);
          await frame.waitForSelector(payload.selector, { timeout: 10_000 });
          await frame.click(payload.selector);
          return true;
        }
        case 'frame-child-click': {
          // Clicks in a frame nested inside the named frame (the 3-D Secure challenge).
          const parent = await findFrame(session, payload.frame);
          const deadline = Date.now() + 10_000;
          for (;;) {
            const child = parent.childFrames().find((f) => f.url().includes(payload.urlIncludes));
            if (child) {
              // Enabled: the challenge page enables its buttons once its script listens.
              const selector = `:is(${payload.selector}):enabled`;
              await child.waitForSelector(selector, { timeout: 10_000 });
              await child.click(selector);
              return true;
            }
            if (Date.now() > deadline) throw new Error(`No child frame with "${payload.urlIncludes}" in its URL.`);
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        case 'frame-axe': {
          const frame = await findFrame(session, payload.frame);
          await frame.evaluate(axeSource);
          return frame.evaluate(async () => {
            // The frame is a widget inside the merchant's page, not a page: the rules about a
            // page's own landmarks and headings belong to the host page's audit.
            const pageRules = ['landmark-one-main', 'page-has-heading-one', 'region'];
            // eslint-disable-next-line no-undef -- axe-core, evaluated into the frame just above
            const results = await axe.run(document, {
              resultTypes: ['violations'],
              rules: Object.fromEntries(pageRules.map((id) => [id, { enabled: false }])),
            });
            return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
          });
        }
        default:
          return undefined;
      }
    },
  };
}
