import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/card-component/card-component.js';
import type { CardStyles } from '../src/protocol/card.js';
import { connect } from './sandbox-token.js';

const pay = async (event: Event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const card = button.parentElement!.querySelector('card-component')!;
  const output = button.parentElement!.querySelector('output')!;
  try {
    const result = await card.executePayment();
    output.textContent = `statusCode ${result.statusCode}: ${result.message}`;
  } catch (error) {
    output.textContent = (error as Error).message;
  }
};

interface Args {
  hideCardName: boolean;
  showValidation: boolean;
  disabled: boolean;
  cardNumberLabel: string;
  styles: CardStyles;
  theme: string;
}

const render = (args: Args) => html`<div style="max-width: 460px; display: grid; gap: 12px; ${args.theme}">
  <card-component
    client-key="pk_test_storybook"
    ?hide-card-name=${args.hideCardName}
    ?show-validation=${args.showValidation}
    ?disabled=${args.disabled}
    card-number-label=${args.cardNumberLabel}
    .styles=${args.styles}
    ${ref((el) => void connect(el))}
  ></card-component>
  <button type="button" @click=${pay}>Pay £25.00</button>
  <output></output>
</div>`;

const meta: Meta<Args> = {
  title: 'Elements/card-component',
  component: 'card-component',
  render,
  args: { hideCardName: false, showValidation: true, disabled: false, cardNumberLabel: 'Card number', styles: {}, theme: '' },
};
export default meta;
type Story = StoryObj<Args>;

/** Card number, expiry, security code and name. Pay with 4242 4242 4242 4242. */
export const Default: Story = {};

/** Without the cardholder name. */
export const WithoutName: Story = { args: { hideCardName: true } };

/** Disabled while something else happens on the page. */
export const Disabled: Story = { args: { disabled: true } };

/** Theming with `--moment-*` custom properties on an ancestor: a dark theme. */
export const DarkTheme: Story = {
  args: {
    theme:
      'background:#121212; padding:16px; color:#eee; --moment-color-text:#f2f2f2; --moment-color-label:#cfcfcf; --moment-color-background:#1e1e1e; --moment-color-border:#444; --moment-color-primary:#8ab4f8; --moment-border-radius:10px;',
  },
};

/** The provider's `styles` object: per-field states, filtered by the allowlist in the frame. */
export const CustomStyles: Story = {
  args: {
    styles: {
      base: { default: { fontSize: '17px', borderRadius: '2px' }, focus: { boxShadow: '0 0 0 3px rgb(255 196 0 / 60%)' }, error: { color: '#9b1c1c' } },
      cardNumber: { default: { letterSpacing: '1px' } },
    },
  },
};
