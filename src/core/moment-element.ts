/**
 * The shell every Moment element shares: the key, the token, the frames origin, the load and
 * payment timeouts, the language and the theme, declared once with their attributes. The frame
 * elements (`<card-component>`, `<wallet-button>`) build on it through `FramedElement`; the
 * checkout builds on it directly.
 */
import { ReactiveElement, type PropertyDeclaration } from '@lit/reactive-element';
import { THEME_VARIABLES } from '../protocol/card.js';
import { DEFAULT_PAYMENT_TIMEOUT } from '../protocol/messages.js';
import { warnOnce } from './element-config.js';
import { LocaleController } from './locale.js';
import { paymentTimeoutConfig } from './payment-error.js';
import { DEFAULT_LOAD_TIMEOUT } from './secure-frame.js';
import { ThemeController } from './theme.js';

/**
 * A `static properties` table checked against its class: every key must be a public member of
 * `T`, so a misspelt or removed property fails to compile (`static properties: PropertyTable<Card> = {…}`: the object literal is checked for excess keys).
 * Internal state is never in the table: it is a plain field that asks for an update itself.
 */
export type PropertyTable<T> = { readonly [K in keyof T]?: PropertyDeclaration };

export abstract class MomentElement extends ReactiveElement {
  static override properties: PropertyTable<MomentElement> = {
    clientKey: { attribute: 'client-key' },
    clientToken: { attribute: 'client-token' },
    framesOrigin: { attribute: 'frames-origin' },
    loadTimeout: { attribute: 'load-timeout', type: Number },
    paymentTimeout: { attribute: 'payment-timeout', type: Number },
    lang: {},
  };
  static readonly version = '0.1.0';
  /** @internal The `--moment-*` variables the element forwards into its frame. */
  protected static themeVariables: readonly string[] = THEME_VARIABLES;

  /** Your publishable key: `pk_test_…` (sandbox) or `pk_live_…` (production). */
  clientKey: string | null = null;
  /** The `client_token` of the payment session, created by your server. */
  clientToken: string | null = null;
  /** Origin of a local sandbox serving the frames, e.g. `http://127.0.0.1:4010`. Honoured for `pk_test_` keys only. */
  framesOrigin: string | null = null;
  /** Milliseconds to wait for the frame before `load-error` (15 000 by default). */
  loadTimeout: number = DEFAULT_LOAD_TIMEOUT;
  /**
   * Milliseconds one payment request may take, retries included, before the frame asks the
   * provider what became of it (30 000 by default; 1 000 to 120 000). A 3-D Secure challenge's
   * time with the customer does not count.
   */
  paymentTimeout: number = DEFAULT_PAYMENT_TIMEOUT;
  /** Language of the element; default: the closest `lang` attribute, then `<html lang>`, followed when they change. */
  override lang = '';
  /** @internal The resolved language, followed as the page's `lang` changes. */
  protected readonly locale = new LocaleController(this);
  /** @internal The theme variables, followed as the page's styles change (a dark-mode switch). */
  protected readonly theme = new ThemeController(this, (this.constructor as typeof MomentElement).themeVariables);

  /** @internal `payment-timeout` as the frame takes it, warning once about a value it cannot use. */
  protected get paymentTimeoutConfig(): { paymentTimeout?: number } {
    return paymentTimeoutConfig(this.paymentTimeout, (note) => warnOnce(this, note));
  }
}
