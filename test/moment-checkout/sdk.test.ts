import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { Moment } from '../../src/moment.js';
import { ConfigError } from '../../src/core/keys.js';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, fillCard, frameName, getSession } from '../support/helpers.js';

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
};

describe('Moment(clientKey)', () => {
  it('refuses a secret key, saying why and what to do', () => {
    const error = thrown(() => Moment('sk_test_x'));
    expect(error).to.be.instanceOf(ConfigError);
    expect(error.message)
      .to.match(/secret key/i)
      .and.match(/publishable key/);
  });

  it('throws at once on a key that is not a publishable key', () => {
    const error = thrown(() => Moment('nonsense'));
    expect((error as ConfigError).code).to.equal('invalid_client_key');
    expect(error.message).to.match(/pk_test_/);
  });

  it('reads the environment from the key prefix', () => {
    expect(Moment('pk_test_abc').environment).to.equal('sandbox');
    expect(Moment('pk_live_abc').environment).to.equal('production');
  });

  it('refuses a framesOrigin that is not an origin', () => {
    expect((thrown(() => Moment('pk_test_abc', { framesOrigin: 'http://x/path' })) as ConfigError).code).to.equal('invalid_frames_origin');
  });

  it('checkout() needs fetchClientToken, and callbacks must be functions', () => {
    const moment = Moment('pk_test_abc');
    expect(thrown(() => moment.checkout({} as never)).message).to.match(/fetchClientToken/);
    expect(thrown(() => moment.checkout({ fetchClientToken: async () => '', onSuccess: 'yes' } as never)).message).to.match(/onSuccess must be a function/);
  });

  it('says an unknown option on the console, naming it (a misspelt callback would never run)', () => {
    const said: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => said.push(args.join(' '));
    try {
      const moment = Moment('pk_test_abc', { framesOrigin: 'http://127.0.0.1:1', frameOrigin: 'x' } as never);
      const checkout = moment.checkout({ fetchClientToken: async () => '', onSucess: () => {} } as never);
      checkout.element.remove();
    } finally {
      console.warn = warn;
    }
    expect(
      said.some((l) => l.includes("Moment(): 'frameOrigin' is not a known option")),
      said.join('\n'),
    ).to.equal(true);
    expect(
      said.some((l) => l.includes("moment.checkout(): 'onSucess' is not a known option") && l.includes('onSuccess')),
      said.join('\n'),
    ).to.equal(true);
  });

  it('checkout() returns launch, close and submit on one <moment-checkout>', () => {
    const checkout = Moment('pk_test_abc').checkout({ fetchClientToken: async () => '' });
    expect(checkout.launch).to.be.a('function');
    expect(checkout.close).to.be.a('function');
    expect(checkout.submit).to.be.a('function');
    expect(checkout.element.localName).to.equal('moment-checkout');
    expect(checkout.element.isConnected).to.equal(true);
    checkout.element.remove();
  });
});

describe('launch() with a bad client token', () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ['rejects when fetchClientToken rejects', () => Promise.reject(new Error('backend down')), /fetchClientToken\(\) failed: backend down/],
    ['rejects when fetchClientToken returns a number', () => Promise.resolve(42 as unknown as string), /client_token string/],
    ['rejects when fetchClientToken returns garbage', () => Promise.resolve('garbage'), /client token is not valid/],
  ];
  for (const [name, fetchClientToken, message] of cases) {
    it(`${name}, fires checkout-error and leaves nothing open`, async () => {
      const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
      el.fetchClientToken = fetchClientToken;
      const errored = oneEvent(el, 'checkout-error');
      let error: Error | undefined;
      const original = console.error;
      console.error = () => undefined;
      try {
        await el.launch().catch((e: Error) => (error = e));
      } finally {
        console.error = original;
      }
      expect(error?.message).to.match(message);
      expect((await errored).detail.message).to.match(message);
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
      expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
      expect(el.openVariant).to.equal(null);
    });
  }

  it('rejects without fetchClientToken or session-endpoint', async () => {
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY}></moment-checkout>`);
    const original = console.error;
    console.error = () => undefined;
    const error = await el.launch().catch((e: Error) => e);
    console.error = original;
    expect((error as Error).message).to.match(/fetchClientToken/);
  });

  it('refuses a secret key before calling fetchClientToken', async () => {
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key="sk_test_123"></moment-checkout>`);
    let called = false;
    el.fetchClientToken = async () => {
      called = true;
      return '';
    };
    const original = console.error;
    console.error = () => undefined;
    const error = await el.launch().catch((e: Error) => e);
    console.error = original;
    expect((error as Error).message).to.match(/secret key/i);
    expect(called).to.equal(false);
  });
});

describe('merchant callbacks that never settle', () => {
  const quiet = async <T>(fn: () => Promise<T>): Promise<T> => {
    const original = console.error;
    console.error = () => undefined;
    try {
      return await fn();
    } finally {
      console.error = original;
    }
  };

  it('a fetchClientToken that never settles gives checkout-error within fetch-timeout, and the next launch() opens the checkout', async () => {
    const el = await fixture<MomentCheckout>(html`<moment-checkout client-key=${TEST_KEY} fetch-timeout="300"></moment-checkout>`);
    el.fetchClientToken = () => new Promise<string>(() => {});
    const errored = oneEvent(el, 'checkout-error');
    const started = performance.now();
    const error = (await quiet(() => el.launch().catch((e: Error) => e))) as Error & { code?: string };
    expect(error.code).to.equal('fetch_client_token_timeout');
    expect(error.message).to.match(/fetchClientToken\(\) did not settle within 0\.3 s/);
    expect(performance.now() - started).to.be.below(5000);
    expect((await errored).detail.code).to.equal('fetch_client_token_timeout');
    expect(el.openVariant).to.equal(null);

    const session = await createSession({ variant: 'inline' });
    el.fetchClientToken = async () => session.client_token;
    const opened = await el.launch({ container: await fixture<HTMLDivElement>(html`<div></div>`) });
    expect(opened.variant).to.equal('inline');
    el.close();
  });

  it('Moment(key, { fetchTimeout }) bounds fetchClientToken the same way', async () => {
    const checkout = Moment(TEST_KEY, { fetchTimeout: 200 }).checkout({ fetchClientToken: () => new Promise<string>(() => {}) });
    try {
      const error = (await quiet(() => checkout.launch().catch((e: Error) => e))) as Error & { code?: string };
      expect(error.code).to.equal('fetch_client_token_timeout');
    } finally {
      checkout.element.remove();
    }
  });

  it('a fetchSessionStatus that never settles on a ?session_id= return gives checkout-error session_status_timeout', async () => {
    const original = location.href;
    const url = new URL(location.href);
    url.searchParams.set('session_id', 'ps_hangs');
    history.replaceState(history.state, '', url.href);
    const el = document.createElement('moment-checkout');
    el.clientKey = TEST_KEY;
    el.fetchTimeout = 200;
    el.fetchSessionStatus = () => new Promise(() => {});
    const errored = oneEvent(el, 'checkout-error');
    try {
      await quiet(async () => {
        document.body.append(el);
        const { detail } = await errored;
        expect(detail.code).to.equal('session_status_timeout');
        expect(detail.message).to.match(/fetchSessionStatus\(\) did not settle/);
      });
    } finally {
      el.remove();
      history.replaceState(history.state, '', original);
    }
  });
});

describe('redirect return (?session_id=)', () => {
  const routes: [string, string, keyof Pick<MomentCheckout, 'onSuccess' | 'onFailure' | 'onExpired' | 'onCancel' | 'onAttemptFailed'>][] = [
    ['completed', 'payment-success', 'onSuccess'],
    ['failed', 'payment-failure', 'onFailure'],
    ['expired', 'payment-expired', 'onExpired'],
    ['cancelled', 'payment-cancel', 'onCancel'],
    ['open', 'payment-attempt-failed', 'onAttemptFailed'],
  ];
  let original: string;
  beforeEach(() => (original = location.href));
  afterEach(() => history.replaceState(history.state, '', original));

  const withReturnUrl = (id: string) => {
    const url = new URL(location.href);
    url.searchParams.set('keep', 'yes');
    url.searchParams.set('session_id', id);
    url.hash = 'receipt';
    history.replaceState(history.state, '', url.href);
  };

  for (const [status, event, callback] of routes) {
    it(`routes ${status} to ${event} and ${callback}, then removes session_id only`, async () => {
      withReturnUrl('ps_return1');
      const asked: string[] = [];
      const called: unknown[] = [];
      const el = document.createElement('moment-checkout');
      el.clientKey = TEST_KEY;
      el.fetchSessionStatus = async (id) => {
        asked.push(id);
        return { status, amount: 1000 };
      };
      el[callback] = (result) => called.push(result);
      const fired = oneEvent(el, event);
      document.body.append(el);
      try {
        const { detail } = await fired;
        expect(asked).to.deep.equal(['ps_return1']);
        expect(detail.sessionId).to.equal('ps_return1');
        expect(detail.status).to.equal(status);
        expect(called).to.deep.equal([detail]);
        const url = new URL(location.href);
        expect(url.searchParams.has('session_id')).to.equal(false);
        expect(url.searchParams.get('keep')).to.equal('yes');
        expect(url.hash).to.equal('#receipt');
      } finally {
        el.remove();
      }
    });
  }

  it("gives the customer's details from the session answer (customer_details) to onSuccess, never anything else", async () => {
    withReturnUrl('ps_return4');
    const details = {
      userEmailAddress: 'ada@example.com',
      shippingDetails: { name: 'Ada Lovelace', address: { address1: '1 Main Street', postcode: 'SW1A 1AA', countryCode: '826' } },
    };
    const el = document.createElement('moment-checkout');
    el.clientKey = TEST_KEY;
    // As seed 000's backend answers: { status, ...session }, with the payment's own copy too.
    el.fetchSessionStatus = async () => ({
      status: 'completed',
      customer_details: details,
      payment: {
        id: 'pay_1',
        status: 'succeeded',
        status_code: 0,
        auth_code: 'AUTH01',
        message: 'Payment successful.',
        customer_details: { ...details, userPhoneNumber: null },
      },
    });
    const called: unknown[] = [];
    el.onSuccess = (result) => called.push(result);
    const fired = oneEvent(el, 'payment-success');
    document.body.append(el);
    try {
      const { detail } = await fired;
      expect(detail).to.include({ sessionId: 'ps_return4', statusCode: 0, authCode: 'AUTH01', paymentId: 'pay_1' });
      expect(detail.customerDetails).to.deep.equal(details);
      expect(called).to.deep.equal([detail]);
    } finally {
      el.remove();
    }
  });

  it('uses status-endpoint when no fetchSessionStatus is set', async () => {
    withReturnUrl('ps_return2');
    const realFetch = window.fetch;
    const asked: string[] = [];
    window.fetch = async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return new Response(JSON.stringify({ status: 'completed' }), { headers: { 'Content-Type': 'application/json' } });
    };
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const fired = oneEvent(container, 'payment-success');
    try {
      container.innerHTML = `<moment-checkout client-key="${TEST_KEY}" status-endpoint="/api/session-status"></moment-checkout>`;
      await fired;
      expect(asked).to.deep.equal([`${location.origin}/api/session-status?session_id=ps_return2`]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('fires checkout-error and keeps session_id when the status cannot be read', async () => {
    withReturnUrl('ps_return3');
    const el = document.createElement('moment-checkout');
    el.clientKey = TEST_KEY;
    el.fetchSessionStatus = async () => ({ nope: true }) as never;
    const errored = oneEvent(el, 'checkout-error');
    const original = console.error;
    console.error = () => undefined;
    document.body.append(el);
    try {
      expect((await errored).detail.code).to.equal('invalid_session_status');
      expect(new URL(location.href).searchParams.get('session_id')).to.equal('ps_return3');
    } finally {
      console.error = original;
      el.remove();
    }
  });
});

describe('<moment-checkout> as the scope of nested elements', () => {
  it('gives a nested <card-component> its key and token, fetched when it asks', async () => {
    const session = await createSession();
    let fetched = 0;
    const el = document.createElement('moment-checkout');
    el.clientKey = TEST_KEY;
    el.fetchClientToken = async () => {
      fetched++;
      return session.client_token;
    };
    const card = document.createElement('card-component') as CardComponent;
    el.append(card);
    const ready = oneEvent(card, 'ready');
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 400px"></div>`);
    wrapper.append(el);
    await ready;
    expect(fetched).to.equal(1);
    expect(card.clientKey).to.equal(null);
    await fillCard(frameName(card), { number: '4242424242424242' });
    expect((await card.executePayment()).statusCode).to.equal(0);
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it('lets the nested element’s own attributes win', async () => {
    const session = await createSession();
    const el = document.createElement('moment-checkout');
    el.clientKey = 'pk_test_scope';
    el.clientToken = session.client_token;
    const card = document.createElement('card-component');
    card.clientKey = 'sk_test_own';
    el.append(card);
    const failed = oneEvent(card, 'load-error');
    const original = console.error;
    console.error = () => undefined;
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    const { detail } = await failed.finally(() => (console.error = original));
    expect(detail.code).to.equal('secret_key_refused');
  });
});
