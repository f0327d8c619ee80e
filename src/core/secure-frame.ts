/**
 * Everything an element with one secure frame does about that frame, as one reactive controller:
 * follows its key, token and frames origin (own attributes, else the enclosing checkout's scope),
 * opens the frame on the right origin, fails loudly on bad input (`load-error`, console, the
 * `onIframeLoadFailed` callback), reports `ready`, and loads again on `retry()`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Infer, Schema as AnySchema } from '../protocol/schema.js';
import type { FrameKind } from '../protocol/messages.js';
import type { PortEndpoint, ResultSchemas } from '../protocol/port.js';
import { invokeCallback, resolveFrameTarget, type ElementConfig, type FrameTarget } from './element-config.js';
import { emit, type LoadErrorDetail } from './events.js';
import { FrameConnection, type ConnectionState } from './frame-connection.js';
import { ConfigError } from './keys.js';

type Schema = AnySchema<unknown>;
type RequestTable = Record<string, { params: Schema; result: Schema }>;
type EventTable = Record<string, Schema>;

const DEFAULT_LOAD_TIMEOUT = 15_000;
/** What `clientToken`, `clientKey`, … become as HTML attributes when set as props by React 18 or a server renderer. */
const MISNAMED_ATTRIBUTES = ['clienttoken', 'clientkey', 'framesorigin'] as const;

/** What the controller reads from its element. */
export interface SecureFrameElement extends ReactiveControllerHost, HTMLElement {
  loadTimeout: number;
  onIframeLoaded: (() => void) | undefined;
  onIframeLoadFailed: ((error: LoadErrorDetail) => void) | undefined;
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
  /** Sends the frame its first configuration; resolves when the frame has it. */
  configure: (endpoint: PortEndpoint<Out, In>) => Promise<void>;
  /** Sends the configuration again (the token changed while the frame is ready). */
  reconfigure: () => void;
  /** The frame's content height, for `ready`. */
  height: () => number;
  onEvent: <E extends keyof In & string>(name: E, detail: Infer<In[E]>) => void;
  /** A new frame is opening: forget what the old one said. */
  onOpen?: () => void;
  /** After `ready` has fired. */
  onReady?: () => void;
  /** After `load-error` has fired. */
  onLoadError?: () => void;
}

export class SecureFrameController<Out extends RequestTable, In extends EventTable> implements ReactiveController {
  /** Why the frame could not load, until it loads. */
  loadError: LoadErrorDetail | undefined;
  /** What the key and token said: environment, claims, origin. */
  target: FrameTarget | undefined;

  private readonly connection: FrameConnection<Out, In>;
  private resolvedOrigin: string | undefined;
  /** The session the open frame belongs to: a frame never outlives its session. */
  private resolvedSession: string | undefined;
  private seenConfig = '';
  private needsResolve = true;
  private missingTokenTimer: ReturnType<typeof setTimeout> | undefined;
  private warnedAttributes = false;

  constructor(
    private readonly host: SecureFrameElement,
    private readonly options: SecureFrameOptions<Out, In>,
  ) {
    host.addController(this);
    this.connection = new FrameConnection<Out, In>(host, {
      kind: options.kind,
      results: options.results,
      events: options.events,
      iframe: () => this.iframe,
      onConnected: options.configure,
      onReady: () => {
        this.loadError = undefined;
        invokeCallback(options.tag, host.onIframeLoaded);
        emit(host, 'ready', { height: options.height() });
        options.onReady?.();
      },
      onEvent: options.onEvent,
      onFailure: (error) => this.fail(error),
    });
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  /** The port to the frame, when it is ready. */
  get endpoint(): PortEndpoint<Out, In> | undefined {
    return this.connection.state === 'ready' ? this.connection.endpoint : undefined;
  }

  get src(): string | undefined {
    return this.connection.src;
  }

  get channel(): string {
    return this.connection.channel;
  }

  /** The frames origin in use. */
  get origin(): string | undefined {
    return this.resolvedOrigin;
  }

  /** Milliseconds until the client token expires (negative once it has). */
  get tokenExpiresIn(): number {
    return this.target ? this.target.claims.exp * 1000 - Date.now() : Number.POSITIVE_INFINITY;
  }

  get iframe(): HTMLIFrameElement | null {
    return this.host.renderRoot?.querySelector('iframe') ?? null;
  }

  hostConnected(): void {
    this.needsResolve = true;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stopMissingTokenTimer();
    this.resolvedOrigin = undefined;
    this.resolvedSession = undefined;
    this.host.requestUpdate();
  }

  /** Before each render: follow a changed key, token, frames origin or scope. */
  hostUpdate(): void {
    const config = JSON.stringify(this.options.config());
    if (!this.needsResolve && config === this.seenConfig) return;
    this.needsResolve = false;
    this.seenConfig = config;
    this.resolve();
  }

  /** Loads the frame again (after a `load-error`). */
  retry(): void {
    this.resolvedOrigin = undefined;
    this.resolvedSession = undefined;
    this.connection.close();
    this.loadError = undefined;
    this.needsResolve = true;
    this.host.requestUpdate();
  }

  private resolve(): void {
    if (!this.host.isConnected) return;
    let target: FrameTarget | undefined;
    try {
      target = resolveFrameTarget(this.options.config());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.connection.close();
      this.resolvedOrigin = undefined;
      return this.fail({ code: error.code, message: error.message });
    }
    if (!target) return this.awaitToken(); // The token may still be on its way: wait, but not forever.
    this.stopMissingTokenTimer();
    this.target = target;
    const state = this.connection.state;
    const session = target.claims.sid;
    if (target.origin !== this.resolvedOrigin || session !== this.resolvedSession || state === 'idle' || state === 'error') {
      // A new session gets a new frame: nothing typed under one session can be paid under another.
      this.resolvedOrigin = target.origin;
      this.resolvedSession = session;
      this.open();
    } else if (state === 'ready') {
      this.options.reconfigure();
    }
  }

  private get timeout(): number {
    return Number.isFinite(this.host.loadTimeout) && this.host.loadTimeout > 0 ? this.host.loadTimeout : DEFAULT_LOAD_TIMEOUT;
  }

  private open(): void {
    if (!this.resolvedOrigin) return;
    this.loadError = undefined;
    this.options.onOpen?.();
    this.connection.open(this.resolvedOrigin, this.timeout, this.resolvedSession);
  }

  /**
   * No client token yet. A React 18 or server-rendered `clientToken` prop arrives as a lower-cased
   * attribute that can never work: say so at once. Otherwise give the page `load-timeout` ms to
   * set one, then fail with `missing_token` rather than show a skeleton forever.
   */
  private awaitToken(): void {
    const misnamed = MISNAMED_ATTRIBUTES.filter((name) => this.host.hasAttribute(name));
    if (misnamed.length && !this.warnedAttributes) {
      this.warnedAttributes = true;
      const names = misnamed.map((name) => `"${name}"`).join(', ');
      console.warn(
        `Moment Elements <${this.options.tag}>: unknown attribute ${names}: attribute names are lower-cased, so a clientToken / clientKey prop never reaches the element (React 18, server rendering). ` +
          'Use the client-token / client-key attributes, set the clientToken / clientKey properties, or use @momentpay/elements/react.',
      );
    }
    if (this.loadError?.code === 'missing_token') return;
    const config = this.options.config();
    if (misnamed.length && !config.clientToken) return this.failMissingToken();
    this.missingTokenTimer ??= setTimeout(() => {
      this.missingTokenTimer = undefined;
      if (!this.host.isConnected || this.options.config().clientToken) return;
      this.failMissingToken();
    }, this.timeout);
  }

  private failMissingToken(): void {
    this.stopMissingTokenTimer();
    this.fail({
      code: 'missing_token',
      message:
        'No client token: set the clientToken property (or the client-token attribute) to the client_token your server got when it created the payment session, ' +
        'or nest this element in a <moment-checkout> that has one (fetchClientToken or session-endpoint).',
    });
  }

  private stopMissingTokenTimer(): void {
    if (this.missingTokenTimer !== undefined) clearTimeout(this.missingTokenTimer);
    this.missingTokenTimer = undefined;
  }

  private fail(error: LoadErrorDetail): void {
    this.loadError = error;
    this.host.requestUpdate();
    console.error(`Moment Elements <${this.options.tag}>: ${error.message}`);
    invokeCallback(this.options.tag, this.host.onIframeLoadFailed, error);
    emit(this.host, 'load-error', error);
    this.options.onLoadError?.();
  }
}
