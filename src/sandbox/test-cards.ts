import type { PaymentAttemptStatus } from '../protocol/api.js';
import type { CardBrand, StatusCode } from '../protocol/card.js';
import { MAX_CARD_NUMBER_LENGTH, MIN_CARD_NUMBER_LENGTH, checkCardNumber, detectBrand as detectCardBrand } from '../protocol/card-rules.js';

/** What the sandbox bank answers for a card number. */
export type CardOutcome =
  { kind: 'settled'; status: Exclude<PaymentAttemptStatus, 'requires_action'>; statusCode: StatusCode; message: string } | { kind: 'challenge' };

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

/** The sandbox's brand of a card number: the protocol's detection (the card frame's), `unknown` when none. */
export function detectBrand(digits: string): CardBrand {
  return detectCardBrand(digits)?.brand ?? 'unknown';
}

/**
 * Why `POST /v1/payments` refuses a card number, by the protocol's card rules (the ones the card
 * frame applies), as a predicate on `card.number`: never the number itself.
 */
export function cardNumberMessage(number: string): string {
  const brand = detectCardBrand(number);
  switch (checkCardNumber(number, brand).reason) {
    case 'digits':
      return `must be ${MIN_CARD_NUMBER_LENGTH} to ${MAX_CARD_NUMBER_LENGTH} digits`;
    case 'brand':
      return 'is not a valid card number (no card brand starts with these digits)';
    case 'length':
      return `is not a valid card number (${brand?.name} numbers are ${brand?.lengths.join(', ')} digits long)`;
    default:
      return 'is not a valid card number (wrong check digit)';
  }
}
