import { expect } from '@open-wc/testing';
import { firstError, luhn } from '../../src/frame/form/validators.js';
import {
  countryRequired,
  emailInvalid,
  postcodeRequired,
  required,
  tooLong,
  type DetailsContext,
  type DetailsRule,
} from '../../src/frame/form/details-rules.js';
import { errorMessage } from '../../src/frame/form/messages.js';
import { nextShown, updateShown, type ShownState } from '../../src/frame/form/shown.js';
import { FieldView } from '../../src/frame/form/field-view.js';
import { LiveRegion } from '../../src/frame/form/live-region.js';

describe('form kit: rules', () => {
  it('checks Luhn', () => {
    expect(luhn('4242424242424242')).to.equal(true);
    expect(luhn('4242424242424241')).to.equal(false);
    expect(luhn('79927398713')).to.equal(true);
    expect(luhn('0')).to.equal(true);
  });

  const email: DetailsRule[] = [required('emailRequired'), tooLong, emailInvalid];
  const ctx: DetailsContext = { maxLength: 20 };
  it('reports the first rule a value breaks, in list order', () => {
    expect(firstError(email, '', ctx)).to.equal('emailRequired');
    expect(firstError(email, 'ada@example', ctx)).to.equal('emailInvalid');
    expect(firstError(email, 'a.very.long.name@example.com', ctx)).to.equal('tooLong');
    expect(firstError(email, 'ada@example.com', ctx)).to.equal(null);
  });

  it('asks for a postcode only where the chosen country has them', () => {
    const noPostcode = new Set(['IE']);
    expect(postcodeRequired.execute('', { maxLength: 20, country: 'GB', noPostcode })).to.equal(true);
    expect(postcodeRequired.execute('', { maxLength: 20, country: 'IE', noPostcode })).to.equal(false);
    expect(postcodeRequired.execute('D02', { maxLength: 20, country: 'GB', noPostcode })).to.equal(false);
  });

  it('refuses an empty or unknown country', () => {
    const knownCountry = (code: string) => code === 'GB';
    expect(countryRequired.execute('', { maxLength: 2, knownCountry })).to.equal(true);
    expect(countryRequired.execute('XX', { maxLength: 2, knownCountry })).to.equal(true);
    expect(countryRequired.execute('GB', { maxLength: 2, knownCountry })).to.equal(false);
  });

  it('takes a message from overrides when not blank, else from the dictionary', () => {
    const dictionary = { a: 'Dictionary A', b: 'Dictionary B' };
    expect(errorMessage('a', { a: 'Mine' }, dictionary)).to.equal('Mine');
    expect(errorMessage('a', { a: '  ' }, dictionary)).to.equal('Dictionary A');
    expect(errorMessage('b', undefined, dictionary)).to.equal('Dictionary B');
  });
});

describe('form kit: the shown-error rule', () => {
  const state = (dirty: boolean, shown: string | null): ShownState<string> => ({ dirty, shown });
  it('shows nothing new while typing ("punish late")', () => {
    expect(nextShown(state(true, null), 'bad', 'input', true)).to.equal(null);
  });
  it('shows the error on blur after an edit, only on that field', () => {
    expect(nextShown(state(true, null), 'bad', 'blur', true)).to.equal('bad');
    expect(nextShown(state(true, null), 'bad', 'blur', false)).to.equal(null);
    expect(nextShown(state(false, null), 'bad', 'blur', true)).to.equal(null);
  });
  it('shows every error on submit', () => {
    expect(nextShown(state(false, null), 'bad', 'validate', false)).to.equal('bad');
  });
  it('hides a shown error as soon as the value is right ("reward early") and follows a changed one', () => {
    expect(nextShown(state(true, 'bad'), null, 'input', true)).to.equal(null);
    expect(nextShown(state(true, 'bad'), 'worse', 'input', true)).to.equal('worse');
  });
  it('clears everything and resets dirty on clear, and returns only fresh errors', () => {
    const a = state(true, 'bad');
    const b = state(true, null);
    expect(updateShown<string, ShownState<string>>([a, b], () => 'bad', 'validate')).to.deep.equal([b]);
    expect(updateShown<string, ShownState<string>>([a, b], () => 'bad', 'clear')).to.deep.equal([]);
    expect([a, b]).to.deep.equal([state(false, null), state(false, null)]);
  });
});

describe('form kit: field view and live region', () => {
  it('ties label, input and message together and shows or hides the message', () => {
    const view = new FieldView(document, { id: 'email', autocomplete: 'email', type: 'email', required: true, icon: false });
    document.body.append(view.container);
    try {
      view.setLabel('Email');
      expect(view.label.htmlFor).to.equal('email');
      expect(view.input).to.include({ type: 'email', dir: 'ltr', name: 'email' });
      expect(view.input.getAttribute('aria-required')).to.equal('true');
      view.showError('Enter an email address.');
      expect(view.input.getAttribute('aria-invalid')).to.equal('true');
      expect(view.input.getAttribute('aria-describedby')).to.equal('email-error');
      expect(view.error).to.include({ hidden: false, textContent: 'Enter an email address.' });
      view.hideMessage(true);
      expect(view.error.classList.contains('mc-visually-hidden')).to.equal(true);
      view.showError(null);
      expect(view.input.getAttribute('aria-invalid')).to.equal('false');
      expect(view.input.hasAttribute('aria-describedby')).to.equal(false);
      expect(view.error.hidden).to.equal(true);
      expect(view.container.classList.contains('is-error')).to.equal(false);
    } finally {
      view.container.remove();
    }
  });

  it('builds a select when asked, with the icon as a separate mark', () => {
    const view = new FieldView<HTMLSelectElement>(document, { id: 'country', autocomplete: 'country', type: 'select' });
    expect(view.input.tagName).to.equal('SELECT');
    view.showError('Select a country.');
    expect(view.error.querySelector('.mc-error-icon')!.getAttribute('aria-hidden')).to.equal('true');
    expect(view.error.querySelector('.mc-error-text')!.textContent).to.equal('Select a country.');
  });

  it('announces politely, and the same text twice still changes the region', () => {
    const region = new LiveRegion(document);
    expect(region.element.getAttribute('aria-live')).to.equal('polite');
    expect(region.element.getAttribute('role')).to.equal('status');
    region.announce('Hello');
    expect(region.element.textContent).to.equal('Hello');
    region.announce('Hello');
    expect(region.element.textContent).to.equal('Hello\u00a0');
    region.announce('');
    expect(region.element.textContent).to.equal('Hello\u00a0');
  });
});
