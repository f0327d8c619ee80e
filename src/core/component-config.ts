/**
 * The component config object on the elements: `Object.assign(element, config)` takes its keys
 * under their documented names. `paymentDetails.paymentToken` is the element's `clientToken`; a key an
 * element cannot honour (`containerId`, a wallet key on the card, a card key on the wallet) is
 * said once on the console, with what to do instead, and never dropped in silence.
 */
import { warnOnce } from './element-config.js';

/** The component config's `paymentDetails`. */
export interface PaymentDetails {
  /** The client session secret of the payment: the same value as the element's `clientToken`. */
  paymentToken?: string | null;
}

interface TokenHost extends HTMLElement {
  clientToken: string | null;
}

/**
 * `paymentDetails.paymentToken` as an alias of `clientToken`. The two names write one value, so
 * they never disagree; setting both to different tokens (in either order) is said on the console,
 * and the one set later is used, as with any property.
 */
export class PaymentTokenAlias {
  /** The token last set through `paymentDetails`, to tell a conflict from a refresh. */
  #aliased: string | undefined;

  constructor(
    private readonly host: TokenHost,
    private readonly tag: string,
  ) {}

  get value(): PaymentDetails {
    return { paymentToken: this.host.clientToken };
  }

  set(details: unknown): void {
    if (details === null || details === undefined) return;
    const say = (text: string) => warnOnce(this.host, `Moment Elements <${this.tag}>: ${text}`);
    if (typeof details !== 'object' || Array.isArray(details)) {
      return say('paymentDetails must be an object { paymentToken }; ignored.');
    }
    for (const key of Object.keys(details)) {
      if (key !== 'paymentToken') say(`paymentDetails.${key} is not a known key (only paymentToken); ignored.`);
    }
    const token = (details as PaymentDetails).paymentToken;
    if (token === undefined) return;
    if (token !== null && typeof token !== 'string') {
      return say('paymentDetails.paymentToken must be a string (the client token); ignored.');
    }
    const current = this.host.clientToken;
    if (token !== null && current && current !== token && current !== this.#aliased) this.#conflict('paymentDetails.paymentToken');
    this.#aliased = token ?? undefined;
    this.host.clientToken = token;
  }

  /** Call from `willUpdate` when `clientToken` changed: a different token over an aliased one is a conflict. */
  clientTokenChanged(): void {
    const token = this.host.clientToken;
    if (this.#aliased === undefined || !token || token === this.#aliased) return;
    this.#aliased = undefined;
    this.#conflict('clientToken');
  }

  #conflict(later: 'clientToken' | 'paymentDetails.paymentToken'): void {
    warnOnce(
      this.host,
      `Moment Elements <${this.tag}>: clientToken and paymentDetails.paymentToken were set to different tokens; ${later}, set later, is used. Set only one: they are one setting.`,
    );
  }
}

/** What to say for the component config's `containerId`: these elements are their own container. */
export const containerIdAdvice = (tag: string): string =>
  `is not used: <${tag}> is its own container. Put the element where it should appear (e.g. inside that div).`;

/**
 * Adds setters for component-config keys an element cannot honour: each warns once, naming the key and what
 * to do, and keeps the value so the page reads back what it wrote. Not reactive, not documented
 * as features: they exist to be loud.
 */
export function defineUnhonouredKeys(target: { prototype: HTMLElement }, tag: string, advice: Readonly<Record<string, string>>): void {
  for (const [key, text] of Object.entries(advice)) {
    const store = new WeakMap<object, unknown>();
    Object.defineProperty(target.prototype, key, {
      configurable: true,
      enumerable: false,
      get(this: HTMLElement) {
        return store.get(this);
      },
      set(this: HTMLElement, value: unknown) {
        store.set(this, value);
        if (value !== undefined && value !== null) warnOnce(this, `Moment Elements <${tag}>: ${key} ${text}`);
      },
    });
  }
}

/** Warns once for each key of a `callbacks` object the element does not call. */
export function checkCallbacks(host: HTMLElement, tag: string, callbacks: unknown, known: readonly string[]): void {
  if (callbacks === null || callbacks === undefined) return;
  const say = (text: string) => warnOnce(host, `Moment Elements <${tag}>: ${text}`);
  if (typeof callbacks !== 'object' || Array.isArray(callbacks)) return say(`callbacks must be an object of functions (${known.join(', ')}).`);
  for (const [key, value] of Object.entries(callbacks)) {
    if (!known.includes(key)) say(`callbacks.${key} is never called: <${tag}> calls only ${known.join(' and ')}.`);
    else if (value !== undefined && typeof value !== 'function') say(`callbacks.${key} must be a function.`);
  }
}
