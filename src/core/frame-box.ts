/**
 * What every element with a secure frame renders: a box that keeps its height (a skeleton while
 * the frame loads, then the frame's own height), the iframe itself, and a message with "Try
 * again" when the frame could not load. One template and one stylesheet for all of them.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { LoadErrorDetail } from './events.js';
import type { ConnectionState } from './secure-frame.js';

export const frameBoxStyles = css`
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
  .overlay iframe {
    position: fixed;
    inset: 0;
    width: 100vw;
    height: 100vh;
    height: 100dvh;
    z-index: 2147483647;
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

/** The load-error message; a timeout or a frame error can be retried, a configuration error cannot. */
export function renderLoadError(error: LoadErrorDetail, text: { retryable: string; unavailable: string; retry: string }, retry: () => void): TemplateResult {
  const retryable = error.code === 'timeout' || error.code === 'frame_error' || error.code === 'frame_not_started';
  return html`<div part="error" role="alert">
    <span>${retryable ? text.retryable : text.unavailable}</span>
    ${retryable ? html`<button type="button" @click=${retry}>${text.retry}</button>` : nothing}
  </div>`;
}

/**
 * Sets the box's height through the CSSOM, never a `style` attribute, so that a page whose CSP has
 * no `'unsafe-inline'` in `style-src` still sizes the box. Call it after each render (`updated`).
 */
export function sizeFrameBox(root: ParentNode, state: ConnectionState, frameHeight: number | undefined, reserved: number): void {
  // The reserved height while the frame loads, the frame's reported height once it is ready.
  const height = state === 'ready' && frameHeight ? frameHeight : reserved;
  root.querySelector<HTMLElement>('[part="box"]')?.style.setProperty('--frame-height', `${height}px`);
}

export interface FrameBoxOptions {
  state: ConnectionState;
  skeleton: TemplateResult;
  src: string | undefined;
  channel: string;
  /** `name` of the iframe (also how tests find the frame). */
  name: string;
  title: string;
  /** The iframe's `allow` permissions, e.g. `payment`. */
  allow?: string;
  sandbox: string;
  /**
   * The frame shows a sheet over the whole page (the sandbox wallet's): the iframe covers the
   * viewport while the box keeps its place and height in the page, so nothing around it moves.
   */
  overlay?: boolean;
}

/** The box with the skeleton and the iframe; a new channel gives a new iframe, never a second one. Size it with `sizeFrameBox`. */
export function renderFrameBox(o: FrameBoxOptions): TemplateResult {
  const ready = o.state === 'ready';
  return html`<div part="box" class="box ${ready ? 'ready' : 'loading'} ${o.overlay ? 'overlay' : ''}" >
    ${ready ? nothing : o.skeleton}
    ${o.src
      ? keyed(
          o.channel,
          html`<iframe
            part="frame"
            name=${o.name}
            title=${o.title}
            src=${o.src}
            allow=${o.allow ?? nothing}
            sandbox=${o.sandbox}
            referrerpolicy="origin"
            tabindex=${ready ? 0 : -1}
            aria-hidden=${ready ? 'false' : 'true'}
          ></iframe>`,
        )
      : nothing}
  </div>`;
}
