/**
 * Reads the claims of a client token without verifying it: the provider API verifies every
 * call. The frames use the claims only to choose (sandbox or production wallets) and to compare
 * (which session a token is for), never to grant anything.
 */

/** The token's payload as an object; `{}` when it cannot be read. */
export function tokenClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The `sid` claim (the payment session id); `''` when absent or malformed. */
export function tokenSessionId(token: string): string {
  const sid = tokenClaims(token).sid;
  return typeof sid === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(sid) ? sid : '';
}

/** `sandbox` for test tokens; anything unreadable is treated as `production`, the strict choice. */
export function tokenEnvironment(token: string): 'sandbox' | 'production' {
  return tokenClaims(token).env === 'sandbox' ? 'sandbox' : 'production';
}
