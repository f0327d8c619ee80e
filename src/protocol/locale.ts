/**
 * The languages Moment Elements speaks, and the one resolver from any BCP 47 tag to one of them:
 * the host picks its own few texts with it, the frames their dictionaries.
 */

/** Supported locales; each has one dictionary, `src/protocol/i18n/<locale>.ts`, with the frame texts and the host texts. */
export const LOCALES = ['en', 'en-GB', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'af', 'zu', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** A tag `Intl` accepts (keeps the region, for number and date formats), else `en`. */
export function intlLocale(tag: string | undefined): string {
  if (!tag) return 'en';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The supported locale for a tag: an exact match (`en-GB`), else its language (`de-AT` → `de`, `pt-BR` → `pt`), else `en`. */
export function supportedLocale(tag: string | undefined): Locale {
  const canonical = intlLocale(tag);
  const exact = LOCALES.find((l) => l.toLowerCase() === canonical.toLowerCase());
  if (exact) return exact;
  const language = canonical.split('-')[0]!.toLowerCase();
  return LOCALES.find((l) => l === language) ?? 'en';
}
