/**
 * Moment Elements: registers `<card-component>` and exports the public API.
 * Import `@momentpay/elements/card-component.component.js` for the class without registering it.
 */
import './elements/card-component/card-component.js';

export { CardComponent, outcomeEvent } from './elements/card-component/card-component.component.js';
export type { CardCallbacks } from './elements/card-component/card-component.component.js';
export { PaymentError } from './core/payment-error.js';
export { ConfigError } from './core/keys.js';
export type { LoadErrorDetail, ReadyDetail, PaymentProblem, MomentEventDetails, MomentEventName } from './core/events.js';
export type * from './protocol/card.js';
export type { ClientTokenClaims, CheckoutVariant } from './protocol/api.js';
