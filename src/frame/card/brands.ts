/**
 * Card brand detection for the frame: the protocol's card rules (src/protocol/card-rules.ts), the
 * same ones the sandbox validates payments with. Re-exported here under the frame's names.
 */
export { DEFAULT_GAPS, MAX_CARD_NUMBER_LENGTH, detectBrand, maxCardNumberLength, type BrandInfo } from '../../protocol/card-rules.js';
