/**
 * The wallet frame's calls to the provider API on its own origin, with the client token: read
 * the session (amount, currency, title), validate an Apple Pay merchant, and charge a wallet
 * token (`POST /v1/wallet/payments`, idempotent, 30 s timeout, retried after a network failure
 * with the same key). Answers map onto a `TransactionResult` as card payments do.
 */
import type { TransactionResult } from '../../protocol/card.js';
import { FRAME_SESSION_PATH } from '../../protocol/api.js';
import { APPLE_PAY_VALIDATE_MERCHANT_PATH, WALLET_PAYMENTS_PATH, type WalletPaymentRequest } from '../../protocol/wallet.js';
import { DEFAULT_MESSAGES, UnfinishedAttempt, send, withSessionStatus, type PaymentApiOptions } from '../card/payment.js';

/** The same options as the card's payment calls; `retries` applies to payments only. */
export type WalletApiOptions = PaymentApiOptions;

/**
 * What the wallet frame needs of the payment session. `wallet` is what a production provider
 * must add to `GET /v1/session` for the real wallets (the local sandbox has no use for it).
 */
export interface WalletSessionInfo {
  amount: number;
  currency: string;
  title?: string;
  wallet?: {
    merchantName?: string;
    /** ISO 3166-1 alpha-2 country of the merchant. */
    countryCode?: string;
    /** Google Pay tokenization: the provider's gateway name and the merchant's id there. */
    gateway?: string;
    gatewayMerchantId?: string;
    googleMerchantId?: string;
  };
}

const text = (value: unknown, max = 200): string | undefined => (typeof value === 'string' && value.length <= max ? value : undefined);

/** Charges a wallet token, once per idempotency key, with the card's rules for lost answers (`charge`). */
export async function payWithWallet(
  api: WalletApiOptions,
  request: WalletPaymentRequest,
  idempotencyKey: string,
  attempt = new UnfinishedAttempt(),
): Promise<TransactionResult> {
  const outcome = await attempt.charge(api, WALLET_PAYMENTS_PATH, JSON.stringify(request), idempotencyKey);
  // Wallet tokens are authenticated by the wallet; a challenge here is the provider's anomaly.
  return outcome.kind === 'result'
    ? withSessionStatus(api, outcome.result)
    : { statusCode: 3, message: DEFAULT_MESSAGES[3], paymentId: outcome.challenge.paymentId };
}

/** Reads the session's amount, currency and title; `undefined` when it cannot be read. */
export async function fetchSessionInfo(api: WalletApiOptions): Promise<WalletSessionInfo | undefined> {
  try {
    const { status, body } = await send(api, FRAME_SESSION_PATH, { method: 'GET' }, 0);
    const info = body as { amount?: unknown; currency?: unknown; title?: unknown; wallet?: Record<string, unknown> } | null;
    if (status !== 200 || !info || typeof info.amount !== 'number' || !Number.isInteger(info.amount) || typeof info.currency !== 'string') return undefined;
    const out: WalletSessionInfo = { amount: info.amount, currency: info.currency };
    const title = text(info.title);
    if (title) out.title = title;
    if (info.wallet && typeof info.wallet === 'object') {
      const w = info.wallet;
      const wallet: NonNullable<WalletSessionInfo['wallet']> = {};
      for (const name of ['merchantName', 'countryCode', 'gateway', 'gatewayMerchantId', 'googleMerchantId'] as const) {
        const value = text(w[name]);
        if (value) wallet[name] = value;
      }
      out.wallet = wallet;
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Asks the provider for an Apple Pay merchant session; rejects when it refuses. */
export async function validateAppleMerchant(api: WalletApiOptions, validationURL: string, domain: string): Promise<unknown> {
  const { status, body } = await send(
    api,
    APPLE_PAY_VALIDATE_MERCHANT_PATH,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ validationURL, domain }) },
    1,
  );
  if (status !== 200 || typeof body !== 'object' || body === null) throw new Error(`Merchant validation failed (HTTP ${status}).`);
  return body;
}
