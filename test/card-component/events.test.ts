import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CardChange, CardField, ValidationError } from '../../src/protocol/card.js';
import { fillCard, frameEval, readyCard, record, typeInFrame, until } from '../support/helpers.js';

describe('<card-component> events and callbacks', () => {
  it('reports the brand in change as the number is typed, never the digits', async () => {
    const { el, frame } = await readyCard();
    const changes: CardChange[] = [];
    el.addEventListener('change', (e) => changes.push((e as CustomEvent<CardChange>).detail));
    await typeInFrame(frame, 'cardNumber', '4242');
    await until(() => changes.at(-1)?.brand === 'visa', 3000, 'brand visa');
    await typeInFrame(frame, 'cardNumber', '424242424242');
    await until(() => changes.at(-1)?.fields.cardNumber?.valid === true, 3000, 'number valid');
    const last = changes.at(-1)!;
    expect(last.fields.cardNumber).to.deep.equal({ empty: false, complete: true, valid: true });
    expect(last.complete).to.equal(false);
    expect(JSON.stringify(changes)).to.not.match(/4242/);
  });

  it('fires field-valid per field and form-complete once, on the event and the callback paths', async () => {
    const { el, frame } = await readyCard();
    const calls: string[] = [];
    el.onFormFieldValid = (field) => calls.push(`valid:${field}`);
    el.callbacks = { onFormComplete: () => calls.push('callbacks.complete') };
    el.onFormComplete = () => calls.push('complete');
    const events = record(el, ['field-valid', 'form-complete']);
    await fillCard(frame, { number: '4242424242424242' });
    await until(() => events.some((e) => e.name === 'form-complete'), 3000, 'form-complete');
    const validFields = events.filter((e) => e.name === 'field-valid').map((e) => (e.detail as { field: CardField }).field);
    expect(validFields).to.deep.equal(['cardNumber', 'expiryDate', 'cv2', 'cardName']);
    expect(calls).to.deep.equal(['valid:cardNumber', 'valid:expiryDate', 'valid:cv2', 'valid:cardName', 'complete', 'callbacks.complete']);
  });

  it('shows a validation error after blur, through validation-error and displayErrorsCallback', async () => {
    const { el, frame } = await readyCard();
    const displayed: ValidationError[][] = [];
    el.displayErrorsCallback = (errors) => displayed.push(errors);
    await typeInFrame(frame, 'cardNumber', '4242424242424241');
    const shown = oneEvent(el, 'validation-error');
    await typeInFrame(frame, 'expiryDate', '1');
    const { detail } = await shown;
    expect(detail.errors).to.deep.equal([{ errorType: 'cardNumberInvalid', field: 'cardNumber', message: detail.errors[0]!.message }]);
    expect(displayed.at(-1)).to.deep.equal(detail.errors);
  });

  it('uses errorMessages overrides in events', async () => {
    const { el, frame } = await readyCard();
    el.errorMessages = { cardNumberInvalid: 'That card number does not look right.' };
    await el.updateComplete;
    await typeInFrame(frame, 'cardNumber', '4242424242424241');
    const shown = oneEvent(el, 'validation-error');
    await typeInFrame(frame, 'expiryDate', '1');
    expect((await shown).detail.errors[0]!.message).to.equal('That card number does not look right.');
  });

  it('fires field-focus and field-blur (with formValid) and calls onBlur', async () => {
    const { el, frame } = await readyCard();
    const blurs: boolean[] = [];
    el.onBlur = (isValid) => blurs.push(isValid);
    const events = record(el, ['field-focus', 'field-blur']);
    await typeInFrame(frame, 'cardNumber', '4');
    await typeInFrame(frame, 'expiryDate', '1');
    await until(() => events.length >= 3, 3000, 'focus events');
    expect(events.slice(0, 3)).to.deep.equal([
      { name: 'field-focus', detail: { field: 'cardNumber' } },
      { name: 'field-blur', detail: { field: 'cardNumber', formValid: false } },
      { name: 'field-focus', detail: { field: 'expiryDate' } },
    ]);
    expect(blurs).to.deep.equal([false]);
  });

  it('fires submit-request and calls onSubmitTriggered when Enter is pressed in a field', async () => {
    const { el, frame } = await readyCard();
    let triggered = 0;
    el.onSubmitTriggered = () => triggered++;
    await typeInFrame(frame, 'cardNumber', '4242');
    const submit = oneEvent(el, 'submit-request');
    await sendKeys({ press: 'Enter' });
    await submit;
    expect(triggered).to.equal(1);
  });

  it('does not fire events because the page set a property', async () => {
    const { el } = await readyCard();
    const events = record(el, ['change', 'validation-error', 'field-valid', 'form-complete', 'ready', 'load-error']);
    el.text = { cardNumber: { label: 'Number on card' } };
    el.hideCardName = true;
    el.styles = { base: { default: { color: 'rgb(1, 2, 3)' } } };
    await el.updateComplete;
    await until(
      async () => await frameEval<boolean>(el.shadowRoot!.querySelector('iframe')!.name, `return !document.querySelector('#card-name')`),
      3000,
      'config applied',
    );
    expect(events).to.deep.equal([]);
  });

  it('clear() empties every field and reports an empty form', async () => {
    const { el, frame } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const changed = oneEvent(el, 'change');
    await el.clear();
    const { detail } = await changed;
    expect(detail.empty).to.equal(true);
    const values = await frameEval<string[]>(frame, `return [...document.querySelectorAll('input')].map((i) => i.value)`);
    expect(values.every((v) => v === '')).to.equal(true);
  });

  it('validate() shows every error and returns them', async () => {
    const { el } = await readyCard();
    const result = await el.validate();
    expect(result.valid).to.equal(false);
    expect(result.errors.map((e) => e.errorType)).to.deep.equal(['cardNumberRequired', 'expiryDateRequired', 'cv2Required', 'cardNameRequired']);
  });

  it('focus(field) moves focus into the frame, to that field', async () => {
    const { el, frame } = await readyCard();
    const focused = oneEvent(el, 'field-focus');
    el.focus('cv2');
    expect((await focused).detail.field).to.equal('cv2');
    expect(await frameEval<string>(frame, `return document.activeElement.id`)).to.equal('cv2');
  });
});

describe('<card-component> formatting in the frame', () => {
  const read = (frame: string) =>
    frameEval<{ value: string; caret: number | null }>(
      frame,
      `const i = document.querySelector('#card-number'); return { value: i.value, caret: i.selectionStart }`,
    );

  it('groups digits by brand as they are typed', async () => {
    const { frame } = await readyCard();
    await typeInFrame(frame, 'cardNumber', '378282246310005');
    expect((await read(frame)).value).to.equal('3782 822463 10005');
  });

  it('keeps the caret after the same digit when a digit is inserted mid-number', async () => {
    const { frame } = await readyCard();
    await typeInFrame(frame, 'cardNumber', '424242424242');
    await frameEval(frame, `document.querySelector('#card-number').setSelectionRange(6, 6)`); // "4242 4|2…"
    await typeInFrame(frame, 'cardNumber', '9');
    expect(await read(frame)).to.deep.equal({ value: '4242 4924 2424 2', caret: 7 });
  });

  it('normalizes a pasted spaced or dashed number', async () => {
    const { el, frame } = await readyCard();
    for (const pasted of ['4242 4242 4242 4242', '4242-4242-4242-4242']) {
      await frameEval(
        frame,
        `const i = document.querySelector('#card-number'); i.focus(); i.select(); document.execCommand('insertText', false, ${JSON.stringify(pasted)})`,
      );
      expect((await read(frame)).value).to.equal('4242 4242 4242 4242');
    }
    await until(() => el.complete === false, 1000, 'state');
  });

  it('formats the expiry as MM/YY', async () => {
    const { frame } = await readyCard();
    await typeInFrame(frame, 'expiryDate', '4');
    expect(await frameEval<string>(frame, `return document.querySelector('#expiry-date').value`)).to.equal('04/');
    await typeInFrame(frame, 'expiryDate', '30');
    expect(await frameEval<string>(frame, `return document.querySelector('#expiry-date').value`)).to.equal('04/30');
  });

  it('shows messages under the fields (show-validation is kept and harmless), and sets the iframe title from frame-title', async () => {
    const { el, frame } = await readyCard();
    el.setAttribute('frame-title', 'Card details, secure');
    el.showValidation = true;
    await el.updateComplete;
    await el.validate();
    await until(
      async () =>
        (await frameEval<number>(
          frame,
          `return [...document.querySelectorAll('.mc-error')].filter((e) => !e.hidden && e.offsetParent !== null && e.textContent.trim()).length`,
        )) === 4,
      3000,
      'visible messages',
    );
    expect(el.shadowRoot!.querySelector('iframe')!.title).to.equal('Card details, secure');
  });
});
