/**
 * Seed 004 on `<wallet-button>`: the seed's wallet config object and `paymentComplete`, the
 * wallet `callbacks`, the keys a wallet cannot honour, and the customer details of the sheet.
 * Against the real wallet frame and the local sandbox.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { WalletButton } from '../../src/elements/wallet-button/wallet-button.component.js';
import type { TransactionResult } from '../../src/protocol/card.js';
import { TEST_KEY, createSession, frameClick, frameName, getSession, paidWebhooks, record, subscribeWebhooks, until } from '../support/helpers.js';
import { openSheet, readButton, readyWallet, sheetOpen } from './helpers.js';
import '../../src/elements/wallet-button/wallet-button.js';

const typeInSheet = (frame: string, selector: string, text: string) => executeServerCommand('frame-type', { frame, selector, text });

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

describe("<wallet-button> takes seed 004's wallet config object", function () {
  this.timeout(40_000);

  it("Object.assign(wallet, config): the seed's config pays; callbacks.onPaymentInitiated / onPaymentCancelled run; paymentComplete gets the result with the sheet's email", async () => {
    const page = await fixture<HTMLDivElement>(html`
      <div style="width: 320px">
        <div id="demo-payment-wallet"></div>
        <div id="demo-result" hidden>
          <span id="status-code"></span><span id="auth-code"></span><span id="message"></span>
        </div>
      </div>
    `);
    await subscribeWebhooks();
    const session = await createSession();
    const data = { clientSessionSecret: session.client_token };
    const calls: string[] = [];
    const results: TransactionResult[] = [];
    // Seed 004, "Step 2. Set up Dojo Wallet Component", verbatim; `callbacks` from "Wallet callbacks".
    const config = {
      containerId: 'demo-payment-wallet',
      paymentDetails: {
        paymentToken: data.clientSessionSecret,
      },
      buttonConfig: { color: 'black', type: 'plain' },
      emailRequired: true,
      billingAddressRequired: false,
      shippingAddressRequired: false,
      callbacks: {
        onPaymentInitiated: () => calls.push('onPaymentInitiated'),
        onPaymentCancelled: () => calls.push('onPaymentCancelled'),
      },
    };
    function paymentComplete(response: TransactionResult) {
      results.push(response);
      document.getElementById('demo-payment-wallet')!.hidden = true;
      document.getElementById('demo-result')!.hidden = false;
      document.getElementById('status-code')!.innerText = String(response.statusCode);
      document.getElementById('auth-code')!.innerText = response.authCode ?? '';
      document.getElementById('message')!.innerText = response.message;
    }
    const wallet = document.createElement('wallet-button');
    wallet.clientKey = TEST_KEY;
    const { lines } = await warnings(async () => {
      Object.assign(wallet, config, { paymentComplete });
      const ready = oneEvent(wallet, 'ready');
      page.querySelector('#demo-payment-wallet')!.append(wallet);
      await ready;
    });
    expect(wallet.clientToken).to.equal(data.clientSessionSecret);
    expect(
      lines.filter((l) => l.includes('containerId is not used: <wallet-button> is its own container')),
      lines.join('\n'),
    ).to.have.length(1);
    const frame = frameName(wallet);
    const events = record(wallet, ['payment-initiated', 'payment-cancel', 'payment-success', 'payment-attempt-failed', 'payment-failure']);

    await openSheet(frame);
    await frameClick(frame, '#sheet-cancel');
    await until(() => calls.length === 2, 5000, 'onPaymentCancelled');
    expect(calls).to.deep.equal(['onPaymentInitiated', 'onPaymentCancelled']);
    expect(
      events.map((e) => e.name),
      'the same moments as the events',
    ).to.deep.equal(['payment-initiated', 'payment-cancel']);
    await until(async () => !(await readButton(frame)).disabled && !(await sheetOpen(frame)), 5000, 'the button again');

    await openSheet(frame);
    await typeInSheet(frame, '#wallet-email', 'ada@example.com');
    const success = oneEvent(wallet, 'payment-success');
    await frameClick(frame, '#sheet-pay');
    const detail = (await success).detail as TransactionResult;
    expect(calls).to.deep.equal(['onPaymentInitiated', 'onPaymentCancelled', 'onPaymentInitiated']);
    expect(results).to.deep.equal([detail]);
    expect(document.getElementById('status-code')!.innerText).to.equal('0');
    expect(document.getElementById('auth-code')!.innerText).to.match(/^[A-Z0-9]{6}$/);
    expect((await getSession(session.id)).status).to.equal('completed');
    expect(detail.customerDetails, "the sandbox returns the sheet's email (PaymentAttempt.customerDetails)").to.deep.equal({
      userEmailAddress: 'ada@example.com',
    });
    const stored = (await getSession(session.id)) as unknown as { customer_details: unknown };
    expect(stored.customer_details).to.deep.equal({ userEmailAddress: 'ada@example.com' });
    const hooks = await paidWebhooks(session.id);
    expect(hooks['payment_intent.status_updated']?.customerDetails).to.deep.equal({ userEmailAddress: 'ada@example.com' });
    expect(hooks['payment_session.status_updated']?.customerDetails).to.deep.equal({ userEmailAddress: 'ada@example.com' });
  });

  it('the properties and callbacks of the same name both run, once each', async () => {
    const session = await createSession();
    const calls: string[] = [];
    const wallet = document.createElement('wallet-button');
    Object.assign(wallet, {
      clientKey: TEST_KEY,
      paymentDetails: { paymentToken: session.client_token },
      onPaymentInitiated: () => calls.push('property'),
      callbacks: { onPaymentInitiated: () => calls.push('callbacks') },
    });
    const ready = oneEvent(wallet, 'ready');
    (await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`)).append(wallet);
    await ready;
    await openSheet(frameName(wallet));
    expect(calls).to.deep.equal(['property', 'callbacks']);
    await frameClick(frameName(wallet), '#sheet-cancel');
  });
});

describe('<wallet-button> says which seed keys a wallet cannot honour', () => {
  async function bareWallet(): Promise<WalletButton> {
    const wallet = document.createElement('wallet-button');
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(wallet);
    return wallet;
  }

  it("displayErrorsCallback and errorMessages: one loud warning each, naming the key and why (the wallet's sheet validates itself)", async () => {
    const wallet = await bareWallet();
    const { lines } = await warnings(() => {
      wallet.displayErrorsCallback = () => undefined;
      wallet.displayErrorsCallback = () => undefined;
      wallet.errorMessages = { cardNumberInvalid: 'Bad number' };
    });
    const named = (key: string) => lines.filter((l) => l.includes(`<wallet-button>: ${key}`));
    expect(named('displayErrorsCallback is never called'), lines.join('\n')).to.have.length(1);
    expect(named('errorMessages has no effect'), lines.join('\n')).to.have.length(1);
    expect(named('displayErrorsCallback')[0]).to.contain('validate what the customer enters in their own sheet');
    expect(wallet.errorMessages, 'the page reads back what it wrote').to.deep.equal({ cardNumberInvalid: 'Bad number' });
  });

  it('card-only keys (fontCss, styles, text) and unknown callbacks are named once each', async () => {
    const wallet = (await bareWallet()) as WalletButton & Record<string, unknown>;
    const { lines } = await warnings(async () => {
      Object.assign(wallet, { fontCss: ['https://fonts.googleapis.com/css?family=Do+Hyeon'], styles: { base: {} }, text: { cardNumber: { label: 'x' } } });
      wallet.callbacks = { onPaymentInitiated: () => undefined, onFormComplete: () => undefined } as never;
      await wallet.updateComplete;
    });
    for (const key of ['fontCss', 'styles', 'text']) {
      expect(
        lines.filter((l) => l.includes(`<wallet-button>: ${key} is a card option`)),
        `${key}: ${lines.join('\n')}`,
      ).to.have.length(1);
    }
    expect(lines.filter((l) => l.includes('callbacks.onFormComplete is never called'))).to.have.length(1);
    expect(lines.filter((l) => l.includes('callbacks.onPaymentInitiated'))).to.have.length(0);
  });

  it('paymentDetails and clientToken with different tokens: named, the later one used', async () => {
    const wallet = await bareWallet();
    const { lines } = await warnings(async () => {
      Object.assign(wallet, { clientToken: 'token-a', paymentDetails: { paymentToken: 'token-b' } });
      await wallet.updateComplete;
    });
    expect(wallet.clientToken).to.equal('token-b');
    expect(lines.filter((l) => l.includes('clientToken and paymentDetails.paymentToken were set to different tokens'))).to.have.length(1);
  });
});

describe('<wallet-button> outcomes that never mislead', function () {
  this.timeout(60_000);
  const OUTCOMES = ['payment-success', 'payment-attempt-failed', 'payment-failure', 'payment-cancel', 'payment-expired'];
  const payOnce = async (el: WalletButton, frame: string, token?: string) => {
    const events = record(el, OUTCOMES);
    await openSheet(frame);
    if (token) await frameClick(frame, `input[value=${token}]`);
    await frameClick(frame, '#sheet-pay');
    await until(() => events.length > 0, 10_000, 'an outcome');
    await until(async () => !(await readButton(frame)).disabled && !(await sheetOpen(frame)), 5000, 'the button again');
    return events;
  };

  it('a second payment on a paid session: payment-success with statusCode 20 and the original authCode, never payment-failure', async () => {
    const { el, frame } = await readyWallet();
    const first = await payOnce(el, frame);
    const paid = first[0]!.detail as TransactionResult;
    expect(first.map((e) => e.name)).to.deep.equal(['payment-success']);
    const second = await payOnce(el, frame);
    expect(second.map((e) => e.name)).to.deep.equal(['payment-success']);
    expect(second[0]!.detail).to.include({ statusCode: 20, authCode: paid.authCode });
  });

  it("the decline that uses up the session's last attempt: payment-failure only, and paymentComplete once", async () => {
    const completed: TransactionResult[] = [];
    const { el, frame, session } = await readyWallet({ paymentComplete: (r) => completed.push(r) });
    const seen: string[][] = [];
    for (let attempt = 1; attempt <= 5; attempt++) seen.push((await payOnce(el, frame, 'tok_sandbox_declined')).map((e) => e.name));
    expect(seen).to.deep.equal([...Array(4).fill(['payment-attempt-failed']), ['payment-failure']]);
    expect(completed).to.have.length(5);
    expect(completed.at(-1)).to.include({ statusCode: 5, sessionStatus: 'failed' });
    expect((await getSession(session.id)).status).to.equal('failed');
  });
});
