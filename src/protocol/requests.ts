/**
 * Bodies the frames send to the provider API, defined once: the frames build them (their types
 * are inferred here) and the sandbox checks what it receives with these same schemas, worded for
 * a developer in src/sandbox. The frames import only the types, so no schema here reaches a
 * browser bundle.
 *
 * The objects are strict: a key that is not declared is refused, never dropped.
 */
import { check, nullish, number, object, picklist, string, type Infer } from './schema.js';
import { CARD_NAME_MAX_LENGTH, checkCardNumber, checkCvv } from './card-rules.js';
import { AdditionalInfoSchema, AddressSchema, CustomerDetailsSchema, ShippingDetailsSchema } from './customer.js';
import { WALLET_KINDS } from './wallet.js';

export { CARD_NAME_MAX_LENGTH };
/** Longest wallet payment token, in characters. */
export const WALLET_TOKEN_MAX_LENGTH = 16_384;
/** Longest URL the API takes (Apple's `validationURL`, a return URL, a webhook endpoint), in characters. */
export const API_URL_MAX_LENGTH = 2048;

/**
 * The card of a card payment: the protocol's card rules (card-rules.ts) for the number and the
 * security code; the code's length for the number's brand, and the expiry against the clock, are
 * checked by the API, which knows both.
 */
export const CardSchema = object(
  {
    number: check(string(), (number) => checkCardNumber(number).valid, 'card-number'),
    expiryMonth: number({ integer: true, min: 1, max: 12 }),
    /** Four digits. */
    expiryYear: number({ integer: true, min: 1000, max: 9999 }),
    cvv: check(string(), (cvv) => checkCvv(cvv, null), 'cvv'),
    name: nullish(string({ max: CARD_NAME_MAX_LENGTH })),
  },
  true,
);

/** Body of `POST /v1/payments` (Bearer client token, `Idempotency-Key` header). */
export const CardPaymentRequestSchema = object({ card: CardSchema, additionalInfo: nullish(AdditionalInfoSchema) }, true);
export type CardPaymentRequest = Infer<typeof CardPaymentRequestSchema>;

/** Body of `POST /v1/wallet/payments`: the wallet's token and what its sheet collected. */
export const WalletPaymentRequestSchema = object(
  {
    wallet: picklist(WALLET_KINDS),
    /** The wallet's payment token, opaque to everyone but the provider (a `tok_sandbox_…` in the sandbox). */
    token: string({ min: 1, max: WALLET_TOKEN_MAX_LENGTH }),
    /** The customer's `userEmailAddress`, as the sheet names it; never empty. */
    email: nullish(check(CustomerDetailsSchema.entries.userEmailAddress, (email) => !!email, 'empty')),
    billingAddress: nullish(AddressSchema),
    shippingDetails: nullish(ShippingDetailsSchema),
  },
  true,
);
export type WalletPaymentRequest = Infer<typeof WalletPaymentRequestSchema>;

/** Apple's `validationURL` is always an https URL on one of its payment gateways. */
export function isAppleValidationUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && (url.hostname === 'apple.com' || url.hostname.endsWith('.apple.com'));
  } catch {
    return false;
  }
}

/** Body of `POST /v1/wallet/apple-pay/validate-merchant`. */
export const AppleMerchantValidationRequestSchema = object(
  {
    /** `event.validationURL` of Apple's `onvalidatemerchant`: an https URL on apple.com. */
    validationURL: check(string({ max: API_URL_MAX_LENGTH }), isAppleValidationUrl, 'apple-url'),
    /** The domain the button is shown on (the frames origin's host). */
    domain: string({ pattern: /^[A-Za-z0-9.-]{1,253}$/ }),
  },
  true,
);
export type AppleMerchantValidationRequest = Infer<typeof AppleMerchantValidationRequestSchema>;

/** Answers the 3-D Secure challenge page posts for the customer (`cancel`: they left the bank page). */
export const CHALLENGE_ANSWERS = ['pass', 'fail', 'cancel'] as const;
/** Body of `POST /3ds/challenge/{payment id}` (the challenge page, on the frames origin). */
export const ChallengeAnswerSchema = object({ result: picklist(CHALLENGE_ANSWERS) }, true);
export type ChallengeAnswer = Infer<typeof ChallengeAnswerSchema>;
