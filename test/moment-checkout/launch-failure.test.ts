import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import type { CheckoutResult } from '../../src/core/events.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, until } from '../support/helpers.js';

const ENDPOINT = '/api/create-payment-session';

/**
 * The merchant's session endpoint, answered in the page: `answer()` gives each call's response
 * (an HTTP error, or a new sandbox session's client token). Other requests go through.
 */
function stubEndpoint(answer: () => Promise<Response>) {
  const realFetch = window.fetch;
  const calls: string[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname !== ENDPOINT) return realFetch(input, init);
    calls.push(url.pathname);
    return answer();
  };
  return { calls, restore: () => (window.fetch = realFetch) };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const sessionAnswer = async () => json({ client_token: (await createSession({ variant: 'inline' })).client_token });

/** An HTML-only page: the element with its session-endpoint, and a Pay button that calls launch() and nothing else. */
async function htmlOnlyPage() {
  const page = await fixture<HTMLDivElement>(
    html`<div style="width: 480px">
      <moment-checkout client-key=${TEST_KEY} session-endpoint=${ENDPOINT}></moment-checkout>
      <button id="pay" type="button">Pay</button>
    </div>`,
  );
  const el = page.querySelector('moment-checkout') as MomentCheckout;
  page.querySelector<HTMLButtonElement>('#pay')!.addEventListener('click', () => void el.launch().catch(() => undefined));
  return { page, el, pay: () => page.querySelector<HTMLButtonElement>('#pay')!.click() };
}

const errorPart = (el: MomentCheckout) => el.shadowRoot!.querySelector<HTMLElement>('[part="error"]');

/** Runs `fn` with console.error silenced, returning what was said. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => undefined;
  try {
    return await fn();
  } finally {
    console.error = original;
  }
}

describe('<moment-checkout session-endpoint> whose launch fails', () => {
  it('shows a visible, accessible message with Try again where the checkout would be; Try again launches', async () => {
    let failing = true;
    const endpoint = stubEndpoint(() => (failing ? Promise.resolve(json({ error: 'boom' }, 500)) : sessionAnswer()));
    try {
      await quietly(async () => {
        const { el, pay } = await htmlOnlyPage();
        const errored = oneEvent(el, 'checkout-error');
        pay();
        const { detail } = await errored;
        expect(detail.code).to.equal('fetch_client_token_failed');
        await until(() => Boolean(errorPart(el)), 2000, 'the error message');
        const alert = errorPart(el)!;
        expect(alert.getAttribute('role')).to.equal('alert');
        expect(alert.getBoundingClientRect().height).to.be.greaterThan(0);
        expect(alert.textContent).to.contain('The checkout could not be opened. Please try again.');
        const button = alert.querySelector('button')!;
        expect(button.textContent).to.equal('Try again');
        await expect(el).to.be.accessible();

        failing = false;
        const opened = oneEvent(el, 'checkout-open');
        button.click();
        expect((await opened).detail.variant).to.equal('inline');
        await el.updateComplete;
        expect(errorPart(el), 'the message goes once the checkout opens').to.equal(null);
        expect(endpoint.calls).to.have.length(2);
        el.close();
      });
    } finally {
      endpoint.restore();
    }
  });

  it('says it in the element’s language', async () => {
    const endpoint = stubEndpoint(() => Promise.resolve(json({}, 503)));
    try {
      await quietly(async () => {
        const { el, pay } = await htmlOnlyPage();
        el.lang = 'fr';
        const errored = oneEvent(el, 'checkout-error');
        pay();
        await errored;
        await until(() => Boolean(errorPart(el)), 2000, 'the error message');
        expect(errorPart(el)!.textContent).to.contain('Le paiement n’a pas pu s’ouvrir.');
        expect(errorPart(el)!.querySelector('button')!.textContent).to.equal('Réessayer');
      });
    } finally {
      endpoint.restore();
    }
  });

  it('shows nothing when the page cancels checkout-error (preventDefault) to say it its own way', async () => {
    const endpoint = stubEndpoint(() => Promise.resolve(json({}, 500)));
    try {
      await quietly(async () => {
        const { el, pay } = await htmlOnlyPage();
        let cancelable: boolean | undefined;
        el.addEventListener('checkout-error', (event) => {
          cancelable = event.cancelable;
          event.preventDefault();
        });
        const errored = oneEvent(el, 'checkout-error');
        pay();
        await errored;
        await el.updateComplete;
        expect(cancelable).to.equal(true);
        expect(errorPart(el)).to.equal(null);
      });
    } finally {
      endpoint.restore();
    }
  });
});

describe('<moment-checkout status-endpoint> whose status read fails on a return', () => {
  let original: string;
  beforeEach(() => (original = location.href));
  afterEach(() => history.replaceState(history.state, '', original));

  it('shows the message; Try again reads the status again and reports the outcome', async () => {
    const url = new URL(location.href);
    url.searchParams.set('session_id', 'ps_statusFails');
    history.replaceState(history.state, '', url.href);
    const realFetch = window.fetch;
    let failing = true;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const target = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (target.pathname !== '/api/session-status') return realFetch(input, init);
      return failing ? json({}, 502) : json({ status: 'completed' });
    };
    try {
      await quietly(async () => {
        const page = await fixture<HTMLDivElement>(html`<div></div>`);
        const errored = oneEvent(page, 'checkout-error');
        page.innerHTML = `<moment-checkout client-key="${TEST_KEY}" status-endpoint="/api/session-status"></moment-checkout>`;
        const el = page.querySelector('moment-checkout') as MomentCheckout;
        expect((await errored).detail.code).to.equal('session_status_failed');
        await until(() => Boolean(errorPart(el)), 2000, 'the error message');
        expect(errorPart(el)!.getAttribute('role')).to.equal('alert');
        failing = false;
        const paid = oneEvent(el, 'payment-success');
        const warn = console.warn;
        console.warn = () => undefined;
        try {
          errorPart(el)!.querySelector('button')!.click();
          expect((await paid).detail.sessionId).to.equal('ps_statusFails');
        } finally {
          console.warn = warn;
        }
        await el.updateComplete;
        expect(errorPart(el)).to.equal(null);
      });
    } finally {
      window.fetch = realFetch;
    }
  });
});

describe('returns (?session_id=) for a session this page did not launch', () => {
  let original: string;
  beforeEach(() => (original = location.href));
  afterEach(() => history.replaceState(history.state, '', original));

  const returnTo = (id: string) => {
    const url = new URL(location.href);
    url.searchParams.set('session_id', id);
    history.replaceState(history.state, '', url.href);
  };

  /** A new page's checkout reading the return, and the outcome it reports. */
  async function returnOutcome(id: string) {
    returnTo(id);
    const el = document.createElement('moment-checkout');
    el.clientKey = TEST_KEY;
    el.fetchSessionStatus = async () => ({ status: 'completed' });
    const fired = oneEvent(el, 'payment-success');
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      document.body.append(el);
      const { detail } = (await fired) as CustomEvent<CheckoutResult>;
      return { detail, warnings };
    } finally {
      console.warn = warn;
      el.remove();
    }
  }

  it('marks a return for a session launched by this page launchedHere: true, without a warning', async () => {
    const session = await createSession({ variant: 'modal' });
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    el.fetchClientToken = async () => session.client_token;
    await el.launch();
    el.close();
    const { detail, warnings } = await returnOutcome(session.id);
    expect(detail.sessionId).to.equal(session.id);
    expect(detail.launchedHere).to.equal(true);
    expect(warnings.join('\n')).to.not.contain(session.id);
  });

  it('marks a return for a session never launched here launchedHere: false, and warns naming the session', async () => {
    const session = await createSession();
    const { detail, warnings } = await returnOutcome(session.id);
    expect(detail.sessionId).to.equal(session.id);
    expect(detail.launchedHere).to.equal(false);
    const warning = warnings.find((w) => w.includes(session.id));
    expect(warning, 'a console warning naming the session').to.exist;
    expect(warning).to.match(/check the session on your server/i);
  });
});
