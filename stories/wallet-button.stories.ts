import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { expect, waitFor } from 'storybook/test';
import '../src/elements/wallet-button/wallet-button.js';
import type { SandboxWalletMode, WalletButtonColor, WalletButtonType } from '../src/protocol/wallet.js';
import { NOTE_STYLE, PUBLISHABLE_KEY, applyArgs, connect, demoSession, framesOriginOf, sharedSession, showProblem } from './sandbox-token.js';
import type { WalletButton } from '../src/elements/wallet-button/wallet-button.component.js';
import type { TransactionResult } from '../src/protocol/card.js';

const COLORS: WalletButtonColor[] = ['black', 'white'];
const TYPES: WalletButtonType[] = ['plain', 'book', 'buy', 'checkout', 'donate', 'order'];
/** The locales the wallet's labels come in. */
const LOCALES = ['en', 'fr', 'de', 'es'];

/** Prints what the button reports under it, so each story shows its outcome on the page too. */
function log(event: Event): void {
  const output = (event.currentTarget as Element).closest('.story')?.querySelector('output');
  if (!output) return;
  const detail = (event as CustomEvent).detail as unknown;
  output.textContent = `${event.type}${detail && Object.keys(detail).length ? `: ${JSON.stringify(detail)}` : ''}`;
}

interface Args {
  buttonColor: WalletButtonColor;
  buttonType: WalletButtonType;
  emailRequired: boolean;
  billingAddressRequired: boolean;
  shippingAddressRequired: boolean;
  showUnavailable: boolean;
  disabled: boolean;
  sandboxWallets: SandboxWalletMode;
  lang: string;
  /** Story only: inline style of the wrapper. */
  theme: string;
  /** Story only: the text above the button. */
  note: string;
  clientKey: string;
}

const render = (args: Args, context: StoryContext<Args>) => {
  const origin = framesOriginOf(context);
  const { theme, note, ...elementArgs } = args;
  const collect = { email: args.emailRequired, billing: args.billingAddressRequired, shipping: args.shippingAddressRequired };
  const attach = (el: Element | undefined) => {
    applyArgs(el, elementArgs);
    if (!elementArgs.clientKey) void connect(el, origin, { collect });
  };
  return html`<div class="story" style="max-width: 320px; display: grid; gap: 12px; font-family: system-ui, sans-serif; ${theme}">
    ${note ? html`<p style=${NOTE_STYLE}>${note}</p>` : nothing}
    <wallet-button
      client-key=${PUBLISHABLE_KEY}
      @wallet-availability=${log}
      @payment-initiated=${log}
      @payment-cancel=${log}
      @payment-success=${log}
      @payment-attempt-failed=${log}
      @payment-failure=${log}
      @payment-expired=${log}
      ${ref(attach)}
    ></wallet-button>
    <output aria-live="polite"></output>
  </div>`;
};

const meta: Meta<Args> = {
  title: 'Elements/wallet-button',
  component: 'wallet-button',
  render,
  argTypes: {
    buttonColor: { control: 'inline-radio', options: COLORS },
    buttonType: { control: 'select', options: TYPES },
    sandboxWallets: { control: 'inline-radio', options: ['sandbox', 'none'] },
    theme: { table: { category: 'story' } },
    note: { table: { category: 'story' } },
  },
  args: {
    buttonColor: 'black',
    buttonType: 'buy',
    emailRequired: false,
    billingAddressRequired: false,
    shippingAddressRequired: false,
    showUnavailable: false,
    disabled: false,
    sandboxWallets: 'sandbox',
    lang: 'en',
    theme: '',
    note: 'Press the button: with a pk_test_ key the sandbox wallet sheet stands in for Apple Pay / Google Pay.',
  },
};
export default meta;
type Story = StoryObj<Args>;

/** Ready: "Buy with …" in black. Press it to open the sandbox wallet sheet. */
export const Default: Story = {};

/**
 * Every colour × type, one demo session shared by the twelve buttons (they only show; a payment
 * from one of them ends the session for all).
 */
export const ColourTypeGrid: Story = {
  name: 'Colour × type grid',
  render: (args, context) => {
    const attach = sharedSession(framesOriginOf(context));
    return html`<table class="story" style="border-spacing: 12px; font: 14px system-ui, sans-serif; ${args.theme}">
      <thead><tr><th></th>${COLORS.map((color) => html`<th scope="col">${color}</th>`)}</tr></thead>
      <tbody>
        ${TYPES.map(
          (type) => html`<tr>
            <th scope="row" style="text-align: start">${type}</th>
            ${COLORS.map(
              (color) => html`<td style="width: 240px">
                <wallet-button client-key=${PUBLISHABLE_KEY} button-color=${color} button-type=${type} lang=${args.lang} ${ref(attach)}></wallet-button>
              </td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`;
  },
};

/** The sandbox wallet sheet: press the button; pay or cancel in the sheet. */
export const SandboxWalletSheet: Story = {
  name: 'Sandbox wallet sheet',
  tags: ['!autodocs'],
  args: { note: 'Press the button: the sandbox wallet sheet opens inside the frame. Pay (payment-success) or Cancel (payment-cancel).' },
};

/** The sheet asks for email, billing and shipping address when the merchant requires them. */
export const CollectDetails: Story = {
  tags: ['!autodocs'],
  args: {
    emailRequired: true,
    billingAddressRequired: true,
    shippingAddressRequired: true,
    note: 'Press the button: the sheet asks for email, billing and shipping address.',
  },
};

/** Every locale of the wallet's labels, from `lang`, one demo session shared by the buttons. */
export const Locales: Story = {
  tags: ['!autodocs'],
  render: (args, context) => {
    const attach = sharedSession(framesOriginOf(context));
    return html`<div class="story" style="display: grid; grid-template-columns: max-content 280px; gap: 12px; align-items: center; font: 14px system-ui, sans-serif">
      ${LOCALES.map(
        (lang) => html`<span>lang="${lang}"</span>
          <wallet-button client-key=${PUBLISHABLE_KEY} button-type=${args.buttonType} button-color=${args.buttonColor} lang=${lang} ${ref(attach)}></wallet-button>`,
      )}
    </div>`;
  },
};

/** Rounded, from `--moment-wallet-radius`, and taller, from `--moment-wallet-height`. */
export const Themed: Story = { args: { buttonType: 'checkout', theme: '--moment-wallet-radius: 24px; --moment-wallet-height: 56px;', note: '' } };

/** Dark page: the white button with its outline reads best on dark backgrounds. */
export const DarkTheme: Story = {
  tags: ['!autodocs'],
  args: {
    buttonColor: 'white',
    theme: 'background:#121212; color:#eee; padding:16px; --moment-color-text:#f2f2f2; --moment-color-label:#cfcfcf; --moment-color-primary:#8ab4f8;',
  },
};

/** Narrow mobile viewport (375 px): the button fills the width. */
export const Mobile: Story = {
  name: 'Mobile (375 px)',
  tags: ['!autodocs'],
  globals: { viewport: { value: 'mobile375', isRotated: false } },
  args: { theme: 'max-width: 375px; box-sizing: border-box; padding: 0 8px;' },
};

/** Disabled by the page. */
export const Disabled: Story = { tags: ['!autodocs'], args: { disabled: true, note: 'disabled' } };

/**
 * No wallet available (simulated with `sandbox-wallets="none"`): the element hides itself and
 * takes no space; only the `wallet-availability` event below shows it is there.
 */
export const Unavailable: Story = {
  tags: ['!autodocs'],
  args: { sandboxWallets: 'none', note: 'sandbox-wallets="none": no wallet, so the element hides itself.' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('output')?.textContent).toContain('wallet-availability'), { timeout: 15_000 });
  },
};

/** No wallet available, with `show-unavailable`: a disabled button that says why. */
export const ShowUnavailable: Story = {
  tags: ['!autodocs'],
  args: { sandboxWallets: 'none', showUnavailable: true, note: 'show-unavailable: a disabled button that says why.' },
};

/** Load error: a key that is not a publishable key is refused before anything loads. */
export const LoadErrorBadKey: Story = {
  name: 'Load error (bad key)',
  tags: ['!autodocs'],
  args: { clientKey: 'pk_oops', note: 'client-key="pk_oops": load-error (invalid_client_key).' },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('wallet-button')!;
    await waitFor(() => expect(el.shadowRoot?.querySelector('[part="error"]')).toBeTruthy(), { timeout: 10_000 });
  },
};

/**
 * The wallet's component config object as it is: `Object.assign(wallet, config)` with
 * `paymentDetails.paymentToken`, `buttonConfig`, `emailRequired`, the wallet `callbacks`
 * (`onPaymentInitiated`, `onPaymentCancelled`) and `paymentComplete(response)`, which prints the
 * status code, the auth code and the email the customer gave in the sheet (`customerDetails`).
 */
export const ComponentConfig: Story = {
  name: 'Component config and callbacks',
  tags: ['!autodocs'],
  render: (_args, context) => {
    const origin = framesOriginOf(context);
    const attach = (element: Element | undefined) => {
      const wallet = element as WalletButton | undefined;
      if (!wallet || wallet.clientToken) return;
      wallet.framesOrigin = origin;
      const story = wallet.closest('.story')!;
      const say = (text: string) => (story.querySelector('output')!.textContent = text);
      function paymentComplete(response: TransactionResult) {
        say(
          `paymentComplete: statusCode ${response.statusCode}, auth code ${response.authCode ?? '—'}, email ${response.customerDetails?.userEmailAddress ?? '—'}: ${response.message}`,
        );
      }
      demoSession(origin, { collect: { email: true } }).then(
        (data) => {
          const config = {
            paymentDetails: { paymentToken: data.client_token },
            buttonConfig: { color: 'black', type: 'plain' },
            emailRequired: true,
            billingAddressRequired: false,
            shippingAddressRequired: false,
            callbacks: {
              onPaymentInitiated: () => say('callbacks.onPaymentInitiated'),
              onPaymentCancelled: () => say('callbacks.onPaymentCancelled'),
            },
          };
          Object.assign(wallet, config, { paymentComplete });
        },
        (error: Error) => showProblem(wallet, error.message),
      );
    };
    return html`<div class="story" style="max-width: 320px; display: grid; gap: 12px; font-family: system-ui, sans-serif">
      <p style=${NOTE_STYLE}>Press the button (callbacks.onPaymentInitiated), cancel (onPaymentCancelled), or give an email and pay: paymentComplete prints the result and the email.</p>
      <wallet-button client-key=${PUBLISHABLE_KEY} ${ref(attach)}></wallet-button>
      <output aria-live="polite"></output>
    </div>`;
  },
};
