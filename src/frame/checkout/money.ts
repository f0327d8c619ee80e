/** The checkout's order summary as data (amounts are formatted by src/protocol/money.ts). */
import type { CheckoutLine, FrameSession } from '../../protocol/checkout.js';

/** One shown line: the seed's caption, quantity (items) or subCaption (taxes), and the line's own total. */
export interface SummaryLine {
  id: string;
  caption: string;
  quantity?: number;
  subCaption?: string;
  /** Minor units of `currency`: the whole line, never multiplied by the quantity. */
  amount: number;
  currency: string;
}

export interface OrderSummary {
  items: SummaryLine[];
  taxes: SummaryLine[];
  /**
   * The "Total due" row: the session amount (what is charged, whatever the lines add up to), or
   * `null` when it is not shown there.
   */
  total: { amount: number; currency: string } | null;
}

export interface OrderSummaryOptions {
  /**
   * Whether the amount is visible elsewhere (on the pay button). When it is not, the total row
   * shows even without `showTotal`: the customer always sees what they pay.
   */
  amountShownElsewhere: boolean;
}

const line = ({ id, caption, quantity, subCaption, amountTotal }: CheckoutLine): SummaryLine => ({
  id,
  caption,
  ...(quantity !== undefined ? { quantity } : {}),
  ...(subCaption ? { subCaption } : {}),
  amount: amountTotal.value,
  currency: amountTotal.currencyCode,
});

/**
 * The order summary of a session (seed 004: `itemLines`, `taxLines`, `config.details.showTotal`).
 * A line's `amountTotal` is shown as it is; item and tax amounts need not add up to the session
 * amount, which is the one the total shows and the one charged.
 */
export function orderSummary(
  session: Pick<FrameSession, 'amount' | 'currency' | 'itemLines' | 'taxLines' | 'showTotal'>,
  options: OrderSummaryOptions = { amountShownElsewhere: true },
): OrderSummary {
  const showTotal = session.showTotal === true || !options.amountShownElsewhere;
  return {
    items: (session.itemLines ?? []).map(line),
    taxes: (session.taxLines ?? []).map(line),
    total: showTotal ? { amount: session.amount, currency: session.currency } : null,
  };
}
