/**
 * The frame side of the bridge handshake (see src/protocol/messages.ts), for any frame kind.
 *
 * The page URL carries `#channel=<id>&origin=<host origin>`. The frame posts `hello` to its parent
 * with that exact origin as the target (never `*`), repeating every 500 ms (at most 20 times)
 * until the host answers with `connect` and a `MessagePort`. A `connect` is accepted once, and
 * only from the parent window, from the host origin, on the same channel, with exactly one port.
 * Anything else is ignored without throwing.
 */
import { safeParse, type Infer, type Schema as AnySchema } from '../protocol/schema.js';
import { ConnectMessage, HelloMessage, envelope, parse, type FrameKind } from '../protocol/messages.js';
import { servePort, type ServedPort } from '../protocol/port.js';

type RequestTable = Record<string, { params: AnySchema<unknown>; result: AnySchema<unknown> }>;
type EventTable = Record<string, AnySchema<unknown>>;

/** Sends one of the frame's events, its detail typed by the event's schema. */
export type FrameEmitter<Ev extends EventTable> = <E extends keyof Ev & string>(name: E, detail: Infer<Ev[E]>) => void;

/** Handlers for the requests a frame accepts (same shape `servePort` takes). */
export type FrameHandlers<A extends RequestTable> = {
  [M in keyof A]: (params: Infer<A[M]['params']>) => Promise<Infer<A[M]['result']>> | Infer<A[M]['result']>;
};

export interface FrameParams {
  channel: string;
  hostOrigin: string;
}

/** Reads and checks `channel` and `origin` from the page's hash; `null` when either is missing or invalid. */
export function readFrameParams(hash: string, kind: FrameKind): FrameParams | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const channel = params.get('channel');
  const origin = params.get('origin');
  if (!channel || !origin) return null;
  if (!parse(HelloMessage, { ...envelope(), kind: 'hello', channel, frame: kind })) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) return null;
  return { channel, hostOrigin: origin };
}

export interface FrameBridgeOptions<A extends RequestTable, Ev extends EventTable> {
  kind: FrameKind;
  accepts: A;
  handlers: FrameHandlers<A>;
  /** The events the frame sends, with their detail schemas. */
  events: Ev;
  /** The frame's window (tests pass their own); defaults to `window`. */
  window?: Window;
  /** The window to greet; defaults to `window.parent`. */
  parent?: Window;
  /** Defaults to the frame's `location.hash`. */
  hash?: string;
  helloIntervalMs?: number;
  maxHellos?: number;
}

export interface FrameBridge<Ev extends EventTable = EventTable> {
  readonly channel: string;
  readonly hostOrigin: string;
  /** Resolves with the endpoint once the host has connected. */
  readonly connected: Promise<ServedPort>;
  /**
   * Sends an event to the host. Only what the event's schema describes leaves the frame (unknown
   * keys are dropped); a detail the schema refuses, and any event before the host has connected,
   * is dropped.
   */
  readonly emit: FrameEmitter<Ev>;
  /** Stops greeting and listening, and closes the port. */
  stop(): void;
}

export const HELLO_INTERVAL_MS = 500;
export const MAX_HELLOS = 20;

/** Starts the handshake; returns `null` (and does nothing) when the page was not opened correctly. */
export function startFrameBridge<A extends RequestTable, Ev extends EventTable>(options: FrameBridgeOptions<A, Ev>): FrameBridge<Ev> | null {
  const win = options.window ?? window;
  const parent = options.parent ?? win.parent;
  const params = readFrameParams(options.hash ?? win.location.hash, options.kind);
  if (!params || !parent || parent === win) return null;
  const { channel, hostOrigin } = params;

  let endpoint: ServedPort | undefined;
  let stopped = false;
  let hellos = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let resolveConnected!: (endpoint: ServedPort) => void;
  const connected = new Promise<ServedPort>((resolve) => (resolveConnected = resolve));

  const hello = () => {
    if (hellos >= (options.maxHellos ?? MAX_HELLOS)) return clearInterval(timer);
    hellos++;
    parent.postMessage({ ...envelope(), kind: 'hello', channel, frame: options.kind } satisfies HelloMessage, hostOrigin);
  };

  const onMessage = (event: MessageEvent) => {
    if (endpoint || stopped) return;
    if (event.source !== parent || event.origin !== hostOrigin) return;
    const message = parse(ConnectMessage, event.data);
    if (!message || message.channel !== channel || event.ports.length !== 1) return;
    win.removeEventListener('message', onMessage);
    clearInterval(timer);
    endpoint = servePort(event.ports[0]!, options.accepts, options.handlers);
    resolveConnected(endpoint);
  };

  win.addEventListener('message', onMessage);
  hello();
  timer = setInterval(hello, options.helloIntervalMs ?? HELLO_INTERVAL_MS);

  return {
    channel,
    hostOrigin,
    connected,
    emit(name, detail) {
      const schema = Object.hasOwn(options.events, name) ? options.events[name] : undefined;
      const checked = schema && safeParse(schema, detail);
      if (checked?.success) endpoint?.emit(name, checked.output);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      win.removeEventListener('message', onMessage);
      endpoint?.close();
    },
  };
}
