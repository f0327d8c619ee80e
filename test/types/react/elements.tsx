// React 19 JSX with the raw tags: `import '@momentpay/elements/jsx'` is the only glue.
import '@momentpay/elements/jsx';
import { useRef } from 'react';
import type { CardComponent } from '@momentpay/elements';

export function Elements({ token }: { token: string }) {
  const ref = useRef<CardComponent>(null);
  const brands: string[] = [];
  return (
    <>
      <card-component
        ref={ref}
        clientToken={token}
        client-key="pk_test_demo"
        hide-card-name
        load-timeout={5000}
        styles={{ base: { default: { color: '#111' } } }}
        onchange={(e) => brands.push(e.detail.brand)}
        onpayment-success={(e) => e.detail.statusCode}
        onload-error={(e) => e.detail.code}
      />
      <wallet-button button-color="white" onwallet-availability={(e) => e.detail.available} onpayment-initiated={(e) => e.detail.wallet} />
      <moment-checkout fetchClientToken={async () => token} oncheckout-open={(e) => e.detail.variant} onpayment-cancel={(e) => e.detail.sessionId} />
      {/* @ts-expect-error the detail of change is a CardChange */}
      <card-component onchange={(e: CustomEvent<{ nope: string }>) => e.detail.nope} />
      {/* @ts-expect-error a seed callback property named on… would become a listener: set it through a ref */}
      <card-component onIframeLoaded={() => undefined} />
      {/* @ts-expect-error not a property of the element */}
      <card-component clientTokn="x" />
      {/* @ts-expect-error properties keep their types */}
      <card-component loadTimeout="soon" />
    </>
  );
}
