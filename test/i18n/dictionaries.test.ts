import { expect } from '@open-wc/testing';
import { LOCALES, frameLocale, fill, type Translation } from '../../src/frame/i18n/index.js';
import en from '../../src/protocol/i18n/en.js';

/** Every leaf key of a dictionary, as `a.b` paths. */
function paths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) => (v !== null && typeof v === 'object' ? paths(v as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function at(value: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

const load = async (locale: string): Promise<Translation> => ((await import(`../../src/protocol/i18n/${locale}.ts`)) as { default: Translation }).default;

describe('frame dictionaries', () => {
  const keys = paths(en);

  it('English has every text (the reference the others are checked against)', () => {
    expect(keys.length).to.be.greaterThan(60);
    for (const key of keys) expect(at(en, key), key).to.be.a('string').and.not.equal('');
  });

  for (const locale of LOCALES) {
    it(`${locale} has every key, filled, and no others`, async () => {
      const dictionary = await load(locale);
      const missing = keys.filter((key) => typeof at(dictionary, key) !== 'string' || (at(dictionary, key) as string).trim() === '');
      expect(missing, `${locale} is missing`).to.deep.equal([]);
      expect(paths(dictionary).sort()).to.deep.equal([...keys].sort());
      // Placeholders survive translation.
      expect(dictionary.payAmount).to.include('{amount}');
      expect(dictionary.successText).to.include('{amount}');
      for (const template of Object.values(dictionary.walletButtons)) expect(template).to.include('{wallet}');
    });
  }

  it('only ar is right to left', async () => {
    for (const locale of LOCALES) expect((await load(locale)).dir, locale).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
  });

  it('resolves tags to a dictionary: region to language, unknown to English', () => {
    expect(frameLocale('de-AT')).to.equal('de');
    expect(frameLocale('en-US')).to.equal('en');
    expect(frameLocale('en-GB')).to.equal('en-GB');
    expect(frameLocale('en-gb')).to.equal('en-GB');
    expect(frameLocale('pt-BR')).to.equal('pt');
    expect(frameLocale('ar-EG')).to.equal('ar');
    expect(frameLocale('ja')).to.equal('en');
    expect(frameLocale('not a tag!')).to.equal('en');
    expect(frameLocale(undefined)).to.equal('en');
  });

  it('fills placeholders', () => {
    expect(fill('Pay {amount}', { amount: '£10.00' })).to.equal('Pay £10.00');
    expect(fill('{unknown} stays', {})).to.equal('{unknown} stays');
  });
});

describe('host texts', () => {
  it('every locale has every host text of every element, filled, and translated (en-GB shares English)', async () => {
    const { CARD_TEXTS, WALLET_TEXTS, CHECKOUT_TEXTS } = await import('../../src/core/i18n.js');
    for (const [element, texts] of Object.entries({ card: CARD_TEXTS, wallet: WALLET_TEXTS, checkout: CHECKOUT_TEXTS })) {
      const english = texts.en as unknown as Record<string, string>;
      const keys = Object.keys(english);
      expect(keys.length, element).to.be.greaterThan(1);
      for (const locale of LOCALES) {
        const text = texts[locale] as unknown as Record<string, string>;
        expect(Object.keys(text).sort(), `${element} ${locale}`).to.deep.equal([...keys].sort());
        for (const key of keys) {
          const value = text[key]!;
          expect(value.trim(), `${element} ${locale}.${key}`).to.not.equal('');
          if (!locale.startsWith('en')) expect(value, `${element} ${locale}.${key} is still English`).to.not.equal(english[key]);
        }
      }
    }
  });

  it('regional tags take their language, unknown ones English', async () => {
    const { CARD_TEXTS, hostText } = await import('../../src/core/i18n.js');
    expect(hostText(CARD_TEXTS, 'de-CH').retry).to.equal('Erneut versuchen');
    expect(hostText(CARD_TEXTS, 'pt-BR').retry).to.equal('Tentar novamente');
    expect(hostText(CARD_TEXTS, 'xx').retry).to.equal('Try again');
    expect(hostText(CARD_TEXTS, undefined).retry).to.equal('Try again');
  });
});
