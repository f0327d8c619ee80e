import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import { Moment } from '../../src/moment.js';
import { hostedCheckoutUrl } from '../../src/protocol/api.js';
import { topNavigation } from '../../src/core/navigation.js';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, sandboxOrigin, until, type SandboxSession } from '../support/helpers.js';

/** Replaces the page's top-level navigation for one test: each URL it would have gone to, in order, beside `log`. */
function watchNavigation(log: string[]): () => void {
  const original = topNavigation.assign;
  topNavigation.assign = (url: string) => void log.push(`navigate ${url}`);
  return () => (topNavigation.assign = original);
}

let restoreNavigation: (() => void) | undefined;
afterEach(() => {
  restoreNavigation?.();
  restoreNavigation = undefined;
});

const iframesOf = (el: MomentCheckout): number =>
  el.shadowRoot!.querySelectorAll('iframe').length + document.querySelectorAll('iframe[name^="moment-checkout-"]').length;

/** A client token with these claims and a signature the host does not check (it cannot: the provider does). */
const unsignedToken = (claims: object): string => {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
};

describe('launch() of a hosted session', () => {
  it('resolves {checkoutUrl, variant: "hosted"} and fires checkout-open first, then sends the page there, with no iframe', async () => {
    const session = await createSession({ mode: 'hosted' });
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => session.client_token;
    el.addEventListener('checkout-open', (e) => log.push(`checkout-open ${e.detail.variant} ${e.detail.checkoutUrl}`));
    const expected = hostedCheckoutUrl(await sandboxOrigin(), session.id, session.client_token);

    const result = await el.launch();
    log.push('resolved');
    expect(result).to.deep.equal({ checkoutUrl: expected, variant: 'hosted' });
    await until(() => log.length === 3, 2000, 'the navigation');
    expect(log).to.deep.equal([`checkout-open hosted ${expected}`, 'resolved', `navigate ${expected}`]);
    expect(iframesOf(el)).to.equal(0);
    expect(el.openVariant).to.equal(null);
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
  });

  it('goes to the session’s own checkout_url: the one the provider answered when the session was created', async () => {
    const session = (await createSession({ mode: 'hosted' })) as SandboxSession & { checkout_url?: string };
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => session.client_token;
    const { checkoutUrl } = await el.launch();
    expect(checkoutUrl).to.equal(session.checkout_url);
    const url = new URL(checkoutUrl);
    expect(url.pathname).to.equal(`/checkout/${session.id}`);
    expect(url.search).to.equal('');
    expect(url.hash).to.equal(`#token=${session.client_token}`);
    await until(() => log.length === 1, 2000, 'the navigation');
  });

  it('Moment().checkout().launch() does the same: resolves first, then navigates; the merchant’s .then runs before', async () => {
    const session = await createSession({ mode: 'hosted' });
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    const checkout = Moment(TEST_KEY).checkout({ fetchClientToken: async () => session.client_token });
    try {
      const opened = oneEvent(checkout.element, 'checkout-open');
      const launched = checkout.launch().then((result) => {
        log.push(`then ${result.variant}`);
        return result;
      });
      const { detail } = await opened;
      const result = await launched;
      expect(detail).to.deep.equal({ variant: 'hosted', checkoutUrl: result.checkoutUrl });
      await until(() => log.length === 2, 2000, 'the navigation');
      expect(log).to.deep.equal(['then hosted', `navigate ${result.checkoutUrl}`]);
      expect(document.querySelectorAll('iframe[name^="moment-checkout-"]').length).to.equal(0);
      expect(checkout.element.shadowRoot!.querySelector('iframe')).to.equal(null);
    } finally {
      checkout.element.remove();
    }
  });
});

describe('the return from the hosted page (?session_id=)', () => {
  let original: string;
  beforeEach(() => (original = location.href));
  afterEach(() => history.replaceState(history.state, '', original));

  /** Launches a hosted session in this tab (the navigation stubbed), then comes back to `?session_id=` as the hosted page sends the customer. */
  async function launchAndReturn(session: SandboxSession, log: string[]): Promise<void> {
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => session.client_token;
    await el.launch();
    await until(() => log.length === 1, 2000, 'the navigation');
    el.remove();
    const back = new URL(location.href);
    back.searchParams.set('session_id', session.id);
    history.replaceState(history.state, '', back.href);
  }

  /** A `<moment-checkout>` on the returned page whose fetchSessionStatus answers `answer`: the `event` it fires and the callbacks it calls. */
  async function returnedCheckout(answer: Record<string, unknown>, event: 'payment-success' | 'payment-cancel' | 'payment-attempt-failed') {
    const el = document.createElement('moment-checkout');
    el.clientKey = TEST_KEY;
    el.fetchSessionStatus = async () => answer as never;
    const called: string[] = [];
    el.onSuccess = () => called.push('onSuccess');
    el.onCancel = () => called.push('onCancel');
    el.onAttemptFailed = () => called.push('onAttemptFailed');
    el.onFailure = () => called.push('onFailure');
    const fired = oneEvent(el, event);
    document.body.append(el);
    try {
      const { detail } = await fired;
      // Room for a second callback or a navigation that must not come.
      await quietWindow(100);
      return { detail, called, openVariant: el.openVariant };
    } finally {
      el.remove();
    }
  }

  it('paid: routes completed to onSuccess and cleans the URL', async () => {
    const session = await createSession({ mode: 'hosted' });
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    await launchAndReturn(session, log);
    const { detail, called } = await returnedCheckout(
      {
        status: 'completed',
        presentation_mode: 'hosted',
        payment: { id: 'pay_1', status: 'succeeded', status_code: 0, auth_code: 'AUTH01', message: 'Payment successful.' },
      },
      'payment-success',
    );
    expect(called).to.deep.equal(['onSuccess']);
    expect(detail).to.include({ sessionId: session.id, statusCode: 0, authCode: 'AUTH01' });
    expect(new URL(location.href).searchParams.has('session_id')).to.equal(false);
    expect(log.length).to.equal(1);
  });

  it('back from its Cancel (cancel_url, the session still open): onCancel, not a failed attempt, and the page is not sent back', async () => {
    const session = await createSession({ mode: 'hosted' });
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    await launchAndReturn(session, log);
    // As the session answers when the customer left the hosted page by its Cancel: open, no attempt.
    const { detail, called, openVariant } = await returnedCheckout({ status: 'open', last_attempt: null, payment: null }, 'payment-cancel');
    expect(called).to.deep.equal(['onCancel']);
    expect(detail.message).to.equal('Cancelled on the checkout page.');
    expect(log.length, log.join('\n')).to.equal(1);
    expect(openVariant).to.equal(null);
  });

  it('back from its Cancel after a declined try: still onCancel (the decline was retried in place, not reported here)', async () => {
    const session = await createSession({ mode: 'hosted' });
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    await launchAndReturn(session, log);
    const { called } = await returnedCheckout(
      {
        status: 'open',
        last_attempt: { outcome: 'declined', status_code: 5 },
        payment: { id: 'pay_2', status: 'declined', status_code: 5, message: 'Declined' },
      },
      'payment-cancel',
    );
    expect(called).to.deep.equal(['onCancel']);
  });

  const answers: [string, Record<string, unknown>][] = [
    ['the answer says the session is hosted (another tab, or a backend that passes the session on)', { status: 'open', presentation_mode: 'hosted' }],
    ['the session was cancelled', { status: 'cancelled' }],
    ['the last attempt was cancelled', { status: 'open', last_attempt: { outcome: 'cancelled', status_code: 5 } }],
  ];
  for (const [name, answer] of answers) {
    it(`routes to onCancel when ${name}`, async () => {
      const back = new URL(location.href);
      back.searchParams.set('session_id', 'ps_hostedReturn');
      history.replaceState(history.state, '', back.href);
      const { called } = await returnedCheckout(answer, 'payment-cancel');
      expect(called).to.deep.equal(['onCancel']);
    });
  }

  it('an embedded session that comes back open from the bank is still a failed attempt', async () => {
    const back = new URL(location.href);
    back.searchParams.set('session_id', 'ps_embeddedReturn');
    history.replaceState(history.state, '', back.href);
    const { called } = await returnedCheckout(
      { status: 'open', presentation_mode: 'embedded', last_attempt: { outcome: 'declined', status_code: 5 } },
      'payment-attempt-failed',
    );
    expect(called).to.deep.equal(['onAttemptFailed']);
  });
});

describe('launch() of an embedded session', () => {
  it('resolves the session’s checkout page URL (token in the fragment), while the iframe keeps the frame’s own page', async () => {
    const session = await createSession();
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => session.client_token;
    const opened = oneEvent(el, 'checkout-open');
    const result = await el.launch();
    try {
      const origin = await sandboxOrigin();
      expect(result).to.deep.equal({ checkoutUrl: hostedCheckoutUrl(origin, session.id, session.client_token), variant: 'modal' });
      expect(result.checkoutUrl).to.equal(`${origin}/checkout/${session.id}#token=${session.client_token}`);
      expect((await opened).detail).to.deep.equal(result);
      const iframe = el.shadowRoot!.querySelector('iframe')!;
      expect(new URL(iframe.src).pathname).to.equal('/frames/checkout');
      expect(iframe.src).to.not.include(session.client_token);
    } finally {
      el.close();
    }
  });
});

describe('the client token’s mode claim', () => {
  it('refuses a mode it cannot present, before anything opens', async () => {
    const origin = await sandboxOrigin();
    const token = unsignedToken({
      iss: origin,
      sid: 'ps_unknownmode',
      variant: 'modal',
      mode: 'popup',
      env: 'sandbox',
      exp: Math.floor(Date.now() / 1000) + 600,
      iat: 0,
      jti: 'x',
    });
    const log: string[] = [];
    restoreNavigation = watchNavigation(log);
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => token;
    const errored = oneEvent(el, 'checkout-error');
    const original = console.error;
    console.error = () => undefined;
    const error = await el
      .launch()
      .catch((e: Error & { code?: string }) => e)
      .finally(() => (console.error = original));
    expect((error as { code?: string }).code).to.equal('invalid_client_token');
    expect((error as Error).message).to.match(/unknown mode "popup"/);
    expect((await errored).detail.code).to.equal('invalid_client_token');
    // Room for a navigation that must not come.
    await quietWindow(50);
    expect(log).to.deep.equal([]);
    expect(iframesOf(el)).to.equal(0);
  });

  it('a token without mode is embedded', async () => {
    const session = await createSession({ mode: 'embedded' });
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => session.client_token;
    const result = await el.launch();
    expect(result.variant).to.equal('modal');
    expect(el.shadowRoot!.querySelector('iframe')).to.not.equal(null);
    el.close();
  });
});
