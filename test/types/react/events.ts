// The events are declared once: the TypeScript event maps equal what custom-elements.json says,
// and listeners are typed on each element and on document.
import type { CardComponentEventMap, MomentCheckoutEventMap, WalletButtonEventMap } from '@momentpay/elements';
import type { CardComponentManifestEvents, MomentCheckoutManifestEvents, WalletButtonManifestEvents } from '../../../dist/types/elements.js';
import '@momentpay/elements/card-component.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const sameEvents: [
  Equal<CardComponentEventMap, CardComponentManifestEvents>,
  Equal<WalletButtonEventMap, WalletButtonManifestEvents>,
  Equal<MomentCheckoutEventMap, MomentCheckoutManifestEvents>,
] = [true, true, true];

// The README's snippet, under --strict.
document.querySelector('card-component')!.addEventListener('change', (e) => e.detail.brand);
document.querySelector('wallet-button')!.addEventListener('payment-initiated', (e) => e.detail.wallet);
document.querySelector('moment-checkout')!.addEventListener('checkout-open', (e) => e.detail.variant);
document.addEventListener('payment-success', (e) => e.detail.message);
document.querySelector('card-component')!.addEventListener('click', (e) => e.clientX);
// @ts-expect-error CardChange has no `nope`
document.querySelector('card-component')!.addEventListener('change', (e) => e.detail.nope);
