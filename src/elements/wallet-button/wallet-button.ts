import { define } from '../../core/define.js';
import { WalletButton } from './wallet-button.component.js';

export { WalletButton };
export * from './wallet-button.component.js';

define('wallet-button', WalletButton);

declare global {
  interface HTMLElementTagNameMap {
    'wallet-button': WalletButton;
  }
}
