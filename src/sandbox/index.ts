/// <reference types="node" />
/**
 * The local sandbox: a Node server that emulates the Moment payments API (seed 000), serves the
 * frame pages from its own origin, decides outcomes by test card, simulates 3-D Secure and sends
 * signed webhooks. Importing this module starts nothing.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import type { SandboxContext } from './context.js';
import { Fingerprinter } from './idempotency.js';
import { isHttpUrl } from './request.js';
import { expireSession } from './sessions.js';
import { SessionStore } from './store.js';
import { TokenIssuer } from './tokens.js';
import { WebhookDispatcher } from './webhooks.js';

export { signWebhookBody, verifyWebhookSignature, SIGNATURE_HEADER, RETRY_DELAYS_MS, WEBHOOK_EVENTS } from './webhooks.js';
export type { SessionStatusEvent, WebhookEndpoint, WebhookEventName } from './webhooks.js';
export { TEST_CARDS, type CardOutcome } from './test-cards.js';
export type { SessionStatus, PresentationMode } from './store.js';
export type { ApiErrorType } from './errors.js';

export interface SandboxOptions {
  /** Port to listen on; `0` lets the OS pick a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Lifetime of a payment session (and its client token). Default 1800. */
  sessionTtlSeconds?: number;
  /** Failed payment attempts after which a session is locked. Default 5. */
  maxFailedAttempts?: number;
  /** Secret for the HS256 client tokens; random per instance unless given (tests verify with it). */
  tokenSecret?: string;
  /** Directory (path or file URL) of the built frame bundles. Default: `dist/frames/`. */
  framesDir?: string | URL;
  /** A webhook endpoint to register at start. */
  webhook?: { url: string; secret: string };
  /** Clock, milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Receives one line per request and per webhook delivery. Default: silent. */
  log?: (line: string) => void;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the API, the frames origin and the client tokens' issuer. */
  readonly origin: string;
  readonly port: number;
  /** Stops listening, drops open connections and cancels webhook retries. */
  close(): Promise<void>;
  /** Test hook: ends an open session now. Throws for an unknown id. */
  expireSession(id: string): void;
  registerWebhook(url: string, secret: string): void;
}

const DEFAULT_FRAMES_DIR = new URL('../frames/', import.meta.url);

function toDirectoryUrl(dir: string | URL): URL {
  const url = dir instanceof URL ? dir : pathToFileURL(resolve(dir));
  return url.href.endsWith('/') ? url : new URL(`${url.href}/`);
}

function originFor(host: string, port: number): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function checkWholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = checkWholeNumber('port', options.port ?? 4010, 0, 65535);
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});

  const webhooks = new WebhookDispatcher(now, log);
  // Every session status change is announced to the webhook endpoints.
  const store: SessionStore = new SessionStore(now, (session) => {
    const payment = session.latestPaymentId ? store.payment(session.latestPaymentId) : undefined;
    webhooks.emit({
      sessionId: session.id,
      status: session.status,
      paymentId: payment?.id ?? null,
      statusCode: payment?.statusCode ?? null,
    });
  });
  const ctx: SandboxContext = {
    origin: '',
    settings: {
      sessionTtlSeconds: checkWholeNumber('sessionTtlSeconds', options.sessionTtlSeconds ?? 1800, 1, 31 * 24 * 3600),
      maxFailedAttempts: checkWholeNumber('maxFailedAttempts', options.maxFailedAttempts ?? 5, 1, 1000),
      framesDir: toDirectoryUrl(options.framesDir ?? DEFAULT_FRAMES_DIR),
    },
    store,
    tokens: new TokenIssuer(() => ctx.origin, now, options.tokenSecret),
    webhooks,
    fingerprints: new Fingerprinter(),
    now,
    log,
  };
  const registerWebhook = (url: string, secret: string) => {
    if (!isHttpUrl(url)) throw new TypeError('The webhook url must be an http or https URL.');
    if (secret.length === 0) throw new TypeError('The webhook secret must not be empty.');
    webhooks.register(url, secret);
  };
  if (options.webhook) registerWebhook(options.webhook.url, options.webhook.secret);

  const app = createApp(ctx);
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  ctx.origin = originFor(host, actualPort);

  let closing: Promise<void> | undefined;
  return {
    origin: ctx.origin,
    port: actualPort,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        ctx.webhooks.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
    expireSession(id) {
      expireSession(ctx, id);
    },
    registerWebhook,
  };
}
