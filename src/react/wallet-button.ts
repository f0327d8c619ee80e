'use client';
/**
 * `@momentpay/elements/react/wallet-button`: the React component of `<wallet-button>` alone. Importing it
 * registers that element only, so an app that uses only this component ships no other element's
 * code. A client module: it touches no `window` or `document` on the server.
 */
import React from 'react';
import type { ForwardRefExoticComponent, RefAttributes } from 'react';
import { createComponent } from '@lit/react';
import { WalletButton as WalletButtonElement } from '../elements/wallet-button/wallet-button.component.js';
import type { WalletButtonEventMap } from '../core/events.js';
import type { EventTable, WrappedElementProps } from './shared.js';
// Registration: a no-op on the server (no `customElements` there).
import '../elements/wallet-button/wallet-button.js';

export type { WalletButtonElement, WalletButtonEventMap };
export type WalletButtonProps = WrappedElementProps<WalletButtonElement, WalletButtonEventMap>;

/** Which prop listens to which event. */
export const walletButtonEvents = {
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

/** `<wallet-button>`: Apple Pay / Google Pay button. The ref is the element. */
export const WalletButton = createComponent({
  react: React,
  tagName: 'wallet-button',
  elementClass: WalletButtonElement,
  events: walletButtonEvents,
  displayName: 'WalletButton',
}) as unknown as ForwardRefExoticComponent<WalletButtonProps & RefAttributes<WalletButtonElement>>;
