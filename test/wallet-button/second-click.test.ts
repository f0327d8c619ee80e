import { expect, oneEvent } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import type { TransactionResult } from '../../src/protocol/card.js';
import { frameClick, frameEval, getSession, record } from '../support/helpers.js';
import { BUTTON, openSheet, readyWallet, sheetOpen } from './helpers.js';

/** Where the (hidden) wallet button is in the frame, and what a click there hits. */
const underButton = (frame: string) =>
  frameEval<{ hit: string }>(
    frame,
    `const r = document.querySelector('${BUTTON}').getBoundingClientRect();
     const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
     return { hit: el ? (el.id || el.className) : '' }`,
  );

describe('<wallet-button>: pressing the button again while its sheet is open', function () {
  this.timeout(30_000);

  it('keeps the sheet open (no cancel, no second payment), and Pay still pays once', async () => {
    const { el, frame, session } = await readyWallet();
    const events = record(el, ['payment-initiated', 'payment-cancel', 'payment-success', 'payment-attempt-failed', 'payment-failure']);
    await openSheet(frame);
    // The button is hidden under the sheet's backdrop: a click where it is lands on the backdrop.
    expect((await underButton(frame)).hit).to.equal('mw-backdrop');
    await frameClick(frame, BUTTON);
    // The click must neither cancel nor start a second payment.
    await quietWindow(300);
    expect(await sheetOpen(frame), 'the sheet stays open').to.equal(true);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-initiated']);
    // Still the customer's sheet: focus is in it.
    expect(await frameEval<boolean>(frame, `return document.querySelector('#wallet-sheet').contains(document.activeElement)`)).to.equal(true);

    const success = oneEvent(el, 'payment-success');
    await frameClick(frame, '#sheet-pay');
    const result = (await success).detail as TransactionResult;
    expect(result.statusCode).to.equal(0);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-initiated', 'payment-success']);
    const after = await getSession(session.id);
    expect(after.status).to.equal('completed');
    expect(after.payment!.id).to.equal(result.paymentId);
  });

  it('a double click on the button opens the sheet once and leaves it open', async () => {
    const { el, frame } = await readyWallet();
    const events = record(el, ['payment-initiated', 'payment-cancel']);
    await Promise.all([frameClick(frame, BUTTON), frameClick(frame, BUTTON)]);
    await openSheet(frame).catch(() => undefined); // waits for the overlay (a third click lands on the backdrop over the button too)
    expect(await sheetOpen(frame)).to.equal(true);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-initiated']);
  });

  it('a click on the backdrop away from the button still cancels', async () => {
    const { el, frame } = await readyWallet();
    await openSheet(frame);
    const cancelled = oneEvent(el, 'payment-cancel');
    await frameEval(
      frame,
      `const b = document.querySelector('.mw-backdrop'); const r = document.querySelector('${BUTTON}').getBoundingClientRect();
       b.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + r.width / 2, clientY: innerHeight - 5 })); return true;`,
    );
    await cancelled;
    expect(await sheetOpen(frame)).to.equal(false);
  });
});
