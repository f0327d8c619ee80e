/**
 * Client keys and environments. The key decides the environment; the environment decides where
 * the frames come from (SPEC §2.4).
 */
import type { ClientTokenClaims } from '../protocol/api.js';

export type Environment = 'sandbox' | 'production';

/** Origin of the production frames; no attribute or option can change it for a live key. */
export const PRODUCTION_FRAMES_ORIGIN = 'https://frames.momentpay.net';
/** Origin of the hosted sandbox frames, used by test keys unless a local sandbox is named. */
export const SANDBOX_FRAMES_ORIGIN = 'https://frames.sandbox.momentpay.net';

/** A configuration problem the developer must fix; `code` is stable, `message` says what to do. */
export class ConfigError extends Error {
  constructor(
    readonly code:
      | 'missing_client_key'
      | 'invalid_client_key'
      | 'secret_key_refused'
      | 'invalid_client_token'
      | 'client_token_expired'
      | 'invalid_frames_origin'
      | 'invalid_config'
      | 'missing_token'
      | 'environment_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `pk_test_` or `pk_live_`, then letters, digits or underscores (the documented `pk_test_your_key_here` included). */
const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9_]{1,128}$/;

/** Checks a publishable key and returns its environment; throws a `ConfigError` otherwise. */
export function parseClientKey(key: unknown): Environment {
  if (typeof key !== 'string' || key.trim() === '') {
    throw new ConfigError('missing_client_key', 'A client key is required: pass your publishable key (pk_test_… or pk_live_…).');
  }
  if (/^sk_/.test(key.trim())) {
    throw new ConfigError(
      'secret_key_refused',
      'A secret key (sk_…) was given as the client key. Secret keys must never be used in a web page: it has not been sent anywhere. ' +
        'Roll this key in your dashboard if it was published, keep it on your server, and pass your publishable key (pk_test_… or pk_live_…) instead.',
    );
  }
  const match = PUBLISHABLE_KEY.exec(key.trim());
  if (!match) {
    throw new ConfigError(
      'invalid_client_key',
      `"${key.length > 24 ? `${key.slice(0, 12)}…` : key}" is not a publishable key. Pass the key that starts with pk_test_ (sandbox) or pk_live_ (production).`,
    );
  }
  return match[1] === 'live' ? 'production' : 'sandbox';
}

/** Normalizes an origin string (`scheme://host[:port]`, nothing else); throws when it is not one. */
export function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('invalid_frames_origin', `frames-origin "${value}" is not a URL. Use an origin such as http://127.0.0.1:4010.`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!/^https?:$/.test(url.protocol) || !bare) {
    throw new ConfigError('invalid_frames_origin', `frames-origin "${value}" must be an origin only (http(s)://host[:port]), such as http://127.0.0.1:4010.`);
  }
  return url.origin;
}

/** True for origins on the loopback interface: where a local sandbox runs. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const { hostname } = new URL(origin);
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

/**
 * Where the frames come from: production for live keys (always); for test keys the configured
 * origin, else a loopback token issuer (a local sandbox), else the hosted sandbox.
 */
export function resolveFramesOrigin(environment: Environment, configured: string | null | undefined, claims?: Pick<ClientTokenClaims, 'iss'>): string {
  if (environment === 'production') return PRODUCTION_FRAMES_ORIGIN;
  if (configured) return parseOrigin(configured);
  if (claims && isLoopbackOrigin(claims.iss)) return parseOrigin(claims.iss);
  return SANDBOX_FRAMES_ORIGIN;
}
