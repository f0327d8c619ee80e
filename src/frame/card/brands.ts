/**
 * Card brand detection on credit-card-type's brand table (prefixes, lengths, gaps and security
 * codes), mapped onto the protocol's `CardBrand` names. Only the table is bundled: the matching
 * below is the package's own rule (a prefix or a range; the longest conclusive match wins),
 * without its API for changing the table at run time.
 */
import CARD_TYPES from 'credit-card-type/dist/lib/card-types.js';
import { CARD_BRANDS, type CardBrand } from '../../protocol/card.js';

/** What the frame needs to know about a detected brand to format and validate. */
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

/** Gaps and maximum length used while the brand is still ambiguous or unknown. */
export const DEFAULT_GAPS: readonly number[] = [4, 8, 12];
export const MAX_CARD_NUMBER_LENGTH = 19;

const KNOWN_BRANDS: ReadonlySet<string> = new Set(CARD_BRANDS);
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

/** Detects the brand of a digits-only card number; `null` while no single brand matches. */
export function detectBrand(digits: string): BrandInfo | null {
  if (digits === '') return null;
  const card = findBrand(digits);
  if (!card) return null;
  return {
    brand: KNOWN_BRANDS.has(card.type) ? (card.type as CardBrand) : 'unknown',
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
