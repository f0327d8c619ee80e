import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { animationsDone } from '../support/wait.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, fillCard, frameAxe, frameClick, frameEval, getSession, record, until, type SandboxSession } from '../support/helpers.js';

const PAY_BUTTON = '.mc-pay';

/** A checkout whose fetchClientToken creates a fresh sandbox session each time, recorded. */
async function checkoutFor(options: { variant?: 'modal' | 'inline'; extra?: object } = {}) {
  const sessions: SandboxSession[] = [];
  const opener = await fixture<HTMLDivElement>(html`<div><button id="opener">Pay</button><p>Page content</p></div>`);
  const el = document.createElement('moment-checkout');
  el.clientKey = TEST_KEY;
  el.fetchClientToken = async () => {
    const session = await createSession({ variant: options.variant ?? 'modal', extra: options.extra ?? {} });
    sessions.push(session);
    return session.client_token;
  };
  opener.append(el);
  return { el, sessions, opener: opener.querySelector<HTMLButtonElement>('#opener')! };
}

const frameOf = (el: MomentCheckout): string => {
  const iframe = el.shadowRoot!.querySelector('iframe') ?? document.querySelector<HTMLIFrameElement>('iframe[name^="moment-checkout-"]');
  if (!iframe) throw new Error('no checkout iframe');
  return iframe.name;
};

describe('<moment-checkout> modal', () => {
  afterEach(async () => {
    await setViewport({ width: 1024, height: 768 });
    document.documentElement.style.overflow = '';
  });

  it('fetches a fresh token on every launch and resolves {checkoutUrl, variant}', async () => {
    const { el, sessions } = await checkoutFor();
    const opened = oneEvent(el, 'checkout-open');
    const first = await el.launch();
    expect(first.variant).to.equal('modal');
    // The session's own checkout page, as a WebView or a redirect opens it (not the frame's page).
    expect(first.checkoutUrl).to.equal(`${new URL(first.checkoutUrl).origin}/checkout/${sessions[0]!.id}#token=${sessions[0]!.client_token}`);
    expect((await opened).detail.variant).to.equal('modal');
    el.close();
    await el.launch();
    expect(sessions.length).to.equal(2);
    expect(sessions[0]!.id).to.not.equal(sessions[1]!.id);
    el.close();
  });

  it('is a labelled modal dialog that locks background scroll and takes focus', async () => {
    const { el, opener } = await checkoutFor();
    opener.focus();
    await el.launch();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal('Secure checkout');
    expect(document.documentElement.style.overflow).to.equal('hidden');
    expect(dialog.contains(el.shadowRoot!.activeElement)).to.equal(true);
    await expect(el).shadowDom.to.be.accessible();
    el.close();
  });

  it('keeps Tab inside the dialog (the page behind is inert)', async () => {
    const { el, opener } = await checkoutFor();
    opener.focus();
    await el.launch();
    // Through the close button, the card fields, Pay and Cancel, and round again, both ways: focus
    // stays in the checkout (the iframe counts), never the page's body, the opener or the browser's UI.
    for (const press of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 14; i++) {
        if (press === 'Tab') await sendKeys({ press });
        else {
          await sendKeys({ down: 'Shift' });
          await sendKeys({ press: 'Tab' });
          await sendKeys({ up: 'Shift' });
        }
        expect(document.activeElement, `${press} ${i + 1} left the dialog`).to.equal(el);
        expect(el.shadowRoot!.querySelector('dialog')!.contains(el.shadowRoot!.activeElement), `${press} ${i + 1}`).to.equal(true);
      }
    }
    el.close();
  });

  it('Escape cancels: payment-cancel and onCancel, checkout-close, focus back on the opener, scroll unlocked', async () => {
    const { el, opener, sessions } = await checkoutFor();
    const cancelled: unknown[] = [];
    el.onCancel = (result) => cancelled.push(result);
    opener.focus();
    await el.launch();
    const events = record(el, ['payment-cancel', 'checkout-close']);
    await sendKeys({ press: 'Escape' });
    await until(() => events.length === 2, 3000, 'cancel events');
    expect(events.map((e) => e.name)).to.deep.equal(['payment-cancel', 'checkout-close']);
    expect(cancelled).to.deep.equal([events[0]!.detail]);
    expect((events[0]!.detail as { sessionId: string }).sessionId).to.equal(sessions[0]!.id);
    expect(document.activeElement).to.equal(opener);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
    expect(document.querySelectorAll('iframe[name^="moment-checkout-"]').length + el.shadowRoot!.querySelectorAll('iframe').length).to.equal(0);
  });

  it('titles the dialog and the frame with checkout-title', async () => {
    const { el } = await checkoutFor();
    el.setAttribute('checkout-title', 'Pay Moment shop');
    await el.launch();
    expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Pay Moment shop');
    expect(el.shadowRoot!.querySelector('iframe')!.title).to.equal('Pay Moment shop');
    el.close();
  });

  it('rejects launch() with checkout-error when the frame does not load within load-timeout', async () => {
    const { el } = await checkoutFor();
    el.setAttribute('load-timeout', '1');
    const errored = oneEvent(el, 'checkout-error');
    const original = console.error;
    console.error = () => undefined;
    const error = await el
      .launch()
      .catch((e: Error) => e)
      .finally(() => (console.error = original));
    expect((error as unknown as { code: string }).code).to.equal('timeout');
    expect((await errored).detail.code).to.equal('timeout');
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
  });

  it('the close button cancels too', async () => {
    const { el } = await checkoutFor();
    await el.launch();
    const cancelled = oneEvent(el, 'payment-cancel');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    await cancelled;
  });

  it('pays with 4242…: payment-success and onSuccess, session completed, closing then is no cancel', async () => {
    const { el, sessions } = await checkoutFor();
    const successes: unknown[] = [];
    el.onSuccess = (result) => successes.push(result);
    await el.launch();
    const frame = frameOf(el);
    await fillCard(frame, { number: '4242424242424242' });
    const success = oneEvent(el, 'payment-success');
    await frameClick(frame, PAY_BUTTON);
    const { detail } = await success;
    expect(detail.statusCode).to.equal(0);
    expect((detail as { sessionId: string }).sessionId).to.equal(sessions[0]!.id);
    expect(successes).to.deep.equal([detail]);
    expect((await getSession(sessions[0]!.id)).status).to.equal('completed');
    const events = record(el, ['payment-cancel', 'checkout-close']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    expect(events.map((e) => e.name)).to.deep.equal(['checkout-close']);
  });

  it('a declined card is an attempt that fails in place: payment-attempt-failed and onAttemptFailed', async () => {
    const { el } = await checkoutFor();
    const attempts: unknown[] = [];
    el.onAttemptFailed = (result) => attempts.push(result);
    await el.launch();
    const frame = frameOf(el);
    await fillCard(frame, { number: '4000000000000002' });
    const failed = oneEvent(el, 'payment-attempt-failed');
    await frameClick(frame, PAY_BUTTON);
    expect((await failed).detail.statusCode).to.equal(5);
    expect(attempts).to.have.length(1);
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    el.close();
  });

  it('reports an expired session: payment-expired and onExpired', async () => {
    const { el } = await checkoutFor({ extra: { expires_in: 2 } });
    const expired: unknown[] = [];
    el.onExpired = (result) => expired.push(result);
    const fired = oneEvent(el, 'payment-expired');
    await el.launch();
    await fired;
    expect(expired).to.have.length(1);
    el.close();
  });

  it('passes axe inside the checkout frame', async () => {
    const { el } = await checkoutFor();
    await el.launch();
    expect(await frameAxe(frameOf(el))).to.deep.equal([]);
    el.close();
  });

  it('is a bottom sheet at 375 px wide', async () => {
    await setViewport({ width: 375, height: 740 });
    const { el } = await checkoutFor();
    await el.launch();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await animationsDone(el); // the slide-up animation
    const rect = dialog.getBoundingClientRect();
    expect(Math.round(rect.width)).to.equal(375);
    expect(Math.round(rect.bottom)).to.equal(740);
    expect(rect.top).to.be.greaterThan(0);
    el.close();
  });
});

describe('<moment-checkout> inline', () => {
  it('renders into a container given by selector, sized by its content, and submit() pays', async () => {
    const { el, sessions } = await checkoutFor({ variant: 'inline' });
    const box = await fixture<HTMLDivElement>(html`<div id="inline-box" style="width: 420px"></div>`);
    const result = await el.launch({ container: '#inline-box' });
    expect(result.variant).to.equal('inline');
    const iframe = box.querySelector('iframe')!;
    expect(iframe).to.exist;
    await until(() => iframe.getBoundingClientRect().height > 200, 3000, 'content height');
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
    await fillCard(iframe.name, { number: '4242424242424242' });
    const success = oneEvent(el, 'payment-success');
    await el.submit();
    await success;
    expect((await getSession(sessions[0]!.id)).status).to.equal('completed');
    el.close();
    expect(box.querySelector('iframe')).to.equal(null);
  });

  it('renders into an element, or into its own box without a container', async () => {
    const { el } = await checkoutFor({ variant: 'inline' });
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    await el.launch({ container: box });
    expect(box.querySelector('iframe')).to.exist;
    el.close();
    await el.launch();
    expect(el.shadowRoot!.querySelector('[part="inline"] iframe')).to.exist;
    el.close();
  });

  it('rejects a container that is not in the page, and submit() on a modal', async () => {
    const { el } = await checkoutFor({ variant: 'inline' });
    const original = console.error;
    console.error = () => undefined;
    const error = await el.launch({ container: '#nowhere' }).catch((e: Error) => e);
    console.error = original;
    expect((error as Error).message).to.match(/#nowhere/);
    const modal = await checkoutFor();
    await modal.el.launch();
    expect(((await modal.el.submit().catch((e: Error) => e)) as Error).message).to.match(/inline/);
    modal.el.close();
  });
});

describe('<moment-checkout> theme', () => {
  it('forwards --moment-* variables into the checkout frame and follows changes while open', async () => {
    const { el } = await checkoutFor({ variant: 'inline' });
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    el.style.setProperty('--moment-color-text', 'rgb(9, 8, 7)');
    await el.launch({ container: box });
    const frame = box.querySelector('iframe')!.name;
    const read = () => frameEval<string>(frame, `return getComputedStyle(document.documentElement).getPropertyValue('--moment-color-text').trim()`);
    expect(await read()).to.equal('rgb(9, 8, 7)');
    el.style.setProperty('--moment-color-text', 'rgb(1, 2, 3)');
    await until(async () => (await read()) === 'rgb(1, 2, 3)', 3000, 'the new theme value in the frame');
    el.close();
  });
});
