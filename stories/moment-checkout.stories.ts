import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { expect, waitFor } from 'storybook/test';
import '../src/elements/moment-checkout/moment-checkout.js';
import type { MomentCheckout } from '../src/elements/moment-checkout/moment-checkout.component.js';
import { NOTE_STYLE, PUBLISHABLE_KEY, applyArgs, demoSession, framesOriginOf, nextEvent, type DemoSessionRequest } from './sandbox-token.js';

interface Args {
  checkoutTitle: string;
  loadTimeout: number;
  clientKey: string;
  lang: string;
  /** Story only: which checkout the demo session asks for (the token's `variant` claim). */
  variant: 'modal' | 'inline';
  /** Story only: inline style of the wrapper (theme variables, width). */
  theme: string;
  /** Story only: the text above the button. */
  note: string;
  /** Story only: what the demo session asks for besides the variant (the order, the amount). */
  order: DemoSessionRequest;
}

/** The gallery's default order, in the product's own names. */
const DEFAULT_ORDER: DemoSessionRequest = { title: 'Gallery shop', line_items: [{ name: 'Moment tee', quantity: 1, amount: 2500 }] };

/** The documented order-and-taxes example, verbatim (£15.10). */
const DOCUMENTED_ORDER: DemoSessionRequest = {
  amount: 1510,
  currency: 'GBP',
  itemLines: [
    { id: 'item 1', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } },
    { id: 'item 5', quantity: 1, caption: 'Dog bandana', amountTotal: { value: 600, currencyCode: 'GBP' } },
  ],
  taxLines: [
    { id: 'vat', caption: 'VAT', subCaption: '10%', amountTotal: { value: 10, currencyCode: 'GBP' } },
    { id: 'delivery', caption: 'Delivery', amountTotal: { value: 500, currencyCode: 'GBP' } },
  ],
  config: { title: 'The Company', details: { showTotal: true } },
};

/** Launches with a fresh demo session per launch, as a merchant's `fetchClientToken` would. */
const launch = async (event: Event) => {
  const root = (event.currentTarget as HTMLElement).closest<HTMLElement>('.story')!;
  const checkout = root.querySelector('moment-checkout') as MomentCheckout;
  const output = root.querySelector('output')!;
  try {
    const opened = await checkout.launch(root.dataset.variant === 'inline' ? { container: root.querySelector<HTMLElement>('.inline-box')! } : {});
    output.textContent = `Opened the ${opened.variant} checkout.`;
  } catch (error) {
    output.textContent = (error as Error).message;
  }
};

const render = (args: Args, context: StoryContext<Args>) => {
  const origin = framesOriginOf(context);
  const { theme, note, variant, order, ...elementArgs } = args;
  const attach = (el: Element | undefined) => {
    if (!el) return;
    applyArgs(el, elementArgs);
    const checkout = el as MomentCheckout;
    checkout.framesOrigin ??= origin;
    checkout.fetchClientToken = () => demoSession(origin, { ...order, variant }).then((s) => s.client_token);
    const output = () => el.closest('.story')?.querySelector('output');
    const say = (text: string) => () => {
      const out = output();
      if (out) out.textContent = text;
    };
    checkout.onSuccess = (result) => say(`Paid: ${result.authCode ?? ''}`)();
    checkout.onCancel = say('Cancelled: nothing was charged.');
    checkout.onAttemptFailed = (result) => say(`Attempt failed: ${result.message}`)();
    checkout.onFailure = (result) => say(`Failed: ${result.message}`)();
    checkout.onExpired = say('The session expired.');
  };
  return html`<div class="story" data-variant=${variant} style="display: grid; gap: 12px; max-width: 520px; font-family: system-ui, sans-serif; ${theme}">
    ${note ? html`<p style=${NOTE_STYLE}>${note}</p>` : nothing}
    <moment-checkout client-key=${PUBLISHABLE_KEY} ${ref(attach)}></moment-checkout>
    <button type="button" class="launch" @click=${launch}>Pay £25.00</button>
    <div class="inline-box"></div>
    <output aria-live="polite"></output>
  </div>`;
};

/** Presses the story's Pay button and waits until the checkout is open. */
const openCheckout = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const checkout = canvasElement.querySelector('moment-checkout')!;
  const opened = nextEvent(checkout, 'checkout-open');
  canvasElement.querySelector<HTMLButtonElement>('button.launch')!.click();
  await opened;
};

const meta: Meta<Args> = {
  title: 'Elements/moment-checkout',
  component: 'moment-checkout',
  render,
  argTypes: {
    variant: { control: 'inline-radio', options: ['modal', 'inline'], table: { category: 'story' } },
    theme: { table: { category: 'story' } },
    note: { table: { category: 'story' } },
    order: { table: { category: 'story' } },
  },
  args: {
    variant: 'modal',
    checkoutTitle: 'Secure checkout',
    theme: '',
    note: 'Press Pay, then pay with 4242 4242 4242 4242 in the hosted checkout.',
    order: DEFAULT_ORDER,
  },
};
export default meta;
type Story = StoryObj<Args>;

/** The modal checkout (focus trapped, Escape closes); under 600 px wide it is a bottom sheet. */
export const Modal: Story = { play: openCheckout };

/** The inline checkout, rendered into a container and sized by its content. */
export const Inline: Story = { args: { variant: 'inline' }, play: openCheckout };

/**
 * The order summary: `config.title` as the heading, item lines with their quantity and
 * `amountTotal` (the line's total), tax lines with their `subCaption` ("VAT 10%"), and "Total due"
 * (`config.details.showTotal`), the session's amount. Lines need not add up to the amount.
 */
export const OrderSummary: Story = {
  args: {
    variant: 'inline',
    order: DOCUMENTED_ORDER,
    note: 'itemLines, taxLines with subCaption, config.title and config.details.showTotal: press Pay to see the summary.',
  },
  play: openCheckout,
};

/** The same order at 375 px: captions wrap, amounts stay on their line. */
export const OrderSummaryMobile: Story = {
  name: 'Order summary (375 px)',
  tags: ['!autodocs'],
  globals: { viewport: { value: 'mobile375', isRotated: false } },
  args: { order: DOCUMENTED_ORDER, theme: 'max-width: 375px;', note: 'The same order in the bottom sheet.' },
  play: openCheckout,
};

/**
 * Wallets in the checkout (`paymentMethods: ["Card", "Wallet"]`): the wallet button above the card
 * form, the sandbox wallet with test keys (Apple Pay / Google Pay with live keys). It pays through
 * the same session, once; a `["Wallet"]`-only session shows the wallet button alone.
 */
export const Wallet: Story = {
  name: 'Card and wallet',
  args: {
    variant: 'inline',
    order: { ...DEFAULT_ORDER, paymentMethods: ['Card', 'Wallet'] } as DemoSessionRequest,
    note: 'paymentMethods: ["Card", "Wallet"]: the sandbox wallet above the card form. Press Pay, then the wallet button.',
  },
  play: openCheckout,
};

/** Theming through `--moment-*` custom properties, forwarded into the frame. */
export const DarkTheme: Story = {
  tags: ['!autodocs'],
  args: {
    variant: 'inline',
    theme:
      'background:#121212; color:#eee; padding:16px; --moment-color-background:#1e1e1e; --moment-color-text:#f2f2f2; --moment-color-label:#cfcfcf; --moment-color-border:#444; --moment-color-primary:#8ab4f8;',
  },
  play: openCheckout,
};

/** Narrow mobile viewport (375 px): the modal checkout is a bottom sheet. */
export const Mobile: Story = {
  name: 'Mobile (375 px)',
  tags: ['!autodocs'],
  globals: { viewport: { value: 'mobile375', isRotated: false } },
  args: { theme: 'max-width: 375px;' },
  play: openCheckout,
};

/** Load error: a key that is not a publishable key; `launch()` rejects and `checkout-error` fires. */
export const LoadErrorBadKey: Story = {
  name: 'Load error (bad key)',
  tags: ['!autodocs'],
  args: { clientKey: 'pk_oops', note: 'client-key="pk_oops": Pay fails with checkout-error.' },
  play: async ({ canvasElement }) => {
    const checkout = canvasElement.querySelector('moment-checkout')!;
    const failed = nextEvent(checkout, 'checkout-error');
    canvasElement.querySelector<HTMLButtonElement>('button.launch')!.click();
    await failed;
    await waitFor(() => expect(canvasElement.querySelector('output')?.textContent).not.toBe(''));
  },
};

/**
 * An HTML-only checkout (`session-endpoint`, no script of its own) whose endpoint fails: the
 * element shows a short message with "Try again" where the checkout would be (`part="error"`,
 * `role="alert"`), in the element's language. A page that says it its own way cancels
 * `checkout-error` (`event.preventDefault()`).
 */
export const LoadErrorLaunch: Story = {
  name: 'Launch error (session-endpoint fails)',
  tags: ['!autodocs'],
  args: { note: 'session-endpoint points at a URL that is not a session endpoint: press Pay to see the message the element shows in place of the checkout.' },
  render: (args, context) => {
    const origin = framesOriginOf(context);
    const pay = (event: Event) => {
      const checkout = (event.currentTarget as HTMLElement).closest('.story')!.querySelector('moment-checkout') as MomentCheckout;
      checkout.launch().catch(() => undefined); // what an inline onclick does
    };
    return html`<div class="story" style="display: grid; gap: 12px; max-width: 520px; font-family: system-ui, sans-serif; ${args.theme}">
      ${args.note ? html`<p style=${NOTE_STYLE}>${args.note}</p>` : nothing}
      <moment-checkout client-key=${PUBLISHABLE_KEY} frames-origin=${origin} session-endpoint="/api/no-such-session-endpoint" lang=${args.lang || nothing}></moment-checkout>
      <button type="button" class="launch" @click=${pay}>Pay £25.00</button>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const checkout = canvasElement.querySelector('moment-checkout')!;
    const failed = nextEvent(checkout, 'checkout-error');
    canvasElement.querySelector<HTMLButtonElement>('button.launch')!.click();
    await failed;
    await waitFor(() => expect(checkout.shadowRoot?.querySelector('[part="error"][role="alert"]')).toBeTruthy());
  },
};
