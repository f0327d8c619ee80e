/**
 * Amounts of the checkout: minor units (as the API keeps them) to display strings, and the order
 * summary. The number of decimals comes from the currency (JPY 0, GBP 2, KWD 3), never a fixed 100.
 */
import type { FrameSession } from '../../protocol/checkout.js';

/** A locale tag that `Intl` accepts, else `en`. */
export function safeLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function currencyFormat(currency: string, locale: string): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(safeLocale(locale), { style: 'currency', currency });
  } catch {
    return null;
  }
}

/** Decimal places of a currency's minor unit, e.g. 2 for GBP, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string, locale = 'en'): number {
  return currencyFormat(currency, locale)?.resolvedOptions().maximumFractionDigits ?? 2;
}

/** `1234, 'GBP', 'en-GB'` → `£12.34`; an unknown currency falls back to `12.34 XYZ`. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = currencyFormat(currency, locale);
  const digits = format?.resolvedOptions().maximumFractionDigits ?? 2;
  const major = minor / 10 ** digits;
  return format ? format.format(major) : `${major.toFixed(digits)} ${currency}`;
}

export interface SummaryLine {
  label: string;
  /** Minor units. */
  amount: number;
}

export interface OrderSummary {
  items: SummaryLine[];
  taxes: SummaryLine[];
  /** What the customer pays: the session amount, whatever the lines add up to. */
  total: number;
  /** Sum of the item lines, when there are any. */
  subtotal: number | null;
}

/**
 * The order summary of a session. An item's `amount` is its unit price; its line shows
 * `amount × quantity`. The total is always the session amount: that is what is charged.
 */
export function orderSummary(session: Pick<FrameSession, 'amount' | 'line_items' | 'tax_lines'>): OrderSummary {
  const items = (session.line_items ?? []).map((item) => ({
    label: item.quantity === 1 ? item.name : `${item.name} × ${item.quantity}`,
    amount: item.amount * item.quantity,
  }));
  const taxes = (session.tax_lines ?? []).map((tax) => ({ label: tax.name, amount: tax.amount }));
  const subtotal = items.length > 0 ? items.reduce((sum, line) => sum + line.amount, 0) : null;
  return { items, taxes, total: session.amount, subtotal };
}
