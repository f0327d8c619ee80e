'use client';
/**
 * React components for the elements (`@momentpay/elements/react`), for React 18 and 19 and server
 * rendering. Element properties (`clientToken`, `styles`, and the seed's callback properties such
 * as `onIframeLoaded` and `onBlur`) are set on the element after hydration; every element event
 * is an `on<EventName>` prop that receives the `CustomEvent`.
 * A ref gives the element itself (`ref.current.executePayment()`, `ref.current.launch()`).
 *
 * A client module: importing it registers the tags, and touches no `window` or `document` on the
 * server.
 */
import React from 'react';
import type { ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from 'react';
import { createComponent } from '@lit/react';
import type { LitElement } from 'lit';
import { CardComponent as CardComponentElement } from '../elements/card-component/card-component.component.js';
import { WalletButton as WalletButtonElement } from '../elements/wallet-button/wallet-button.component.js';
import { MomentCheckout as MomentCheckoutElement } from '../elements/moment-checkout/moment-checkout.component.js';
import type { CardComponentEventMap, MomentCheckoutEventMap, WalletButtonEventMap } from '../core/events.js';
// Registration modules: no-ops on the server (no `customElements` there).
import '../elements/card-component/card-component.js';
import '../elements/wallet-button/wallet-button.js';
import '../elements/moment-checkout/moment-checkout.js';

export type { CardComponentElement, WalletButtonElement, MomentCheckoutElement };
export type { CardComponentEventMap, WalletButtonEventMap, MomentCheckoutEventMap };

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The React prop of a DOM event: `payment-success` → `onPaymentSuccess`. */
export type EventPropName<E extends string> = `on${PascalCase<E>}`;

/** One optional handler prop per event of an event map, receiving the typed `CustomEvent`. */
export type EventProps<M> = { [K in keyof M & string as EventPropName<K>]?: (event: CustomEvent<M[K]>) => void };

/** The prop → event-name table for an event map: exactly one entry per event, so a missing or stray entry fails to compile. */
type EventTable<M> = { [K in keyof M & string as EventPropName<K>]: K };

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Public, writable, non-method members of an element class that a plain HTMLElement / LitElement does not have. */
type SettableKeys<I> = {
  [K in Exclude<keyof I, keyof LitElement | symbol>]-?: I[K] extends (...args: never[]) => unknown
    ? never
    : IfEquals<Pick<I, K>, { -readonly [Q in K]: I[Q] }, K, never>;
}[Exclude<keyof I, keyof LitElement | symbol>];

/** The element's properties, as optional props (set as properties, never as attributes). */
export type ElementProps<I> = Partial<Pick<I, SettableKeys<I>>>;

/** Props of a wrapped element: its properties, its events as `on<EventName>` and the usual HTML attributes. */
export type WrappedElementProps<I extends HTMLElement, M> = Omit<HTMLAttributes<I>, keyof EventProps<M> | keyof ElementProps<I>> &
  Omit<ElementProps<I>, keyof EventProps<M>> &
  EventProps<M>;

export type CardComponentProps = WrappedElementProps<CardComponentElement, CardComponentEventMap>;
export type WalletButtonProps = WrappedElementProps<WalletButtonElement, WalletButtonEventMap>;
export type MomentCheckoutProps = WrappedElementProps<MomentCheckoutElement, MomentCheckoutEventMap>;

const cardComponentEvents = {
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

const walletButtonEvents = {
  onReady: 'ready',
  onLoadError: 'load-error',
  onWalletAvailability: 'wallet-availability',
  onPaymentInitiated: 'payment-initiated',
  onPaymentCancel: 'payment-cancel',
  onPaymentSuccess: 'payment-success',
  onPaymentAttemptFailed: 'payment-attempt-failed',
  onPaymentFailure: 'payment-failure',
  onPaymentExpired: 'payment-expired',
  onPaymentUnknown: 'payment-unknown',
} as const satisfies EventTable<WalletButtonEventMap>;

const momentCheckoutEvents = {
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

/** Which prop listens to which event, per component (for tools and docs). */
export const eventProps = {
  CardComponent: cardComponentEvents,
  WalletButton: walletButtonEvents,
  MomentCheckout: momentCheckoutEvents,
} as const;

/** `<card-component>`: secure card fields. The ref is the element: `ref.current.executePayment()`. */
export const CardComponent = createComponent({
  react: React,
  tagName: 'card-component',
  elementClass: CardComponentElement,
  events: cardComponentEvents,
  displayName: 'CardComponent',
}) as unknown as ForwardRefExoticComponent<CardComponentProps & RefAttributes<CardComponentElement>>;

/** `<wallet-button>`: Apple Pay / Google Pay button. The ref is the element. */
export const WalletButton = createComponent({
  react: React,
  tagName: 'wallet-button',
  elementClass: WalletButtonElement,
  events: walletButtonEvents,
  displayName: 'WalletButton',
}) as unknown as ForwardRefExoticComponent<WalletButtonProps & RefAttributes<WalletButtonElement>>;

/** `<moment-checkout>`: the hosted checkout. The ref is the element: `ref.current.launch()`. */
export const MomentCheckout = createComponent({
  react: React,
  tagName: 'moment-checkout',
  elementClass: MomentCheckoutElement,
  events: momentCheckoutEvents,
  displayName: 'MomentCheckout',
}) as unknown as ForwardRefExoticComponent<MomentCheckoutProps & RefAttributes<MomentCheckoutElement>>;
