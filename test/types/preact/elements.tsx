// Preact JSX with the raw tags: `import '@momentpay/elements/preact'` is the only glue.
import '@momentpay/elements/preact';
import { useRef } from 'preact/hooks';
import type { CardComponent } from '@momentpay/elements';

export function Elements({ token }: { token: string }) {
  const ref = useRef<CardComponent>(null);
  return (
    <>
      <card-component ref={ref} clientToken={token} client-key="pk_test_demo" onchange={(e) => e.detail.brand} onpayment-success={(e) => e.detail.statusCode} />
      <wallet-button onwallet-availability={(e) => e.detail.available} />
      <moment-checkout fetchClientToken={async () => token} oncheckout-open={(e) => e.detail.variant} />
      {/* @ts-expect-error the detail of change is a CardChange */}
      <card-component onchange={(e: CustomEvent<{ nope: string }>) => e.detail.nope} />
      {/* @ts-expect-error not a property of the element */}
      <card-component clientTokn="x" />
      {/* @ts-expect-error properties keep their types: loadTimeout is a number */}
      <card-component loadTimeout="soon" />
    </>
  );
}
