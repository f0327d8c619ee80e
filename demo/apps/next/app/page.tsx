import { headers } from 'next/headers';
import { Checkout } from './checkout';

// A new payment session per visit.
export const dynamic = 'force-dynamic';

const apiBase = process.env.MOMENT_API_URL ?? 'http://127.0.0.1:4010';
const secretKey = process.env.MOMENT_SECRET_KEY ?? 'sk_test_demo';

/** Runs on the server only: the secret key never reaches the browser, only the client token does. */
async function createPaymentSession(origin: string): Promise<string> {
  const response = await fetch(`${apiBase}/collect/payment_sessions`, {
    method: 'POST',
    cache: 'no-store',
    signal: AbortSignal.timeout(15_000),
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({
      amount: 2500,
      currency: 'GBP',
      type: 'one_time',
      reference: `order-${crypto.randomUUID()}`,
      line_items: [{ name: 'Moment tee', quantity: 1, amount: 2500 }],
      allowed_origins: [origin],
    }),
  });
  if (!response.ok) throw new Error(`Could not create the payment session (${response.status}).`);
  const session = (await response.json()) as { client_token: string };
  return session.client_token;
}

export default async function ShopPage() {
  const requestHeaders = await headers();
  const protocol = requestHeaders.get('x-forwarded-proto') ?? 'http';
  const clientToken = await createPaymentSession(`${protocol}://${requestHeaders.get('host')}`);
  return (
    <main>
      <h1>Moment shop</h1>
      <p>Moment tee × 1 — £25.00</p>
      <Checkout clientToken={clientToken} />
    </main>
  );
}
