/**
 * Amounts in minor units (as the API keeps them) to what a customer or a wallet reads. The number
 * of decimals comes from the currency (JPY 0, GBP 2, KWD 3), never a fixed 100.
 */

import { intlLocale } from './locale.js';

/** A locale tag that `Intl` accepts, else `en` (the one resolver of `./locale.ts`). */
export const safeLocale = intlLocale;

function currencyFormat(currency: string, locale?: string): Intl.NumberFormat | undefined {
  try {
    return new Intl.NumberFormat(safeLocale(locale), { style: 'currency', currency });
  } catch {
    return undefined;
  }
}

/** Decimal places of a currency's minor unit, e.g. 2 for GBP, 0 for JPY, 3 for KWD; 2 for one `Intl` does not know. */
export const minorUnitDigits = (currency: string): number => currencyFormat(currency)?.resolvedOptions().maximumFractionDigits ?? 2;

/** Minor units as a decimal string, as the wallets expect it: 1000 GBP → `10.00`, 500 JPY → `500`. */
export function decimalAmount(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** `1234, 'GBP', 'en-GB'` → `£12.34`; a currency `Intl` refuses falls back to `12.34 XYZ`. */
export function formatMoney(minor: number, currency: string, locale: string | undefined): string {
  const amount = decimalAmount(minor, currency);
  return currencyFormat(currency, locale)?.format(+amount) ?? `${amount} ${currency}`;
}
