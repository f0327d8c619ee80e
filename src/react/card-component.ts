'use client';
/**
 * `@momentpay/elements/react/card-component`: the React component of `<card-component>` alone. Importing it
 * registers that element only, so an app that uses only this component ships no other element's
 * code. A client module: it touches no `window` or `document` on the server.
 */
import React from 'react';
import type { ForwardRefExoticComponent, RefAttributes } from 'react';
import { createComponent } from '@lit/react';
import { CardComponent as CardComponentElement } from '../elements/card-component/card-component.component.js';
import type { CardComponentEventMap } from '../core/events.js';
import type { EventTable, WrappedElementProps } from './shared.js';
// Registration: a no-op on the server (no `customElements` there).
import '../elements/card-component/card-component.js';

export type { CardComponentElement, CardComponentEventMap };
export type CardComponentProps = WrappedElementProps<CardComponentElement, CardComponentEventMap>;

/** Which prop listens to which event. */
export const cardComponentEvents = {
  onReady: 'ready',
  onLoadError: 'load-error',
  onChange: 'change',
  onValidationError: 'validation-error',
  onFieldValid: 'field-valid',
  onFormComplete: 'form-complete',
  onFieldFocus: 'field-focus',
  onFieldBlur: 'field-blur',
  onSubmitRequest: 'submit-request',
  onPaymentSuccess: 'payment-success',
  onPaymentAttemptFailed: 'payment-attempt-failed',
  onPaymentFailure: 'payment-failure',
  onPaymentCancel: 'payment-cancel',
  onPaymentExpired: 'payment-expired',
  onPaymentUnknown: 'payment-unknown',
} as const satisfies EventTable<CardComponentEventMap>;

/** `<card-component>`: secure card fields. The ref is the element: `ref.current.executePayment()`. */
export const CardComponent = createComponent({
  react: React,
  tagName: 'card-component',
  elementClass: CardComponentElement,
  events: cardComponentEvents,
  displayName: 'CardComponent',
}) as unknown as ForwardRefExoticComponent<CardComponentProps & RefAttributes<CardComponentElement>>;
