/**
 * Reading a client token in the host realm. The host cannot verify the signature (the provider
 * does); it reads the claims it needs to decide the variant, the mode and the frames origin, and fails
 * early, with a clear message, on a token that cannot be one.
 */
import { CHECKOUT_VARIANTS, PRESENTATION_MODES, type ClientTokenClaims } from '../protocol/api.js';
import { isClaims, tokenPayload } from '../protocol/token.js';
import { ConfigError } from './keys.js';

/** Decodes the claims of a client token; throws `ConfigError` when it is not a well-formed one. */
export function readClientToken(token: unknown, now = Date.now()): ClientTokenClaims {
  const invalid = (why: string) =>
    new ConfigError(
      'invalid_client_token',
      `The client token is not valid (${why}). Pass the client_token your server received when it created the payment session.`,
    );
  if (typeof token !== 'string' || token.length > 8192) throw invalid('not a string of a JWT');
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw invalid('not a JWT');
  let payload: unknown;
  try {
    payload = tokenPayload(token);
  } catch {
    throw invalid('its payload is not JSON');
  }
  if (!isClaims(payload)) throw invalid('its payload is not an object');
  const claims = payload as Partial<ClientTokenClaims>;
  if (typeof claims.sid !== 'string' || !claims.sid) throw invalid('no session id');
  if (typeof claims.iss !== 'string') throw invalid('no issuer');
  if (typeof claims.exp !== 'number') throw invalid('no expiry');
  const variant = claims.variant ?? 'modal';
  if (!(CHECKOUT_VARIANTS as readonly string[]).includes(variant)) throw invalid(`unknown variant "${String(variant)}"`);
  // A mode this version cannot present is refused: embedding a session meant to be hosted (or the reverse) would be wrong either way.
  if (claims.mode !== undefined && !(PRESENTATION_MODES as readonly string[]).includes(claims.mode)) throw invalid(`unknown mode "${String(claims.mode)}"`);
  if (claims.exp * 1000 <= now) {
    throw new ConfigError('client_token_expired', 'The client token has expired. Create a new payment session on your server and pass its client_token.');
  }
  return { ...(claims as ClientTokenClaims), variant };
}
