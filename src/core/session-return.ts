/**
 * The return from a redirect (seed 000, steps 7–10): the provider sends the customer back to
 * `success_url?session_id=…`; the checkout reads the id, asks the merchant's backend for the
 * session status, routes it to an outcome, and takes `session_id` out of the address bar.
 */

/** Session statuses the merchant's status endpoint may report. */
export const SESSION_STATUSES = ['open', 'completed', 'failed', 'expired', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What `fetchSessionStatus` must resolve with: `{ status, ... }`. */
export interface SessionStatusResponse {
  status: SessionStatus | string;
  [key: string]: unknown;
}

export type ReturnOutcome = 'success' | 'failure' | 'expired' | 'cancel' | 'attempt-failed';

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

/** Which outcome a session status means; an open session after a redirect means the attempt failed. */
export function outcomeForStatus(status: string): ReturnOutcome | undefined {
  switch (status) {
    case 'completed':
      return 'success';
    case 'failed':
      return 'failure';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancel';
    case 'open':
      return 'attempt-failed';
    default:
      return undefined;
  }
}
