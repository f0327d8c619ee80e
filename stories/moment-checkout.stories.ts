import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/moment-checkout/moment-checkout.js';
import type { MomentCheckout } from '../src/elements/moment-checkout/moment-checkout.component.js';
import { sandboxToken } from './sandbox-token.js';

interface Args {
  variant: 'modal' | 'inline';
  checkoutTitle: string;
  theme: string;
}

const launch = (variant: 'modal' | 'inline') => async (event: Event) => {
  const root = (event.currentTarget as HTMLElement).parentElement!;
  const checkout = root.querySelector('moment-checkout') as MomentCheckout;
  const output = root.querySelector('output')!;
  checkout.fetchClientToken = () => sandboxToken(variant);
  checkout.onSuccess = (result) => (output.textContent = `Paid: ${result.authCode ?? ''}`);
  checkout.onCancel = () => (output.textContent = 'Cancelled');
  try {
    await checkout.launch(variant === 'inline' ? { container: root.querySelector('.inline-box')! } : {});
  } catch (error) {
    output.textContent = (error as Error).message;
  }
};

const meta: Meta<Args> = {
  title: 'Elements/moment-checkout',
  component: 'moment-checkout',
  args: { variant: 'modal', checkoutTitle: 'Secure checkout', theme: '' },
  render: (args) => html`<div style="display: grid; gap: 12px; max-width: 520px; ${args.theme}">
    <moment-checkout client-key="pk_test_storybook" checkout-title=${args.checkoutTitle}></moment-checkout>
    <button type="button" @click=${launch(args.variant)}>Pay £25.00</button>
    <div class="inline-box"></div>
    <output></output>
  </div>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The modal checkout; under 600 px wide it is a bottom sheet. Pay with 4242 4242 4242 4242. */
export const Modal: Story = {};

/** The inline checkout, rendered into a container and sized by its content. */
export const Inline: Story = { args: { variant: 'inline' } };

/** Theming through `--moment-*` custom properties, forwarded into the frame. */
export const DarkTheme: Story = {
  args: {
    theme: 'background:#121212; color:#eee; padding:16px; --moment-color-background:#1e1e1e; --moment-color-text:#f2f2f2; --moment-color-border:#444; --moment-color-primary:#8ab4f8;',
  },
};
