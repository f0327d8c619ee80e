import { expect } from '@open-wc/testing';
import { safeParse, type Schema } from '../../src/protocol/schema.js';
import { cardEvents, cardRequestParams, cardRequestResults, ConnectMessage, HelloMessage, PortMessage, envelope, parse } from '../../src/protocol/messages.js';
import { checkoutEvents, checkoutRequestParams, checkoutRequestResults } from '../../src/protocol/checkout.js';
import { walletEvents, walletRequestParams, walletRequestResults } from '../../src/protocol/wallet.js';
import { PortEndpoint } from '../../src/protocol/port.js';

/** An array carrying the keys of `value`: what a lenient object check lets through, and structured cloning keeps. */
const arrayShaped = (value: object) => Object.assign([], value);

describe('protocol: object schemas reject arrays', () => {
  it('an array-shaped hello or connect is not a handshake message', () => {
    const connect = { ...envelope(), kind: 'connect', channel: 'abcdefgh12345678' };
    expect(parse(ConnectMessage, connect)).to.deep.equal(connect);
    expect(parse(ConnectMessage, arrayShaped(connect))).to.equal(undefined);
    expect(parse(HelloMessage, arrayShaped({ ...connect, kind: 'hello', frame: 'card' }))).to.equal(undefined);
  });

  it('an array-shaped port message, or `params: []`, does not parse', () => {
    const request = { ...envelope(), kind: 'request', id: 'abcdefgh12345678', method: 'clear', params: {} };
    expect(parse(PortMessage, request)).to.not.equal(undefined);
    expect(parse(PortMessage, arrayShaped(request))).to.equal(undefined);
    expect(parse(cardRequestParams.clear, [])).to.equal(undefined);
    expect(parse(cardRequestParams.validate, [])).to.equal(undefined);
    expect(parse(checkoutRequestParams.submit, [])).to.equal(undefined);
  });

  it('rejects arrays for every object parameter, result and event detail, nested ones included', () => {
    const tables: Record<string, Record<string, Schema<unknown>>> = {
      cardRequestParams,
      cardRequestResults,
      cardEvents,
      walletRequestParams,
      walletRequestResults,
      walletEvents,
      checkoutRequestParams,
      checkoutRequestResults,
      checkoutEvents,
    };
    let checked = 0;
    for (const [table, schemas] of Object.entries(tables)) {
      for (const [name, schema] of Object.entries(schemas)) {
        if (!('entries' in schema)) continue;
        expect(safeParse(schema, []).success, `${table}.${name}`).to.equal(false);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(20);
    // Nested objects and records: a styles state, the theme declarations, an address.
    const config = {
      clientToken: 't',
      styles: {},
      text: {},
      errorMessages: {},
      fontCss: [],
      hideCardName: false,
      disabled: false,
      themeVariables: {},
      locale: 'en',
    };
    expect(parse(cardRequestParams.configure, config)).to.not.equal(undefined);
    expect(parse(cardRequestParams.configure, { ...config, hideValidation: true })?.hideValidation).to.equal(true);
    expect(parse(cardRequestParams.configure, { ...config, styles: [] })).to.equal(undefined);
    expect(parse(cardRequestParams.configure, { ...config, styles: { base: { default: arrayShaped({ color: 'red' }) } } })).to.equal(undefined);
    expect(parse(cardRequestParams.configure, { ...config, themeVariables: arrayShaped({ '--moment-color-text': 'red' }) })).to.equal(undefined);
    expect(parse(cardRequestParams.configure, { ...config, text: { cardNumber: [] } })).to.equal(undefined);
    expect(parse(cardRequestParams.executePayment, { idempotencyKey: 'abcdefgh12345678', additionalInfo: { billingAddress: [] } })).to.equal(undefined);
  });

  it('a frame answers a request with `params: []` as invalid_params, and its handler never runs', async () => {
    const { port1, port2 } = new MessageChannel();
    let ran = 0;
    new PortEndpoint(
      port2,
      {},
      { accepts: { clear: { params: cardRequestParams.clear, result: cardRequestResults.clear } }, handlers: { clear: () => (ran++, null) } },
    );
    const answer = new Promise<unknown>((resolve) => (port1.onmessage = (e) => resolve(e.data)));
    port1.postMessage({ ...envelope(), kind: 'request', id: 'abcdefgh12345678', method: 'clear', params: [] });
    const response = (await answer) as { ok: boolean; error: { code: string } };
    expect(response.ok).to.equal(false);
    expect(response.error.code).to.equal('invalid_params');
    expect(ran).to.equal(0);
    port1.close();
  });
});
