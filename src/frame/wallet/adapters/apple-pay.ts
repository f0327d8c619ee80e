/**
 * Apple Pay on the web (`ApplePaySession`, version 3). Thin on purpose: availability is
 * `canMakePayments()`, the merchant is validated through the provider (which holds the merchant
 * identity certificate), the token goes to `authorize`, and the sheet is told the outcome with
 * `completePayment`. Works only in Safari-family browsers on a domain registered with Apple, in
 * an iframe that has `allow="payment"`.
 */
import { WalletError, paymentData, type Authorize, type WalletContact, type WalletAdapter, type WalletPayOutcome, type WalletPayRequest } from './types.js';
import { decimalAmount } from '../../../protocol/money.js';

/** The parts of Apple's `ApplePayPaymentContact` the frame reads. */
export interface ApplePayContact {
  emailAddress?: string;
  givenName?: string;
  familyName?: string;
  addressLines?: string[];
  locality?: string;
  administrativeArea?: string;
  postalCode?: string;
  countryCode?: string;
}

export interface ApplePayPayment {
  token: unknown;
  billingContact?: ApplePayContact;
  shippingContact?: ApplePayContact;
}

/** The members of an `ApplePaySession` instance the adapter uses. */
export interface ApplePaySessionLike {
  onvalidatemerchant: ((event: { validationURL: string }) => void) | null;
  onpaymentauthorized: ((event: { payment: ApplePayPayment }) => void) | null;
  oncancel: ((event: unknown) => void) | null;
  begin(): void;
  abort(): void;
  completeMerchantValidation(merchantSession: unknown): void;
  completePayment(status: number): void;
}

/** The static side of `ApplePaySession`. */
export interface ApplePaySessionConstructor {
  new (version: number, request: ApplePayPaymentRequest): ApplePaySessionLike;
  canMakePayments(): boolean;
  supportsVersion?(version: number): boolean;
  readonly STATUS_SUCCESS: number;
  readonly STATUS_FAILURE: number;
}

/** Apple's `ApplePayPaymentRequest`, as far as the adapter fills it. */
export interface ApplePayPaymentRequest {
  countryCode: string;
  currencyCode: string;
  supportedNetworks: string[];
  merchantCapabilities: string[];
  total: { label: string; amount: string; type: 'final' };
  requiredBillingContactFields: string[];
  requiredShippingContactFields: string[];
}

export interface ApplePayAdapterOptions {
  /** Defaults to `window.ApplePaySession`; tests pass a fake. */
  session?: ApplePaySessionConstructor | undefined;
  /** Asks the provider for a merchant session for Apple's `validationURL`. */
  validateMerchant: (validationURL: string) => Promise<unknown>;
}

export const APPLE_PAY_VERSION = 3;
const NETWORKS = ['visa', 'masterCard', 'amex', 'discover', 'jcb'];

/** Builds Apple's payment request from ours. */
export function applePayRequest(request: WalletPayRequest): ApplePayPaymentRequest {
  const shippingFields = [...(request.shippingAddressRequired ? ['postalAddress', 'name'] : []), ...(request.emailRequired ? ['email'] : [])];
  return {
    countryCode: request.countryCode,
    currencyCode: request.currency,
    supportedNetworks: NETWORKS,
    merchantCapabilities: ['supports3DS'],
    total: { label: request.label, amount: decimalAmount(request.amount ?? 0, request.currency), type: 'final' },
    requiredBillingContactFields: request.billingAddressRequired ? ['postalAddress', 'name'] : [],
    requiredShippingContactFields: shippingFields,
  };
}

/** Apple's contact, read as every wallet's is. */
const contact = (c: ApplePayContact | undefined): WalletContact | undefined =>
  c && { ...c, name: [c.givenName, c.familyName].filter(Boolean).join(' '), lines: c.addressLines };

export class ApplePayAdapter implements WalletAdapter {
  readonly wallet = 'apple-pay' as const;

  constructor(private readonly options: ApplePayAdapterOptions) {}

  private get Session(): ApplePaySessionConstructor | undefined {
    if (this.options.session) return this.options.session;
    return (globalThis as { ApplePaySession?: ApplePaySessionConstructor }).ApplePaySession;
  }

  async isAvailable(): Promise<boolean> {
    const Session = this.Session;
    if (!Session) return false;
    try {
      if (Session.supportsVersion && !Session.supportsVersion(APPLE_PAY_VERSION)) return false;
      return Session.canMakePayments() === true;
    } catch {
      // Thrown outside a secure context or in a frame without `allow="payment"`.
      return false;
    }
  }

  pay(request: WalletPayRequest, authorize: Authorize): Promise<WalletPayOutcome> {
    const Session = this.Session;
    if (!Session) return Promise.reject(new WalletError('apple-pay', 'Apple Pay is not available in this browser.'));
    // Constructed synchronously, inside the click: Apple refuses a session started later.
    const session = new Session(APPLE_PAY_VERSION, applePayRequest(request));
    return new Promise<WalletPayOutcome>((resolve, reject) => {
      let settled = false;
      let authorizing = false;
      const done = (outcome: WalletPayOutcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      // Safari may have closed the sheet already (its own timeout); the outcome still counts.
      const complete = (status: number) => {
        try {
          session.completePayment(status);
        } catch {
          // Nothing left to tell.
        }
      };

      session.onvalidatemerchant = (event) => {
        this.options.validateMerchant(event.validationURL).then(
          (merchantSession) => session.completeMerchantValidation(merchantSession),
          () => {
            session.abort();
            fail(new WalletError('apple-pay', 'Apple Pay could not validate the merchant.'));
          },
        );
      };

      session.onpaymentauthorized = (event) => {
        authorizing = true;
        const { payment } = event;
        authorize(
          paymentData(
            request,
            JSON.stringify(payment.token),
            payment.shippingContact?.emailAddress,
            contact(payment.billingContact),
            contact(payment.shippingContact),
          ),
        ).then(
          (result) => {
            complete(result.statusCode === 0 ? Session.STATUS_SUCCESS : Session.STATUS_FAILURE);
            done({ kind: 'result', result });
          },
          (error: unknown) => {
            complete(Session.STATUS_FAILURE);
            fail(error);
          },
        );
      };

      // A cancel while the token is being charged must not hide the charge: the result decides.
      session.oncancel = () => {
        if (!authorizing) done({ kind: 'cancelled' });
      };

      session.begin();
    });
  }
}
