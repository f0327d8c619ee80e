/// <reference types="node" />
import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { ApiFailure } from './errors.js';

/** What an `Idempotency-Key` may be: 1–255 printable ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** The `Idempotency-Key` header, checked; undefined when absent. */
export function optionalIdempotencyKey(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined || key === '') return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiFailure(400, 'invalid_request_error', 'Idempotency-Key must be 1–255 printable characters', 'Idempotency-Key');
  }
  return key;
}

/** The `Idempotency-Key` header, which payment requests must carry. */
export function requireIdempotencyKey(c: Context): string {
  const key = optionalIdempotencyKey(c);
  if (key === undefined) {
    throw new ApiFailure(400, 'invalid_request_error', 'Idempotency-Key header is required', 'Idempotency-Key');
  }
  return key;
}

/**
 * JSON with object keys sorted, so that two equal requests serialize the same way. Iterative,
 * so no nesting depth can overflow the stack (bodies are depth-checked before this anyway).
 */
export function canonicalJson(value: unknown): string {
  let out = '';
  // Work items: a value to write, or literal text (separators and closing brackets).
  const stack: ({ value: unknown } | string)[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const current = item.value;
    if (Array.isArray(current)) {
      out += '[';
      stack.push(']');
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i] });
        if (i > 0) stack.push(',');
      }
    } else if (typeof current === 'object' && current !== null) {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      out += '{';
      stack.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ value: record[key] });
        stack.push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
      }
    } else {
      out += JSON.stringify(current) ?? 'null';
    }
  }
  return out;
}

/**
 * Keyed SHA-256 of a request, to tell a retry from a different request under the same key.
 * Keyed (HMAC with a per-instance secret) because payment bodies hold card numbers: a plain hash
 * of a card number can be reversed by trying every number.
 */
export class Fingerprinter {
  private readonly key = randomBytes(32);

  of(value: unknown): string {
    return createHmac('sha256', this.key).update(canonicalJson(value)).digest('base64url');
  }
}
