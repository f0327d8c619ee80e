/**
 * Moment Elements: registers `<moment-checkout>`, `<card-component>` and `<wallet-button>`, and exports `Moment()`
 * and the public types. Import `@momentpay/elements/<element>.component.js` for a class without
 * registering it.
 */
import './elements/card-component/card-component.js';
import './elements/moment-checkout/moment-checkout.js';
import './elements/wallet-button/wallet-button.js';

export { CardComponent } from './elements/card-component/card-component.component.js';
export type { CardCallbacks } from './elements/card-component/card-component.component.js';
export { WalletButton } from './elements/wallet-button/wallet-button.component.js';
export type { WalletButtonConfig, WalletCallbacks } from './elements/wallet-button/wallet-button.component.js';
export type { PaymentDetails } from './core/component-config.js';
export type { WalletAvailability, WalletKind, WalletButtonColor, WalletButtonType } from './protocol/wallet.js';
export { MomentCheckout, CheckoutError } from './elements/moment-checkout/moment-checkout.component.js';
export type { LaunchOptions, LaunchResult, CheckoutCallback } from './elements/moment-checkout/moment-checkout.component.js';
export { Moment } from './moment.js';
export type { CheckoutConfig, Checkout, MomentInstance, MomentOptions } from './moment.js';
export { PaymentError } from './core/payment-error.js';
export { outcomeOf, OUTCOME_EVENTS } from './protocol/outcome.js';
export type { Outcome, OutcomeEventName } from './protocol/outcome.js';
export { ConfigError } from './core/keys.js';
export type {
  LoadErrorDetail,
  ReadyDetail,
  PaymentProblem,
  CheckoutResult,
  CheckoutOpenDetail,
  CheckoutErrorDetail,
  OutcomeDetail,
  MomentEventDetails,
  MomentEventName,
  CardComponentEventMap,
  WalletButtonEventMap,
  MomentCheckoutEventMap,
  MomentElementEventMaps,
  CustomEventMap,
  ElementEventMap,
  ValidationErrorDetail,
  FieldDetail,
  FieldBlurDetail,
  EmptyDetail,
  WalletAvailabilityDetail,
  PaymentInitiatedDetail,
  CheckoutValidationErrorDetail,
} from './core/events.js';
export type { SessionStatusResponse, SessionStatus } from './core/session-return.js';
export type * from './protocol/card.js';
export type { ClientTokenClaims, CheckoutVariant } from './protocol/api.js';
export type { CheckoutValidationError } from './protocol/checkout.js';
