/**
 * The frames' language: one resolver from a BCP 47 tag to a supported dictionary, and the loader
 * that brings only that dictionary: `i18n-<locale>.js` beside the frame bundle, fetched when asked
 * for. The card and wallet frames build in the English they show; the checkout (the largest
 * frame) fetches English as any other locale.
 */
import type { Translation } from '../../protocol/i18n/translation.js';
import { intlLocale, supportedLocale as frameLocale, type Locale as FrameLocale } from '../../protocol/locale.js';

export type { CardKey, CheckoutKey, Translation, WalletKey } from '../../protocol/i18n/translation.js';
export { EN_CARD, EN_CHECKOUT, EN_SHARED, EN_WALLET } from '../../protocol/i18n/en.js';

export { LOCALES, intlLocale, supportedLocale as frameLocale, type Locale as FrameLocale } from '../../protocol/locale.js';

const loading = new Map<FrameLocale, Promise<Translation | null>>();
const loaded = new Map<FrameLocale, Translation>();

/** The dictionary of a supported locale; `null` when its file cannot be loaded. */
export function loadTranslation(locale: FrameLocale): Promise<Translation | null> {
  let pending = loading.get(locale);
  if (!pending) {
    // Bundled, the dictionaries sit beside the frame bundle; unbundled (tests), in src/protocol/i18n.
    const file = new URL(import.meta.url).pathname.endsWith('.ts') ? `../../protocol/i18n/${locale}.ts` : `./i18n-${locale}.js`;
    const url = new URL(file, import.meta.url).href;
    pending = (import(/* @vite-ignore */ url) as Promise<{ default: Translation }>).then(
      (module) => {
        loaded.set(locale, module.default);
        return module.default;
      },
      () => {
        loading.delete(locale);
        return null;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** The dictionary for a tag if it has been loaded already, else `english` (for texts drawn later, as the wallet sheet). */
export function translationOf<K extends keyof Translation>(tag: string | undefined, english: Pick<Translation, K>): Pick<Translation, K> {
  return loaded.get(frameLocale(tag)) ?? english;
}

/** Every text blank (and every group empty): what a frame without built-in English shows until its dictionary arrives. */
const BLANK: unknown = new Proxy(
  {},
  { get: (_target, key) => (key === 'dir' ? 'ltr' : key === 'collectedErrors' || key === 'cardErrors' || key === 'walletButtons' ? {} : '') },
);

/** Puts values into a template: `fill('Pay {amount}', {amount: '£10.00'})`. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The current texts of one frame. `set()` loads the dictionary for a tag and calls `onChange`
 * once it is in place; a later `set()` wins over an earlier one still loading.
 */
export class FrameTexts<K extends keyof Translation> {
  /** Before a dictionary arrives: the built-in English, else blank texts. */
  t: Pick<Translation, K>;
  locale: FrameLocale = 'en';
  /** The tag as given, canonical, for `Intl` (`de-AT` formats as in Austria). */
  intl = 'en';
  /** Settles when the dictionary last asked for is in place. */
  ready: Promise<void> = Promise.resolve();
  #generation = 0;

  #loaded: boolean;

  readonly #english: Pick<Translation, K> | null;
  readonly #onChange: () => void;

  constructor(english: Pick<Translation, K> | null, onChange: () => void) {
    this.#english = english;
    this.#onChange = onChange;
    this.t = english ?? (BLANK as Pick<Translation, K>);
    this.#loaded = english !== null;
  }

  set(tag: string | undefined): Promise<void> {
    const locale = frameLocale(tag);
    const intl = intlLocale(tag);
    const generation = ++this.#generation;
    if (this.#loaded && locale === this.locale && intl === this.intl) return (this.ready = Promise.resolve());
    const pending = locale === 'en' && this.#english ? Promise.resolve(this.#english) : loadTranslation(locale);
    this.ready = pending.then((t) => {
      if (generation !== this.#generation) return;
      this.#loaded ||= t !== null;
      this.t = t ?? this.#english ?? this.t;
      this.locale = t ? locale : 'en';
      this.intl = intl;
      this.#onChange();
    });
    return this.ready;
  }
}
