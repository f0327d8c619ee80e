import { css, unsafeCSS } from 'lit';
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
  :host([hidden]),
  :host([unavailable]:not([show-unavailable])) {
    display: none;
  }
  .box {
    position: relative;
    height: var(--frame-height);
  }
  iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
    color-scheme: normal;
    background: transparent;
  }
  .loading iframe {
    position: absolute;
    inset: 0;
    opacity: 0;
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
  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }
  [part='error'] {
    display: grid;
    gap: 8px;
    justify-items: start;
    padding: 12px;
    border-radius: var(--moment-border-radius, 6px);
    border: 1px solid var(--moment-color-danger, #b3261e);
    color: var(--moment-color-text, inherit);
    font: inherit;
  }
  [part='error'] button {
    font: inherit;
    min-height: 44px;
    padding: 0 16px;
    cursor: pointer;
  }
`;
