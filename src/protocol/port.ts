/**
 * One end of the bridge after the handshake: requests with ids and timeouts, responses, events,
 * all over a `MessagePort` and all schema-checked on receipt. Both realms use it; which
 * requests and events are valid is decided by the schemas each side passes in.
 */
import { PortMessage, envelope, parse, type RequestError, type RequestErrorCode } from './messages.js';
import { safeParse, type Infer, type Issue, type Schema as AnySchema } from './schema.js';

type Schema = AnySchema<unknown>;

/**
 * What an `invalid_params` refusal says: the method, the path of the refused part when it is not
 * the whole parameters object (keys joined with `.`, as in `additionalInfo.billingAddress.postcode`)
 * and the check it failed (`string`, `missing`, `unknown` for a key no schema declares, …), e.g.
 * `Invalid parameters for "executePayment": additionalInfo.billingAddress.postcode (string).`
 * `REFUSED_PARAM` reads the path back on the requesting side.
 */
const refusal = (method: string, { message, path }: Issue): string =>
  `Invalid parameters for "${method}"${path.length ? `: ${path.join('.')}` : ''} (${message}).`;
const REFUSED_PARAM = /^[^"]*"[^"]*": (.+) \([^()]*\)\.$/s;

/** A failed request, as a rejection of `PortEndpoint.request()`. */
export class BridgeError extends Error implements RequestError {
  readonly code: RequestErrorCode;
  readonly errors?: RequestError['errors'];
  /** `invalid_params`: the path of the refused parameter, e.g. `additionalInfo.billingAddress.postcode` (absent when the whole object was refused). */
  readonly param?: string;
  constructor(error: RequestError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
    if (error.errors) this.errors = error.errors;
    const param = error.code == 'invalid_params' && REFUSED_PARAM.exec(error.message)?.[1];
    if (param) this.param = param;
  }
}

type RequestTable = Record<string, { params: Schema; result: Schema }>;
type EventTable = Record<string, Schema>;
type Handlers<T extends RequestTable> = {
  [M in keyof T]: (params: Infer<T[M]['params']>) => Promise<Infer<T[M]['result']>> | Infer<T[M]['result']>;
};

/** The result schemas of a request table: all a requesting side needs at run time. */
export type ResultSchemas<T extends RequestTable> = { [M in keyof T]: T[M]['result'] };

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (reason: BridgeError) => void;
  timer: ReturnType<typeof setTimeout>;
  result: Schema;
}

/** Random id fit for channels, request ids and idempotency keys. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PortEndpointOptions<In extends EventTable> {
  /** Events this side accepts, with their detail schemas. */
  events?: In;
  /** Called for every valid incoming event. */
  onEvent?: <E extends keyof In & string>(name: E, detail: Infer<In[E]>) => void;
  /** Called when a message was dropped (for diagnostics; never with its content). */
  onDrop?: (reason: string) => void;
}

/**
 * A bridge endpoint. `Out` is the table of requests this side may send; only their result
 * schemas are needed at run time (results are validated on return). `handlers` serve requests
 * coming in, whose parameters are validated against `accepts`.
 */
export class PortEndpoint<Out extends RequestTable, In extends EventTable = EventTable, Accepts extends RequestTable = RequestTable> {
  private readonly pending = new Map<string, Pending>();
  private closed = false;

  constructor(
    private readonly port: MessagePort,
    private readonly outgoing: ResultSchemas<Out>,
    private readonly options: PortEndpointOptions<In> & {
      accepts?: Accepts;
      handlers?: Partial<Handlers<Accepts>>;
    } = {},
  ) {
    port.onmessage = (event: MessageEvent) => this.receive(event.data);
    port.onmessageerror = () => options.onDrop?.('messageerror');
  }

  /** Sends a request and waits for its validated result, or rejects after `timeoutMs`. */
  request<M extends keyof Out & string>(method: M, params: Infer<Out[M]['params']>, timeoutMs: number): Promise<Infer<Out[M]['result']>> {
    if (this.closed) return Promise.reject(new BridgeError({ code: 'closed', message: 'The frame connection is closed.' }));
    const id = randomId();
    // Posted before anything waits for it: a value that cannot be cloned (a function, a symbol, a
    // DOM node) throws here, and leaves no timer and no pending entry behind. The answer cannot
    // arrive before the entry is set (messages are delivered in later tasks).
    try {
      this.post({ ...envelope(), kind: 'request', id, method, params });
    } catch (error) {
      return Promise.reject(
        new BridgeError({
          code: 'invalid_params',
          message: `"${method}" was not sent: its parameters cannot be copied (${(error as Error)?.name}), e.g. a function.`,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        method,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(id);
          reject(new BridgeError({ code: 'timeout', message: `The frame did not answer "${method}" within ${timeoutMs} ms.` }));
        }, timeoutMs),
        result: this.outgoing[method],
      });
    });
  }

  /** Sends an event to the other side. */
  emit(name: string, detail: unknown): void {
    this.post({ ...envelope(), kind: 'event', name, detail });
  }

  /** Closes the port and rejects every pending request with `closed`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.onmessage = null;
    this.port.close();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new BridgeError({ code: 'closed', message: 'The frame connection was closed.' }));
      this.pending.delete(id);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private post(message: PortMessage): void {
    if (!this.closed) this.port.postMessage(message);
  }

  private receive(data: unknown): void {
    const message = parse(PortMessage, data);
    if (!message) {
      this.options.onDrop?.('malformed');
      // An answer to a request that waits, but not one this side can read (a bad shape, an error
      // code it does not know): the request fails now rather than when its timer runs out.
      const { kind, id } = Object(data) as { kind?: unknown; id?: unknown };
      const pending = kind === 'response' && typeof id == 'string' ? this.take(id) : undefined;
      return pending?.reject(malformed(pending.method));
    }
    switch (message.kind) {
      case 'response':
        return this.settle(message);
      case 'event':
        return this.dispatchEvent(message.name, message.detail);
      case 'request':
        void answer((m) => this.post(m), this.options.accepts, this.options.handlers, message);
    }
  }

  /** Takes request `id` off the books and stops its timer; `undefined` when nothing waits for it. */
  private take(id: string): Pending | undefined {
    const pending = this.pending.get(id);
    if (pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
    }
    return pending;
  }

  private settle(message: Extract<PortMessage, { kind: 'response' }>): void {
    const pending = this.take(message.id);
    if (!pending) return this.options.onDrop?.('unknown-response');
    if (!message.ok) return pending.reject(new BridgeError(message.error));
    // Every answer goes through its result schema, `undefined` included: `{ ok: true }` with no
    // valid result is a failure, never a resolution with nothing.
    const result = safeParse(pending.result, message.result);
    if (result.success) return pending.resolve(result.output);
    this.options.onDrop?.('malformed-result');
    pending.reject(malformed(pending.method));
  }

  private dispatchEvent(name: string, detail: unknown): void {
    const schema = this.options.events && Object.hasOwn(this.options.events, name) ? this.options.events[name] : undefined;
    const parsed = schema && safeParse(schema, detail);
    if (!parsed?.success) return this.options.onDrop?.(`event:${name}`);
    this.options.onEvent?.(name as keyof In & string, parsed.output);
  }
}

type Post = (message: PortMessage) => void;

const malformed = (method: string) => new BridgeError({ code: 'internal', message: `The frame sent a malformed answer to "${method}".` });

/** Answers one request with its handler's result, or with why it cannot be served. Never throws. */
async function answer<A extends RequestTable>(
  post: Post,
  accepts: A | undefined,
  handlers: Partial<Handlers<A>> | undefined,
  { id, method, params: rawParams }: Extract<PortMessage, { kind: 'request' }>,
): Promise<void> {
  const spec = accepts && Object.hasOwn(accepts, method) ? accepts[method] : undefined;
  const handler = handlers && Object.hasOwn(handlers, method) ? handlers[method as keyof A] : undefined;
  const reply = (body: { ok: true; result: unknown } | { ok: false; error: RequestError }) =>
    post({ ...envelope(), kind: 'response', id, ...body } as PortMessage);
  if (!spec || !handler) return reply({ ok: false, error: { code: 'unknown_method', message: `Unknown method "${method}".` } });
  // The refusal names the refused parameter's path, which the requesting side reads into `BridgeError.param`.
  const params = safeParse(spec.params, rawParams);
  if (!params.success) return reply({ ok: false, error: { code: 'invalid_params', message: refusal(method, params.issues[0]).slice(0, 500) } });
  try {
    const result: unknown = await handler(params.output);
    // A result that cannot be cloned throws here, and is answered as `internal` below.
    reply({ ok: true, result: result ?? null });
  } catch (error) {
    const e = error instanceof BridgeError ? error : new BridgeError({ code: 'internal', message: error instanceof Error ? error.message : 'Request failed.' });
    // At most 500 characters, as the other side accepts: a longer message would be dropped there, and its request left waiting.
    reply({ ok: false, error: { code: e.code, message: e.message.slice(0, 500), ...(e.errors ? { errors: e.errors } : {}) } });
  }
}

/** A frame's end of the bridge: it serves the requests it accepts and sends events, and sends no requests. */
export interface ServedPort {
  emit(name: string, detail: unknown): void;
  close(): void;
}

/**
 * Serves `accepts` with `handlers` on `port`: parameters are checked against their schema before
 * a handler runs; anything that is not a well-formed request is ignored.
 */
export function servePort<A extends RequestTable>(port: MessagePort, accepts: A, handlers: Partial<Handlers<A>>): ServedPort {
  let closed = false;
  const post: Post = (message) => closed || port.postMessage(message);
  port.onmessage = (event: MessageEvent) => {
    const message = parse(PortMessage, event.data);
    if (message?.kind === 'request') void answer(post, accepts, handlers, message);
  };
  return {
    emit: (name, detail) => post({ ...envelope(), kind: 'event', name, detail }),
    close() {
      closed = true;
      port.onmessage = null;
      port.close();
    },
  };
}
