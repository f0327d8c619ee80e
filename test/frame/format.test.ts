import { expect } from '@open-wc/testing';
import { deleteAcrossSeparator, formatCardNumber, formatCvv, formatExpiry, parseCardNumber, parseExpiry } from '../../src/frame/card/format.js';

describe('card number formatting', () => {
  const cases: [string, string, string][] = [
    ['Visa in groups 4-4-4-4', '4242424242424242', '4242 4242 4242 4242'],
    ['Amex in groups 4-6-5', '378282246310005', '3782 822463 10005'],
    ['Diners Club in groups 4-6-4', '36227206271667', '3622 720627 1667'],
    ['Mastercard in groups 4-4-4-4', '5555555555554444', '5555 5555 5555 4444'],
    ['a partial number', '42424', '4242 4'],
    ['an Amex cut at 15 digits', '3782822463100051234', '3782 822463 10005'],
    ['a Visa cut at 19 digits', '42424242424242424242', '4242 4242 4242 4242424'],
  ];
  for (const [name, raw, value] of cases) {
    it(`formats ${name}`, () => {
      expect(formatCardNumber(raw).value).to.equal(value);
    });
  }

  it('normalizes a pasted spaced number', () => {
    expect(formatCardNumber('4242 4242 4242 4242')).to.deep.equal({ value: '4242 4242 4242 4242', caret: 19 });
  });

  it('normalizes a pasted dashed number', () => {
    expect(formatCardNumber('4242-4242-4242-4242')).to.deep.equal({ value: '4242 4242 4242 4242', caret: 19 });
  });

  it('keeps the caret after the inserted digit when typing in the middle', () => {
    // "4242 4242" with "1" typed at index 2 → "42142 4242", caret 3.
    expect(formatCardNumber('42142 4242', 3)).to.deep.equal({ value: '4214 2424 2', caret: 3 });
  });

  it('keeps the caret after the inserted digit when typing just before a gap', () => {
    expect(formatCardNumber('42421 4242', 5)).to.deep.equal({ value: '4242 1424 2', caret: 6 });
  });

  it('keeps the caret in place when deleting the digit before a gap', () => {
    // "4242 4242", backspace at index 4 removes the last "2" of the first group.
    expect(formatCardNumber('424 4242', 3)).to.deep.equal({ value: '4244 242', caret: 3 });
  });

  it('deletes the digit before a gap when backspace only removed the gap', () => {
    const edit = deleteAcrossSeparator('4242 4', '42424', 4);
    expect(edit).to.deep.equal({ value: '4244', caret: 3 });
    expect(formatCardNumber(edit.value, edit.caret)).to.deep.equal({ value: '4244', caret: 3 });
  });

  it('leaves an ordinary deletion alone', () => {
    expect(deleteAcrossSeparator('4242 42', '4242 4', 6)).to.deep.equal({ value: '4242 4', caret: 6 });
  });

  it('parses the shown value into digits only', () => {
    expect(parseCardNumber('4242 4242-4242 4242')).to.equal('4242424242424242');
  });
});

describe('expiry formatting', () => {
  const cases: [string, string, string][] = [
    ['a first digit no month starts with (4 → 04/)', '4', '04/'],
    ['a first digit 1 as is', '1', '1'],
    ['a complete month with a slash (12 → 12/)', '12', '12/'],
    ['month and one year digit', '123', '12/3'],
    ['month and year', '1230', '12/30'],
    ['a pasted 12/2030', '12/2030', '12/30'],
    ['a pasted 12 / 30', '12 / 30', '12/30'],
    ['a pasted 1230', '1230', '12/30'],
    ['a pasted 122030', '122030', '12/30'],
    ['a single-digit month with a slash (1/ → 01/)', '1/', '01/'],
    ['extra digits cut', '123045', '12/30'],
    ['letters dropped', 'ab12c3d0', '12/30'],
  ];
  for (const [name, raw, value] of cases) {
    it(`formats ${name}`, () => {
      expect(formatExpiry(raw).value).to.equal(value);
    });
  }

  it('lets backspace remove the slash', () => {
    // "12/" with backspace → "12": the slash is not added back.
    expect(formatExpiry('12', 2, { deleting: true })).to.deep.equal({ value: '12', caret: 2 });
    expect(formatExpiry('1', 1, { deleting: true })).to.deep.equal({ value: '1', caret: 1 });
  });

  it('keeps the caret after the same digits when editing the month', () => {
    // "12/30" with "1" typed at index 1 → "112/30".
    expect(formatExpiry('112/30', 2)).to.deep.equal({ value: '11/23', caret: 2 });
  });

  it('parses MM/YY into a month and a four-digit year', () => {
    expect(parseExpiry('12/30')).to.deep.equal({ empty: false, month: 12, year: 2030 });
    expect(parseExpiry('12/3')).to.deep.equal({ empty: false, month: null, year: null });
    expect(parseExpiry('')).to.deep.equal({ empty: true, month: null, year: null });
  });
});

describe('security code formatting', () => {
  it('keeps digits only, up to the brand length', () => {
    expect(formatCvv('1a2b3c4', undefined, 3).value).to.equal('123');
    expect(formatCvv('12345', undefined, 4).value).to.equal('1234');
  });
});
