/**
 * The few texts the host itself shows, in every language: each locale's dictionary
 * (`src/protocol/i18n/<locale>.ts`) carries them beside the frame texts, and only this part of it comes
 * into the host bundle. A locale missing here fails to compile.
 */
import { supportedLocale, type Locale } from '../protocol/locale.js';
import type { HostText } from '../protocol/i18n/translation.js';
import { host as af } from '../protocol/i18n/af.js';
import { host as ar } from '../protocol/i18n/ar.js';
import { host as de } from '../protocol/i18n/de.js';
import { host as en } from '../protocol/i18n/en.js';
import { host as enGB } from '../protocol/i18n/en-GB.js';
import { host as es } from '../protocol/i18n/es.js';
import { host as fr } from '../protocol/i18n/fr.js';
import { host as it } from '../protocol/i18n/it.js';
import { host as nl } from '../protocol/i18n/nl.js';
import { host as pt } from '../protocol/i18n/pt.js';
import { host as zu } from '../protocol/i18n/zu.js';

export type { HostText };

const HOST_TEXTS: Readonly<Record<Locale, HostText>> = { en, 'en-GB': enGB, fr, de, es, it, nl, pt, af, zu, ar };

/** The host texts for a language tag (its supported locale, else English). */
export function hostText(tag: string | undefined): HostText {
  return HOST_TEXTS[supportedLocale(tag)];
}
