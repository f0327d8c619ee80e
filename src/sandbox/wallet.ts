/// <reference types="node" />
/**
 * Wallet payments in the sandbox: the wallet frame posts the wallet's token (a `tok_sandbox_…`
 * naming a test card) and the sandbox decides the outcome by that card, on the same session,
 * idempotency and settlement rules as card payments. Also Apple Pay's merchant validation (a fake
 * merchant session) and a placeholder of Apple's domain verification file.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { object } from './schema.js';
import type { Hono } from 'hono';
import {
  APPLE_PAY_DOMAIN_ASSOCIATION_PATH,
  APPLE_PAY_VALIDATE_MERCHANT_PATH,
  SANDBOX_WALLET_CARDS,
  WALLET_KINDS,
  WALLET_PAYMENTS_PATH,
} from '../protocol/wallet.js';
import { requireClientSession } from './auth.js';
import type { SandboxContext } from './context.js';
import { ApiFailure } from './errors.js';
import { randomId } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import { attemptPayment, checkCustomerSchema, handlePaymentRequest } from './payments.js';
import { CustomerDetailsSchema, type CustomerDetails } from '../protocol/customer.js';

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

/** Body of `POST /v1/wallet/payments`. Messages never repeat the value they reject. */
export const WalletPaymentSchema = object({
  wallet: v.picklist(WALLET_KINDS, "must be 'apple-pay', 'google-pay' or 'sandbox'"),
  token: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(16_384, 'must be at most 16384 characters')),
  /** What the sheet collected: checked with the protocol's `CustomerDetailsSchema` (see `walletCustomerDetails`). */
  email: v.nullish(v.unknown()),
  billingAddress: v.nullish(v.unknown()),
  shippingDetails: v.nullish(v.unknown()),
});
type WalletPayment = v.InferOutput<typeof WalletPaymentSchema>;

/**
 * What the wallet sheet collected, as `CustomerDetails` (the email becomes `userEmailAddress`),
 * checked with the protocol's one schema; errors name the request's own fields (`email`, …).
 */
export function walletCustomerDetails(payment: WalletPayment): CustomerDetails | undefined {
  const { email, billingAddress, shippingDetails } = payment;
  if (email == null && billingAddress == null && shippingDetails == null) return undefined;
  if (email != null && (typeof email !== 'string' || email === '')) {
    throw new ApiFailure(400, 'invalid_request_error', 'email must be an email address', 'email');
  }
  const details = {
    ...(email != null && { userEmailAddress: email }),
    ...(billingAddress != null && { billingAddress }),
    ...(shippingDetails != null && { shippingDetails }),
  };
  try {
    return checkCustomerSchema(CustomerDetailsSchema, details, '');
  } catch (error) {
    // The request calls the email `email`; the protocol calls it `userEmailAddress`.
    if (error instanceof ApiFailure && error.param === 'userEmailAddress') {
      throw new ApiFailure(400, 'invalid_request_error', error.message.replace(/^userEmailAddress/, 'email'), 'email');
    }
    throw error;
  }
}

/** The test card behind a wallet token; `undefined` for a token the sandbox cannot read. */
function cardFor(payment: WalletPayment): string | undefined {
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
const ValidateMerchantSchema = object({
  validationURL: v.pipe(
    v.string('must be a string'),
    v.maxLength(2048, 'must be at most 2048 characters'),
    v.check(isAppleValidationUrl, 'must be an https URL on apple.com'),
  ),
  domain: v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name')),
});

/** Apple's `validationURL` is always an https URL on one of its payment gateways. */
export function isAppleValidationUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && (url.hostname === 'apple.com' || url.hostname.endsWith('.apple.com'));
  } catch {
    return false;
  }
}

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
