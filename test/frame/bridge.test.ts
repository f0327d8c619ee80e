import { expect } from '@open-wc/testing';
import { quietWindow, until } from '../support/wait.js';
import { boolean, number, object, picklist } from '../../src/protocol/schema.js';
import { envelope } from '../../src/protocol/messages.js';
import { readFrameParams, startFrameBridge, type FrameBridge } from '../../src/frame/bridge.js';

const CHANNEL = 'chan_12345678';
const accepts = { ping: { params: object({}), result: object({ pong: boolean() }) } };
const events = { resize: object({ height: number({ min: 0 }) }), state: object({ state: picklist(['ready', 'busy']) }) };

/** A same-origin iframe stands in for the host page (the frame's `parent`). */
async function hostWindow(): Promise<{ host: Window; hellos: unknown[]; remove: () => void }> {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  const host = iframe.contentWindow!;
  const hellos: unknown[] = [];
  host.addEventListener('message', (event) => hellos.push(event.data));
  return { host, hellos, remove: () => iframe.remove() };
}

/** Runs `send` as script of `source`, so the message's `event.source` is that window. */
function connectFrom(source: Window, data: unknown, ports: MessagePort[], origin = location.origin): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source, ports }));
}

describe('frame bridge handshake', () => {
  let bridge: FrameBridge<typeof events> | null = null;
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    bridge?.stop();
    bridge = null;
    cleanup?.();
  });

  it('refuses to start without a valid channel and host origin', () => {
    expect(readFrameParams('', 'card')).to.equal(null);
    expect(readFrameParams('#channel=short&origin=https://shop.example', 'card')).to.equal(null);
    expect(readFrameParams(`#channel=${CHANNEL}&origin=https://shop.example/path`, 'card')).to.equal(null);
    expect(readFrameParams(`#channel=${CHANNEL}&origin=javascript:alert(1)`, 'card')).to.equal(null);
    expect(readFrameParams(`#channel=${CHANNEL}`, 'card')).to.equal(null);
    expect(readFrameParams(`#channel=${CHANNEL}&origin=${encodeURIComponent('https://shop.example')}`, 'card')).to.deep.equal({
      channel: CHANNEL,
      hostOrigin: 'https://shop.example',
    });
    expect(startFrameBridge({ kind: 'card', accepts, handlers: { ping: () => ({ pong: true }) }, events, hash: '' })).to.equal(null);
  });

  it('greets the parent with hello on the host origin and repeats until connected, at most maxHellos times', async () => {
    const { host, hellos, remove } = await hostWindow();
    cleanup = remove;
    bridge = startFrameBridge({
      kind: 'card',
      accepts,
      handlers: { ping: () => ({ pong: true }) },
      events,
      parent: host,
      hash: `#channel=${CHANNEL}&origin=${location.origin}`,
      helloIntervalMs: 10,
      maxHellos: 3,
    });
    await until(() => hellos.length >= 3, 2000, 'three hellos');
    // No fourth: maxHellos caps them (three more intervals of 10 ms).
    await quietWindow(30);
    expect(hellos).to.deep.equal(Array(3).fill({ ...envelope(), kind: 'hello', channel: CHANNEL, frame: 'card' }));
  });

  it('sends no hello to a parent on another origin', async () => {
    const { host, hellos, remove } = await hostWindow();
    cleanup = remove;
    bridge = startFrameBridge({
      kind: 'card',
      accepts,
      handlers: { ping: () => ({ pong: true }) },
      events,
      parent: host,
      hash: `#channel=${CHANNEL}&origin=https://other.example`,
      helloIntervalMs: 10,
      maxHellos: 2,
    });
    // Room for the hellos that must not come (two intervals of 10 ms, and more).
    await quietWindow(60);
    expect(hellos).to.deep.equal([]);
  });

  it('accepts a connect only from the parent, the host origin and the same channel, with one port, once', async () => {
    const { host, remove } = await hostWindow();
    cleanup = remove;
    bridge = startFrameBridge({
      kind: 'card',
      accepts,
      handlers: { ping: () => ({ pong: true }) },
      events,
      parent: host,
      hash: `#channel=${CHANNEL}&origin=${location.origin}`,
      helloIntervalMs: 1000,
    });
    let connected = false;
    void bridge!.connected.then(() => (connected = true));
    const connect = { ...envelope(), kind: 'connect', channel: CHANNEL };
    const wrongSource = new MessageChannel();
    connectFrom(window, connect, [wrongSource.port2]);
    connectFrom(host, connect, [new MessageChannel().port2], 'https://evil.example');
    connectFrom(host, { ...connect, channel: 'chan_other_123' }, [new MessageChannel().port2]);
    connectFrom(host, connect, []);
    connectFrom(host, { ...connect, kind: 'nonsense' }, [new MessageChannel().port2]);
    connectFrom(host, 'garbage', [new MessageChannel().port2]);
    // None of these may connect.
    await quietWindow(20);
    expect(connected).to.equal(false);

    const good = new MessageChannel();
    connectFrom(host, connect, [good.port2]);
    await bridge!.connected;
    // The port serves requests: ping answers.
    const answer = new Promise((resolve) => (good.port1.onmessage = (e) => resolve(e.data)));
    good.port1.postMessage({ ...envelope(), kind: 'request', id: 'req_12345678', method: 'ping', params: {} });
    expect(await answer).to.deep.equal({ ...envelope(), kind: 'response', id: 'req_12345678', ok: true, result: { pong: true } });

    // A second connect is ignored: events keep going to the first port.
    const late = new MessageChannel();
    connectFrom(host, connect, [late.port2]);
    let lateGotEvent = false;
    late.port1.onmessage = () => (lateGotEvent = true);
    const event = new Promise((resolve) => (good.port1.onmessage = (e) => resolve(e.data)));
    bridge!.emit('resize', { height: 10 });
    expect(await event).to.deep.equal({ ...envelope(), kind: 'event', name: 'resize', detail: { height: 10 } });
    expect(lateGotEvent).to.equal(false);
  });

  it('sends only what the event schema describes, and drops a detail the schema refuses', async () => {
    const { host, remove } = await hostWindow();
    cleanup = remove;
    bridge = startFrameBridge({
      kind: 'card',
      accepts,
      handlers: { ping: () => ({ pong: true }) },
      events,
      parent: host,
      hash: `#channel=${CHANNEL}&origin=${location.origin}`,
      helloIntervalMs: 1000,
    });
    // Before the host connects, events are dropped.
    bridge!.emit('resize', { height: 1 });
    const channel = new MessageChannel();
    const received: unknown[] = [];
    let resolveTwo!: () => void;
    const two = new Promise<void>((resolve) => (resolveTwo = resolve));
    channel.port1.onmessage = (e) => {
      if (received.push(e.data) === 2) resolveTwo();
    };
    connectFrom(host, { ...envelope(), kind: 'connect', channel: CHANNEL }, [channel.port2]);
    await bridge!.connected;

    const leaky = { height: 12, secret: 'pan' } as { height: number };
    bridge!.emit('resize', leaky);
    bridge!.emit('resize', { height: -1 });
    bridge!.emit('state', { state: 'gone' as 'ready' });
    // Not a declared event: refused at compile time, and dropped at run time.
    // @ts-expect-error unknown event name
    bridge!.emit('unknown', {});
    // @ts-expect-error wrong detail type
    bridge!.emit('resize', { height: 'tall' });
    bridge!.emit('state', { state: 'busy' });
    await two;
    // Anything refused would have arrived before the last event sent.
    expect(received).to.deep.equal([
      { ...envelope(), kind: 'event', name: 'resize', detail: { height: 12 } },
      { ...envelope(), kind: 'event', name: 'state', detail: { state: 'busy' } },
    ]);
  });
});
