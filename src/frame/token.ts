/**
 * The claims the frames read from a client token, unverified (see src/protocol/token.ts): only
 * to choose (sandbox or production wallets) and to compare (which session a token is for).
 */
import { tokenClaims } from '../protocol/token.js';

/** The `sid` claim (the payment session id); `''` when absent or malformed. */
export function tokenSessionId(token: string): string {
  const sid = tokenClaims(token).sid;
  return typeof sid === 'string' && /^[\w-]{1,64}$/.test(sid) ? sid : '';
}

/** `sandbox` for test tokens; anything unreadable is treated as `production`, the strict choice. */
export function tokenEnvironment(token: string): 'sandbox' | 'production' {
  return tokenClaims(token).env === 'sandbox' ? 'sandbox' : 'production';
}
