/**
 * The scope `<moment-checkout>` gives the elements nested in it, through `@lit/context`: a nested
 * `<card-component>` or `<wallet-button>` needs no attributes of its own. It travels by the web
 * components community's context protocol (`context-request` / `context-provider` events), across
 * shadow roots, and works in either order of definition: a nested element whose request nobody
 * answered asks again when a checkout announces itself (`ContextProvider`'s `context-provider` event).
 */
import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { readClientToken } from './client-token.js';
import { parseOrigin } from './keys.js';

export interface CheckoutScope {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
  sessionId: string | null;
}

/** The context: its key is shared by every copy of the library on a page. */
export const checkoutScope = createContext<CheckoutScope | undefined>(Symbol.for('moment-elements.checkout-scope'));

/** The nested side: follows the closest `<moment-checkout>`'s scope. */
export class CheckoutScopeConsumer extends ContextConsumer<typeof checkoutScope, ReactiveControllerHost & HTMLElement> {
  #waiting = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    super(host, { context: checkoutScope, subscribe: true });
  }

  /** On connect, and when a checkout announces itself while this element still has no scope. */
  override hostConnected(): void {
    if (this.value === undefined) super.hostConnected();
    // Unanswered (no checkout around it yet, or not defined yet): ask again when one connects.
    // Asked twice (the page's own `ContextRoot` asks again too), the provider keeps one subscription.
    this.#wait(this.value === undefined);
  }

  /** Out of its checkout: no scope, so the element's own attributes (or nothing yet) count. */
  override hostDisconnected(): void {
    this.#wait(false);
    super.hostDisconnected();
    if (this.value) {
      this.value = undefined;
      this.host.requestUpdate();
    }
  }

  #wait(on: boolean): void {
    if (on === this.#waiting) return;
    this.#waiting = on;
    this.host.ownerDocument[on ? 'addEventListener' : 'removeEventListener']('context-provider', this.#onProvider);
  }

  readonly #onProvider = (event: Event): void => {
    if ((event as Event & { context?: unknown }).context === checkoutScope) this.hostConnected();
  };
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
  readonly #provider: ContextProvider<typeof checkoutScope>;
  #fetched: string | null = null;
  #fetching: Promise<void> | undefined;
  /** A nested element has asked for the scope (and may still be waiting for its token). */
  #wanted = false;
  #seen = '';

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: CheckoutScopeOptions,
  ) {
    // Before the provider: the value is published on connect before the provider announces itself.
    host.addController(this);
    this.#provider = new ContextProvider(host, { context: checkoutScope });
    // A nested element asking for the scope is the moment to get a token for it.
    host.addEventListener('context-request', (event) => {
      if (event.context !== checkoutScope) return;
      this.#wanted = true;
      this.#prefetch();
    });
  }

  hostConnected(): void {
    this.#publish();
  }

  /** Before each render: a new key, token, frames origin or token source is published or used. */
  hostUpdate(): void {
    const source = JSON.stringify(this.options.source());
    if (source === this.#seen) return;
    this.#seen = source;
    this.#publish();
    if (this.#wanted) this.#prefetch();
  }

  #publish(): void {
    const { clientKey, clientToken: own, framesOrigin: origin } = this.options.source();
    let framesOrigin: string | null = null;
    try {
      framesOrigin = origin ? parseOrigin(origin) : null;
    } catch {
      framesOrigin = null; // Nested elements report the bad value themselves.
    }
    const clientToken = own ?? this.#fetched;
    let sessionId: string | null = null;
    try {
      sessionId = clientToken ? readClientToken(clientToken).sid : null;
    } catch {
      sessionId = null;
    }
    this.#provider.setValue({ clientKey, clientToken, framesOrigin, sessionId });
  }

  #prefetch(): void {
    const source = this.options.source();
    if (source.clientToken || this.#fetched || !source.canFetchToken || this.#fetching) return;
    this.#fetching = this.options.fetchToken().then(
      (token) => {
        this.#fetched = token;
        this.#publish();
      },
      (error: Error) => {
        this.#fetching = undefined;
        this.options.onError(error.message);
      },
    );
  }
}
