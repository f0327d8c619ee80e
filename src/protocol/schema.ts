/**
 * The data checker of every protocol schema, in both realms: bridge messages, request parameters
 * and results, event details, and the frames' API answers. It offers only what those schemas use
 * and is strict where a general-purpose library is lenient:
 *
 * - `object` and `record` refuse arrays (an array carrying the right named keys survives
 *   structured cloning) and anything that is not an object;
 * - only own properties count, so a polluted `Object.prototype` in the page cannot supply a key;
 * - the output is always a fresh value holding only the declared keys: unknown keys are dropped,
 *   and `record` drops `__proto__`, `constructor` and `prototype`;
 * - arrays are checked against their maximum length before their items are.
 *
 * A schema's `run` returns the checked copy or throws an `Issue`; `safeParse` turns that into a
 * result and never throws. Schemas hold no state, so they are shared freely.
 */

/** A key or an array index on the way to a value. */
export type PathKey = string | number;

/**
 * Why a value was refused, and where. `message` names the check that failed (`string`, `object`,
 * `missing` for a required key left out, …); `path` leads from the checked value to the refused part.
 */
export interface Issue {
  readonly message: string;
  readonly path: PathKey[];
}

export interface Schema<T> {
  /** Returns a fresh, checked copy of `input`, or throws an `Issue`. */
  readonly run: (input: unknown) => T;
  /** Set on `optional` and `nullish` schemas: an object may leave the key out. */
  readonly opt?: true;
  /** Type only (never set): carries the output type, so that `Infer` stays an indexed access. */
  readonly '~types'?: { readonly output: T };
}

/** A schema whose key an object may leave out. */
export interface OptionalSchema<T> extends Schema<T> {
  readonly opt: true;
}

export type Entries = Readonly<Record<string, Schema<unknown>>>;

/** The checked output type of a schema. */
export type Infer<S extends Schema<unknown>> = NonNullable<S['~types']>['output'];

type Flat<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<E extends Entries> = { [K in keyof E]: E[K] extends OptionalSchema<unknown> ? K : never }[keyof E];
export type ObjectOutput<E extends Entries> = Flat<
  { -readonly [K in Exclude<keyof E, OptionalKeys<E>>]: Infer<E[K]> } & { -readonly [K in OptionalKeys<E>]?: Infer<E[K]> }
>;

export interface ObjectSchema<E extends Entries> extends Schema<ObjectOutput<E>> {
  readonly entries: E;
}

export type SafeParseResult<T> = { success: true; output: T } | { success: false; issues: [Issue] };

function fail(message: string, path: PathKey[] = []): never {
  throw { message, path } satisfies Issue;
}

/** Runs `schema` on the value at `key`, prefixing the key to the path of an issue. */
const at = <T>(key: PathKey, schema: Schema<T>, value: unknown): T => {
  try {
    return schema.run(value);
  } catch (issue) {
    (issue as Partial<Issue>).path?.unshift(key);
    throw issue;
  }
};

const isObject = (input: unknown): input is Record<string, unknown> => !!input && typeof input == 'object' && !Array.isArray(input);

/** Checks untrusted data; never throws. */
export function safeParse<T>(schema: Schema<T>, input: unknown): SafeParseResult<T> {
  try {
    return { success: true, output: schema.run(input) };
  } catch (issue) {
    return { success: false, issues: [issue as Issue] };
  }
}

/** Any value, passed through as it is (its own schema checks it later). */
/* @__NO_SIDE_EFFECTS__ */
export function unknown(): Schema<unknown> {
  return { run: (x) => x };
}

/* @__NO_SIDE_EFFECTS__ */
export function string({ min = 0, max = Infinity, pattern }: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> {
  return { run: (x) => (typeof x == 'string' && x.length >= min && x.length <= max && (!pattern || pattern.test(x)) ? x : fail('string')) };
}

/** A number within the given limits; never `NaN` (it fails both comparisons). */
/* @__NO_SIDE_EFFECTS__ */
export function number({
  integer,
  finite,
  min = -Infinity,
  max = Infinity,
}: { integer?: boolean; finite?: boolean; min?: number; max?: number } = {}): Schema<number> {
  return {
    run: (x) => (typeof x == 'number' && x >= min && x <= max && (!finite || Number.isFinite(x)) && (!integer || Number.isInteger(x)) ? x : fail('number')),
  };
}

/* @__NO_SIDE_EFFECTS__ */
export function boolean(): Schema<boolean> {
  return { run: (x) => (typeof x == 'boolean' ? x : fail('boolean')) };
}

/* @__NO_SIDE_EFFECTS__ */
export function literal<const T extends string | number | boolean | null>(value: T): Schema<T> {
  return { run: (x) => (x === value ? value : fail('literal')) };
}

/** One of `options`. */
/* @__NO_SIDE_EFFECTS__ */
export function picklist<const T extends readonly (string | number)[]>(options: T): Schema<T[number]> {
  return { run: (x) => (options.includes(x as T[number]) ? (x as T[number]) : fail('picklist')) };
}

/** `undefined`, or what `schema` accepts; an object may leave the key out. */
/* @__NO_SIDE_EFFECTS__ */
export function optional<T>(schema: Schema<T>): OptionalSchema<T | undefined> {
  return { opt: true, run: (x) => (x === undefined ? x : schema.run(x)) };
}

/** `null`, `undefined`, or what `schema` accepts; an object may leave the key out. */
/* @__NO_SIDE_EFFECTS__ */
export function nullish<T>(schema: Schema<T>): OptionalSchema<T | null | undefined> {
  return { opt: true, run: (x) => (x == null ? (x as null | undefined) : schema.run(x)) };
}

/** `null`, or what `schema` accepts. */
/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return { run: (x) => (x === null ? x : schema.run(x)) };
}

/** An array of at most `max` items, each accepted by `item`. */
/* @__NO_SIDE_EFFECTS__ */
export function array<T>(item: Schema<T>, max = Infinity): Schema<T[]> {
  return {
    run(x) {
      if (!Array.isArray(x) || x.length > max) fail('array');
      const output: T[] = [];
      for (let i = 0; i < x.length; i++) output.push(at(i, item, x[i]));
      return output;
    },
  };
}

/**
 * A non-array object with the declared keys, each accepted by its schema; keys with an
 * `optional` or `nullish` schema may be left out. The output holds only the declared keys; a
 * `strict` object also refuses any other key (for what a merchant writes, where a misspelt key
 * must not be dropped in silence).
 */
/* @__NO_SIDE_EFFECTS__ */
export function object<const E extends Entries>(entries: E, strict?: boolean): ObjectSchema<E> {
  return {
    entries,
    run(x) {
      if (!isObject(x)) fail('object');
      // Strict objects refuse a key they do not declare (`unknown`, with the key as its path).
      if (strict) for (const key of Object.keys(x)) if (!Object.hasOwn(entries, key)) fail('unknown', [key]);
      const output: Record<string, unknown> = {};
      for (const key of Object.keys(entries)) {
        const schema = entries[key] as Schema<unknown>;
        if (Object.hasOwn(x, key)) output[key] = at(key, schema, x[key]);
        else if (!schema.opt) fail('missing', [key]);
      }
      return output as ObjectOutput<E>;
    },
  };
}

/** `object` with every key optional. */
/* @__NO_SIDE_EFFECTS__ */
export function partial<const E extends Entries>(entries: E, strict?: boolean): ObjectSchema<{ [K in keyof E]: OptionalSchema<Infer<E[K]> | undefined> }> {
  return object(Object.fromEntries(Object.entries(entries).map(([key, schema]) => [key, optional(schema)])), strict) as ObjectSchema<{
    [K in keyof E]: OptionalSchema<Infer<E[K]> | undefined>;
  }>;
}

/** A non-array object whose own keys and values are accepted by `key` and `value`. */
/* @__NO_SIDE_EFFECTS__ */
export function record<V>(key: Schema<string>, value: Schema<V>): Schema<Record<string, V>> {
  return {
    run(x) {
      if (!isObject(x)) fail('object');
      const output: Record<string, V> = {};
      for (const name of Object.keys(x)) {
        if (name != '__proto__' && name != 'constructor' && name != 'prototype') {
          output[at(name, key, name)] = at(name, value, x[name]);
        }
      }
      return output;
    },
  };
}

/** What `schema` accepts, and then only if `ok` holds for its output. */
/* @__NO_SIDE_EFFECTS__ */
export function check<T>(schema: Schema<T>, ok: (value: T) => boolean, message = 'check'): Schema<T> {
  return {
    run(x) {
      const output = schema.run(x);
      return ok(output) ? output : fail(message);
    },
  };
}

/**
 * One of several objects told apart by the value at `key`: the first option whose `key` schema
 * accepts that value and which accepts the whole object wins.
 */
/* @__NO_SIDE_EFFECTS__ */
export function variant<K extends string, const O extends readonly ObjectSchema<{ readonly [P in K]: Schema<unknown> }>[]>(
  key: K,
  options: O,
): Schema<Infer<O[number]>> {
  return {
    run(x) {
      let issue: Issue = { message: 'variant', path: [key] };
      const tag = isObject(x) && Object.hasOwn(x, key) ? x[key] : undefined;
      for (const option of options) {
        if (safeParse(option.entries[key], tag).success) {
          const result = safeParse(option, x);
          if (result.success) return result.output as Infer<O[number]>;
          issue = result.issues[0];
        }
      }
      throw issue;
    },
  };
}
