import type { PaymentAttemptStatus } from '../protocol/api.js';
import type { CardBrand, StatusCode } from '../protocol/card.js';

/** What the sandbox bank answers for a card number. */
export type CardOutcome =
  | { kind: 'settled'; status: Exclude<PaymentAttemptStatus, 'requires_action'>; statusCode: StatusCode; message: string }
  | { kind: 'challenge' };

export const MESSAGES = {
  succeeded: 'Payment successful.',
  declined: 'Card declined. Please try a different card or contact your bank.',
  insufficientFunds: 'Insufficient funds. Please try a different card.',
  referred: 'Your bank needs to confirm this payment. Please contact your bank or try a different card.',
  providerError: 'Provider error: the payment could not be processed. Please try again in a few minutes.',
  requiresAction: 'Your bank needs you to confirm this payment.',
  authenticationFailed: 'Authentication failed. Please try again or use a different card.',
  authenticationAbandoned: 'Authentication was not completed.',
  authenticationCancelled: 'Authentication was cancelled. You can try again.',
  duplicate: 'This payment has already been completed.',
} as const;

const SUCCESS: CardOutcome = { kind: 'settled', status: 'succeeded', statusCode: 0, message: MESSAGES.succeeded };

/** The published test cards (SPEC §3). Any other valid number succeeds. */
export const TEST_CARDS: ReadonlyMap<string, CardOutcome> = new Map<string, CardOutcome>([
  ['4242424242424242', SUCCESS],
  ['5555555555554444', SUCCESS],
  ['378282246310005', SUCCESS],
  ['4000000000000002', { kind: 'settled', status: 'declined', statusCode: 5, message: MESSAGES.declined }],
  ['4000000000009995', { kind: 'settled', status: 'declined', statusCode: 5, message: MESSAGES.insufficientFunds }],
  ['4000000000000127', { kind: 'settled', status: 'referred', statusCode: 4, message: MESSAGES.referred }],
  ['4000000000003220', { kind: 'challenge' }],
  ['4000000000000119', { kind: 'settled', status: 'failed', statusCode: 30, message: MESSAGES.providerError }],
]);

export function outcomeFor(cardNumber: string): CardOutcome {
  return TEST_CARDS.get(cardNumber) ?? SUCCESS;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const BRAND_PREFIXES: readonly [CardBrand, RegExp][] = [
  ['american-express', /^3[47]/],
  ['diners-club', /^3(?:0[0-5]|[689])/],
  ['jcb', /^35(?:2[89]|[3-8])/],
  ['visa', /^4/],
  ['mastercard', /^(?:5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/],
  ['discover', /^(?:6011|64[4-9]|65)/],
  ['unionpay', /^62/],
  ['maestro', /^(?:5[06-9]|6[37])/],
];

/** Brand by prefix; enough for the sandbox to keep a masked record and to check CVV length. */
export function detectBrand(digits: string): CardBrand {
  return BRAND_PREFIXES.find(([, prefix]) => prefix.test(digits))?.[0] ?? 'unknown';
}
