import { expect } from '@open-wc/testing';
import {
  array,
  boolean,
  check,
  literal,
  nullable,
  nullish,
  number,
  object,
  optional,
  partial,
  picklist,
  record,
  safeParse,
  string,
  unknown,
  variant,
  type Infer,
  type Issue,
  type Schema,
} from '../../src/protocol/schema.js';
import { PortMessage, envelope, parse } from '../../src/protocol/messages.js';

const ok = (schema: Schema<unknown>, input: unknown) => safeParse(schema, input).success;
const issue = (schema: Schema<unknown>, input: unknown): Issue => {
  const result = safeParse(schema, input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.issues[0];
};

describe('protocol schema checker', () => {
  it('refuses arrays, null and primitives where an object or a record is expected', () => {
    const point = object({ x: number() });
    const map = record(string(), string());
    for (const schema of [point, map, partial({ x: number() }), object({})]) {
      expect(ok(schema, Object.assign([], { x: 1 })), 'array').to.equal(false);
      expect(ok(schema, []), 'empty array').to.equal(false);
      expect(ok(schema, null), 'null').to.equal(false);
      expect(ok(schema, 'x'), 'string').to.equal(false);
      expect(ok(schema, 1), 'number').to.equal(false);
    }
    expect(safeParse(point, { x: 1 })).to.deep.equal({ success: true, output: { x: 1 } });
    expect(safeParse(map, { a: 'b' })).to.deep.equal({ success: true, output: { a: 'b' } });
  });

  it('returns a fresh object holding only the declared keys', () => {
    const schema = object({ a: string(), b: optional(number()), inner: object({ c: boolean() }) });
    const input = { a: 'x', extra: 1, inner: { c: true, more: 'y' } };
    const result = safeParse(schema, input);
    expect(result.success).to.equal(true);
    if (!result.success) return;
    expect(result.output).to.deep.equal({ a: 'x', inner: { c: true } });
    expect(Object.keys(result.output)).to.deep.equal(['a', 'inner']);
    expect(result.output).to.not.equal(input);
    expect(result.output.inner).to.not.equal(input.inner);
  });

  it('lets no prototype key through, and reads only own properties', () => {
    const polluting = JSON.parse('{"a":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown;
    const strict = safeParse(object({ a: string() }), polluting);
    expect(strict.success && Object.keys(strict.output)).to.deep.equal(['a']);

    const map = safeParse(record(string(), unknown()), JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"prototype":2,"ok":3}'));
    expect(map.success).to.equal(true);
    if (!map.success) return;
    expect(Object.keys(map.output)).to.deep.equal(['ok']);
    expect(Object.getPrototypeOf(map.output)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);

    // A key the object only inherits (as from a polluted Object.prototype) is missing.
    const inherited = Object.create({ a: 'from the prototype' }) as object;
    expect(issue(object({ a: string() }), inherited)).to.deep.equal({ message: 'missing', path: ['a'] });
    expect(safeParse(object({ a: optional(string()) }), inherited)).to.deep.equal({ success: true, output: {} });
  });

  it('enforces string lengths and patterns', () => {
    const text = string({ min: 2, max: 4 });
    expect(ok(text, 'ab')).to.equal(true);
    expect(ok(text, 'abcd')).to.equal(true);
    expect(ok(text, 'a')).to.equal(false);
    expect(ok(text, 'abcde')).to.equal(false);
    expect(ok(text, 12)).to.equal(false);
    const id = string({ pattern: /^[a-z]{3}$/ });
    expect(ok(id, 'abc')).to.equal(true);
    expect(ok(id, 'abcd')).to.equal(false);
    expect(ok(string(), 'x'.repeat(100_000))).to.equal(true);
  });

  it('checks numbers: never NaN, and finite, integer and bounds when asked', () => {
    expect(ok(number(), Number.NaN)).to.equal(false);
    expect(ok(number(), Infinity)).to.equal(true);
    expect(ok(number({ finite: true }), Infinity)).to.equal(false);
    expect(ok(number({ integer: true }), 1.5)).to.equal(false);
    expect(ok(number({ integer: true, min: 1 }), 0)).to.equal(false);
    expect(ok(number({ min: 0, max: 10 }), 10)).to.equal(true);
    expect(ok(number({ min: 0, max: 10 }), 10.01)).to.equal(false);
    expect(ok(number(), '1')).to.equal(false);
  });

  it('limits array lengths before looking at the items, and copies the array', () => {
    const list = array(number(), 2);
    expect(ok(list, [1, 2])).to.equal(true);
    expect(issue(list, [1, 2, 3])).to.deep.equal({ message: 'array', path: [] });
    let read = 0;
    const counting = array(
      check(unknown(), () => ++read > 0),
      2,
    );
    expect(ok(counting, [1, 2, 3])).to.equal(false);
    expect(read).to.equal(0);
    const input = [1];
    const result = safeParse(array(number()), input);
    expect(result.success && result.output).to.deep.equal([1]);
    expect(result.success && result.output).to.not.equal(input);
    // A hole is an undefined item, not a skipped one.
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(ok(array(number()), [1, , 3])).to.equal(false);
    expect(ok(array(number()), { length: 0 })).to.equal(false);
  });

  it('literal, picklist, boolean, optional, nullish and nullable accept exactly their values', () => {
    expect(ok(literal(true), true)).to.equal(true);
    expect(ok(literal(true), 1)).to.equal(false);
    expect(ok(literal(null), null)).to.equal(true);
    expect(ok(literal(null), undefined)).to.equal(false);
    expect(ok(picklist(['a', 5]), 5)).to.equal(true);
    expect(ok(picklist(['a', 5]), '5')).to.equal(false);
    expect(ok(boolean(), 0)).to.equal(false);
    expect(ok(optional(string()), undefined)).to.equal(true);
    expect(ok(optional(string()), null)).to.equal(false);
    expect(ok(nullish(string()), null)).to.equal(true);
    expect(ok(nullable(string()), null)).to.equal(true);
    expect(ok(nullable(string()), undefined)).to.equal(false);
    // Only optional and nullish keys may be left out.
    expect(ok(object({ a: nullish(string()) }), {})).to.equal(true);
    expect(issue(object({ a: nullable(string()) }), {})).to.deep.equal({ message: 'missing', path: ['a'] });
    expect(safeParse(partial({ a: string(), b: number() }), { b: 1 })).to.deep.equal({ success: true, output: { b: 1 } });
    expect(ok(partial({ a: string() }), { a: 1 })).to.equal(false);
  });

  it('runs custom checks on the checked output', () => {
    const small = check(record(string(), string()), (r) => Object.keys(r).length <= 2, 'too many');
    expect(ok(small, { a: '1', b: '2' })).to.equal(true);
    expect(issue(small, { a: '1', b: '2', c: '3' })).to.deep.equal({ message: 'too many', path: [] });
  });

  it('tells variants apart by their key and tries every option with a matching key', () => {
    const shape = variant('kind', [
      object({ kind: literal('a'), value: string() }),
      object({ kind: literal('b'), ok: literal(true), value: number() }),
      object({ kind: literal('b'), ok: literal(false), error: string() }),
    ]);
    expect(safeParse(shape, { kind: 'a', value: 'x', extra: 1 })).to.deep.equal({ success: true, output: { kind: 'a', value: 'x' } });
    expect(safeParse(shape, { kind: 'b', ok: false, error: 'e' })).to.deep.equal({ success: true, output: { kind: 'b', ok: false, error: 'e' } });
    expect(issue(shape, { kind: 'c' })).to.deep.equal({ message: 'variant', path: ['kind'] });
    expect(ok(shape, Object.assign([], { kind: 'a', value: 'x' }))).to.equal(false);
    expect(ok(shape, null)).to.equal(false);
    expect(ok(shape, Object.create({ kind: 'a', value: 'x' }))).to.equal(false);

    const response = { ...envelope(), kind: 'response', id: 'abcdefgh12345678', ok: false, error: { code: 'timeout', message: 'late' } };
    expect(parse(PortMessage, response)).to.deep.equal(response);
    expect(parse(PortMessage, { ...response, error: { code: 'nope', message: 'late' } })).to.equal(undefined);
  });

  it('reports the path to a nested refusal', () => {
    const schema = object({ items: array(object({ tags: record(string(), string({ max: 3 })) })) });
    expect(issue(schema, { items: [{ tags: {} }, { tags: { colour: 'purple' } }] })).to.deep.equal({
      message: 'string',
      path: ['items', 1, 'tags', 'colour'],
    });
    expect(issue(schema, { items: [{}] })).to.deep.equal({ message: 'missing', path: ['items', 0, 'tags'] });
    expect(issue(schema, { items: 'x' })).to.deep.equal({ message: 'array', path: ['items'] });
  });

  it('never throws on hostile input', () => {
    const schema = object({ a: array(object({ b: string() }), 5) });
    const cyclic: Record<string, unknown> = {};
    cyclic['a'] = [cyclic];
    const inputs: unknown[] = [undefined, Symbol('s'), () => 1, new Map(), cyclic, { a: new Array(1e6) }, { a: [{ b: 1n }] }];
    for (const input of inputs) expect(safeParse(schema, input).success).to.equal(false);
  });

  it('infers output types from the schemas', () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is used
    const schema = object({ a: string(), b: optional(number()), c: nullish(boolean()), d: array(picklist(['x', 'y'])) });
    type Out = Infer<typeof schema>;
    const value: Out = { a: 'a', d: ['x'] };
    const full: Out = { a: 'a', b: 1, c: null, d: [] };
    // @ts-expect-error `a` is required
    const missing: Out = { d: [] };
    // @ts-expect-error `d` holds only 'x' and 'y'
    const wrong: Out = { a: 'a', d: ['z'] };
    expect([value, full, missing, wrong].length).to.equal(4);
  });
});
