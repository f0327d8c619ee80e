/**
 * The order summary (seed 004, "Show detailed information about the order and taxes"): a table
 * whose row headers are the lines' captions (with the quantity or the tax's `subCaption`) and whose
 * cells are their amounts, in the customer's language and currency format; "Total due" in its foot.
 */
import type { FrameSession } from '../../protocol/checkout.js';
import { createElement } from '../dom.js';
import { fill, type Translation } from '../i18n/index.js';
import { orderSummary, type OrderSummaryOptions, type SummaryLine } from './money.js';
import { formatMoney, safeLocale } from '../../protocol/money.js';

export type SummaryTexts = Pick<Translation, 'orderSummary' | 'totalDue' | 'itemQuantity'>;

/**
 * Fills `summary` (a section labelled by `#summary-heading`) and shows it; hides it when there is
 * nothing to show (no lines, and the total is on the pay button).
 */
export function renderSummary(summary: HTMLElement, session: FrameSession, t: SummaryTexts, locale: string, options: OrderSummaryOptions): void {
  const doc = summary.ownerDocument;
  const { items, taxes, total } = orderSummary(session, options);
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content?: string) => {
    const element = createElement(doc, tag, className);
    if (content !== undefined) element.textContent = content;
    return element;
  };
  const quantity = new Intl.NumberFormat(safeLocale(locale));
  const row = (className: string, label: Node[], amount: string) => {
    const tr = el('tr', className);
    const header = el('th', `${className}-label`);
    header.scope = 'row';
    header.append(...label);
    tr.append(header, el('td', `${className}-amount`, amount));
    return tr;
  };
  const lineRow = (line: SummaryLine) => {
    // The detail goes on its own line; a space keeps the accessible name "Dog socks Quantity: 4".
    const detail = line.quantity !== undefined ? fill(t.itemQuantity, { quantity: quantity.format(line.quantity) }) : line.subCaption;
    const label: Node[] = [el('span', 'mc-line-caption', line.caption)];
    if (detail) label.push(doc.createTextNode(' '), el('span', 'mc-line-detail', detail));
    const tr = row('mc-line', label, formatMoney(line.amount, line.currency, locale));
    tr.dataset.lineId = line.id;
    return tr;
  };
  const group = (lines: SummaryLine[], className: string) => {
    const body = el('tbody', className);
    body.append(...lines.map(lineRow));
    return body;
  };

  const heading = el('h2', 'mc-visually-hidden', t.orderSummary);
  heading.id = 'summary-heading';
  if (items.length === 0 && taxes.length === 0 && !total) {
    // Nothing to list: the section stays out of sight (and of the accessibility tree).
    summary.replaceChildren(heading);
    summary.hidden = true;
    return;
  }
  const table = el('table', 'mc-lines');
  table.setAttribute('aria-labelledby', 'summary-heading');
  if (items.length > 0) table.append(group(items, 'mc-items'));
  if (taxes.length > 0) table.append(group(taxes, 'mc-taxes'));
  if (total) {
    const foot = el('tfoot', 'mc-total-group');
    foot.append(row('mc-total', [doc.createTextNode(t.totalDue)], formatMoney(total.amount, total.currency, locale)));
    table.append(foot);
  }
  summary.replaceChildren(heading, table);
  summary.hidden = false;
}
