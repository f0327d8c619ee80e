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
import type { ScriptedAnswer } from './scripted.js';
import { Fingerprinter } from './idempotency.js';
import { ApiFailure } from './errors.js';
import { FaultRegistry, checkFaultSpec } from './faults.js';
import type { Fault, FaultSpec } from './fault-spec.js';
import { hostName, isLoopbackName } from './hosts.js';
import { abandonChallenge } from './settlement.js';
import { expireSession } from './sessions.js';
import { serveStatic, type StaticServer } from './static.js';
import { SessionStore } from './store.js';
import { TokenIssuer } from './tokens.js';
import { WebhookDispatcher, isWebhookUrl } from './webhooks.js';
import { WEBHOOK_EVENTS, type WebhookEventName } from './webhook-signature.js';

export {
  signWebhookBody,
  verifyWebhookSignature,
  verifyDojoSignature,
  DOJO_SIGNATURE_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  RETRY_DELAYS_MS,
  WEBHOOK_EVENTS,
  WEBHOOK_EVENT_DESCRIPTIONS,
  PAYMENT_STATUS_OF_SESSION,
} from './webhook-signature.js';
export type {
  WebhookEvent,
  PaymentIntentCreatedEvent,
  PaymentIntentStatusEvent,
  PaymentIntentStatus,
  SessionStatusEvent,
  FulfilmentData,
  AttemptData,
  WebhookEndpoint,
  WebhookSecret,
  WebhookEventName,
  WebhookHeaders,
  VerifyWebhookOptions,
} from './webhook-signature.js';
export { serveStatic, type StaticServer, type StaticServerOptions } from './static.js';
export { DEMO_SESSIONS_PATH } from '../protocol/api.js';
export { TEST_CARDS, type CardOutcome } from './test-cards.js';
export type { SessionStatus, PresentationMode } from './store.js';
export type { ApiErrorType } from './errors.js';
export type { ScriptedAnswer } from './scripted.js';
export type { Fault, FaultSpec, FaultRoute, FaultKind, FaultStatus } from './fault-spec.js';
export { FAULT_ROUTES, FAULT_KINDS, FAULT_STATUSES } from './fault-spec.js';
export { FRAMES_HEALTH_PATH } from '../protocol/api.js';

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
  /**
   * A webhook endpoint to register at start: it receives every account's events, signed with
   * `secret` (default events: `payment_session.status_updated`). `url` must be https, or http on a
   * loopback host.
   */
  webhook?: { url: string; secret: string; events?: readonly WebhookEventName[] };
  /** Clock, milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Receives one line per request and per webhook delivery. Default: silent. */
  log?: (line: string) => void;
  /** Seconds a 3-D Secure challenge may stay unanswered before it counts as abandoned. Default 600. */
  challengeTtlSeconds?: number;
  /**
   * The origin clients reach this sandbox at when it is not a loopback URL (behind a proxy or on
   * a LAN), e.g. `https://sandbox.dev.example`. Its host is accepted in `Host` headers (all other
   * names but loopback ones get 421), and it becomes the sandbox's `origin`: the frames origin
   * and the client tokens' issuer.
   */
  publicOrigin?: string;
  /** Demo sessions (`POST /v1/demo/sessions`) one client (IP and page origin) may create per minute. Default 60. */
  demoSessionsPerMinute?: number;
  /** Where the demo shop runs; shown on the sandbox's home page. */
  demoUrl?: string;
  /**
   * Also serve a static directory (e.g. `storybook-static`) at `http://localhost:PORT/`: an
   * origin other than the frames' `127.0.0.1` one, so frames stay cross-origin to the gallery.
   */
  gallery?: { dir: string; port?: number; host?: string };
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the API, the frames origin and the client tokens' issuer. */
  readonly origin: string;
  readonly port: number;
  /** Stops listening, drops open connections and cancels webhook retries. */
  close(): Promise<void>;
  /** Test hook: ends an open session now. Throws for an unknown id. */
  expireSession(id: string): void;
  /**
   * Test hook: the session's next payment request (card or wallet) gets this HTTP answer instead
   * of the bank's, once; nothing is charged. For the answers no test card gives: a 404, a 500, an
   * invalid token, a duplicate. Throws for an unknown id.
   */
  answerNextPayment(id: string, answer: ScriptedAnswer): void;
  /**
   * Test hook: arms a network fault, as `POST /test/faults` does (same fields, same checks; the
   * session, when given, may be any account's). Returns the fault; throws a TypeError for an
   * invalid spec and an Error for an unknown session.
   *
   * @example sandbox.addFault({ route: 'payments', fault: 'error_after_charge', status: 502 })
   */
  addFault(spec: FaultSpec): Fault;
  /** Test hook: removes every armed fault. */
  clearFaults(): void;
  /** As the `webhook` option, at run time; registering a URL again replaces its endpoint. */
  registerWebhook(url: string, secret: string, events?: readonly WebhookEventName[]): void;
  /** The gallery server when `gallery` was given: `origin` is `http://localhost:PORT`. */
  readonly gallery: StaticServer | undefined;
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

  let publicOrigin: URL | undefined;
  if (options.publicOrigin !== undefined) {
    publicOrigin = new URL(options.publicOrigin);
    if ((publicOrigin.protocol !== 'http:' && publicOrigin.protocol !== 'https:') || publicOrigin.origin !== options.publicOrigin.replace(/\/$/, '')) {
      throw new TypeError('publicOrigin must be an http(s) origin such as https://sandbox.example (no path).');
    }
  }
  const allowedHosts = new Set<string>();
  const boundName = hostName(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  // Binding a specific address means clients use it; a wildcard bind names no host.
  if (boundName && !['0.0.0.0', '[::]'].includes(boundName) && !isLoopbackName(boundName)) allowedHosts.add(boundName);
  if (publicOrigin) allowedHosts.add(hostName(publicOrigin.host) ?? publicOrigin.hostname);

  const faults = new FaultRegistry(log);
  const webhooks = new WebhookDispatcher(now, log, faults);
  // Sessions' creation, status changes and settled attempts are announced to the webhook endpoints.
  const store: SessionStore = new SessionStore(
    now,
    (session) => webhooks.statusChanged(session, session.latestPaymentId ? store.payment(session.latestPaymentId) : undefined),
    (session, payment) => abandonChallenge(ctx, session, payment),
  );
  store.onAttempt = (session, payment) => webhooks.attemptEnded(session, payment);
  store.onSessionAdded = (session) => webhooks.sessionCreated(session);
  const ctx: SandboxContext = {
    origin: '',
    settings: {
      sessionTtlSeconds: checkWholeNumber('sessionTtlSeconds', options.sessionTtlSeconds ?? 1800, 1, 31 * 24 * 3600),
      maxFailedAttempts: checkWholeNumber('maxFailedAttempts', options.maxFailedAttempts ?? 5, 1, 1000),
      framesDir: toDirectoryUrl(options.framesDir ?? DEFAULT_FRAMES_DIR),
      challengeTtlSeconds: checkWholeNumber('challengeTtlSeconds', options.challengeTtlSeconds ?? 600, 1, 24 * 3600),
      allowedHosts,
      demoSessionsPerMinute: checkWholeNumber('demoSessionsPerMinute', options.demoSessionsPerMinute ?? 60, 1, 1_000_000),
      demoUrl: options.demoUrl,
    },
    store,
    tokens: new TokenIssuer(() => ctx.origin, now, options.tokenSecret),
    webhooks,
    fingerprints: new Fingerprinter(),
    now,
    log,
    scriptedAnswers: new Map(),
    faults,
    paymentsInProgress: new Set(),
  };
  const registerWebhook = (url: string, secret: string, events?: readonly WebhookEventName[]) => {
    if (!isWebhookUrl(url)) throw new TypeError('The webhook url must be an https URL (http only on a loopback host).');
    if (secret.length === 0) throw new TypeError('The webhook secret must not be empty.');
    if (events?.some((e) => !WEBHOOK_EVENTS.includes(e))) throw new TypeError(`Webhook events must be among: ${WEBHOOK_EVENTS.join(', ')}.`);
    webhooks.register(url, secret, events);
  };
  if (options.webhook) registerWebhook(options.webhook.url, options.webhook.secret, options.webhook.events);

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
  ctx.origin = publicOrigin?.origin ?? originFor(host, actualPort);

  let gallery: StaticServer | undefined;
  if (options.gallery) {
    try {
      gallery = await serveStatic({ ...options.gallery, log });
    } catch (error) {
      server.close();
      server.closeAllConnections();
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  return {
    origin: ctx.origin,
    port: actualPort,
    close() {
      closing ??= Promise.all([
        new Promise<void>((resolve, reject) => {
          ctx.webhooks.close();
          // Held requests and deliveries are let go: no timer outlives the sandbox.
          ctx.faults.close();
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
        gallery?.close(),
      ]).then(() => undefined);
      return closing;
    },
    gallery,
    answerNextPayment(id, answer) {
      if (!ctx.store.session(id)) throw new Error(`No session ${id}.`);
      if (!Number.isInteger(answer.status) || answer.status < 200 || answer.status > 599)
        throw new RangeError('answer.status must be an HTTP status from 200 to 599.');
      ctx.scriptedAnswers.set(id, { status: answer.status, body: answer.body });
    },
    addFault(spec) {
      try {
        const checked: FaultSpec = checkFaultSpec(spec);
        if (checked.session_id !== undefined && !ctx.store.session(checked.session_id)) throw new Error(`No session ${checked.session_id}.`);
        return ctx.faults.add(checked);
      } catch (error) {
        throw error instanceof ApiFailure ? new TypeError(error.message) : error;
      }
    },
    clearFaults() {
      ctx.faults.clear();
    },
    expireSession(id) {
      expireSession(ctx, id);
    },
    registerWebhook,
  };
}
