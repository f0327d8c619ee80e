/**
 * One outcome table for every element: each answer the payments API can give reaches the card,
 * the wallet and the checkout as the same event. The answers are the sandbox's own (scripted
 * once per session for those no test card gives), taken by the real frames.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { STATUS_CODES, type StatusCode } from '../../src/protocol/card.js';
import { OUTCOME_EVENTS, outcomeOf, outcomeOfSession, type Outcome, type OutcomeEventName } from '../../src/protocol/outcome.js';
import { TEST_KEY, createSession, fillCard, frameClick, readyCard, record, until, type SandboxSession } from '../support/helpers.js';
import { openSheet, readButton, readyWallet } from '../wallet-button/helpers.js';

const OUTCOME_EVENT_NAMES = Object.values(OUTCOME_EVENTS);

/** Every answer of the payments API worth telling apart, and the event it must fire. */
const ANSWERS: { name: string; status: number; body: object; statusCode: StatusCode; event: OutcomeEventName }[] = [
  ...(
    [
      [0, 'succeeded', 'payment-success'],
      [3, 'requires_action', 'payment-attempt-failed'],
      [4, 'referred', 'payment-attempt-failed'],
      [5, 'declined', 'payment-attempt-failed'],
      [20, 'failed', 'payment-failure'],
      [30, 'failed', 'payment-attempt-failed'],
    ] as const
  ).map(([statusCode, status, event]) => ({
    name: `statusCode ${statusCode}`,
    status: 200,
    body: { id: `pay_scripted_${statusCode}`, status, statusCode, message: `Scripted ${status}.` },
    statusCode,
    event,
  })),
  // Seed 004's statusCode 20 is a duplicate; with the original payment's auth code it says the
  // session was already paid: the page must never mark that order failed.
  {
    name: 'statusCode 20 with the original authCode (already paid)',
    status: 200,
    body: { id: 'pay_scripted_20_paid', status: 'failed', statusCode: 20, authCode: 'AB12CD', message: 'This payment has already been completed.' },
    statusCode: 20,
    event: 'payment-success',
  },
  // The attempt that uses up the session's last try: one final outcome, not a retryable one.
  ...(
    [
      [5, 'declined'],
      [30, 'failed'],
    ] as const
  ).map(([statusCode, status]) => ({
    name: `statusCode ${statusCode} that locks the session (sessionStatus failed)`,
    status: 200,
    body: { id: `pay_scripted_${statusCode}_last`, status, statusCode, message: `Scripted ${status}.`, sessionStatus: 'failed' },
    statusCode,
    event: 'payment-failure' as const,
  })),
  ...(
    [
      [400, 'invalid_request_error', 400, 'payment-failure'],
      [401, 'invalid_token', 401, 'payment-failure'],
      [401, 'session_expired', 401, 'payment-expired'],
      [404, 'not_found', 404, 'payment-failure'],
      [409, 'session_closed', 400, 'payment-failure'],
      [429, 'too_many_attempts', 400, 'payment-failure'],
      // A 5xx is sent again under the same Idempotency-Key: the scripted answer is used once, and the
      // retry pays (5xx on every try is in test/network/*-faults.test.ts).
      [500, 'api_error', 0, 'payment-success'],
    ] as const
  ).map(([status, type, statusCode, event]) => ({
    name: `HTTP ${status} ${type}`,
    status,
    body: { error: { type, message: `Scripted ${type}.` } },
    statusCode,
    event,
  })),
];

const answerNext = (session: SandboxSession, answer: (typeof ANSWERS)[number]) =>
  executeServerCommand('answer-next-payment', { id: session.id, status: answer.status, body: answer.body });

describe('outcome table (protocol)', () => {
  const expected: Record<StatusCode, Outcome> = {
    0: 'success',
    3: 'attempt-failed',
    4: 'attempt-failed',
    5: 'attempt-failed',
    20: 'failure',
    30: 'attempt-failed',
    400: 'failure',
    401: 'failure',
    404: 'failure',
    500: 'failure',
  };
  for (const statusCode of STATUS_CODES) {
    it(`statusCode ${statusCode} with sessionStatus failed (the last attempt) is ${statusCode === 0 ? 'success' : 'failure'}, also when cancelled`, () => {
      const last = statusCode === 0 ? 'success' : 'failure';
      expect(outcomeOf({ statusCode, sessionStatus: 'failed' })).to.equal(last);
      expect(outcomeOf({ statusCode, sessionStatus: 'failed', cancelled: true })).to.equal(last);
      expect(outcomeOf({ statusCode, sessionStatus: 'open' })).to.equal(expected[statusCode]);
    });
  }

  it('statusCode 20 with an authCode (the session was already paid) is a success; without one a failure', () => {
    expect(outcomeOf({ statusCode: 20, authCode: 'AB12CD' })).to.equal('success');
    expect(outcomeOf({ statusCode: 20, authCode: 'AB12CD', sessionStatus: 'completed' })).to.equal('success');
    expect(outcomeOf({ statusCode: 20 })).to.equal('failure');
    expect(outcomeOf({ statusCode: 20, authCode: '' })).to.equal('failure');
  });

  for (const statusCode of STATUS_CODES) {
    it(`statusCode ${statusCode} is ${expected[statusCode]}; with errorType session_expired it is expired; cancelled it is a cancel`, () => {
      expect(outcomeOf({ statusCode })).to.equal(expected[statusCode]);
      expect(outcomeOf({ statusCode, errorType: 'session_expired' })).to.equal(statusCode === 0 ? 'success' : 'expired');
      expect(outcomeOf({ statusCode, cancelled: true })).to.equal(statusCode === 0 ? 'success' : 'cancel');
      for (const errorType of ['invalid_token', 'constructor', '__proto__', 'toString']) {
        expect(outcomeOf({ statusCode, errorType })).to.equal(expected[statusCode]);
      }
    });
  }

  it('maps every session status, and nothing else', () => {
    expect(outcomeOfSession('completed')).to.equal('success');
    expect(outcomeOfSession('failed')).to.equal('failure');
    expect(outcomeOfSession('expired')).to.equal('expired');
    expect(outcomeOfSession('cancelled')).to.equal('cancel');
    expect(outcomeOfSession('open')).to.equal('attempt-failed');
    expect(outcomeOfSession('open', 'cancelled')).to.equal('cancel');
    for (const other of ['paid', '', 'constructor', null, 3]) expect(outcomeOfSession(other)).to.equal(undefined);
  });
});

describe('outcome table: every API answer gives the same event from the three elements', function () {
  // Thirteen real payments per element, through the frames and the sandbox.
  this.timeout(120_000);

  it('<card-component>', async () => {
    const { el, session, frame } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const seen: string[] = [];
    for (const answer of ANSWERS) {
      await answerNext(session, answer);
      const events = record(el, OUTCOME_EVENT_NAMES);
      const result = await el.executePayment();
      expect(result.statusCode, answer.name).to.equal(answer.statusCode);
      seen.push(`${answer.name}: ${events.map((e) => e.name).join(',')}`);
    }
    expect(seen).to.deep.equal(ANSWERS.map((a) => `${a.name}: ${a.event}`));
    el.remove();
  });

  it('<wallet-button>', async () => {
    const { el, session, frame } = await readyWallet();
    const seen: string[] = [];
    for (const answer of ANSWERS) {
      await answerNext(session, answer);
      const events = record(el, OUTCOME_EVENT_NAMES);
      await openSheet(frame);
      await frameClick(frame, '#sheet-pay');
      await until(() => events.length > 0, 10_000, `an outcome for ${answer.name}`);
      seen.push(`${answer.name}: ${events.map((e) => e.name).join(',')}`);
      await until(async () => !(await readButton(frame)).disabled, 5000, 'the button to be enabled again');
    }
    expect(seen).to.deep.equal(ANSWERS.map((a) => `${a.name}: ${a.event}`));
  });

  it('<moment-checkout>', async () => {
    let session: SandboxSession | undefined;
    const el = document.createElement('moment-checkout') as MomentCheckout;
    el.clientKey = TEST_KEY;
    el.fetchClientToken = async () => {
      session = await createSession({ variant: 'modal' });
      return session.client_token;
    };
    document.body.append(el);
    const frameName = () => (el.shadowRoot!.querySelector('iframe') ?? document.querySelector<HTMLIFrameElement>('iframe[name^="moment-checkout-"]'))!.name;
    const seen: string[] = [];
    try {
      let open = false;
      for (const answer of ANSWERS) {
        if (!open) {
          await el.launch();
          await fillCard(frameName(), { number: '4242424242424242' });
          open = true;
        }
        await answerNext(session!, answer);
        const events = record(el, OUTCOME_EVENT_NAMES);
        await frameClick(frameName(), '.mc-pay');
        await until(() => events.length > 0, 10_000, `an outcome for ${answer.name}`);
        seen.push(`${answer.name}: ${events.map((e) => e.name).join(',')}`);
        // Only a failed attempt leaves the form open for another try.
        if (answer.event !== 'payment-attempt-failed') {
          el.close();
          open = false;
        }
      }
    } finally {
      el.remove();
    }
    expect(seen).to.deep.equal(ANSWERS.map((a) => `${a.name}: ${a.event}`));
  });
});
