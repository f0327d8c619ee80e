/**
 * The wallet button inside the checkout page (src/frame/checkout/wallet.ts): the wallet frame's
 * logic mounted in the page, its events mapped onto the checkout's one outcome path. Against a
 * fake frames API; the sandbox wallet (a test token) opens its sheet in the page.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CheckoutEventName } from '../../src/protocol/checkout.js';
import { CheckoutPage } from '../../src/frame/checkout/checkout-page.js';

const ORIGIN = 'https://frames.test';
const b64url = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** An unsigned token with the claims the page reads: a sandbox session. */
const SANDBOX_TOKEN = `${b64url({ alg: 'none' })}.${b64url({ sid: 'ps_wallet', env: 'sandbox' })}.sig`;
const session = {
  id: 'ps_wallet',
  status: 'open',
  amount: 2500,
  currency: 'GBP',
  variant: 'modal',
  expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  success_url: null,
  paymentMethods: ['Card', 'Wallet'],
  collect: { email: true },
};

type Emitted = { name: CheckoutEventName; detail: Record<string, unknown> };
let container: HTMLDivElement;
let page: CheckoutPage;
let events: Emitted[];
let walletPayments: Record<string, unknown>[];

async function mount(answer: () => [number, object], extra: object = {}): Promise<void> {
  container = document.createElement('div');
  container.style.width = '380px';
  document.body.append(container);
  events = [];
  walletPayments = [];
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url).slice(ORIGIN.length);
    if (path === '/v1/session') return new Response(JSON.stringify({ ...session, ...extra }), { status: 200 });
    if (path === '/v1/wallet/payments' && init?.method === 'POST') {
      walletPayments.push(JSON.parse(init.body as string));
      const [status, body] = answer();
      return new Response(JSON.stringify(body), { status });
    }
    return new Response(JSON.stringify({ error: { type: 'not_found', message: 'nope' } }), { status: 404 });
  }) as typeof fetch;
  page = new CheckoutPage(
    container,
    { clientToken: SANDBOX_TOKEN, variant: 'modal', themeVariables: {}, locale: 'en-GB', hidePayButton: false },
    {
      emit: (name, detail) => void events.push({ name, detail: detail as Record<string, unknown> }),
      origin: ORIGIN,
      fetch: fetchImpl,
      payment: { fetch: fetchImpl, retryDelayMs: 0 },
      clickGuard: () => ({ allows: () => true, check: async () => true, disconnect() {} }),
    },
  );
  await page.load();
  await waitUntil(() => container.querySelector<HTMLElement>('#wallet-button')?.dataset.wallet === 'sandbox', 'no sandbox wallet', { timeout: 3000 });
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector)!;
const outcomes = () => events.filter((e) => e.name === 'outcome').map((e) => e.detail);
async function payBySheet(): Promise<void> {
  $<HTMLButtonElement>('#wallet-button').click();
  await waitUntil(() => container.querySelector('#sheet-pay'), 'no sheet', { timeout: 3000 });
  const email = $<HTMLInputElement>('#wallet-email');
  email.value = 'ada@example.com';
  email.dispatchEvent(new InputEvent('input', { inputType: 'insertText', bubbles: true }));
  $<HTMLButtonElement>('#sheet-pay').click();
}

afterEach(() => {
  page?.destroy();
  container?.remove();
});

describe('checkout page: the wallet button', () => {
  it('shows "Test mode" and the sandbox wallet above the card form, the sheet asking for the email the session collects', async () => {
    await mount(() => [200, {}]);
    expect($('.mc-test-badge').hidden).to.equal(false);
    await waitUntil(() => $('.mc-test-badge').textContent === 'Test mode');
    $<HTMLButtonElement>('#wallet-button').click();
    await waitUntil(() => container.querySelector('#wallet-email'), 'no email field in the sheet', { timeout: 3000 });
    // While the sheet is open the card's pay button is busy: one payment at a time.
    expect($<HTMLButtonElement>('.mc-pay').disabled).to.equal(true);
    expect(page.pay().status).to.equal('busy');
  });

  it('a wallet payment that succeeds ends the checkout with its result (customer details included), paid once', async () => {
    await mount(() => [
      200,
      {
        id: 'pay_w',
        status: 'succeeded',
        statusCode: 0,
        authCode: 'WA11ET',
        message: 'Payment successful.',
        customerDetails: { userEmailAddress: 'ada@example.com' },
      },
    ]);
    await payBySheet();
    await waitUntil(() => outcomes().length === 1, 'no outcome', { timeout: 3000 });
    expect(outcomes()[0]).to.deep.include({ outcome: 'success', sessionId: 'ps_wallet' });
    expect(outcomes()[0]!.result).to.deep.include({ statusCode: 0, authCode: 'WA11ET', customerDetails: { userEmailAddress: 'ada@example.com' } });
    expect(walletPayments).to.have.length(1);
    expect(walletPayments[0]).to.deep.include({ wallet: 'sandbox', email: 'ada@example.com' });
    expect(container.querySelector('#wallet-button')).to.equal(null);
    expect(container.querySelector('#card-number')).to.equal(null);
    expect(page.currentPhase).to.equal('closed');
  });

  it('a declined wallet payment is an attempt-failed; the card form and the wallet stay for another try', async () => {
    await mount(() => [200, { id: 'pay_w', status: 'declined', statusCode: 5, message: 'Declined.', sessionStatus: 'open' }]);
    await payBySheet();
    await waitUntil(() => outcomes().length === 1, 'no outcome', { timeout: 3000 });
    expect(outcomes()[0]).to.deep.include({ outcome: 'attempt-failed', message: 'Declined.' });
    await waitUntil(() => !$<HTMLButtonElement>('#wallet-button').disabled, 'the wallet button stays disabled', { timeout: 3000 });
    expect($<HTMLButtonElement>('.mc-pay').disabled).to.equal(false);
    expect(page.currentPhase).to.equal('ready');
  });

  it('closing the sheet charges nothing and reports nothing', async () => {
    await mount(() => [200, {}]);
    $<HTMLButtonElement>('#wallet-button').click();
    await waitUntil(() => container.querySelector('.mw-cancel'), 'no sheet', { timeout: 3000 });
    $<HTMLButtonElement>('.mw-cancel').click();
    await waitUntil(() => page.currentPhase === 'ready', 'not ready again', { timeout: 3000 });
    expect(outcomes()).to.deep.equal([]);
    expect(walletPayments).to.deep.equal([]);
    expect($<HTMLButtonElement>('.mc-pay').disabled).to.equal(false);
  });
});
