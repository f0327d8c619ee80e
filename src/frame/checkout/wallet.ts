/**
 * The wallet button of the checkout: the wallet frame's own logic (`WalletFrame`: adapters for the
 * token's environment, detection, the button, one payment at a time, the sandbox sheet) mounted in
 * the checkout page instead of a frame of its own. Its events become the checkout's callbacks.
 * A chunk beside the checkout bundle, loaded only for a session whose `paymentMethods` has `Wallet`.
 */
import type { TransactionResult } from '../../protocol/card.js';
import type { FrameSession } from '../../protocol/checkout.js';
import type { WalletFrameConfig } from '../../protocol/wallet.js';
import type { ClickGuard } from '../visibility.js';
import { WalletFrame, type WalletEventEmitter } from '../wallet/wallet-frame.js';
import { adoptStylesOnce } from '../adopt-styles.js';

/** The wallet's place in the checkout: the button, then a rule with "Or pay by card" before the card form. */
const CHECKOUT_WALLET_CSS = `
.mc-wallet .mw-root{padding:4px 0}
.mc-divider{display:flex;align-items:center;gap:12px;margin:0;color:var(--moment-color-label,#45464f);font-size:.875em}
.mc-divider::before,.mc-divider::after{content:"";flex:1;border-top:var(--moment-border-width,1px) solid var(--moment-color-border,#8e9099);opacity:.6}
`;

export interface CheckoutWalletOptions {
  clientToken: string;
  locale: string;
  themeVariables: Record<string, string>;
  /** The session's collection flags: the wallet's sheet asks for the same details. */
  collect: NonNullable<FrameSession['collect']>;
  apiOrigin?: string;
  fetch?: typeof fetch;
  /** The merchant page's origin (Apple Pay validates its domain); the page's own origin top-level. */
  hostOrigin?: string;
  clickGuard?: (button: HTMLElement) => ClickGuard;
  /** The customer pressed the button: a sheet is opening. */
  onInitiated: () => void;
  /** The customer closed the sheet: nothing was charged. */
  onCancel: () => void;
  /** A payment ended (paid, declined, failed), with its result. */
  onComplete: (result: TransactionResult) => void;
}

/** The mounted wallet button. */
export interface CheckoutWallet {
  /** Disables the button while the card pays (and enables it again). */
  setDisabled(disabled: boolean): void;
  /** The checkout's language or theme changed. */
  update(change: Pick<WalletFrameConfig, 'locale' | 'themeVariables'>): void;
  /** Removes the button; any late event of the wallet is dropped. */
  destroy(): void;
}

export function mountWallet(container: HTMLElement, options: CheckoutWalletOptions): CheckoutWallet {
  adoptStylesOnce(container.ownerDocument, CHECKOUT_WALLET_CSS);
  let live = true;
  const emit: WalletEventEmitter = (name, detail) => {
    if (!live) return;
    if (name === 'payment-initiated') options.onInitiated();
    else if (name === 'payment-cancel') options.onCancel();
    else if (name === 'payment-complete') options.onComplete((detail as { result: TransactionResult }).result);
  };
  const frame = new WalletFrame({
    root: container,
    emit,
    ...(options.apiOrigin ? { apiOrigin: options.apiOrigin } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.hostOrigin ? { hostOrigin: options.hostOrigin } : {}),
    ...(options.clickGuard ? { clickGuard: options.clickGuard } : {}),
  });
  let config: WalletFrameConfig = {
    clientToken: options.clientToken,
    buttonColor: 'black',
    buttonType: 'plain',
    emailRequired: !!options.collect.email,
    billingAddressRequired: !!options.collect.billing_address,
    shippingAddressRequired: !!options.collect.shipping_address,
    locale: options.locale,
    themeVariables: options.themeVariables,
    disabled: false,
  };
  const apply = (change: Partial<WalletFrameConfig>) => {
    config = { ...config, ...change };
    if (live) void frame.configure(config);
  };
  apply({});
  return {
    setDisabled: (disabled) => apply({ disabled }),
    update: (change) => apply(change),
    destroy() {
      live = false;
      container.remove();
    },
  };
}
