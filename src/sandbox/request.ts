/// <reference types="node" />
import * as v from 'valibot';
import type { Context } from 'hono';
import { ApiFailure } from './errors.js';

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
 * Parses with a valibot schema; the first failing field becomes a 400 naming its `param`, e.g.
 * `amount must be a positive integer in minor units`. Schema messages are written as predicates.
 */
export function parseOrFail<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  /** Where `input` sits in the request, e.g. `amount` for a nested object checked on its own. */
  prefix?: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input, { abortEarly: true, message: 'is invalid' });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  const param = prefix === undefined ? (path ?? undefined) : path ? `${prefix}.${path}` : prefix;
  if (param === undefined) throw new ApiFailure(400, 'invalid_request_error', `The request ${issue.message}`);
  // Schema messages are predicates ("must be …"); a missing key is reported by its parent object.
  const predicate = issue.input === undefined ? 'is required' : issue.message;
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

/** Loopback hosts (local development): `localhost`, `127.0.0.0/8` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/** Schemes that are never a place to send a customer back to (or that run code, or leave no trace). */
const REFUSED_SCHEMES: ReadonlySet<string> = new Set([
  'javascript:',
  'data:',
  'file:',
  'blob:',
  'vbscript:',
  'ftp:',
  'ftps:',
  'ws:',
  'wss:',
  'about:',
  'filesystem:',
  'view-source:',
  'mailto:',
  'tel:',
  'sms:',
  'chrome:',
  'jar:',
]);

/**
 * Why `value` cannot be a return URL (`success_url`, `cancel_url`, `config.redirectUrl`), or
 * `undefined` when it can. Seed 002: "return_url and cancel_url must use HTTPS". Allowed: https;
 * http to a loopback host (local development); an app deep link with its own scheme, such as
 * `yourapp://checkout?session_id={SESSION_ID}` (seed 001).
 */
export function returnUrlProblem(value: string): string | undefined {
  const allowed = 'must be an https URL (http only for localhost, 127.0.0.1 or [::1]) or an app deep link such as yourapp://checkout';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return allowed;
  }
  if (url.protocol === 'https:') return url.hostname === '' ? allowed : undefined;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : `must use https: http is allowed only for localhost, 127.0.0.1 or [::1] (seed 002: "use HTTPS everywhere")`;
  }
  if (REFUSED_SCHEMES.has(url.protocol)) return `must not use the ${url.protocol} scheme: ${allowed}`;
  // A custom scheme is an app deep link: it must name something after the scheme.
  return /^[a-z][a-z0-9+.-]*:\/\/./i.test(value) ? undefined : allowed;
}

/** A return URL field for valibot schemas: a string of at most 2048 characters that `returnUrlProblem` accepts. */
export const ReturnUrl = v.pipe(
  v.string('must be a URL string'),
  v.maxLength(2048, 'must be at most 2048 characters'),
  v.check(
    (value) => returnUrlProblem(value) === undefined,
    (issue) => returnUrlProblem(String(issue.input)) ?? 'is invalid',
  ),
);
