/**
 * The scope `<moment-checkout>` gives the elements nested in it, so that a nested
 * `<card-component>` or `<wallet-button>` needs no attributes of its own. It travels by the web
 * components community's context protocol (`context-request` / `context-provider` events), across
 * shadow roots, and works in either order of definition: a nested element whose request nobody
 * answered asks again when a checkout announces itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readClientToken } from './client-token.js';
import { parseOrigin } from './keys.js';

export interface CheckoutScope {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
  sessionId: string | null;
}

/** The context key: shared by every copy of the library on a page. */
const SCOPE = Symbol.for('moment-elements.checkout-scope');

type ScopeCallback = (value: CheckoutScope | undefined, unsubscribe?: () => void) => void;

/** `context-request`, as the protocol defines it. */
class ContextRequestEvent extends Event {
  constructor(
    readonly context: unknown,
    readonly contextTarget: Element,
    readonly callback: ScopeCallback,
    readonly subscribe: boolean,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/** The nested side: asks the closest `<moment-checkout>` for its scope and follows it. */
export class CheckoutScopeConsumer implements ReactiveController {
  /** The scope, until the element leaves its checkout. */
  value: CheckoutScope | undefined;
  #unsubscribe: (() => void) | undefined;
  #waiting = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.dispatchEvent(new ContextRequestEvent(SCOPE, this.host, this.#receive, true));
    // Unanswered (no checkout around it yet, or not defined yet): ask again when one connects.
    if (!this.#unsubscribe) this.#wait(true);
  }

  hostDisconnected(): void {
    this.#wait(false);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.value) {
      this.value = undefined;
      this.host.requestUpdate();
    }
  }

  #wait(on: boolean): void {
    if (on === this.#waiting) return;
    this.#waiting = on;
    document.documentElement[on ? 'addEventListener' : 'removeEventListener']('context-provider', this.#onProvider);
  }

  readonly #onProvider = (event: Event): void => {
    if ((event as Event & { context?: unknown }).context === SCOPE && !this.#unsubscribe) this.hostConnected();
  };

  readonly #receive: ScopeCallback = (value, unsubscribe) => {
    this.#wait(false);
    if (unsubscribe !== this.#unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    if (value === this.value) return;
    this.value = value;
    this.host.requestUpdate();
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
  #value: CheckoutScope | undefined;
  readonly #subscribers = new Map<ScopeCallback, () => void>();
  #fetched: string | null = null;
  #fetching: Promise<void> | undefined;
  /** A nested element has asked for the scope (and may still be waiting for its token). */
  #wanted = false;
  #seen = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: CheckoutScopeOptions,
  ) {
    host.addController(this);
    host.addEventListener('context-request', (event) => {
      const request = event as Partial<ContextRequestEvent>;
      if (request.context !== SCOPE || typeof request.callback !== 'function') return;
      event.stopPropagation();
      const callback = request.callback;
      if (request.subscribe) {
        const unsubscribe = () => void this.#subscribers.delete(callback);
        this.#subscribers.set(callback, unsubscribe);
        callback(this.#value, unsubscribe);
      } else callback(this.#value);
      // A nested element asking for the scope is the moment to get a token for it.
      this.#wanted = true;
      this.#prefetch();
    });
  }

  hostConnected(): void {
    this.#publish();
    // Nested elements that asked before this checkout was defined or connected ask again now.
    this.host.dispatchEvent(Object.assign(new Event('context-provider', { bubbles: true, composed: true }), { context: SCOPE }));
  }

  hostDisconnected(): void {
    this.#subscribers.clear();
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
    this.#value = { clientKey, clientToken, framesOrigin, sessionId };
    for (const [callback, unsubscribe] of this.#subscribers) callback(this.#value, unsubscribe);
  }

  #prefetch(): void {
    const source = this.options.source();
    if (source.clientToken || this.#fetched || !source.canFetchToken) return;
    this.#fetching ??= this.options.fetchToken().then(
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
