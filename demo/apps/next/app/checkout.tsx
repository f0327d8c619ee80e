'use client';
import { useRef, useState } from 'react';
import { CardComponent, type CardComponentElement } from '@momentpay/elements/react';
import type { LoadErrorDetail, TransactionResult } from '@momentpay/elements';

/** The card form, rendered on the server and hydrated in the browser, with the token from the server. */
export function Checkout({ clientToken }: { clientToken: string }) {
  const card = useRef<CardComponentElement>(null);
  const [ready, setReady] = useState(false);
  const [paying, setPaying] = useState(false);
  const [result, setResult] = useState('');
  const [paid, setPaid] = useState(false);

  const onSuccess = (event: CustomEvent<TransactionResult>) => {
    setPaid(true);
    setResult(`Payment successful. Auth code ${event.detail.authCode}.`);
  };
  const onLoadError = (event: CustomEvent<LoadErrorDetail>) => setResult(`The payment form could not load: ${event.detail.message}`);

  async function pay() {
    setPaying(true);
    try {
      await card.current?.executePayment();
    } catch (error) {
      // Field errors are shown inside the card form; anything else here.
      if ((error as { code?: string }).code !== 'validation_failed') setResult((error as Error).message);
    } finally {
      setPaying(false);
    }
  }

  return (
    <>
      {!paid && (
        <>
          <CardComponent
            ref={card}
            clientKey="pk_test_demo"
            clientToken={clientToken}
            onReady={() => setReady(true)}
            onLoadError={onLoadError}
            onPaymentSuccess={onSuccess}
          />
          <button id="pay" type="button" disabled={!ready || paying} onClick={pay}>
            Pay £25.00
          </button>
        </>
      )}
      <p id="result" role="status">
        {result}
      </p>
    </>
  );
}
