// Differential test of the card rules: the protocol's rules (src/protocol/card-rules.ts), the card
// frame's validators built on them (src/frame/form/validators.ts), and the sandbox's
// `POST /v1/payments` (dist/sandbox) must agree on every number: one the rules call valid is
// charged, one they refuse is a 400 naming `card.number` (and the same for the security code).
import { describe, it, before, after } from 'node:test';
import { importFromSrc } from '../support/import-src.mjs';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSandbox, client, TOKEN_SECRET, NEXT_YEAR } from './helpers.mjs';

/** The rules as the frame bundles them: the protocol module and the frame's validators, built from source. */
async function loadRules() {
  return importFromSrc([
    "export * from './src/protocol/card-rules.ts';",
    "export { CARD_BRANDS } from './src/protocol/card.ts';",
    "export { detectBrand as frameDetectBrand } from './src/frame/card/brands.ts';",
    "export { cardNumberInvalid, cv2Invalid } from './src/frame/form/validators.ts';",
  ]);
}

/** Well-known test numbers per protocol brand (card networks', processors' and credit-card-type's). */
const TEST_NUMBERS = {
  visa: ['4242424242424242', '4111111111111111', '4012888888881881', '424242424242424242', '4242424242424242428'],
  mastercard: ['5555555555554444', '5105105105105100', '2221000000000009', '2223003122003222', '2720990000000007'],
  'american-express': ['378282246310005', '371449635398431', '343434343434343'],
  'diners-club': ['36227206271667', '30569309025904', '38520000023237', '3056930009020004'],
  discover: ['6011111111111117', '6011000990139424', '6445644564456445', '6500000000000002'],
  jcb: ['3566002020360505', '3530111333300000'],
  // 6212 3456 7890 1234 fails the Luhn checksum: UnionPay is exempt from it.
  unionpay: ['6212345678901234', '6200000000000005', '6205500000000000004'],
  maestro: ['6759649826438453', '6304000000000000', '501800000009'],
  mir: ['2200000000000004'],
  elo: ['6362970000457013', '5066991111111118'],
  hiper: ['6370950000000005', '6375680000000003'],
  hipercard: ['6062826786276634', '6062820000000003'],
};

/** Numbers no brand issues, or not numbers at all. */
const OTHER_NUMBERS = [
  '9999999999999995', // no brand
  '4222222222222', // a 13-digit Visa: not a length credit-card-type lists for Visa
  '42424242424', // too short for any brand
  '12345678901234567890', // too long for any brand
  '4242 4242 4242 4242', // not digits only
  '6500520000000009', // Troy: a brand the protocol does not name, valid all the same
  '9792000000000000', // Troy with a bad check digit
];

/** The variants of a valid number a customer mistypes: bad check digit, a digit more, a digit less. */
const variants = (number) => [number.slice(0, -1) + ((Number(number.at(-1)) + 1) % 10), `${number}0`, number.slice(0, -1)];

describe('card rules: the frame and the sandbox agree', () => {
  let rules;
  let sandbox;
  let api;
  const now = new Date(Date.UTC(NEXT_YEAR - 1, 0, 15));
  const pay = (token, number, cvv) => api.pay(token, { card: { number, expiryMonth: 12, expiryYear: NEXT_YEAR, cvv, name: 'Ada Lovelace' } });
  /** A security code of the right length for the number's brand (3 when it has none). */
  const goodCvv = (number) => '1234'.slice(0, rules.cvvLengthFor(rules.detectBrand(number)) ?? 3);

  before(async () => {
    rules = await loadRules();
    sandbox = await startSandbox({ port: 0, tokenSecret: TOKEN_SECRET, log: () => {} });
    api = client(sandbox);
  });
  after(() => sandbox?.close());

  it('has test numbers for every brand the protocol names, detected as that brand and valid', () => {
    const named = rules.CARD_BRANDS.filter((brand) => brand !== 'unknown');
    assert.deepEqual(Object.keys(TEST_NUMBERS).sort(), [...named].sort());
    for (const [brand, numbers] of Object.entries(TEST_NUMBERS)) {
      for (const number of numbers) {
        assert.equal(rules.detectBrand(number)?.brand, brand, number);
        assert.deepEqual(rules.checkCardNumber(number), { brand, valid: true, reason: undefined }, number);
      }
    }
  });

  it('calls 6212 3456 7890 1234 a valid UnionPay number, though it fails the Luhn checksum', () => {
    assert.equal(rules.luhn('6212345678901234'), false);
    assert.ok(rules.LUHN_EXEMPT_BRANDS.includes('unionpay'));
    assert.deepEqual(rules.checkCardNumber('6212345678901234'), { brand: 'unionpay', valid: true, reason: undefined });
  });

  it('takes its length bounds from the brand table (credit-card-type)', () => {
    const table = createRequire(import.meta.url)('credit-card-type/dist/lib/card-types.js');
    const lengths = Object.values(table).flatMap((card) => card.lengths);
    assert.equal(rules.MIN_CARD_NUMBER_LENGTH, Math.min(...lengths));
    assert.equal(rules.MAX_CARD_NUMBER_LENGTH, Math.max(...lengths));
    assert.deepEqual([...new Set(Object.values(table).map((card) => card.code.size))].sort(), [rules.MIN_CVV_LENGTH, rules.MAX_CVV_LENGTH]);
  });

  const numbers = [
    ...new Set([
      ...Object.values(TEST_NUMBERS)
        .flat()
        .flatMap((n) => [n, ...variants(n)]),
      ...OTHER_NUMBERS,
    ]),
  ];
  for (const number of numbers) {
    it(`agrees on ${number}`, async () => {
      const check = rules.checkCardNumber(number);
      // The frame validates the digits the customer typed (it drops spaces before validating).
      const digits = number.replace(/\D/g, '');
      const frameInvalid = rules.cardNumberInvalid.execute(digits, { brand: rules.frameDetectBrand(digits), now });
      if (digits === number) assert.equal(frameInvalid, !check.valid, 'the frame validator applies the protocol rule');

      const session = await api.openSession();
      const res = await pay(session.client_token, number, goodCvv(digits));
      assert.ok(!res.text.includes(digits), 'the answer never repeats the number');
      if (check.valid) {
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.status, 'succeeded');
        assert.equal(res.body.statusCode, 0);
      } else {
        assert.equal(res.status, 400, `${check.reason}: ${res.text}`);
        assert.equal(res.body.error.type, 'invalid_request_error');
        assert.equal(res.body.error.param, 'card.number');
        assert.match(res.body.error.message, /^card\.number (must be|is not a valid card number)/);
        assert.equal((await api.getSession(session.id)).body.payment, null, 'nothing charged');
      }
    });
  }

  for (const [brand, [number]] of Object.entries(TEST_NUMBERS)) {
    it(`agrees on the security code length for ${brand}`, async () => {
      const info = rules.detectBrand(number);
      for (const cvv of ['123', '1234']) {
        const valid = rules.checkCvv(cvv, info);
        assert.equal(rules.cv2Invalid.execute(cvv, { brand: rules.frameDetectBrand(number), now }), !valid, 'the frame validator applies the protocol rule');
        assert.equal(valid, cvv.length === rules.cvvLengthFor(info));
        const session = await api.openSession();
        const res = await pay(session.client_token, number, cvv);
        if (valid) {
          assert.equal(res.status, 200, res.text);
          assert.equal(res.body.statusCode, 0);
        } else {
          assert.equal(res.status, 400, res.text);
          assert.equal(res.body.error.param, 'card.cvv');
          assert.equal(res.body.error.message, `card.cvv must be ${rules.cvvLengthFor(info)} digits for ${info.name}`);
          assert.ok(!res.body.error.message.includes(cvv), 'never repeats the security code');
        }
      }
    });
  }
});
