/**
 * Card brand detection, backed by credit-card-type (the brands' prefixes, lengths, gaps and
 * security codes), mapped onto the protocol's `CardBrand` names.
 */
import creditCardType from 'credit-card-type';
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

/** Detects the brand of a digits-only card number; `null` while no single brand matches. */
export function detectBrand(digits: string): BrandInfo | null {
  if (digits === '') return null;
  const matches = creditCardType(digits);
  // Several brands still match a short prefix: none yet.
  const card = matches.length === 1 ? matches[0]! : null;
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
