import type { Context } from 'hono';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { bearerToken } from './request.js';
import type { SessionRecord } from './store.js';

/** Test secret keys: seed 000's `sk_test_…` and seed 004's `sk_sandbox_…`. */
const SECRET_TEST_KEY = /^sk_(?:test|sandbox)_[A-Za-z0-9_]+$/;

/**
 * The secret key of a merchant request: `Authorization: Bearer sk_…` (seed 000) or seed 004's
 * `Authorization: Basic sk_…`, the key itself after a literal `Basic ` (not base64).
 */
function secretKeyOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^(?:Bearer|Basic)\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The merchant API takes any `sk_test_…` or `sk_sandbox_…` key, as Bearer or literal Basic; returns it. */
export function requireSecretKey(c: Context): string {
  const key = secretKeyOf(c);
  if (key === undefined) {
    throw new ApiFailure(
      401,
      'authentication_error',
      "No API key provided. Send your secret key as 'Authorization: Bearer sk_test_…' (or seed 004's 'Authorization: Basic sk_sandbox_…', the key itself, not base64).",
    );
  }
  if (key.startsWith('pk_')) {
    throw new ApiFailure(
      401,
      'authentication_error',
      'A publishable key (pk_…) cannot create or read payment sessions. Call this API from your server with your secret key (sk_test_…).',
    );
  }
  if (key.startsWith('sk_live_')) {
    throw new ApiFailure(401, 'authentication_error', 'Live keys cannot be used with the sandbox. Use a test key (sk_test_…).');
  }
  if (!SECRET_TEST_KEY.test(key)) {
    throw new ApiFailure(
      401,
      'authentication_error',
      'Invalid API key. The sandbox accepts any secret test key (sk_test_… or sk_sandbox_…), sent as it is after Bearer or Basic (not base64).',
    );
  }
  return key;
}

/**
 * The session behind the client token of a frame request. A token that is missing, forged or
 * for another sandbox is a 401; so is a session whose time has run out.
 */
export async function requireClientSession(c: Context, ctx: SandboxContext): Promise<SessionRecord> {
  const token = bearerToken(c);
  if (token === undefined) {
    throw new ApiFailure(401, 'missing_token', "No client token provided. Send it as 'Authorization: Bearer <client_token>'.");
  }
  const check = await ctx.tokens.verify(token);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? new ApiFailure(401, 'session_expired', 'This payment session has expired. Please start again.')
      : new ApiFailure(401, 'invalid_token', 'The client token is not valid for this sandbox.');
  }
  const session = ctx.store.session(check.claims.sid);
  if (!session) throw notFound('No payment session for this client token.');
  if (session.status === 'expired') {
    throw new ApiFailure(401, 'session_expired', 'This payment session has expired. Please start again.');
  }
  return session;
}
