import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import type { TransactionResult } from '../../src/protocol/card.js';
import { TEST_KEY, createSession, frameClick, frameEval, frameName, getSession, record, until } from '../support/helpers.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { BUTTON, openSheet, readButton, readyWallet, sheetFields, sheetOpen } from './helpers.js';

/**
 * A fixed wait, for want of a signal: the frame's button acts only once its visibility observer
 * (IntersectionObserver v2, at most one report per 100 ms) has seen it shown, and that verdict
 * never leaves the frame. Where a test may click more than once, `clickUntil` is faster.
 */
const visibilityReported = () => new Promise((resolve) => setTimeout(resolve, 300));

const typeInSheet = (frame: string, selector: string, text: string) => executeServerCommand('frame-type', { frame, selector, text });

describe('<wallet-button> config flags reach the sandbox sheet', () => {
  const CASES: { name: string; props: Record<string, boolean>; fields: string[] }[] = [
    { name: 'no flags: only the card choice', props: {}, fields: [] },
    { name: 'email-required: the email field', props: { emailRequired: true }, fields: ['wallet-email'] },
    {
      name: 'billing-address-required: the billing address',
      props: { billingAddressRequired: true },
      fields: ['billing-address1', 'billing-address2', 'billing-city', 'billing-postcode', 'billing-country'],
    },
    {
      name: 'shipping-address-required: the shipping name and address',
      props: { shippingAddressRequired: true },
      fields: ['shipping-name', 'shipping-address1', 'shipping-address2', 'shipping-city', 'shipping-postcode', 'shipping-country'],
    },
  ];
  for (const c of CASES) {
    it(c.name, async () => {
      const { frame } = await readyWallet(c.props);
      await openSheet(frame);
      expect(await sheetFields(frame)).to.deep.equal(c.fields);
      const cards = await frameEval<string[]>(frame, `return [...document.querySelectorAll('input[name=card]')].map((i) => i.value)`);
      expect(cards).to.deep.equal(['tok_sandbox_visa', 'tok_sandbox_mastercard', 'tok_sandbox_declined']);
    });
  }

  it('takes the flags from attributes as well', async () => {
    const session = await createSession();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><wallet-button client-key=${TEST_KEY} email-required shipping-address-required></wallet-button></div>`,
    );
    const el = wrapper.querySelector('wallet-button')!;
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    const frame = frameName(el);
    await openSheet(frame);
    const fields = await sheetFields(frame);
    expect(fields).to.include('wallet-email');
    expect(fields).to.include('shipping-name');
    expect(fields.some((f) => f.startsWith('billing-'))).to.equal(false);
  });

  it('shows the session amount on the Pay button', async () => {
    const { frame } = await readyWallet();
    await openSheet(frame);
    expect(await frameEval<string>(frame, `return document.querySelector('#sheet-pay').textContent`)).to.equal('Pay £10.00');
  });
});

describe('<wallet-button> paying with the sandbox wallet', function () {
  // Whole payments through a sheet with several typed fields: room for a busy machine.
  this.timeout(30_000);
  it('pays: payment-initiated, then payment-success and paymentComplete with the result; the session completes', async () => {
    const initiated: unknown[] = [];
    const completed: TransactionResult[] = [];
    const { el, frame, session } = await readyWallet({
      emailRequired: true,
      onPaymentInitiated: (d) => initiated.push(d),
      paymentComplete: (r) => completed.push(r),
    });
    const events = record(el, ['payment-initiated', 'payment-success', 'payment-attempt-failed', 'payment-failure', 'payment-cancel']);
    await openSheet(frame);
    expect(initiated).to.deep.equal([{ wallet: 'sandbox' }]);
    await typeInSheet(frame, '#wallet-email', 'ada@example.com');
    const success = oneEvent(el, 'payment-success');
    await frameClick(frame, '#sheet-pay');
    const result = (await success).detail as TransactionResult;
    expect(result.statusCode).to.equal(0);
    expect(result.authCode).to.match(/^[A-Z0-9]{6}$/);
    expect(completed).to.deep.equal([result]);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-initiated', 'payment-success']);
    const after = await getSession(session.id);
    expect(after.status).to.equal('completed');
    expect(after.payment!.id).to.equal(result.paymentId);
    expect(await sheetOpen(frame)).to.equal(false);
    await until(async () => !(await readButton(frame)).disabled, 3000, 'the button to be enabled again');
  });

  it('declined card: payment-attempt-failed with statusCode 5; the session stays open', async () => {
    const { el, frame, session } = await readyWallet();
    await openSheet(frame);
    await frameClick(frame, 'input[value=tok_sandbox_declined]');
    const failed = oneEvent(el, 'payment-attempt-failed');
    await frameClick(frame, '#sheet-pay');
    expect(((await failed).detail as TransactionResult).statusCode).to.equal(5);
    const after = await getSession(session.id);
    expect(after.status).to.equal('open');
    expect(after.failed_attempts).to.equal(1);
  });

  it('cancel: payment-cancel and onPaymentCancelled; nothing is charged', async () => {
    let cancelled = 0;
    const { el, frame, session } = await readyWallet({ onPaymentCancelled: () => cancelled++ });
    const outcomes = record(el, ['payment-success', 'payment-attempt-failed', 'payment-failure']);
    await openSheet(frame);
    const cancel = oneEvent(el, 'payment-cancel');
    await frameClick(frame, '#sheet-cancel');
    await cancel;
    expect(cancelled).to.equal(1);
    expect(outcomes).to.deep.equal([]);
    expect(await sheetOpen(frame)).to.equal(false);
    const after = await getSession(session.id);
    expect(after.status).to.equal('open');
    expect(after.payment).to.equal(null);
  });

  it('a double click starts one payment, and a double click on Pay charges once', async () => {
    const { el, frame, session } = await readyWallet();
    const events = record(el, ['payment-initiated', 'payment-success', 'payment-failure', 'payment-attempt-failed']);
    // The button acts only once the frame's visibility observer has seen it shown (it reports every 100 ms).
    await visibilityReported();
    await frameEval(frame, `const b = document.querySelector('${BUTTON}'); b.click(); b.click(); return true`);
    await until(() => sheetOpen(frame), 3000, 'the sheet');
    expect(await frameEval<number>(frame, `return document.querySelectorAll('#wallet-sheet').length`)).to.equal(1);
    const success = oneEvent(el, 'payment-success');
    await frameEval(frame, `const p = document.querySelector('#sheet-pay'); p.click(); p.click(); return true`);
    await success;
    // Nothing more: one payment.
    await quietWindow(300);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-initiated', 'payment-success']);
    const after = await getSession(session.id);
    expect(after.status).to.equal('completed');
    expect(after.failed_attempts).to.equal(0);
  });

  it('a click while the sheet is open does nothing', async () => {
    const { el, frame } = await readyWallet();
    const initiated = record(el, ['payment-initiated']);
    await openSheet(frame);
    await frameEval(frame, `document.querySelector('${BUTTON}').click(); return true`);
    // The click must start nothing.
    await quietWindow(200);
    expect(initiated).to.have.length(1);
  });

  it('does not pay with a missing or malformed email: it shows the error on the field', async () => {
    const { el, frame, session } = await readyWallet({ emailRequired: true });
    const outcomes = record(el, ['payment-success', 'payment-attempt-failed', 'payment-failure']);
    await openSheet(frame);
    await typeInSheet(frame, '#wallet-email', 'not-an-email');
    await frameClick(frame, '#sheet-pay');
    await until(
      async () => (await frameEval<string | null>(frame, `return document.querySelector('#wallet-email').getAttribute('aria-invalid')`)) === 'true',
      3000,
      'the email error',
    );
    const state = await frameEval<{ invalid: string | null; error: string; focused: string }>(
      frame,
      `const i = document.querySelector('#wallet-email'); return { invalid: i.getAttribute('aria-invalid'), error: document.getElementById(i.getAttribute('aria-describedby')).textContent, focused: document.activeElement.id }`,
    );
    expect(state).to.deep.equal({ invalid: 'true', error: 'Enter an email address, like name@example.com.', focused: 'wallet-email' });
    // No payment may follow.
    await quietWindow(200);
    expect(outcomes).to.deep.equal([]);
    expect((await getSession(session.id)).payment).to.equal(null);
  });

  it('pays with billing and shipping details filled in', async () => {
    const { el, frame, session } = await readyWallet({ billingAddressRequired: true, shippingAddressRequired: true });
    await openSheet(frame);
    for (const [selector, text] of [
      ['#billing-address1', '1 Main St'],
      ['#billing-city', 'London'],
      ['#billing-postcode', 'N1 1AA'],
      ['#shipping-name', 'Ada Lovelace'],
      ['#shipping-address1', '2 High St'],
      ['#shipping-city', 'Leeds'],
      ['#shipping-postcode', 'LS1 1AA'],
    ]) {
      await typeInSheet(frame, selector!, text!);
    }
    const success = oneEvent(el, 'payment-success');
    await frameClick(frame, '#sheet-pay');
    await success;
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it('opens the sheet over the page: nothing on the page moves, and the button comes back after', async () => {
    const { el, frame, wrapper } = await readyWallet({ emailRequired: true, billingAddressRequired: true });
    const below = document.createElement('p');
    below.textContent = 'or pay by card';
    wrapper.append(below);
    const closed = el.getBoundingClientRect().height;
    const belowTop = below.getBoundingClientRect().top;
    await openSheet(frame);
    expect(el.hasAttribute('sheet-open')).to.equal(true);
    expect(el.getBoundingClientRect().height).to.equal(closed);
    expect(below.getBoundingClientRect().top).to.equal(belowTop);
    // This test is about the layout, not the pointer: cancel through the DOM.
    await frameEval(frame, `document.querySelector('#sheet-cancel').click(); return true`);
    await until(async () => !(await sheetOpen(frame)), 3000, 'the sheet to close');
    await until(
      () => !el.hasAttribute('sheet-open') && Math.abs(el.shadowRoot!.querySelector('iframe')!.getBoundingClientRect().height - closed) <= 1,
      5000,
      'the button to come back',
    );
    expect(below.getBoundingClientRect().top).to.equal(belowTop);
  });

  it('does nothing while disabled', async () => {
    const { el, frame } = await readyWallet();
    const initiated = record(el, ['payment-initiated']);
    el.disabled = true;
    await until(async () => (await readButton(frame)).disabled, 3000, 'the frame button to be disabled');
    await frameEval(frame, `document.querySelector('${BUTTON}').click(); return true`);
    // The click must start nothing.
    await quietWindow(200);
    expect(initiated).to.deep.equal([]);
    expect(await sheetOpen(frame)).to.equal(false);
    el.disabled = false;
    await until(async () => !(await readButton(frame)).disabled, 3000, 'the frame button to be enabled');
  });
});

describe('<wallet-button> session expiry', () => {
  it('fires payment-expired, not payment-failure, when the session expired before the wallet paid', async () => {
    const session = await createSession({ extra: { expires_in: 3 } });
    const el = document.createElement('wallet-button');
    el.clientKey = TEST_KEY;
    el.clientToken = session.client_token;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const ready = oneEvent(el, 'ready');
    wrapper.append(el);
    await ready;
    const frame = frameName(el);
    await openSheet(frame);
    const exp = JSON.parse(atob(session.client_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number };
    await until(() => Date.now() > exp.exp * 1000 + 100, 5000, 'the session to expire');
    const events = record(el, ['payment-expired', 'payment-failure']);
    await frameEval(frame, `document.querySelector('#sheet-pay').click(); return true`);
    await until(() => events.length > 0, 5000, 'an outcome');
    expect(events.map((e) => e.name)).to.deep.equal(['payment-expired']);
    expect((await getSession(session.id)).payment).to.equal(null);
  });
});
