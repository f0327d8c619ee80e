/**
 * The outcome table (README, "Outcomes"): status code × session state → the checkout frame's
 * `outcome`, the host's event and the SDK callback. One row per case, each run through the real
 * checkout page against a fake frames API (the payment's answer, then the session as it is after
 * it), and through the host's two maps (`OUTCOME_EVENTS`, `OUTCOME_CALLBACKS`).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import type { CheckoutEventName, CheckoutFrameConfig } from '../../src/protocol/checkout.js';
import { CheckoutPage } from '../../src/frame/checkout/checkout-page.js';
import { OUTCOME_EVENTS, outcomeOf, type Outcome } from '../../src/protocol/outcome.js';
import { OUTCOME_CALLBACKS } from '../../src/elements/moment-checkout/moment-checkout.component.js';

const ORIGIN = 'https://frames.test';
const session = (status: string) => ({
  id: 'ps_table',
  status,
  amount: 1000,
  currency: 'GBP',
  variant: 'inline',
  expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  success_url: null,
});
const config: CheckoutFrameConfig = { clientToken: 'tok_table', variant: 'inline', themeVariables: {}, locale: 'en-GB', hidePayButton: false };

type Answer = [httpStatus: number, body: object];
interface Row {
  /** The status code (or API answer) of the attempt, as the README's table names it. */
  code: string;
  answer: Answer;
  /** The session's status once the attempt has settled. */
  after: 'open' | 'completed' | 'failed' | 'expired' | 'cancelled';
  /** What the host hears, in order: exactly one entry. */
  outcome: Outcome;
  /** The customer may pay again in place. */
  staysOpen: boolean;
}

const paid: Answer = [200, { id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'AUTH01', message: 'Payment successful.' }];
const duplicate = (authCode?: string): Answer => [
  200,
  { id: 'pay_2', status: 'failed', statusCode: 20, message: 'This payment has already been completed.', ...(authCode ? { authCode } : {}) },
];
const declined = (statusCode: 4 | 5 | 30, extra: object = {}): Answer => [
  200,
  { id: 'pay_3', status: statusCode === 30 ? 'failed' : 'declined', statusCode, message: 'Not paid.', ...extra },
];
const apiError = (http: number, type: string): Answer => [http, { error: { type, message: `${type}.` } }];

/** The README's outcome table, one row per line. */
export const OUTCOME_TABLE: Row[] = [
  { code: '0 paid', answer: paid, after: 'completed', outcome: 'success', staysOpen: false },
  { code: '20 duplicate with the original authCode (already paid)', answer: duplicate('AUTH01'), after: 'completed', outcome: 'success', staysOpen: false },
  { code: '20 duplicate without authCode, session paid', answer: duplicate(), after: 'completed', outcome: 'success', staysOpen: false },
  { code: '20 duplicate without authCode, session not paid', answer: duplicate(), after: 'open', outcome: 'failure', staysOpen: false },
  { code: '4 referred', answer: declined(4), after: 'open', outcome: 'attempt-failed', staysOpen: true },
  { code: '5 declined', answer: declined(5), after: 'open', outcome: 'attempt-failed', staysOpen: true },
  { code: '30 failed', answer: declined(30), after: 'open', outcome: 'attempt-failed', staysOpen: true },
  { code: '4 referred, the last allowed attempt', answer: declined(4), after: 'failed', outcome: 'failure', staysOpen: false },
  { code: '5 declined, the last allowed attempt', answer: declined(5), after: 'failed', outcome: 'failure', staysOpen: false },
  { code: '30 failed, the last allowed attempt', answer: declined(30), after: 'failed', outcome: 'failure', staysOpen: false },
  {
    code: '5 declined, the provider says the session failed',
    answer: declined(5, { sessionStatus: 'failed' }),
    after: 'failed',
    outcome: 'failure',
    staysOpen: false,
  },
  { code: '5 declined, the session expired meanwhile', answer: declined(5), after: 'expired', outcome: 'expired', staysOpen: false },
  { code: '400 too_many_attempts (429)', answer: apiError(429, 'too_many_attempts'), after: 'failed', outcome: 'failure', staysOpen: false },
  { code: '400 session_closed (409)', answer: apiError(409, 'session_closed'), after: 'cancelled', outcome: 'failure', staysOpen: false },
  { code: '400 invalid request', answer: apiError(400, 'invalid_request_error'), after: 'open', outcome: 'failure', staysOpen: false },
  { code: '401 session_expired', answer: apiError(401, 'session_expired'), after: 'expired', outcome: 'expired', staysOpen: false },
  { code: '401 invalid_token', answer: apiError(401, 'invalid_token'), after: 'open', outcome: 'failure', staysOpen: false },
  { code: '404 not_found', answer: apiError(404, 'not_found'), after: 'open', outcome: 'failure', staysOpen: false },
  // 5xx on every try, and the provider then says it never got the request: nothing charged, try again.
  { code: '503 on every try, never received', answer: [503, {}], after: 'open', outcome: 'attempt-failed', staysOpen: true },
];

/** Rows with no payment: the session as the checkout finds it when it opens. */
const ON_OPEN: [status: string, outcome: Outcome][] = [
  ['completed', 'success'],
  ['failed', 'failure'],
  ['expired', 'expired'],
  ['cancelled', 'cancel'],
];

const EXPECTED_EVENT: Record<Outcome, string> = {
  success: 'payment-success',
  failure: 'payment-failure',
  'attempt-failed': 'payment-attempt-failed',
  expired: 'payment-expired',
  cancel: 'payment-cancel',
};
const EXPECTED_CALLBACK: Record<Outcome, string> = {
  success: 'onSuccess',
  failure: 'onFailure',
  'attempt-failed': 'onAttemptFailed',
  expired: 'onExpired',
  cancel: 'onCancel',
};

let container: HTMLDivElement;
let page: CheckoutPage | undefined;
afterEach(() => {
  page?.destroy();
  page = undefined;
  container?.remove();
});

async function run(answer: Answer | null, statuses: string[]) {
  container = document.createElement('div');
  document.body.append(container);
  const events: { name: CheckoutEventName; detail: Record<string, unknown> }[] = [];
  let reads = 0;
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url).slice(ORIGIN.length);
    if (path === '/v1/session') {
      const status = statuses[Math.min(reads++, statuses.length - 1)]!;
      return new Response(JSON.stringify(session(status)), { status: 200 });
    }
    if (path === '/v1/payments' && init?.method === 'POST' && answer) return new Response(JSON.stringify(answer[1]), { status: answer[0] });
    return new Response(JSON.stringify({ error: { type: 'not_found', message: 'nope' } }), { status: 404 });
  }) as typeof fetch;
  page = new CheckoutPage(container, config, {
    emit: (name, detail) => void events.push({ name, detail: detail as Record<string, unknown> }),
    origin: ORIGIN,
    fetch: fetchImpl,
    payment: { fetch: fetchImpl, retryDelayMs: 0 },
  });
  await page.load();
  return events;
}

function fillCard(): void {
  for (const [id, value] of [
    ['card-number', '4242424242424242'],
    ['expiry-date', '1239'],
    ['cv2', '123'],
    ['card-name', 'Ada Lovelace'],
  ]) {
    const input = container.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value!;
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
  }
}

describe('outcome table: the host maps each outcome to one event and one seed callback', () => {
  for (const outcome of Object.keys(EXPECTED_EVENT) as Outcome[]) {
    it(`${outcome} → ${EXPECTED_EVENT[outcome]} and ${EXPECTED_CALLBACK[outcome]}`, () => {
      expect(OUTCOME_EVENTS[outcome]).to.equal(EXPECTED_EVENT[outcome]);
      expect(OUTCOME_CALLBACKS[outcome]).to.equal(EXPECTED_CALLBACK[outcome]);
    });
  }

  it('outcomeOf: a 20 with the original authCode is the success it repeats, never a failure', () => {
    expect(outcomeOf({ statusCode: 20, authCode: 'AUTH01' })).to.equal('success');
    expect(outcomeOf({ statusCode: 20 })).to.equal('failure');
    expect(outcomeOf({ statusCode: 5, sessionStatus: 'failed' })).to.equal('failure');
    expect(outcomeOf({ statusCode: 5, sessionStatus: 'open' })).to.equal('attempt-failed');
  });
});

describe('outcome table: a payment in the checkout reports exactly one outcome', () => {
  for (const row of OUTCOME_TABLE) {
    it(`${row.code}, session ${row.after} → ${row.outcome} (${EXPECTED_EVENT[row.outcome]}, ${EXPECTED_CALLBACK[row.outcome]})${row.staysOpen ? ', the form stays' : ', the checkout ends'}`, async () => {
      const events = await run(row.answer, ['open', row.after]);
      fillCard();
      page!.submit();
      await waitUntil(() => events.some((e) => e.name === 'outcome'), 'no outcome', { timeout: 3000 });
      // Anything reported late (a second outcome) would arrive within a few tasks.
      await quietWindow(50);
      const outcomes = events.filter((e) => e.name === 'outcome').map((e) => e.detail);
      expect(outcomes.map((o) => o.outcome)).to.deep.equal([row.outcome]);
      expect(outcomes[0]!.sessionId).to.equal('ps_table');
      expect(page!.currentPhase).to.equal(row.staysOpen ? 'ready' : 'closed');
      if (row.outcome === 'success' && row.answer[1] && 'authCode' in row.answer[1]) {
        expect((outcomes[0]!.result as { authCode?: string }).authCode).to.equal('AUTH01');
      }
    });
  }

  for (const [status, outcome] of ON_OPEN) {
    it(`no payment, session already ${status} when the checkout opens → ${outcome} (${EXPECTED_EVENT[outcome]}, ${EXPECTED_CALLBACK[outcome]})`, async () => {
      const events = await run(null, [status]);
      await waitUntil(() => events.some((e) => e.name === 'outcome'), 'no outcome', { timeout: 3000 });
      expect(events.filter((e) => e.name === 'outcome').map((e) => e.detail.outcome)).to.deep.equal([outcome]);
      expect(container.querySelector('#card-number')).to.equal(null);
    });
  }
});
