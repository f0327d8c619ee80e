/// <reference types="node" />
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string; 24 characters carry about 143 bits, enough for an unguessable URL. */
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte >= 248) continue;
    out += ALPHABET[byte % 62];
    if (out.length === length) break;
  }
  return out.length === length ? `${prefix}${out}` : randomId(prefix, length);
}

/** Six upper-case letters and digits, like an issuer's authorisation code. */
export function authCode(): string {
  return randomId('', 6).toUpperCase();
}
