/**
 * Support for the security suite: a raw host for one real frame page (the handshake done by
 * hand, so that a test can act as a hostile parent before connecting and post raw data into the
 * port after), probes of both realms (errors, prototype pollution, CSP violations, requests made)
 * and a quiet page on the frames origin to post from.
 */
import type { Schema } from '../../src/protocol/schema.js';
import { cardEvents, cardRequests, ConnectMessage, envelope, type FrameKind } from '../../src/protocol/messages.js';
import { checkoutEvents, checkoutRequests } from '../../src/protocol/checkout.js';
import { walletEvents, walletRequests } from '../../src/protocol/wallet.js';
import { PortEndpoint } from '../../src/protocol/port.js';
import { frameEval, sandboxOrigin } from '../support/helpers.js';
import { loadFramePage, type FramePageOptions } from '../support/frames.js';

export const TABLES = {
  card: { requests: cardRequests, events: cardEvents },
  wallet: { requests: walletRequests, events: walletEvents },
  checkout: { requests: checkoutRequests, events: checkoutEvents },
} as const;

type Table = Record<string, { params: Schema<unknown>; result: Schema<unknown> }>;

export interface RawFrame {
  kind: FrameKind;
  iframe: HTMLIFrameElement;
  name: string;
  channel: string;
  /** Every event the frame sent over the port. */
  events: { name: string; detail: unknown }[];
  /** Every raw message that came in over the port. */
  raw: unknown[];
  /** Our end of the port, for posting raw data; set after `connect()`. */
  port: MessagePort | undefined;
  /** Completes the handshake as the real host does. */
  connect(): void;
  request(method: string, params: unknown, timeoutMs?: number): Promise<unknown>;
  remove(): void;
}

/** Opens a frame page of `kind` and waits for its first hello; the caller connects. */
export async function openRawFrame(kind: FrameKind, options: FramePageOptions = {}): Promise<RawFrame> {
  const { iframe, name, channel, origin } = await loadFramePage(kind, 'sec', options);
  const table = TABLES[kind];
  const results = Object.fromEntries(Object.entries(table.requests as Table).map(([m, spec]) => [m, spec.result]));
  let endpoint: PortEndpoint<Table> | undefined;
  const frame: RawFrame = {
    kind,
    iframe,
    name,
    channel,
    events: [],
    raw: [],
    port: undefined,
    connect() {
      const { port1, port2 } = new MessageChannel();
      endpoint = new PortEndpoint<Table>(port1, results as never, {
        events: table.events as Record<string, Schema<unknown>>,
        onEvent: (eventName, detail) => frame.events.push({ name: eventName, detail }),
      });
      const receive = port1.onmessage!;
      port1.onmessage = (event) => {
        frame.raw.push(event.data);
        receive.call(port1, event);
      };
      frame.port = port1;
      iframe.contentWindow!.postMessage({ ...envelope(), kind: 'connect', channel } satisfies ConnectMessage, origin, [port2]);
    },
    request(method, params, timeoutMs = 10_000) {
      if (!endpoint) throw new Error('Not connected.');
      return endpoint.request(method, params as never, timeoutMs);
    },
    remove() {
      endpoint?.close();
      iframe.remove();
    },
  };
  return frame;
}

/** A page on the frames origin that does nothing by itself (a frame page without its hash). */
export async function quietFramesOriginPage(name: string): Promise<HTMLIFrameElement> {
  const origin = await sandboxOrigin();
  const iframe = document.createElement('iframe');
  iframe.name = name;
  iframe.title = 'other page on the frames origin';
  iframe.style.cssText = 'width:10px;height:10px;border:0';
  iframe.src = `${origin}/frames/card`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  return iframe;
}

/** Index of `win` in `window.frames` (a page on another origin reaches a sibling frame this way). */
export function frameIndex(win: Window | null): number {
  for (let i = 0; i < window.frames.length; i++) if (window.frames[i] === win) return i;
  throw new Error('frame not found');
}

/** Script for frame-eval: starts recording errors, rejections and CSP violations in that realm. */
export const INSTALL_PROBE = `
  if (!window.__sec) {
    const sec = (window.__sec = { errors: [], violations: [] });
    addEventListener('error', (e) => sec.errors.push(String(e.message || e.type)), true);
    addEventListener('unhandledrejection', (e) => sec.errors.push('unhandledrejection: ' + String(e.reason && e.reason.message || e.reason)));
    document.addEventListener('securitypolicyviolation', (e) => sec.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  }
  return true;`;

export interface RealmReport {
  errors: string[];
  violations: string[];
  polluted: string[];
  resources: string[];
}

/** A check of prototype pollution: keys that appeared on the shared prototypes. */
export const POLLUTION_CHECK = `(() => {
  const found = [];
  for (const [n, p] of [['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype], ['String', String.prototype]]) {
    for (const k of Object.getOwnPropertyNames(p)) if (/polluted|^__sec/.test(k)) found.push(n + '.' + k);
  }
  if (({}).polluted !== undefined) found.push('({}).polluted');
  if (Object.getPrototypeOf(Object.prototype) !== null) found.push('Object.prototype has a prototype');
  return found;
})()`;

export function readFrameRealm(frame: string): Promise<RealmReport> {
  return frameEval<RealmReport>(
    frame,
    `const sec = window.__sec || { errors: ['no probe'], violations: [] };
     return { errors: sec.errors, violations: sec.violations, polluted: ${POLLUTION_CHECK},
              resources: performance.getEntriesByType('resource').map((e) => e.name) };`,
  );
}

export function hostPollution(): string[] {
  return new Function(`return ${POLLUTION_CHECK}`)() as string[];
}

/** Collects errors and unhandled rejections in this realm until `stop()`. */
export function collectHostErrors(): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandledrejection: ${String((e.reason as Error)?.message ?? e.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** Records the type of every event `el` dispatches (all of them, whatever their name). */
export function recordAll(el: HTMLElement): { name: string; detail: unknown }[] {
  const log: { name: string; detail: unknown }[] = [];
  const dispatch = el.dispatchEvent.bind(el);
  el.dispatchEvent = (event: Event) => {
    log.push({ name: event.type, detail: (event as CustomEvent).detail });
    return dispatch(event);
  };
  return log;
}

/** Posts one generated message, with fresh ports if it asks for them. */
export function postTo(target: Window, data: unknown, ports: number, targetOrigin = '*'): void {
  const transfer = Array.from({ length: ports }, () => new MessageChannel().port2);
  target.postMessage(data, targetOrigin, transfer);
}
