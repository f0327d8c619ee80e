import { expect } from '@open-wc/testing';
import type { CardPaymentRequest } from '../../src/protocol/api.js';
import { BridgeError } from '../../src/protocol/port.js';
import { NETWORK_ERROR_MESSAGE, createPayment, mapPaymentResponse, payWithCard, type PaymentApiOptions } from '../../src/frame/card/payment.js';

const request: CardPaymentRequest = { card: { number: '4242424242424242', expiryMonth: 12, expiryYear: 2031, cvv: '123' } };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('mapping payment answers to a TransactionResult', () => {
  const cases: [string, number, unknown, object][] = [
    ['a successful attempt', 200, { id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'AUTH1', message: 'Approved' }, { statusCode: 0, message: 'Approved', paymentId: 'pay_1', authCode: 'AUTH1' }],
    ['a declined attempt', 200, { id: 'pay_2', status: 'declined', statusCode: 5, message: 'Declined' }, { statusCode: 5, message: 'Declined', paymentId: 'pay_2' }],
    ['a referred attempt without a message', 200, { id: 'pay_3', status: 'referred', statusCode: 4 }, { statusCode: 4, message: 'The card issuer referred the payment.', paymentId: 'pay_3' }],
    ['HTTP 400', 400, { error: { type: 'invalid_request', message: 'Bad card' } }, { statusCode: 400, message: 'Bad card', errorType: 'invalid_request' }],
    ['HTTP 409', 409, { error: { type: 'idempotency', message: 'Key reused' } }, { statusCode: 400, message: 'Key reused', errorType: 'idempotency' }],
    ['HTTP 429', 429, { error: { type: 'rate_limit', message: 'Too many attempts' } }, { statusCode: 400, message: 'Too many attempts', errorType: 'rate_limit' }],
    ['HTTP 401', 401, { error: { type: 'session_expired', message: 'Token expired' } }, { statusCode: 401, message: 'Token expired', errorType: 'session_expired' }],
    ['HTTP 404', 404, null, { statusCode: 404, message: 'No payment session was found.' }],
    ['HTTP 503', 503, { error: { type: 'x', message: 'internal detail' } }, { statusCode: 500, message: 'The payment service had a problem. Check the payment status before retrying.', errorType: 'x' }],
    ['an error type that is not a plain name', 401, { error: { type: 'Session Expired!', message: 'No' } }, { statusCode: 401, message: 'No' }],
    ['a malformed success body', 200, { hello: 'world' }, { statusCode: 500, message: 'The payment service had a problem. Check the payment status before retrying.' }],
  ];
  for (const [name, status, body, result] of cases) {
    it(`maps ${name}`, () => {
      expect(mapPaymentResponse(status, body)).to.deep.equal({ kind: 'result', result });
    });
  }

  it('recognises a 3-D Secure challenge', () => {
    expect(
      mapPaymentResponse(200, { id: 'pay_4', status: 'requires_action', statusCode: 3, message: 'Verify', challenge: { url: '/3ds/pay_4', windowSize: '02' } }),
    ).to.deep.equal({ kind: 'challenge', challenge: { paymentId: 'pay_4', url: '/3ds/pay_4', windowSize: '02' } });
  });
});

describe('payment requests and retries', () => {
  const api = (fetchImpl: typeof fetch, extra: Partial<PaymentApiOptions> = {}): PaymentApiOptions => ({
    origin: 'https://frames.test',
    clientToken: 'tok_1',
    fetch: fetchImpl,
    retryDelayMs: 0,
    ...extra,
  });

  it('retries a network failure with the same request and idempotency key', async () => {
    const keys: string[] = [];
    const bodies: string[] = [];
    let calls = 0;
    const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls++;
      keys.push((init!.headers as Record<string, string>)['Idempotency-Key']!);
      bodies.push(init!.body as string);
      if (calls < 3) throw new TypeError('Failed to fetch');
      return json(200, { id: 'pay_1', status: 'succeeded', statusCode: 0, message: 'OK' });
    }) as typeof fetch;
    const outcome = await createPayment(api(fetchImpl), request, 'key_abcdefgh');
    expect(outcome).to.deep.equal({ kind: 'result', result: { statusCode: 0, message: 'OK', paymentId: 'pay_1' } });
    expect(keys).to.deep.equal(['key_abcdefgh', 'key_abcdefgh', 'key_abcdefgh']);
    expect(new Set(bodies).size).to.equal(1);
  });

  it('gives up after two retries with a network_error that says the payment may not have been taken', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const error = await createPayment(api(fetchImpl), request, 'key_abcdefgh').then(() => null, (e: unknown) => e);
    expect(calls).to.equal(3);
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('network_error');
    expect((error as BridgeError).message).to.equal(NETWORK_ERROR_MESSAGE);
  });

  it('treats a request that outlives its timeout as a network failure', async () => {
    let calls = 0;
    const fetchImpl = ((_url: RequestInfo | URL, init?: RequestInit) => {
      calls++;
      return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const error = await createPayment(api(fetchImpl, { timeoutMs: 20 }), request, 'key_abcdefgh').then(() => null, (e: unknown) => e);
    expect(calls).to.equal(3);
    expect((error as BridgeError).code).to.equal('network_error');
  });

  it('runs the challenge and reads the final state after requires_action', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      urls.push(`${init!.method} ${String(url)}`);
      if (init!.method === 'POST') return json(200, { id: 'pay_9', status: 'requires_action', statusCode: 3, message: 'Verify', challenge: { url: '/3ds/pay_9', windowSize: '05' } });
      return json(200, { id: 'pay_9', status: 'succeeded', statusCode: 0, authCode: 'A9', message: 'Approved' });
    }) as typeof fetch;
    const challenges: string[] = [];
    const result = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async (c) => void challenges.push(c.paymentId));
    expect(challenges).to.deep.equal(['pay_9']);
    expect(urls).to.deep.equal(['POST https://frames.test/v1/payments', 'GET https://frames.test/v1/payments/pay_9']);
    expect(result).to.deep.equal({ statusCode: 0, message: 'Approved', paymentId: 'pay_9', authCode: 'A9' });
  });
});
