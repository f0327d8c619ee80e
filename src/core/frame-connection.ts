/**
 * Host side of the bridge, as a reactive controller: gives each frame a fresh channel, accepts
 * the frame's `hello` only from the exact frames origin, from its own iframe and with its own
 * channel, hands the frame a `MessagePort`, and tears everything down when the element leaves
 * the page: no listener, timer or pending request outlives the connection.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Infer, Schema as AnySchema } from '../protocol/schema.js';
import { FRAME_PATHS } from '../protocol/api.js';
import { ConnectMessage, HelloMessage, envelope, parse, type FrameKind } from '../protocol/messages.js';
import { BridgeError, PortEndpoint, randomId, type ResultSchemas } from '../protocol/port.js';
import type { LoadErrorDetail } from './events.js';

type Schema = AnySchema<unknown>;
type RequestTable = Record<string, { params: Schema; result: Schema }>;
type EventTable = Record<string, Schema>;

/** Refusals by the frame that are the page's to fix, reported with their own `load-error` code. */
const REFUSALS: ReadonlySet<string> = new Set(['origin_not_allowed', 'session_mismatch']);

/** How long a loaded frame page may stay silent before it is taken as refused (ms). */
const SILENCE_AFTER_LOAD_MS = 2000;

export type ConnectionState = 'idle' | 'loading' | 'ready' | 'error';

export interface FrameConnectionOptions<Out extends RequestTable, In extends EventTable> {
  kind: FrameKind;
  /** Result schemas of the requests the host makes. */
  results: ResultSchemas<Out>;
  events: In;
  /** The iframe currently rendered for this connection. */
  iframe: () => HTMLIFrameElement | null | undefined;
  /** Runs once the port is up; resolve when the frame is configured (the connection is then ready). */
  onConnected: (endpoint: PortEndpoint<Out, In>) => Promise<void>;
  /** Runs when the frame is connected and configured. */
  onReady: () => void;
  onEvent: <E extends keyof In & string>(name: E, detail: Infer<In[E]>) => void;
  onFailure: (error: LoadErrorDetail) => void;
}

export class FrameConnection<Out extends RequestTable, In extends EventTable> implements ReactiveController {
  /** Channel id of the current frame; changes on every `open()`. */
  channel = '';
  /** URL of the current frame, or `undefined` when none should be rendered. */
  src: string | undefined;
  state: ConnectionState = 'idle';
  endpoint: PortEndpoint<Out, In> | undefined;

  private framesOrigin = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Runs once the frame's page has loaded without saying hello. */
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private stopWatchingLoad: (() => void) | undefined;
  private listening = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FrameConnectionOptions<Out, In>,
  ) {
    host.addController(this);
  }

  /** Starts a new frame on `framesOrigin`; fails with `timeout` after `timeoutMs` without readiness. */
  open(framesOrigin: string, timeoutMs: number, sessionId?: string): void {
    this.close();
    this.framesOrigin = framesOrigin;
    this.channel = randomId();
    const hash = new URLSearchParams({ channel: this.channel, origin: window.location.origin });
    // The session in the query lets the frames origin send that session's `frame-ancestors`.
    const query = sessionId ? `?${new URLSearchParams({ session: sessionId })}` : '';
    this.src = `${framesOrigin}${FRAME_PATHS[this.options.kind]}${query}#${hash}`;
    this.state = 'loading';
    window.addEventListener('message', this.onWindowMessage);
    this.listening = true;
    this.timer = setTimeout(
      () => this.fail({ code: 'timeout', message: `The secure frame did not load within ${timeoutMs} ms. Check your network and the frames origin (${framesOrigin}), then call retry().` }),
      timeoutMs,
    );
    this.host.requestUpdate();
    const channel = this.channel;
    void this.host.updateComplete.then(() => this.watchLoad(channel));
  }

  /**
   * A frame page runs its script before its `load` event, and the script says hello at once. A
   * page that loaded and stays silent never will: the browser refused to show it (the session's
   * `allowed_origins` does not include this page, sent as `frame-ancestors`) or the frames origin
   * served something else. Say so now rather than after the load timeout.
   */
  private watchLoad(channel: string): void {
    const iframe = this.options.iframe();
    if (!iframe || channel !== this.channel || this.endpoint) return;
    const onLoad = () => {
      if (this.silenceTimer !== undefined) clearTimeout(this.silenceTimer);
      this.silenceTimer = undefined;
      // Only the frame page itself counts (not a blank document put there in between).
      if (channel !== this.channel || this.endpoint || this.state !== 'loading' || !iframe.src.startsWith(`${this.framesOrigin}/`)) return;
      this.silenceTimer = setTimeout(() => {
        if (channel !== this.channel || this.endpoint || this.state !== 'loading') return;
        this.fail({
          code: 'frame_not_started',
          message:
            `The secure frame loaded but did not start. Check that the payment session's allowed_origins includes this page's origin (${window.location.origin}) ` +
            `and that ${this.framesOrigin} serves the payment frames.`,
        });
      }, SILENCE_AFTER_LOAD_MS);
    };
    iframe.addEventListener('load', onLoad);
    this.stopWatchingLoad = () => iframe.removeEventListener('load', onLoad);
  }


  /** Closes the port, stops listening and forgets the frame. */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.silenceTimer !== undefined) clearTimeout(this.silenceTimer);
    this.silenceTimer = undefined;
    this.stopWatchingLoad?.();
    this.stopWatchingLoad = undefined;
    if (this.listening) window.removeEventListener('message', this.onWindowMessage);
    this.listening = false;
    this.endpoint?.close();
    this.endpoint = undefined;
    this.src = undefined;
    if (this.state !== 'error') this.state = 'idle';
  }

  hostDisconnected(): void {
    this.close();
    this.state = 'idle';
  }

  private fail(error: LoadErrorDetail): void {
    this.close();
    this.state = 'error';
    this.host.requestUpdate();
    this.options.onFailure(error);
  }

  private readonly onWindowMessage = (event: MessageEvent): void => {
    const iframe = this.options.iframe();
    if (this.endpoint || event.origin !== this.framesOrigin || !iframe || event.source !== iframe.contentWindow) return;
    const hello = parse(HelloMessage, event.data);
    if (!hello || hello.channel !== this.channel || hello.frame !== this.options.kind) return;
    const { port1, port2 } = new MessageChannel();
    const endpoint = new PortEndpoint<Out, In>(port1, this.options.results, {
      events: this.options.events,
      onEvent: this.options.onEvent,
    });
    this.endpoint = endpoint;
    const connect: ConnectMessage = { ...envelope(), kind: 'connect', channel: this.channel };
    iframe.contentWindow!.postMessage(connect, this.framesOrigin, [port2]);
    this.options.onConnected(endpoint).then(
      () => {
        if (this.endpoint !== endpoint) return;
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = undefined;
        this.state = 'ready';
        this.host.requestUpdate();
        this.options.onReady();
      },
      (error: unknown) => {
        if (this.endpoint !== endpoint) return;
        const code = error instanceof BridgeError && REFUSALS.has(error.code) ? (error.code as LoadErrorDetail['code']) : 'frame_error';
        this.fail({ code, message: `The secure frame could not be set up: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
  };
}
