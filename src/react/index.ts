'use client';
/**
 * React components for the elements (`@momentpay/elements/react`), for React 18 and 19 and server
 * rendering. Element properties (`clientToken`, `styles`, and the component config's callback
 * properties such as `onIframeLoaded` and `onBlur`) are set on the element after hydration; every
 * element event is an `on<EventName>` prop that receives the `CustomEvent`.
 * A ref gives the element itself (`ref.current.executePayment()`, `ref.current.launch()`).
 *
 * Each component is its own module (`@momentpay/elements/react/card-component`, …) that registers
 * only its element; this entry re-exports them, so a bundler that honours the package's
 * `sideEffects` ships only the components an app imports, from either entry.
 *
 * A client module: importing it touches no `window` or `document` on the server.
 */
import { cardComponentEvents } from './card-component.js';
import { walletButtonEvents } from './wallet-button.js';
import { momentCheckoutEvents } from './moment-checkout.js';

export { CardComponent, cardComponentEvents, type CardComponentElement, type CardComponentEventMap, type CardComponentProps } from './card-component.js';
export { WalletButton, walletButtonEvents, type WalletButtonElement, type WalletButtonEventMap, type WalletButtonProps } from './wallet-button.js';
export { MomentCheckout, momentCheckoutEvents, type MomentCheckoutElement, type MomentCheckoutEventMap, type MomentCheckoutProps } from './moment-checkout.js';
export type { ElementProps, EventPropName, EventProps, WrappedElementProps } from './shared.js';

/** Which prop listens to which event, per component (for tools and docs). */
export const eventProps = {
  CardComponent: cardComponentEvents,
  WalletButton: walletButtonEvents,
  MomentCheckout: momentCheckoutEvents,
} as const;
