import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { expect, waitFor } from 'storybook/test';
import '../src/elements/card-component/card-component.js';
import type { CardComponent } from '../src/elements/card-component/card-component.component.js';
import type { CardStyles, ValidationError } from '../src/protocol/card.js';
import {
  NOTE_STYLE,
  PUBLISHABLE_KEY,
  applyArgs,
  connect,
  demoSession,
  framesOriginOf,
  nextEvent,
  showProblem,
  type DemoSessionRequest,
} from './sandbox-token.js';

/** Pays with the card beside the button and prints the outcome (as a merchant's page would). */
const pay = async (event: Event) => {
  const root = (event.currentTarget as HTMLElement).closest('.story')!;
  const card = root.querySelector('card-component')!;
  const output = root.querySelector('output')!;
  output.textContent = 'Paying…';
  try {
    const result = await card.executePayment();
    output.dataset.statusCode = String(result.statusCode);
    output.textContent =
      result.statusCode === 0 ? `Paid: statusCode 0, auth code ${result.authCode ?? ''}` : `statusCode ${result.statusCode}: ${result.message}`;
  } catch (error) {
    output.dataset.statusCode = 'error';
    output.textContent = (error as Error).message;
  }
};

interface Args {
  hideCardName: boolean;
  showValidation: boolean;
  disabled: boolean;
  cardNumberLabel: string;
  styles: CardStyles;
  lang: string;
  /** Story only: inline style of the wrapper (theme variables, width). */
  theme: string;
  /** Story only: the text above the card. */
  note: string;
  /** Story only: options of the demo session. */
  session: DemoSessionRequest;
  /** Story only: a frames origin or key that cannot work (load-error stories). */
  framesOrigin: string;
  clientKey: string;
  loadTimeout: number;
  /** Story only: give the element no token until the button is pressed (loading story). */
  withholdToken: boolean;
}

const render = (args: Args, context: StoryContext<Args>) => {
  const origin = framesOriginOf(context);
  const { theme, note, session, withholdToken, ...elementArgs } = args;
  const attach = (el: Element | undefined) => {
    applyArgs(el, elementArgs);
    // A story about a bad key needs no session: the key is refused before any request.
    if (!withholdToken && !elementArgs.clientKey) void connect(el, origin, session);
  };
  const giveToken = (event: Event) => {
    const card = (event.currentTarget as HTMLElement).closest('.story')!.querySelector('card-component')!;
    void connect(card, origin, session);
    (event.currentTarget as HTMLButtonElement).disabled = true;
  };
  return html`<div class="story" style="max-width: 460px; display: grid; gap: 12px; font-family: system-ui, sans-serif; ${theme}">
    ${note ? html`<p style=${NOTE_STYLE}>${note}</p>` : nothing}
    <card-component client-key=${PUBLISHABLE_KEY} ${ref(attach)}></card-component>
    ${withholdToken ? html`<button type="button" @click=${giveToken}>Create the session now</button>` : nothing}
    <button type="button" class="pay" @click=${pay}>Pay £25.00</button>
    <output aria-live="polite"></output>
  </div>`;
};

const meta: Meta<Args> = {
  title: 'Elements/card-component',
  component: 'card-component',
  render,
  argTypes: {
    theme: { table: { category: 'story' } },
    note: { table: { category: 'story' } },
    session: { table: { category: 'story' } },
    withholdToken: { table: { category: 'story' } },
  },
  args: {
    hideCardName: false,
    showValidation: true,
    disabled: false,
    styles: {},
    lang: 'en',
    theme: '',
    note: 'Pay with 4242 4242 4242 4242, any future expiry, any CVV.',
    session: {},
    withholdToken: false,
  },
};
export default meta;
type Story = StoryObj<Args>;

const card = (canvas: HTMLElement) => canvas.querySelector('card-component') as CardComponent;

/** Ready: card number, expiry, security code and name in the secure frame from the sandbox. */
export const Default: Story = {};

/** Success: pay with 4242 4242 4242 4242 and the output shows `statusCode 0` and an auth code. */
export const Success: Story = {
  tags: ['!autodocs'],
  args: { note: 'Type 4242 4242 4242 4242, 12/34, 123 and a name, then press Pay: the payment succeeds (payment-success).' },
};

/** Declined: 4000 0000 0000 0002 declines with `statusCode` 5 and fires `payment-attempt-failed`. */
export const Declined: Story = {
  tags: ['!autodocs'],
  args: { note: 'Type 4000 0000 0000 0002, 12/34, 123 and a name, then press Pay: the card is declined (statusCode 5, payment-attempt-failed).' },
};

/** 3-D Secure: 4000 0000 0000 3220 opens the challenge inside the provider's frame; pass or fail it. */
export const ThreeDSecureChallenge: Story = {
  name: '3-D Secure challenge',
  tags: ['!autodocs'],
  args: {
    note: 'Type 4000 0000 0000 3220, 12/34, 123 and a name, then press Pay: the 3-D Secure challenge opens in the frame. Pass → success, Fail → declined.',
  },
};

/** Invalid: `validate()` on an empty form shows every field's message (and `validation-error`). */
export const Invalid: Story = {
  tags: ['!autodocs'],
  args: { note: 'validate() was called on the empty form: each field shows its message. Type to fix them.' },
  play: async ({ canvasElement }) => {
    const el = card(canvasElement);
    await nextEvent(el, 'ready');
    const result = await el.validate();
    await expect(result.valid).toBe(false);
    await expect(result.errors.length).toBeGreaterThan(0);
  },
};

/** Disabled while something else happens on the page. */
export const Disabled: Story = { args: { disabled: true, note: 'disabled: the fields take no input.' } };

/** Loading: the element reserves its height and shows a skeleton until it has a client token. */
export const Loading: Story = {
  tags: ['!autodocs'],
  args: {
    withholdToken: true,
    loadTimeout: 600_000,
    note: 'No client token yet: the element shows its skeleton at its final height. Press the button to create the session.',
  },
};

/** Expired: a session that lives 2 s; paying after that fires `payment-expired` and pays nothing. */
export const ExpiredToken: Story = {
  tags: ['!autodocs'],
  args: {
    session: { expires_in: 2 },
    note: 'This session expires 2 s after it was created. Pay with 4242 4242 4242 4242 after that: the provider answers that the session has expired (errorType session_expired), and the element fires payment-expired.',
  },
  play: async ({ canvasElement }) => {
    const el = card(canvasElement);
    const ready = await nextEvent<{ height: number }>(el, 'ready');
    await expect(ready.detail.height).toBeGreaterThan(0);
  },
};

/** Load error: the frames origin does not answer; after `load-timeout` the element says so and offers `retry()`. */
export const LoadErrorUnreachable: Story = {
  name: 'Load error (frames origin unreachable)',
  tags: ['!autodocs'],
  args: {
    framesOrigin: 'http://127.0.0.1:2',
    loadTimeout: 15_000,
    note: 'frames-origin points at a port where nothing listens: the element checks the frames origin and says it cannot be reached (load-error frames_unreachable), well within load-timeout.',
  },
  play: async ({ canvasElement }) => {
    const error = await nextEvent<{ code: string }>(card(canvasElement), 'load-error');
    await expect(error.detail.code).toBe('frames_unreachable');
  },
};

/** Load error: a key that is not a publishable key is refused at once, before any network request. */
export const LoadErrorBadKey: Story = {
  name: 'Load error (bad key)',
  tags: ['!autodocs'],
  args: { clientKey: 'pk_oops', note: 'client-key="pk_oops" is not a publishable key: load-error (invalid_client_key).' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(card(canvasElement).shadowRoot?.querySelector('[part="error"]')).toBeTruthy(), { timeout: 10_000 });
  },
};

/** Without the cardholder name. */
export const WithoutName: Story = { args: { hideCardName: true } };

/** Theming with `--moment-*` custom properties on an ancestor: a dark theme. */
export const DarkTheme: Story = {
  args: {
    theme:
      'background:#121212; padding:16px; color:#eee; --moment-color-text:#f2f2f2; --moment-color-label:#cfcfcf; --moment-color-background:#1e1e1e; --moment-color-border:#444; --moment-color-primary:#8ab4f8; --moment-color-placeholder:#8a8a8a; --moment-border-radius:10px;',
  },
};

/** Narrow mobile viewport (375 px). */
export const Mobile: Story = {
  name: 'Mobile (375 px)',
  tags: ['!autodocs'],
  globals: { viewport: { value: 'mobile375', isRotated: false } },
  args: { theme: 'max-width: 375px; box-sizing: border-box; padding: 0 8px;' },
};

/** The provider's `styles` object: per-field states, filtered by the allowlist in the frame. */
export const CustomStyles: Story = {
  tags: ['!autodocs'],
  args: {
    styles: {
      base: { default: { fontSize: '17px', borderRadius: '2px' }, focus: { boxShadow: '0 0 0 3px rgb(255 196 0 / 60%)' }, error: { color: '#9b1c1c' } },
      cardNumber: { default: { letterSpacing: '1px' } },
    },
  },
};

/** `lang="de"`: labels, placeholders, error messages and the 3-D Secure texts in German. */
export const German: Story = {
  name: 'Language: German (de)',
  tags: ['!autodocs'],
  args: { lang: 'de', note: 'lang="de": the frame speaks German. Leave a field to see its error message.' },
};

/** `lang="ar"`: right to left, with the card number, expiry and security code still left to right. */
export const Arabic: Story = {
  name: 'Language: Arabic (ar, right to left)',
  tags: ['!autodocs'],
  args: { lang: 'ar', note: 'lang="ar": the frame is laid out right to left; numbers stay left to right.' },
};

/** The host's own texts follow the language too: a frame that cannot load says so in French. */
export const LoadErrorFrench: Story = {
  name: 'Load error (in French)',
  tags: ['!autodocs'],
  args: {
    lang: 'fr',
    framesOrigin: 'http://127.0.0.1:2',
    loadTimeout: 15_000,
    note: 'lang="fr" and a frames origin where nothing listens: the message and its button are in French.',
  },
  play: async ({ canvasElement }) => {
    await nextEvent(card(canvasElement), 'load-error');
    await waitFor(() => expect(card(canvasElement).shadowRoot?.querySelector('[part="error"] button')?.textContent).toBe('Réessayer'), { timeout: 10_000 });
  },
};

/**
 * The component config object as it is: `Object.assign(card, config)` with
 * `paymentDetails.paymentToken` (the client token under the config's name) and a
 * `displayErrorsCallback` that renders the errors in the page's own list. By the `showValidation`
 * rule the fields then show no message text of their own (each error appears once), except the
 * card number, whose `text.cardNumber.showValidation` is `true`; every field still turns invalid
 * and is announced. (`containerId` is left out: the element is its own container, and setting it
 * only says so on the console.)
 */
export const ComponentConfig: Story = {
  name: 'Component config and displayErrorsCallback',
  render: (_args, context) => {
    const origin = framesOriginOf(context);
    const attach = (element: Element | undefined) => {
      const card = element as CardComponent | undefined;
      if (!card || card.clientToken) return;
      card.framesOrigin = origin;
      // The documented displayErrorsCallback, verbatim.
      function displayErrorsCallback(errors: ValidationError[]) {
        const errorsDiv = card!.closest('.story')!.querySelector<HTMLElement>('#errors')!;
        errorsDiv.innerHTML = '';
        if (errors && errors.length) {
          const list = document.createElement('ul');
          for (const error of errors) {
            const item = document.createElement('li');
            item.innerText = error.message;
            list.appendChild(item);
          }
          errorsDiv.appendChild(list);
        }
      }
      demoSession(origin).then(
        (data) => {
          const config = {
            paymentDetails: { paymentToken: data.client_token },
            styles: { base: {} },
            text: { cardNumber: { showValidation: true } },
          };
          Object.assign(card, config, { displayErrorsCallback });
        },
        (error: Error) => showProblem(card, error.message),
      );
    };
    return html`<div class="story" style="max-width: 460px; display: grid; gap: 12px; font-family: system-ui, sans-serif">
      <p style=${NOTE_STYLE}>Press Pay on the empty form: the page's list shows every error once; only the card number also shows its message under the field (text.cardNumber.showValidation: true).</p>
      <div id="demo-payment"><card-component client-key=${PUBLISHABLE_KEY} ${ref(attach)}></card-component></div>
      <div id="errors" role="alert" style="color: #b00020"></div>
      <button type="button" class="pay" @click=${pay}>Pay £25.00</button>
      <output aria-live="polite"></output>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const el = card(canvasElement);
    await nextEvent(el, 'ready');
    await el.validate();
    await waitFor(() => expect(canvasElement.querySelectorAll('#errors li').length).toBeGreaterThan(0));
  },
};
