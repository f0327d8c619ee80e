/**
 * The sandbox wallet's sheet: a dialog-like panel inside the wallet frame that stands in for the
 * Apple Pay / Google Pay sheet with test keys. The customer picks a test card, gives the email,
 * billing and shipping address when the merchant asked for them, and pays or cancels. Focus moves
 * into the sheet and stays there (Tab wraps); Escape or a click on the backdrop cancels, except a
 * click where the wallet button is under it: that is the button pressed again (the second click
 * of a double click, or a press while the sheet opens), and the sheet stays open.
 *
 * The sheet is an overlay: a centred modal dialog over a dimmed backdrop that fills the frame's
 * viewport (`position: fixed`), out of the page's flow, so the frame's content height does not
 * change. `onOpenChange` tells the frame, which tells the host to show the iframe over the whole
 * page while the sheet is open (the button's box stays in the merchant's layout).
 */
import { SANDBOX_WALLET_CARDS } from '../../protocol/wallet.js';
import { formatMoney } from '../../protocol/money.js';
import type { Address } from '../../protocol/card.js';
import { COVERED_MESSAGE, guardClicks, type ClickGuard } from '../visibility.js';
import { type Authorize, type WalletPayOutcome, type WalletPayRequest } from './adapters/types.js';
import { EN_SHARED, EN_WALLET, fill, translationOf, type WalletKey } from '../i18n/index.js';
import { FieldView } from '../form/field-view.js';
import { adoptSheetStyles } from './sheet-styles.js';
import { LiveRegion } from '../form/live-region.js';
import { updateShown, type ShownState, type Trigger } from '../form/shown.js';
import { firstError } from '../form/validators.js';
import { emailInvalid, required, type DetailsErrorType, type DetailsRule } from '../form/details-rules.js';

/** Countries the sheet offers, with the ISO 3166-1 numeric codes of the provider's `Address`. */
export const SHEET_COUNTRIES: readonly (readonly [code: string, name: string])[] = [
  ['826', 'United Kingdom'],
  ['372', 'Ireland'],
  ['840', 'United States'],
  ['250', 'France'],
  ['276', 'Germany'],
  ['724', 'Spain'],
];

type Attributes = Record<string, string | boolean | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

interface SheetField {
  id: string;
  label: 'email' | 'fullName' | 'address1' | 'address2' | 'city' | 'postcode';
  autocomplete: string;
  type?: 'email';
  rules: readonly DetailsRule[];
}

const addressFields = (prefix: 'billing' | 'shipping'): SheetField[] => [
  ...(prefix === 'shipping' ? [{ id: 'shipping-name', label: 'fullName', autocomplete: 'shipping name', rules: [required('nameRequired')] } as const] : []),
  { id: `${prefix}-address1`, label: 'address1', autocomplete: `${prefix} address-line1`, rules: [required('address1Required')] },
  { id: `${prefix}-address2`, label: 'address2', autocomplete: `${prefix} address-line2`, rules: [] },
  { id: `${prefix}-city`, label: 'city', autocomplete: `${prefix} address-level2`, rules: [required('cityRequired')] },
  { id: `${prefix}-postcode`, label: 'postcode', autocomplete: `${prefix} postal-code`, rules: [required('postcodeRequired')] },
];

interface FieldRuntime extends ShownState<DetailsErrorType> {
  view: FieldView<HTMLInputElement | HTMLSelectElement>;
  rules: readonly DetailsRule[];
}

export interface SheetOptions {
  /** Where the sheet is mounted (the frame's root). */
  container: HTMLElement;
  request: WalletPayRequest;
  authorize: Authorize;
  /** Guards the pay button against clicks while it is covered or hidden; defaults to `guardClicks`. */
  clickGuard?: (button: HTMLElement) => ClickGuard;
  /** Called with `true` once the sheet is shown and with `false` once it is gone. */
  onOpenChange?: (open: boolean) => void;
}

/** Opens the sheet; resolves when the customer paid (with the result) or cancelled. */
export function openSandboxSheet({ container, request, authorize, clickGuard = guardClicks, onOpenChange }: SheetOptions): Promise<WalletPayOutcome> {
  const doc = container.ownerDocument;
  adoptSheetStyles(doc);
  const total = request.amount !== undefined ? formatMoney(request.amount, request.currency, request.locale) : undefined;
  const t = translationOf<WalletKey>(request.locale, { dir: 'ltr', ...EN_SHARED, ...EN_WALLET });

  const inputs = new Map<string, FieldRuntime>();
  const refresh = (trigger: Trigger, target?: FieldRuntime) => {
    updateShown(inputs.values(), (rt) => firstError(rt.rules, rt.view.input.value.trim(), { maxLength: 254 }), trigger, target);
    for (const rt of inputs.values()) rt.view.showError(rt.shown && t.collectedErrors[rt.shown]);
  };
  const mount = (view: FieldView<HTMLInputElement | HTMLSelectElement>, rules: readonly DetailsRule[]) => {
    const runtime: FieldRuntime = { view, rules, dirty: false, shown: null };
    inputs.set(view.input.id, runtime);
    view.input.addEventListener('input', () => {
      runtime.dirty = true;
      refresh('input', runtime);
    });
    view.input.addEventListener('blur', () => refresh('blur', runtime));
    return view.container;
  };
  const textField = (field: SheetField) => {
    const view = new FieldView(doc, {
      id: field.id,
      autocomplete: field.autocomplete,
      type: field.type ?? 'text',
      required: field.rules.length > 0,
      icon: false,
    });
    view.setLabel(t[field.label]);
    return mount(view, field.rules);
  };
  const countryField = (prefix: 'billing' | 'shipping') => {
    const view = new FieldView<HTMLSelectElement>(doc, { id: `${prefix}-country`, autocomplete: `${prefix} country`, type: 'select', icon: false });
    view.setLabel(t.country);
    view.input.append(...SHEET_COUNTRIES.map(([code, name]) => h(doc, 'option', { value: code }, name)));
    return mount(view, []);
  };
  const addressGroup = (prefix: 'billing' | 'shipping', legend: string) =>
    h(doc, 'fieldset', { id: `wallet-${prefix}` }, h(doc, 'legend', {}, legend), ...addressFields(prefix).map(textField), countryField(prefix));

  const cards = h(
    doc,
    'fieldset',
    { class: 'mw-cards' },
    h(doc, 'legend', {}, t.card),
    ...SANDBOX_WALLET_CARDS.map((card, i) =>
      h(
        doc,
        'label',
        { class: 'mw-card' },
        h(doc, 'input', { type: 'radio', name: 'card', value: card.token, checked: i === 0 }),
        h(doc, 'span', {}, card.label),
        h(doc, 'small', {}, card.outcome),
      ),
    ),
  );
  const status = new LiveRegion(doc, 'mw-status');
  const cancel = h(doc, 'button', { type: 'button', id: 'sheet-cancel', class: 'mw-cancel' }, t.cancel);
  const pay = h(doc, 'button', { type: 'submit', id: 'sheet-pay', class: 'mw-pay' }, total ? fill(t.payAmount, { amount: total }) : t.pay);
  const form = h(
    doc,
    'form',
    { novalidate: true, 'aria-label': t.sheetLabel },
    cards,
    ...(request.emailRequired
      ? [textField({ id: 'wallet-email', label: 'email', type: 'email', autocomplete: 'email', rules: [required('emailRequired'), emailInvalid] })]
      : []),
    ...(request.billingAddressRequired ? [addressGroup('billing', t.billingAddress)] : []),
    ...(request.shippingAddressRequired ? [addressGroup('shipping', t.shippingAddress)] : []),
    status.element,
    h(doc, 'div', { class: 'mw-actions' }, cancel, pay),
  );
  const heading = h(doc, 'h2', { id: 'sheet-title', tabindex: '-1' }, 'Sandbox Pay');
  const sheet = h(
    doc,
    'section',
    { class: 'mw-sheet', id: 'wallet-sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sheet-title', 'aria-describedby': 'sheet-note' },
    h(doc, 'div', { class: 'mw-sheet-head' }, heading, h(doc, 'span', { class: 'mw-badge' }, 'TEST')),
    h(doc, 'p', { id: 'sheet-note', class: 'mw-note' }, t.sheetNote),
    ...(total ? [h(doc, 'p', { class: 'mw-total' }, h(doc, 'span', {}, request.label || t.total), h(doc, 'strong', {}, total))] : []),
    form,
  );
  const backdrop = h(doc, 'div', { class: 'mw-backdrop' }, sheet);
  const focusFirst = () => form.querySelector<HTMLInputElement>('input[name=card]:checked')?.focus();
  /** A click over what the frame shows under the sheet (the wallet button the sheet was opened from). */
  const overFrameContent = ({ clientX: x, clientY: y }: MouseEvent) =>
    [...container.children].some((child) => {
      const box = child.getBoundingClientRect();
      return child !== backdrop && box.height > 0 && x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    });

  return new Promise<WalletPayOutcome>((resolve, reject) => {
    let busy = false;
    let guard: ClickGuard | undefined;
    const close = () => {
      guard?.disconnect();
      backdrop.remove();
      doc.removeEventListener('keydown', onKeydown, true);
      onOpenChange?.(false);
    };
    const cancelSheet = () => {
      if (busy) return;
      close();
      resolve({ kind: 'cancelled' });
    };

    const value = (id: string) => inputs.get(id)?.view.input.value.trim() ?? '';
    const validate = (): boolean => {
      refresh('validate');
      const first = [...inputs.values()].find((rt) => rt.shown !== null);
      first?.view.input.focus();
      return !first;
    };
    const address = (prefix: 'billing' | 'shipping'): Address => {
      const out: Address = {
        address1: value(`${prefix}-address1`),
        city: value(`${prefix}-city`),
        postcode: value(`${prefix}-postcode`),
        countryCode: value(`${prefix}-country`),
      };
      const line2 = value(`${prefix}-address2`);
      if (line2) out.address2 = line2;
      return out;
    };

    const onSubmit = (event: Event) => {
      event.preventDefault();
      // Only the pay button's (checked) click submits.
    };
    const submit = () => {
      if (busy || !validate()) return;
      busy = true;
      pay.disabled = true;
      cancel.disabled = true;
      form.setAttribute('aria-busy', 'true');
      status.announce(t.processingPayment);
      const token = form.querySelector<HTMLInputElement>('input[name=card]:checked')?.value ?? SANDBOX_WALLET_CARDS[0].token;
      authorize({
        token,
        ...(request.emailRequired ? { email: value('wallet-email') } : {}),
        ...(request.billingAddressRequired ? { billingAddress: address('billing') } : {}),
        ...(request.shippingAddressRequired ? { shippingDetails: { name: value('shipping-name'), address: address('shipping') } } : {}),
      }).then(
        (result) => {
          close();
          resolve({ kind: 'result', result });
        },
        (error: unknown) => {
          close();
          reject(error);
        },
      );
    };

    const onKeydown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        cancelSheet();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = [...sheet.querySelectorAll<HTMLElement>('input:not([type=radio]),input[type=radio]:checked,select,button')].filter(
        (el) => !(el as HTMLButtonElement).disabled,
      );
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const active = doc.activeElement;
      if (event.shiftKey && (active === first || active === heading)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };

    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', cancelSheet);
    backdrop.addEventListener('click', (event) => {
      if (event.target !== backdrop) return;
      // The click moved focus out of the sheet: back to its first control.
      if (overFrameContent(event)) focusFirst();
      else cancelSheet();
    });
    // Enter in a field submits through a click on this default button too: one check covers both.
    pay.addEventListener('click', (event) => {
      event.preventDefault();
      if (busy || !guard) return;
      void guard.check(event).then((visible) => {
        if (!backdrop.isConnected) return;
        if (visible) submit();
        else status.announce(COVERED_MESSAGE);
      });
    });
    doc.addEventListener('keydown', onKeydown, true);
    container.append(backdrop);
    guard = clickGuard(pay);
    onOpenChange?.(true);
    focusFirst();
  });
}
