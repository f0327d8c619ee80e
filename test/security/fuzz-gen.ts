/**
 * The fuzzer's message generator. Self-contained (no imports, no outer variables) so that its
 * source can also run inside a frame on another origin through frame-eval
 * (`(${generateMessages})(...)`). Seeded: the same seed gives the same messages on every run.
 *
 * Every generated message must be refused by its receiver: it is a valid template broken by one
 * mutation of the named category (wrong protocol, version, kind, channel, shape, types, payload,
 * oversized field, deep nesting, prototype keys), optionally with extra noise. `replay` messages
 * are real, valid handshake messages: only sent where origin or source is wrong.
 */
export interface FuzzContext {
  /** `window`: handshake messages (hello/connect); `port`: messages after connect. */
  level: 'window' | 'port';
  channel: string;
  frame: string;
  /** Names that exist at the receiver (methods for a frame, events for the host). */
  names: string[];
  /** Whether exact replays of real handshake messages may be generated. */
  replays: boolean;
}

export interface FuzzMessage {
  category: string;
  data: unknown;
  /** Ports to transfer with the message (window level). */
  ports: number;
}

export function generateMessages(seed: number, count: number, ctx: FuzzContext): FuzzMessage[] {
  let state = seed >>> 0;
  const rnd = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const PROTOCOL = 'moment-elements';
  const randomId = (): string => {
    let s = '';
    for (let i = 0; i < 32; i++) s += '0123456789abcdef'[int(16)];
    return s;
  };
  const longCache = new Map<string, string>();
  const long = (): string => {
    // Mostly just past each limit (64, 500, 8192 characters); now and then a megabyte.
    const key = `${pick(['A', '<', '\u202e', '0', '%'])}${rnd() < 0.02 ? 1_048_577 : pick([65, 501, 8193, 20_000])}`;
    if (!longCache.has(key)) longCache.set(key, key.slice(0, 1).repeat(Number(key.slice(1))));
    return longCache.get(key)!;
  };
  const deep = (depth: number, array: boolean): unknown => {
    let value: unknown = array ? [] : {};
    for (let i = 0; i < depth; i++) value = array ? [value] : { a: value, __proto__x: i };
    return value;
  };
  const protoKeys = (): Record<string, unknown> =>
    JSON.parse(
      '{"__proto__":{"polluted":"yes","protocol":"moment-elements","v":1},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},"polluted":"own"}',
    ) as Record<string, unknown>;
  const notString = (): unknown => pick<unknown>([0, -1, 1e308, NaN, true, false, null, [], {}, ['a'], { toString: 'x' }, 123456789012345, -0]);
  const notObject = (): unknown => pick<unknown>([0, 1, '', 'x', true, false, null, [], [{}], ['protocol', 'moment-elements'], long()]);
  const junk = (): unknown => pick<unknown>([notString(), notObject(), deep(20 + int(300), rnd() < 0.5), protoKeys(), long()]);

  const windowTemplate = (): Record<string, unknown> =>
    rnd() < 0.5
      ? { protocol: PROTOCOL, v: 1, kind: 'hello', channel: ctx.channel, frame: ctx.frame }
      : { protocol: PROTOCOL, v: 1, kind: 'connect', channel: ctx.channel };
  const portTemplate = (): Record<string, unknown> => {
    const name = pick(ctx.names);
    switch (int(4)) {
      case 0:
        return { protocol: PROTOCOL, v: 1, kind: 'request', id: randomId(), method: name, params: {} };
      case 1:
        return { protocol: PROTOCOL, v: 1, kind: 'response', id: randomId(), ok: true, result: { height: 10 } };
      case 2:
        return { protocol: PROTOCOL, v: 1, kind: 'response', id: randomId(), ok: false, error: { code: 'internal', message: 'x' } };
      default:
        return { protocol: PROTOCOL, v: 1, kind: 'event', name, detail: {} };
    }
  };

  const windowCategories = ['replay', 'channel', 'protocol', 'version', 'kind', 'shape', 'types', 'oversized', 'deep', 'proto', 'ports'];
  const portCategories = ['protocol', 'version', 'kind', 'shape', 'types', 'payload', 'oversized', 'deep', 'proto', 'unknown-name'];
  const categories = (ctx.level === 'window' ? windowCategories : portCategories).filter((c) => ctx.replays || c !== 'replay');
  /** The field that identifies a message: the channel for handshakes, the id for port messages. */
  const idField = (m: Record<string, unknown>): string =>
    ctx.level === 'window' ? 'channel' : m.kind === 'event' ? 'name' : m.kind === 'request' ? pick(['id', 'method']) : 'id';

  const out: FuzzMessage[] = [];
  for (let i = 0; i < count; i++) {
    const category = categories[i % categories.length]!;
    const m: Record<string, unknown> = ctx.level === 'window' ? windowTemplate() : portTemplate();
    let data: unknown = m;
    // A window-level message that is otherwise right must not carry exactly one port.
    let ports = ctx.level === 'window' ? pick([0, 0, 2]) : 0;
    switch (category) {
      case 'replay':
        ports = pick([0, 1]);
        break;
      case 'channel':
        m.channel = pick([
          randomId(),
          ctx.channel.toUpperCase() === ctx.channel ? randomId() : ctx.channel.toUpperCase(),
          `${ctx.channel} `,
          ctx.channel.slice(1),
          '',
          ctx.channel + 'x'.repeat(40),
        ]);
        ports = pick([0, 1, 2]);
        break;
      case 'protocol':
        if (rnd() < 0.3) delete m.protocol;
        else m.protocol = pick(['Moment-Elements', 'moment-element', '', 'moment-elements\u0000', notString()]);
        ports = pick([0, 1]);
        break;
      case 'version':
        if (rnd() < 0.3) delete m.v;
        else m.v = pick([0, 2, 99, -1, 1.5, '1', null, [1], { valueOf: 1 }, Infinity]);
        ports = pick([0, 1]);
        break;
      case 'kind':
        if (rnd() < 0.3) delete m.kind;
        else m.kind = pick(['HELLO', 'Connect', 'hello ', 'ready', 'configure', '', notString(), ctx.level === 'window' ? 'request' : 'connect']);
        ports = pick([0, 1]);
        break;
      case 'shape':
        data = pick([
          () => Object.values(m),
          () => Object.assign([], m),
          () => JSON.stringify(m),
          () => [m],
          () => ({ data: m }),
          () => notObject(),
          () => new Map(Object.entries(m)),
          () => new Date(0),
          () => new Uint8Array(8),
        ])();
        ports = pick([0, 1]);
        break;
      case 'types':
        m[idField(m)] = notString();
        if (rnd() < 0.3) m.kind = notString();
        ports = pick([0, 1]);
        break;
      case 'payload': {
        const key = m.kind === 'request' ? 'params' : m.kind === 'event' ? 'detail' : m.ok === true ? 'ok' : 'error';
        if (key === 'ok') m.ok = pick(['true', 1, null, []]);
        else if (rnd() < 0.2 && key !== 'params') delete m[key];
        else m[key] = pick([[], Object.assign([], { field: 'cardNumber', height: 1, clientToken: 'x' }), 0, 'x', null, true, deep(50 + int(400), true)]);
        break;
      }
      case 'oversized':
        m[idField(m)] = long();
        m.padding = long();
        ports = pick([0, 1]);
        break;
      case 'deep':
        // Deep nesting where an object is required, with the message itself broken.
        m[ctx.level === 'window' ? 'channel' : m.kind === 'request' ? 'id' : m.kind === 'event' ? 'name' : 'id'] = deep(100 + int(2000), rnd() < 0.5);
        ports = pick([0, 1]);
        break;
      case 'proto': {
        // Everything hidden behind `__proto__` / `constructor` / `prototype` keys of the JSON.
        const bomb = protoKeys();
        const moved: Record<string, unknown> = JSON.parse(`{"__proto__": ${JSON.stringify(m)}}`) as Record<string, unknown>;
        data = pick([moved, { ...bomb }, Object.assign(bomb, { kind: m.kind, channel: { __proto__: ctx.channel } })]);
        ports = pick([0, 1]);
        break;
      }
      case 'ports':
        ports = pick([0, 2, 3]);
        break;
      case 'unknown-name':
        if (m.kind === 'request')
          m.method = pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'eval', 'pay', 'EXECUTEPAYMENT', ' configure']);
        else if (m.kind === 'event')
          m.name = pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'payment-success', 'ready', 'load-error', 'READY']);
        else m.id = pick(['__proto__', 'constructor', 'x', '']);
        break;
    }
    // Noise on top of the break: prototype keys and junk in unrelated fields.
    if (data === m && category !== 'replay' && category !== 'ports' && rnd() < 0.4) {
      const noise = protoKeys();
      for (const key of Object.keys(noise))
        if (rnd() < 0.5) Object.defineProperty(m, key, { value: junk(), enumerable: true, configurable: true, writable: true });
    }
    out.push({ category, data, ports });
  }
  return out;
}
