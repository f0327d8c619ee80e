/**
 * Google Pay through its JavaScript API (`google.payments.api.PaymentsClient`). Thin on purpose:
 * availability is `isReadyToPay`, payment is `loadPaymentData`, a `CANCELED` status code is the
 * customer closing the sheet. Google's script is loaded only inside the frame and only when a
 * production environment asks for it; tests hand the adapter a fake client.
 */
import { WalletError, paymentData, type Authorize, type WalletContact, type WalletAdapter, type WalletPayOutcome, type WalletPayRequest } from './types.js';
import { decimalAmount } from '../../../protocol/money.js';

/** The parts of Google's `Address` the frame reads. */
export interface GooglePayAddress {
  name?: string;
  address1?: string;
  address2?: string;
  address3?: string;
  locality?: string;
  administrativeArea?: string;
  postalCode?: string;
  countryCode?: string;
}

/** The parts of Google's `PaymentData` the frame reads. */
export interface GooglePaymentData {
  email?: string;
  shippingAddress?: GooglePayAddress;
  paymentMethodData: {
    type?: string;
    info?: { billingAddress?: GooglePayAddress };
    tokenizationData: { type?: string; token: string };
  };
}

/** The members of a `google.payments.api.PaymentsClient` the adapter uses. */
export interface GooglePaymentsClientLike {
  isReadyToPay(request: object): Promise<{ result: boolean }>;
  loadPaymentData(request: object): Promise<GooglePaymentData>;
}

export type GooglePayEnvironment = 'TEST' | 'PRODUCTION';

export interface GooglePayAdapterOptions {
  /** A ready client (tests pass a fake); otherwise `loadClient` is used. */
  client?: GooglePaymentsClientLike;
  /** Loads Google's script and creates a client; `undefined` when that is not possible. */
  loadClient?: () => Promise<GooglePaymentsClientLike | undefined>;
  /** The provider's gateway name and the merchant's id at the gateway (tokenization). */
  gateway: string;
  gatewayMerchantId: string;
  /** The merchant's Google Pay merchant id (required in production). */
  merchantId?: string;
}

export const GOOGLE_PAY_SCRIPT_URL = 'https://pay.google.com/gp/p/js/pay.js';
const BASE = { apiVersion: 2, apiVersionMinor: 0 } as const;
const NETWORKS = ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB'];

function cardMethod(request?: WalletPayRequest) {
  return {
    type: 'CARD',
    parameters: {
      allowedAuthMethods: ['PAN_ONLY', 'CRYPTOGRAM_3DS'],
      allowedCardNetworks: NETWORKS,
      ...(request?.billingAddressRequired ? { billingAddressRequired: true, billingAddressParameters: { format: 'FULL' } } : {}),
    },
  };
}

/** Builds Google's `PaymentDataRequest` from ours. */
export function googlePayRequest(request: WalletPayRequest, options: GooglePayAdapterOptions): object {
  return {
    ...BASE,
    allowedPaymentMethods: [
      {
        ...cardMethod(request),
        tokenizationSpecification: {
          type: 'PAYMENT_GATEWAY',
          parameters: { gateway: options.gateway, gatewayMerchantId: options.gatewayMerchantId },
        },
      },
    ],
    merchantInfo: { merchantName: request.label, ...(options.merchantId ? { merchantId: options.merchantId } : {}) },
    transactionInfo: {
      totalPriceStatus: 'FINAL',
      totalPrice: decimalAmount(request.amount ?? 0, request.currency),
      currencyCode: request.currency,
      countryCode: request.countryCode,
    },
    emailRequired: request.emailRequired,
    shippingAddressRequired: request.shippingAddressRequired,
  };
}

/** The request of `isReadyToPay`: can this browser pay by card through Google Pay? */
export const GOOGLE_READY_TO_PAY_REQUEST = { ...BASE, allowedPaymentMethods: [cardMethod()] };

/** Google's address, read as every wallet's is. */
const contact = (a: GooglePayAddress | undefined): WalletContact | undefined => a && { ...a, lines: [a.address1, a.address2, a.address3] };

function isCancel(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 'CANCELED';
}

export class GooglePayAdapter implements WalletAdapter {
  readonly wallet = 'google-pay' as const;
  private client: GooglePaymentsClientLike | undefined;

  constructor(private readonly options: GooglePayAdapterOptions) {
    this.client = options.client;
  }

  async isAvailable(): Promise<boolean> {
    try {
      this.client ??= await this.options.loadClient?.();
      if (!this.client) return false;
      const { result } = await this.client.isReadyToPay(GOOGLE_READY_TO_PAY_REQUEST);
      return result === true;
    } catch {
      return false;
    }
  }

  pay(request: WalletPayRequest, authorize: Authorize): Promise<WalletPayOutcome> {
    const client = this.client;
    if (!client) return Promise.reject(new WalletError('google-pay', 'Google Pay is not available in this browser.'));
    // Called synchronously, inside the click: Google opens its sheet (or a window) from it.
    let loading: Promise<GooglePaymentData>;
    try {
      loading = client.loadPaymentData(googlePayRequest(request, this.options));
    } catch (error) {
      loading = Promise.reject(error);
    }
    return loading.then(
      async (data) => {
        const { tokenizationData, info } = data.paymentMethodData;
        const result = await authorize(paymentData(request, tokenizationData.token, data.email, contact(info?.billingAddress), contact(data.shippingAddress)));
        return { kind: 'result', result } as const;
      },
      (error: unknown) => {
        if (isCancel(error)) return { kind: 'cancelled' } as const;
        throw new WalletError('google-pay', 'Google Pay could not complete the payment.');
      },
    );
  }
}

interface GoogleGlobal {
  google?: { payments?: { api?: { PaymentsClient?: new (options: { environment: GooglePayEnvironment }) => GooglePaymentsClientLike } } };
}

/**
 * Loads Google's script into the frame's document and creates a client. Only for production:
 * nothing is fetched from Google in the sandbox, in tests, or for any other environment.
 */
export function loadGooglePayClient(doc: Document, environment: 'sandbox' | 'production', timeoutMs = 8000): Promise<GooglePaymentsClientLike | undefined> {
  if (environment !== 'production') return Promise.resolve(undefined);
  const win = doc.defaultView as (Window & GoogleGlobal) | null;
  const create = () => {
    const Client = win?.google?.payments?.api?.PaymentsClient;
    return Client ? new Client({ environment: 'PRODUCTION' }) : undefined;
  };
  const existing = create();
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    script.src = GOOGLE_PAY_SCRIPT_URL;
    script.async = true;
    script.onload = () => (clearTimeout(timer), resolve(create()));
    script.onerror = () => (clearTimeout(timer), resolve(undefined));
    doc.head.append(script);
  });
}
