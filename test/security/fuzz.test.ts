/**
 * Fuzzing the bridge: seeded, generated messages at the host (the page's window, from this page
 * and from another page on the frames origin, and the element's real port) and at each frame
 * (from its parent before the connect, from another page on the frames origin, and into the
 * port after the connect). Nothing may be acted on and nothing may throw in either realm.
 */
import { expect } from '@open-wc/testing';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import '../../src/elements/card-component/card-component.js';
import type { FrameKind } from '../../src/protocol/messages.js';
import { TEST_KEY, createSession, frameEval, getSession, until } from '../support/helpers.js';
import { generateMessages, type FuzzMessage } from './fuzz-gen.js';
import { cardConfig, checkoutConfig, walletConfig } from '../frame/frame-host.js';
import {
  INSTALL_PROBE,
  TABLES,
  collectHostErrors,
  frameIndex,
  hostPollution,
  openRawFrame,
  postTo,
  quietFramesOriginPage,
  readFrameRealm,
  recordAll,
} from './support.js';

const SEED = 20261201;
const MARKER = 'security-fuzz-done';

/** Script for frame-eval in a page on the frames origin: posts generated messages to `target`. */
function postFromFramesOrigin(options: { target: 'parent' | number; seed: number; count: number; ctx: object; waitFor?: string }): string {
  return `
    const gen = ${generateMessages.toString()};
    const messages = gen(${options.seed}, ${options.count}, ${JSON.stringify(options.ctx)});
    const target = ${options.target === 'parent' ? 'parent' : `parent.frames[${options.target}]`};
    const send = () => {
      let sent = 0;
      for (const m of messages) {
        const ports = Array.from({ length: m.ports }, () => new MessageChannel().port2);
        target.postMessage(m.data, '*', ports);
        sent++;
      }
      target.postMessage(${JSON.stringify(MARKER)}, '*');
      return sent;
    };
    ${
      options.waitFor
        ? `window.__fuzzReady = new Promise((resolve) => addEventListener('message', (e) => { if (e.data === ${JSON.stringify(options.waitFor)}) resolve(send()); }));
           return messages.length;`
        : 'return send();'
    }`;
}

const categories = (messages: FuzzMessage[]) => [...new Set(messages.map((m) => m.category))].sort().join(',');

describe('security: fuzzing the bridge', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  it('host: 10,000 forged messages (window from this page and from the frames origin, and the real port) are not acted on and throw nothing', async () => {
    const hostErrors = collectHostErrors();
    const session = await createSession();
    const impostor = await quietFramesOriginPage('sec-impostor');
    const el = document.createElement('card-component') as CardComponent;
    el.clientKey = TEST_KEY;
    el.clientToken = session.client_token;
    // Its own frame is held back while the forged hellos land: room for a slow, busy machine.
    el.loadTimeout = 60_000;
    // Lit context lookups (for an enclosing <moment-checkout>) are the element asking, not acting.
    const all = recordAll(el);
    const events = {
      filter: (f: (e: { name: string }) => boolean) => all.filter((e) => e.name !== 'context-request').filter(f),
      map: <T>(f: (e: { name: string }) => T) => all.filter((e) => e.name !== 'context-request').map(f),
    };
    const wrapper = document.createElement('div');
    wrapper.style.width = '420px';
    document.body.append(wrapper);
    let fromImpostor = 0;
    let beforeReady = 0;
    let impostorDone = false;
    let ready = false;
    el.addEventListener('ready', () => (ready = true));
    const onMessage = (e: MessageEvent) => {
      if (e.source !== impostor.contentWindow) return;
      if (e.data === MARKER) impostorDone = true;
      else {
        fromImpostor++;
        if (!ready) beforeReady++;
      }
    };
    window.addEventListener('message', onMessage);
    try {
      wrapper.append(el);
      await el.updateComplete;
      const iframe = el.shadowRoot!.querySelector('iframe')!;
      const channel = new URLSearchParams(new URL(iframe.src).hash.slice(1)).get('channel')!;
      const eventNames = Object.keys(TABLES.card.events);
      const windowCtx = { level: 'window', channel, frame: 'card', names: eventNames, replays: true } as const;

      // The element's own frame is held back (its page not loaded yet), so that every one of
      // these lands while the element waits for a hello: right origin, right channel, wrong source.
      const ownSrc = iframe.src;
      iframe.src = 'about:blank';
      // Until the element's own frame has said hello, no hello may have connected it.
      type WithPort = { frame: { port: { port: MessagePort } | undefined } };
      let ownHello = false;
      let impostorBeforeOwnHello = 0;
      let hijacked = 0;
      const watchConnection = (e: MessageEvent) => {
        if (e.source === iframe.contentWindow) ownHello = true;
        else if (e.source === impostor.contentWindow && e.data !== MARKER && !ownHello) {
          impostorBeforeOwnHello++;
          if ((el as unknown as WithPort).frame.port) hijacked++;
        }
      };
      window.addEventListener('message', watchConnection);
      const armed = await frameEval<number>(
        impostor.name,
        postFromFramesOrigin({ target: 'parent', seed: SEED + 1, count: 3000, ctx: windowCtx, waitFor: 'go' }),
      );
      expect(armed).to.equal(3000);
      impostor.contentWindow!.postMessage('go', '*');
      // This page itself (wrong origin and source), replays of the real hello included.
      const own = generateMessages(SEED, 3000, windowCtx);
      let ownDone = false;
      const onOwn = (e: MessageEvent) => {
        if (e.source === window && e.data === MARKER) ownDone = true;
      };
      window.addEventListener('message', onOwn);
      for (const m of own) postTo(window, m.data, m.ports);
      window.postMessage(MARKER, '*');
      await until(() => ownDone && impostorDone, 20_000, 'all window messages delivered');
      window.removeEventListener('message', onOwn);
      expect(ready, 'ready before its own frame loaded').to.equal(false);
      expect(hijacked, 'hellos from another frames-origin page that connected the element').to.equal(0);
      expect((el as unknown as WithPort).frame.port === undefined, 'no connection before its own frame loaded').to.equal(true);
      // Now its own frame loads, and connects.
      iframe.src = ownSrc;
      await until(() => ready, 10_000, 'the element ready');

      window.removeEventListener('message', watchConnection);

      // After the connect: raw data into the element's real port, as if the frame sent it.
      const connection = (el as unknown as WithPort).frame;
      const endpoint = connection.port!;
      const port = endpoint.port;
      const portMessages = generateMessages(SEED + 2, 4000, { level: 'port', channel, frame: 'card', names: eventNames, replays: false });
      for (const m of portMessages) port.dispatchEvent(new MessageEvent('message', { data: m.data }));

      const sent = own.length + fromImpostor + portMessages.length;
      const acted =
        hijacked +
        events.filter((e) => e.name !== 'ready').length +
        (events.filter((e) => e.name === 'ready').length === 1 ? 0 : 1) +
        (connection.port === endpoint ? 0 : 1);
      const polluted = hostPollution();
      const thrown = hostErrors.errors.length + polluted.length;
      console.log(
        `security: fuzz host sent=${sent} acted=${acted} thrown=${thrown} (window-own=${own.length} window-frames-origin=${fromImpostor} before-ready=${beforeReady} before-own-hello=${impostorBeforeOwnHello} port=${portMessages.length}; categories ${categories([...own, ...portMessages])})`,
      );
      expect(fromImpostor).to.equal(3000);
      expect(sent).to.be.at.least(10_000);
      expect(hostErrors.errors).to.deep.equal([]);
      expect(polluted).to.deep.equal([]);
      expect(hijacked, 'hellos from another frames-origin page that connected the element').to.equal(0);
      expect(events.map((e) => e.name)).to.deep.equal(['ready']);
      expect(connection.port === endpoint, 'the same connection').to.equal(true);
      // Still the same working connection.
      const validation = await el.validate();
      expect(validation.valid).to.equal(false);
      expect((await getSession(session.id)).payment).to.equal(null);
    } finally {
      window.removeEventListener('message', onMessage);
      hostErrors.stop();
      wrapper.remove();
      impostor.remove();
    }
  });

  const configs = { card: cardConfig, wallet: walletConfig, checkout: checkoutConfig } as const;
  for (const [index, kind] of (['card', 'wallet', 'checkout'] as FrameKind[]).entries()) {
    it(`${kind} frame: 10,000 forged messages (hostile parent before connect, another frames-origin page, the port after) are not acted on and throw nothing`, async () => {
      const hostErrors = collectHostErrors();
      const session = await createSession();
      const frame = await openRawFrame(kind, { height: kind === 'checkout' ? 700 : 300 });
      const sibling = await quietFramesOriginPage(`sec-sibling-${kind}`);
      try {
        await frameEval(frame.name, INSTALL_PROBE);
        const methods = Object.keys(TABLES[kind].requests);
        const seed = SEED + 100 * (index + 1);
        // 1. The parent page itself, before connecting: everything it posts but a real connect.
        const fromParent = generateMessages(seed, 4000, { level: 'window', channel: frame.channel, frame: kind, names: methods, replays: false });
        for (const m of fromParent) postTo(frame.iframe.contentWindow!, m.data, m.ports);
        // 2. Another page on the frames origin (wrong origin for the frame, wrong source), replays of the real connect included.
        const fromSibling = await frameEval<number>(
          sibling.name,
          postFromFramesOrigin({
            target: frameIndex(frame.iframe.contentWindow),
            seed: seed + 1,
            count: 1000,
            ctx: { level: 'window', channel: frame.channel, frame: kind, names: methods, replays: true },
          }),
        );
        // The real connect, after all of that: it must still be the one accepted.
        frame.connect();
        const config = configs[kind](session.client_token);
        await frame.request('configure', config);
        const eventsBefore = frame.events.filter((e) => e.name !== 'resize').length;
        // 3. Into the port after the connect.
        const portMessages = generateMessages(seed + 2, 5000, { level: 'port', channel: frame.channel, frame: kind, names: methods, replays: false });
        const fuzzIds = new Set<string>();
        for (const m of portMessages) {
          const id = (m.data as { id?: unknown } | null)?.id;
          if (typeof id === 'string') fuzzIds.add(id);
          frame.port!.postMessage(m.data);
        }
        // A real request after them all: its answer comes after every answer to theirs.
        await frame.request('configure', config);
        const answered = frame.raw.filter((r) => fuzzIds.has((r as { id: string }).id));
        const okAnswers = answered.filter((r) => (r as { ok: boolean }).ok === true);
        const newEvents = frame.events.filter((e) => e.name !== 'resize').slice(eventsBefore);
        const realm = await readFrameRealm(frame.name);
        const payment = (await getSession(session.id)).payment;
        const sent = fromParent.length + fromSibling + portMessages.length;
        const acted = okAnswers.length + newEvents.length + (payment ? 1 : 0);
        const thrown = realm.errors.length + realm.polluted.length + hostErrors.errors.length;
        console.log(
          `security: fuzz ${kind} sent=${sent} acted=${acted} thrown=${thrown} (parent-before-connect=${fromParent.length} frames-origin-page=${fromSibling} port=${portMessages.length} port-answers=${answered.length}; categories ${categories([...fromParent, ...portMessages])})`,
        );
        expect(sent).to.be.at.least(10_000);
        expect(okAnswers).to.deep.equal([]);
        expect(newEvents).to.deep.equal([]);
        expect(payment).to.equal(null);
        expect(realm.errors).to.deep.equal([]);
        expect(realm.polluted).to.deep.equal([]);
        expect(hostErrors.errors).to.deep.equal([]);
        expect(hostPollution()).to.deep.equal([]);
        // Every refused request was answered with a refusal code, none with a result.
        for (const r of answered) expect(['invalid_params', 'unknown_method']).to.include((r as { error: { code: string } }).error.code);
      } finally {
        hostErrors.stop();
        frame.remove();
        sibling.remove();
      }
    });
  }
});
