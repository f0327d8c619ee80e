/**
 * `<wallet-button>` when the network fails mid-payment, through the real frame, the sandbox
 * wallet's sheet and the sandbox's fault simulation.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { TransactionResult } from '../../src/protocol/card.js';
import { addFault, clearFaults, frameClick, getSession, record, until } from '../support/helpers.js';
import { openSheet, readyWallet, sheetOpen } from '../wallet-button/helpers.js';

const OUTCOME_EVENTS = ['payment-success', 'payment-attempt-failed', 'payment-failure', 'payment-unknown'];

describe('<wallet-button> when the network fails mid-payment', () => {
  afterEach(() => clearFaults());

  it('the answer is lost after the provider charged: payment-success with the real result', async () => {
    const { el, frame, session } = await readyWallet();
    await addFault({ route: 'payments', fault: 'drop_after_charge', times: 20, session_id: session.id });
    const events = record(el, OUTCOME_EVENTS);
    await openSheet(frame);
    const success = oneEvent(el, 'payment-success');
    await frameClick(frame, '#sheet-pay');
    const result = (await success).detail as TransactionResult;
    expect(result.statusCode).to.equal(0);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect((await getSession(session.id)).payment!.id).to.equal(result.paymentId);
  });

  it('the provider answers 503 on every try: payment-attempt-failed with a friendly message, nothing charged', async () => {
    const { el, frame, session } = await readyWallet();
    el.paymentTimeout = 1500;
    await el.updateComplete;
    await addFault({ route: 'payments', fault: 'error', status: 503, times: 20, session_id: session.id });
    await openSheet(frame);
    const failed = oneEvent(el, 'payment-attempt-failed');
    await frameClick(frame, '#sheet-pay');
    const result = (await failed).detail as TransactionResult;
    expect(result).to.include({ statusCode: 500, errorType: 'service_unavailable' });
    expect(result.message).to.match(/nothing was charged/);
    expect((await getSession(session.id)).status).to.equal('open');
  });

  it('charged and the provider cannot be asked: payment-unknown, never payment-failure; paymentStatus() says paid', async () => {
    const { el, frame, session } = await readyWallet();
    el.paymentTimeout = 1500;
    await el.updateComplete;
    await addFault({ route: 'payments', fault: 'drop_after_charge', times: 20, session_id: session.id });
    await addFault({ route: 'payment_status', fault: 'reset', times: 50, session_id: session.id });
    const events = record(el, OUTCOME_EVENTS);
    await openSheet(frame);
    const unknown = oneEvent(el, 'payment-unknown');
    await frameClick(frame, '#sheet-pay');
    expect(((await unknown).detail as { code: string }).code).to.equal('outcome_unknown');
    expect(events.map((e) => e.name)).to.deep.equal(['payment-unknown']);
    expect((await getSession(session.id)).status).to.equal('completed');
    await clearFaults();
    const status = await el.paymentStatus();
    expect(status).to.include({ sessionStatus: 'completed', paid: true, pending: false });
    expect(status.result!.statusCode).to.equal(0);
    await until(async () => !(await sheetOpen(frame)), 3000, 'the sheet to close');
  });

  it('no answer within payment-timeout and never received: payment-attempt-failed, nothing charged', async () => {
    const { el, frame, session } = await readyWallet();
    el.paymentTimeout = 1500;
    await el.updateComplete;
    await addFault({ route: 'payments', fault: 'timeout', times: 20, session_id: session.id });
    await openSheet(frame);
    const failed = oneEvent(el, 'payment-attempt-failed');
    await frameClick(frame, '#sheet-pay');
    const result = (await failed).detail as TransactionResult;
    expect(result.message).to.match(/did not answer in time, and nothing was charged/);
    expect((await getSession(session.id)).status).to.equal('open');
  });
});
