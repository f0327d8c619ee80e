import { expect } from '@open-wc/testing';
import { decimalAmount, formatMoney } from '../../src/protocol/money.js';
import { openSandboxSheet } from '../../src/frame/wallet/sheet.js';
import type { WalletPayRequest } from '../../src/frame/wallet/adapters/types.js';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('one money formatter for the checkout and the wallet sheet', () => {
  const cases: [number, string, string, string, string][] = [
    [1000, 'GBP', 'en-GB', '£10.00', '10.00'],
    [1234, 'JPY', 'en-GB', 'JP¥1,234', '1234'],
    [1234, 'KWD', 'en-GB', 'KWD 1.234', '1.234'],
    // A locale Intl refuses falls back to `en`, not to a bare number.
    [1000, 'GBP', 'not a locale!', '£10.00', '10.00'],
  ];

  for (const [minor, currency, locale, text, decimal] of cases) {
    it(`${minor} ${currency} in ${locale}: ${text} on the sheet's total and pay button, ${decimal} for the wallets`, async () => {
      expect(nbsp(formatMoney(minor, currency, locale))).to.equal(text);
      expect(decimalAmount(minor, currency)).to.equal(decimal);

      const container = document.createElement('div');
      document.body.append(container);
      const request: WalletPayRequest = {
        amount: minor,
        currency,
        countryCode: 'GB',
        label: 'Shop',
        emailRequired: false,
        billingAddressRequired: false,
        shippingAddressRequired: false,
        locale,
      };
      const outcome = openSandboxSheet({ container, request, authorize: () => Promise.reject(new Error('not paying')) });
      try {
        expect(nbsp(container.querySelector('#sheet-pay')!.textContent!)).to.equal(`Pay ${text}`);
        expect(nbsp(container.querySelector('.mw-total strong')!.textContent!)).to.equal(text);
      } finally {
        container.querySelector<HTMLButtonElement>('#sheet-cancel')!.click();
        expect(await outcome).to.deep.equal({ kind: 'cancelled' });
        container.remove();
      }
    });
  }
});
