/**
 * Seed 004 on `<card-component>`: the seed's config object under the seed's names, its
 * `showValidation` rule, the check of `executePayment(additionalInfo)`, and the customer details
 * and outcomes a merchant reads back. Against the real frames and the local sandbox.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import type { TransactionResult, ValidationError } from '../../src/protocol/card.js';
import { PaymentError } from '../../src/core/payment-error.js';
import {
  TEST_KEY,
  createSession,
  fillCard,
  frameEval,
  frameName,
  getSession,
  paidWebhooks,
  readyCard,
  record,
  subscribeWebhooks,
  typeInFrame,
  until,
} from '../support/helpers.js';

/**
 * A fixed wait, for want of a signal: a changed config goes to the frame after the element's
 * update, and the frame applies it after an asynchronous check of the token; nothing observable
 * outside the element says it has been applied. 100 ms covers that round trip on the port.
 */
const configReachesFrame = () => new Promise((resolve) => setTimeout(resolve, 100));

/** Captures console warnings while `run` runs (errors, such as a fake token's load-error, are dropped). */
async function warnings<T>(run: () => Promise<T> | T): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  console.error = () => undefined;
  try {
    return { value: await run(), lines };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** A connected card with no key: it updates (and says load-error) but opens no frame. */
async function bareCard(): Promise<CardComponent> {
  const card = document.createElement('card-component');
  (await fixture<HTMLDivElement>(html`<div></div>`)).append(card);
  return card;
}

const OUTCOME_EVENTS = ['payment-success', 'payment-attempt-failed', 'payment-failure', 'payment-cancel', 'payment-expired'];

describe("<card-component> takes seed 004's card config object", () => {
  it("Object.assign(card, config) with the seed's config: paymentDetails.paymentToken is the client token, containerId is named once on the console", async () => {
    const data = { clientSessionSecret: (await createSession()).client_token };
    // Seed 004, "Step 2. Set up Dojo card component", verbatim but for the font host.
    const config = {
      paymentDetails: {
        paymentToken: data.clientSessionSecret,
      },
      containerId: 'demo-payment',
      fontCss: ['https://fonts.googleapis.com/css?family=Do+Hyeon'],
      styles: {
        base: {},
      },
    };
    const card = document.createElement('card-component');
    card.clientKey = TEST_KEY;
    const { lines } = await warnings(async () => {
      Object.assign(card, config);
      Object.assign(card, config); // said once, however often it is set
      const wrapper = await fixture<HTMLDivElement>(html`<div id="demo-payment" style="width: 420px"></div>`);
      const ready = oneEvent(card, 'ready');
      wrapper.append(card);
      await ready;
    });
    try {
      expect(card.clientToken).to.equal(data.clientSessionSecret);
      expect(card.paymentDetails).to.deep.equal({ paymentToken: data.clientSessionSecret });
      expect(
        lines.filter((l) => l.includes('containerId is not used: <card-component> is its own container')),
        lines.join('\n'),
      ).to.have.length(1);
      await fillCard(frameName(card), { number: '4242424242424242' });
      const result = await card.executePayment();
      expect(result.statusCode).to.equal(0);
      expect(result.authCode).to.match(/^[A-Z0-9]{6}$/);
    } finally {
      card.remove();
    }
  });

  it('the config alone, with no client key: the token names its environment, and the card pays', async () => {
    const data = { clientSessionSecret: (await createSession()).client_token };
    const config = { paymentDetails: { paymentToken: data.clientSessionSecret }, styles: { base: {} } };
    const card = document.createElement('card-component');
    Object.assign(card, config);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
    const loadError = record(card, ['load-error']);
    const ready = oneEvent(card, 'ready');
    wrapper.append(card);
    await ready;
    expect(loadError, 'no missing_client_key').to.deep.equal([]);
    await fillCard(frameName(card), { number: '4242424242424242' });
    expect((await card.executePayment()).statusCode).to.equal(0);
  });

  it('with no client key, a token that is not a client token still fails at once, by name', async () => {
    const card = await bareCard();
    const failed = oneEvent(card, 'load-error');
    card.paymentDetails = { paymentToken: 'not-a-token' };
    expect((await failed).detail.code).to.equal('invalid_client_token');
  });

  it('warns, naming both, when clientToken and paymentDetails.paymentToken are set to different tokens; the later one is used', async () => {
    for (const order of ['clientToken first', 'paymentDetails first'] as const) {
      const card = await bareCard();
      const { lines } = await warnings(async () => {
        if (order === 'clientToken first') Object.assign(card, { clientToken: 'token-a', paymentDetails: { paymentToken: 'token-b' } });
        else Object.assign(card, { paymentDetails: { paymentToken: 'token-a' }, clientToken: 'token-b' });
        await card.updateComplete;
      });
      expect(card.clientToken, order).to.equal('token-b');
      expect(card.paymentDetails.paymentToken, order).to.equal('token-b');
      const said = lines.filter((l) => l.includes('clientToken and paymentDetails.paymentToken were set to different tokens'));
      expect(said, `${order}: ${lines.join('\n')}`).to.have.length(1);
      expect(said[0], 'no token in the message').to.not.contain('token-');
    }
  });

  it('a new token through the same name is a refresh, not a conflict', async () => {
    const card = await bareCard();
    const { lines } = await warnings(async () => {
      card.paymentDetails = { paymentToken: 'token-a' };
      await card.updateComplete;
      card.paymentDetails = { paymentToken: 'token-b' };
      await card.updateComplete;
      card.clientToken = 'token-b';
      await card.updateComplete;
    });
    expect(card.clientToken).to.equal('token-b');
    expect(lines.filter((l) => l.includes('different tokens'))).to.deep.equal([]);
  });

  it('names a malformed paymentDetails and an unknown key in it', async () => {
    const card = document.createElement('card-component');
    const { lines } = await warnings(() => {
      card.paymentDetails = { paymentToken: 42 as unknown as string };
      card.paymentDetails = { token: 'x' } as never;
      card.paymentDetails = 'x' as never;
    });
    expect(card.clientToken).to.equal(null);
    expect(lines.some((l) => l.includes('paymentDetails.paymentToken must be a string'))).to.equal(true);
    expect(lines.some((l) => l.includes('paymentDetails.token is not a known key'))).to.equal(true);
    expect(lines.some((l) => l.includes('paymentDetails must be an object'))).to.equal(true);
  });

  it('names each wallet-only seed key set on the card, once, with what to use instead', async () => {
    const card = document.createElement('card-component') as CardComponent & Record<string, unknown>;
    const { lines } = await warnings(() => {
      Object.assign(card, {
        emailRequired: true,
        billingAddressRequired: false,
        shippingAddressRequired: true,
        buttonConfig: { color: 'black' },
        paymentComplete: () => undefined,
      });
      card.emailRequired = true;
    });
    for (const key of ['emailRequired', 'billingAddressRequired', 'shippingAddressRequired', 'buttonConfig', 'paymentComplete']) {
      expect(
        lines.filter((l) => l.includes(`<card-component>: ${key} is`)),
        `${key}: ${lines.join('\n')}`,
      ).to.have.length(1);
    }
    expect(card.emailRequired, 'the page reads back what it wrote').to.equal(true);
  });

  it('names an unknown key of callbacks (a wallet callback on the card)', async () => {
    const card = await bareCard();
    const { lines } = await warnings(async () => {
      card.callbacks = { onFormComplete: () => undefined, onPaymentCancelled: () => undefined } as never;
      await card.updateComplete;
    });
    expect(lines.filter((l) => l.includes('callbacks.onPaymentCancelled is never called'))).to.have.length(1);
    expect(lines.filter((l) => l.includes('onFormComplete is never'))).to.have.length(0);
  });
});

describe('<card-component> executePayment(additionalInfo) is checked before anything is sent', () => {
  const BAD: { name: string; info: unknown; param: string; says: RegExp }[] = [
    { name: 'an unknown key (email)', info: { email: 'ada@example.com' }, param: 'additionalInfo.email', says: /additionalInfo\.email is not a known field/ },
    {
      name: 'a non-string metaData value',
      info: { metaData: { orderId: 42 } },
      param: 'additionalInfo.metaData.orderId',
      says: /metaData\.orderId values must be strings/,
    },
    {
      name: 'a postcode too long',
      info: { billingAddress: { postcode: 'x'.repeat(21) } },
      param: 'additionalInfo.billingAddress.postcode',
      says: /at most 20 characters/,
    },
    {
      name: 'an unknown address key',
      info: { shippingDetails: { address: { street: '1 Main St' } } },
      param: 'additionalInfo.shippingDetails.address.street',
      says: /is not a known field/,
    },
    { name: 'not an object', info: 'ada@example.com', param: 'additionalInfo', says: /additionalInfo must be an object/ },
  ];

  it('rejects each bad value at once with invalid_additional_info naming its path, fires no event, charges nothing', async () => {
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const events = record(el, OUTCOME_EVENTS);
    for (const bad of BAD) {
      let error: unknown;
      await el.executePayment(bad.info as never).catch((e: unknown) => (error = e));
      expect(error, bad.name).to.be.instanceOf(PaymentError);
      expect((error as PaymentError).code, bad.name).to.equal('invalid_additional_info');
      expect((error as PaymentError).param, bad.name).to.equal(bad.param);
      expect((error as PaymentError).message, bad.name).to.match(bad.says);
    }
    expect(events, 'nothing misleading fired').to.deep.equal([]);
    expect((await getSession(session.id)).payment, 'nothing sent').to.equal(null);
    // The form is untouched: a good call pays.
    expect((await el.executePayment({ metaData: { orderId: '42' } })).statusCode).to.equal(0);
  });
});

describe('<card-component> customer details reach the page (seed 004, "Additional information")', () => {
  it("executePayment()'s result, payment-success, GET session and both webhooks carry the stored customerDetails, never card data", async () => {
    await subscribeWebhooks();
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const additionalInfo = {
      userEmailAddress: 'ada@example.com',
      userPhoneNumber: '+44 20 7946 0000',
      billingAddress: { address1: '1 Main St', city: 'London', postcode: 'N1 1AA', countryCode: '826' },
      shippingDetails: { name: 'Ada Lovelace', address: { address1: '2 High St', city: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' } },
      metaData: { orderId: '42' },
    };
    const success = oneEvent(el, 'payment-success');
    const result: TransactionResult = await el.executePayment(additionalInfo);
    const { metaData: _metaData, ...details } = additionalInfo;
    expect(result.statusCode).to.equal(0);
    expect(result.customerDetails, 'the sandbox returns the stored details (PaymentAttempt.customerDetails)').to.deep.equal(details);
    expect((await success).detail.customerDetails).to.deep.equal(details);
    const text = JSON.stringify(result);
    for (const secret of ['4242424242424242', '424242', '"123"', '12/34', 'orderId']) expect(text).to.not.contain(secret);
    const stored = (await getSession(session.id)) as unknown as { status: string; customer_details: unknown; metadata: Record<string, string> };
    expect(stored.status).to.equal('completed');
    expect(stored.customer_details).to.deep.equal(details);
    expect(stored.metadata.orderId, 'metaData merged into the session').to.equal('42');
    const hooks = await paidWebhooks(session.id);
    expect(hooks['payment_intent.status_updated']?.customerDetails).to.deep.equal(details);
    expect(hooks['payment_session.status_updated']?.customerDetails).to.deep.equal(details);
    expect(hooks['payment_intent.status_updated']?.metadata).to.deep.include({ orderId: '42' });
    expect(JSON.stringify(hooks)).to.not.contain('4242424242424242');
  });
});

describe('<card-component> outcomes that never mislead', () => {
  it('a second executePayment() on a paid session fires payment-success with statusCode 20 and the original authCode, never payment-failure', async () => {
    const { el, frame } = await readyCard();
    await fillCard(frame, { number: '4242424242424242' });
    const paid = await el.executePayment();
    const events = record(el, OUTCOME_EVENTS);
    const again = await el.executePayment();
    expect(again.statusCode).to.equal(20);
    expect(again.authCode, "the sandbox repeats the original payment's auth code").to.equal(paid.authCode);
    expect(events.map((e) => e.name)).to.deep.equal(['payment-success']);
  });

  it("the decline that uses up the session's last attempt fires payment-failure only, not payment-attempt-failed too", async function () {
    this.timeout(30_000);
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '4000000000000002' });
    const seen: string[][] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const events = record(el, OUTCOME_EVENTS);
      const result = await el.executePayment();
      expect(result.statusCode).to.equal(5);
      seen.push(events.map((e) => e.name));
    }
    expect((await getSession(session.id)).status).to.equal('failed');
    expect(seen).to.deep.equal([...Array(4).fill(['payment-attempt-failed']), ['payment-failure']]);
  });
});

describe("<card-component> showValidation (seed 004's rule; visible by default, WCAG 3.3.1)", () => {
  /** Per field: whether its message text is visible, and whether the field is announced invalid. */
  const messages = (frame: string) =>
    frameEval<Record<string, { visible: boolean; invalid: boolean }>>(
      frame,
      `const out = {};
       for (const id of ['card-number', 'expiry-date', 'cv2', 'card-name']) {
         const e = document.getElementById(id + '-error');
         const r = e.getBoundingClientRect();
         out[id] = { visible: !e.hidden && r.height > 1 && r.width > 1 && !!e.textContent.trim(), invalid: document.getElementById(id).getAttribute('aria-invalid') === 'true' };
       }
       return out;`,
    );
  const visibleOnes = async (frame: string) => {
    const state = await messages(frame);
    for (const [id, { invalid }] of Object.entries(state)) expect(invalid, `${id} stays aria-invalid`).to.equal(true);
    return Object.entries(state)
      .filter(([, s]) => s.visible)
      .map(([id]) => id);
  };
  const ALL = ['card-number', 'expiry-date', 'cv2', 'card-name'];

  async function validated(setup: (el: CardComponent) => void): Promise<{ el: CardComponent; frame: string }> {
    const { el, frame } = await readyCard();
    setup(el);
    await el.updateComplete;
    await configReachesFrame();
    await el.validate();
    return { el, frame };
  }

  it('neither displayErrorsCallback nor any text.<field>.showValidation: every message is visible', async () => {
    const { frame } = await validated(() => undefined);
    await until(async () => (await visibleOnes(frame)).length === 4, 3000, 'visible messages');
  });

  it('neither, with hide-validation: no message text is visible, the fields are still invalid', async () => {
    const { frame } = await validated((el) => (el.hideValidation = true));
    await until(async () => (await messages(frame))['card-number']!.invalid, 3000, 'invalid fields');
    expect(await visibleOnes(frame)).to.deep.equal([]);
  });

  it("a displayErrorsCallback rendering errors as the seed shows: each error appears once, in the page's list only", async () => {
    // Seed 004's displayErrorsCallback, verbatim.
    const errorsDiv = await fixture<HTMLDivElement>(html`<div id="errors"></div>`);
    function displayErrorsCallback(errors: ValidationError[]) {
      const errorsDiv = document.getElementById('errors')!;
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
    const { frame } = await validated((el) => (el.displayErrorsCallback = displayErrorsCallback));
    await until(() => errorsDiv.querySelectorAll('li').length === 4, 3000, "the page's list");
    expect(await visibleOnes(frame), 'no message text under the fields').to.deep.equal([]);
    const announced = await frameEval<string>(frame, `return document.querySelector('[role=status]').textContent`);
    expect(announced, 'still announced').to.contain(errorsDiv.querySelector('li')!.textContent!);
  });

  it('text.cardNumber.showValidation: true alone: only the card number shows its message (the others default to false)', async () => {
    const { frame } = await validated((el) => (el.text = { cardNumber: { showValidation: true } }));
    await until(async () => (await visibleOnes(frame)).join() === 'card-number', 3000, 'only the card number message');
  });

  it('a displayErrorsCallback with text.cv2.showValidation: true: only the security code shows its message', async () => {
    const calls: ValidationError[][] = [];
    const { frame } = await validated((el) => {
      el.displayErrorsCallback = (errors) => calls.push(errors);
      el.text = { cv2: { showValidation: true } };
    });
    await until(async () => (await visibleOnes(frame)).join() === 'cv2', 3000, 'only the cv2 message');
    expect(calls.at(-1)!.length).to.equal(4);
  });

  it("text.<field>.showValidation: false on one field (the seed's rule): the others default to false too", async () => {
    const { frame } = await validated((el) => (el.text = { expiryDate: { showValidation: false } }));
    await until(async () => (await messages(frame))['expiry-date']!.invalid, 3000, 'invalid fields');
    expect(await visibleOnes(frame)).to.deep.equal([]);
  });

  it("show-validation under the seed's rule shows every field not set otherwise", async () => {
    const { frame } = await validated((el) => {
      el.showValidation = true;
      el.displayErrorsCallback = () => undefined;
      el.text = { cardName: { showValidation: false } };
    });
    await until(async () => (await visibleOnes(frame)).join() === ALL.slice(0, 3).join(), 3000, 'three messages');
  });

  it("typing: the seed's rule also holds for an error shown on blur", async () => {
    const { el, frame } = await readyCard();
    el.displayErrorsCallback = () => undefined;
    await el.updateComplete;
    await configReachesFrame();
    const shown = oneEvent(el, 'validation-error');
    await typeInFrame(frame, 'expiryDate', '01/20');
    await typeInFrame(frame, 'cv2', '1');
    await shown;
    const state = await messages(frame);
    expect(state['expiry-date']).to.deep.equal({ visible: false, invalid: true });
  });
});
