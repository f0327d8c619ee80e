/**
 * The scope `<moment-checkout>` gives the elements nested in it, through `@lit/context`: a nested
 * `<card-component>` or `<wallet-button>` needs no attributes of its own.
 */
import { ContextEvent, ContextProvider, createContext, type ContextCallback } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readClientToken } from './client-token.js';
import { parseOrigin } from './keys.js';

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

/** What a checkout gives its nested elements, and whether it can fetch a token for them. */
export interface ScopeSource {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
  /** `fetchClientToken` or `session-endpoint` is set. */
  canFetchToken: boolean;
}

export interface CheckoutScopeOptions {
  source: () => ScopeSource;
  /** A fresh client token from the merchant's backend. */
  fetchToken: () => Promise<string>;
  onError: (message: string) => void;
}

/**
 * The checkout's side of the scope: publishes key, token and frames origin to nested elements,
 * and fetches one token for them when one asks and the page gave none (set before or after the
 * request: a script that runs after the markup).
 */
export class CheckoutScopeController implements ReactiveController {
  private readonly provider: ContextProvider<typeof checkoutScope>;
  private fetched: string | null = null;
  private fetching: Promise<void> | undefined;
  /** A nested element has asked for the scope (and may still be waiting for its token). */
  private wanted = false;
  private seen = '';

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: CheckoutScopeOptions,
  ) {
    host.addController(this);
    this.provider = new ContextProvider(host, { context: checkoutScope, initialValue: undefined });
    // A nested element asking for the scope is the moment to get a token for it.
    host.addEventListener('context-request', (event) => {
      if (event.context !== checkoutScope) return;
      this.wanted = true;
      this.prefetch();
    });
  }

  hostConnected(): void {
    this.publish();
  }

  /** Before each render: a new key, token, frames origin or token source is published or used. */
  hostUpdate(): void {
    const source = JSON.stringify(this.options.source());
    if (source === this.seen) return;
    this.seen = source;
    this.publish();
    if (this.wanted) this.prefetch();
  }

  private publish(): void {
    const { clientKey, clientToken: own, framesOrigin: origin } = this.options.source();
    let framesOrigin: string | null = null;
    try {
      framesOrigin = origin ? parseOrigin(origin) : null;
    } catch {
      framesOrigin = null; // Nested elements report the bad value themselves.
    }
    const clientToken = own ?? this.fetched;
    let sessionId: string | null = null;
    try {
      sessionId = clientToken ? readClientToken(clientToken).sid : null;
    } catch {
      sessionId = null;
    }
    this.provider.setValue({ clientKey, clientToken, framesOrigin, sessionId });
  }

  private prefetch(): void {
    const source = this.options.source();
    if (source.clientToken || this.fetched || !source.canFetchToken) return;
    this.fetching ??= this.options.fetchToken().then(
      (token) => {
        this.fetched = token;
        this.publish();
      },
      (error: Error) => {
        this.fetching = undefined;
        this.options.onError(error.message);
      },
    );
  }
}
