import { css } from '@lit/reactive-element';

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
`;
