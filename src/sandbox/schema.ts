/**
 * The sandbox's words for the protocol checker's refusals. Every body the sandbox takes is a
 * protocol schema (src/protocol: requests.ts, sessions.ts, faults.ts …), which alone decides what
 * is accepted and where a value is refused (the issue's path). The sandbox only puts that into a
 * developer's words: `Words` mirror a schema's shape, field by field, and turn the checker's terse
 * issue (`string`, `unknown`, `missing`, …) at a path into the predicate of a 400, e.g.
 * `options.checkout_options.sucess_url is not a known field; did you mean success_url?`. Nothing
 * here reaches a browser bundle.
 */
import type { Entries, Issue, ObjectSchema, Schema } from '../protocol/schema.js';

/** The words of a refused value: a predicate, or one picked by the value (and the issue, relative to it). */
export type Leaf = string | ((value: never, issue: Issue) => string);

/** Words for a protocol object: one for each of its fields; the object's own refusal; hints for unknown keys. */
export interface ObjectWords {
  readonly of: ObjectSchema<Entries>;
  readonly fields: Readonly<Record<string, Words>>;
  readonly self: Leaf;
  readonly hints: Readonly<Record<string, string>>;
}

/** Words for a protocol array: its own refusal (not an array, too long, …) and its items'. */
export interface ListWords {
  readonly list: Leaf;
  readonly item: Words;
}

export type Words = Leaf | ObjectWords | ListWords;

/**
 * Words for the protocol object `of`: the compiler checks that every field has its words. Unknown
 * keys are named with the nearest declared one, or with `hints` (a name used elsewhere).
 */
export function fields<E extends Entries>(
  of: ObjectSchema<E>,
  words: { readonly [K in keyof E]: Words },
  { self = 'must be an object', hints = {} }: { self?: Leaf; hints?: Readonly<Record<string, string>> } = {},
): ObjectWords {
  return { of, fields: words, self, hints };
}

/** Words for a protocol array of items. */
export const list = (words: Leaf, item: Words): ListWords => ({ list: words, item });

/** A JSON object: not null and not an array. */
export const isPlainObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

const leaf = (words: Leaf, value: unknown, issue: Issue): string => (typeof words === 'function' ? words(value as never, issue) : words);

/** The predicate for `issue`, found by walking `words` and `value` down the issue's path from `at`. */
function predicate(words: Words, value: unknown, issue: Issue, at: number): string {
  const { path } = issue;
  if (typeof words !== 'object') return leaf(words, value, { message: issue.message, path: path.slice(at) });
  if (at === path.length) return leaf('list' in words ? words.list : words.self, value, issue);
  const key = path[at]!;
  const child = isPlainObject(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  if ('list' in words) return predicate(words.item, child, issue, at + 1);
  if (at === path.length - 1 && issue.message === 'unknown') return unknownKeyMessage(String(key), Object.keys(words.of.entries), words.hints);
  if (at === path.length - 1 && issue.message === 'missing') return 'is required';
  const field = words.fields[key];
  return field === undefined ? 'is invalid' : predicate(field, child, issue, at + 1);
}

/** `schema`, with its refusals in `words`: the issue keeps its path, its message becomes the predicate. */
export function worded<T>(schema: Schema<T>, words: Words): Schema<T> {
  return {
    run(x) {
      try {
        return schema.run(x);
      } catch (issue) {
        const { path } = issue as Issue;
        if (!Array.isArray(path)) throw issue;
        throw { message: predicate(words, x, issue as Issue, 0), path } satisfies Issue;
      }
    },
  };
}

// ----- words used often ------------------------------------------------------------------------

/** A string of `min` to `max` characters. */
export const textWords =
  (max: number, min = 0): Leaf =>
  (value: unknown) =>
    typeof value !== 'string' ? 'must be a string' : value.length < min ? 'must not be empty' : `must be at most ${max} characters`;

/** A whole number from `min` to `max`: `words` for anything else, then the bound it missed. */
export const wholeWords =
  (words: string, [min, below]: [number, string], [max, above]: [number, string]): Leaf =>
  (value: unknown) =>
    typeof value !== 'number' || !Number.isInteger(value) ? words : value < min ? below : value > max ? above : words;

/** Levenshtein distance, for "did you mean …?" on a misspelt key. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Compared without case, `_` or `-`, so `successUrl` finds `success_url` and `Title` finds `title`. */
const folded = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** The known key nearest to `key`, when one is near enough to be a misspelling of it. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(folded(key), folded(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * The predicate of an unknown key's 400: `is not a known field; did you mean success_url?`, or the
 * list of known fields when none is near. `hints` point a name used elsewhere to where it belongs.
 */
export function unknownKeyMessage(key: string, known: readonly string[], hints: Readonly<Record<string, string>> = {}): string {
  const hint = Object.hasOwn(hints, key) ? hints[key] : nearestKey(key, known);
  if (hint !== undefined) return `is not a known field; did you mean ${hint}?`;
  return known.length === 0 ? 'is not a known field (this object takes none)' : `is not a known field (known fields: ${known.join(', ')})`;
}
