/**
 * The return from a redirect (seed 000, steps 7–10): the provider sends the customer back to
 * `success_url?session_id=…`; the checkout reads the id, asks the merchant's backend for the
 * session status, routes it to an outcome, and takes `session_id` out of the address bar.
 */

import { FetchTimeoutError } from './fetch-json.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SESSION_STATUSES, outcomeOfSession, type Outcome, type SessionStatus } from '../protocol/outcome.js';
import type { CheckoutResult } from './events.js';
import { CustomerDetailsSchema, type CustomerDetails } from '../protocol/customer.js';
import { safeParse } from '../protocol/schema.js';

export type { SessionStatus };

/** What `fetchSessionStatus` must resolve with: `{ status, ... }`. */
export interface SessionStatusResponse {
  status: SessionStatus | string;
  [key: string]: unknown;
}

const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The `session_id` in the current URL, when it looks like one. */
export function sessionIdFromUrl(href: string = window.location.href): string | null {
  const id = new URL(href).searchParams.get('session_id');
  return id && SESSION_ID.test(id) ? id : null;
}

/** Removes `session_id` from the address bar, keeping every other parameter, the hash and history state. */
export function removeSessionIdFromUrl(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('session_id')) return;
  url.searchParams.delete('session_id');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/**
 * Which outcome a session status means (the one table in the protocol). An open session after a
 * redirect is a cancel when the session's `last_attempt.outcome` says so, else a failed attempt.
 * After the hosted checkout page (`hosted`) an open session is always a cancel: that page sends
 * the customer back unpaid only from its Cancel (to `cancel_url`); a failed attempt stays on it.
 */
export function outcomeForStatus(status: string, session?: Record<string, unknown>, hosted = false): Outcome | undefined {
  const attempt = session?.['last_attempt'];
  const last = hosted
    ? 'cancelled'
    : attempt && typeof attempt === 'object' && !Array.isArray(attempt)
      ? (attempt as Record<string, unknown>)['outcome']
      : undefined;
  return outcomeOfSession(status, last);
}

const RESUME_KEY = 'moment-elements:redirect';

/**
 * What the page remembers across a redirect: for the bank's page, the token, so that an
 * unfinished payment resumes on its session; for the hosted checkout page, only that it was
 * hosted (a customer who comes back from it unpaid cancelled, and is not sent there again).
 */
export type RedirectMemo = { sessionId: string; clientToken: string; hosted?: false } | { sessionId: string; hosted: true };

/** Remembers the session being paid before the page leaves (this tab only). */
export function rememberRedirect(memo: RedirectMemo): void {
  try {
    sessionStorage.setItem(RESUME_KEY, JSON.stringify(memo));
  } catch {
    // Storage may be off (private mode, a sandboxed page): the customer then starts over.
  }
}

/** Takes (and forgets) what was remembered for this session, if anything. */
export function takeRedirect(sessionId: string): RedirectMemo | undefined {
  let memo: unknown;
  try {
    memo = JSON.parse(sessionStorage.getItem(RESUME_KEY) ?? 'null');
    sessionStorage.removeItem(RESUME_KEY);
  } catch {
    return undefined;
  }
  const m = memo as { sessionId?: unknown; clientToken?: unknown; hosted?: unknown } | null;
  return m?.sessionId === sessionId && (m.hosted === true || typeof m.clientToken === 'string') ? (m as RedirectMemo) : undefined;
}

const LAUNCHED_KEY = 'moment-elements:launched';
/** How many session ids a tab remembers as launched by its pages (the newest kept). */
export const LAUNCHED_LIMIT = 20;

function launchedIds(): string[] {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(LAUNCHED_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Remembers (this tab only) that a page here launched a session, embedded or hosted: a return
 * with `?session_id=` for it is then marked `launchedHere`. The last `LAUNCHED_LIMIT` are kept.
 */
export function rememberLaunched(sessionId: string): void {
  try {
    const ids = [...launchedIds().filter((id) => id !== sessionId), sessionId].slice(-LAUNCHED_LIMIT);
    sessionStorage.setItem(LAUNCHED_KEY, JSON.stringify(ids));
  } catch {
    // Storage may be off: every return is then reported as not launched here.
  }
}

/** Whether a page in this tab launched the session (one of the last `LAUNCHED_LIMIT`). */
export function wasLaunchedHere(sessionId: string): boolean {
  return launchedIds().includes(sessionId);
}

export interface RedirectReturnOptions {
  /** How to read a session's status: `fetchSessionStatus`, else the `status-endpoint`; `undefined` while neither is set. */
  readStatus: () => ((sessionId: string) => Promise<unknown>) | undefined;
  /** Reports the outcome the status means. */
  report: (outcome: Outcome, result: CheckoutResult) => void;
  /** Opens the checkout again on the remembered session (an unfinished payment). */
  resume: (clientToken: string) => void;
  onError: (code: 'session_status_failed' | 'session_status_timeout' | 'invalid_session_status', message: string) => void;
}

/**
 * The return from a redirect, as a reactive controller of `<moment-checkout>`: when the page
 * opens with `?session_id=`, it waits for a way to read the status (set before or after the
 * element connects), reads it once, reports the outcome, cleans the URL, and resumes an
 * unfinished payment on the same session.
 */
export class RedirectReturnController implements ReactiveController {
  #pending: string | null = null;
  /** The return whose status could not be read, for `retry()`. */
  #failed: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: RedirectReturnOptions,
  ) {
    host.addController(this);
  }

  /** Reads the status again after `onError` (the `session_id` is still in the URL). */
  retry(): void {
    if (!this.#failed) return;
    this.#pending = this.#failed;
    this.#failed = null;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#pending = sessionIdFromUrl();
  }

  hostUpdate(): void {
    const read = this.#pending ? this.options.readStatus() : undefined;
    if (!read) return;
    const sessionId = this.#pending!;
    this.#pending = null;
    void this.#handle(sessionId, read);
  }

  /** Asks the merchant's backend for the status, routes it, cleans the URL. */
  async #handle(sessionId: string, read: (sessionId: string) => Promise<unknown>): Promise<void> {
    let response: unknown;
    try {
      response = await read(sessionId);
    } catch (error) {
      this.#failed = sessionId;
      return this.options.onError(
        error instanceof FetchTimeoutError ? 'session_status_timeout' : 'session_status_failed',
        `Could not read the status of session ${sessionId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const status = (response as { status?: unknown } | null)?.status;
    const memo = takeRedirect(sessionId);
    // Hosted: this tab sent the customer to the checkout page, or the session answer says so.
    const hosted = memo?.hosted === true || (response as { presentation_mode?: unknown } | null)?.presentation_mode === 'hosted';
    const outcome = typeof status === 'string' ? outcomeForStatus(status, response as Record<string, unknown>, hosted) : undefined;
    if (!outcome) {
      this.#failed = sessionId;
      return this.options.onError(
        'invalid_session_status',
        `fetchSessionStatus must resolve with { status } (one of ${SESSION_STATUSES.join(', ')}); it gave ${JSON.stringify(status ?? null)}.`,
      );
    }
    removeSessionIdFromUrl();
    const session = response as Record<string, unknown>;
    const payment = (session['payment'] ?? null) as {
      status_code?: unknown;
      auth_code?: unknown;
      id?: unknown;
      message?: unknown;
      customer_details?: unknown;
    } | null;
    const customerDetails = customerDetailsIn(payment?.customer_details) ?? customerDetailsIn(session['customer_details']);
    const launchedHere = wasLaunchedHere(sessionId);
    if (!launchedHere) {
      console.warn(
        `Moment Elements <moment-checkout>: the page came back with session_id=${sessionId}, a session this page did not launch (in this tab). ` +
          "Check the session on your server (its amount, currency and reference) before treating it as this cart's payment.",
      );
    }
    this.options.report(outcome, {
      sessionId,
      launchedHere,
      status: status as string,
      message:
        hosted && status === 'open'
          ? 'Cancelled on the checkout page.'
          : typeof payment?.message === 'string'
            ? payment.message
            : `The payment session is ${status}.`,
      ...(typeof payment?.status_code === 'number' ? { statusCode: payment.status_code as CheckoutResult['statusCode'] } : {}),
      ...(typeof payment?.auth_code === 'string' ? { authCode: payment.auth_code } : {}),
      ...(typeof payment?.id === 'string' ? { paymentId: payment.id } : {}),
      ...(customerDetails ? { customerDetails } : {}),
      session,
    });
    // An unfinished payment (declined or cancelled at the bank): offer the same checkout again,
    // on the same session, so the customer does not start over.
    if (status === 'open' && memo && !hosted) this.options.resume(memo.clientToken);
  }
}

/** The customer's details in a session answer (`customer_details`), when they pass the one contract. */
function customerDetailsIn(value: unknown): CustomerDetails | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = safeParse(CustomerDetailsSchema, withoutNulls(value));
  return parsed.success && Object.keys(parsed.output).length > 0 ? parsed.output : undefined;
}

/** A JSON value with its `null` members left out (an API may send `"userPhoneNumber": null`). */
function withoutNulls(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}
