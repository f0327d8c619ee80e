// The React components of `@momentpay/elements/react`.
import { useRef } from 'react';
import { CardComponent, MomentCheckout, WalletButton, type CardComponentElement, type MomentCheckoutElement } from '@momentpay/elements/react';

export function Wrapped({ token }: { token: string }) {
  const card = useRef<CardComponentElement>(null);
  const checkout = useRef<MomentCheckoutElement>(null);
  const pay = async () => (await card.current!.executePayment()).statusCode;
  const open = async () => (await checkout.current!.launch()).variant;
  return (
    <>
      <CardComponent
        ref={card}
        clientKey="pk_test_demo"
        clientToken={token}
        onReady={(e) => e.detail.height}
        onChange={(e) => e.detail.brand}
        onValidationError={(e) => e.detail.errors.map((error) => error.field)}
        onFormComplete={() => void pay()}
        onPaymentSuccess={(e) => e.detail.statusCode}
        onPaymentFailure={(e) => e.detail.message}
        onLoadError={(e) => e.detail.code}
        onIframeLoaded={() => undefined}
        onBlur={(isValid) => isValid}
        displayErrorsCallback={(errors) => errors.length}
      />
      <WalletButton
        clientToken={token}
        onPaymentInitiated={(e) => e.detail.wallet}
        onWalletAvailability={(e) => e.detail.wallets}
        paymentComplete={(r) => r.statusCode}
      />
      <MomentCheckout
        ref={checkout}
        fetchClientToken={async () => token}
        onCheckoutOpen={(e) => e.detail.checkoutUrl}
        onPaymentSuccess={(e) => e.detail.sessionId}
        onSuccess={(r) => r.sessionId}
      />
      <button onClick={() => void open()}>Pay</button>
      {/* @ts-expect-error the detail of change is a CardChange */}
      <CardComponent onChange={(e: CustomEvent<number>) => e.detail.toFixed()} />
      {/* @ts-expect-error no such property */}
      <CardComponent clientTokn="x" />
      {/* @ts-expect-error a checkout's payment-success carries a CheckoutResult: authCode is a string */}
      <MomentCheckout onPaymentSuccess={(e: CustomEvent<{ authCode: number }>) => e} />
    </>
  );
}
