// The merchant's front end: get a client token from our own backend, pay with <card-component>.
const card = document.getElementById('card');
const wallet = document.getElementById('wallet');
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

async function newSession() {
  result.textContent = '';
  result.className = '';
  const response = await fetch('/api/create-payment-session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ product: 'tee', quantity: 1, orderId: crypto.randomUUID() }),
  });
  if (!response.ok) throw new Error('Could not start the payment.');
  const { client_token } = await response.json();
  // One session, two ways to pay it.
  card.clientToken = client_token;
  wallet.clientToken = client_token;
}

function paid(authCode) {
  result.textContent = `${FRIENDLY[0]} Auth code ${authCode}.`;
  result.className = 'success';
  card.hidden = true;
  wallet.hidden = true;
  payButton.hidden = true;
  again.hidden = false;
}

wallet.addEventListener('payment-success', (e) => paid(e.detail.authCode));
wallet.addEventListener('payment-attempt-failed', (e) => {
  result.textContent = FRIENDLY[e.detail.statusCode] ?? e.detail.message;
  result.className = 'failure';
});
wallet.addEventListener('payment-cancel', () => (result.textContent = 'Wallet payment cancelled: nothing was charged.'));

card.addEventListener('ready', () => (payButton.disabled = false));
card.addEventListener('load-error', (e) => {
  result.textContent = 'The payment form could not load. Please try again.';
  console.warn(e.detail);
});
card.addEventListener('submit-request', () => form.requestSubmit());

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  payButton.disabled = true;
  payButton.textContent = 'Paying…';
  try {
    const { statusCode, authCode, message } = await card.executePayment();
    result.textContent = FRIENDLY[statusCode] ?? message;
    result.className = statusCode === 0 ? 'success' : 'failure';
    if (statusCode === 0) paid(authCode);
  } catch (error) {
    // Validation errors are shown next to the fields; anything else is told here.
    if (error.code !== 'validation_failed') {
      result.textContent = error.message;
      result.className = 'failure';
    }
  } finally {
    payButton.disabled = false;
    payButton.textContent = 'Pay £25.00';
  }
});

again.addEventListener('click', async () => {
  again.hidden = true;
  card.hidden = false;
  wallet.hidden = false;
  payButton.hidden = false;
  await card.clear();
  await newSession();
});

newSession().catch((error) => (result.textContent = error.message));
