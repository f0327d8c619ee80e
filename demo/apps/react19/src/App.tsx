import { useEffect, useRef, useState } from 'react';
import { CardComponent, WalletButton, type CardComponentElement } from '@momentpay/elements/react';
import type { LoadErrorDetail, TransactionResult } from '@momentpay/elements';

export function App() {
  const card = useRef<CardComponentElement>(null);
  const [clientToken, setClientToken] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [paying, setPaying] = useState(false);
  const [result, setResult] = useState('');
  const [paid, setPaid] = useState(false);

  useEffect(() => {
    // Our own backend creates the payment session with the secret key.
    let cancelled = false;
    fetch('/api/session', { method: 'POST' })
      .then((response) => response.json() as Promise<{ clientToken: string }>)
      .then((session) => {
        if (!cancelled) setClientToken(session.clientToken);
      });
    return () => {
      cancelled = true;
    };
  }, []);

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
    <main>
      <h1>Moment shop</h1>
      <p>Moment tee × 1 — £25.00</p>
      {clientToken && !paid && (
        <>
          <WalletButton clientKey="pk_test_demo" clientToken={clientToken} onPaymentSuccess={onSuccess} />
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
    </main>
  );
}
