import * as v from 'valibot';
import { object } from './schema.js';
import type { Context, Hono } from 'hono';
import type { ChallengeCompleteMessage } from '../protocol/api.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { framePage } from './frame-pages.js';
import { authCode } from './ids.js';
import { isHttpUrl, parseOrFail, readJsonObject } from './request.js';
import { paymentAttempt, settlePayment } from './settlement.js';
import type { PaymentRecord } from './store.js';
import { MESSAGES } from './test-cards.js';

export const CHALLENGE_PATH = '/3ds/challenge';
const CHALLENGE_SCRIPT_PATH = '/3ds/challenge.js';

export const challengeUrl = (ctx: SandboxContext, paymentId: string): string => `${ctx.origin}${CHALLENGE_PATH}/${paymentId}`;

const ChallengeAnswerSchema = object({ result: v.picklist(['pass', 'fail'], "must be 'pass' or 'fail'") });

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Minor units to a display amount, e.g. 1234 GBP → £12.34. */
export function formatAmount(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${amount} ${currency}`;
  }
}

const STYLE = `
:root { color-scheme: light; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2330; }
body { margin: 0; background: #fff; }
main { max-width: 22rem; margin: 0 auto; padding: 1.25rem; }
.bank { margin: 0 0 .75rem; font-size: .8rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: #4a5160; }
h1 { margin: 0 0 .5rem; font-size: 1.3rem; }
p { margin: 0 0 .75rem; }
.amount { font-weight: 700; }
.note { font-size: .85rem; color: #4a5160; }
.actions { display: grid; gap: .6rem; margin-top: 1rem; }
button { font: inherit; font-weight: 600; padding: .7rem 1rem; border-radius: .5rem; border: 2px solid #1b4fd6; cursor: pointer; }
button.pass { background: #1b4fd6; color: #fff; }
button.fail { background: #fff; color: #1b4fd6; }
button:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
button:disabled { opacity: .6; cursor: progress; }
a.cancel { justify-self: center; padding: .4rem; color: #1b4fd6; font-weight: 600; }
a.cancel:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
[role="status"] { min-height: 1.5em; margin-top: .75rem; }
`;

function challengeHtml(body: string, attributes = ''): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    "<title>Verify it's you — Sandbox bank</title>" +
    `<style>${STYLE}</style>` +
    `<script type="module" src="${CHALLENGE_SCRIPT_PATH}"></script>` +
    `</head><body${attributes}><main>${body}</main></body></html>`
  );
}

function pendingPage(payment: PaymentRecord, amount: string, returnUrl: string | undefined): string {
  const attributes =
    ` data-payment-id="${escapeHtml(payment.id)}"` + (returnUrl ? ` data-return-url="${escapeHtml(returnUrl)}"` : '');
  return challengeHtml(
    '<p class="bank">Sandbox bank</p>' +
      "<h1>Verify it's you</h1>" +
      `<p>Confirm your payment of <span class="amount">${escapeHtml(amount)}</span> ` +
      `with the card ending ${escapeHtml(payment.last4)}.</p>` +
      '<p class="note">This is a simulated 3-D Secure check: no real bank is contacted. Choose the result you want to test.</p>' +
      '<div class="actions">' +
      '<button type="button" class="pass" id="pass" value="pass">Pass authentication</button>' +
      '<button type="button" class="fail" id="fail" value="fail">Fail authentication</button>' +
      // Redirect mode: leaving answers nothing; the payment stays unverified and the session open.
      (returnUrl ? `<a class="cancel" id="cancel" href="${escapeHtml(returnUrl)}">Cancel and return to the shop</a>` : '') +
      '</div>' +
      '<p id="status" role="status" aria-live="polite"></p>',
    attributes,
  );
}

const messageOnly = (heading: string, text: string, returnUrl?: string) =>
  challengeHtml(
    `<p class="bank">Sandbox bank</p><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p>` +
      (returnUrl ? `<p><a class="cancel" id="return" href="${escapeHtml(returnUrl)}">Return to the shop</a></p>` : ''),
  );

const completeMessage: Omit<ChallengeCompleteMessage, 'paymentId'> = { protocol: 'moment-elements', kind: 'challenge-complete' };

/**
 * The page's script, served from this origin so the CSP needs no inline script. After the answer
 * it tells the card frame (its parent, same origin), or follows `return_url` in redirect mode.
 */
const CHALLENGE_SCRIPT = `const body = document.body;
const paymentId = body.dataset.paymentId;
const returnUrl = body.dataset.returnUrl;
const status = document.getElementById('status');
const buttons = Array.from(document.querySelectorAll('button[value]'));
const complete = ${JSON.stringify(completeMessage)};

async function answer(result) {
  for (const button of buttons) button.disabled = true;
  status.textContent = 'Checking with your bank…';
  try {
    const response = await fetch(${JSON.stringify(CHALLENGE_PATH)} + '/' + encodeURIComponent(paymentId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result }),
    });
    // 409: already answered (e.g. in another tab); the payment holds the outcome either way.
    if (!response.ok && response.status !== 409) throw new Error('HTTP ' + response.status);
    status.textContent = result === 'pass' ? 'Verified. Returning to your payment…' : 'Not verified. Returning to your payment…';
    if (returnUrl) {
      location.assign(returnUrl);
    } else if (window.parent !== window) {
      window.parent.postMessage({ ...complete, paymentId }, location.origin);
    } else {
      status.textContent += ' You can close this window.';
    }
  } catch {
    status.textContent = 'Something went wrong. Please try again.';
    for (const button of buttons) button.disabled = false;
  }
}

if (paymentId && status) {
  for (const button of buttons) button.addEventListener('click', () => answer(button.value));
}
`;

function pendingPayment(ctx: SandboxContext, c: Context): PaymentRecord {
  const payment = ctx.store.payment(c.req.param('paymentId') ?? '');
  if (!payment) throw notFound('No such payment.');
  return payment;
}

/** The simulated issuer: a challenge page per payment and the endpoint its buttons call. */
export function registerThreeDsRoutes(app: Hono, ctx: SandboxContext): void {
  app.get(CHALLENGE_SCRIPT_PATH, (c) =>
    c.body(CHALLENGE_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    }),
  );

  app.get(`${CHALLENGE_PATH}/:paymentId`, (c) => {
    const payment = ctx.store.payment(c.req.param('paymentId'));
    if (!payment) return framePage(c, messageOnly('Link not valid', 'This verification link is not valid.'), 404);
    const returnUrl = c.req.query('return_url');
    if (returnUrl !== undefined && !isHttpUrl(returnUrl)) {
      return framePage(c, messageOnly('Link not valid', 'return_url must be an http or https URL.'), 400);
    }
    const session = ctx.store.session(payment.sessionId);
    if (payment.status !== 'requires_action' || session?.status !== 'open') {
      return framePage(c, messageOnly('Nothing to verify', 'This payment needs no verification any more.', returnUrl));
    }
    return framePage(c, pendingPage(payment, formatAmount(session.amount, session.currency), returnUrl));
  });

  app.post(`${CHALLENGE_PATH}/:paymentId`, async (c) => {
    // A JSON content type forces a CORS preflight, so no other site can answer for the customer.
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiFailure(400, 'invalid_request_error', 'Send the answer as application/json.');
    }
    const payment = pendingPayment(ctx, c);
    const { result } = parseOrFail(ChallengeAnswerSchema, await readJsonObject(c));
    const session = ctx.store.session(payment.sessionId);
    if (!session) throw notFound('No payment session for this payment.');
    if (session.status === 'expired') {
      throw new ApiFailure(401, 'session_expired', 'This payment session has expired. Please start again.');
    }
    if (payment.status !== 'requires_action' || session.pendingChallengeId !== payment.id) {
      throw new ApiFailure(409, 'challenge_not_pending', 'This payment is not waiting for authentication.');
    }
    delete payment.challenge;
    if (result === 'pass') {
      payment.status = 'succeeded';
      payment.statusCode = 0;
      payment.authCode = authCode();
      payment.message = MESSAGES.succeeded;
    } else {
      payment.status = 'declined';
      payment.statusCode = 5;
      payment.message = MESSAGES.authenticationFailed;
    }
    settlePayment(ctx, session, payment);
    return c.json(paymentAttempt(payment));
  });
}
