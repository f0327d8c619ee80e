import { expect } from '@open-wc/testing';
import type { CardEventDetail, CardEventName, CardFrameConfig } from '../../src/protocol/messages.js';
import { BridgeError } from '../../src/protocol/port.js';
import { CardFields, type CardFieldsOptions } from '../../src/frame/card/card-fields.js';
import { EN_CARD } from '../../src/frame/i18n/index.js';

const DEFAULT_ERROR_MESSAGES = EN_CARD.cardErrors;

type Emitted = { name: CardEventName; detail: unknown };
let container: HTMLDivElement;
let fields: CardFields;
let events: Emitted[];

function mount(config: Partial<CardFrameConfig> = {}, options: CardFieldsOptions = {}): CardFields {
  container = document.createElement('div');
  document.body.append(container);
  events = [];
  fields = new CardFields(
    container,
    { clientToken: 'tok_test', ...config },
    {
      emit: <E extends CardEventName>(name: E, detail: CardEventDetail<E>) => void events.push({ name, detail }),
      now: () => new Date(2030, 5, 15),
      ...options,
    },
  );
  return fields;
}
const input = (id: string) => container.querySelector<HTMLInputElement>(`#${id}`)!;
function type(id: string, value: string, inputType = 'insertText'): void {
  const el = input(id);
  el.value = value;
  el.dispatchEvent(new InputEvent('input', { inputType, bubbles: true }));
}
const blur = (id: string) => input(id).dispatchEvent(new FocusEvent('blur'));
const named = (name: CardEventName) => events.filter((e) => e.name === name).map((e) => e.detail);
function fillValid(): void {
  type('card-number', '4242424242424242');
  type('expiry-date', '1231');
  type('cv2', '123');
  type('card-name', 'Ada Lovelace');
}

afterEach(() => {
  fields?.destroy();
  container?.remove();
});

describe('card fields: structure', () => {
  it('puts every field in one novalidate form so autofill fills them at once', () => {
    mount();
    const forms = container.querySelectorAll('form');
    expect(forms.length).to.equal(1);
    expect(forms[0]!.noValidate).to.equal(true);
    expect(forms[0]!.querySelectorAll('input').length).to.equal(4);
  });

  const attributes: [string, string, string | null][] = [
    ['card-number', 'cc-number', 'numeric'],
    ['expiry-date', 'cc-exp', 'numeric'],
    ['cv2', 'cc-csc', 'numeric'],
    ['card-name', 'cc-name', null],
  ];
  for (const [id, autocomplete, inputmode] of attributes) {
    it(`gives #${id} autocomplete="${autocomplete}", inputmode ${inputmode ?? 'unset'}, no autocorrect or spellcheck`, () => {
      mount();
      const el = input(id);
      expect(el.getAttribute('autocomplete')).to.equal(autocomplete);
      expect(el.getAttribute('inputmode')).to.equal(inputmode);
      expect(el.getAttribute('autocorrect')).to.equal('off');
      expect(el.getAttribute('spellcheck')).to.equal('false');
      expect(el.type).to.equal('text');
    });
    it(`labels #${id} with a visible <label for>`, () => {
      mount();
      const label = container.querySelector<HTMLLabelElement>(`label[for="${id}"]`)!;
      expect(label).to.exist;
      expect(label.textContent!.trim()).to.not.equal('');
      expect(label.getBoundingClientRect().height).to.be.greaterThan(1);
      expect(input(id).labels![0]).to.equal(label);
    });
  }

  it('uses the default labels, with "Security code" for the CVV', () => {
    mount();
    expect(container.querySelector('label[for="cv2"]')!.textContent).to.equal('Security code');
    expect(container.querySelector('label[for="card-number"]')!.textContent).to.equal('Card number');
  });

  it('takes labels and placeholders from text config and ignores an empty placeholder', () => {
    mount({ text: { cardNumber: { label: 'Numéro de carte', placeholder: '' }, cv2: { label: 'CVC', placeholder: '3 digits' } } });
    expect(container.querySelector('label[for="card-number"]')!.textContent).to.equal('Numéro de carte');
    expect(input('card-number').placeholder).to.equal('1234 1234 1234 1234');
    expect(input('cv2').placeholder).to.equal('3 digits');
  });

  it('omits the cardholder name when hideCardName is set', () => {
    mount({ hideCardName: true });
    expect(input('card-name')).to.equal(null);
    expect(fields.state.fields.cardName).to.equal(undefined);
  });

  it('adds and removes the name field in place without losing typed values', () => {
    mount();
    type('card-number', '4242424242424242');
    fields.setConfig({ clientToken: 'tok_test', hideCardName: true });
    expect(input('card-name')).to.equal(null);
    expect(input('card-number').value).to.equal('4242 4242 4242 4242');
    fields.setConfig({ clientToken: 'tok_test', hideCardName: false });
    expect(input('card-name')).to.exist;
    expect(container.querySelectorAll('.mc-field')[3]!.contains(input('card-name'))).to.equal(true);
  });

  it('disables every input when the config says disabled', () => {
    mount({ disabled: true });
    for (const el of container.querySelectorAll('input')) expect(el.disabled).to.equal(true);
    fields.setConfig({ clientToken: 'tok_test', disabled: false });
    for (const el of container.querySelectorAll('input')) expect(el.disabled).to.equal(false);
  });

  it('shows the detected brand as a hidden-from-AT icon plus visually-hidden text', () => {
    mount();
    type('card-number', '3782');
    const icon = container.querySelector('.mc-brand')!;
    expect(icon.getAttribute('aria-hidden')).to.equal('true');
    expect(icon.getAttribute('data-brand')).to.equal('american-express');
    expect(container.querySelector('#card-brand')!.textContent).to.equal('American Express');
  });

  it('is accessible', async () => {
    mount();
    await expect(container).to.be.accessible();
  });
});

describe('card fields: formatting while typing', () => {
  it('formats the card number with brand gaps', () => {
    mount();
    type('card-number', '378282246310005');
    expect(input('card-number').value).to.equal('3782 822463 10005');
  });
  it('formats the expiry as MM/YY', () => {
    mount();
    type('expiry-date', '4');
    expect(input('expiry-date').value).to.equal('04/');
  });
  it('lets backspace remove the expiry slash', () => {
    mount();
    type('expiry-date', '12');
    expect(input('expiry-date').value).to.equal('12/');
    type('expiry-date', '12', 'deleteContentBackward');
    expect(input('expiry-date').value).to.equal('12');
  });
});

describe('card fields: showing errors', () => {
  it('does not show an error while the customer is still typing', () => {
    mount();
    type('card-number', '4242');
    expect(input('card-number').getAttribute('aria-invalid')).to.equal('false');
    expect(input('card-number').hasAttribute('aria-describedby')).to.equal(false);
    expect(named('validation-error')).to.deep.equal([]);
  });

  it('shows the error after the field is blurred following input', () => {
    mount();
    type('card-number', '4242');
    blur('card-number');
    const el = input('card-number');
    expect(el.getAttribute('aria-invalid')).to.equal('true');
    expect(el.getAttribute('aria-describedby')).to.equal('card-number-error');
    const message = container.querySelector('#card-number-error')!;
    expect(message.textContent).to.contain(DEFAULT_ERROR_MESSAGES.cardNumberInvalid);
    expect(container.querySelector('[role="status"][aria-live="polite"]')!.textContent).to.contain(DEFAULT_ERROR_MESSAGES.cardNumberInvalid);
    expect(named('validation-error')).to.deep.equal([
      { errors: [{ errorType: 'cardNumberInvalid', message: DEFAULT_ERROR_MESSAGES.cardNumberInvalid, field: 'cardNumber' }] },
    ]);
  });

  it('does not show an error when a field is only focused and left', () => {
    mount();
    blur('card-number');
    expect(input('card-number').getAttribute('aria-invalid')).to.equal('false');
    expect(named('validation-error')).to.deep.equal([]);
  });

  it('hides a shown error as soon as the field becomes valid, and says so with an empty list', () => {
    mount();
    type('card-number', '4242');
    blur('card-number');
    type('card-number', '4242424242424242');
    expect(input('card-number').getAttribute('aria-invalid')).to.equal('false');
    expect(input('card-number').hasAttribute('aria-describedby')).to.equal(false);
    expect(named('validation-error').at(-1)).to.deep.equal({ errors: [] });
  });

  it('hides the message text only for a field whose text.showValidation is false; true is harmless', () => {
    mount({ text: { cardNumber: { showValidation: true }, expiryDate: { showValidation: false } } });
    type('card-number', '4242');
    blur('card-number');
    type('expiry-date', '13/30');
    blur('expiry-date');
    expect(container.querySelector('#card-number-error')!.classList.contains('mc-visually-hidden')).to.equal(false);
    expect(container.querySelector('#expiry-date-error')!.classList.contains('mc-visually-hidden')).to.equal(true);
    expect(input('expiry-date').getAttribute('aria-describedby')).to.equal('expiry-date-error');
  });

  it('uses errorMessages overrides', () => {
    mount({ errorMessages: { cardNumberRequired: 'Card number please' } });
    const { errors } = fields.validate();
    expect(errors[0]).to.deep.equal({ errorType: 'cardNumberRequired', message: 'Card number please', field: 'cardNumber' });
  });

  it('validate() shows every error, emits validation-error and reports validity', () => {
    mount();
    const result = fields.validate();
    expect(result.valid).to.equal(false);
    expect(result.errors.map((e) => e.errorType)).to.deep.equal(['cardNumberRequired', 'expiryDateRequired', 'cv2Required', 'cardNameRequired']);
    for (const id of ['card-number', 'expiry-date', 'cv2', 'card-name']) expect(input(id).getAttribute('aria-invalid')).to.equal('true');
    expect(named('validation-error')).to.deep.equal([{ errors: result.errors }]);
  });

  it('clear() empties every field, hides errors and emits change', () => {
    mount();
    fillValid();
    fields.validate();
    type('cv2', '1');
    blur('cv2');
    events = [];
    fields.clear();
    for (const el of container.querySelectorAll('input')) expect(el.value).to.equal('');
    expect(input('cv2').getAttribute('aria-invalid')).to.equal('false');
    expect(named('change')).to.have.length(1);
    expect(named('validation-error')).to.deep.equal([{ errors: [] }]);
  });
});

describe('card fields: events', () => {
  it('emits masked change state and never a value, digits or last four', () => {
    mount();
    fillValid();
    const last = named('change').at(-1);
    expect(last).to.deep.equal({
      brand: 'visa',
      empty: false,
      complete: true,
      valid: true,
      fields: {
        cardNumber: { empty: false, complete: true, valid: true },
        expiryDate: { empty: false, complete: true, valid: true },
        cv2: { empty: false, complete: true, valid: true },
        cardName: { empty: false, complete: true, valid: true },
      },
    });
    const all = JSON.stringify(events);
    for (const secret of ['4242', '424242', '12/31', '1231', '"123"', 'Ada']) expect(all).to.not.contain(secret);
  });

  it('emits field-valid when a field turns valid and form-complete once the whole form is', () => {
    mount();
    fillValid();
    expect(named('field-valid')).to.deep.equal([{ field: 'cardNumber' }, { field: 'expiryDate' }, { field: 'cv2' }, { field: 'cardName' }]);
    expect(named('form-complete')).to.deep.equal([{}]);
    type('card-name', 'Ada Lovelace B');
    expect(named('form-complete')).to.have.length(1);
  });

  it('emits field-focus and field-blur with the form validity', () => {
    mount();
    input('cv2').dispatchEvent(new FocusEvent('focus'));
    blur('cv2');
    expect(named('field-focus')).to.deep.equal([{ field: 'cv2' }]);
    expect(named('field-blur')).to.deep.equal([{ field: 'cv2', formValid: false }]);
  });

  it('turns Enter in a field into submit-request without submitting the form', () => {
    mount();
    let submitted = false;
    container.querySelector('form')!.addEventListener('submit', () => (submitted = true));
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    input('expiry-date').dispatchEvent(enter);
    expect(enter.defaultPrevented).to.equal(true);
    expect(submitted).to.equal(false);
    expect(named('submit-request')).to.deep.equal([{}]);
  });

  it('focus(null) focuses the first field with an error, else the first field', () => {
    mount();
    fields.focus(null);
    expect(document.activeElement).to.equal(input('card-number'));
    type('card-number', '4242424242424242');
    fields.focus(null);
    expect(document.activeElement).to.equal(input('expiry-date'));
    fields.focus('cardName');
    expect(document.activeElement).to.equal(input('card-name'));
  });
});

describe('card fields: executePayment', () => {
  it('rejects an invalid form with validation_failed, shows every error and emits validation-error', async () => {
    mount();
    type('card-number', '4242424242424242');
    const error = await fields.executePayment({ idempotencyKey: 'key_12345678' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('validation_failed');
    expect((error as BridgeError).errors!.map((e) => e.errorType)).to.deep.equal(['expiryDateRequired', 'cv2Required', 'cardNameRequired']);
    expect(JSON.stringify(error)).to.not.contain('4242');
    expect((error as Error).message).to.not.contain('4242');
    expect(named('validation-error')).to.have.length(1);
  });

  it('posts the parsed card with the client token and idempotency key, with the inputs disabled meanwhile', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    mount(
      {},
      {
        apiOrigin: 'https://frames.test',
        payment: {
          fetch: async (url, init) => {
            requests.push({ url: String(url), init: init! });
            await gate;
            return new Response(JSON.stringify({ id: 'pay_1', status: 'succeeded', statusCode: 0, authCode: 'A1', message: 'Approved' }), { status: 200 });
          },
        },
      },
    );
    fillValid();
    const first = fields.executePayment({ idempotencyKey: 'key_12345678', additionalInfo: { userEmailAddress: 'a@b.c' } });
    const second = fields.executePayment({ idempotencyKey: 'key_other_123' });
    expect(second).to.equal(first);
    await Promise.resolve();
    for (const el of container.querySelectorAll('input')) expect(el.disabled).to.equal(true);
    release();
    expect(await first).to.deep.equal({ statusCode: 0, message: 'Approved', paymentId: 'pay_1', authCode: 'A1' });
    for (const el of container.querySelectorAll('input')) expect(el.disabled).to.equal(false);
    expect(requests).to.have.length(1);
    const { url, init } = requests[0]!;
    expect(url).to.equal('https://frames.test/v1/payments');
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).to.equal('Bearer tok_test');
    expect(headers['Idempotency-Key']).to.equal('key_12345678');
    expect(JSON.parse(init.body as string)).to.deep.equal({
      card: { number: '4242424242424242', expiryMonth: 12, expiryYear: 2031, cvv: '123', name: 'Ada Lovelace' },
      additionalInfo: { userEmailAddress: 'a@b.c' },
    });
  });
});
