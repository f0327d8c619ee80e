import type { CardTexts, CheckoutTexts, CheckoutHostText, FrameHostText, SharedTexts, Translation, WalletTexts } from './translation.js';

// In parts, so that each frame builds in only the English it shows (the fallback before and
// without a dictionary); the other locales are single objects.
export const EN_CARD: CardTexts = {
  cardNumber: 'Card number',
  expiryDate: 'Expiry date',
  securityCode: 'Security code',
  nameOnCard: 'Name on card',
  expiryPlaceholder: 'MM/YY',
  cardErrors: {
    cardNameRequired: 'Enter the name on the card.',
    cardNameInvalid: 'Enter the name as it appears on the card.',
    cardNumberRequired: 'Enter the card number.',
    cardNumberInvalid: 'Enter a valid card number.',
    expiryDateRequired: 'Enter the expiry date.',
    expiryDateInvalid: 'Enter a valid expiry date as MM/YY.',
    expiryDateMustBeInFuture: 'This card has expired. Check the expiry date.',
    cv2Required: 'Enter the security code.',
    cv2Invalid: 'Enter a valid security code.',
  },
  threeDsHeading: 'Verify your payment',
  threeDsText: 'Your bank needs to confirm this payment. Follow the steps below.',
  threeDsFrameTitle: '3-D Secure payment verification',
};

export const EN_SHARED: SharedTexts = {
  pay: 'Pay',
  payAmount: 'Pay {amount}',
  processing: 'Processing…',
  total: 'Total',
  cancel: 'Cancel',
  card: 'Card',
  email: 'Email',
  fullName: 'Full name',
  address1: 'Address line 1',
  address2: 'Address line 2 (optional)',
  city: 'Town or city',
  postcode: 'Postcode',
  country: 'Country',
  selectCountry: 'Select a country',
  contact: 'Contact',
  shippingAddress: 'Shipping address',
  billingAddress: 'Billing address',
  tryAgain: 'Try again',
  processingPayment: 'Processing your payment…',
  collectedErrors: {
    emailRequired: 'Enter your email address.',
    emailInvalid: 'Enter an email address, like name@example.com.',
    nameRequired: 'Enter the full name of the recipient.',
    address1Required: 'Enter the first line of the address.',
    cityRequired: 'Enter the town or city.',
    postcodeRequired: 'Enter the postcode.',
    countryRequired: 'Select a country.',
    tooLong: 'This is too long.',
  },
};

export const EN_CHECKOUT: CheckoutTexts = {
  checkoutTitle: 'Checkout',
  loading: 'Loading the checkout…',
  loadFailedHeading: 'Sorry, this checkout could not be loaded',
  loadFailedText: 'Please close it and try again.',
  orderSummary: 'Order summary',
  cardDetails: 'Card details',
  totalDue: 'Total due',
  itemQuantity: 'Quantity: {quantity}',
  paymentFailed: 'The payment could not be completed. Please try again.',
  bankPageFailed: 'Your bank needs to confirm this payment, but its page could not be opened. Please try again.',
  successHeading: 'Payment successful',
  successText: 'Your payment of {amount} is complete.',
  alreadyPaid: 'This checkout has already been paid.',
  failureHeading: 'Payment failed',
  noMoreAttempts: 'This checkout can take no more attempts. Please go back and start again.',
  expiredHeading: 'This checkout has expired',
  expiredText: 'Please go back and start the payment again.',
  cancelledHeading: 'This checkout was cancelled',
  cancelledText: 'No payment was taken. Please go back and start again.',
  redirecting: 'Redirecting to your bank…',
  redirectHeading: 'Taking you to your bank',
  redirectText: 'Your bank needs to confirm this payment. If nothing happens, use the link below.',
  continueToBank: 'Continue to your bank',
  testMode: 'Test mode',
  orPayByCard: 'Or pay by card',
  cancelCheckout: 'Cancel and go back',
  returnToMerchant: 'Return to the merchant',
  returningToMerchant: 'Taking you back to the merchant…',
  linkMissingHeading: 'This payment link is incomplete',
  linkMissingText: 'Open the link exactly as the merchant gave it, or go back to the merchant and start the payment again.',
  linkInvalidHeading: 'This payment link is not valid',
  linkInvalidText: 'It may be out of date or belong to another payment. Go back to the merchant and start the payment again.',
  reloadText: 'Check your connection and reload this page, or go back to the merchant and try again.',
};

export const EN_WALLET: WalletTexts = {
  walletButtons: {
    plain: 'Pay with {wallet}',
    buy: 'Buy with {wallet}',
    book: 'Book with {wallet}',
    checkout: 'Check out with {wallet}',
    donate: 'Donate with {wallet}',
    order: 'Order with {wallet}',
  },
  walletUnavailable: 'Wallet payment unavailable',
  walletUnavailableNote: 'Apple Pay and Google Pay are not available in this browser.',
  walletChecking: 'Checking for wallets',
  walletFailed: 'The wallet payment did not complete. Try again or choose another way to pay.',
  sheetLabel: 'Sandbox wallet payment',
  sheetNote: 'A simulated wallet for test keys: no real card is charged.',
};

const en: Translation = { dir: 'ltr', ...EN_CARD, ...EN_SHARED, ...EN_CHECKOUT, ...EN_WALLET };

export default en;

/** What the card element shows outside its frame: its iframe's title, and what it says when the frame could not load. */
export const hostCard: FrameHostText = {
  title: 'Secure card payment form',
  failed: 'The card form could not load.',
  unavailable: 'Card payments are unavailable on this page.',
  retry: 'Try again',
};

/** The same for the wallet button. */
export const hostWallet: FrameHostText = {
  title: 'Wallet payment',
  failed: 'The wallet button could not load.',
  unavailable: 'Wallet payments are unavailable on this page.',
  retry: 'Try again',
};

/** The checkout dialog's title and close button. */
export const hostCheckout: CheckoutHostText = {
  title: 'Secure checkout',
  close: 'Close checkout',
  launchFailed: 'The checkout could not be opened. Please try again.',
  retry: 'Try again',
};
