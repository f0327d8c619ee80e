/** The order summary: item and tax lines and the total, in the customer's language and currency format. */
import type { FrameSession } from '../../protocol/checkout.js';
import { createElement } from '../dom.js';
import type { Translation } from '../i18n/index.js';
import { orderSummary } from './money.js';
import { formatMoney } from '../../protocol/money.js';

/** Fills `summary` (a section labelled by `#summary-heading`) and shows it. */
export function renderSummary(summary: HTMLElement, session: FrameSession, t: Pick<Translation, 'orderSummary' | 'total'>, locale: string): void {
  const doc = summary.ownerDocument;
  const { items, taxes, total } = orderSummary(session);
  const money = (minor: number) => formatMoney(minor, session.currency, locale);
  const text = (tag: 'span' | 'h2' | 'p', className: string, content: string) => {
    const element = createElement(doc, tag, className);
    element.textContent = content;
    return element;
  };
  const heading = text('h2', 'mc-visually-hidden', t.orderSummary);
  heading.id = 'summary-heading';
  const list = (lines: typeof items, className: string) => {
    const ul = createElement(doc, 'ul', `mc-lines ${className}`);
    for (const line of lines) {
      const li = createElement(doc, 'li', 'mc-line');
      li.append(text('span', 'mc-line-label', line.label), text('span', 'mc-line-amount', money(line.amount)));
      ul.append(li);
    }
    return ul;
  };
  const totalRow = createElement(doc, 'p', 'mc-total');
  totalRow.append(text('span', 'mc-total-label', t.total), text('span', 'mc-total-amount', money(total)));
  summary.replaceChildren(
    heading,
    ...(items.length > 0 ? [list(items, 'mc-items')] : []),
    ...(taxes.length > 0 ? [list(taxes, 'mc-taxes')] : []),
    totalRow,
  );
  summary.hidden = false;
}
