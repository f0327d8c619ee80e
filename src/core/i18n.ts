/**
 * The few texts the host itself shows, in every language: each locale's dictionary
 * (`src/protocol/i18n/<locale>.ts`) carries them beside the frame texts, one set per element, and
 * only these parts of it come into the host bundle (an app with only the card element takes only
 * the card's texts). A locale missing from a table fails to compile.
 */
import { supportedLocale, type Locale } from '../protocol/locale.js';
import type { CheckoutHostText, FrameHostText } from '../protocol/i18n/translation.js';
import * as af from '../protocol/i18n/af.js';
import * as ar from '../protocol/i18n/ar.js';
import * as de from '../protocol/i18n/de.js';
import * as en from '../protocol/i18n/en.js';
import * as enGB from '../protocol/i18n/en-GB.js';
import * as es from '../protocol/i18n/es.js';
import * as fr from '../protocol/i18n/fr.js';
import * as it from '../protocol/i18n/it.js';
import * as nl from '../protocol/i18n/nl.js';
import * as pt from '../protocol/i18n/pt.js';
import * as zu from '../protocol/i18n/zu.js';

export type { CheckoutHostText, FrameHostText };

type HostTexts<T> = Readonly<Record<Locale, T>>;

// Written out per element (not built by a function) so that bundlers leave out the tables, and the
// dictionaries' parts, of elements an app does not use.
export const CARD_TEXTS: HostTexts<FrameHostText> = {
  en: en.hostCard,
  'en-GB': enGB.hostCard,
  fr: fr.hostCard,
  de: de.hostCard,
  es: es.hostCard,
  it: it.hostCard,
  nl: nl.hostCard,
  pt: pt.hostCard,
  af: af.hostCard,
  zu: zu.hostCard,
  ar: ar.hostCard,
};

export const WALLET_TEXTS: HostTexts<FrameHostText> = {
  en: en.hostWallet,
  'en-GB': enGB.hostWallet,
  fr: fr.hostWallet,
  de: de.hostWallet,
  es: es.hostWallet,
  it: it.hostWallet,
  nl: nl.hostWallet,
  pt: pt.hostWallet,
  af: af.hostWallet,
  zu: zu.hostWallet,
  ar: ar.hostWallet,
};

export const CHECKOUT_TEXTS: HostTexts<CheckoutHostText> = {
  en: en.hostCheckout,
  'en-GB': enGB.hostCheckout,
  fr: fr.hostCheckout,
  de: de.hostCheckout,
  es: es.hostCheckout,
  it: it.hostCheckout,
  nl: nl.hostCheckout,
  pt: pt.hostCheckout,
  af: af.hostCheckout,
  zu: zu.hostCheckout,
  ar: ar.hostCheckout,
};

/** One element's host texts for a language tag (its supported locale, else English). */
export function hostText<T>(texts: HostTexts<T>, tag: string | undefined): T {
  return texts[supportedLocale(tag)];
}
