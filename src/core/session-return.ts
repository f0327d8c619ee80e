/**
 * The return from a redirect (seed 000, steps 7–10): the provider sends the customer back to
 * `success_url?session_id=…`; the checkout reads the id, asks the merchant's backend for the
 * session status, routes it to an outcome, and takes `session_id` out of the address bar.
 */

import { outcomeOfSession, type Outcome, type SessionStatus } from '../protocol/outcome.js';

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
 */
export function outcomeForStatus(status: string, session?: Record<string, unknown>): Outcome | undefined {
  const attempt = session?.['last_attempt'];
  const last = attempt && typeof attempt === 'object' && !Array.isArray(attempt) ? (attempt as Record<string, unknown>)['outcome'] : undefined;
  return outcomeOfSession(status, last);
}

const RESUME_KEY = 'moment-elements:redirect';

/** What the page remembers across a redirect so that an unfinished payment resumes on its session. */
export interface RedirectMemo {
  sessionId: string;
  clientToken: string;
}

/** Remembers the session being paid before the page leaves for the bank (this tab only). */
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
  const m = memo as Partial<RedirectMemo> | null;
  return m && m.sessionId === sessionId && typeof m.clientToken === 'string' ? { sessionId, clientToken: m.clientToken } : undefined;
}
