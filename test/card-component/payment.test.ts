import { expect, oneEvent } from '@open-wc/testing';
import type { TransactionResult } from '../../src/protocol/card.js';
import { PaymentError } from '../../src/core/payment-error.js';
import { challengeClick, createSession, fillCard, frameName, getSession, readyCard, record, until } from '../support/helpers.js';

const OUTCOMES: { card: string; cvv?: string; statusCode: number; event: string; authCode: boolean }[] = [
  { card: '4242424242424242', statusCode: 0, event: 'payment-success', authCode: true },
  { card: '5555555555554444', statusCode: 0, event: 'payment-success', authCode: true },
  { card: '378282246310005', cvv: '1234', statusCode: 0, event: 'payment-success', authCode: true },
  { card: '4000000000000002', statusCode: 5, event: 'payment-attempt-failed', authCode: false },
  { card: '4000000000009995', statusCode: 5, event: 'payment-attempt-failed', authCode: false },
  { card: '4000000000000127', statusCode: 4, event: 'payment-attempt-failed', authCode: false },
  { card: '4000000000000119', statusCode: 30, event: 'payment-attempt-failed', authCode: false },
  { card: '6011111111111117', statusCode: 0, event: 'payment-success', authCode: true },
];

describe('<card-component> executePayment()', () => {
  for (const o of OUTCOMES) {
    it(`resolves statusCode ${o.statusCode} and fires ${o.event} for ${o.card}`, async () => {
      const { el, frame, session } = await readyCard();
      await fillCard(frame, { number: o.card, cvv: o.cvv ?? '123' });
      const event = oneEvent(el, o.event);
      const result = await el.executePayment();
      expect(result.statusCode).to.equal(o.statusCode);
      expect(Boolean(result.authCode)).to.equal(o.authCode);
      expect(result.message).to.be.a('string').and.not.empty;
      expect((await event).detail).to.deep.equal(result);
      const after = await getSession(session.id);
      expect(after.status).to.equal(o.statusCode === 0 ? 'completed' : 'open');
    });
  }

  it('opens the 3-D Secure challenge inside the frame; passing it succeeds', async () => {
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4000000000003220' });
    const before = el.getBoundingClientRect().height;
    const payment = el.executePayment();
    await until(() => el.getBoundingClientRect().height > before + 100, 8000, 'the frame to grow for the challenge');
    await challengeClick(frame, 'button[value="pass"], #pass');
    const result = await payment;
    expect(result.statusCode).to.equal(0);
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it('declines when the 3-D Secure challenge fails', async () => {
    const { el, frame } = await readyCard();
    await fillCard(frame, { number: '4000000000003220' });
    const payment = el.executePayment();
    await challengeClick(frame, 'button[value="fail"], #fail');
    const result = await payment;
    expect(result.statusCode).to.equal(5);
  });

  it('fires payment-cancel, not payment-attempt-failed, when the customer cancels the 3-D Secure challenge, and can pay again', async () => {
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4000000000003220' });
    const events = record(el, ['payment-cancel', 'payment-attempt-failed', 'payment-failure']);
    const payment = el.executePayment();
    await challengeClick(frame, 'button[value="cancel"], #cancel');
    const result = await payment;
    expect(result.cancelled).to.equal(true);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-cancel']);
    expect((await getSession(session.id)).status).to.equal('open');
    const again = el.executePayment();
    await challengeClick(frame, 'button[value="pass"], #pass');
    expect((await again).statusCode).to.equal(0);
  });

  it('returns the same promise to a second call while a payment runs, and charges once', async () => {
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const successes = record(el, ['payment-success']);
    const first = el.executePayment();
    const second = el.executePayment();
    expect(second).to.equal(first);
    await first;
    expect(successes).to.have.length(1);
    const after = await getSession(session.id);
    expect(after.status).to.equal('completed');
  });

  it('answers a new payment on a paid session with statusCode 20 and the original authCode (a success, never payment-failure), never a second charge', async () => {
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const paid = await el.executePayment();
    expect(paid.statusCode).to.equal(0);
    const events = record(el, ['payment-success', 'payment-failure', 'payment-attempt-failed']);
    const again = await el.executePayment();
    expect(again.statusCode).to.equal(20);
    expect(again.authCode).to.equal(paid.authCode);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect((await getSession(session.id)).payment!.id).to.equal(paid.paymentId);
  });

  it('rejects with the validation errors when the form is invalid, and shows them', async () => {
    const { el, frame } = await readyCard();
    await fillCard(frame, { number: '4242424242424241', expiry: '01/20', cvv: '1' });
    const shown = oneEvent(el, 'validation-error');
    let error: unknown;
    try {
      await el.executePayment();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(PaymentError);
    const types = (error as PaymentError).errors.map((e) => e.errorType).sort();
    expect((error as PaymentError).code).to.equal('validation_failed');
    expect(types).to.deep.equal(['cardNumberInvalid', 'cv2Invalid', 'expiryDateMustBeInFuture']);
    expect((await shown).detail.errors.map((e: { errorType: string }) => e.errorType).sort()).to.deep.equal(types);
  });

  it('rejects before ready with code not_ready', async () => {
    const el = document.createElement('card-component');
    let error: unknown;
    await el.executePayment().catch((e: unknown) => (error = e));
    expect((error as PaymentError).code).to.equal('not_ready');
  });

  it('settles a running payment with code closed when the element is removed, and leaves no iframe', async () => {
    const { el, frame } = await readyCard();
    await fillCard(frame, { number: '4000000000003220' }); // waits on a challenge: still running
    const payment = el.executePayment();
    await until(() => el.getBoundingClientRect().height > 300, 8000, 'the challenge');
    el.remove();
    let error: unknown;
    await payment.catch((e: unknown) => (error = e));
    expect((error as PaymentError).code).to.equal('closed');
    expect((error as PaymentError).message).to.match(/outcome is unknown: call paymentStatus\(\)/);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(0);
  });

  it('passes additionalInfo to the provider', async () => {
    const { el, frame } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const result: TransactionResult = await el.executePayment({
      userEmailAddress: 'ada@example.com',
      billingAddress: { address1: '1 Main St', city: 'London', postcode: 'N1 1AA', countryCode: '826' },
      metaData: { orderId: '42' },
    });
    expect(result.statusCode).to.equal(0);
  });
});

describe('<card-component> session expiry', () => {
  it('fires payment-expired once the provider says the session has expired, and resolves with its answer', async () => {
    const session = await createSession({ extra: { expires_in: 2 } });
    const el = document.createElement('card-component');
    el.clientKey = 'pk_test_moment';
    el.clientToken = session.client_token;
    const ready = oneEvent(el, 'ready');
    document.body.append(el);
    try {
      await ready;
      await fillCard(frameName(el), { number: '4242424242424242' });
      await until(() => readClientTokenExpiry(session.client_token) < Date.now(), 4000, 'token expiry');
      const expired = oneEvent(el, 'payment-expired');
      const result = await el.executePayment();
      expect(result).to.include({ statusCode: 401, errorType: 'session_expired' });
      expect((await expired).detail.message).to.match(/expired/);
      expect((await getSession(session.id)).payment).to.equal(null);
    } finally {
      el.remove();
    }
  });
});

function readClientTokenExpiry(token: string): number {
  const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number };
  return payload.exp * 1000;
}
