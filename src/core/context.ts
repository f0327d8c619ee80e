/**
 * The scope `<moment-checkout>` gives the elements nested in it, through `@lit/context`: a nested
 * `<card-component>` or `<wallet-button>` needs no attributes of its own.
 */
import { createContext } from '@lit/context';

export interface CheckoutScope {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
  sessionId: string | null;
}

export const checkoutScope = createContext<CheckoutScope | undefined>(Symbol.for('moment-elements.checkout-scope'));
