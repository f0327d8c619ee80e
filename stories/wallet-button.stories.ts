import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/wallet-button/wallet-button.js';
import type { SandboxWalletMode, WalletButtonColor, WalletButtonType } from '../src/protocol/wallet.js';
import { connect } from './sandbox-token.js';

/** Prints what the button reports, so each story shows its events. */
function log(event: Event): void {
  const output = (event.currentTarget as Element).parentElement!.querySelector('output')!;
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
  theme: string;
}

const render = (args: Args) => html`<div style="max-width: 320px; display: grid; gap: 12px; ${args.theme}">
  <wallet-button
    client-key="pk_test_storybook"
    button-color=${args.buttonColor}
    button-type=${args.buttonType}
    ?email-required=${args.emailRequired}
    ?billing-address-required=${args.billingAddressRequired}
    ?shipping-address-required=${args.shippingAddressRequired}
    ?show-unavailable=${args.showUnavailable}
    ?disabled=${args.disabled}
    sandbox-wallets=${args.sandboxWallets}
    lang=${args.lang}
    @wallet-availability=${log}
    @payment-initiated=${log}
    @payment-cancel=${log}
    @payment-success=${log}
    @payment-attempt-failed=${log}
    @payment-failure=${log}
    ${ref((el) => void connect(el))}
  ></wallet-button>
  <output></output>
</div>`;

const meta: Meta<Args> = {
  title: 'Elements/wallet-button',
  component: 'wallet-button',
  render,
  argTypes: {
    buttonColor: { control: 'inline-radio', options: ['black', 'white'] },
    buttonType: { control: 'select', options: ['plain', 'book', 'buy', 'checkout', 'donate', 'order'] },
    sandboxWallets: { control: 'inline-radio', options: ['sandbox', 'none'] },
  },
  args: {
    buttonColor: 'black',
    buttonType: 'plain',
    emailRequired: false,
    billingAddressRequired: false,
    shippingAddressRequired: false,
    showUnavailable: false,
    disabled: false,
    sandboxWallets: 'sandbox',
    lang: 'en',
    theme: '',
  },
};
export default meta;
type Story = StoryObj<Args>;

// Every colour × type. With a pk_test_ key the sandbox wallet stands in for Apple Pay / Google Pay.

/** Black, the wallet's mark only. Press it to open the sandbox wallet sheet. */
export const BlackPlain: Story = { args: { buttonColor: 'black', buttonType: 'plain' } };
/** Black, "Book with …". */
export const BlackBook: Story = { args: { buttonColor: 'black', buttonType: 'book' } };
/** Black, "Buy with …". */
export const BlackBuy: Story = { args: { buttonColor: 'black', buttonType: 'buy' } };
/** Black, "Check out with …". */
export const BlackCheckout: Story = { args: { buttonColor: 'black', buttonType: 'checkout' } };
/** Black, "Donate with …". */
export const BlackDonate: Story = { args: { buttonColor: 'black', buttonType: 'donate' } };
/** Black, "Order with …". */
export const BlackOrder: Story = { args: { buttonColor: 'black', buttonType: 'order' } };
/** White (with an outline), the wallet's mark only. */
export const WhitePlain: Story = { args: { buttonColor: 'white', buttonType: 'plain' } };
/** White, "Book with …". */
export const WhiteBook: Story = { args: { buttonColor: 'white', buttonType: 'book' } };
/** White, "Buy with …". */
export const WhiteBuy: Story = { args: { buttonColor: 'white', buttonType: 'buy' } };
/** White, "Check out with …". */
export const WhiteCheckout: Story = { args: { buttonColor: 'white', buttonType: 'checkout' } };
/** White, "Donate with …". */
export const WhiteDonate: Story = { args: { buttonColor: 'white', buttonType: 'donate' } };
/** White, "Order with …". */
export const WhiteOrder: Story = { args: { buttonColor: 'white', buttonType: 'order' } };

/** The sheet asks for email, billing and shipping address when the merchant requires them. */
export const CollectDetails: Story = {
  args: { buttonType: 'buy', emailRequired: true, billingAddressRequired: true, shippingAddressRequired: true },
};

/** Labels follow `lang` (here French). */
export const French: Story = { args: { buttonType: 'buy', lang: 'fr' } };

/** Rounded, from `--moment-wallet-radius`, and taller, from `--moment-wallet-height`. */
export const Themed: Story = { args: { buttonType: 'checkout', theme: '--moment-wallet-radius: 24px; --moment-wallet-height: 56px;' } };

/** Disabled by the page. */
export const Disabled: Story = { args: { buttonType: 'buy', disabled: true } };

/**
 * No wallet available (simulated with `sandbox-wallets="none"`): the element hides itself and
 * takes no space; only the `wallet-availability` event below shows it is there.
 */
export const Unavailable: Story = { args: { buttonType: 'buy', sandboxWallets: 'none' } };

/** No wallet available, with `show-unavailable`: a disabled button that says why. */
export const ShowUnavailable: Story = { args: { buttonType: 'buy', sandboxWallets: 'none', showUnavailable: true } };
