// The merchant's front end: get a client token from our own backend, pay with <card-component>.
const card = document.getElementById('card');
const wallet = document.getElementById('wallet');
const separator = document.getElementById('or');
const form = document.getElementById('pay-form');
const payButton = document.getElementById('pay');
const result = document.getElementById('result');
const again = document.getElementById('again');

const FRIENDLY = {
  0: 'Payment received. Thank you!',
  4: 'Your bank needs to speak with you before approving this payment. Please try another card.',
  5: 'Your card was declined. Please check the details or try another card.',
  20: 'This order has already been paid.',
  30: 'Something went wrong on our side. You have not been charged; please try again.',
};

/** Shows a message under the Pay button; `focus` moves the customer to it (it has tabindex=-1). */
function show(text, kind = '', { focus = false } = {}) {
  result.textContent = text;
  result.className = kind;
  if (focus && text) result.focus();
}

async function newSession() {
  show('');
  const response = await fetch('/api/create-payment-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ product: 'tee', quantity: 1, orderId: crypto.randomUUID() }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.client_token) throw new Error(body.error ?? 'The payment could not start. Nothing was charged; please reload the page.');
  // One session, two ways to pay it.
  card.clientToken = body.client_token;
  wallet.clientToken = body.client_token;
}

/** Paid: only the outcome and "Start a new order" stay; no other way to pay the same order. */
function paid(authCode) {
  card.hidden = true;
  wallet.hidden = true;
  separator.hidden = true;
  payButton.hidden = true;
  again.hidden = false;
  // The button or frame that had focus is gone: the outcome takes it rather than <body>.
  show(`${FRIENDLY[0]} Auth code ${authCode}.`, 'success', { focus: true });
}

// A new attempt starts with no message from the last one.
wallet.addEventListener('payment-initiated', () => show(''));
wallet.addEventListener('payment-success', (e) => paid(e.detail.authCode));
wallet.addEventListener('payment-attempt-failed', (e) => show(FRIENDLY[e.detail.statusCode] ?? e.detail.message, 'failure'));
wallet.addEventListener('payment-cancel', () => show('Wallet payment cancelled: nothing was charged.'));

card.addEventListener('ready', () => (payButton.disabled = false));
card.addEventListener('load-error', (e) => {
  show('The payment form could not load. Please try again.', 'failure');
  console.warn(e.detail);
});
card.addEventListener('submit-request', () => form.requestSubmit());

let paying = false;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (paying) return;
  paying = true;
  show('');
  try {
    // The frame shows each field's message; the customer lands on the first one to fix.
    const { valid, errors } = await card.validate();
    if (!valid) {
      card.focus(errors[0]?.field);
      return;
    }
    payButton.disabled = true;
    payButton.textContent = 'Paying…';
    const { statusCode, authCode, message } = await card.executePayment();
    if (statusCode === 0) paid(authCode);
    // Disabling the button took focus away: the reason for the decline gets it.
    else show(FRIENDLY[statusCode] ?? message, 'failure', { focus: true });
  } catch (error) {
    if (error.code === 'validation_failed') card.focus(error.errors?.[0]?.field);
    else show(error.message, 'failure', { focus: true });
  } finally {
    paying = false;
    payButton.disabled = false;
    payButton.textContent = 'Pay £25.00';
  }
});

again.addEventListener('click', async () => {
  again.hidden = true;
  card.hidden = false;
  wallet.hidden = false;
  separator.hidden = false;
  payButton.hidden = false;
  await card.clear();
  try {
    await newSession();
    card.focus();
  } catch (error) {
    show(error.message, 'failure', { focus: true });
  }
});

newSession().catch((error) => show(error.message, 'failure'));
