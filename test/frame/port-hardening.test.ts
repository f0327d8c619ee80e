import { expect } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import { cardRequestResults, cardRequests, envelope, parse } from '../../src/protocol/messages.js';
import { BridgeError, PortEndpoint, servePort } from '../../src/protocol/port.js';
import { literal, object, string, unknown } from '../../src/protocol/schema.js';
import { PaymentError } from '../../src/core/payment-error.js';
import { readyCard, record } from '../support/helpers.js';

type CardResults = typeof cardRequestResults;
type CardTable = typeof cardRequests;

/** The host's end of a fresh channel, and the other end for a fake frame that answers by hand. */
function hostPort(): { host: PortEndpoint<CardTable>; frame: MessagePort; dropped: string[] } {
  const { port1, port2 } = new MessageChannel();
  const dropped: string[] = [];
  const host = new PortEndpoint<CardTable>(port1, cardRequestResults as CardResults, { onDrop: (reason) => dropped.push(reason) });
  return { host, frame: port2, dropped };
}

/** A fake frame answering every request with `body` (merged into a response envelope). */
function answerWith(frame: MessagePort, body: (id: string) => Record<string, unknown>): void {
  frame.onmessage = (event: MessageEvent) => {
    const { id } = event.data as { id: string };
    frame.postMessage({ ...envelope(), kind: 'response', id, ...body(id) });
  };
}

const pendingCount = (endpoint: PortEndpoint<CardTable>): number => (endpoint as unknown as { pending: Map<string, unknown> }).pending.size;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms))]);

describe('port hardening: every answer is checked against its result schema', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('rejects { ok: true, result: undefined } for executePayment (internal), and resolves nothing', async () => {
    const { host, frame, dropped } = hostPort();
    close = () => host.close();
    answerWith(frame, () => ({ ok: true, result: undefined }));
    const error = await within(rejection(host.request('executePayment', { idempotencyKey: 'abcdefgh12345678' }, 900_000)), 2000, 'executePayment');
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('internal');
    expect((error as BridgeError).message).to.contain('executePayment');
    expect(dropped).to.deep.equal(['malformed-result']);
    expect(pendingCount(host)).to.equal(0);
  });

  it('rejects { ok: true, result: undefined } and { ok: true, result: {} } for focus (literal(null)), and resolves null', async () => {
    const { host, frame } = hostPort();
    close = () => host.close();
    let next: unknown;
    answerWith(frame, () => ({ ok: true, result: next }));
    next = undefined;
    const undefinedError = await within(rejection(host.request('focus', { field: null }, 10_000)), 2000, 'focus');
    expect((undefinedError as BridgeError).code).to.equal('internal');
    next = {};
    const objectError = await within(rejection(host.request('focus', { field: null }, 10_000)), 2000, 'focus');
    expect((objectError as BridgeError).code).to.equal('internal');
    next = null;
    expect(await within(host.request('focus', { field: null }, 10_000), 2000, 'focus')).to.equal(null);
    expect(await within(host.request('clear', {}, 10_000), 2000, 'clear')).to.equal(null);
  });

  it('rejects at once a response to a pending request that is not a well-formed response (no 15-minute wait)', async () => {
    const { host, frame } = hostPort();
    close = () => host.close();
    answerWith(frame, () => ({ ok: false, error: { code: 'a_code_from_a_newer_frame', message: 'x' } }));
    const error = await within(rejection(host.request('executePayment', { idempotencyKey: 'abcdefgh12345678' }, 900_000)), 2000, 'executePayment');
    expect((error as BridgeError).code).to.equal('internal');
    expect(pendingCount(host)).to.equal(0);
    // Garbage that names no pending request is still only dropped.
    frame.postMessage({ kind: 'response', id: 'nobody-waits-for-this' });
  });

  it('parse() takes only schemas whose output cannot be undefined: failure and an undefined value cannot look alike', () => {
    expect(parse(literal(null), null)).to.equal(null);
    expect(parse(literal(null), {})).to.equal(undefined);
    expect(parse(object({ a: string() }), { a: 'x' })).to.deep.equal({ a: 'x' });
    // @ts-expect-error A schema that may output undefined must go through safeParse.
    parse(unknown(), undefined);
  });
});

describe('port hardening: a post that fails', () => {
  let close: (() => void) | undefined;
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
    close?.();
  });

  it('rejects an uncloneable parameter at once with invalid_params, clears its timer and forgets the request', async () => {
    const { host, frame } = hostPort();
    close = () => host.close();
    const received: unknown[] = [];
    frame.onmessage = (event) => received.push(event.data);
    const started = new Set<unknown>();
    const cleared = new Set<unknown>();
    const realSet = window.setTimeout;
    const realClear = window.clearTimeout;
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = realSet(handler, ms, ...args);
      if (ms === 900_000) started.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      cleared.add(id);
      realClear(id);
    }) as typeof window.clearTimeout;
    restore = () => {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
    };

    const params = { idempotencyKey: 'abcdefgh12345678', additionalInfo: { metaData: { callback: (() => 1) as unknown as string } } };
    let settled = false;
    const promise = host.request('executePayment', params, 900_000);
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(settled, 'rejected at once').to.equal(true);
    const error = await rejection(promise);
    restore();
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('invalid_params');
    expect((error as BridgeError).message)
      .to.contain('executePayment')
      .and.contain('not sent')
      .and.contain('DataCloneError');
    expect(pendingCount(host)).to.equal(0);
    // No timer is left running: none was started, or it was cleared.
    for (const id of started) expect(cleared.has(id), 'the timer was cleared').to.equal(true);
    // Nothing was posted: nothing arrives.
    await quietWindow(20);
    expect(received).to.deep.equal([]);
  });

  it('answers a request whose result cannot be cloned, or whose error message is too long, with an error instead of silence', async () => {
    const { port1, port2 } = new MessageChannel();
    const table = { odd: { params: object({}), result: unknown() }, long: { params: object({}), result: unknown() } };
    const served = servePort(port2, table, {
      odd: () => ({ fn: () => 1 }),
      long: () => {
        throw new Error('x'.repeat(2000));
      },
    });
    const host = new PortEndpoint<typeof table>(port1, { odd: unknown(), long: unknown() });
    close = () => {
      host.close();
      served.close();
    };
    const odd = await within(rejection(host.request('odd', {}, 10_000)), 2000, 'odd');
    expect((odd as BridgeError).code).to.equal('internal');
    const long = await within(rejection(host.request('long', {}, 10_000)), 2000, 'long');
    expect((long as BridgeError).code).to.equal('internal');
    expect((long as BridgeError).message.length).to.be.at.most(500);
  });
});

describe('port hardening: a parameter the frame refuses comes back with its path', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('the frame names the path of the first issue; the host reads it into BridgeError.param', async () => {
    const { port1, port2 } = new MessageChannel();
    let ran = false;
    const served = servePort(port2, cardRequests, {
      focus: () => null,
      executePayment: () => {
        ran = true;
        return { statusCode: 0, message: 'ok' };
      },
    });
    const host = new PortEndpoint<CardTable>(port1, cardRequestResults as CardResults);
    close = () => {
      host.close();
      served.close();
    };
    const params = { idempotencyKey: 'abcdefgh12345678', additionalInfo: { billingAddress: { postcode: 12345 as unknown as string } } };
    const error = (await within(rejection(host.request('executePayment', params, 10_000)), 2000, 'executePayment')) as BridgeError;
    expect(error).to.be.instanceOf(BridgeError);
    expect(error.code).to.equal('invalid_params');
    expect(error.message).to.equal('Invalid parameters for "executePayment": additionalInfo.billingAddress.postcode (string).');
    expect(error.param).to.equal('additionalInfo.billingAddress.postcode');
    expect(ran).to.equal(false);

    const missing = (await rejection(host.request('executePayment', {} as never, 10_000))) as BridgeError;
    expect(missing.code).to.equal('invalid_params');
    expect(missing.param).to.equal('idempotencyKey');

    const whole = (await rejection(host.request('focus', [] as never, 10_000))) as BridgeError;
    expect(whole.code).to.equal('invalid_params');
    expect(whole.param).to.equal(undefined);

    // A path holding the words of the message itself is still read whole.
    const key = 'a (string). b';
    const odd = (await rejection(
      host.request('executePayment', { idempotencyKey: 'abcdefgh12345678', additionalInfo: { metaData: { [key]: 1 as unknown as string } } }, 10_000),
    )) as BridgeError;
    expect(odd.param).to.equal(`additionalInfo.metaData.${key}`);
  });

  it('<card-component> executePayment() rejects invalid_parameters with param when the real card frame refuses a parameter, and fires no payment event', async () => {
    const { el } = await readyCard();
    const endpoint = (el as unknown as { frame: { endpoint: PortEndpoint<CardTable> } }).frame.endpoint;
    const request = endpoint.request.bind(endpoint);
    // What the host checks itself never reaches the frame: slip a bad value past it, as a host and a frame of different versions would.
    endpoint.request = ((method: 'executePayment', params: Record<string, unknown>, timeoutMs: number) =>
      request(method, { ...params, additionalInfo: { billingAddress: { postcode: 12345 } } } as never, timeoutMs)) as typeof endpoint.request;
    const events = record(el, ['payment-failure', 'payment-unknown', 'payment-success', 'payment-attempt-failed']);
    const error = await rejection(el.executePayment());
    expect(error).to.be.instanceOf(PaymentError);
    expect((error as PaymentError).code).to.equal('invalid_parameters');
    expect((error as PaymentError).param).to.equal('additionalInfo.billingAddress.postcode');
    expect(events).to.deep.equal([]);
  });
});
