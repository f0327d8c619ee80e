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
import { BridgeError } from '../protocol/port.js';
import { tokenEnvironment, tokenSessionId } from './token.js';

export interface SessionGuardOptions {
  /** The merchant page's origin, as the bridge checked it. */
  hostOrigin: string;
  /** The session the frame was opened for (`?session=` of its URL), if any. */
  boundSession?: string | null;
  /** Origin of the provider API: the frames origin. */
  apiOrigin?: string;
  fetch?: typeof fetch;
  warn?: (message: string) => void;
  timeoutMs?: number;
}

type OriginCheck = { allowed: true } | { allowed: false; error: BridgeError } | { allowed: 'unknown' };

export const NO_ALLOWED_ORIGINS_WARNING =
  'Moment Elements: this payment session has no allowed_origins, so any site can embed its payment frames. ' +
  'Create sessions with allowed_origins: ["https://your-shop.example"] (live sessions must have it).';

/** The session id a frame URL was opened for (`?session=`), or `null`. */
export function boundSessionOf(search: string): string | null {
  return new URLSearchParams(search).get('session');
}

export class SessionGuard {
  private session: string | null = null;
  /** Set by the first `admit` at once, so that a concurrent one for another session is refused. */
  private claimed: string | null = null;
  private readonly checks = new Map<string, Promise<OriginCheck>>();
  private warned = false;

  constructor(private readonly options: SessionGuardOptions) {}

  /** The session the frame is bound to once a configure was accepted. */
  get boundTo(): string | null {
    return this.session;
  }

  /**
   * Resolves when the frame may serve `clientToken` on this page; rejects with a `BridgeError`
   * (`session_mismatch`, `origin_not_allowed`) otherwise. Binds the frame to the token's session.
   */
  async admit(clientToken: string): Promise<void> {
    const sid = tokenSessionId(clientToken);
    const expected = this.session ?? this.claimed ?? this.options.boundSession ?? null;
    if (expected !== null && sid !== expected) {
      throw new BridgeError({
        code: 'session_mismatch',
        message: 'This client token is for another payment session than the frame was opened for. Open a new frame for a new session.',
      });
    }
    this.claimed ??= sid;
    const check = await this.checkOrigin(sid, clientToken);
    if (check.allowed === false) {
      if (this.session === null) this.claimed = null;
      throw check.error;
    }
    this.session = sid;
  }

  /** One read per session; concurrent callers share it and resume in call order. */
  private checkOrigin(sid: string, clientToken: string): Promise<OriginCheck> {
    let check = this.checks.get(sid);
    if (!check) {
      check = this.readAllowedOrigins(clientToken);
      this.checks.set(sid, check);
      // Could not tell (network, token refused): ask again next time.
      void check.then((result) => {
        if (result.allowed === 'unknown' && this.checks.get(sid) === check) this.checks.delete(sid);
      });
    }
    return check;
  }

  private async readAllowedOrigins(clientToken: string): Promise<OriginCheck> {
    const { hostOrigin } = this.options;
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 15_000);
    let body: unknown;
    try {
      const response = await fetchImpl(`${this.options.apiOrigin ?? location.origin}${FRAME_SESSION_PATH}`, {
        headers: { Authorization: `Bearer ${clientToken}`, Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      // An invalid or expired token: every payment call fails the same way; the frame reports that itself.
      if (!response.ok) return { allowed: 'unknown' };
      body = await response.json();
    } catch {
      return { allowed: 'unknown' };
    } finally {
      clearTimeout(timer);
    }
    const listed = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { allowed_origins?: unknown }).allowed_origins : undefined;
    if (listed === undefined || listed === null) {
      if (tokenEnvironment(clientToken) !== 'sandbox') {
        return { allowed: false, error: refusal(hostOrigin, 'This live payment session has no allowed_origins.') };
      }
      if (!this.warned) {
        this.warned = true;
        (this.options.warn ?? console.warn)(NO_ALLOWED_ORIGINS_WARNING);
      }
      return { allowed: true };
    }
    if (Array.isArray(listed) && listed.some((origin) => origin === hostOrigin)) return { allowed: true };
    return { allowed: false, error: refusal(hostOrigin, "It is not in the session's allowed_origins.") };
  }
}

function refusal(hostOrigin: string, why: string): BridgeError {
  return new BridgeError({
    code: 'origin_not_allowed',
    message: `The payment frames may not be shown on ${hostOrigin}. ${why} Add the page's origin to allowed_origins when creating the session.`.slice(0, 500),
  });
}

/** The guard of a frame page, made on first use from the bridge's host origin and the page's URL. */
export function pageGuard(hostOrigin: () => string): (clientToken: string) => Promise<void> {
  let guard: SessionGuard | undefined;
  return (clientToken) => {
    guard ??= new SessionGuard({ hostOrigin: hostOrigin(), boundSession: boundSessionOf(location.search) });
    return guard.admit(clientToken);
  };
}
