/**
 * `Moment(key).checkout()` when the network fails mid-payment, through the real checkout frame
 * and the sandbox's fault simulation.
 */
import { expect } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import { Moment } from '../../src/moment.js';
import {
  TEST_KEY,
  addFault,
  clearFaults,
  createSession,
  fillCard,
  frameClick,
  frameEval,
  getSession,
  record,
  until,
  type SandboxSession,
} from '../support/helpers.js';

const PAY_BUTTON = '#checkout-pay';
const OUTCOME_EVENTS = ['payment-success', 'payment-failure', 'payment-attempt-failed', 'payment-cancel', 'payment-expired', 'payment-unknown'];

async function launched(session: SandboxSession) {
  const calls: string[] = [];
  const checkout = Moment(TEST_KEY, { paymentTimeout: 1500 }).checkout({
    fetchClientToken: async () => session.client_token,
    onSuccess: () => void calls.push('onSuccess'),
    onFailure: () => void calls.push('onFailure'),
    onAttemptFailed: () => void calls.push('onAttemptFailed'),
  });
  const events = record(checkout.element, OUTCOME_EVENTS);
  await checkout.launch();
  const frame = checkout.element.shadowRoot!.querySelector('iframe')!.name;
  await fillCard(frame, { number: '4242424242424242' });
  const pay = async () => {
    await until(() => frameEval<boolean>(frame, `const b = document.querySelector('${PAY_BUTTON}'); return !!b && !b.disabled;`), 5000, 'the pay button');
    await frameClick(frame, PAY_BUTTON);
  };
  const cleanup = () => {
    checkout.close();
    checkout.element.remove();
  };
  return { checkout, frame, events, calls, pay, cleanup };
}

describe('the checkout when the network fails mid-payment', () => {
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    cleanup?.();
    await clearFaults();
  });

  it('the answer is lost after the provider charged: payment-success and onSuccess, once', async () => {
    const session = await createSession();
    const c = await launched(session);
    cleanup = c.cleanup;
    await addFault({ route: 'payments', fault: 'drop_after_charge', times: 20, session_id: session.id });
    await c.pay();
    await until(() => c.events.length > 0, 10_000, 'an outcome');
    // Nothing more: one outcome.
    await quietWindow(300);
    expect(c.events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect(c.calls).to.deep.equal(['onSuccess']);
    expect((await getSession(session.id)).status).to.equal('completed');
    // The stable hooks end-to-end tests use: the phase on <main>, the outcome area.
    expect(await frameEval<string>(c.frame, `return document.querySelector('main').dataset.phase`)).to.equal('closed');
    expect(await frameEval<string>(c.frame, `return document.querySelector('#checkout-state').textContent`)).to.match(/\S/);
  });

  it('the provider answers 503 on every try: a failed attempt with a friendly message; Pay works again, one charge', async () => {
    const session = await createSession();
    const c = await launched(session);
    cleanup = c.cleanup;
    await addFault({ route: 'payments', fault: 'error', status: 503, times: 20, session_id: session.id });
    await c.pay();
    await until(() => c.events.length > 0, 10_000, 'an outcome');
    expect(c.events.map((e) => e.name)).to.deep.equal(['payment-attempt-failed']);
    expect(await frameEval<string>(c.frame, `return document.body.textContent`)).to.match(/nothing was charged/);
    await clearFaults();
    await c.pay();
    await until(() => c.events.length > 1, 10_000, 'the second outcome');
    expect(c.events.map((e) => e.name)).to.deep.equal(['payment-attempt-failed', 'payment-success']);
    expect(c.calls).to.deep.equal(['onAttemptFailed', 'onSuccess']);
  });

  it('charged, and neither the payment nor the session can be read: payment-unknown, never a failure; Pay again gives the same success', async () => {
    const session = await createSession();
    const c = await launched(session);
    cleanup = c.cleanup;
    await addFault({ route: 'payments', fault: 'drop_after_charge', times: 20, session_id: session.id });
    await addFault({ route: 'payment_status', fault: 'reset', times: 50, session_id: session.id });
    await addFault({ route: 'session', fault: 'reset', times: 50, session_id: session.id });
    await c.pay();
    await until(() => c.events.length > 0, 15_000, 'an outcome');
    expect(c.events.map((e) => e.name)).to.deep.equal(['payment-unknown']);
    expect(c.calls).to.deep.equal([]);
    const paid = await getSession(session.id);
    expect(paid.status).to.equal('completed');
    await clearFaults();
    await c.pay();
    await until(() => c.events.length > 1, 10_000, 'the second outcome');
    expect(c.events.map((e) => e.name)).to.deep.equal(['payment-unknown', 'payment-success']);
    expect((c.events[1]!.detail as { paymentId: string }).paymentId).to.equal(paid.payment!.id);
    expect(c.calls).to.deep.equal(['onSuccess']);
  });
});
