/**
 * The scope `<moment-checkout>` gives the elements nested in it, through `@lit/context`: a nested
 * `<card-component>` or `<wallet-button>` needs no attributes of its own.
 */
import { ContextEvent, createContext, type ContextCallback } from '@lit/context';

export interface CheckoutScope {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
  sessionId: string | null;
}

export const checkoutScope = createContext<CheckoutScope | undefined>(Symbol.for('moment-elements.checkout-scope'));

let listening = false;

/**
 * Lets a `<moment-checkout>` that is defined after its nested elements (static HTML before the
 * script, or a bundle that registers the card first) still reach them: scope requests nobody
 * answered are kept (weakly) and asked again when a checkout connects. Called from the nested
 * elements' `connectedCallback`, so importing a module touches no `document`.
 */
export function listenForLateScopes(): void {
  if (listening) return;
  listening = true;
  const waiting: { element: WeakRef<Element>; callback: WeakRef<ContextCallback<CheckoutScope | undefined>> }[] = [];
  const root = document.documentElement;
  root.addEventListener('context-request', (event) => {
    if (event.context !== checkoutScope || !event.subscribe) return;
    const element = event.contextTarget ?? (event.composedPath()[0] as Element);
    waiting.push({ element: new WeakRef(element), callback: new WeakRef(event.callback as ContextCallback<CheckoutScope | undefined>) });
  });
  root.addEventListener('context-provider', (event) => {
    if (event.context !== checkoutScope) return;
    for (const { element, callback } of waiting.splice(0)) {
      const target = element.deref();
      const fn = callback.deref();
      if (target?.isConnected && fn) target.dispatchEvent(new ContextEvent(checkoutScope, target, fn, true));
    }
  });
}
