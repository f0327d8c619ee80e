/**
 * The shell of an element whose whole body is one secure frame (`<card-component>`,
 * `<wallet-button>`): the frame controller, the box that keeps its height (skeleton, iframe,
 * load-error message with "Try again"), the enclosing checkout's scope, the component config's
 * `paymentDetails`, `callbacks` checks, `retry()` and `paymentStatus()`. The element adds its own
 * properties, the frame's events and its frame config.
 */
import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import type { cardEvents, cardRequests } from '../protocol/messages.js';
import type { PaymentStatus } from '../protocol/messages.js';
import type { walletEvents, walletRequests } from '../protocol/wallet.js';
import type { PortEndpoint } from '../protocol/port.js';
import type { FrameHostText } from '../protocol/i18n/translation.js';
import type { Locale } from '../protocol/locale.js';
import { hostText } from './i18n.js';
import { PaymentTokenAlias, checkCallbacks, type PaymentDetails } from './component-config.js';
import { CheckoutScopeConsumer } from './context.js';
import { scopedConfig, type ElementConfig } from './element-config.js';
import { replayEscape } from './escape.js';
import type { LoadErrorDetail } from './events.js';
import { FrameBox, sizeFrameBox } from './frame-box.js';
import { MomentElement, type PropertyTable } from './moment-element.js';
import { PAYMENT_STATUS_TIMEOUT, PaymentError, paymentStatusError } from './payment-error.js';
import { SecureFrameController, type SecureFrameOptions } from './secure-frame.js';

interface FrameTables {
  card: { out: typeof cardRequests; in: typeof cardEvents };
  wallet: { out: typeof walletRequests; in: typeof walletEvents };
}
type Out<K extends keyof FrameTables> = FrameTables[K]['out'];
type In<K extends keyof FrameTables> = FrameTables[K]['in'];

/** What an element tells its shell about its frame; the shell adds the key and token, the height, `resize` and `escape`. */
export type FrameSetup<K extends keyof FrameTables> = Omit<SecureFrameOptions<Out<K>, In<K>>, 'tag' | 'kind' | 'config' | 'height' | 'on'> & {
  on: Omit<SecureFrameOptions<Out<K>, In<K>>['on'], 'resize' | 'escape'>;
};

/** What an element is, for its shell. */
export interface FrameShell<K extends keyof FrameTables> {
  tag: string;
  kind: K;
  /** Its host texts in every language (the frame's title, the load-error message). */
  texts: Readonly<Record<Locale, FrameHostText>>;
  /** Names of `callbacks` it calls. */
  callbacks: readonly string[];
  /** How `paymentStatus()` names it before `ready`, e.g. "The card form". */
  noun: string;
}

export abstract class FramedElement<K extends keyof FrameTables> extends MomentElement {
  static override properties: PropertyTable<FramedElement<'card'>> = {
    disabled: { type: Boolean, reflect: true },
    frameTitle: { attribute: 'frame-title' },
    onIframeLoaded: { attribute: false },
    onIframeLoadFailed: { attribute: false },
  };
  static override shadowRootOptions: ShadowRootInit = { ...ReactiveElement.shadowRootOptions, delegatesFocus: true };

  /** Disables the element. */
  disabled = false;
  /** Accessible title of the iframe; by default a title in the element's language. */
  frameTitle: string | null = null;
  /** Called once the frame is loaded and configured (same moment as `ready`). */
  onIframeLoaded: (() => void) | undefined;
  /** Called when the frame fails to load (same moment as `load-error`). */
  onIframeLoadFailed: ((error: LoadErrorDetail) => void) | undefined;

  /** @internal Key, token and frames origin from an enclosing `<moment-checkout>`; own attributes win. */
  protected readonly scope = new CheckoutScopeConsumer(this);
  readonly #paymentToken: PaymentTokenAlias;
  #box: FrameBox | undefined;
  /** The frame's content height, once it said. */
  #frameHeight: number | undefined;
  /** @internal The frame's lifecycle. */
  protected readonly frame: SecureFrameController<Out<K>, In<K>>;

  /** @internal The element's tag, for messages. */
  protected readonly tag: string;
  /** @internal Which frame: its page and its iframe policy. */
  protected readonly kind: K;
  readonly #shell: FrameShell<K>;

  constructor(shell: FrameShell<K>) {
    super();
    const { tag, kind } = (this.#shell = shell);
    /** @internal */
    this.tag = tag;
    /** @internal */
    this.kind = kind;
    this.#paymentToken = new PaymentTokenAlias(this, tag);
    const setup = this.frameSetup();
    /** @internal */
    this.frame = new SecureFrameController<Out<K>, In<K>>(this, {
      ...setup,
      tag,
      kind,
      config: () => this.ownConfig,
      height: () => this.frameHeight ?? 0,
      on: {
        ...setup.on,
        resize: ({ height }: { height: number }) => (this.frameHeight = height),
        escape: () => replayEscape(this),
      } as SecureFrameOptions<Out<K>, In<K>>['on'],
      onOpen: () => {
        this.frameHeight = undefined;
        setup.onOpen?.();
      },
    });
  }

  /** @internal Own key, token and frames origin, else the enclosing checkout's. */
  protected get ownConfig(): ElementConfig {
    return scopedConfig({ clientKey: this.clientKey, clientToken: this.clientToken, framesOrigin: this.framesOrigin }, this.scope.value);
  }

  /** @internal The frame's events, its config and what to do with its answers. Called once, from the constructor. */
  protected abstract frameSetup(): FrameSetup<K>;
  /** @internal The height kept while the frame loads: the frame's default layout, so nothing moves when it is ready. */
  protected abstract get reservedHeight(): number;

  /** @internal The frame's content height; setting it resizes the box. */
  protected get frameHeight(): number | undefined {
    return this.#frameHeight;
  }
  protected set frameHeight(height: number | undefined) {
    if (height === this.#frameHeight) return;
    this.#frameHeight = height;
    this.requestUpdate();
  }

  /**
   * The component config's `paymentDetails`: `paymentDetails.paymentToken` is another name for `clientToken`
   * (setting one sets the other), so the component config works with `Object.assign(element, config)`.
   * Setting both to different tokens warns on the console; the one set later is used.
   */
  get paymentDetails(): PaymentDetails {
    return this.#paymentToken.value;
  }
  set paymentDetails(details: PaymentDetails | null | undefined) {
    this.#paymentToken.set(details);
  }

  /**
   * Asks the provider, through the frame, for the session's status and what became of this
   * element's last payment request when its answer was lost: `{ sessionStatus, paid, pending,
   * result? }`. The way to learn the truth after `payment-unknown`, e.g. before offering another
   * way to pay. Rejects `not_ready` before `ready`, `network_error` when the provider cannot be
   * reached.
   */
  async paymentStatus(): Promise<PaymentStatus> {
    const endpoint = this.frame.endpoint as PortEndpoint<Pick<Out<'card'>, 'paymentStatus'>> | undefined;
    if (!endpoint) throw new PaymentError('not_ready', `${this.#shell.noun} is not ready: wait for the ready event before calling paymentStatus().`);
    return endpoint.request('paymentStatus', {}, PAYMENT_STATUS_TIMEOUT).catch((error: unknown) => {
      throw paymentStatusError(error);
    });
  }

  /** Loads the frame again after a `load-error`. */
  retry(): void {
    this.frame.retry();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('clientToken')) this.#paymentToken.clientTokenChanged();
    if (changed.has('callbacks')) checkCallbacks(this, this.tag, (this as { callbacks?: unknown }).callbacks, this.#shell.callbacks);
  }

  /** The box: the skeleton while the frame loads, the frame, or the load-error message. */
  protected override update(changed: PropertyValues): void {
    super.update(changed);
    const box = (this.#box ??= new FrameBox(this.renderRoot as ShadowRoot));
    const { loadError } = this.frame;
    const t = hostText(this.#shell.texts, this.locale.value);
    if (loadError) return box.showError(loadError, { retryable: t.failed, unavailable: t.unavailable, retry: t.retry }, () => this.retry());
    const state = this.frame.state;
    box.show({
      state,
      skeleton: () => this.skeleton(),
      skeletonKey: this.skeletonKey,
      src: this.frame.src,
      channel: this.frame.channel,
      name: `moment-${this.kind}-${this.frame.channel}`,
      title: this.frameTitle ?? t.title,
      kind: this.kind,
      overlay: this.overlay && state === 'ready',
    });
  }

  protected override updated(): void {
    sizeFrameBox(this.renderRoot, this.frame.state, this.frameHeight, this.reservedHeight);
  }

  /** @internal The placeholder shown while the frame loads. */
  protected skeleton(): Element {
    const skeleton = this.ownerDocument.createElement('div');
    skeleton.setAttribute('part', 'skeleton');
    skeleton.setAttribute('aria-hidden', 'true');
    return skeleton;
  }

  /** @internal The skeleton is built again when this changes. */
  protected get skeletonKey(): string | undefined {
    return undefined;
  }

  /** @internal The frame covers the page (the sandbox wallet's sheet). */
  protected get overlay(): boolean {
    return false;
  }
}
