import { define } from '../../core/define.js';
import { MomentCheckout } from './moment-checkout.component.js';

export { MomentCheckout };
export * from './moment-checkout.component.js';

define('moment-checkout', MomentCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'moment-checkout': MomentCheckout;
  }
}
