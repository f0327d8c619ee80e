/**
 * Reading the claims of a client token (a JWT) without verifying it, in both realms. Neither the
 * host nor a frame can verify the signature (the provider does, on every API call): they read the
 * claims only to choose and to compare, never to grant anything.
 */

/**
 * The token's payload: its second segment, base64url, as UTF-8 JSON. Throws when the token has no
 * such segment or it is not base64url, not UTF-8 or not JSON.
 */
export function tokenPayload(token: string): unknown {
  const segment = token.split('.')[1];
  if (!segment || !/^[\w-]+$/.test(segment)) throw new SyntaxError('token');
  const bytes = Uint8Array.from(atob(segment.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

/** Whether a payload is a plain object of claims (not `null`, not an array). */
export const isClaims = (payload: unknown): payload is Record<string, unknown> => !!payload && typeof payload == 'object' && !Array.isArray(payload);

/** The token's claims as a plain object; `{}` when they cannot be read. */
export function tokenClaims(token: string): Record<string, unknown> {
  try {
    const payload = tokenPayload(token);
    return isClaims(payload) ? payload : {};
  } catch {
    return {};
  }
}
