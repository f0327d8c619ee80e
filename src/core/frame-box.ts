/**
 * What every element with a secure frame renders: a box that keeps its height (a skeleton while
 * the frame loads, then the frame's own height), the iframe itself, and a message with "Try
 * again" when the frame could not load. One builder and one stylesheet for all of them.
 */
import { css } from '@lit/reactive-element';
import type { LoadErrorDetail } from './events.js';
import type { ConnectionState } from './secure-frame.js';
import type { FrameKind } from '../protocol/messages.js';
import { createSecureIframe } from './frame-policy.js';

/** The message with "Try again" that an element shows in its own box when it cannot start. */
export const errorPartStyles = css`
  [part='error'] {
    display: grid;
    gap: 8px;
    justify-items: start;
    padding: 12px;
    border-radius: var(--moment-border-radius, 6px);
    border: 1px solid var(--moment-color-danger, #b3261e);
    color: var(--moment-color-text, inherit);
    font-family: var(--moment-font-family, inherit);
  }
  [part='error'] button {
    font: inherit;
    min-height: 44px;
    padding: 0 16px;
    cursor: pointer;
  }
  [part='error'] button:focus-visible {
    outline: 3px solid var(--moment-color-primary, #0b63ce);
    outline-offset: 2px;
  }
`;

export const frameBoxStyles = css`
  ${errorPartStyles}
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
`;

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
  /** The placeholder shown while the frame loads; built again when `skeletonKey` changes. */
  skeleton: () => Element;
  skeletonKey?: string;
  src: string | undefined;
  channel: string;
  /** `name` of the iframe (also how tests find the frame). */
  name: string;
  title: string;
  /** Which frame: its `sandbox`, `allow` and `referrerpolicy` come from `FRAME_POLICY`. */
  kind: FrameKind;
  /**
   * The frame shows a sheet over the whole page (the sandbox wallet's): the iframe covers the
   * viewport while the box keeps its place and height in the page, so nothing around it moves.
   */
  overlay?: boolean;
}

export interface LoadErrorText {
  retryable: string;
  unavailable: string;
  retry: string;
}

/** Load errors that another try may fix (the network, the frames origin): shown with a Retry button. */
const RETRYABLE: ReadonlySet<LoadErrorDetail['code']> = new Set(['timeout', 'frame_error', 'frame_not_started', 'frames_unreachable', 'frames_unavailable']);

/**
 * The element's shadow content, kept by hand (no template engine: the card and wallet elements
 * need three nodes, and the bytes of one): the box with the skeleton and the iframe, or the
 * load-error message with "Try again". A new channel gives a new iframe, never a second one.
 */
export class FrameBox {
  #box: HTMLDivElement | undefined;
  #skeleton: Element | undefined;
  #iframe: HTMLIFrameElement | undefined;
  #skeletonKey: string | undefined;
  #channel = '';
  #error: HTMLDivElement | undefined;
  #errorKey = '';
  readonly #root: ShadowRoot | HTMLElement;

  constructor(root: ShadowRoot | HTMLElement) {
    this.#root = root;
  }

  /** Shows the box for `o`. */
  show(o: FrameBoxOptions): void {
    const doc = this.#root.ownerDocument;
    this.#error?.remove();
    this.#error = undefined;
    this.#errorKey = '';
    const box = (this.#box ??= Object.assign(doc.createElement('div'), { className: 'box' }));
    box.setAttribute('part', 'box');
    const ready = o.state === 'ready';
    box.className = `box ${ready ? 'ready' : 'loading'}${o.overlay ? ' overlay' : ''}`;
    if (this.#skeletonKey !== o.skeletonKey) {
      this.#skeleton?.remove();
      this.#skeleton = undefined;
      this.#skeletonKey = o.skeletonKey;
    }
    if (ready) this.#skeleton?.remove();
    else if (!this.#skeleton?.isConnected) box.prepend((this.#skeleton ??= o.skeleton()));
    if (!o.src || o.channel !== this.#channel) {
      this.#iframe?.remove();
      this.#iframe = undefined;
    }
    if (o.src && !this.#iframe) {
      const iframe = createSecureIframe(doc, o.kind, { name: o.name, src: o.src, title: o.title });
      this.#iframe = iframe;
      this.#channel = o.channel;
      box.append(iframe);
    }
    if (this.#iframe) {
      this.#iframe.title = o.title;
      this.#iframe.tabIndex = ready ? 0 : -1;
      this.#iframe.setAttribute('aria-hidden', String(!ready));
    }
    if (!box.isConnected) this.#root.append(box);
  }

  /** Replaces the box with the load-error message; a timeout or a frame error can be retried, a configuration error cannot. */
  showError(error: LoadErrorDetail, text: LoadErrorText, retry: () => void): void {
    const doc = this.#root.ownerDocument;
    this.#box?.remove();
    this.#box = this.#iframe = this.#skeleton = undefined;
    this.#skeletonKey = undefined;
    this.#channel = '';
    const retryable = RETRYABLE.has(error.code);
    // The same message stays (focus on its button, no second announcement); another replaces it.
    const key = `${retryable ? text.retryable : text.unavailable}|${retryable ? text.retry : ''}`;
    if (this.#error?.isConnected && key === this.#errorKey) return;
    this.#errorKey = key;
    const message = doc.createElement('span');
    message.textContent = retryable ? text.retryable : text.unavailable;
    const alert = doc.createElement('div');
    alert.setAttribute('part', 'error');
    alert.setAttribute('role', 'alert');
    alert.append(message);
    if (retryable) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = text.retry;
      button.addEventListener('click', retry);
      alert.append(button);
    }
    this.#error?.replaceWith(alert);
    if (!alert.isConnected) this.#root.append(alert);
    this.#error = alert;
  }
}
