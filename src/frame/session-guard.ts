/**
 * Which page may use a frame, and for which session. After `configure` brings a client token,
 * the frame reads its session (`GET /v1/session`) and refuses when:
 * - the session lists `allowed_origins` and the page hosting the frame (the origin the bridge
 *   talks to) is not among them: `origin_not_allowed`, so a page on another site gets no working
 *   frame even when it holds a token;
 * - the token is for another session than the one in the frame's URL (`?session=`), or than the
 *   one the frame was first configured with: `session_mismatch`. A frame never carries what was
 *   typed under one session into another; the host opens a fresh frame for a new session.
 * A session without `allowed_origins` is accepted for test tokens, with one console warning.
 */
import { FRAME_SESSION_PATH } from '../protocol/api.js';
import { send } from './card/payment.js';
import { BridgeError } from '../protocol/port.js';
import { tokenEnvironment, tokenSessionId } from './token.js';

export interface SessionGuardOptions {
  /** The merchant page's origin, as the bridge checked it. */
  hostOrigin: string;
  /** The session the frame was opened for (`?session=` of its URL), if any. */
  boundSession?: string | null;
  /** What the frame page says about that session (its `moment-session` meta), read instead of asking the API. */
  pageSession?: PageSession | null;
  /** Origin of the provider API: the frames origin. */
  apiOrigin?: string;
  fetch?: typeof fetch;
  warn?: (message: string) => void;
  timeoutMs?: number;
}

type OriginCheck = { allowed: true } | { allowed: false; error: BridgeError } | { allowed: 'unknown' };

export const NO_ALLOWED_ORIGINS_WARNING =
  "Moment Elements: this session has no allowed_origins, so any site can embed its payment frames. Create sessions with allowed_origins: [your shop's origin].";

/** What the frames origin wrote into a frame page about its session. */
export interface PageSession {
  id: string;
  allowed_origins: string[] | null;
}

/** The `moment-session` meta of a frame page, when it is well formed. */
export function pageSessionOf(doc: Document): PageSession | null {
  try {
    const about: unknown = JSON.parse(doc.querySelector('meta[name="moment-session"]')?.getAttribute('content') ?? 'null');
    const { id, allowed_origins: origins } = (about ?? {}) as Partial<PageSession>;
    if (typeof id !== 'string' || !(origins === null || (Array.isArray(origins) && origins.every((o) => typeof o === 'string')))) return null;
    return { id, allowed_origins: origins };
  } catch {
    return null;
  }
}

/** The session id a frame URL was opened for (`?session=`), or `null`. */
export function boundSessionOf(search: string): string | null {
  return new URLSearchParams(search).get('session');
}

/** Admits a client token on this page, or rejects with why not (see the top of this file). */
export interface SessionGuard {
  /**
   * Resolves when the frame may serve `clientToken` on this page; rejects with a `BridgeError`
   * (`session_mismatch`, `origin_not_allowed`) otherwise. The first token binds the frame to its
   * session at once, even if refused: a refused frame stays refused.
   */
  admit(clientToken: string): Promise<void>;
  /** The session the frame is bound to: from its URL, else from the first `configure`. */
  readonly boundTo: string | null;
}

export function sessionGuard(options: SessionGuardOptions): SessionGuard {
  const { hostOrigin } = options;
  let session = options.boundSession ?? null;
  /** The one session's origin check, shared by concurrent callers (they resume in call order). */
  let check: Promise<OriginCheck> | undefined;
  let warned = false;

  const readAllowedOrigins = async (clientToken: string): Promise<OriginCheck> => {
    const page = options.pageSession;
    // The page the frames origin served for this very session says it already: no request.
    if (page && page.id === tokenSessionId(clientToken)) return originCheck(page.allowed_origins, clientToken);
    let answer: { status: number; body: unknown };
    try {
      answer = await send(
        {
          origin: options.apiOrigin ?? location.origin,
          clientToken,
          timeoutMs: options.timeoutMs ?? 15_000,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
        FRAME_SESSION_PATH,
        { method: 'GET' },
        0,
      );
    } catch {
      return { allowed: 'unknown' };
    }
    // An invalid or expired token: every payment call fails the same way; the frame reports that itself.
    if (answer.status !== 200) return { allowed: 'unknown' };
    return originCheck((answer.body as { allowed_origins?: unknown } | null)?.allowed_origins, clientToken);
  };

  const originCheck = (listed: unknown, clientToken: string): OriginCheck => {
    if (listed == null) {
      if (tokenEnvironment(clientToken) !== 'sandbox') return { allowed: false, error: refusal(hostOrigin, 'This live session has no allowed_origins.') };
      if (!warned) {
        warned = true;
        (options.warn ?? console.warn)(NO_ALLOWED_ORIGINS_WARNING);
      }
      return { allowed: true };
    }
    return Array.isArray(listed) && listed.includes(hostOrigin)
      ? { allowed: true }
      : { allowed: false, error: refusal(hostOrigin, "It is not in the session's allowed_origins.") };
  };

  return {
    get boundTo() {
      return session;
    },
    async admit(clientToken) {
      const sid = tokenSessionId(clientToken);
      if (session !== null && sid !== session) {
        throw new BridgeError({
          code: 'session_mismatch',
          message: 'This client token is for another session than the frame was opened for. A new session needs a new frame.',
        });
      }
      session = sid;
      const current = (check ??= readAllowedOrigins(clientToken).then((result) => {
        // Could not tell (network, token refused): ask again next time.
        if (result.allowed === 'unknown') check = undefined;
        return result;
      }));
      const result = await current;
      if (result.allowed === false) throw result.error;
    },
  };
}

function refusal(hostOrigin: string, why: string): BridgeError {
  const message = `The payment frames may not be shown on ${hostOrigin}. ${why} Add the page's origin to allowed_origins when creating the session.`;
  return new BridgeError({ code: 'origin_not_allowed', message: message.slice(0, 500) });
}

/** The guard of a frame page, made on first use from the bridge's host origin and the page's URL. */
export function pageGuard(hostOrigin: () => string): (clientToken: string) => Promise<void> {
  let guard: SessionGuard | undefined;
  return (clientToken) => {
    guard ??= sessionGuard({ hostOrigin: hostOrigin(), boundSession: boundSessionOf(location.search), pageSession: pageSessionOf(document) });
    return guard.admit(clientToken);
  };
}
