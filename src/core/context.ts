/**
 * The scope `<moment-checkout>` gives the elements nested in it, through `@lit/context`: a nested
 * `<card-component>` or `<wallet-button>` needs no attributes of its own.
 */
import { ContextRoot, createContext } from '@lit/context';

export interface CheckoutScope {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
  sessionId: string | null;
}

export const checkoutScope = createContext<CheckoutScope | undefined>(Symbol.for('moment-elements.checkout-scope'));

let lateScopes: ContextRoot | undefined;

/**
 * Lets a `<moment-checkout>` that is defined after its nested elements (static HTML before the
 * script, or a bundle that registers the card first) still reach them: requests nobody answered
 * are kept and asked again when a checkout connects. Called from the nested elements'
 * `connectedCallback`, so importing a module touches no `document`.
 */
export function listenForLateScopes(): void {
  if (lateScopes) return;
  lateScopes = new ContextRoot();
  lateScopes.attach(document.documentElement);
}
