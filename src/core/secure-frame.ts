/**
 * The one lifecycle of a secure frame, as a reactive controller, for all three elements: follows
 * the element's key, token and frames origin (own attributes, else the enclosing checkout's
 * scope), opens the frame on the right origin with a fresh channel, accepts the frame's `hello`
 * only from the exact frames origin, its own iframe and its own channel, hands it a
 * `MessagePort`, sends `configure` and sends it again whenever the element's frame config
 * changes, fails loudly on bad input (`load-error`, console, `onIframeLoadFailed`), reports
 * `ready`, and loads again on `retry()`. When the element leaves the page no listener, timer or
 * pending request outlives the frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Infer, Schema as AnySchema } from '../protocol/schema.js';
import { FRAMES_HEALTH_PATH, FRAME_PATHS } from '../protocol/api.js';
import { ConnectMessage, HelloMessage, envelope, parse, type FrameKind } from '../protocol/messages.js';
import { BridgeError, PortEndpoint, randomId, type ResultSchemas } from '../protocol/port.js';
import { invokeCallback, resolveFrameTarget, type ElementConfig, type FrameTarget } from './element-config.js';
import { emit, type LoadErrorDetail } from './events.js';
import { ConfigError } from './keys.js';

type Schema = AnySchema<unknown>;
type RequestTable = { configure: { params: Schema; result: Schema } } & Record<string, { params: Schema; result: Schema }>;
type EventTable = Record<string, Schema>;

/** One handler per event the frame may send: a missing one fails to compile. */
export type FrameEventHandlers<In extends EventTable> = { [E in keyof In]: (detail: Infer<In[E]>) => void };

/** Milliseconds an element waits for its frame (its `load-timeout` when set). */
export const DEFAULT_LOAD_TIMEOUT = 15_000;
/** Milliseconds a frame has to answer a request other than a payment. */
export const REQUEST_TIMEOUT = 10_000;
/** How long a loaded frame page may stay silent before it is taken as refused (ms). */
const SILENCE_AFTER_LOAD_MS = 2000;
/** Longest wait for the frames origin's health check, which tells a frames origin that is down from one that refused this page (ms). */
const PROBE_TIMEOUT_MS = 3000;
/** Time kept between the health check's end and the load timeout, to report what it found (ms). */
const PROBE_MARGIN_MS = 50;
/** Refusals by the frame that are the page's to fix, reported with their own `load-error` code. */
const REFUSALS: ReadonlySet<string> = new Set(['origin_not_allowed', 'session_mismatch']);
/** What `clientToken`, `clientKey`, … become as HTML attributes when set as props by React 18 or a server renderer. */
const MISNAMED_ATTRIBUTES = ['clienttoken', 'clientkey', 'framesorigin'] as const;

export type ConnectionState = 'idle' | 'loading' | 'ready' | 'error';

/** What the frames origin's health check found. */
export type FramesHealth =
  | { kind: 'unreachable' }
  | { kind: 'unavailable'; status: number }
  | { kind: 'reachable'; status: number }
  /** No answer within the time allowed. */
  | { kind: 'unknown' };

/**
 * Asks `${framesOrigin}/frames/health` (CORS, no credentials, no cache) within `budgetMs`: a fetch
 * that fails is an unreachable origin (down, a network failure, or refused by the page's
 * `connect-src`); a 5xx an unavailable one; no answer in time tells nothing.
 */
export async function probeFramesOrigin(framesOrigin: string, budgetMs: number, signal?: AbortSignal): Promise<FramesHealth> {
  if (!(budgetMs > 0)) return { kind: 'unknown' };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), budgetMs);
  const onAbort = () => abort.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    const response = await fetch(`${framesOrigin}${FRAMES_HEALTH_PATH}`, {
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: abort.signal,
    });
    void response.body?.cancel().catch(() => undefined);
    return response.status >= 500 ? { kind: 'unavailable', status: response.status } : { kind: 'reachable', status: response.status };
  } catch {
    return abort.signal.aborted ? { kind: 'unknown' } : { kind: 'unreachable' };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The `load-error` a health check that failed stands for; none when the origin answered (or did not in time). */
export function framesHealthError(health: FramesHealth, framesOrigin: string): LoadErrorDetail | undefined {
  if (health.kind === 'unreachable') {
    return {
      code: 'frames_unreachable',
      message:
        `The secure frames origin (${framesOrigin}) could not be reached: check the network or that the frames origin is running, then call retry(). ` +
        `If your Content-Security-Policy limits connect-src, allow ${framesOrigin}.`,
    };
  }
  if (health.kind === 'unavailable') {
    return {
      code: 'frames_unavailable',
      status: health.status,
      message: `The secure frames origin (${framesOrigin}) is unavailable (HTTP ${health.status}): call retry() in a moment.`,
    };
  }
  return undefined;
}

/** What the controller reads from its element. */
export interface SecureFrameElement extends ReactiveControllerHost, HTMLElement {
  loadTimeout: number;
  onIframeLoaded?: (() => void) | undefined;
  onIframeLoadFailed?: ((error: LoadErrorDetail) => void) | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface SecureFrameOptions<Out extends RequestTable, In extends EventTable> {
  /** The element's tag, for messages. */
  tag: string;
  kind: FrameKind;
  results: ResultSchemas<Out>;
  events: In;
  /** The element's key, token and frames origin, scope included. */
  config: () => ElementConfig;
  /** What `configure` sends the frame: sent when it connects, and again whenever it changes. */
  frameConfig: () => Infer<Out['configure']['params']>;
  /** The frame's answer to each `configure`. */
  onConfigured: (result: Infer<Out['configure']['result']>) => void;
  /** The frame's content height, for `ready`. */
  height: () => number;
  on: FrameEventHandlers<In>;
  /** A new frame is opening: forget what the old one said. */
  onOpen?: () => void;
  /** After the frame is connected and configured (and `ready` has fired). */
  onReady?: () => void;
  /** After the frame failed (and `load-error` has fired). */
  onLoadError?: (error: LoadErrorDetail) => void;
  /**
   * A frame opened by a call rather than by attributes (the checkout's `launch()`): no token is
   * no frame rather than a missing token, the element places the iframe, and reports `ready`
   * and failures its own way.
   */
  launched?: { iframe: () => HTMLIFrameElement | undefined };
}

export class SecureFrameController<Out extends RequestTable, In extends EventTable> implements ReactiveController {
  /** Why the frame could not load, until it loads. */
  loadError: LoadErrorDetail | undefined;
  /** What the key and token said: environment, claims, origin. */
  target: FrameTarget | undefined;
  /** Channel id of the current frame; changes on every open. */
  channel = '';
  /** URL of the current frame, or `undefined` when none should be rendered. */
  src: string | undefined;
  state: ConnectionState = 'idle';
  private port: PortEndpoint<Out, In> | undefined;

  #resolvedOrigin: string | undefined;
  /** The session the open frame belongs to: a frame never outlives its session. */
  #resolvedSession: string | undefined;
  #seenConfig = '';
  /** The frame config last sent, serialized: a different one is sent again. */
  #sentConfig = '';
  #needsResolve = true;
  #missingTokenTimer: ReturnType<typeof setTimeout> | undefined;
  #warnedAttributes = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Runs once the frame's page has loaded without saying hello. */
  #silenceTimer: ReturnType<typeof setTimeout> | undefined;
  #stopWatchingLoad: (() => void) | undefined;
  #listening = false;
  /** When the current frame's `load-timeout` ends (ms since the epoch). */
  #deadline = 0;
  /** Starts the health check shortly before the load timeout, while the frame is still loading. */
  #probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The current frame's health check: at most one per frame. */
  #probing: Promise<FramesHealth> | undefined;
  #probeAbort: AbortController | undefined;

  constructor(
    private readonly host: SecureFrameElement,
    private readonly options: SecureFrameOptions<Out, In>,
  ) {
    host.addController(this);
  }

  /** The port to the frame, when it is ready. */
  get endpoint(): PortEndpoint<Out, In> | undefined {
    return this.state === 'ready' ? this.port : undefined;
  }

  /** The frames origin in use. */
  get origin(): string | undefined {
    return this.#resolvedOrigin;
  }

  get iframe(): HTMLIFrameElement | null {
    return (this.options.launched ? this.options.launched.iframe() : this.host.renderRoot?.querySelector('iframe')) ?? null;
  }

  hostConnected(): void {
    this.#needsResolve = true;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#stopMissingTokenTimer();
    this.#close();
    this.state = 'idle';
    this.#resolvedOrigin = undefined;
    this.#resolvedSession = undefined;
    this.host.requestUpdate();
  }

  /** Before each render: follow a changed key, token, frames origin or scope. */
  hostUpdate(): void {
    const config = JSON.stringify(this.options.config());
    if (!this.#needsResolve && config === this.#seenConfig) return;
    this.#needsResolve = false;
    this.#seenConfig = config;
    this.#resolve();
  }

  /** After each update: a frame config that changed goes to the ready frame. */
  hostUpdated(): void {
    if (this.state !== 'ready') return;
    const config = this.options.frameConfig();
    if (JSON.stringify(config) !== this.#sentConfig) void this.#configure(this.port!, config).catch(() => undefined);
  }

  /** Loads the frame again (after a `load-error`). */
  retry(): void {
    this.#resolvedOrigin = undefined;
    this.#resolvedSession = undefined;
    this.#close();
    this.loadError = undefined;
    this.#needsResolve = true;
    this.host.requestUpdate();
  }

  /** Ends a launched frame now (the checkout closed): the next token opens a new one. */
  end(): void {
    this.#close();
    this.#resolvedOrigin = this.#resolvedSession = undefined;
    this.#needsResolve = true;
  }

  /** Closes the port, stops listening and forgets the frame. */
  #close(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#silenceTimer);
    clearTimeout(this.#probeTimer);
    this.#probeAbort?.abort();
    this.#probeAbort = this.#probing = undefined;
    this.#stopWatchingLoad?.();
    this.#stopWatchingLoad = undefined;
    if (this.#listening) window.removeEventListener('message', this.#onWindowMessage);
    this.#listening = false;
    this.port?.close();
    this.port = undefined;
    this.src = undefined;
    if (this.state !== 'error') this.state = 'idle';
  }

  #resolve(): void {
    if (!this.host.isConnected) return;
    let target: FrameTarget | undefined;
    try {
      target = resolveFrameTarget(this.options.config());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.#close();
      this.#resolvedOrigin = undefined;
      return this.#fail({ code: error.code, message: error.message });
    }
    if (!target) {
      if (!this.options.launched) return this.#awaitToken(); // The token may still be on its way: wait, but not forever.
      this.#close();
      this.#resolvedOrigin = this.#resolvedSession = undefined;
      return;
    }
    this.#stopMissingTokenTimer();
    this.target = target;
    const session = target.claims.sid;
    if (target.origin !== this.#resolvedOrigin || session !== this.#resolvedSession || this.state === 'idle' || this.state === 'error') {
      // A new session gets a new frame: nothing typed under one session can be paid under another.
      this.#resolvedOrigin = target.origin;
      this.#resolvedSession = session;
      this.#open(target.origin, session);
    }
    // The same frame with a new token (or anything else new) hears it from `hostUpdated`.
  }

  get #timeout(): number {
    return Number.isFinite(this.host.loadTimeout) && this.host.loadTimeout > 0 ? this.host.loadTimeout : DEFAULT_LOAD_TIMEOUT;
  }

  #open(framesOrigin: string, sessionId: string): void {
    this.#close();
    this.loadError = undefined;
    this.options.onOpen?.();
    const timeout = this.#timeout;
    const channel = (this.channel = randomId());
    const hash = new URLSearchParams({ channel, origin: window.location.origin });
    // The session in the query lets the frames origin send that session's `frame-ancestors`.
    this.src = `${framesOrigin}${FRAME_PATHS[this.options.kind]}?${new URLSearchParams({ session: sessionId })}#${hash}`;
    this.state = 'loading';
    window.addEventListener('message', this.#onWindowMessage);
    this.#listening = true;
    this.#deadline = Date.now() + timeout;
    this.#timer = setTimeout(
      () =>
        this.#fail({
          code: 'timeout',
          message: `The secure frame did not load within ${timeout} ms. Check your network and the frames origin (${framesOrigin}), then call retry().`,
        }),
      timeout,
    );
    // Still loading shortly before the timeout: ask the frames origin whether it is up, so that a
    // frames origin that is down is said as such, within the timeout.
    const probeAt = Math.max(timeout - PROBE_TIMEOUT_MS - PROBE_MARGIN_MS, Math.floor(timeout / 2));
    this.#probeTimer = setTimeout(() => {
      if (this.#loading(channel)) void this.#probe(channel, framesOrigin);
    }, probeAt);
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.#watchLoad(channel));
  }

  /**
   * A frame page runs its script before its `load` event, and the script says hello at once. A
   * page that loaded and stays silent never will: the browser refused to show it (the session's
   * `allowed_origins` does not include this page, sent as `frame-ancestors`) or the frames origin
   * served something else. Say so now rather than after the load timeout.
   */
  #watchLoad(channel: string): void {
    const iframe = this.iframe;
    if (!iframe || channel !== this.channel || this.port) return;
    const framesOrigin = this.#resolvedOrigin;
    const onLoad = () => {
      clearTimeout(this.#silenceTimer);
      // Only the frame page itself counts (not a blank document put there in between).
      if (channel !== this.channel || this.port || this.state !== 'loading' || !iframe.src.startsWith(`${framesOrigin}/`)) return;
      this.#silenceTimer = setTimeout(() => {
        if (!this.#loading(channel)) return;
        // The browser shows its own error page (and fires `load`) when the frames origin is down:
        // the health check tells that from a page the frames origin refused to be framed in.
        void this.#probe(channel, framesOrigin!).then(() => {
          if (!this.#loading(channel)) return;
          this.#fail({
            code: 'frame_not_started',
            message:
              `The secure frame loaded but did not start. Check that the payment session's allowed_origins includes this page's origin (${window.location.origin}) ` +
              `and that ${framesOrigin} serves the payment frames.`,
          });
        });
      }, SILENCE_AFTER_LOAD_MS);
    };
    iframe.addEventListener('load', onLoad);
    this.#stopWatchingLoad = () => iframe.removeEventListener('load', onLoad);
  }

  /** The frame of `channel` is still loading and has not said hello. */
  #loading(channel: string): boolean {
    return channel === this.channel && !this.port && this.state === 'loading';
  }

  /**
   * The frames origin's health check for the loading frame, once per frame, bounded by what is
   * left of `load-timeout`. An unreachable or unavailable origin fails the frame at once with its
   * own code; otherwise the caller says what it knows.
   */
  #probe(channel: string, framesOrigin: string): Promise<FramesHealth> {
    if (this.#probing) return this.#probing;
    clearTimeout(this.#probeTimer);
    const abort = (this.#probeAbort = new AbortController());
    const budget = Math.min(PROBE_TIMEOUT_MS, this.#deadline - Date.now() - PROBE_MARGIN_MS);
    return (this.#probing = probeFramesOrigin(framesOrigin, budget, abort.signal).then((health) => {
      const error = framesHealthError(health, framesOrigin);
      if (error && this.#loading(channel)) this.#fail(error);
      return health;
    }));
  }

  readonly #onWindowMessage = (event: MessageEvent): void => {
    const iframe = this.iframe;
    if (this.port || event.origin !== this.#resolvedOrigin || !iframe || event.source !== iframe.contentWindow) return;
    const hello = parse(HelloMessage, event.data);
    if (!hello || hello.channel !== this.channel || hello.frame !== this.options.kind) return;
    const { port1, port2 } = new MessageChannel();
    const handlers = this.options.on;
    const port = new PortEndpoint<Out, In>(port1, this.options.results, {
      events: this.options.events,
      onEvent: (name, detail) => handlers[name](detail),
    });
    this.port = port;
    const connect: ConnectMessage = { ...envelope(), kind: 'connect', channel: this.channel };
    iframe.contentWindow!.postMessage(connect, event.origin, [port2]);
    this.#configure(port, this.options.frameConfig()).then(
      () => {
        if (this.port !== port) return;
        clearTimeout(this.#timer);
        clearTimeout(this.#probeTimer);
        this.#probeAbort?.abort();
        this.state = 'ready';
        this.loadError = undefined;
        this.host.requestUpdate();
        if (!this.options.launched) {
          invokeCallback(this.options.tag, this.host.onIframeLoaded);
          emit(this.host, 'ready', { height: this.options.height() });
        }
        this.options.onReady?.();
      },
      (error: unknown) => {
        if (this.port !== port) return;
        const code = error instanceof BridgeError && REFUSALS.has(error.code) ? (error.code as LoadErrorDetail['code']) : 'frame_error';
        this.#fail({ code, message: `The secure frame could not be set up: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  };

  /** Sends a frame config; a refusal by a ready frame is the page's bug, said on the console. */
  async #configure(port: PortEndpoint<Out, In>, config: Infer<Out['configure']['params']>): Promise<void> {
    this.#sentConfig = JSON.stringify(config);
    try {
      const result = await port.request('configure', config, REQUEST_TIMEOUT);
      if (this.port === port) this.options.onConfigured(result);
    } catch (error) {
      // A frame torn down mid-request is not a configuration problem.
      if (this.state === 'ready' && !(error instanceof BridgeError && error.code === 'closed')) {
        console.error(`Moment Elements <${this.options.tag}>: the frame refused the configuration.`, error);
      }
      throw error;
    }
  }

  /**
   * No client token yet. Give the page `load-timeout` ms to set one, then fail with `missing_token`
   * rather than show a skeleton forever. A `clientToken` prop rendered on a server (or by React 18)
   * arrives first as a lower-cased attribute, which can never work, and often as the property too
   * once the page hydrates: say at once how to fix the attribute, and wait for the property.
   */
  #awaitToken(): void {
    const misnamed = MISNAMED_ATTRIBUTES.filter((name) => this.host.hasAttribute(name));
    if (misnamed.length && !this.#warnedAttributes) {
      this.#warnedAttributes = true;
      const names = misnamed.map((name) => `"${name}"`).join(', ');
      console.warn(
        `Moment Elements <${this.options.tag}>: unknown attribute ${names}: attribute names are lower-cased, so a clientToken / clientKey prop rendered as an attribute never reaches the element (React 18, server rendering). ` +
          'Use the client-token / client-key attributes, set the clientToken / clientKey properties, or use @momentpay/elements/react. ' +
          'Waiting for the property until load-timeout (hydration may still set it).',
      );
    }
    if (this.loadError?.code === 'missing_token') return;
    this.#missingTokenTimer ??= setTimeout(() => {
      this.#missingTokenTimer = undefined;
      if (!this.host.isConnected || this.options.config().clientToken) return;
      this.#failMissingToken();
    }, this.#timeout);
  }

  #failMissingToken(): void {
    this.#stopMissingTokenTimer();
    this.#fail({
      code: 'missing_token',
      message:
        'No client token: set the clientToken property (or the client-token attribute) to the client_token your server got when it created the payment session, ' +
        'or nest this element in a <moment-checkout> that has one (fetchClientToken or session-endpoint).',
    });
  }

  #stopMissingTokenTimer(): void {
    clearTimeout(this.#missingTokenTimer);
    this.#missingTokenTimer = undefined;
  }

  #fail(error: LoadErrorDetail): void {
    this.#close();
    this.state = 'error';
    this.loadError = error;
    this.host.requestUpdate();
    if (!this.options.launched) {
      console.error(`Moment Elements <${this.options.tag}>: ${error.message}`);
      invokeCallback(this.options.tag, this.host.onIframeLoadFailed, error);
      emit(this.host, 'load-error', error);
    }
    this.options.onLoadError?.(error);
  }
}
