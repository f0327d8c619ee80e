import { css } from '@lit/reactive-element';
import { errorPartStyles } from '../../core/frame-box.js';

export const momentCheckoutStyles = css`
  /* The card's and the wallet's load-error message. */
  ${errorPartStyles}
  :host {
    display: contents;
  }
  [part='inline'] {
    display: block;
  }
  [part='inline'][hidden] {
    display: none;
  }
  dialog {
    box-sizing: border-box;
    width: min(var(--moment-checkout-width, 480px), calc(100vw - 32px));
    /* A fixed height: the modal opens at its final size and never resizes; the frame scrolls inside. */
    height: min(var(--moment-checkout-height, 640px), calc(100dvh - 32px));
    max-height: calc(100dvh - 32px);
    flex-direction: column;
    padding: 0;
    border: 0;
    border-radius: calc(var(--moment-border-radius, 8px) * 1.5);
    background: var(--moment-color-background, #fff);
    color: var(--moment-color-text, #1b1b1f);
    font-family: var(--moment-font-family, system-ui, sans-serif);
    box-shadow: 0 24px 64px rgb(0 0 0 / 30%);
    overflow: auto;
    overscroll-behavior: contain;
  }
  .focus-edge {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    outline: none;
  }
  dialog::backdrop {
    background: var(--moment-checkout-backdrop, rgb(15 17 26 / 55%));
  }
  .header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 12px 12px 4px 20px;
    background: inherit;
  }
  h2 {
    margin: 0;
    font-size: 1.05rem;
    font-weight: 600;
  }
  .close {
    display: inline-grid;
    place-items: center;
    width: 44px;
    height: 44px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close:hover {
    background: rgb(127 127 127 / 14%);
  }
  .close:focus-visible {
    outline: 3px solid var(--moment-color-primary, #0b63ce);
    outline-offset: 2px;
  }
  dialog[open] {
    display: flex;
  }
  .body {
    position: relative;
    flex: 1;
    min-height: 0;
    padding: 0 8px 12px;
  }
  .body.loading iframe {
    opacity: 0;
  }
  /* The checkout's shape while it loads: a title, two fields, two half fields and the pay button. */
  .skeleton {
    --bone: var(--moment-skeleton-color, rgba(127, 127, 127, 0.16));
    position: absolute;
    inset: 12px 20px;
    background:
      linear-gradient(var(--bone) 0 0) 0 0 / 60% 28px,
      linear-gradient(var(--bone) 0 0) 0 48px / 100% 44px,
      linear-gradient(var(--bone) 0 0) 0 108px / 100% 44px,
      linear-gradient(var(--bone) 0 0) 0 168px / 48% 44px,
      linear-gradient(var(--bone) 0 0) 100% 168px / 48% 44px,
      linear-gradient(var(--bone) 0 0) 0 236px / 100% 48px;
    background-repeat: no-repeat;
  }
  .skeleton[hidden] {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes pulse {
    to {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: rise 180ms ease-out;
    }
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(16px);
    }
  }
  /* The mobile presentation of the provider's SDKs: a bottom sheet. */
  @media (max-width: 599px) {
    dialog {
      width: 100vw;
      max-width: 100vw;
      height: min(var(--moment-checkout-height, 640px), 92dvh);
      max-height: 92dvh;
      margin: auto 0 0;
      border-radius: 16px 16px 0 0;
    }
    /* The sheet meets the screen's bottom edge: Pay stays at least 16 px above it, and above the
       area a phone keeps for its home indicator (the page's viewport-fit=cover gives its height). */
    .body {
      padding-bottom: calc(16px + env(safe-area-inset-bottom, 0px));
    }
    @media (prefers-reduced-motion: no-preference) {
      dialog[open] {
        animation: slide-up 220ms ease-out;
      }
    }
  }
  @keyframes slide-up {
    from {
      transform: translateY(100%);
    }
  }
`;
