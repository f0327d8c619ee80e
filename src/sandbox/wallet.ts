/// <reference types="node" />
/**
 * Wallet payments in the sandbox: the wallet frame posts the wallet's token (a `tok_sandbox_…`
 * naming a test card) and the sandbox decides the outcome by that card, on the same session,
 * idempotency and settlement rules as card payments. Also Apple Pay's merchant validation (a fake
 * merchant session) and a placeholder of Apple's domain verification file.
 */
import { randomBytes } from 'node:crypto';
import { fields, textWords, worded } from './schema.js';
import type { Hono } from 'hono';
import { APPLE_PAY_DOMAIN_ASSOCIATION_PATH, APPLE_PAY_VALIDATE_MERCHANT_PATH, SANDBOX_WALLET_CARDS, WALLET_PAYMENTS_PATH } from '../protocol/wallet.js';
import {
  API_URL_MAX_LENGTH,
  AppleMerchantValidationRequestSchema,
  WALLET_TOKEN_MAX_LENGTH,
  WalletPaymentRequestSchema,
  type WalletPaymentRequest,
} from '../protocol/requests.js';
import { requireClientSession } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure } from './errors.js';
import { randomId } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import { attemptPayment, customerWords, handlePaymentRequest } from './payments.js';
import { CUSTOMER_LIMITS, type CustomerDetails } from '../protocol/customer.js';

/**
 * Test wallet tokens and the test card each stands for. The sheet offers the first three
 * (`SANDBOX_WALLET_CARDS`); the others let tests and merchants' CI reach every outcome.
 */
export const SANDBOX_WALLET_TOKENS: ReadonlyMap<string, string> = new Map([
  ['tok_sandbox_visa', '4242424242424242'],
  ['tok_sandbox_mastercard', '5555555555554444'],
  ['tok_sandbox_amex', '378282246310005'],
  ['tok_sandbox_declined', '4000000000000002'],
  ['tok_sandbox_insufficient_funds', '4000000000009995'],
  ['tok_sandbox_referred', '4000000000000127'],
  ['tok_sandbox_provider_error', '4000000000000119'],
]);
// The sheet must never offer a token the sandbox does not know.
for (const card of SANDBOX_WALLET_CARDS) {
  if (!SANDBOX_WALLET_TOKENS.has(card.token)) throw new Error(`Unknown sandbox wallet token ${card.token}.`);
}

/** Body of `POST /v1/wallet/payments` (the protocol's `WalletPaymentRequestSchema`), worded. Messages never repeat the value they reject. */
export const WalletPaymentSchema = worded(
  WalletPaymentRequestSchema,
  fields(WalletPaymentRequestSchema, {
    wallet: "must be 'apple-pay', 'google-pay' or 'sandbox'",
    token: textWords(WALLET_TOKEN_MAX_LENGTH, 1),
    email: (email: unknown) =>
      typeof email !== 'string' || email === ''
        ? 'must be an email address'
        : `must be an email address of at most ${CUSTOMER_LIMITS.userEmailAddress} characters`,
    /** What the sheet collected: the protocol's customer detail schemas, worded as the protocol words them. */
    billingAddress: customerWords,
    shippingDetails: customerWords,
  }),
);

/** What the wallet sheet collected, as `CustomerDetails` (the email becomes `userEmailAddress`). */
export function walletCustomerDetails(payment: WalletPaymentRequest): CustomerDetails | undefined {
  const { email, billingAddress, shippingDetails } = payment;
  if (email == null && billingAddress == null && shippingDetails == null) return undefined;
  return {
    ...(email != null && { userEmailAddress: email }),
    ...(billingAddress != null && { billingAddress }),
    ...(shippingDetails != null && { shippingDetails }),
  };
}

/** The test card behind a wallet token; `undefined` for a token the sandbox cannot read. */
function cardFor(payment: WalletPaymentRequest): string | undefined {
  const number = SANDBOX_WALLET_TOKENS.get(payment.token);
  if (number) return number;
  if (payment.wallet === 'sandbox') {
    throw new ApiFailure(400, 'invalid_request_error', `token must be a sandbox wallet token (${[...SANDBOX_WALLET_TOKENS.keys()].join(', ')})`, 'token');
  }
  // A token from Apple's or Google's own test environment: the sandbox cannot decrypt it, and
  // treats it like any other valid card (success).
  return undefined;
}

/**
 * Decides and records one wallet payment attempt, on the rules of card payments: never a second
 * charge (a duplicate answers 20), a locked session answers 429, a closed one 409, and a 3-D
 * Secure challenge nobody answered is abandoned. Synchronous, so no two attempts interleave.
 */
const ValidateMerchantSchema = worded(
  AppleMerchantValidationRequestSchema,
  fields(AppleMerchantValidationRequestSchema, {
    validationURL: (url: unknown) =>
      typeof url !== 'string'
        ? 'must be a string'
        : url.length > API_URL_MAX_LENGTH
          ? `must be at most ${API_URL_MAX_LENGTH} characters`
          : 'must be an https URL on apple.com',
    domain: (domain: unknown) => (typeof domain === 'string' ? 'must be a host name' : 'must be a string'),
  }),
);

/** Served at Apple's well-known path so that a sandbox origin can be registered for testing. */
export const DOMAIN_ASSOCIATION_PLACEHOLDER = [
  'PLACEHOLDER — NOT A REAL APPLE PAY DOMAIN ASSOCIATION FILE',
  '',
  'This file is served by the Moment Elements local sandbox at',
  '/.well-known/apple-developer-merchantid-domain-association so that integrations can check the path.',
  'Apple will not verify a domain with it.',
  '',
  'In production, every domain (and subdomain) that shows the Apple Pay button must serve the',
  'domain association file issued for your merchant by the payment provider, at exactly this path,',
  "over https, with HTTP 200 and no redirect, reachable from Apple's verification IP addresses.",
  '',
].join('\n');

/** Wallet payments, Apple Pay merchant validation and the domain association placeholder. */
export function registerWalletRoutes(app: Hono, ctx: SandboxContext): void {
  app.post(WALLET_PAYMENTS_PATH, (c) =>
    handlePaymentRequest(
      c,
      ctx,
      (body) => {
        const request = parseOrFail(WalletPaymentSchema, body);
        return { request, customerDetails: walletCustomerDetails(request) };
      },
      (session, { request, customerDetails }) => attemptPayment(ctx, session, { number: cardFor(request), allowChallenge: false, customerDetails }),
    ),
  );

  app.post(APPLE_PAY_VALIDATE_MERCHANT_PATH, async (c) => {
    const session = await requireClientSession(c, ctx);
    const { domain } = parseOrFail(ValidateMerchantSchema, await readJsonObject(c));
    const now = ctx.now();
    // The shape of Apple's merchant session object; nothing in it is valid for Apple.
    return c.json({
      epochTimestamp: now,
      expiresAt: now + 5 * 60_000,
      merchantSessionIdentifier: randomId('SSH_sandbox_'),
      nonce: randomBytes(4).toString('hex'),
      merchantIdentifier: 'merchant.net.momentpay.sandbox',
      domainName: domain,
      displayName: session.title ?? 'Moment sandbox merchant',
      signature: 'sandbox-not-signed-by-apple',
      operationalAnalyticsIdentifier: 'sandbox',
      retries: 0,
      sandbox: true,
    });
  });

  app.get(APPLE_PAY_DOMAIN_ASSOCIATION_PATH, (c) =>
    c.body(DOMAIN_ASSOCIATION_PLACEHOLDER, 200, {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    }),
  );
}
