/**
 * `<card-component>` when the network fails mid-payment, through the real frame and the sandbox's
 * fault simulation: one test per fault. In each, the session is charged at most once, and the
 * page ends with a clear outcome or a clear error, never a pending promise, never a failure for a
 * session that is paid.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { TransactionResult } from '../../src/protocol/card.js';
import { PaymentError } from '../../src/core/payment-error.js';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import {
  TEST_KEY,
  addFault,
  clearFaults,
  fillCard,
  frameName,
  getSession,
  faultTaken,
  readyCard,
  record,
  until,
  type FaultSpec,
  type SandboxSession,
} from '../support/helpers.js';

const OUTCOME_EVENTS = ['payment-success', 'payment-attempt-failed', 'payment-failure', 'payment-unknown', 'payment-expired', 'payment-cancel'];

/** A ready card on a fresh session with `payment-timeout` 1.5 s, the card typed, and faults armed for that session only. */
async function cardWithFaults(...faults: Omit<FaultSpec, 'session_id'>[]) {
  const { el, session, frame } = await readyCard();
  el.paymentTimeout = 1500;
  await el.updateComplete;
  await fillCard(frame, { number: '4242424242424242' });
  const armed = [];
  for (const fault of faults) armed.push(await addFault({ ...fault, session_id: session.id }));
  const events = record(el, OUTCOME_EVENTS);
  return { el, session, frame, events, faults: armed };
}

/** The payment's outcome: its result, or the `PaymentError` it rejected with. */
async function settle(payment: Promise<TransactionResult>): Promise<{ result?: TransactionResult; error?: PaymentError; ms: number }> {
  const started = performance.now();
  try {
    return { result: await payment, ms: performance.now() - started };
  } catch (error) {
    return { error: error as PaymentError, ms: performance.now() - started };
  }
}

/** How many attempts the sandbox recorded as charged for the session: a completed session has exactly one. */
async function charged(session: SandboxSession): Promise<SandboxSession> {
  return getSession(session.id);
}

describe('<card-component> when the network fails mid-payment', () => {
  afterEach(() => clearFaults());

  it('no answer within payment-timeout (the provider never got it): rejects `timeout` once, nothing charged, Pay works again', async () => {
    const { el, session, events } = await cardWithFaults({ route: 'payments', fault: 'timeout', times: 20 });
    const { error, ms } = await settle(el.executePayment());
    expect(error).to.be.instanceOf(PaymentError);
    expect(error!.code).to.equal('timeout');
    expect(error!.message).to.match(/nothing was charged/);
    // The budget plus the provider's answer about the key: bounded, not three times 30 s.
    expect(ms).to.be.below(8000);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-failure']);
    expect((await charged(session)).status).to.equal('open');
    await clearFaults();
    const again = await el.executePayment();
    expect(again.statusCode).to.equal(0);
    expect((await charged(session)).status).to.equal('completed');
  });

  it('the answer is lost after the provider charged (connection dropped): resolves with the real success', async () => {
    const { el, session, events } = await cardWithFaults({ route: 'payments', fault: 'drop_after_charge', times: 20 });
    const { result, error } = await settle(el.executePayment());
    expect(error).to.equal(undefined);
    expect(result!.statusCode).to.equal(0);
    expect(result!.authCode).to.match(/^[A-Z0-9]{6}$/);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    const after = await charged(session);
    expect(after.status).to.equal('completed');
    expect(after.payment!.id).to.equal(result!.paymentId);
  });

  it('a proxy answers 502 after the provider charged: resolves with the real success, never statusCode 500', async () => {
    const { el, session, events } = await cardWithFaults({ route: 'payments', fault: 'error_after_charge', status: 502, times: 20 });
    const result = await el.executePayment();
    expect(result.statusCode).to.equal(0);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect((await charged(session)).payment!.id).to.equal(result.paymentId);
  });

  it('the provider answers 503 once: retried with the same key, one charge', async () => {
    const { el, session, events } = await cardWithFaults({ route: 'payments', fault: 'error', status: 503, times: 1 });
    const result = await el.executePayment();
    expect(result.statusCode).to.equal(0);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect((await charged(session)).status).to.equal('completed');
  });

  for (const status of [500, 502, 503] as const) {
    it(`the provider answers ${status} on every try: a failed attempt with a friendly message, nothing charged, Pay works again`, async () => {
      const { el, session, events } = await cardWithFaults({ route: 'payments', fault: 'error', status, times: 20 });
      const result = await el.executePayment();
      expect(result).to.include({ statusCode: 500, errorType: 'service_unavailable' });
      expect(result.message).to.match(/nothing was charged/);
      expect(events.map((e) => e.name)).to.deep.equal(['payment-attempt-failed']);
      expect((await charged(session)).status).to.equal('open');
      await clearFaults();
      expect((await el.executePayment()).statusCode).to.equal(0);
    });
  }

  it('the connection fails before the request reaches the provider: network_error, nothing charged, Pay works again', async () => {
    const { el, session, events } = await cardWithFaults({ route: 'payments', fault: 'reset', times: 20 });
    const { error } = await settle(el.executePayment());
    expect(error!.code).to.equal('network_error');
    expect(error!.message).to.match(/nothing was charged/);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-failure']);
    expect((await charged(session)).status).to.equal('open');
    await clearFaults();
    expect((await el.executePayment()).statusCode).to.equal(0);
  });

  it('charged, and the provider cannot be asked either: outcome_unknown and payment-unknown (never payment-failure); paymentStatus() tells the truth', async () => {
    const { el, session, events } = await cardWithFaults(
      { route: 'payments', fault: 'drop_after_charge', times: 20 },
      { route: 'payment_status', fault: 'reset', times: 50 },
    );
    const { error } = await settle(el.executePayment());
    expect(error!.code).to.equal('outcome_unknown');
    expect(events.map((e) => e.name)).to.deep.equal(['payment-unknown']);
    expect((events[0]!.detail as { code: string }).code).to.equal('outcome_unknown');
    expect((await charged(session)).status).to.equal('completed');
    await clearFaults();
    const status = await el.paymentStatus();
    expect(status).to.include({ sessionStatus: 'completed', paid: true, pending: false });
    expect(status.result!.statusCode).to.equal(0);
    expect(status.result!.authCode).to.match(/^[A-Z0-9]{6}$/);
  });

  it("after outcome_unknown, pressing Pay again reuses the unfinished attempt's key: the same success, never a second charge", async () => {
    const { el, session } = await cardWithFaults(
      { route: 'payments', fault: 'drop_after_charge', times: 20 },
      { route: 'payment_status', fault: 'reset', times: 50 },
    );
    expect((await settle(el.executePayment())).error!.code).to.equal('outcome_unknown');
    const paid = await charged(session);
    await clearFaults();
    const success = oneEvent(el, 'payment-success');
    const again = await el.executePayment();
    // The same key: the provider's stored answer (statusCode 0, the same payment), not a duplicate (20).
    expect(again.statusCode).to.equal(0);
    expect(again.paymentId).to.equal(paid.payment!.id);
    expect((await success).detail).to.deep.equal(again);
  });

  it('after outcome_unknown with a changed card, the unfinished attempt is settled first: its success, the new card never charged', async () => {
    const { el, session, frame } = await cardWithFaults(
      { route: 'payments', fault: 'drop_after_charge', times: 20 },
      { route: 'payment_status', fault: 'reset', times: 50 },
    );
    expect((await settle(el.executePayment())).error!.code).to.equal('outcome_unknown');
    const paid = await charged(session);
    await clearFaults();
    await el.clear();
    await fillCard(frame, { number: '5555555555554444' });
    const again = await el.executePayment();
    expect(again.statusCode).to.equal(0);
    expect(again.paymentId).to.equal(paid.payment!.id);
    expect((await charged(session)).payment!.id).to.equal(paid.payment!.id);
  });

  it('the element is removed mid-payment: `closed` and payment-unknown; the outcome is readable from the session and another element never charges twice', async () => {
    const { el, session, events, faults } = await cardWithFaults({ route: 'payments', fault: 'slow', delay_ms: 1200 });
    const payment = settle(el.executePayment());
    // The payment request reached the provider (it met the slow fault).
    await faultTaken(faults[0]!);
    el.remove();
    const { error } = await payment;
    expect(error!.code).to.equal('closed');
    expect(events.map((e) => e.name)).to.deep.equal(['payment-unknown']);
    // The request had reached the provider, which finishes it.
    await until(async () => (await charged(session)).status !== 'open', 5000, 'the provider to finish the payment');
    expect((await charged(session)).status).to.equal('completed');
    // A new element on the same session (a reloaded page): the truth, and no second charge.
    const next = document.createElement('card-component') as CardComponent;
    next.clientKey = TEST_KEY;
    next.clientToken = session.client_token;
    const ready = oneEvent(next, 'ready');
    document.body.append(next);
    await ready;
    try {
      expect(await next.paymentStatus()).to.include({ sessionStatus: 'completed', paid: true });
      await fillCard(frameName(next), { number: '4242424242424242' });
      const success = oneEvent(next, 'payment-success');
      const again = await next.executePayment();
      expect(again.statusCode).to.equal(20);
      expect(again.authCode).to.match(/^[A-Z0-9]{6}$/);
      await success;
    } finally {
      next.remove();
    }
  });

  it('a payment-timeout out of range is named on the console and the default applies', async () => {
    const { el } = await readyCard();
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      el.paymentTimeout = 50;
      await el.updateComplete;
      await until(() => warnings.length > 0, 2000, 'a warning');
    } finally {
      console.warn = original;
    }
    expect(warnings.some((w) => /payment-timeout "50" is not used/.test(w))).to.equal(true);
  });
});
