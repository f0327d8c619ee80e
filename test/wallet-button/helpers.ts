/**
 * Helpers for the `<wallet-button>` tests: a button on a fresh sandbox session, and actions in
 * its cross-origin frame (the button and the sandbox wallet's sheet live there).
 */
import { fixture, html, oneEvent } from '@open-wc/testing';
import type { WalletButton } from '../../src/elements/wallet-button/wallet-button.component.js';
import '../../src/elements/wallet-button/wallet-button.js';
import { TEST_KEY, createSession, frameClick, frameEval, frameName, pastFrameMoveClickProtection, until, type SandboxSession } from '../support/helpers.js';

export type WalletProps = Partial<
  Pick<
    WalletButton,
    | 'buttonColor'
    | 'buttonType'
    | 'emailRequired'
    | 'billingAddressRequired'
    | 'shippingAddressRequired'
    | 'showUnavailable'
    | 'disabled'
    | 'sandboxWallets'
    | 'lang'
    | 'buttonConfig'
    | 'onPaymentInitiated'
    | 'onPaymentCancelled'
    | 'paymentComplete'
    | 'onIframeLoaded'
  >
>;

/** Renders a `<wallet-button>` with a test key on a fresh session and waits for `ready`. */
export async function readyWallet(
  props: WalletProps = {},
  width = 320,
): Promise<{ el: WalletButton; session: SandboxSession; frame: string; wrapper: HTMLDivElement }> {
  const session = await createSession();
  const el = document.createElement('wallet-button');
  Object.assign(el, props);
  el.clientKey = TEST_KEY;
  el.clientToken = session.client_token;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"></div>`);
  const ready = oneEvent(el, 'ready');
  wrapper.append(el);
  await ready;
  return { el, session, frame: frameName(el), wrapper };
}

export const BUTTON = '#wallet-button';
export const SHEET = '#wallet-sheet';

/** Presses the wallet button (a real click) and waits for the sandbox sheet. */
export async function openSheet(frame: string): Promise<void> {
  await frameClick(frame, BUTTON);
  await until(async () => frameEval<boolean>(frame, `return !!document.querySelector('${SHEET}')`), 5000, 'the sheet to open');
  // The sheet opens over the page: the host lays the iframe over the whole viewport. Wait, so clicks land where the sheet is.
  await until(
    () => {
      const iframe = [...document.querySelectorAll('wallet-button')].map((el) => el.shadowRoot?.querySelector('iframe')).find((f) => f?.name === frame);
      const box = iframe?.getBoundingClientRect();
      return !!box && Math.abs(box.height - window.innerHeight) < 2 && Math.abs(box.width - window.innerWidth) < 2;
    },
    5000,
    'the sheet to cover the page',
  );
  // The frame just moved (over the whole page): Chromium drops clicks on it for 500 ms.
  await pastFrameMoveClickProtection();
}

/** Whether the sheet is open. */
export function sheetOpen(frame: string): Promise<boolean> {
  return frameEval<boolean>(frame, `return !!document.querySelector('${SHEET}')`);
}

/** Ids of the inputs and selects in the sheet. */
export function sheetFields(frame: string): Promise<string[]> {
  return frameEval<string[]>(frame, `return [...document.querySelectorAll('${SHEET} input:not([type=radio]), ${SHEET} select')].map((i) => i.id)`);
}

/** Reads the frame's button: its text, accessible label, wallet, disabled state and look. */
export function readButton(frame: string): Promise<{
  text: string;
  label: string | null;
  wallet: string;
  type: string;
  disabled: boolean;
  background: string;
  color: string;
  radius: string;
  height: number;
  width: number;
}> {
  return frameEval(
    frame,
    `const b = document.querySelector('${BUTTON}'); const s = getComputedStyle(b); const r = b.getBoundingClientRect();
     return { text: b.textContent.replace(/\\s+/g, ' ').trim(), label: b.getAttribute('aria-label'), wallet: b.dataset.wallet, type: b.dataset.type, disabled: b.disabled,
              background: s.backgroundColor, color: s.color, radius: s.borderTopLeftRadius, height: r.height, width: r.width }`,
  );
}
