/**
 * The card rules, once: which brand a card number belongs to, the lengths valid for it, its
 * security code length, and the Luhn checksum (with the brands exempt from it). The card frame
 * validates what the customer types with them and the sandbox validates `POST /v1/payments` with
 * them, so a number the form accepts is a number the API accepts.
 *
 * Brands come from credit-card-type's brand table (prefixes, lengths, gaps and security codes),
 * mapped onto the protocol's `CardBrand` names. Only the table is bundled: the matching below is
 * the package's own rule (a prefix or a range; the longest conclusive match wins), without its API
 * for changing the table at run time.
 *
 * Not in the host bundle: only the frames and the sandbox import this module (it is not
 * re-exported from `protocol/index.ts`).
 */
import CARD_TYPES from 'credit-card-type/dist/lib/card-types.js';
import { CARD_BRANDS, type CardBrand } from './card.js';

/** What is known about a detected brand, to format, validate and name it. */
export interface BrandInfo {
  /** Protocol brand name; `unknown` for a brand the protocol does not name (e.g. Troy). */
  brand: CardBrand;
  /** Display name, e.g. `American Express`. */
  name: string;
  /** Digit positions before which a space is shown (credit-card-type `gaps`). */
  gaps: readonly number[];
  /** Valid card number lengths. */
  lengths: readonly number[];
  /** Security code length. */
  cvvSize: number;
  /** Security code name for this brand (CVV, CVC, CID, ...). */
  cvvName: string;
}

/** Gaps used while the brand is still ambiguous or unknown. */
export const DEFAULT_GAPS: readonly number[] = [4, 8, 12];
/** Shortest and longest card number of any brand in the table (Maestro 12, several brands 19). */
export const MIN_CARD_NUMBER_LENGTH = 12;
export const MAX_CARD_NUMBER_LENGTH = 19;
/** Security code lengths accepted while the brand is unknown (a known brand has exactly one). */
export const MIN_CVV_LENGTH = 3;
export const MAX_CVV_LENGTH = 4;
/** Brands whose numbers need not pass the Luhn checksum (UnionPay issues numbers that do not). */
export const LUHN_EXEMPT_BRANDS: readonly CardBrand[] = ['unionpay'];

/** credit-card-type's test order (ties go to the earlier brand). */
const ORDER = 'visa mastercard american-express diners-club discover troy jcb unionpay naranja verve maestro elo mir hiper hipercard'.split(' ');

/** Whether the digits typed so far agree with a prefix (`4`) or a range (`[51, 55]`). */
function matches(digits: string, pattern: number | number[]): boolean {
  if (Array.isArray(pattern)) {
    const [min, max] = pattern.map(String) as [string, string];
    const head = digits.slice(0, min.length);
    const value = Number(head);
    return value >= Number(min.slice(0, head.length)) && value <= Number(max.slice(0, head.length));
  }
  const prefix = String(pattern);
  return prefix.slice(0, digits.length) === digits.slice(0, prefix.length);
}

/** The one brand the digits belong to, or `null` while several still could. */
function findBrand(digits: string) {
  const found: { card: (typeof CARD_TYPES)[string]; strength: number }[] = [];
  for (const name of ORDER) {
    const card = CARD_TYPES[name]!;
    const pattern = card.patterns.find((p) => matches(digits, p));
    if (pattern === undefined) continue;
    const length = String(Array.isArray(pattern) ? pattern[0] : pattern).length;
    // A match counts as conclusive once the whole prefix has been typed.
    found.push({ card, strength: digits.length >= length ? length : 0 });
  }
  if (found.length === 1) return found[0]!.card;
  if (found.length === 0 || found.some((f) => !f.strength)) return null;
  return found.reduce((best, f) => (f.strength > best.strength ? f : best)).card;
}

/** Detects the brand of a digits-only card number (whole or being typed); `null` while no single brand matches. */
export function detectBrand(digits: string): BrandInfo | null {
  if (digits === '') return null;
  const card = findBrand(digits);
  if (!card) return null;
  return {
    brand: (CARD_BRANDS as readonly string[]).includes(card.type) ? (card.type as CardBrand) : 'unknown',
    name: card.niceType,
    gaps: card.gaps,
    lengths: card.lengths,
    cvvSize: card.code.size,
    cvvName: card.code.name,
  };
}

/** Longest card number accepted for a brand (or for an undetected one). */
export function maxCardNumberLength(info: BrandInfo | null): number {
  return info ? Math.max(...info.lengths) : MAX_CARD_NUMBER_LENGTH;
}

/** Luhn (mod 10) checksum of a digits-only string. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let n = digits.charCodeAt(i) - 48;
    if (double && (n *= 2) > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * Why a card number is refused: `digits` not 12 to 19 digits (nothing else), `brand` no brand
 * recognized, `length` a length its brand does not issue, `luhn` a bad check digit.
 */
export type CardNumberProblem = 'digits' | 'brand' | 'length' | 'luhn';

export interface CardNumberCheck {
  /** The detected brand; `unknown` when none (or one the protocol does not name). */
  brand: CardBrand;
  valid: boolean;
  /** Why it is not valid; `undefined` when it is. */
  reason?: CardNumberProblem | undefined;
}

/**
 * The one card number rule: 12 to 19 digits, one brand recognized, a length valid for that
 * brand, and the Luhn checksum unless the brand is exempt. `info` is the brand already detected
 * from the same digits, when the caller has it.
 */
export function checkCardNumber(digits: string, info: BrandInfo | null = detectBrand(digits)): CardNumberCheck {
  const reason = cardNumberProblem(digits, info);
  return { brand: info?.brand ?? 'unknown', valid: !reason, reason };
}

/** `checkCardNumber`'s reason alone: what is wrong with a card number, `undefined` when nothing. */
export function cardNumberProblem(digits: string, info: BrandInfo | null = detectBrand(digits)): CardNumberProblem | undefined {
  if (digits.length < MIN_CARD_NUMBER_LENGTH || digits.length > MAX_CARD_NUMBER_LENGTH || /\D/.test(digits)) return 'digits';
  if (!info) return 'brand';
  if (!info.lengths.includes(digits.length)) return 'length';
  if (!LUHN_EXEMPT_BRANDS.includes(info.brand) && !luhn(digits)) return 'luhn';
  return undefined;
}

/**
 * Security code length of a detected brand (`detectBrand`); `null` while no brand is detected,
 * and then any length from `MIN_CVV_LENGTH` to `MAX_CVV_LENGTH` is accepted.
 */
export function cvvLengthFor(brand: BrandInfo | null): number | null {
  return brand ? brand.cvvSize : null;
}

/** Whether a security code fits the detected brand: digits only, of the brand's length (3 or 4 while none is detected). */
export function checkCvv(cvv: string, brand: BrandInfo | null): boolean {
  const size = cvvLengthFor(brand);
  return !/\D/.test(cvv) && (size ? cvv.length === size : cvv.length >= MIN_CVV_LENGTH && cvv.length <= MAX_CVV_LENGTH);
}

/** Longest cardholder name, in characters (the card frame's name field and the payments API). */
export const CARD_NAME_MAX_LENGTH = 100;
