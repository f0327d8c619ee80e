/** The checkout's order summary (amounts are formatted by src/protocol/money.ts). */
import type { FrameSession } from '../../protocol/checkout.js';

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
