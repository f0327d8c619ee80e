import * as v from 'valibot';

/** A JSON object: not null and, unlike valibot's `object`/`record` alone, not an array. */
export const isPlainObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

/**
 * `v.object` that refuses arrays: valibot's object schema takes `[]` when every key is optional,
 * so an array-shaped `collect` or `options` would pass as an empty object.
 */
export function object<const TEntries extends v.ObjectEntries>(entries: TEntries, message = 'must be an object') {
  return v.pipe(v.custom<Record<string, unknown>>(isPlainObject, message), v.object(entries, message));
}

/** `v.record` that refuses arrays, for the same reason. */
export function record<
  const TKey extends v.BaseSchema<string, string | number | symbol, v.BaseIssue<unknown>>,
  const TValue extends v.GenericSchema,
>(key: TKey, value: TValue, message: string) {
  return v.pipe(v.custom<Record<string, unknown>>(isPlainObject, message), v.record(key, value, message));
}
