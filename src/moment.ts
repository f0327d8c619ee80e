/**
 * `Moment(clientKey)`: the provider's imperative SDK, built on `<moment-checkout>`:
 * `moment.checkout(config)` creates one element and drives it, so both forms share one code path.
 */
import { ConfigError, parseClientKey, parseOrigin } from './core/keys.js';
import type { SessionStatusResponse } from './core/session-return.js';
import type { CheckoutCallback, LaunchOptions, LaunchResult } from './elements/moment-checkout/moment-checkout.component.js';
import { MomentCheckout } from './elements/moment-checkout/moment-checkout.component.js';
import { define } from './core/define.js';

/** `moment.checkout(config)`: the documented configuration. */
export interface CheckoutConfig {
  /** Returns a fresh client token from your server; called on every `launch()`. Required. */
  fetchClientToken: () => Promise<string>;
  /** Returns `{ status, ... }` for a session id after a redirect payment. */
  fetchSessionStatus?: (sessionId: string) => Promise<SessionStatusResponse>;
  onSuccess?: CheckoutCallback;
  onFailure?: CheckoutCallback;
  onCancel?: CheckoutCallback;
  onAttemptFailed?: CheckoutCallback;
  onExpired?: CheckoutCallback;
}

/** What `moment.checkout()` returns. */
export interface Checkout {
  /**
   * Fetches a fresh client token and opens the checkout; resolves `{ checkoutUrl, variant }` once
   * it is open. A hosted session resolves `{ checkoutUrl, variant: 'hosted' }`, then the page goes
   * to `checkoutUrl` (the provider's checkout page), which brings the customer back with `?session_id=`.
   */
  launch(options?: LaunchOptions): Promise<LaunchResult>;
  close(): void;
  submit(): Promise<void>;
  /** The element behind this checkout, for events and styling. */
  readonly element: MomentCheckout;
}

export interface MomentOptions {
  /** A local sandbox serving the frames (test keys only), e.g. `http://127.0.0.1:4010`. */
  framesOrigin?: string;
  /** Milliseconds `fetchClientToken` and `fetchSessionStatus` may take (default 30 000): past it, `checkout-error` and `launch()` rejects. */
  fetchTimeout?: number;
  /** Milliseconds one payment request may take, retries included (default 30 000): the checkout's `payment-timeout`. */
  paymentTimeout?: number;
}

export interface MomentInstance {
  /** `sandbox` for `pk_test_` keys, `production` for `pk_live_`. */
  readonly environment: 'sandbox' | 'production';
  checkout(config: CheckoutConfig): Checkout;
}

const CALLBACKS = ['onSuccess', 'onFailure', 'onCancel', 'onAttemptFailed', 'onExpired', 'fetchSessionStatus'] as const;
const CONFIG_KEYS: readonly string[] = ['fetchClientToken', ...CALLBACKS];

/** A key the SDK does not know is said on the console, never dropped in silence (a misspelt callback would never run). */
function warnUnknownKeys(where: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) console.warn(`Moment Elements: ${where}: '${key}' is not a known option and does nothing (known: ${known.join(', ')}).`);
  }
}

/**
 * Creates an SDK instance for a publishable key. Throws at once on a missing or malformed key,
 * and refuses a secret key (which is never sent anywhere).
 */
export function Moment(clientKey: string, options: MomentOptions = {}): MomentInstance {
  const environment = parseClientKey(clientKey);
  warnUnknownKeys('Moment()', options ?? {}, ['framesOrigin', 'fetchTimeout', 'paymentTimeout']);
  const framesOrigin = options.framesOrigin ? parseOrigin(options.framesOrigin) : null;
  return {
    environment,
    checkout(config: CheckoutConfig): Checkout {
      if (typeof config?.fetchClientToken !== 'function') {
        throw new ConfigError('invalid_config', 'moment.checkout() needs fetchClientToken: an async function that returns a client token from your server.');
      }
      warnUnknownKeys('moment.checkout()', config, CONFIG_KEYS);
      for (const name of CALLBACKS) {
        if (config[name] !== undefined && typeof config[name] !== 'function') {
          throw new ConfigError('invalid_config', `moment.checkout(): ${name} must be a function.`);
        }
      }
      define('moment-checkout', MomentCheckout);
      const element = document.createElement('moment-checkout') as MomentCheckout;
      element.clientKey = clientKey;
      if (framesOrigin) element.framesOrigin = framesOrigin;
      if (options.fetchTimeout !== undefined) element.fetchTimeout = options.fetchTimeout;
      if (options.paymentTimeout !== undefined) element.paymentTimeout = options.paymentTimeout;
      Object.assign(element, {
        fetchClientToken: config.fetchClientToken,
        fetchSessionStatus: config.fetchSessionStatus,
        onSuccess: config.onSuccess,
        onFailure: config.onFailure,
        onCancel: config.onCancel,
        onAttemptFailed: config.onAttemptFailed,
        onExpired: config.onExpired,
      });
      // Connecting it detects a `?session_id=` return and calls fetchSessionStatus. A script in
      // <head> may run before <body> exists.
      (document.body ?? document.documentElement).append(element);
      return {
        element,
        launch: (launchOptions) => {
          warnUnknownKeys('checkout.launch()', launchOptions ?? {}, ['container']);
          return element.launch(launchOptions);
        },
        close: () => element.close(),
        submit: () => element.submit(),
      };
    },
  };
}
