/// <reference types="node" />
import type { Context } from 'hono';
import { ApiFailure } from './errors.js';
import { safeParse, type Schema } from '../protocol/schema.js';

/** Largest JSON body any route reads (the app also refuses larger bodies by their headers). */
export const MAX_JSON_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of `[`/`{` in JSON text, counted in one pass without recursion and
 * stopping as soon as `limit` is passed, so a 10,000-deep body costs nothing to refuse.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * Reads the body as JSON; anything that is not a JSON object is a 400. Size and depth are checked
 * on the raw text before anything walks the value (schemas, idempotency fingerprints).
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_JSON_BYTES) {
    throw new ApiFailure(413, 'request_too_large', `The request body must be at most ${MAX_JSON_BYTES / 1024} KB.`);
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new ApiFailure(400, 'invalid_request_error', `The request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels).`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiFailure(400, 'invalid_request_error', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Checks with a protocol schema worded for the sandbox (./schema.ts); the first refused field
 * becomes a 400 naming its `param`, e.g. `amount must be a positive integer in minor units`.
 * Schema messages are written as predicates; a key left out is `is required`, and a check the
 * sandbox did not word (the checker's own one-word name) is `is invalid`.
 */
export function parseOrFail<T>(
  schema: Schema<T>,
  input: unknown,
  /** Where `input` sits in the request, e.g. `amount` for a nested object checked on its own. */
  prefix?: string,
): T {
  const result = safeParse(schema, input);
  if (result.success) return result.output;
  const { message, path } = result.issues[0];
  const dotted = path.join('.');
  const param = prefix === undefined ? (path.length ? dotted : undefined) : path.length ? `${prefix}.${dotted}` : prefix;
  const predicate = message === 'missing' ? 'is required' : message.includes(' ') ? message : 'is invalid';
  if (param === undefined) throw new ApiFailure(400, 'invalid_request_error', `The request ${predicate}`);
  throw new ApiFailure(400, 'invalid_request_error', `${param} ${predicate}`, param);
}

/** True when `value` parses as an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
