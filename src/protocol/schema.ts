/**
 * Schema builders every protocol schema uses for objects and records. valibot's `v.object` and
 * `v.record` accept any `typeof x === 'object'`, arrays included, so an array carrying the right
 * named keys (which survive structured cloning) would pass as a message, parameters or a detail.
 * These wrappers reject arrays before the object checks run; `v.partial` keeps the behaviour, as
 * it copies the wrapped `~run` and calls it with the partial schema as `this`.
 */
import * as v from 'valibot';

const NOT_AN_ARRAY = /* @__PURE__ */ v.custom<never>(() => false, 'Expected an object, received an array.');

type Run = (this: unknown, dataset: { value: unknown }, config: v.Config<v.BaseIssue<unknown>>) => unknown;

/* @__NO_SIDE_EFFECTS__ */
function rejectArrays<S extends v.GenericSchema>(schema: S): S {
  const run = schema['~run'] as unknown as Run;
  const wrapped = {
    ...schema,
    '~run'(this: unknown, dataset: { value: unknown }, config: v.Config<v.BaseIssue<unknown>>) {
      if (Array.isArray(dataset.value)) return (NOT_AN_ARRAY['~run'] as unknown as Run).call(NOT_AN_ARRAY, dataset, config);
      return run.call(this, dataset, config);
    },
  } as S;
  (wrapped as { '~standard': unknown })['~standard'] = {
    ...schema['~standard'],
    validate: (value: unknown) => (wrapped['~run'] as unknown as Run).call(wrapped, { value }, v.getGlobalConfig()),
  };
  return wrapped;
}

/** `v.object` that rejects arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function object<const E extends v.ObjectEntries>(entries: E): v.ObjectSchema<E, undefined> {
  return rejectArrays(v.object(entries));
}

/** `v.partial(v.object(...))` that rejects arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function partialObject<const E extends v.ObjectEntries>(entries: E) {
  return v.partial(object(entries));
}

/** `v.record` that rejects arrays. */
/* @__NO_SIDE_EFFECTS__ */
export function record<K extends v.GenericSchema<string, string | number | symbol>, V extends v.GenericSchema>(key: K, value: V): v.RecordSchema<K, V, undefined> {
  return rejectArrays(v.record(key, value));
}
