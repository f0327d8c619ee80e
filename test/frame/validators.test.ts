import { expect } from '@open-wc/testing';
import { VALIDATION_ERROR_TYPES, type CardField, type ValidationErrorType } from '../../src/protocol/card.js';
import { detectBrand } from '../../src/frame/card/brands.js';
import { parseExpiry } from '../../src/frame/card/format.js';
import { errorMessage as lookUp } from '../../src/frame/form/messages.js';
import { CARD_VALIDATORS, validateField, type CardModel } from '../../src/frame/form/validators.js';
import { EN_CARD } from '../../src/frame/i18n/index.js';

const DEFAULT_ERROR_MESSAGES = EN_CARD.cardErrors;
const errorMessage = (type: ValidationErrorType, overrides: Partial<Record<ValidationErrorType, string>> = {}) =>
  lookUp(type, overrides, DEFAULT_ERROR_MESSAGES);

const NOW = new Date(2030, 5, 15); // 15 June 2030
const validModel: CardModel = {
  cardNumber: '4242424242424242',
  expiryDate: parseExpiry('12/31'),
  cv2: '123',
  cardName: 'Ada Lovelace',
};
function errorOf(field: CardField, patch: Partial<CardModel>): ValidationErrorType | null {
  const model = { ...validModel, ...patch };
  return validateField(field, model, { brand: detectBrand(model.cardNumber), now: NOW });
}

describe('expiry date validation', () => {
  it('treats the current month as a valid expiry', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('06/30') })).to.equal(null);
  });
  it('reports last month as expiryDateMustBeInFuture', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('05/30') })).to.equal('expiryDateMustBeInFuture');
  });
  it('reports last year as expiryDateMustBeInFuture', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('12/29') })).to.equal('expiryDateMustBeInFuture');
  });
  it('reports month 13 as expiryDateInvalid', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('13/30') })).to.equal('expiryDateInvalid');
  });
  it('reports month 00 as expiryDateInvalid', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('00/31') })).to.equal('expiryDateInvalid');
  });
  it('reports a half-typed date as expiryDateInvalid', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('12/3') })).to.equal('expiryDateInvalid');
  });
  it('reports a date more than 20 years ahead as expiryDateInvalid', () => {
    expect(errorOf('expiryDate', { expiryDate: parseExpiry('01/99') })).to.equal('expiryDateInvalid');
  });
});

describe('the nine validation error types', () => {
  const cases: [ValidationErrorType, CardField, Partial<CardModel>][] = [
    ['cardNameRequired', 'cardName', { cardName: '' }],
    ['cardNameInvalid', 'cardName', { cardName: '4242 4242' }],
    ['cardNumberRequired', 'cardNumber', { cardNumber: '' }],
    ['cardNumberInvalid', 'cardNumber', { cardNumber: '4242424242424241' }],
    ['expiryDateRequired', 'expiryDate', { expiryDate: parseExpiry('') }],
    ['expiryDateInvalid', 'expiryDate', { expiryDate: parseExpiry('13/30') }],
    ['expiryDateMustBeInFuture', 'expiryDate', { expiryDate: parseExpiry('01/30') }],
    ['cv2Required', 'cv2', { cv2: '' }],
    ['cv2Invalid', 'cv2', { cv2: '12' }],
  ];

  it('covers exactly the protocol error types', () => {
    expect(CARD_VALIDATORS.map((v) => v.type).sort()).to.deep.equal([...VALIDATION_ERROR_TYPES].sort());
    expect(cases.map(([type]) => type).sort()).to.deep.equal([...VALIDATION_ERROR_TYPES].sort());
  });

  for (const [type, field, patch] of cases) {
    it(`reports ${type} on ${field}`, () => {
      expect(errorOf(field, patch)).to.equal(type);
    });
    it(`has a default English message for ${type}`, () => {
      expect(errorMessage(type)).to.equal(DEFAULT_ERROR_MESSAGES[type]);
      expect(errorMessage(type)).to.match(/^[A-Z].+\.$/);
    });
    it(`lets errorMessages override the message for ${type}`, () => {
      expect(errorMessage(type, { [type]: `Custom ${type}` })).to.equal(`Custom ${type}`);
    });
  }

  it('ignores a blank override', () => {
    expect(errorMessage('cv2Invalid', { cv2Invalid: '  ' })).to.equal(DEFAULT_ERROR_MESSAGES.cv2Invalid);
  });

  it('reports cv2Invalid for a 3-digit code on an Amex card and a 4-digit code on a Visa', () => {
    expect(errorOf('cv2', { cardNumber: '378282246310005', cv2: '123' })).to.equal('cv2Invalid');
    expect(errorOf('cv2', { cardNumber: '378282246310005', cv2: '1234' })).to.equal(null);
    expect(errorOf('cv2', { cardNumber: '4242424242424242', cv2: '1234' })).to.equal('cv2Invalid');
  });

  it('finds no error in a complete valid card', () => {
    for (const field of ['cardNumber', 'expiryDate', 'cv2', 'cardName'] as const) expect(errorOf(field, {})).to.equal(null);
  });
});
