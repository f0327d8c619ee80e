import { formatMoney } from '../protocol/money.js';
import { ChallengeAnswerSchema as ChallengeAnswerRequestSchema } from '../protocol/requests.js';
import { fields, worded } from './schema.js';
import type { Context, Hono } from 'hono';
import type { ChallengeCompleteMessage, ChallengeOutcome } from '../protocol/api.js';
import type { SandboxContext } from './context.js';
import { ApiFailure, notFound } from './errors.js';
import { TOP_LEVEL_ONLY, frameAncestors, framePage } from './frame-pages.js';
import { escapeHtml } from './html.js';
import { authCode } from './ids.js';
import { parseOrFail, readJsonObject } from './request.js';
import { paymentAttempt, settlePayment } from './settlement.js';
import type { PaymentRecord, SessionRecord } from './store.js';
import { MESSAGES } from './test-cards.js';

export const CHALLENGE_PATH = '/3ds/challenge';
const CHALLENGE_SCRIPT_PATH = '/3ds/challenge.js';
/** The page that hands the customer back to an app's deep link after the bank page (redirect mode). */
export const CHALLENGE_RETURN_PATH = '/3ds/return';
const RETURN_SCRIPT_PATH = '/3ds/return.js';

export const challengeUrl = (ctx: SandboxContext, paymentId: string): string => `${ctx.origin}${CHALLENGE_PATH}/${paymentId}`;

/** `cancel` is the customer leaving the bank page: its own outcome, not a decline. */
const ChallengeAnswerSchema = worded(ChallengeAnswerRequestSchema, fields(ChallengeAnswerRequestSchema, { result: "must be 'pass', 'fail' or 'cancel'" }));

export type { ChallengeOutcome };

/**
 * What the page posts to its parent (the card or checkout frame, same origin) once answered:
 * the protocol's `challenge-complete` plus `outcome` (absent when the page could not tell, e.g.
 * the challenge had already been answered elsewhere; the frame then reads the payment).
 */
export type ChallengeResultMessage = ChallengeCompleteMessage & { outcome?: ChallengeOutcome };

/** Minor units to a display amount, e.g. 1234 GBP → £12.34. */
export const formatAmount = (amount: number, currency: string): string => formatMoney(amount, currency, 'en-GB');

/**
 * Compact enough to fit the smallest challenge window the frames open without scrolling (size 01,
 * 250×400, a 248×398 page inside the frame's border) and every other size, also when the frame is
 * narrower than the window (a 320 px phone): whole-pixel line heights, Pass and Fail side by side
 * (stacked, with smaller type, below 300 px), the Cancel link always in view. Roomier where the
 * window is large (full page on a desktop). test/layout/fit.test.ts measures each size.
 */
const STYLE = `
:root { color-scheme: light; font: 15px/20px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2330; }
html, body { margin: 0; background: #fff; }
main { box-sizing: border-box; max-width: 24rem; margin: 0 auto; padding: 12px; overflow-wrap: break-word; }
.bank { margin: 0 0 4px; font-size: 12px; line-height: 16px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: #4a5160; }
h1 { margin: 0 0 6px; font-size: 19px; line-height: 24px; }
p { margin: 0 0 8px; }
.amount { font-weight: 700; }
.note { font-size: 13px; line-height: 17px; color: #4a5160; }
.actions { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-top: 12px; }
button { min-height: 44px; font: inherit; font-weight: 600; line-height: 18px; padding: 6px 8px; border-radius: 8px; border: 2px solid #1b4fd6; cursor: pointer; }
button.pass { background: #1b4fd6; color: #fff; }
button.fail { background: #fff; color: #1b4fd6; }
button:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
button:disabled { opacity: .6; cursor: progress; }
a.cancel, button.cancel { justify-self: center; grid-column: 1 / -1; min-height: 0; padding: 6px; color: #1b4fd6; font-weight: 600; background: none; border: 0; text-decoration: underline; }
a.cancel:focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
[role="status"] { min-height: 20px; margin: 4px 0 0; }
@media (max-width: 299px) {
  :root { font-size: 14px; line-height: 19px; }
  main { padding: 10px 12px; }
  h1 { font-size: 18px; line-height: 22px; }
  .note { font-size: 12px; line-height: 16px; }
  [role="status"] { min-height: 19px; }
  .actions { grid-template-columns: 1fr; margin-top: 10px; }
  button { min-height: 40px; }
}
@media (min-width: 420px) and (min-height: 560px) {
  :root { font-size: 16px; line-height: 22px; }
  main { padding: 24px 20px; }
  .bank { margin-bottom: 10px; }
  h1 { margin-bottom: 8px; font-size: 21px; line-height: 28px; }
  p { margin-bottom: 12px; }
  .actions { margin-top: 16px; gap: 10px; }
  button { padding: 10px 12px; }
}
`;

function challengeHtml(body: string, attributes = '', script = CHALLENGE_SCRIPT_PATH, title = "Verify it's you — Sandbox bank"): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${title}</title>` +
    `<style>${STYLE}</style>` +
    `<script type="module" src="${script}"></script>` +
    `</head><body${attributes}><main>${body}</main></body></html>`
  );
}

/** True for a web return URL (https, or http on loopback); anything else is an app's deep link. */
const isWebUrl = (url: string) => /^https?:/i.test(url);

/**
 * Where the page goes after the answer, for one of the session's return URLs: a web URL itself
 * (`location.assign`), an app deep link by way of the return page, because a WebView may not
 * follow a script's jump to a custom scheme; that page also gives the customer a link to tap.
 */
const afterAnswer = (url: string, payment: PaymentRecord) => (isWebUrl(url) ? url : `${CHALLENGE_RETURN_PATH}/${payment.id}`);

/**
 * The return targets in redirect mode (the page is the top window): only ever the session's own
 * `success_url` and `cancel_url` (where a customer who cancels goes back), never anything from
 * the request, so the page cannot be an open redirect.
 */
const returnAttribute = (session: SessionRecord | undefined, payment: PaymentRecord) =>
  (session?.successUrl ? ` data-success-url="${escapeHtml(afterAnswer(session.successUrl, payment))}"` : '') +
  (session?.cancelUrl ? ` data-cancel-url="${escapeHtml(afterAnswer(session.cancelUrl, payment))}"` : '');

/** "Return to the shop" for a web return URL, "Return to the app" for a deep link. */
const returnLink = (url: string) => `<a class="cancel" id="return" href="${escapeHtml(url)}" target="_top">Return to the ${isWebUrl(url) ? 'shop' : 'app'}</a>`;

function pendingPage(payment: PaymentRecord, session: SessionRecord, amount: string): string {
  return challengeHtml(
    '<p class="bank">Sandbox bank</p>' +
      "<h1>Verify it's you</h1>" +
      `<p>Confirm your payment of <span class="amount">${escapeHtml(amount)}</span> ` +
      `with the card ending ${escapeHtml(payment.last4)}.</p>` +
      '<p class="note">This is a simulated 3-D Secure check: no real bank is contacted. Choose the result you want to test.</p>' +
      // The buttons start disabled and the page's script enables them once it listens: a click
      // before then would do nothing and leave the customer waiting.
      '<div class="actions">' +
      '<button type="button" class="pass" id="pass" value="pass" disabled>Pass authentication</button>' +
      '<button type="button" class="fail" id="fail" value="fail" disabled>Fail authentication</button>' +
      // Leaving is an answer too: recorded as cancelled, and the customer may try again.
      '<button type="button" class="cancel" id="cancel" value="cancel" disabled>Cancel and return to the shop</button>' +
      '</div>' +
      '<p id="status" role="status" aria-live="polite"></p>',
    ` data-payment-id="${escapeHtml(payment.id)}"${returnAttribute(session, payment)}`,
  );
}

const messageOnly = (heading: string, text: string, session?: SessionRecord, extra = '') =>
  challengeHtml(
    `<p class="bank">Sandbox bank</p><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p>` +
      (session?.successUrl ? `<p>${returnLink(session.successUrl)}</p>` : '') +
      extra,
  );

const RETURN_HEADINGS: Record<ChallengeOutcome, string> = {
  succeeded: 'Verified',
  declined: 'Not verified',
  cancelled: 'Cancelled',
};

/**
 * The deep-link return page: says how the bank page ended and links to the app (`target`, the
 * session's own URL); its script then replaces the page with that link's address. The link
 * stays for a WebView that ignores a scripted jump to a custom scheme: the customer taps it.
 */
function returnPage(outcome: ChallengeOutcome, target: string): string {
  const where = isWebUrl(target) ? 'shop' : 'app';
  return challengeHtml(
    `<p class="bank">Sandbox bank</p><h1>${RETURN_HEADINGS[outcome]}</h1>` +
      `<p id="status" role="status" aria-live="polite">Returning you to the ${where}… If nothing happens, tap the button below.</p>` +
      `<p>${returnLink(target)}</p>`,
    '',
    RETURN_SCRIPT_PATH,
    `Returning to the ${where} — Sandbox bank`,
  );
}

/** The return page's script: go to the link's address at once, without a history entry. */
const RETURN_SCRIPT = `const link = document.getElementById('return');
const target = link && link.getAttribute('href');
if (target) location.replace(target);
`;

const completeMessage: Omit<ChallengeCompleteMessage, 'paymentId'> = { protocol: 'moment-elements', kind: 'challenge-complete' };

/**
 * The page's script, served from this origin so the CSP needs no inline script. After the answer
 * it tells the frame that shows it (its parent, same origin) with the outcome, or, as the top
 * window (redirect mode), goes to the session's success_url (its cancel_url after Cancel, when set).
 */
const CHALLENGE_SCRIPT = `const body = document.body;
const paymentId = body.dataset.paymentId;
const successUrl = body.dataset.successUrl;
const cancelUrl = body.dataset.cancelUrl;
const status = document.getElementById('status');
const buttons = Array.from(document.querySelectorAll('button[value]'));
const complete = ${JSON.stringify(completeMessage)};
const framed = window.parent !== window;
const DONE = {
  pass: 'Verified. Returning to your payment…',
  fail: 'Not verified. Returning to your payment…',
  cancel: 'Cancelled. Returning to the shop…',
};

async function answer(result) {
  for (const button of buttons) button.disabled = true;
  status.textContent = result === 'cancel' ? 'Cancelling…' : 'Checking with your bank…';
  try {
    const response = await fetch(${JSON.stringify(CHALLENGE_PATH)} + '/' + encodeURIComponent(paymentId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result }),
    });
    // 409: already answered (e.g. in another tab); the payment holds the outcome either way.
    if (!response.ok && response.status !== 409) throw new Error('HTTP ' + response.status);
    const answered = response.ok ? await response.json() : undefined;
    status.textContent = DONE[result];
    if (framed) {
      const message = { ...complete, paymentId };
      if (answered && typeof answered.outcome === 'string') message.outcome = answered.outcome;
      window.parent.postMessage(message, location.origin);
    } else if (result === 'cancel' && cancelUrl) {
      location.assign(cancelUrl);
    } else if (successUrl) {
      location.assign(successUrl);
    } else {
      status.textContent += ' You can close this window.';
    }
  } catch {
    status.textContent = 'Something went wrong. Please try again.';
    for (const button of buttons) button.disabled = false;
  }
}

if (paymentId && status) {
  for (const button of buttons) {
    button.addEventListener('click', () => answer(button.value));
    button.disabled = false;
  }
}
`;

function pendingPayment(ctx: SandboxContext, c: Context): PaymentRecord {
  const payment = ctx.store.payment(c.req.param('paymentId') ?? '');
  if (!payment) throw notFound('No such payment.');
  return payment;
}

/** The simulated issuer: a challenge page per payment and the endpoint its buttons call. */
export function registerThreeDsRoutes(app: Hono, ctx: SandboxContext): void {
  const script = (source: string) => (c: Context) =>
    c.body(source, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  app.get(CHALLENGE_SCRIPT_PATH, script(CHALLENGE_SCRIPT));
  app.get(RETURN_SCRIPT_PATH, script(RETURN_SCRIPT));

  /**
   * After the bank page (redirect mode, top window): back to the session's own return URL for
   * how the customer answered — `cancel_url` (or `success_url`) after Cancel, `success_url`
   * otherwise. Only ever the top window, and nothing from the request chooses the target.
   */
  app.get(`${CHALLENGE_RETURN_PATH}/:paymentId`, (c) => {
    const payment = ctx.store.payment(c.req.param('paymentId'));
    const session = payment && ctx.store.session(payment.sessionId);
    if (!payment || !session) return framePage(c, messageOnly('Link not valid', 'This return link is not valid.'), 404, TOP_LEVEL_ONLY);
    const outcome = payment.challengeOutcome;
    if (outcome === undefined) {
      // Not answered here: back to the bank page while it waits, else as the bank page says it.
      if (payment.status === 'requires_action') {
        const verify = `<p><a class="cancel" href="${escapeHtml(challengeUrl(ctx, payment.id))}">Verify the payment</a></p>`;
        return framePage(c, messageOnly('Not verified yet', 'This payment is still waiting for you to verify it.', undefined, verify), 409, TOP_LEVEL_ONLY);
      }
      return framePage(c, messageOnly('Nothing to verify', 'This payment needs no verification any more.', session), 200, TOP_LEVEL_ONLY);
    }
    const target = (outcome === 'cancelled' ? session.cancelUrl : null) ?? session.successUrl;
    if (!target) return framePage(c, messageOnly(RETURN_HEADINGS[outcome], 'You can close this window.'), 200, TOP_LEVEL_ONLY);
    return framePage(c, returnPage(outcome, target), 200, TOP_LEVEL_ONLY);
  });

  // Query parameters (a `return_url` included) are ignored: where the page returns to is the session's.
  app.get(`${CHALLENGE_PATH}/:paymentId`, (c) => {
    const payment = ctx.store.payment(c.req.param('paymentId'));
    if (!payment) return framePage(c, messageOnly('Link not valid', 'This verification link is not valid.'), 404);
    const session = ctx.store.session(payment.sessionId);
    // Framed in-frame by the card or checkout frame (this origin) inside the merchant's page.
    const ancestors = frameAncestors(session, true);
    if (payment.status !== 'requires_action' || session?.status !== 'open') {
      return framePage(c, messageOnly('Nothing to verify', 'This payment needs no verification any more.', session), 200, ancestors);
    }
    return framePage(c, pendingPage(payment, session, formatAmount(session.amount, session.currency)), 200, ancestors);
  });

  app.post(`${CHALLENGE_PATH}/:paymentId`, async (c) => {
    // A JSON content type forces a CORS preflight, so no other site can answer for the customer.
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiFailure(400, 'invalid_request_error', 'Send the answer as application/json.');
    }
    const body = await readJsonObject(c);
    const payment = pendingPayment(ctx, c);
    const { result } = parseOrFail(ChallengeAnswerSchema, body);
    const session = ctx.store.session(payment.sessionId);
    if (!session) throw notFound('No payment session for this payment.');
    if (session.status === 'expired') {
      throw new ApiFailure(401, 'session_expired', 'This payment session has expired. Please start again.');
    }
    if (payment.status !== 'requires_action' || session.pendingChallengeId !== payment.id) {
      throw new ApiFailure(409, 'challenge_not_pending', 'This payment is not waiting for authentication.');
    }
    delete payment.challenge;
    delete payment.challengeExpiresAt;
    let outcome: ChallengeOutcome;
    if (result === 'pass') {
      payment.status = 'succeeded';
      payment.statusCode = 0;
      payment.authCode = authCode();
      payment.message = MESSAGES.succeeded;
      outcome = 'succeeded';
    } else {
      // A cancelled challenge is not a decline for the customer (the session stays open for
      // another try) but it is a failed attempt for the limit: otherwise cancelling would be a
      // free way to test cards.
      payment.status = 'declined';
      payment.statusCode = 5;
      payment.message = result === 'fail' ? MESSAGES.authenticationFailed : MESSAGES.authenticationCancelled;
      outcome = result === 'fail' ? 'declined' : 'cancelled';
    }
    payment.challengeOutcome = outcome;
    settlePayment(ctx, session, payment, outcome);
    return c.json({ ...paymentAttempt(payment, session), outcome });
  });
}
