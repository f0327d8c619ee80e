// emit() checks an element's events against its own event map.
import { emit } from '../../../src/core/events.js';
import { CardComponent } from '../../../src/elements/card-component/card-component.component.js';
import { MomentCheckout } from '../../../src/elements/moment-checkout/moment-checkout.component.js';

export function fire(card: CardComponent, checkout: MomentCheckout): void {
  emit(card, 'ready', { height: 120 });
  emit(card, 'change', { brand: 'visa', empty: false, complete: true, valid: true, fields: {} });
  emit(checkout, 'payment-cancel', { sessionId: 'ps_1', message: 'Closed.' });
  // @ts-expect-error <moment-checkout> does not fire ready
  emit(checkout, 'ready', { height: 1 });
  // @ts-expect-error not an event of <card-component>
  emit(card, 'checkout-open', { variant: 'modal', checkoutUrl: '' });
  // @ts-expect-error ready carries { height: number }
  emit(card, 'ready', { height: '120px' });
  // @ts-expect-error no element fires this
  emit(document.body, 'payment-succeeded', {});
}
