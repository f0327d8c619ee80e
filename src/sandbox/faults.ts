/// <reference types="node" />
/**
 * Fault simulation (test mode only): make the sandbox's network misbehave on purpose, so an
 * integration can be tested against a request that times out, a connection that drops, a proxy's
 * 502 after the payment was charged, a slow answer, a webhook endpoint that fails.
 *
 * A fault is armed with `POST /test/faults` (or `sandbox.addFault()`), applies to the next
 * `times` matching requests (the oldest fault first, one fault per request), then is removed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Hono } from 'hono';
import { FRAMES_HEALTH_PATH, FRAME_SESSION_PATH, HOSTED_CHECKOUT_PATH, PAYMENTS_PATH } from '../protocol/api.js';
import { WALLET_PAYMENTS_PATH } from '../protocol/wallet.js';
import { requireSecretKey } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, errorBody, notFound } from './errors.js';
import { randomId } from './ids.js';
import { bearerToken, parseOrFail, readJsonObject } from './request.js';
import { FaultSpecSchema as FaultSpecRequestSchema } from '../protocol/faults.js';
import { fields, worded } from './schema.js';
import { ownerOf } from './sessions.js';
import {
  FAULT_KINDS,
  FAULT_ROUTES,
  FAULT_STATUSES,
  MAX_FAULTS,
  MAX_FAULT_DELAY_MS,
  MAX_FAULT_TIMES,
  type Fault,
  type FaultKind,
  type FaultRoute,
  type FaultSpec,
  type FaultStatus,
} from './fault-spec.js';

const DEFAULT_DELAY_MS: Partial<Record<FaultKind, number>> = { timeout: 60_000, slow: 2000 };
const DEFAULT_STATUS: FaultStatus = 503;
const WITH_STATUS: readonly FaultKind[] = ['error', 'error_after_charge'];
const WITH_DELAY: readonly FaultKind[] = ['timeout', 'slow'];

const whole = (min: number, max: number) => `must be an integer from ${min} to ${max}`;

/** Body of `POST /test/faults` (the protocol's `FaultSpecSchema`), worded. */
export const FaultSpecSchema = worded(
  FaultSpecRequestSchema,
  fields(FaultSpecRequestSchema, {
    route: `must be one of ${FAULT_ROUTES.map((r) => `'${r}'`).join(', ')}`,
    fault: `must be one of ${FAULT_KINDS.map((k) => `'${k}'`).join(', ')}`,
    status: `must be one of ${FAULT_STATUSES.join(', ')}`,
    delay_ms: whole(0, MAX_FAULT_DELAY_MS),
    times: whole(1, MAX_FAULT_TIMES),
    session_id: 'must be a session id (ps_…)',
  }),
);

const invalid = (param: string, message: string) => new ApiFailure(400, 'invalid_request_error', message, param);

/** Checks a spec (its shape and what needs more than one field); the session is checked by the caller. */
export function checkFaultSpec(input: unknown): FaultSpec {
  const spec: FaultSpec = parseOrFail(FaultSpecSchema, input);
  if (spec.status !== undefined && !WITH_STATUS.includes(spec.fault)) {
    throw invalid('status', `status applies only to the faults 'error' and 'error_after_charge', not '${spec.fault}'`);
  }
  if (spec.delay_ms !== undefined && !WITH_DELAY.includes(spec.fault)) {
    throw invalid('delay_ms', `delay_ms applies only to the faults 'timeout' and 'slow', not '${spec.fault}'`);
  }
  if (spec.session_id !== undefined && spec.route === 'frames') {
    throw invalid('session_id', "session_id cannot scope a 'frames' fault: frame pages carry no client token; leave session_id out");
  }
  return spec;
}

/** The routes a request belongs to, most specific first; none for the `/test/*` routes. */
export function faultRoutesOf(method: string, path: string): FaultRoute[] {
  if (path === '/test' || path.startsWith('/test/')) return [];
  const read = method === 'GET' || method === 'HEAD';
  let route: FaultRoute | undefined;
  if (method === 'POST' && (path === PAYMENTS_PATH || path === WALLET_PAYMENTS_PATH)) route = 'payments';
  else if (read && (path === PAYMENTS_PATH || path.startsWith(`${PAYMENTS_PATH}/`))) route = 'payment_status';
  else if (read && path === FRAME_SESSION_PATH) route = 'session';
  else if (path.startsWith('/frames/') || path.startsWith(`${HOSTED_CHECKOUT_PATH}/`)) route = 'frames';
  return route ? [route, 'any'] : ['any'];
}

/** Whether a request creates a payment: a `slow` fault then delays its processing, not only its answer. */
const createsPayment = (method: string, path: string) => method === 'POST' && (path === PAYMENTS_PATH || path === WALLET_PAYMENTS_PATH);

/** Something that says when a connection closed: a node `ServerResponse`. */
type Closable = Pick<ServerResponse, 'once' | 'off'>;

/** The armed faults of one sandbox, and the requests and deliveries they hold. */
export class FaultRegistry {
  /** Oldest first. */
  private readonly faults: Fault[] = [];
  private readonly releases = new Set<() => void>();
  /** Delays a `slow` fault put on a payment request, taken by the handler once the key is marked. */
  private readonly processingDelays = new WeakMap<Request, number>();
  private closed = false;

  constructor(private readonly log: (line: string) => void) {}

  add(spec: FaultSpec): Fault {
    if (this.faults.length >= MAX_FAULTS) {
      throw new ApiFailure(400, 'invalid_request_error', `The sandbox keeps at most ${MAX_FAULTS} faults; delete some first (DELETE /test/faults).`);
    }
    const times = spec.times ?? 1;
    const delay = WITH_DELAY.includes(spec.fault) ? (spec.delay_ms ?? DEFAULT_DELAY_MS[spec.fault]) : undefined;
    const fault: Fault = {
      id: randomId('flt_'),
      route: spec.route,
      fault: spec.fault,
      ...(WITH_STATUS.includes(spec.fault) && { status: spec.status ?? DEFAULT_STATUS }),
      ...(delay !== undefined && { delay_ms: delay }),
      times,
      remaining: times,
      ...(spec.session_id !== undefined && { session_id: spec.session_id }),
    };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const index = this.faults.findIndex((f) => f.id === id);
    if (index < 0) return false;
    this.faults.splice(index, 1);
    return true;
  }

  clear(): number {
    const count = this.faults.length;
    this.faults.length = 0;
    return count;
  }

  /** Whether any fault is armed for one of `routes` (cheap: no session lookup). */
  has(routes: readonly FaultRoute[]): boolean {
    return this.faults.some((f) => routes.includes(f.route));
  }

  /**
   * The oldest fault for one of `routes` that applies to a request or delivery of session
   * `sessionId` (a function, called only when a candidate is scoped to a session), with one use
   * taken from it; undefined when none applies.
   */
  async take(routes: readonly FaultRoute[], sessionId: () => string | undefined | Promise<string | undefined>): Promise<Fault | undefined> {
    if (!this.has(routes)) return undefined;
    const sid = this.faults.some((f) => routes.includes(f.route) && f.session_id !== undefined) ? await sessionId() : undefined;
    // Looked for again after the await: another request may have used the fault up meanwhile.
    const fault = this.faults.find((f) => routes.includes(f.route) && (f.session_id === undefined || f.session_id === sid));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.remove(fault.id);
    return { ...fault };
  }

  /**
   * Waits `ms`, or less: until `connection` closes (the client gave up) or the sandbox closes.
   * Never leaves a timer behind.
   */
  wait(ms: number, connection?: Closable): Promise<'elapsed' | 'closed'> {
    return new Promise((resolve) => {
      const done = (why: 'elapsed' | 'closed') => {
        clearTimeout(timer);
        connection?.off('close', onClose);
        this.releases.delete(release);
        resolve(why);
      };
      const onClose = () => done('closed');
      const release = () => done('closed');
      // Not unref'd: a held request keeps the process alive until it is let go (close() does).
      const timer = setTimeout(() => done('elapsed'), ms);
      connection?.once('close', onClose);
      this.releases.add(release);
      if (this.closed) release();
    });
  }

  setProcessingDelay(request: Request, ms: number): void {
    this.processingDelays.set(request, ms);
  }

  /** The processing delay a `slow` fault put on this request, taken once. */
  takeProcessingDelay(request: Request): number | undefined {
    const ms = this.processingDelays.get(request);
    this.processingDelays.delete(request);
    return ms;
  }

  /** Releases every held request and delivery and forgets the faults. */
  close(): void {
    this.closed = true;
    this.faults.length = 0;
    for (const release of [...this.releases]) release();
  }

  /** One line per applied fault: its id, kind and what it applied to; never headers or bodies. */
  applied(fault: Fault, what: string): void {
    this.log(`fault ${fault.id} ${fault.fault} ${what}`);
  }
}

/** The node objects `@hono/node-server` passes as `c.env`; absent under `app.request()`. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}
const nodeOf = (c: Context): NodeBindings => (c.env ?? {}) as NodeBindings;

/** Requests whose connection a fault destroyed: the request log says `dropped`, not a status. */
const dropped = new WeakSet<Request>();
export const wasDropped = (c: Context): boolean => dropped.has(c.req.raw);

/** Destroys the request's connection: the client gets no answer at all. */
function dropConnection(c: Context): Response {
  dropped.add(c.req.raw);
  nodeOf(c).incoming?.socket?.destroy();
  // Written nowhere once the socket is gone; what a client gets without a node socket (app.request).
  return new Response(null, { status: 502 });
}

/** The simulated error answer; frames paths carry the CORS header so that a page can read the status. */
function simulatedError(c: Context, status: FaultStatus, after: boolean): Response {
  const message = after
    ? `Simulated ${status} after the request was processed (a test fault).`
    : `Simulated ${status}: the request was not processed (a test fault).`;
  const cors = c.req.path.startsWith('/frames/') || c.req.path.startsWith(`${HOSTED_CHECKOUT_PATH}/`);
  return new Response(JSON.stringify(errorBody('api_error', message)), {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...(cors && { 'access-control-allow-origin': '*' }) },
  });
}

/** The session of a request's client token (Bearer), if it carries a valid one. */
async function sessionOfRequest(c: Context, ctx: SandboxContext): Promise<string | undefined> {
  const token = bearerToken(c);
  if (token === undefined) return undefined;
  const check = await ctx.tokens.verify(token);
  return check.ok ? check.claims.sid : undefined;
}

/** The middleware that applies armed faults to requests. */
export function faultMiddleware(ctx: SandboxContext) {
  return async (c: Context, next: () => Promise<void>): Promise<Response | void> => {
    const { method, path } = c.req;
    const routes = faultRoutesOf(method, path);
    if (routes.length === 0 || !ctx.faults.has(routes)) return next();
    const fault = await ctx.faults.take(routes, () => sessionOfRequest(c, ctx));
    if (!fault) return next();
    ctx.faults.applied(fault, `${method} ${path}`);
    const { outgoing } = nodeOf(c);
    switch (fault.fault) {
      case 'timeout':
        await ctx.faults.wait(fault.delay_ms ?? 0, outgoing);
        return dropConnection(c);
      case 'reset':
        return dropConnection(c);
      case 'error':
        return simulatedError(c, fault.status ?? DEFAULT_STATUS, false);
      case 'error_after_charge':
        await next();
        // Unset first: assigning over a response copies its headers (a stale content-length).
        c.res = undefined;
        c.res = simulatedError(c, fault.status ?? DEFAULT_STATUS, true);
        return;
      case 'drop_after_charge':
        await next();
        c.res = undefined;
        c.res = dropConnection(c);
        return;
      case 'slow': {
        const ms = fault.delay_ms ?? 0;
        if (!createsPayment(method, path)) {
          await ctx.faults.wait(ms);
          return next();
        }
        // A payment is slow while it is processed (its key in progress), not before it arrives.
        ctx.faults.setProcessingDelay(c.req.raw, ms);
        await next();
        // A request refused before processing (a 400) is still answered late.
        const left = ctx.faults.takeProcessingDelay(c.req.raw);
        if (left !== undefined) await ctx.faults.wait(left);
        return;
      }
    }
  };
}

/**
 * Test routes (secret test key, like every `/test/*` route):
 * - `POST /test/faults` `{route, fault, status?, delay_ms?, times?, session_id?}` → 201, the fault.
 * - `GET /test/faults` → `{data: [...]}`, the armed faults, oldest first.
 * - `DELETE /test/faults` → `{deleted: n}`; `DELETE /test/faults/:id` → `{id, deleted: true}`.
 */
export function registerFaultRoutes(app: Hono, ctx: SandboxContext): void {
  app.post('/test/faults', async (c) => {
    const owner = ownerOf(ctx, requireSecretKey(c));
    const spec = checkFaultSpec(await readJsonObject(c));
    if (spec.session_id !== undefined) {
      // Another account's session is unknown here, as everywhere in the merchant API.
      const session = ctx.store.session(spec.session_id);
      if (!session || session.ownerKey !== owner) throw notFound(`No payment session with id '${spec.session_id}'.`);
    }
    return c.json(ctx.faults.add(spec), 201);
  });

  app.get('/test/faults', (c) => {
    requireSecretKey(c);
    return c.json({ data: ctx.faults.list() });
  });

  app.delete('/test/faults', (c) => {
    requireSecretKey(c);
    return c.json({ deleted: ctx.faults.clear() });
  });

  app.delete('/test/faults/:id', (c) => {
    requireSecretKey(c);
    const id = c.req.param('id');
    if (!ctx.faults.remove(id)) throw notFound(`No fault with id '${id.slice(0, 64)}'.`);
    return c.json({ id, deleted: true });
  });
}

/** `GET /frames/health`: 204 when the frames origin answers; subject to `frames` faults. */
export function registerFramesHealth(app: Hono): void {
  app.get(FRAMES_HEALTH_PATH, () => new Response(null, { status: 204, headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' } }));
}
