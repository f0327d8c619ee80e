import type { Fingerprinter } from './idempotency.js';
import type { SessionStore } from './store.js';
import type { TokenIssuer } from './tokens.js';
import type { WebhookDispatcher } from './webhooks.js';
import type { ScriptedAnswer } from './scripted.js';
import type { FaultRegistry } from './faults.js';

/** Settings of one running sandbox, after defaults are applied. */
export interface SandboxSettings {
  sessionTtlSeconds: number;
  maxFailedAttempts: number;
  /** Directory holding the built frame bundles (`card.js`, …), as a file URL. */
  framesDir: URL;
  /** Seconds a 3-D Secure challenge may stay unanswered before it counts as abandoned. */
  challengeTtlSeconds: number;
  /** Host names (lower case, no port) besides loopback names that requests may address. */
  allowedHosts: ReadonlySet<string>;
  /** Demo sessions (`POST /v1/demo/sessions`) one client may create per minute. */
  demoSessionsPerMinute: number;
  /** Where the demo shop runs, shown on the sandbox's home page; undefined when unknown. */
  demoUrl: string | undefined;
}

/**
 * Everything a route needs, shared by the concerns of one sandbox instance. `origin` is filled in
 * once the server listens (the port may be chosen by the OS), before any request can arrive.
 */
export interface SandboxContext {
  origin: string;
  settings: SandboxSettings;
  store: SessionStore;
  tokens: TokenIssuer;
  webhooks: WebhookDispatcher;
  fingerprints: Fingerprinter;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now: () => number;
  log: (line: string) => void;
  /** Test hook: the answer the next payment request of a session gets, by session id. */
  scriptedAnswers: Map<string, ScriptedAnswer>;
  /** Test faults (`POST /test/faults`): simulated timeouts, resets, errors and slow answers. */
  faults: FaultRegistry;
  /** `sessionId:key` of the payment requests being processed: a second one with the key is a 409. */
  paymentsInProgress: Set<string>;
}
