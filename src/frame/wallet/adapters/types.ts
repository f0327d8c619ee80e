/**
 * The one small interface every wallet sits behind in the frame: Apple Pay on the web, Google
 * Pay, and the sandbox wallet of test keys. An adapter only talks to its wallet; charging the
 * token is the frame's job, handed in as `authorize` (Apple Pay must hear the outcome before its
 * sheet closes).
 */
import type { Address, ShippingDetails, TransactionResult } from '../../../protocol/card.js';
import type { WalletKind } from '../../../protocol/wallet.js';

/** What the customer is asked to pay, and what the wallet must collect. */
export interface WalletPayRequest {
  /** Minor units, e.g. 1000 for £10.00; `undefined` when the session could not be read. */
  amount: number | undefined;
  /** ISO 4217, e.g. `GBP`. */
  currency: string;
  /** ISO 3166-1 alpha-2 country of the merchant, e.g. `GB`. */
  countryCode: string;
  /** The line the wallet shows beside the total: the merchant's name or the session title. */
  label: string;
  emailRequired: boolean;
  billingAddressRequired: boolean;
  shippingAddressRequired: boolean;
  /** BCP 47 tag. */
  locale: string;
}

/** What the wallet hands over once the customer approved: its token and the requested details. */
export interface WalletPaymentData {
  /** The wallet's payment token (a `tok_sandbox_…` in the sandbox), opaque to the frame. */
  token: string;
  email?: string;
  billingAddress?: Address;
  shippingDetails?: ShippingDetails;
}

/** An address or contact as a wallet hands it over, its address lines already in order. */
export interface WalletContact {
  name?: string | undefined;
  lines?: readonly (string | undefined)[] | undefined;
  locality?: string | undefined;
  administrativeArea?: string | undefined;
  postalCode?: string | undefined;
  countryCode?: string | undefined;
}

const ADDRESS_PARTS = [
  ['locality', 'city'],
  ['administrativeArea', 'state'],
  ['postalCode', 'postcode'],
  ['countryCode', 'countryCode'],
] as const;

function address(contact: WalletContact): Address {
  const out: Address = {};
  contact.lines?.slice(0, 4).forEach((line, i) => line && (out[`address${i + 1}` as 'address1'] = line));
  for (const [from, to] of ADDRESS_PARTS) if (contact[from]) out[to] = contact[from];
  return out;
}

/** What a wallet approved, with only the details the merchant asked for. */
export function paymentData(
  request: WalletPayRequest,
  token: string,
  email: string | undefined,
  billing: WalletContact | undefined,
  shipping: WalletContact | undefined,
): WalletPaymentData {
  return {
    token,
    ...(email ? { email } : {}),
    ...(request.billingAddressRequired && billing ? { billingAddress: address(billing) } : {}),
    ...(request.shippingAddressRequired && shipping
      ? { shippingDetails: { ...(shipping.name ? { name: shipping.name } : {}), address: address(shipping) } }
      : {}),
  };
}

/** Charges a wallet token with the provider and tells the outcome. */
export type Authorize = (payment: WalletPaymentData) => Promise<TransactionResult>;

export type WalletPayOutcome = { kind: 'result'; result: TransactionResult } | { kind: 'cancelled' };

export interface WalletAdapter {
  readonly wallet: WalletKind;
  /** Whether this browser can pay with the wallet now. Never rejects. */
  isAvailable(): Promise<boolean>;
  /**
   * Opens the wallet's payment sheet. Must be called straight from the click handler: Apple Pay
   * and Google Pay start only inside a user gesture, so everything before the sheet opens is
   * synchronous. Resolves with the result or `cancelled`; rejects when the wallet failed.
   */
  pay(request: WalletPayRequest, authorize: Authorize): Promise<WalletPayOutcome>;
}

/** A wallet failure that is not the customer's choice (merchant validation, a wallet error). */
export class WalletError extends Error {
  constructor(
    readonly wallet: WalletKind,
    message: string,
  ) {
    super(message);
    this.name = 'WalletError';
  }
}
