import { expect } from '@open-wc/testing';
import type { CardPaymentRequest } from '../../src/protocol/api.js';
import { BridgeError } from '../../src/protocol/port.js';
import {
  NETWORK_ERROR_MESSAGE,
  UnfinishedAttempt,
  createPayment,
  mapPaymentResponse,
  payWithCard,
  type PaymentApiOptions,
} from '../../src/frame/card/payment.js';
import { payWithWallet } from '../../src/frame/wallet/api.js';

const request: CardPaymentRequest = { card: { number: '4242424242424242', expiryMonth: 12, expiryYear: 2031, cvv: '123' } };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('mapping payment answers to a TransactionResult', () => {
  const cases: [string, number, unknown, object][] = [
    [
      'a successful attempt',
      200,
      { id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'AUTH1', message: 'Approved' },
      { statusCode: 0, message: 'Approved', paymentId: 'pay_1', authCode: 'AUTH1' },
    ],
    [
      'a declined attempt',
      200,
      { id: 'pay_2', status: 'declined', statusCode: 5, message: 'Declined' },
      { statusCode: 5, message: 'Declined', paymentId: 'pay_2' },
    ],
    [
      'a referred attempt without a message',
      200,
      { id: 'pay_3', status: 'referred', statusCode: 4 },
      { statusCode: 4, message: 'The card issuer referred the payment.', paymentId: 'pay_3' },
    ],
    ['HTTP 400', 400, { error: { type: 'invalid_request', message: 'Bad card' } }, { statusCode: 400, message: 'Bad card', errorType: 'invalid_request' }],
    ['HTTP 409', 409, { error: { type: 'idempotency', message: 'Key reused' } }, { statusCode: 400, message: 'Key reused', errorType: 'idempotency' }],
    [
      'HTTP 429',
      429,
      { error: { type: 'rate_limit', message: 'Too many attempts' } },
      { statusCode: 400, message: 'Too many attempts', errorType: 'rate_limit' },
    ],
    [
      'HTTP 401',
      401,
      { error: { type: 'session_expired', message: 'Token expired' } },
      { statusCode: 401, message: 'Token expired', errorType: 'session_expired' },
    ],
    ['HTTP 404', 404, null, { statusCode: 404, message: 'No payment session was found.' }],
    [
      'HTTP 503',
      503,
      { error: { type: 'x', message: 'internal detail' } },
      { statusCode: 500, message: 'The payment service had a problem. Check the payment status before retrying.', errorType: 'x' },
    ],
    ['an error type that is not a plain name', 401, { error: { type: 'Session Expired!', message: 'No' } }, { statusCode: 401, message: 'No' }],
    [
      'a malformed success body',
      200,
      { hello: 'world' },
      { statusCode: 500, message: 'The payment service had a problem. Check the payment status before retrying.' },
    ],
  ];
  cases.push(
    [
      'customer details and the session status the provider stored',
      200,
      {
        id: 'pay_5',
        status: 'succeeded',
        statusCode: 0,
        authCode: 'AUTH5',
        message: 'OK',
        customerDetails: { userEmailAddress: 'ada@example.com', billingAddress: { postcode: 'N1 1AA' } },
        sessionStatus: 'completed',
      },
      {
        statusCode: 0,
        message: 'OK',
        paymentId: 'pay_5',
        authCode: 'AUTH5',
        customerDetails: { userEmailAddress: 'ada@example.com', billingAddress: { postcode: 'N1 1AA' } },
        sessionStatus: 'completed',
      },
    ],
    [
      'customer details that break the contract: left out, the result kept',
      200,
      { id: 'pay_6', status: 'succeeded', statusCode: 0, authCode: 'AUTH6', message: 'OK', customerDetails: { cardNumber: '4242424242424242' } },
      { statusCode: 0, message: 'OK', paymentId: 'pay_6', authCode: 'AUTH6' },
    ],
    [
      'a duplicate that repeats the original auth code',
      200,
      { id: 'pay_7', status: 'failed', statusCode: 20, authCode: 'ORIG01', message: 'Already paid' },
      { statusCode: 20, message: 'Already paid', paymentId: 'pay_7', authCode: 'ORIG01' },
    ],
  );
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

  /** A provider whose POST answers come from `post` and whose lookup by key answers `lookup`; records what was asked. */
  const provider = (post: (call: number) => Response | Promise<Response>, lookup: (call: number) => Response | Promise<Response>) => {
    const asked: string[] = [];
    let posts = 0;
    let lookups = 0;
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      const { pathname, search } = new URL(String(url));
      asked.push(`${init!.method} ${pathname}${search} ${(init!.headers as Record<string, string>)['Idempotency-Key'] ?? ''}`.trim());
      return init!.method === 'POST' ? post(++posts) : lookup(++lookups);
    }) as typeof fetch;
    return { asked, fetchImpl };
  };
  const offline = () => Promise.reject(new TypeError('Failed to fetch'));
  const notReceived = () => json(404, { error: { type: 'not_found', message: 'No payment was received with this Idempotency-Key.' } });
  const paid = () => json(200, { id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'AUTH01', message: 'OK' });

  it('no answer on any try, and the provider never got it: network_error saying nothing was charged', async () => {
    const { asked, fetchImpl } = provider(offline, notReceived);
    const error = await createPayment(api(fetchImpl), request, 'key_abcdefgh').then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as BridgeError).code).to.equal('network_error');
    expect((error as BridgeError).message).to.equal(NETWORK_ERROR_MESSAGE);
    expect(asked).to.deep.equal([...Array(4).fill('POST /v1/payments key_abcdefgh'), 'GET /v1/payments?idempotency_key=key_abcdefgh']);
  });

  it('no answer on any try, but the provider took it: its real answer (a success)', async () => {
    const { fetchImpl } = provider(offline, paid);
    const outcome = await createPayment(api(fetchImpl), request, 'key_abcdefgh');
    expect(outcome).to.deep.equal({ kind: 'result', result: { statusCode: 0, message: 'OK', paymentId: 'pay_1', authCode: 'AUTH01' } });
  });

  it('no answer, and the provider cannot be asked: outcome_unknown, never a failure', async () => {
    const { fetchImpl } = provider(offline, offline);
    const error = await createPayment(api(fetchImpl), request, 'key_abcdefgh').then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as BridgeError).code).to.equal('outcome_unknown');
  });

  it('a request that outlives the budget (timeoutMs covers every try): payment_timeout when the provider never got it', async () => {
    let posts = 0;
    const fetchImpl = ((url: RequestInfo | URL, init?: RequestInit) => {
      if (init!.method === 'GET') return Promise.resolve(notReceived());
      posts++;
      return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const started = performance.now();
    const error = await createPayment(api(fetchImpl, { timeoutMs: 60 }), request, 'key_abcdefgh').then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as BridgeError).code).to.equal('payment_timeout');
    expect(posts).to.equal(1);
    expect(performance.now() - started).to.be.below(2500);
  });

  it('5xx and "in progress" answers are sent again under the same key, then the answer counts', async () => {
    const answers = [json(503, {}), json(502, {}), json(409, { error: { type: 'idempotency_in_progress', message: 'busy' } })];
    const { asked, fetchImpl } = provider((call) => answers[call - 1] ?? paid(), notReceived);
    const outcome = await createPayment(api(fetchImpl), request, 'key_abcdefgh');
    expect(outcome.kind === 'result' && outcome.result.statusCode).to.equal(0);
    expect(asked).to.deep.equal(Array(4).fill('POST /v1/payments key_abcdefgh'));
  });

  it('5xx on every try and never received: a failed attempt (service_unavailable), never statusCode 500 as a final failure', async () => {
    const { fetchImpl } = provider(() => json(503, {}), notReceived);
    const outcome = await createPayment(api(fetchImpl), request, 'key_abcdefgh');
    expect(outcome).to.deep.include({ kind: 'result' });
    expect(outcome.kind === 'result' && outcome.result).to.include({ statusCode: 500, errorType: 'service_unavailable' });
  });

  it('after an unknown outcome, the same request goes again under the unfinished key; another request first asks about it', async () => {
    const attempt = new UnfinishedAttempt();
    let online = false;
    const { asked, fetchImpl } = provider(
      () => (online ? paid() : offline()),
      () => (online ? paid() : offline()),
    );
    const error = await createPayment(api(fetchImpl), request, 'key_first000', attempt).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as BridgeError).code).to.equal('outcome_unknown');
    expect(attempt.key).to.equal('key_first000');
    online = true;
    asked.length = 0;
    await createPayment(api(fetchImpl), request, 'key_second00', attempt);
    expect(asked).to.deep.equal(['POST /v1/payments key_first000']);
    expect(attempt.key).to.equal(undefined);

    // A changed card after an unknown outcome: the earlier request paid, so the new one is never sent.
    online = false;
    await createPayment(api(fetchImpl), request, 'key_third000', attempt).catch(() => undefined);
    online = true;
    asked.length = 0;
    const other: CardPaymentRequest = { card: { ...request.card, number: '5555555555554444' } };
    const outcome = await createPayment(api(fetchImpl), other, 'key_fourth00', attempt);
    expect(asked).to.deep.equal(['GET /v1/payments?idempotency_key=key_third000']);
    expect(outcome.kind === 'result' && outcome.result.statusCode).to.equal(0);
  });

  it('after the 3-D Secure challenge, a final state that cannot be read is outcome_unknown, never a failure', async () => {
    const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      if (init!.method === 'POST')
        return json(200, { id: 'pay_8', status: 'requires_action', statusCode: 3, message: 'Verify', challenge: { url: '/3ds/pay_8', windowSize: '05' } });
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const error = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async () => undefined).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as BridgeError).code).to.equal('outcome_unknown');
  });

  it('runs the challenge and reads the final state after requires_action', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      urls.push(`${init!.method} ${String(url)}`);
      if (init!.method === 'POST')
        return json(200, { id: 'pay_9', status: 'requires_action', statusCode: 3, message: 'Verify', challenge: { url: '/3ds/pay_9', windowSize: '05' } });
      return json(200, { id: 'pay_9', status: 'succeeded', statusCode: 0, authCode: 'A9', message: 'Approved' });
    }) as typeof fetch;
    const challenges: string[] = [];
    const result = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async (c) => void challenges.push(c.paymentId));
    expect(challenges).to.deep.equal(['pay_9']);
    expect(urls).to.deep.equal(['POST https://frames.test/v1/payments', 'GET https://frames.test/v1/payments/pay_9']);
    expect(result).to.deep.equal({ statusCode: 0, message: 'Approved', paymentId: 'pay_9', authCode: 'A9' });
  });
});

describe('the attempt that uses up the session: the frame learns the session status', () => {
  const api = (fetchImpl: typeof fetch): PaymentApiOptions => ({ origin: 'https://frames.test', clientToken: 'tok_1', fetch: fetchImpl, retryDelayMs: 0 });
  /** Answers the payment with `payment`, and `GET /v1/session` with `session`; records the paths asked. */
  const provider = (payment: object, session: { status: number; body: unknown } = { status: 200, body: { id: 'cs_1', status: 'failed' } }) => {
    const paths: string[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      const path = `${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`;
      paths.push(path);
      return path === 'GET /v1/session' ? json(session.status, session.body) : json(200, payment);
    }) as typeof fetch;
    return { paths, fetchImpl };
  };
  const declined = { id: 'pay_1', status: 'declined', statusCode: 5, message: 'Declined' };

  it('a decline without sessionStatus: reads the session once and copies its status', async () => {
    const { paths, fetchImpl } = provider(declined);
    const result = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async () => undefined);
    expect(result).to.include({ statusCode: 5, sessionStatus: 'failed' });
    expect(paths).to.deep.equal(['POST /v1/payments', 'GET /v1/session']);
  });

  it('the wallet does the same', async () => {
    const { paths, fetchImpl } = provider(declined);
    const result = await payWithWallet(api(fetchImpl), { wallet: 'sandbox', token: 'tok_sandbox_declined' }, 'key_abcdefgh');
    expect(result).to.include({ statusCode: 5, sessionStatus: 'failed' });
    expect(paths).to.deep.equal(['POST /v1/wallet/payments', 'GET /v1/session']);
  });

  it('a decline whose answer says the session status: no second request', async () => {
    const { paths, fetchImpl } = provider({ ...declined, sessionStatus: 'open' });
    const result = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async () => undefined);
    expect(result.sessionStatus).to.equal('open');
    expect(paths).to.deep.equal(['POST /v1/payments']);
  });

  it('a success or a final failure: no second request', async () => {
    for (const payment of [
      { id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'A1', message: 'OK' },
      { id: 'pay_1', status: 'failed', statusCode: 20, message: 'Duplicate' },
    ]) {
      const { paths, fetchImpl } = provider(payment);
      const result = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async () => undefined);
      expect(result.sessionStatus).to.equal(undefined);
      expect(paths).to.deep.equal(['POST /v1/payments']);
    }
  });

  it('a session that cannot be read leaves the result as it was', async () => {
    for (const session of [
      { status: 500, body: null },
      { status: 200, body: { status: 'paid' } },
    ]) {
      const { fetchImpl } = provider(declined, session);
      const result = await payWithCard(api(fetchImpl), request, 'key_abcdefgh', async () => undefined);
      expect(result).to.deep.equal({ statusCode: 5, message: 'Declined', paymentId: 'pay_1' });
    }
  });
});
