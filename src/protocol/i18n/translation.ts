/**
 * Every text the frames show, in one shape: a locale is one file that implements it, checked by the
 * compiler and by a test that every key is filled. `{name}` marks a value put in at run time.
 */
import type { ValidationErrorType } from '../card.js';

export interface Translation extends CardTexts, SharedTexts, CheckoutTexts, WalletTexts {
  /** Right to left (ar): the frame's document gets `dir="rtl"`. */
  dir: 'ltr' | 'rtl';
}

/** The card frame's texts (the checkout shows the card fields too). */
export interface CardTexts {
  cardNumber: string;
  expiryDate: string;
  securityCode: string;
  nameOnCard: string;
  /** Placeholder of the expiry date, in the order the field takes it. */
  expiryPlaceholder: string;
  cardErrors: Record<ValidationErrorType, string>;

  // 3-D Secure
  threeDsHeading: string;
  threeDsText: string;
  /** The accessible name of the bank's page. */
  threeDsFrameTitle: string;
}

/** Shared by the checkout and the wallet sheet. */
export interface SharedTexts {
  pay: string;
  /** `{amount}` */
  payAmount: string;
  processing: string;
  total: string;
  cancel: string;
  card: string;
  email: string;
  fullName: string;
  address1: string;
  address2: string;
  city: string;
  postcode: string;
  country: string;
  selectCountry: string;
  contact: string;
  shippingAddress: string;
  billingAddress: string;
  tryAgain: string;
  processingPayment: string;
  collectedErrors: {
    emailRequired: string;
    emailInvalid: string;
    nameRequired: string;
    address1Required: string;
    cityRequired: string;
    postcodeRequired: string;
    countryRequired: string;
    tooLong: string;
  };
}

export interface CheckoutTexts {
  checkoutTitle: string;
  loading: string;
  loadFailedHeading: string;
  loadFailedText: string;
  orderSummary: string;
  cardDetails: string;
  /** The order summary's total row (seed 004 `showTotal`). */
  totalDue: string;
  /** Under an item line's caption: `{quantity}`. */
  itemQuantity: string;
  paymentFailed: string;
  bankPageFailed: string;
  successHeading: string;
  /** `{amount}` */
  successText: string;
  alreadyPaid: string;
  failureHeading: string;
  noMoreAttempts: string;
  expiredHeading: string;
  expiredText: string;
  cancelledHeading: string;
  cancelledText: string;
  redirecting: string;
  redirectHeading: string;
  redirectText: string;
  continueToBank: string;
  /** The yellow badge of a checkout paid with a test (sandbox) client token. */
  testMode: string;
  /** Between the wallet button and the card form. */
  orPayByCard: string;
  /** The hosted page's button back to the merchant's `cancel_url`. */
  cancelCheckout: string;
  /** The link in the hosted page's end state (for a WebView that blocks the automatic return). */
  returnToMerchant: string;
  returningToMerchant: string;
  /** The hosted page opened without a client token in its URL. */
  linkMissingHeading: string;
  linkMissingText: string;
  /** The hosted page opened with a token that is unreadable, refused, or for another session. */
  linkInvalidHeading: string;
  linkInvalidText: string;
  /** The hosted page could not reach the payment service. */
  reloadText: string;
}

/** The wallet button (`{wallet}` marks where the wallet's mark goes) and the sandbox wallet sheet. */
export interface WalletTexts {
  walletButtons: { plain: string; buy: string; book: string; checkout: string; donate: string; order: string };
  walletUnavailable: string;
  walletUnavailableNote: string;
  /** The accessible name of the button while availability is checked. */
  walletChecking: string;
  walletFailed: string;

  sheetLabel: string;
  sheetNote: string;
}

/** What each frame needs of a dictionary: only these English texts are built into that frame. */
export type CardKey = keyof CardTexts | 'dir';
export type CheckoutKey = CardKey | keyof SharedTexts | keyof CheckoutTexts;
export type WalletKey = keyof WalletTexts | keyof SharedTexts | 'dir';

/**
 * The few texts the host itself shows (everything else is drawn inside the frames), one set per
 * element so that an app takes only its elements' texts. A card or wallet element: its iframe's
 * title, what it says when the frame could not load, and its retry button.
 */
export interface FrameHostText {
  title: string;
  /** The frame did not load (timeout, network): the customer may try again. */
  failed: string;
  /** The frame cannot load on this page (a bad key, token or origin): the page must change. */
  unavailable: string;
  retry: string;
}

/** The checkout dialog's title and close button. */
export interface CheckoutHostText {
  title: string;
  close: string;
  /** Shown where the checkout would be when the element's own launch (its `session-endpoint`) failed. */
  launchFailed: string;
  /** The button beside `launchFailed` that launches again. */
  retry: string;
}
