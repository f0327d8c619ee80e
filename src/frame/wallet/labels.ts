/**
 * The wallet button's words (the dictionaries hold them per locale). Apple's and Google's buttons say "Buy with …", "Book
 * with …", "Check out with …", "Donate with …", "Order with …", or show only the mark (`plain`).
 * `{wallet}` marks where the wallet's mark goes: some languages put it elsewhere.
 */
import type { WalletButtonType, WalletKind } from '../../protocol/wallet.js';
import type { Translation } from '../i18n/index.js';

/** The wallet's name as its mark reads (brand names are not translated). */
export const WALLET_NAMES: Readonly<Record<WalletKind, string>> = {
  'apple-pay': 'Apple Pay',
  'google-pay': 'Google Pay',
  sandbox: 'Sandbox Pay',
};

/** The button's label split around the wallet's mark, and its full accessible name. */
export function buttonLabel(
  texts: Pick<Translation, 'walletButtons'>,
  type: WalletButtonType,
  wallet: WalletKind,
): { before: string; after: string; name: string } {
  const template = texts.walletButtons[type];
  const [before = '', after = ''] = template.split('{wallet}');
  const name = template.replace('{wallet}', WALLET_NAMES[wallet]);
  if (type === 'plain') return { before: '', after: '', name };
  return { before: before.trim(), after: after.trim(), name };
}
