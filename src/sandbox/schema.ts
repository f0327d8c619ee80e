import * as v from 'valibot';

/** A JSON object: not null and, unlike valibot's `object`/`record` alone, not an array. */
export const isPlainObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

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

/**
 * A strict `v.object` that refuses arrays and unknown keys. Nothing a merchant sends is accepted
 * and ignored: a key the schema does not declare is a 400 naming it and the nearest known key
 * (`options.checkout_options.sucess_url is not a known field; did you mean success_url?`).
 * Arrays are refused first: valibot's object schema takes `[]` when every key is optional.
 */
export function object<const TEntries extends v.ObjectEntries>(entries: TEntries, message = 'must be an object', hints: Readonly<Record<string, string>> = {}) {
  const known = Object.keys(entries);
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, message),
    v.strictObject(entries, (issue) =>
      // An unknown key is reported with `expected: 'never'` and the key as its input.
      issue.expected === 'never' ? unknownKeyMessage(String(issue.input), known, hints) : message,
    ),
  );
}

/** `v.record` that refuses arrays, for the same reason. */
export function record<const TKey extends v.BaseSchema<string, string | number | symbol, v.BaseIssue<unknown>>, const TValue extends v.GenericSchema>(
  key: TKey,
  value: TValue,
  message: string,
) {
  return v.pipe(v.custom<Record<string, unknown>>(isPlainObject, message), v.record(key, value, message));
}
