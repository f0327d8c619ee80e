import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TEST_KEY, createSession, frameAxe, frameEval, frameName, getSession, until } from '../support/helpers.js';
import { BUTTON, openSheet, readyWallet, sheetOpen } from './helpers.js';

const activeId = (frame: string) =>
  frameEval<string>(frame, `return document.activeElement?.id || document.activeElement?.getAttribute('name') || document.activeElement?.tagName`);

describe('<wallet-button> accessibility', () => {
  it('passes axe on the host element', async () => {
    const { el } = await readyWallet();
    await expect(el).to.be.accessible();
  });

  it('passes axe inside the frame on the button, black and white', async () => {
    const { el, frame } = await readyWallet({ buttonType: 'buy' });
    expect(await frameAxe(frame)).to.deep.equal([]);
    el.buttonColor = 'white';
    await until(async () => frameEval<boolean>(frame, `return document.querySelector('${BUTTON}').classList.contains('mw-white')`), 3000, 'white');
    expect(await frameAxe(frame)).to.deep.equal([]);
  });

  it('passes axe inside the frame on the open sheet, also with errors shown', async () => {
    const { frame } = await readyWallet({ emailRequired: true, billingAddressRequired: true, shippingAddressRequired: true });
    await openSheet(frame);
    expect(await frameAxe(frame)).to.deep.equal([]);
    await frameEval(frame, `document.querySelector('#sheet-pay').click(); return true`);
    expect(await frameAxe(frame)).to.deep.equal([]);
  });

  it('passes axe on the unavailable button (show-unavailable)', async () => {
    const { frame } = await readyWallet({ sandboxWallets: 'none', showUnavailable: true });
    expect(await frameAxe(frame)).to.deep.equal([]);
  });

  it('the sheet is a labelled dialog; focus moves into it', async () => {
    const { frame } = await readyWallet({ emailRequired: true });
    await openSheet(frame);
    const dialog = await frameEval<{ role: string | null; label: string; focusedInside: boolean }>(
      frame,
      `const s = document.querySelector('#wallet-sheet'); return { role: s.getAttribute('role'), label: document.getElementById(s.getAttribute('aria-labelledby')).textContent, focusedInside: s.contains(document.activeElement) }`,
    );
    expect(dialog).to.deep.equal({ role: 'dialog', label: 'Sandbox Pay', focusedInside: true });
  });

  it('works with the keyboard alone: Tab to the button (focus ring), Enter opens the sheet, Escape cancels', async () => {
    const session = await createSession();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><button id="before">Before</button><wallet-button client-key=${TEST_KEY}></wallet-button></div>`,
    );
    const el = wrapper.querySelector('wallet-button')!;
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    const frame = frameName(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    await until(async () => (await activeId(frame)) === 'wallet-button', 3000, 'focus on the wallet button');
    const ring = await frameEval<{ style: string; width: string }>(
      frame,
      `const s = getComputedStyle(document.querySelector('${BUTTON}')); return { style: s.outlineStyle, width: s.outlineWidth }`,
    );
    expect(ring).to.deep.equal({ style: 'solid', width: '3px' });

    const initiated = oneEvent(el, 'payment-initiated');
    await sendKeys({ press: 'Enter' });
    await initiated;
    await until(() => sheetOpen(frame), 3000, 'the sheet');
    expect(await activeId(frame)).to.equal('card');

    // Tab stays inside the sheet: card → Cancel → Pay → card.
    await sendKeys({ press: 'Tab' });
    expect(await activeId(frame)).to.equal('sheet-cancel');
    await sendKeys({ press: 'Tab' });
    expect(await activeId(frame)).to.equal('sheet-pay');
    await sendKeys({ press: 'Tab' });
    expect(await activeId(frame)).to.equal('card');

    const cancel = oneEvent(el, 'payment-cancel');
    await sendKeys({ press: 'Escape' });
    await cancel;
    expect(await sheetOpen(frame)).to.equal(false);
    await until(async () => (await activeId(frame)) === 'wallet-button', 3000, 'focus back on the button');
    expect((await getSession(session.id)).payment).to.equal(null);
  });

  it('pays with the keyboard alone', async () => {
    const { el, frame, session } = await readyWallet();
    await frameEval(frame, `document.querySelector('${BUTTON}').focus(); return true`);
    await openSheet(frame);
    await sendKeys({ press: 'ArrowDown' }); // the Mastercard
    expect(await frameEval<string>(frame, `return document.querySelector('input[name=card]:checked').value`)).to.equal('tok_sandbox_mastercard');
    const success = oneEvent(el, 'payment-success');
    await sendKeys({ press: 'Enter' }); // submits the sheet's form
    expect((await success).detail.statusCode).to.equal(0);
    expect((await getSession(session.id)).status).to.equal('completed');
  });
});
