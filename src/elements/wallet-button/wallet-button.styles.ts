import { css, unsafeCSS } from '@lit/reactive-element';
import { WALLET_THEME_VARIABLES } from '../../protocol/wallet.js';

/** Change detection for the wallet's theme variables (see core/theme.ts), including its radius. */
export const walletThemeTransitionStyles = css`
  :host {
    transition-property: ${unsafeCSS(WALLET_THEME_VARIABLES.join(', '))};
    transition-duration: 1ms;
    transition-behavior: allow-discrete;
  }
`;

export const walletButtonStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 148px;
    contain: layout;
  }
  /* The open sheet covers the viewport: a layout containment would make it cover the button only. */
  :host([sheet-open]) {
    contain: none;
  }
  :host([hidden]),
  :host([unavailable]:not([show-unavailable])) {
    display: none;
  }
  [part='skeleton'] {
    box-sizing: border-box;
    height: 100%;
    padding: 4px;
  }
  [part='skeleton']::before {
    content: '';
    display: block;
    height: 100%;
    border-radius: var(--moment-wallet-radius, var(--moment-border-radius, 6px));
    background: var(--moment-skeleton-color, rgba(127, 127, 127, 0.16));
  }
  @media (prefers-reduced-motion: no-preference) {
    [part='skeleton']::before {
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
  }
`;
