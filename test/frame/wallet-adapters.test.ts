import { expect } from '@open-wc/testing';
import type { TransactionResult } from '../../src/protocol/card.js';
import { BridgeError } from '../../src/protocol/port.js';
import { ApplePayAdapter, type ApplePayPayment, type ApplePayPaymentRequest } from '../../src/frame/wallet/adapters/apple-pay.js';
import {
  GOOGLE_PAY_SCRIPT_URL,
  GooglePayAdapter,
  loadGooglePayClient,
  type GooglePaymentData,
  type GooglePaymentsClientLike,
} from '../../src/frame/wallet/adapters/google-pay.js';
import { decimalAmount } from '../../src/protocol/money.js';
import { WalletError, type WalletPayRequest, type WalletPaymentData } from '../../src/frame/wallet/adapters/types.js';

const REQUEST: WalletPayRequest = {
  amount: 1000,
  currency: 'GBP',
  countryCode: 'GB',
  label: 'Moment Shop',
  emailRequired: false,
  billingAddressRequired: false,
  shippingAddressRequired: false,
  locale: 'en-GB',
};
const SUCCESS: TransactionResult = { statusCode: 0, authCode: 'ABC123', message: 'Payment successful.', paymentId: 'pay_1' };
const DECLINED: TransactionResult = { statusCode: 5, message: 'Card declined.', paymentId: 'pay_2' };
const VALIDATION_URL = 'https://apple-pay-gateway.apple.com/paymentservices/startSession';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A faithful fake of Safari's `ApplePaySession` (version 3): it must be constructed inside a user
 * gesture, `begin()` once, then Apple asks for merchant validation; only a validated session can
 * be authorized, and only an authorized one completed. The test plays the customer.
 */
class FakeApplePaySession {
  static readonly STATUS_SUCCESS = 0;
  static readonly STATUS_FAILURE = 1;
  static canMake: boolean | 'throw' = true;
  static maxVersion = 14;
  static inUserGesture = true;
  static instances: FakeApplePaySession[] = [];

  static canMakePayments(): boolean {
    if (FakeApplePaySession.canMake === 'throw')
      throw new DOMException('Trying to call an ApplePaySession API from an insecure document.', 'InvalidAccessError');
    return FakeApplePaySession.canMake;
  }
  static supportsVersion(version: number): boolean {
    return version <= FakeApplePaySession.maxVersion;
  }
  static reset(): void {
    FakeApplePaySession.canMake = true;
    FakeApplePaySession.maxVersion = 14;
    FakeApplePaySession.inUserGesture = true;
    FakeApplePaySession.instances = [];
  }

  onvalidatemerchant: ((event: { validationURL: string }) => void) | null = null;
  onpaymentauthorized: ((event: { payment: ApplePayPayment }) => void) | null = null;
  oncancel: ((event: unknown) => void) | null = null;
  state: 'created' | 'begun' | 'validated' | 'authorized' | 'completed' | 'aborted' = 'created';
  merchantSession: unknown;
  completions: number[] = [];

  constructor(
    readonly version: number,
    readonly request: ApplePayPaymentRequest,
  ) {
    if (!FakeApplePaySession.inUserGesture) throw new DOMException('Must create a new ApplePaySession from a user gesture handler.', 'InvalidAccessError');
    FakeApplePaySession.instances.push(this);
  }
  begin(): void {
    if (this.state !== 'created') throw new DOMException('Page already has an active payment session.', 'InvalidAccessError');
    this.state = 'begun';
    setTimeout(() => this.onvalidatemerchant?.({ validationURL: VALIDATION_URL }), 0);
  }
  completeMerchantValidation(merchantSession: unknown): void {
    if (this.state !== 'begun') throw new DOMException('completeMerchantValidation in the wrong state', 'InvalidStateError');
    this.merchantSession = merchantSession;
    this.state = 'validated';
  }
  completePayment(status: number): void {
    if (this.state !== 'authorized') throw new DOMException('completePayment in the wrong state', 'InvalidStateError');
    this.completions.push(status);
    this.state = 'completed';
  }
  abort(): void {
    this.state = 'aborted';
  }
  // The customer's side.
  authorizeWith(payment: ApplePayPayment): void {
    if (this.state !== 'validated') throw new Error('The sheet cannot be authorized before merchant validation.');
    this.state = 'authorized';
    this.onpaymentauthorized?.({ payment });
  }
  dismiss(): void {
    this.oncancel?.({});
  }
}

const APPLE_PAYMENT: ApplePayPayment = {
  token: { paymentData: { version: 'EC_v1', data: 'encrypted' }, paymentMethod: { network: 'Visa' }, transactionIdentifier: 'T1' },
  billingContact: {
    givenName: 'Ada',
    familyName: 'Lovelace',
    addressLines: ['1 Main St', 'Flat 2'],
    locality: 'London',
    postalCode: 'N1 1AA',
    countryCode: 'GB',
  },
  shippingContact: {
    emailAddress: 'ada@example.com',
    givenName: 'Ada',
    familyName: 'Lovelace',
    addressLines: ['2 High St'],
    locality: 'Leeds',
    postalCode: 'LS1 1AA',
    countryCode: 'GB',
  },
};

function appleAdapter(validateMerchant: (url: string) => Promise<unknown> = async () => ({ merchantSessionIdentifier: 'SSH1' })) {
  const validated: string[] = [];
  const adapter = new ApplePayAdapter({
    session: FakeApplePaySession,
    validateMerchant: (url) => (validated.push(url), validateMerchant(url)),
  });
  return { adapter, validated };
}

/** Starts a payment the way the frame does: inside the click (user gesture) and nowhere else. */
function payInGesture<T>(start: () => T): T {
  FakeApplePaySession.inUserGesture = true;
  try {
    return start();
  } finally {
    FakeApplePaySession.inUserGesture = false;
  }
}

describe('Apple Pay adapter (against a fake ApplePaySession)', () => {
  beforeEach(() => FakeApplePaySession.reset());

  it('is available when canMakePayments() says so, and only then', async () => {
    const { adapter } = appleAdapter();
    expect(await adapter.isAvailable()).to.equal(true);
    FakeApplePaySession.canMake = false;
    expect(await adapter.isAvailable()).to.equal(false);
    FakeApplePaySession.canMake = 'throw';
    expect(await adapter.isAvailable()).to.equal(false);
    FakeApplePaySession.canMake = true;
    FakeApplePaySession.maxVersion = 2;
    expect(await adapter.isAvailable()).to.equal(false, 'version 3 is required');
    expect(await new ApplePayAdapter({ validateMerchant: async () => ({}) }).isAvailable()).to.equal(false, 'no ApplePaySession in this browser');
  });

  it('starts the session synchronously inside the click, with the payment request', async () => {
    const { adapter } = appleAdapter();
    void payInGesture(() => adapter.pay({ ...REQUEST, emailRequired: true, billingAddressRequired: true }, async () => SUCCESS));
    const [session] = FakeApplePaySession.instances;
    expect(session!.version).to.equal(3);
    expect(session!.state).to.equal('begun');
    expect(session!.request).to.deep.equal({
      countryCode: 'GB',
      currencyCode: 'GBP',
      supportedNetworks: ['visa', 'masterCard', 'amex', 'discover', 'jcb'],
      merchantCapabilities: ['supports3DS'],
      total: { label: 'Moment Shop', amount: '10.00', type: 'final' },
      requiredBillingContactFields: ['postalAddress', 'name'],
      requiredShippingContactFields: ['email'],
    });
    session!.dismiss();
  });

  it('validates the merchant through the provider and hands Apple the merchant session', async () => {
    const { adapter, validated } = appleAdapter(async () => ({ merchantSessionIdentifier: 'SSH_abc' }));
    void payInGesture(() => adapter.pay(REQUEST, async () => SUCCESS));
    const session = FakeApplePaySession.instances[0]!;
    await flush();
    await flush();
    expect(validated).to.deep.equal([VALIDATION_URL]);
    expect(session.merchantSession).to.deep.equal({ merchantSessionIdentifier: 'SSH_abc' });
    expect(session.state).to.equal('validated');
    session.dismiss();
  });

  it('aborts the session and rejects with a WalletError when merchant validation fails', async () => {
    const { adapter } = appleAdapter(async () => {
      throw new Error('HTTP 502');
    });
    const payment = payInGesture(() => adapter.pay(REQUEST, async () => SUCCESS));
    let error: unknown;
    await payment.catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(WalletError);
    expect((error as WalletError).wallet).to.equal('apple-pay');
    expect(FakeApplePaySession.instances[0]!.state).to.equal('aborted');
  });

  it('charges the token when the customer authorizes, and completes with STATUS_SUCCESS', async () => {
    const { adapter } = appleAdapter();
    const charged: WalletPaymentData[] = [];
    const payment = payInGesture(() =>
      adapter.pay(
        { ...REQUEST, emailRequired: true, billingAddressRequired: true, shippingAddressRequired: true },
        async (data) => (charged.push(data), SUCCESS),
      ),
    );
    const session = FakeApplePaySession.instances[0]!;
    await flush();
    await flush();
    session.authorizeWith(APPLE_PAYMENT);
    expect(await payment).to.deep.equal({ kind: 'result', result: SUCCESS });
    expect(session.completions).to.deep.equal([FakeApplePaySession.STATUS_SUCCESS]);
    expect(charged).to.deep.equal([
      {
        token: JSON.stringify(APPLE_PAYMENT.token),
        email: 'ada@example.com',
        billingAddress: { address1: '1 Main St', address2: 'Flat 2', city: 'London', postcode: 'N1 1AA', countryCode: 'GB' },
        shippingDetails: { name: 'Ada Lovelace', address: { address1: '2 High St', city: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' } },
      },
    ]);
  });

  it('sends no address the merchant did not ask for', async () => {
    const { adapter } = appleAdapter();
    const charged: WalletPaymentData[] = [];
    const payment = payInGesture(() => adapter.pay(REQUEST, async (data) => (charged.push(data), SUCCESS)));
    await flush();
    await flush();
    FakeApplePaySession.instances[0]!.authorizeWith(APPLE_PAYMENT);
    await payment;
    expect(Object.keys(charged[0]!)).to.deep.equal(['token', 'email']);
  });

  it('completes with STATUS_FAILURE when the card is declined, and resolves with the result', async () => {
    const { adapter } = appleAdapter();
    const payment = payInGesture(() => adapter.pay(REQUEST, async () => DECLINED));
    const session = FakeApplePaySession.instances[0]!;
    await flush();
    await flush();
    session.authorizeWith(APPLE_PAYMENT);
    expect(await payment).to.deep.equal({ kind: 'result', result: DECLINED });
    expect(session.completions).to.deep.equal([FakeApplePaySession.STATUS_FAILURE]);
    session.dismiss(); // Safari closes the sheet after the failure: no second outcome.
  });

  it('completes with STATUS_FAILURE and rejects when charging failed (network)', async () => {
    const { adapter } = appleAdapter();
    const network = new BridgeError({ code: 'network_error', message: 'offline' });
    const payment = payInGesture(() =>
      adapter.pay(REQUEST, async () => {
        throw network;
      }),
    );
    const session = FakeApplePaySession.instances[0]!;
    await flush();
    await flush();
    session.authorizeWith(APPLE_PAYMENT);
    let error: unknown;
    await payment.catch((e: unknown) => (error = e));
    expect(error).to.equal(network);
    expect(session.completions).to.deep.equal([FakeApplePaySession.STATUS_FAILURE]);
  });

  it('resolves cancelled when the customer closes the sheet, charging nothing', async () => {
    const { adapter } = appleAdapter();
    let charges = 0;
    const payment = payInGesture(() => adapter.pay(REQUEST, async () => (charges++, SUCCESS)));
    await flush();
    FakeApplePaySession.instances[0]!.dismiss();
    expect(await payment).to.deep.equal({ kind: 'cancelled' });
    expect(charges).to.equal(0);
  });

  it('reports the result, not a cancel, when the sheet closes while the token is being charged', async () => {
    const { adapter } = appleAdapter();
    let finish!: (result: TransactionResult) => void;
    const payment = payInGesture(() => adapter.pay(REQUEST, () => new Promise((resolve) => (finish = resolve))));
    const session = FakeApplePaySession.instances[0]!;
    await flush();
    await flush();
    session.authorizeWith(APPLE_PAYMENT);
    session.dismiss();
    finish(SUCCESS);
    expect(await payment).to.deep.equal({ kind: 'result', result: SUCCESS });
  });

  it('fails outside a user gesture, as Safari does (the frame always calls it from the click)', () => {
    const { adapter } = appleAdapter();
    FakeApplePaySession.inUserGesture = false;
    expect(() => adapter.pay(REQUEST, async () => SUCCESS)).to.throw(/user gesture/);
  });
});

/**
 * A faithful fake of `google.payments.api.PaymentsClient`: it checks the API version of every
 * request, answers `isReadyToPay` with `{result}`, and `loadPaymentData` resolves with
 * `PaymentData` or rejects with `{statusCode}` (`CANCELED` when the customer closed the sheet).
 */
class FakePaymentsClient implements GooglePaymentsClientLike {
  ready = true;
  readyRequests: object[] = [];
  loadRequests: object[] = [];
  outcome: { data: GooglePaymentData } | { error: { statusCode: string; statusMessage?: string } } = { data: GOOGLE_DATA() };

  async isReadyToPay(request: object): Promise<{ result: boolean }> {
    this.readyRequests.push(request);
    const r = request as { apiVersion?: number; allowedPaymentMethods?: unknown[] };
    if (r.apiVersion !== 2 || !Array.isArray(r.allowedPaymentMethods)) throw { statusCode: 'DEVELOPER_ERROR', statusMessage: 'bad request' };
    return { result: this.ready };
  }

  loadPaymentData(request: object): Promise<GooglePaymentData> {
    this.loadRequests.push(request);
    const outcome = this.outcome;
    return 'data' in outcome ? Promise.resolve(outcome.data) : Promise.reject(outcome.error);
  }
}

function GOOGLE_DATA(): GooglePaymentData {
  return {
    email: 'grace@example.com',
    shippingAddress: { name: 'Grace Hopper', address1: '3 Low Rd', locality: 'York', postalCode: 'YO1 1AA', countryCode: 'GB' },
    paymentMethodData: {
      type: 'CARD',
      info: {
        billingAddress: {
          name: 'Grace Hopper',
          address1: '4 Side St',
          locality: 'Bath',
          administrativeArea: 'Somerset',
          postalCode: 'BA1 1AA',
          countryCode: 'GB',
        },
      },
      tokenizationData: { type: 'PAYMENT_GATEWAY', token: '{"signature":"sig","protocolVersion":"ECv2"}' },
    },
  };
}

const googleOptions = { gateway: 'momentpay', gatewayMerchantId: 'mch_123', merchantId: 'BCR2DN4T' };

describe('Google Pay adapter (against a fake PaymentsClient)', () => {
  it('is available when isReadyToPay says so, and only then', async () => {
    const client = new FakePaymentsClient();
    const adapter = new GooglePayAdapter({ client, ...googleOptions });
    expect(await adapter.isAvailable()).to.equal(true);
    expect(client.readyRequests[0]).to.deep.include({ apiVersion: 2, apiVersionMinor: 0 });
    client.ready = false;
    expect(await adapter.isAvailable()).to.equal(false);
    const broken: GooglePaymentsClientLike = {
      isReadyToPay: () => Promise.reject(new Error('boom')),
      loadPaymentData: () => Promise.reject(new Error('boom')),
    };
    expect(await new GooglePayAdapter({ client: broken, ...googleOptions }).isAvailable()).to.equal(false);
    expect(await new GooglePayAdapter({ ...googleOptions }).isAvailable()).to.equal(false, 'no client and no loader');
  });

  it('creates its client once through loadClient', async () => {
    let loads = 0;
    const client = new FakePaymentsClient();
    const adapter = new GooglePayAdapter({ ...googleOptions, loadClient: async () => (loads++, client) });
    await adapter.isAvailable();
    await adapter.isAvailable();
    expect(loads).to.equal(1);
    expect(await new GooglePayAdapter({ ...googleOptions, loadClient: async () => undefined }).isAvailable()).to.equal(false);
  });

  it('opens the sheet synchronously inside the click, with the payment data request', async () => {
    const client = new FakePaymentsClient();
    const adapter = new GooglePayAdapter({ client, ...googleOptions });
    const payment = adapter.pay({ ...REQUEST, emailRequired: true, shippingAddressRequired: true, billingAddressRequired: true }, async () => SUCCESS);
    expect(client.loadRequests).to.have.length(1, 'called before pay() returned');
    expect(client.loadRequests[0]).to.deep.equal({
      apiVersion: 2,
      apiVersionMinor: 0,
      allowedPaymentMethods: [
        {
          type: 'CARD',
          parameters: {
            allowedAuthMethods: ['PAN_ONLY', 'CRYPTOGRAM_3DS'],
            allowedCardNetworks: ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB'],
            billingAddressRequired: true,
            billingAddressParameters: { format: 'FULL' },
          },
          tokenizationSpecification: { type: 'PAYMENT_GATEWAY', parameters: { gateway: 'momentpay', gatewayMerchantId: 'mch_123' } },
        },
      ],
      merchantInfo: { merchantName: 'Moment Shop', merchantId: 'BCR2DN4T' },
      transactionInfo: { totalPriceStatus: 'FINAL', totalPrice: '10.00', currencyCode: 'GBP', countryCode: 'GB' },
      emailRequired: true,
      shippingAddressRequired: true,
    });
    await payment;
  });

  it('charges the token with the requested details and resolves with the result', async () => {
    const client = new FakePaymentsClient();
    const adapter = new GooglePayAdapter({ client, ...googleOptions });
    const charged: WalletPaymentData[] = [];
    const outcome = await adapter.pay(
      { ...REQUEST, emailRequired: true, shippingAddressRequired: true, billingAddressRequired: true },
      async (data) => (charged.push(data), SUCCESS),
    );
    expect(outcome).to.deep.equal({ kind: 'result', result: SUCCESS });
    expect(charged).to.deep.equal([
      {
        token: '{"signature":"sig","protocolVersion":"ECv2"}',
        email: 'grace@example.com',
        billingAddress: { address1: '4 Side St', city: 'Bath', state: 'Somerset', postcode: 'BA1 1AA', countryCode: 'GB' },
        shippingDetails: { name: 'Grace Hopper', address: { address1: '3 Low Rd', city: 'York', postcode: 'YO1 1AA', countryCode: 'GB' } },
      },
    ]);
  });

  it('resolves with a declined result too (the customer may try again)', async () => {
    const adapter = new GooglePayAdapter({ client: new FakePaymentsClient(), ...googleOptions });
    expect(await adapter.pay(REQUEST, async () => DECLINED)).to.deep.equal({ kind: 'result', result: DECLINED });
  });

  it('resolves cancelled on statusCode CANCELED, charging nothing', async () => {
    const client = new FakePaymentsClient();
    client.outcome = { error: { statusCode: 'CANCELED' } };
    let charges = 0;
    const outcome = await new GooglePayAdapter({ client, ...googleOptions }).pay(REQUEST, async () => (charges++, SUCCESS));
    expect(outcome).to.deep.equal({ kind: 'cancelled' });
    expect(charges).to.equal(0);
  });

  for (const statusCode of ['DEVELOPER_ERROR', 'BUYER_ACCOUNT_ERROR', 'INTERNAL_ERROR']) {
    it(`rejects with a WalletError on statusCode ${statusCode}`, async () => {
      const client = new FakePaymentsClient();
      client.outcome = { error: { statusCode, statusMessage: 'details for developers' } };
      let error: unknown;
      await new GooglePayAdapter({ client, ...googleOptions }).pay(REQUEST, async () => SUCCESS).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(WalletError);
      expect((error as WalletError).wallet).to.equal('google-pay');
    });
  }

  it('rejects when charging the token failed', async () => {
    const network = new BridgeError({ code: 'network_error', message: 'offline' });
    let error: unknown;
    await new GooglePayAdapter({ client: new FakePaymentsClient(), ...googleOptions })
      .pay(REQUEST, async () => {
        throw network;
      })
      .catch((e: unknown) => (error = e));
    expect(error).to.equal(network);
  });

  it("never loads Google's script outside production", async () => {
    const before = document.querySelectorAll(`script[src="${GOOGLE_PAY_SCRIPT_URL}"]`).length;
    expect(await loadGooglePayClient(document, 'sandbox')).to.equal(undefined);
    expect(document.querySelectorAll(`script[src="${GOOGLE_PAY_SCRIPT_URL}"]`).length).to.equal(before);
    expect(before).to.equal(0);
  });

  it('uses an already loaded google.payments.api without adding a script', async () => {
    const win = window as unknown as { google?: unknown };
    const environments: string[] = [];
    class PaymentsClient extends FakePaymentsClient {
      constructor(options: { environment: string }) {
        super();
        environments.push(options.environment);
      }
    }
    win.google = { payments: { api: { PaymentsClient } } };
    try {
      const client = await loadGooglePayClient(document, 'production');
      expect(client).to.be.instanceOf(PaymentsClient);
      expect(environments).to.deep.equal(['PRODUCTION']);
      expect(document.querySelectorAll(`script[src="${GOOGLE_PAY_SCRIPT_URL}"]`).length).to.equal(0);
    } finally {
      delete win.google;
    }
  });
});

describe('wallet amounts', () => {
  const cases: [number, string, string][] = [
    [1000, 'GBP', '10.00'],
    [5, 'EUR', '0.05'],
    [500, 'JPY', '500'],
    [1234, 'KWD', '1.234'],
  ];
  for (const [amount, currency, text] of cases) {
    it(`${amount} ${currency} → ${text}`, () => expect(decimalAmount(amount, currency)).to.equal(text));
  }
});

describe('live wallets load only where they can run', () => {
  const contextIn = async (withApplePay: boolean, gatewayMerchantId?: string) => {
    const iframe = document.createElement('iframe');
    document.body.append(iframe);
    const win = iframe.contentWindow as Window & { ApplePaySession?: unknown };
    if (withApplePay) win.ApplePaySession = class {};
    const { defaultAdapters } = await import('../../src/frame/wallet/wallet-frame.js');
    const adapters = await defaultAdapters({
      environment: 'production',
      mode: 'sandbox',
      container: iframe.contentDocument!.body,
      clickGuard: () => ({ allows: () => true, check: async () => true, stop: () => undefined }) as never,
      onSheet: () => undefined,
      api: { origin: 'https://frames.test', clientToken: 't' },
      session: { amount: 1000, currency: 'GBP', ...(gatewayMerchantId ? { wallet: { gatewayMerchantId } } : {}) } as never,
      merchantDomain: 'shop.example',
    });
    iframe.remove();
    return adapters.map((a) => a.wallet);
  };

  it('Apple Pay only where the browser has ApplePaySession; Google Pay only with the merchant gateway id', async () => {
    expect(await contextIn(false)).to.deep.equal([]);
    expect(await contextIn(true)).to.deep.equal(['apple-pay']);
    expect(await contextIn(false, 'gw_1')).to.deep.equal(['google-pay']);
    expect(await contextIn(true, 'gw_1')).to.deep.equal(['apple-pay', 'google-pay']);
  });
});
