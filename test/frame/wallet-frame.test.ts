import { expect } from '@open-wc/testing';
import { quietWindow, until as waitFor } from '../support/wait.js';
import type { TransactionResult } from '../../src/protocol/card.js';
import { BridgeError } from '../../src/protocol/port.js';
import type { WalletEventDetail, WalletEventName, WalletFrameConfig, WalletKind } from '../../src/protocol/wallet.js';
import { WalletError, type Authorize, type WalletAdapter, type WalletPayOutcome, type WalletPayRequest } from '../../src/frame/wallet/adapters/types.js';
import { WalletFrame, failureResult, type AdapterContext } from '../../src/frame/wallet/wallet-frame.js';
import { tokenEnvironment } from '../../src/frame/token.js';

const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const token = (env: string) => `${b64({ alg: 'HS256' })}.${b64({ sid: 'cs_1', env })}.c2ln`;

const config = (overrides: Partial<WalletFrameConfig> = {}): WalletFrameConfig => ({
  clientToken: token('production'),
  buttonColor: 'black',
  buttonType: 'buy',
  emailRequired: false,
  billingAddressRequired: false,
  shippingAddressRequired: false,
  locale: 'en',
  themeVariables: {},
  disabled: false,
  ...overrides,
});

/** A scripted wallet: available or not (possibly late), and an outcome for `pay`. */
class ScriptedAdapter implements WalletAdapter {
  requests: WalletPayRequest[] = [];
  constructor(
    readonly wallet: WalletKind,
    private readonly available: boolean | Promise<boolean>,
    private readonly outcome: (authorize: Authorize) => Promise<WalletPayOutcome> = async (authorize) => ({
      kind: 'result',
      result: await authorize({ token: `tok_${wallet}` }),
    }),
  ) {}
  isAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }
  pay(request: WalletPayRequest, authorize: Authorize): Promise<WalletPayOutcome> {
    this.requests.push(request);
    return this.outcome(authorize);
  }
}

interface Call {
  method: string;
  path: string;
  key: string | null;
  body: unknown;
}

function fakeApi(
  session: object | null = { amount: 2500, currency: 'EUR', title: 'Corner Shop' },
  payment: object = { id: 'pay_9', status: 'succeeded', statusCode: 0, authCode: 'OK1234', message: 'Payment successful.' },
) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const { pathname } = new URL(String(url));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      method: init?.method ?? 'GET',
      path: pathname,
      key: headers['Idempotency-Key'] ?? null,
      body: init?.body ? JSON.parse(init.body as string) : null,
    });
    if (pathname === '/v1/session') return session ? new Response(JSON.stringify(session)) : new Response('{}', { status: 500 });
    return new Response(JSON.stringify(payment));
  }) as typeof fetch;
  return { calls, fetchImpl };
}

function mount(adapters: (context: AdapterContext) => WalletAdapter[], api = fakeApi(), detectTimeoutMs = 200) {
  const root = document.createElement('div');
  document.body.append(root);
  const events: { name: WalletEventName; detail: unknown }[] = [];
  const contexts: AdapterContext[] = [];
  const frame = new WalletFrame({
    root,
    emit: <E extends WalletEventName>(name: E, detail: WalletEventDetail<E>) => void events.push({ name, detail }),
    createAdapters: (context) => (contexts.push(context), adapters(context)),
    apiOrigin: 'https://frames.test',
    hostOrigin: 'https://shop.example',
    fetch: api.fetchImpl,
    detectTimeoutMs,
    // Visibility is tested in visibility.test.ts; these tests click before any render.
    clickGuard: () => ({ allows: () => true, check: async () => true, disconnect() {} }),
  });
  return { frame, root, events, contexts, api, remove: () => root.remove() };
}

const until = (predicate: () => boolean, what: string) => waitFor(predicate, 2000, what);

describe('wallet frame', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reads the environment from the token without verifying it', () => {
    expect(tokenEnvironment(token('sandbox'))).to.equal('sandbox');
    expect(tokenEnvironment(token('production'))).to.equal('production');
    expect(tokenEnvironment('garbage')).to.equal('production');
  });

  it('offers the first available wallet, and says which are available', async () => {
    const m = mount(() => [new ScriptedAdapter('apple-pay', false), new ScriptedAdapter('google-pay', true)]);
    cleanup = m.remove;
    expect(await m.frame.configure(config())).to.deep.equal({ available: true, wallets: ['google-pay'] });
    expect(m.contexts[0]!.environment).to.equal('production');
    expect(m.contexts[0]!.merchantDomain).to.equal('shop.example', "Apple Pay validates the merchant page's domain");
    expect(m.frame.button.textContent).to.equal('Buy with Google Pay');
    expect(m.frame.button.disabled).to.equal(false);
  });

  it('offers no real wallet when the session cannot be read (no amount for the sheet)', async () => {
    const m = mount(() => [new ScriptedAdapter('apple-pay', true)], fakeApi(null));
    cleanup = m.remove;
    expect(await m.frame.configure(config())).to.deep.equal({ available: false, wallets: [] });
    expect(m.frame.button.disabled).to.equal(true);
  });

  it('ignores the sandbox test hook for production tokens', async () => {
    const m = mount(() => [new ScriptedAdapter('apple-pay', true)]);
    cleanup = m.remove;
    await m.frame.configure(config({ sandboxWallets: 'none' }));
    expect(m.contexts[0]!.mode).to.equal('sandbox');
    const s = mount(() => []);
    await s.frame.configure(config({ clientToken: token('sandbox'), sandboxWallets: 'none' }));
    expect(s.contexts[0]!.mode).to.equal('none');
    s.remove();
  });

  it('answers configure within the detection timeout, then reports a late wallet with an availability event', async () => {
    let resolveLate!: (available: boolean) => void;
    const late = new Promise<boolean>((resolve) => (resolveLate = resolve));
    const m = mount(() => [new ScriptedAdapter('google-pay', late)], fakeApi(), 50);
    cleanup = m.remove;
    expect(await m.frame.configure(config())).to.deep.equal({ available: false, wallets: [] });
    resolveLate(true);
    await until(() => m.events.some((e) => e.name === 'availability'), 'the availability event');
    expect(m.events).to.deep.equal([{ name: 'availability', detail: { available: true, wallets: ['google-pay'] } }]);
  });

  it('pays: payment-initiated, the wallet gets the session amount, the token is charged once with an idempotency key', async () => {
    const adapter = new ScriptedAdapter('apple-pay', true);
    const m = mount(() => [adapter]);
    cleanup = m.remove;
    await m.frame.configure(config({ emailRequired: true }));
    m.frame.button.click();
    m.frame.button.click();
    await until(() => m.events.length === 2, 'the payment');
    expect(m.events).to.deep.equal([
      { name: 'payment-initiated', detail: { wallet: 'apple-pay' } },
      { name: 'payment-complete', detail: { result: { statusCode: 0, message: 'Payment successful.', paymentId: 'pay_9', authCode: 'OK1234' } } },
    ]);
    expect(adapter.requests).to.have.length(1);
    expect(adapter.requests[0]).to.deep.include({ amount: 2500, currency: 'EUR', label: 'Corner Shop', countryCode: 'GB', emailRequired: true });
    const payments = m.api.calls.filter((c) => c.path === '/v1/wallet/payments');
    expect(payments).to.have.length(1);
    expect(payments[0]!.body).to.deep.equal({ wallet: 'apple-pay', token: 'tok_apple-pay' });
    expect(payments[0]!.key).to.match(/^[0-9a-f]{32}$/);
  });

  it('reports a cancel, and takes a new click afterwards', async () => {
    const adapter = new ScriptedAdapter('google-pay', true, async () => ({ kind: 'cancelled' }));
    const m = mount(() => [adapter]);
    cleanup = m.remove;
    await m.frame.configure(config());
    m.frame.button.click();
    await until(() => m.events.length === 2, 'the cancel');
    expect(m.events.map((e) => e.name)).to.deep.equal(['payment-initiated', 'payment-cancel']);
    m.frame.button.click();
    await until(() => m.events.length === 4, 'the second attempt');
  });

  it('does nothing on a click while disabled', async () => {
    const adapter = new ScriptedAdapter('apple-pay', true);
    const m = mount(() => [adapter]);
    cleanup = m.remove;
    await m.frame.configure(config({ disabled: true }));
    m.frame.button.dispatchEvent(new MouseEvent('click'));
    // A disabled button starts nothing.
    await quietWindow(20);
    expect(m.events).to.deep.equal([]);
    expect(adapter.requests).to.deep.equal([]);
  });

  it('turns a wallet failure into an attempt failure (30) and a network failure into 500', () => {
    const wallet: TransactionResult = failureResult(new WalletError('apple-pay', 'Apple Pay could not validate the merchant.'));
    expect(wallet.statusCode).to.equal(30);
    expect(wallet.message).to.match(/^Apple Pay could not validate the merchant\. Try again/);
    expect(failureResult(new BridgeError({ code: 'network_error', message: 'x' })).statusCode).to.equal(500);
    expect(failureResult(new Error('anything')).statusCode).to.equal(30);
  });
});
