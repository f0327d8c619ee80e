/**
 * A bare host for one real frame page served by the sandbox (frames origin 127.0.0.1, this page
 * localhost): the handshake of src/protocol/messages.ts, then requests and a log of events. Lets
 * the frame tests drive the built frame pages without the elements.
 */
import type { Infer, Schema } from '../../src/protocol/schema.js';
import { cardEvents, cardRequests, ConnectMessage, envelope, type FrameKind } from '../../src/protocol/messages.js';
import { checkoutEvents, checkoutRequests } from '../../src/protocol/checkout.js';
import { walletEvents, walletRequests } from '../../src/protocol/wallet.js';
import { PortEndpoint } from '../../src/protocol/port.js';
import { loadFramePage, type FramePageOptions } from '../support/frames.js';

const TABLES = {
  card: { requests: cardRequests, events: cardEvents },
  wallet: { requests: walletRequests, events: walletEvents },
  checkout: { requests: checkoutRequests, events: checkoutEvents },
} as const;

type Tables = typeof TABLES;
type Requests<K extends FrameKind> = Tables[K]['requests'];
type Results<K extends FrameKind> = { [M in keyof Requests<K>]: Requests<K>[M] extends { result: infer R } ? R : never };

export interface FrameHost<K extends FrameKind> {
  iframe: HTMLIFrameElement;
  name: string;
  events: { name: string; detail: unknown }[];
  request<M extends keyof Requests<K> & string>(method: M, params: unknown, timeoutMs?: number): Promise<Infer<Results<K>[M] & Schema<unknown>>>;
  /** Resolves with the detail of the next event `name` (or one already logged after `from`). */
  next(name: string, from?: number, timeoutMs?: number): Promise<unknown>;
  remove(): void;
}

/** Opens the frame page of `kind` in `parent` and completes the handshake. */
export async function openFrame<K extends FrameKind>(kind: K, options: FramePageOptions = {}): Promise<FrameHost<K>> {
  const { iframe, name, channel, origin } = await loadFramePage(kind, 'test', options);
  const events: { name: string; detail: unknown }[] = [];
  const waiters = new Set<() => void>();
  const tables = TABLES[kind];
  const results = Object.fromEntries(Object.entries(tables.requests).map(([m, spec]) => [m, spec.result]));
  const { port1, port2 } = new MessageChannel();
  const endpoint = new PortEndpoint<Record<string, { params: Schema<unknown>; result: Schema<unknown> }>>(port1, results as never, {
    events: tables.events as Record<string, Schema<unknown>>,
    onEvent: (eventName, detail) => {
      events.push({ name: eventName, detail });
      for (const wake of waiters) wake();
    },
  });
  iframe.contentWindow!.postMessage({ ...envelope(), kind: 'connect', channel } satisfies ConnectMessage, origin, [port2]);

  return {
    iframe,
    name,
    events,
    request: (method, params, timeoutMs = 10_000) => endpoint.request(method as never, params as never, timeoutMs) as never,
    next(eventName, from = events.length, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.slice(from).find((e) => e.name === eventName);
          if (!hit) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(hit.detail);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`No "${eventName}" event from the ${kind} frame within ${timeoutMs} ms.`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      });
    },
    remove() {
      endpoint.close();
      iframe.remove();
    },
  };
}

/** The card frame configuration with defaults. */
export const cardConfig = (clientToken: string, extra: object = {}) => ({
  clientToken,
  styles: {},
  text: {},
  errorMessages: {},
  fontCss: [],
  hideCardName: false,
  disabled: false,
  themeVariables: {},
  locale: 'en-GB',
  ...extra,
});

export const walletConfig = (clientToken: string, extra: object = {}) => ({
  clientToken,
  buttonColor: 'black',
  buttonType: 'buy',
  emailRequired: false,
  billingAddressRequired: false,
  shippingAddressRequired: false,
  locale: 'en-GB',
  themeVariables: {},
  disabled: false,
  ...extra,
});

export const checkoutConfig = (clientToken: string, extra: object = {}) => ({
  clientToken,
  variant: 'inline',
  themeVariables: {},
  locale: 'en-GB',
  hidePayButton: false,
  ...extra,
});
