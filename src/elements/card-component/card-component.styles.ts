import { css } from 'lit';

export const cardComponentStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 240px;
    contain: layout;
  }
  :host([hidden]) {
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
    display: grid;
    gap: var(--moment-spacing, 12px);
    grid-template-columns: 1fr 1fr;
    align-content: start;
  }
  .bone {
    grid-column: span 2;
    display: grid;
    gap: 6px;
  }
  .bone.half {
    grid-column: span 1;
  }
  .bone::before,
  .bone::after {
    content: '';
    border-radius: var(--moment-border-radius, 6px);
    background: var(--moment-skeleton-color, rgba(127, 127, 127, 0.16));
  }
  .bone::before {
    height: 14px;
    width: 40%;
  }
  .bone::after {
    height: var(--moment-input-height, 44px);
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone::before,
    .bone::after {
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
