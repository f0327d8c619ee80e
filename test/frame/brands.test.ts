import { expect } from '@open-wc/testing';
import { detectBrand } from '../../src/frame/card/brands.js';
import { cardNumberInvalid, cv2Invalid, type ValidationContext } from '../../src/frame/form/validators.js';

const context = (digits: string): ValidationContext => ({ brand: detectBrand(digits), now: new Date(2030, 0, 15) });
const numberIsValid = (digits: string) => !cardNumberInvalid.execute(digits, context(digits));

describe('brand detection', () => {
  const cases: [string, string, string][] = [
    ['Visa', '4242424242424242', 'visa'],
    ['Visa (13-digit prefix)', '4111111111111111', 'visa'],
    ['Mastercard 51', '5105105105105100', 'mastercard'],
    ['Mastercard 55', '5555555555554444', 'mastercard'],
    ['Mastercard 2221 (2-series start)', '2221000000000009', 'mastercard'],
    ['Mastercard 2720 (2-series end)', '2720990000000007', 'mastercard'],
    ['American Express 34', '343434343434343', 'american-express'],
    ['American Express 37', '378282246310005', 'american-express'],
    ['Discover', '6011111111111117', 'discover'],
    ['Diners Club', '36227206271667', 'diners-club'],
    ['Diners Club 300-305', '30569309025904', 'diners-club'],
    ['JCB', '3566002020360505', 'jcb'],
    ['UnionPay', '6200000000000005', 'unionpay'],
    ['Maestro', '6759649826438453', 'maestro'],
  ];
  for (const [name, number, brand] of cases) {
    it(`detects ${name} as ${brand}`, () => {
      expect(detectBrand(number)?.brand).to.equal(brand);
    });
  }

  it('detects a brand from the first digits while typing', () => {
    expect(detectBrand('42')?.brand).to.equal('visa');
    expect(detectBrand('51')?.brand).to.equal('mastercard');
    expect(detectBrand('2221')?.brand).to.equal('mastercard');
    expect(detectBrand('37')?.brand).to.equal('american-express');
  });

  it('reports no brand while the prefix is ambiguous or unknown', () => {
    expect(detectBrand('')).to.equal(null);
    expect(detectBrand('3')).to.equal(null);
    expect(detectBrand('9999')).to.equal(null);
  });

  it('does not take 2721 or 56 for Mastercard', () => {
    expect(detectBrand('2721')?.brand).to.not.equal('mastercard');
    expect(detectBrand('5600')?.brand).to.not.equal('mastercard');
  });
});

describe('card number validation (Luhn and brand lengths)', () => {
  const cases: [string, string, boolean][] = [
    ['a Visa with a good check digit', '4242424242424242', true],
    ['a Visa with a bad check digit', '4242424242424241', false],
    ['a Mastercard with a bad check digit', '5555555555554445', false],
    ['an Amex of 15 digits', '378282246310005', true],
    ['an Amex of 16 digits', '3782822463100050', false],
    ['a Visa of 15 digits', '424242424242424', false],
    ['a Diners Club of 14 digits', '36227206271667', true],
    ['a number of an unknown brand', '9999999999999995', false],
    ['a Visa of 19 digits', '4242424242424242428', true],
  ];
  for (const [name, number, valid] of cases) {
    it(`${valid ? 'accepts' : 'refuses'} ${name}`, () => {
      expect(numberIsValid(number)).to.equal(valid);
    });
  }
});

describe('security code length per brand', () => {
  const cases: [string, string, number][] = [
    ['Visa', '4242424242424242', 3],
    ['Mastercard', '5555555555554444', 3],
    ['American Express', '378282246310005', 4],
    ['Discover', '6011111111111117', 3],
    ['Diners Club', '36227206271667', 3],
    ['JCB', '3566002020360505', 3],
    ['UnionPay', '6200000000000005', 3],
    ['Maestro', '6759649826438453', 3],
  ];
  for (const [name, number, size] of cases) {
    it(`expects ${size} digits for ${name}`, () => {
      expect(detectBrand(number)?.cvvSize).to.equal(size);
      expect(cv2Invalid.execute('1234'.slice(0, size), context(number))).to.equal(false);
      expect(cv2Invalid.execute('12345'.slice(0, size === 3 ? 4 : 3), context(number))).to.equal(true);
    });
  }
});

describe('brand detection agrees with credit-card-type', () => {
  // The frame bundles only the package's brand table; its matching must give the package's answer.
  it('for every prefix of up to five digits and for whole test numbers', async () => {
    const { default: creditCardType } = (await import('credit-card-type')) as { default: (digits: string) => { niceType: string }[] };
    const expected = (digits: string) => {
      const found = creditCardType(digits);
      return found.length === 1 ? found[0]!.niceType : null;
    };
    const inputs = [
      '4242424242424242',
      '378282246310005',
      '6200000000000005',
      '2221000000000009',
      '6759649826438453',
      '5066991111111118',
      '6062826786276634',
      '9792000000000000',
    ];
    for (let n = 0; n < 100_000; n++) inputs.push(String(n), String(n).padStart(5, '0'));
    const wrong = inputs.filter((digits) => (detectBrand(digits)?.name ?? null) !== expected(digits));
    expect(wrong.slice(0, 5)).to.deep.equal([]);
  });
});
