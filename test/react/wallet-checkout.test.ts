// The React wrappers of <wallet-button> and <moment-checkout>: event props with typed details,
// callback properties set on the element, refs that give the element (launch(), close()).
import { expect } from '@open-wc/testing';
import { createElement, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MomentCheckout, WalletButton, type MomentCheckoutElement, type WalletButtonElement } from '../../src/react/index.js';
import type { CheckoutOpenDetail, EmptyDetail, PaymentInitiatedDetail, WalletAvailabilityDetail } from '../../src/core/events.js';
import type { TransactionResult } from '../../src/protocol/card.js';
import { createSession, frameClick, frameName, TEST_KEY, until } from '../support/helpers.js';
import { BUTTON } from '../wallet-button/helpers.js';

describe('React <WalletButton> and <MomentCheckout>', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    container.style.width = '420px';
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('<WalletButton>: onWalletAvailability and onPaymentInitiated get their details; paymentComplete stays a property', async () => {
    const session = await createSession();
    const ref = createRef<WalletButtonElement>();
    const availability: WalletAvailabilityDetail[] = [];
    const initiated: PaymentInitiatedDetail[] = [];
    const paymentComplete = (result: TransactionResult) => result;
    root.render(
      createElement(WalletButton, {
        ref,
        clientKey: TEST_KEY,
        clientToken: session.client_token,
        onWalletAvailability: (e) => availability.push(e.detail),
        onPaymentInitiated: (e) => initiated.push(e.detail),
        paymentComplete,
      }),
    );
    await until(() => availability.length > 0, 10_000, 'onWalletAvailability');
    expect(availability.at(-1)!.available).to.equal(true);
    expect(ref.current!.paymentComplete).to.equal(paymentComplete);
    await frameClick(frameName(ref.current!), BUTTON);
    await until(() => initiated.length === 1, 5000, 'onPaymentInitiated');
    expect(initiated[0]!.wallet).to.equal('sandbox');
  });

  it('<MomentCheckout>: the ref launches and closes; onCheckoutOpen and onCheckoutClose get their details; onSuccess stays a property', async () => {
    const ref = createRef<MomentCheckoutElement>();
    const opened: CheckoutOpenDetail[] = [];
    const closed: EmptyDetail[] = [];
    const onSuccess = () => undefined;
    root.render(
      createElement(MomentCheckout, {
        ref,
        clientKey: TEST_KEY,
        fetchClientToken: async () => (await createSession({ variant: 'modal' })).client_token,
        onCheckoutOpen: (e) => opened.push(e.detail),
        onCheckoutClose: (e) => closed.push(e.detail),
        onSuccess,
      }),
    );
    await until(() => ref.current !== null, 5000, 'the ref');
    expect(ref.current!.onSuccess).to.equal(onSuccess);
    const launched = await ref.current!.launch();
    expect(launched.variant).to.equal('modal');
    await until(() => opened.length === 1, 5000, 'onCheckoutOpen');
    expect(opened[0]).to.deep.equal({ variant: 'modal', checkoutUrl: launched.checkoutUrl });
    ref.current!.close();
    await until(() => closed.length === 1, 5000, 'onCheckoutClose');
    document.documentElement.style.overflow = '';
  });
});
