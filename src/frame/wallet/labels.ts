/**
 * The wallet button's words, by locale. Apple's and Google's buttons say "Buy with …", "Book
 * with …", "Check out with …", "Donate with …", "Order with …", or show only the mark (`plain`).
 * `{wallet}` marks where the wallet's mark goes: some languages put it elsewhere.
 */
import type { WalletButtonType, WalletKind } from '../../protocol/wallet.js';

type ButtonTexts = Readonly<Record<WalletButtonType, string>> & { readonly unavailable: string; readonly unavailableNote: string };

/** `plain` is the accessible name only: the button shows just the mark. */
export const BUTTON_TEXTS: Readonly<Record<string, ButtonTexts>> = {
  en: {
    plain: 'Pay with {wallet}',
    buy: 'Buy with {wallet}',
    book: 'Book with {wallet}',
    checkout: 'Check out with {wallet}',
    donate: 'Donate with {wallet}',
    order: 'Order with {wallet}',
    unavailable: 'Wallet payment unavailable',
    unavailableNote: 'Apple Pay and Google Pay are not available in this browser.',
  },
  fr: {
    plain: 'Payer avec {wallet}',
    buy: 'Acheter avec {wallet}',
    book: 'Réserver avec {wallet}',
    checkout: 'Régler avec {wallet}',
    donate: 'Faire un don avec {wallet}',
    order: 'Commander avec {wallet}',
    unavailable: 'Paiement par portefeuille indisponible',
    unavailableNote: 'Apple Pay et Google Pay ne sont pas disponibles dans ce navigateur.',
  },
  de: {
    plain: 'Mit {wallet} bezahlen',
    buy: 'Kaufen mit {wallet}',
    book: 'Buchen mit {wallet}',
    checkout: 'Zur Kasse mit {wallet}',
    donate: 'Spenden mit {wallet}',
    order: 'Bestellen mit {wallet}',
    unavailable: 'Wallet-Zahlung nicht verfügbar',
    unavailableNote: 'Apple Pay und Google Pay sind in diesem Browser nicht verfügbar.',
  },
  es: {
    plain: 'Pagar con {wallet}',
    buy: 'Comprar con {wallet}',
    book: 'Reservar con {wallet}',
    checkout: 'Pagar con {wallet}',
    donate: 'Donar con {wallet}',
    order: 'Pedir con {wallet}',
    unavailable: 'Pago con monedero no disponible',
    unavailableNote: 'Apple Pay y Google Pay no están disponibles en este navegador.',
  },
};

/** The wallet's name as its mark reads (brand names are not translated). */
export const WALLET_NAMES: Readonly<Record<WalletKind, string>> = {
  'apple-pay': 'Apple Pay',
  'google-pay': 'Google Pay',
  sandbox: 'Sandbox Pay',
};

/** The texts for a BCP 47 tag: its language, else English. */
export function buttonTexts(locale: string): ButtonTexts {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return BUTTON_TEXTS[language] ?? BUTTON_TEXTS.en!;
}

/** The button's label split around the wallet's mark, and its full accessible name. */
export function buttonLabel(locale: string, type: WalletButtonType, wallet: WalletKind): { before: string; after: string; name: string } {
  const template = buttonTexts(locale)[type];
  const [before = '', after = ''] = template.split('{wallet}');
  const name = template.replace('{wallet}', WALLET_NAMES[wallet]);
  if (type === 'plain') return { before: '', after: '', name };
  return { before: before.trim(), after: after.trim(), name };
}
