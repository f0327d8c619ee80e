import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import { TEST_KEY, createSession, fillCard, frameAxe, frameEval, frameName, readyCard, typeInFrame, until } from '../support/helpers.js';

describe('<card-component> accessibility', () => {
  it('passes axe on the host element', async () => {
    const { el } = await readyCard();
    await expect(el).to.be.accessible();
  });

  it('passes axe inside the frame, also with errors shown', async () => {
    const { el, frame } = await readyCard();
    expect(await frameAxe(frame)).to.deep.equal([]);
    el.showValidation = true;
    await el.updateComplete;
    await el.validate();
    expect(await frameAxe(frame)).to.deep.equal([]);
  });

  it('labels every field, ties errors to fields and announces them', async () => {
    const { el, frame } = await readyCard();
    const fields = await frameEval<{ id: string; label: string; autocomplete: string; inputmode: string | null }[]>(
      frame,
      `return [...document.querySelectorAll('input')].map((i) => ({ id: i.id, label: document.querySelector('label[for="' + i.id + '"]')?.textContent.trim() ?? '', autocomplete: i.getAttribute('autocomplete'), inputmode: i.getAttribute('inputmode') }))`,
    );
    expect(fields.map((f) => [f.id, f.autocomplete, f.inputmode])).to.deep.equal([
      ['card-number', 'cc-number', 'numeric'],
      ['expiry-date', 'cc-exp', 'numeric'],
      ['cv2', 'cc-csc', 'numeric'],
      ['card-name', 'cc-name', null],
    ]);
    expect(fields.every((f) => f.label.length > 0)).to.equal(true);
    await el.validate();
    const state = await frameEval<{ invalid: string | null; describedBy: string; live: string }>(
      frame,
      `const i = document.querySelector('#card-number'); const d = document.getElementById(i.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
       return { invalid: i.getAttribute('aria-invalid'), describedBy: d?.textContent ?? '', live: document.querySelector('[aria-live]')?.textContent ?? '' }`,
    );
    expect(state.invalid).to.equal('true');
    expect(state.describedBy).to.match(/card number/i);
    expect(state.live).to.match(/card number/i);
  });

  it('applies label and placeholder overrides from attributes and text', async () => {
    const session = await createSession();
    const el = await fixture<CardComponent>(html`<card-component
      client-key=${TEST_KEY}
      card-number-label="Long number"
      cv2-placeholder="3 digits"
      .text=${{ expiryDate: { label: 'Valid until', placeholder: 'MM/YY' } }}
    ></card-component>`);
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    const frame = frameName(el);
    const read = await frameEval<string[]>(
      frame,
      `return [document.querySelector('label[for=card-number]').textContent.trim(), document.querySelector('#cv2').placeholder, document.querySelector('label[for=expiry-date]').textContent.trim()]`,
    );
    expect(read).to.deep.equal(['Long number', '3 digits', 'Valid until']);
  });

  it('pays with the keyboard alone: Tab into the frame, type, Enter', async () => {
    const session = await createSession();
    const wrapper = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button><card-component client-key=${TEST_KEY}></card-component></div>`);
    const el = wrapper.querySelector('card-component')!;
    el.addEventListener('submit-request', () => void el.executePayment());
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    await until(
      async () => (await frameEval<string>(frameName(el), `return document.activeElement?.id ?? ''`)) === 'card-number',
      3000,
      'focus in the number field',
    );
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1234' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '123' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Ada Lovelace' });
    const success = oneEvent(el, 'payment-success');
    await sendKeys({ press: 'Enter' });
    expect((await success).detail.statusCode).to.equal(0);
  });
});

describe('<card-component> in a form', () => {
  it('is invalid until the card is complete, then valid', async () => {
    const session = await createSession();
    const form = await fixture<HTMLFormElement>(html`<form><card-component name="card" client-key=${TEST_KEY}></card-component></form>`);
    const el = form.querySelector('card-component')!;
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    expect(el.form).to.equal(form);
    expect(el.willValidate).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.equal('Enter your card details.');
    expect(el.complete).to.equal(false);
    const invalid = oneEvent(el, 'invalid');
    expect(el.reportValidity()).to.equal(false);
    await invalid;
    await fillCard(frameName(el), { number: '4242424242424242' });
    await until(() => form.checkValidity(), 3000, 'form validity');
    expect(el.checkValidity()).to.equal(true);
    expect(el.complete).to.equal(true);
    expect(el.validationMessage).to.equal('');
    expect([...new FormData(form).keys()]).to.deep.equal([]);
  });

  it('clears on form reset', async () => {
    const session = await createSession();
    const form = await fixture<HTMLFormElement>(html`<form><card-component client-key=${TEST_KEY}></card-component></form>`);
    const el = form.querySelector('card-component')!;
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    const frame = frameName(el);
    await typeInFrame(frame, 'cardNumber', '4242');
    form.reset();
    await until(async () => (await frameEval<string>(frame, `return document.querySelector('#card-number').value`)) === '', 3000, 'reset');
  });

  it('follows a disabled fieldset and the disabled attribute', async () => {
    const session = await createSession();
    const form = await fixture<HTMLFormElement>(html`<form><fieldset><card-component client-key=${TEST_KEY}></card-component></fieldset></form>`);
    const el = form.querySelector('card-component')!;
    const ready = oneEvent(el, 'ready');
    el.clientToken = session.client_token;
    await ready;
    const frame = frameName(el);
    const disabled = () => frameEval<boolean>(frame, `return [...document.querySelectorAll('input')].every((i) => i.disabled)`);
    form.querySelector('fieldset')!.disabled = true;
    await until(disabled, 3000, 'disabled by fieldset');
    form.querySelector('fieldset')!.disabled = false;
    await until(async () => !(await disabled()), 3000, 'enabled');
    el.disabled = true;
    await until(disabled, 3000, 'disabled by attribute');
  });

  it('hides the cardholder name with hide-card-name and pays without it', async () => {
    const { el, frame } = await readyCard({ hideCardName: true });
    expect(await frameEval<boolean>(frame, `return document.querySelector('#card-name') === null`)).to.equal(true);
    await fillCard(frame, { number: '4242424242424242', name: null });
    expect((await el.executePayment()).statusCode).to.equal(0);
  });
});
