'use client';
/**
 * `@momentpay/elements/react/moment-checkout`: the React component of `<moment-checkout>` alone. Importing it
 * registers that element only, so an app that uses only this component ships no other element's
 * code. A client module: it touches no `window` or `document` on the server.
 */
import React from 'react';
import type { ForwardRefExoticComponent, RefAttributes } from 'react';
import { createComponent } from '@lit/react';
import { MomentCheckout as MomentCheckoutElement } from '../elements/moment-checkout/moment-checkout.component.js';
import type { MomentCheckoutEventMap } from '../core/events.js';
import type { EventTable, WrappedElementProps } from './shared.js';
// Registration: a no-op on the server (no `customElements` there).
import '../elements/moment-checkout/moment-checkout.js';

export type { MomentCheckoutElement, MomentCheckoutEventMap };
export type MomentCheckoutProps = WrappedElementProps<MomentCheckoutElement, MomentCheckoutEventMap>;

/** Which prop listens to which event. */
export const momentCheckoutEvents = {
  onCheckoutOpen: 'checkout-open',
  onCheckoutClose: 'checkout-close',
  onCheckoutError: 'checkout-error',
  onValidationError: 'validation-error',
  onPaymentSuccess: 'payment-success',
  onPaymentFailure: 'payment-failure',
  onPaymentAttemptFailed: 'payment-attempt-failed',
  onPaymentCancel: 'payment-cancel',
  onPaymentExpired: 'payment-expired',
  onPaymentUnknown: 'payment-unknown',
} as const satisfies EventTable<MomentCheckoutEventMap>;

/** `<moment-checkout>`: the hosted checkout. The ref is the element: `ref.current.launch()`. */
export const MomentCheckout = createComponent({
  react: React,
  tagName: 'moment-checkout',
  elementClass: MomentCheckoutElement,
  events: momentCheckoutEvents,
  displayName: 'MomentCheckout',
}) as unknown as ForwardRefExoticComponent<MomentCheckoutProps & RefAttributes<MomentCheckoutElement>>;
