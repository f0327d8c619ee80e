/**
 * Formatting (what the customer sees) and parsing (what is validated and sent), kept apart.
 * Every formatter is pure: `(raw, caret) → {value, caret}`, where the caret stays after the same
 * number of digits as before the reformatting.
 */
import { DEFAULT_GAPS, MAX_CVV_LENGTH, detectBrand, maxCardNumberLength } from '../../protocol/card-rules.js';

export interface Formatted {
  value: string;
  caret: number;
}

export function onlyDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** Number of digits in `text` before index `caret`. */
function digitsBefore(text: string, caret: number): number {
  return onlyDigits(text.slice(0, caret)).length;
}

/** Index just after the `count`-th digit of `value` (0 for none). */
export function caretAfterDigits(value: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++seen === count) return i + 1;
  }
  return value.length;
}

/**
 * A backspace that removed only a separator (a gap space) also removes the digit before it, so
 * the caret never gets stuck behind the gap. `previous` is the value before the edit.
 */
export function deleteAcrossSeparator(previous: string, raw: string, caret: number): Formatted {
  if (raw.length !== previous.length - 1 || onlyDigits(raw) !== onlyDigits(previous)) return { value: raw, caret };
  let i = caret - 1;
  while (i >= 0 && !/\d/.test(raw[i]!)) i--;
  if (i < 0) return { value: raw, caret };
  return { value: raw.slice(0, i) + raw.slice(i + 1), caret: i };
}

/** Card number with the brand's gaps (Visa 4-4-4-4, Amex 4-6-5, ...), cut at its maximum length. */
export function formatCardNumber(raw: string, caret: number = raw.length): Formatted {
  const all = onlyDigits(raw);
  const info = detectBrand(all);
  const digits = all.slice(0, maxCardNumberLength(info));
  const gaps = info?.gaps ?? DEFAULT_GAPS;
  let value = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && gaps.includes(i)) value += ' ';
    value += digits[i];
  }
  const atEnd = caret >= raw.length;
  return { value, caret: atEnd ? value.length : caretAfterDigits(value, Math.min(digitsBefore(raw, caret), digits.length)) };
}

/** The card number as it is validated and sent: digits only. */
export function parseCardNumber(value: string): string {
  return onlyDigits(value);
}

/**
 * Expiry as `MM/YY`. Typing `4` gives `04/`, `12` gives `12/`; `deleting` (a backward delete)
 * never adds the slash back, so backspace over it works. Pasted `12/2030`, `1230`, `12 / 30`
 * all give `12/30`.
 */
export function formatExpiry(raw: string, caret: number = raw.length, options: { deleting?: boolean } = {}): Formatted {
  let digits = onlyDigits(raw);
  let shift = 0;
  // A month typed as one digit and a separator ("1/"), or a first digit no month starts with ("4").
  if (/^\s*\d\s*[/\-.\s]/.test(raw) || /^[2-9]/.test(digits)) {
    digits = `0${digits}`;
    shift = 1;
  }
  // A four-digit year ("12/2030", "122030") keeps its last two digits.
  const fourDigitYear = digits.length === 6 && digits.slice(2, 4) === '20';
  if (fourDigitYear) digits = digits.slice(0, 2) + digits.slice(4);
  digits = digits.slice(0, 4);
  let value: string;
  if (digits.length < 2) value = digits;
  else if (digits.length === 2) value = options.deleting ? digits : `${digits}/`;
  else value = `${digits.slice(0, 2)}/${digits.slice(2)}`;
  if (caret >= raw.length || fourDigitYear) return { value, caret: value.length };
  const count = Math.min(digitsBefore(raw, caret) + shift, digits.length);
  return { value, caret: caretAfterDigits(value, count) };
}

/** A parsed expiry date: `month`/`year` are set only for a well-formed `MM/YY`. */
export interface ExpiryParts {
  empty: boolean;
  /** 1-12 when well-formed (may still be out of range: 13 is kept, to be reported invalid). */
  month: number | null;
  /** Four digits. */
  year: number | null;
}

export function parseExpiry(value: string): ExpiryParts {
  const empty = value.trim() === '';
  const match = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(value);
  if (!match) return { empty, month: null, year: null };
  return { empty, month: Number(match[1]), year: 2000 + Number(match[2]) };
}

/** Security code: digits only, at most `maxLength` (4 until the brand says otherwise). */
export function formatCvv(raw: string, caret: number = raw.length, maxLength = MAX_CVV_LENGTH): Formatted {
  const digits = onlyDigits(raw).slice(0, maxLength);
  const atEnd = caret >= raw.length;
  return { value: digits, caret: atEnd ? digits.length : Math.min(digitsBefore(raw, caret), digits.length) };
}

/** Cardholder name as validated and sent: trimmed, inner whitespace collapsed. */
export function parseCardName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}
