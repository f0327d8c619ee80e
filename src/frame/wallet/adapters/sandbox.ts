/**
 * The sandbox wallet: with a test key the button opens a simulated sheet inside the frame, and
 * the chosen test card's token is charged through the sandbox exactly as a real wallet token
 * would be. Available unless the test hook asks for a browser without wallets.
 */
import type { SandboxWalletMode } from '../../../protocol/wallet.js';
import type { ClickGuard } from '../../visibility.js';
import type { Authorize, WalletAdapter, WalletPayOutcome, WalletPayRequest } from './types.js';

export interface SandboxWalletOptions {
  /** Where the sheet opens. */
  container: HTMLElement;
  mode: SandboxWalletMode;
  /** Guards the sheet's pay button against clicks while it is covered or hidden. */
  clickGuard?: (button: HTMLElement) => ClickGuard;
  /** Told when the sheet opens and closes. */
  onSheet?: (open: boolean) => void;
}

export class SandboxWalletAdapter implements WalletAdapter {
  readonly wallet = 'sandbox' as const;

  /**
   * The sheet's code, fetched beside the frame bundle when a test key makes this adapter (by the
   * time the button can be pressed it is there): a live frame never loads it.
   */
  private readonly sheet = import('../sheet.js');

  constructor(private readonly options: SandboxWalletOptions) {
    this.sheet.catch(() => undefined);
  }

  isAvailable(): Promise<boolean> {
    return Promise.resolve(this.options.mode !== 'none');
  }

  pay(request: WalletPayRequest, authorize: Authorize): Promise<WalletPayOutcome> {
    const { container, clickGuard, onSheet } = this.options;
    return this.sheet.then(({ openSandboxSheet }) =>
      openSandboxSheet({ container, request, authorize, ...(clickGuard ? { clickGuard } : {}), ...(onSheet ? { onOpenChange: onSheet } : {}) }),
    );
  }
}
