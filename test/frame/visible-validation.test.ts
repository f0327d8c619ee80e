import { expect, waitUntil } from '@open-wc/testing';
import type { CardEventDetail, CardEventName, CardFrameConfig } from '../../src/protocol/messages.js';
import type { CheckoutEventName } from '../../src/protocol/checkout.js';
import { CardFields } from '../../src/frame/card/card-fields.js';
import { CheckoutPage } from '../../src/frame/checkout/checkout-page.js';
import { createSession, frameClick, frameEval, typeInFrame } from '../support/helpers.js';
import { cardConfig, openFrame } from './frame-host.js';

/** Visible: laid out with a real size, not clipped to the 1 px visually-hidden box. */
function isVisible(element: Element | null): boolean {
  if (!element || !(element instanceof HTMLElement)) return false;
  const box = element.getBoundingClientRect();
  return element.checkVisibility() && box.height >= 10 && box.width >= 40 && getComputedStyle(element).clip !== 'rect(0px, 0px, 0px, 0px)';
}

describe('visible validation: card fields', () => {
  let container: HTMLDivElement;
  let fields: CardFields;
  let events: { name: CardEventName; detail: unknown }[];
  const mount = (config: Partial<CardFrameConfig> = {}) => {
    container = document.createElement('div');
    container.style.width = '360px';
    document.body.append(container);
    events = [];
    fields = new CardFields(
      container,
      { clientToken: 'tok_test', ...config },
      {
        emit: <E extends CardEventName>(name: E, detail: CardEventDetail<E>) => void events.push({ name, detail }),
        now: () => new Date(2030, 5, 15),
      },
    );
  };
  const el = (id: string) => container.querySelector<HTMLInputElement>(`#${id}`)!;
  const type = (id: string, value: string) => {
    el(id).value = value;
    el(id).dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
  };
  const blur = (id: string) => el(id).dispatchEvent(new FocusEvent('blur'));
  afterEach(() => {
    fields?.destroy();
    container?.remove();
  });

  it('shows the message text under a field by default once the error is shown (after blur), tied and announced', () => {
    mount();
    const before = container.getBoundingClientRect().height;
    type('expiry-date', '01/20');
    expect(isVisible(container.querySelector('#expiry-date-error')), 'not while typing').to.equal(false);
    blur('expiry-date');
    const message = container.querySelector('#expiry-date-error')!;
    expect(isVisible(message)).to.equal(true);
    expect(message.textContent).to.contain('This card has expired');
    expect(el('expiry-date').getAttribute('aria-describedby')).to.equal('expiry-date-error');
    expect(container.querySelector('[role=status]')!.textContent).to.contain('This card has expired');
    expect(container.getBoundingClientRect().height).to.be.greaterThan(before);
  });

  it('shows every message on validate(), with showValidation: true changing nothing', () => {
    mount({ text: { cardNumber: { showValidation: true } } });
    fields.validate();
    for (const id of ['card-number', 'expiry-date', 'cv2', 'card-name']) expect(isVisible(container.querySelector(`#${id}-error`)), id).to.equal(true);
  });

  it('hideValidation: true keeps the text out of sight but described and announced', () => {
    mount({ hideValidation: true });
    type('card-number', '4242');
    blur('card-number');
    const message = container.querySelector('#card-number-error')!;
    expect(isVisible(message)).to.equal(false);
    expect(message.textContent).to.contain('valid card number');
    expect(el('card-number').getAttribute('aria-describedby')).to.equal('card-number-error');
    expect(container.querySelector('[role=status]')!.textContent).to.contain('valid card number');
  });

  it('text.<field>.showValidation: false hides only that field’s text', () => {
    mount({ text: { cv2: { showValidation: false } } });
    fields.validate();
    expect(isVisible(container.querySelector('#cv2-error'))).to.equal(false);
    expect(isVisible(container.querySelector('#card-number-error'))).to.equal(true);
  });
});

describe('visible validation: the card frame reports a height that includes the messages', () => {
  it('a blurred invalid field grows the frame by its message, in a resize event', async () => {
    const session = await createSession();
    const frame = await openFrame('card');
    try {
      const { height } = await frame.request('configure', cardConfig(session.client_token));
      await typeInFrame(frame.name, 'expiryDate', '01/20');
      const from = frame.events.length;
      await frameClick(frame.name, '#cv2');
      const resized = (await frame.next('resize', from)) as { height: number };
      expect(resized.height).to.be.greaterThan(height + 10);
      const shown = await frameEval<{ visible: boolean; text: string }>(
        frame.name,
        "const m = document.getElementById('expiry-date-error'); return { visible: m.checkVisibility() && m.getBoundingClientRect().height > 10, text: m.textContent };",
      );
      expect(shown.visible).to.equal(true);
      expect(shown.text).to.contain('expired');
    } finally {
      frame.remove();
    }
  });
});

describe('visible validation: hosted checkout', () => {
  const ORIGIN = 'https://frames.test';
  let container: HTMLDivElement;
  let page: CheckoutPage;
  let events: { name: CheckoutEventName; detail: unknown }[];
  const session = {
    id: 'ps_visible',
    status: 'open',
    amount: 1000,
    currency: 'GBP',
    variant: 'inline',
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
    success_url: null,
    collect: { email: true, billing_address: true, shipping_address: false },
  };
  const mount = async () => {
    container = document.createElement('div');
    container.style.width = '400px';
    document.body.append(container);
    events = [];
    const fetchImpl = (async () => new Response(JSON.stringify(session))) as typeof fetch;
    page = new CheckoutPage(
      container,
      { clientToken: 'tok', variant: 'inline', themeVariables: {}, locale: 'en-GB', hidePayButton: false },
      {
        emit: (name, detail) => void events.push({ name, detail }),
        origin: ORIGIN,
        fetch: fetchImpl,
        payment: { fetch: fetchImpl, retryDelayMs: 0 },
      },
    );
    await page.load();
  };
  const $ = <T extends HTMLElement = HTMLInputElement>(s: string) => container.querySelector<T>(s)!;
  const type = (selector: string, value: string) => {
    $(selector).value = value;
    $(selector).dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
  };
  const named = (name: CheckoutEventName) => events.filter((e) => e.name === name).map((e) => e.detail);
  afterEach(() => {
    page?.destroy();
    container?.remove();
  });

  it('shows visible text for a bad card number and a bad email after blur', async () => {
    await mount();
    type('#card-number', '4242 4242');
    $('#card-number').dispatchEvent(new FocusEvent('blur'));
    type('#email', 'ada@');
    $('#email').dispatchEvent(new FocusEvent('blur'));
    expect(isVisible($('#card-number-error'))).to.equal(true);
    expect(isVisible($('#email-error'))).to.equal(true);
    expect($('#email').getAttribute('aria-describedby')).to.equal('email-error');
  });

  it('shows every message on a pay attempt and sends validation-error in page order', async () => {
    await mount();
    page.pay();
    for (const id of ['email', 'card-number', 'expiry-date', 'cv2', 'card-name', 'billing-address1']) expect(isVisible($(`#${id}-error`)), id).to.equal(true);
    const last = named('validation-error').at(-1) as { errors: { field: string; errorType: string; message: string }[] };
    expect(last.errors.map((e) => e.field)).to.deep.equal([
      'email',
      'cardNumber',
      'expiryDate',
      'cv2',
      'cardName',
      'billingAddress1',
      'billingCity',
      'billingPostcode',
    ]);
    expect(last.errors[0]).to.deep.equal({ field: 'email', errorType: 'emailRequired', message: 'Enter your email address.' });
    expect(named('validation-error')).to.have.length(1);
  });

  it('sends validation-error when a shown error goes away', async () => {
    await mount();
    type('#email', 'ada@');
    $('#email').dispatchEvent(new FocusEvent('blur'));
    await waitUntil(() => named('validation-error').length === 1);
    type('#email', 'ada@example.com');
    expect(named('validation-error').at(-1)).to.deep.equal({ errors: [] });
  });
});
