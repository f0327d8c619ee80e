/**
 * The outcome table end to end (README, "Outcomes"): the rows that used to mislead, paid through
 * the real checkout frame against the sandbox with the seed's SDK (`Moment(key).checkout(...)`).
 * Every other row is covered one by one in test/frame/checkout-outcomes.test.ts.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import { Moment, type CheckoutConfig } from '../../src/moment.js';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import { TEST_KEY, createSession, fillCard, frameClick, frameEval, frameName, getSession, record, until, type SandboxSession } from '../support/helpers.js';

const PAY_BUTTON = '.mc-pay';
/** The sandbox's default limit of failed attempts per session. */
const MAX_FAILED_ATTEMPTS = 5;
const OUTCOME_EVENTS = ['payment-success', 'payment-failure', 'payment-attempt-failed', 'payment-cancel', 'payment-expired'];

/** `Moment(key).checkout()` with every seed callback recorded, on the given session. */
function sdkCheckout(session: SandboxSession) {
  const calls: { callback: string; result: Record<string, unknown> }[] = [];
  const callback = (name: string) => (result: object) => void calls.push({ callback: name, result: result as Record<string, unknown> });
  const config: CheckoutConfig = {
    fetchClientToken: async () => session.client_token,
    onSuccess: callback('onSuccess'),
    onFailure: callback('onFailure'),
    onCancel: callback('onCancel'),
    onAttemptFailed: callback('onAttemptFailed'),
    onExpired: callback('onExpired'),
  };
  const checkout = Moment(TEST_KEY).checkout(config);
  const events = record(checkout.element, OUTCOME_EVENTS);
  return { checkout, calls, events };
}

const checkoutFrame = (el: Element): string => {
  const iframe = el.shadowRoot!.querySelector('iframe');
  if (!iframe) throw new Error('no checkout iframe');
  return iframe.name;
};

const payEnabled = (frame: string) => frameEval<boolean>(frame, `const b = document.querySelector('${PAY_BUTTON}'); return !!b && !b.disabled;`);

describe('outcome table end to end: the attempt that exhausts the session', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it(`declines 1–${MAX_FAILED_ATTEMPTS - 1} fire onAttemptFailed; decline ${MAX_FAILED_ATTEMPTS} (session failed) fires onFailure only, once`, async () => {
    const session = await createSession();
    const { checkout, calls, events } = sdkCheckout(session);
    cleanup = () => {
      checkout.close();
      checkout.element.remove();
    };
    await checkout.launch();
    const frame = checkoutFrame(checkout.element);
    await fillCard(frame, { number: '4000000000000002' });
    for (let attempt = 1; attempt <= MAX_FAILED_ATTEMPTS; attempt++) {
      await until(() => payEnabled(frame), 5000, `the pay button before attempt ${attempt}`);
      await frameClick(frame, PAY_BUTTON);
      await until(() => events.length === attempt, 8000, `the outcome of attempt ${attempt}`);
    }
    // Anything fired late (a second final callback) would show here.
    await quietWindow(300);
    const expected = [...Array(MAX_FAILED_ATTEMPTS - 1).fill('payment-attempt-failed'), 'payment-failure'];
    expect(events.map((e) => e.name)).to.deep.equal(expected);
    expect(calls.map((c) => c.callback)).to.deep.equal([...Array(MAX_FAILED_ATTEMPTS - 1).fill('onAttemptFailed'), 'onFailure']);
    const final = calls.at(-1)!.result;
    expect(final).to.include({ sessionId: session.id, statusCode: 5, sessionStatus: 'failed' });
    expect(final).to.deep.equal(events.at(-1)!.detail);
    expect((await getSession(session.id)).status).to.equal('failed');
    // The frame shows the end, with no form to try again.
    expect(await frameEval<string>(frame, `return document.querySelector('.mc-state-heading')?.textContent ?? ''`)).to.equal('Payment failed');
    expect(await frameEval<boolean>(frame, `return document.querySelector('#card-number') === null`)).to.equal(true);
  });
});

describe('outcome table end to end: a payment on a session that is already paid', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  /** Pays `session` with a <card-component> on the same client token (another form, another tab). */
  async function payElsewhere(session: SandboxSession): Promise<string> {
    const card = document.createElement('card-component') as CardComponent;
    card.clientKey = TEST_KEY;
    card.clientToken = session.client_token;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
    const ready = oneEvent(card, 'ready');
    wrapper.append(card);
    await ready;
    await fillCard(frameName(card), { number: '4242424242424242' });
    const result = await card.executePayment();
    expect(result.statusCode).to.equal(0);
    wrapper.remove();
    return result.authCode!;
  }

  it('paid meanwhile, then Pay in the checkout: statusCode 20 with the original authCode → payment-success and onSuccess, never a failure', async () => {
    // Inline: a modal would make the page's other card form inert.
    const session = await createSession({ variant: 'inline' });
    const { checkout, calls, events } = sdkCheckout(session);
    cleanup = () => {
      checkout.close();
      checkout.element.remove();
    };
    await checkout.launch();
    const frame = checkoutFrame(checkout.element);
    await fillCard(frame, { number: '4242424242424242' });
    const originalAuthCode = await payElsewhere(session);

    await frameClick(frame, PAY_BUTTON);
    await until(() => events.length > 0, 8000, 'the outcome');
    // Nothing more: no second outcome, no failure after the success.
    await quietWindow(300);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect(calls.map((c) => c.callback)).to.deep.equal(['onSuccess']);
    expect(calls[0]!.result).to.include({ sessionId: session.id, statusCode: 20, authCode: originalAuthCode });
    const stored = await getSession(session.id);
    expect(stored.status).to.equal('completed');
    expect(stored.payment!.auth_code).to.equal(originalAuthCode);
    expect(await frameEval<string>(frame, `return document.querySelector('.mc-state-heading')?.textContent ?? ''`)).to.equal('Payment successful');
  });

  it('opened on a session that is already paid: payment-success and onSuccess once, no form, nothing charged', async () => {
    const session = await createSession();
    await payElsewhere(session);
    const { checkout, calls, events } = sdkCheckout(session);
    cleanup = () => {
      checkout.close();
      checkout.element.remove();
    };
    const success = oneEvent(checkout.element, 'payment-success');
    await checkout.launch();
    expect((await success).detail.sessionId).to.equal(session.id);
    // Nothing more: success once.
    await quietWindow(300);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect(calls.map((c) => c.callback)).to.deep.equal(['onSuccess']);
    const frame = checkoutFrame(checkout.element);
    expect(await frameEval<string>(frame, `return document.querySelector('.mc-state-text')?.textContent ?? ''`)).to.equal(
      'This checkout has already been paid.',
    );
    // Closing a finished checkout is no cancel.
    const closing = record(checkout.element, ['payment-cancel', 'checkout-close']);
    checkout.element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    expect(closing.map((e) => e.name)).to.deep.equal(['checkout-close']);
  });
});
