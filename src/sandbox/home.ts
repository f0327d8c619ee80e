/**
 * The sandbox's home page (`GET /`): what this server is, where its API and frames are, the
 * test cards, and the demo's address when known. Plus a favicon, so no browser tab logs a 404.
 */
import type { Context, Hono } from 'hono';
import { FRAME_PATHS, FRAME_SESSION_PATH, HOSTED_CHECKOUT_PATH, PAYMENTS_PATH } from '../protocol/api.js';
import type { SandboxContext } from './context.js';
import { DEMO_SESSIONS_PATH } from './demo.js';
import { escapeHtml } from './html.js';

/** The test cards of SPEC §3, as the page shows them. */
export const TEST_CARD_ROWS: readonly (readonly [string, string])[] = [
  ['4242 4242 4242 4242', 'success, statusCode 0'],
  ['5555 5555 5555 4444', 'success (Mastercard)'],
  ['3782 822463 10005', 'success (Amex, 4-digit CVV)'],
  ['4000 0000 0000 0002', 'declined, statusCode 5'],
  ['4000 0000 0000 9995', 'declined, insufficient funds, statusCode 5'],
  ['4000 0000 0000 0127', 'referred, statusCode 4'],
  ['4000 0000 0000 3220', '3-D Secure challenge; pass → success, fail → declined'],
  ['4000 0000 0000 0119', 'provider error, statusCode 30'],
];

export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1b4fd6"/>' +
  '<path d="M8 23V9h3l5 7 5-7h3v14h-3v-9l-5 7-5-7v9z" fill="#fff"/></svg>';

const STYLE = `
:root { color-scheme: light dark; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #8884; vertical-align: top; }
td:first-child { white-space: nowrap; }
a { color: #1b4fd6; }
@media (prefers-color-scheme: dark) { a { color: #8fb0ff; } }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function homeHtml(ctx: SandboxContext): string {
  const origin = escapeHtml(ctx.origin);
  const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
  const frames = Object.values(FRAME_PATHS)
    .map((path) => `<li>${code(`${ctx.origin}${path}`)}</li>`)
    .join('');
  const cards = TEST_CARD_ROWS.map(([number, outcome]) => `<tr><td>${code(number)}</td><td>${escapeHtml(outcome)}</td></tr>`).join('');
  const demo = ctx.settings.demoUrl ? `<p>The demo shop: <a href="${escapeHtml(ctx.settings.demoUrl)}">${escapeHtml(ctx.settings.demoUrl)}</a></p>` : '';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<title>Moment sandbox</title>' +
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' +
    `<style>${STYLE}</style></head><body><main>` +
    '<h1>Moment sandbox</h1>' +
    '<p>A local stand-in for the Moment payments API: payment sessions, the secure frame pages, ' +
    'test cards, simulated 3-D Secure and signed webhooks, all in memory. No real payment is ever made.</p>' +
    demo +
    '<h2>API</h2>' +
    `<p>Base URL: ${code(ctx.origin)} — use any secret test key (${code('sk_test_…')}) as a Bearer token.</p>` +
    '<ul>' +
    `<li>${code('POST /collect/payment_sessions')} creates a session; ${code('GET /collect/payment_sessions/{id}')} reads it</li>` +
    `<li>${code(`POST ${DEMO_SESSIONS_PATH}`)} creates a test session from a web page with a publishable test key (${code('pk_test_…')})</li>` +
    `<li>${code(`POST ${PAYMENTS_PATH}`)}, ${code(`GET ${FRAME_SESSION_PATH}`)}: called by the frames with the client token</li>` +
    `<li>${code('POST /webhooks')} registers a webhook endpoint</li>` +
    '</ul>' +
    `<h2>Frames</h2><p>Served from this origin (${code(ctx.origin)}):</p><ul>${frames}</ul>` +
    `<p>Hosted checkout, to open top-level (a redirect, a new tab, a mobile WebView): a session's ${code('checkout_url')}, ` +
    `${code(`${ctx.origin}${HOSTED_CHECKOUT_PATH}/{session id}#token={client token}`)}.</p>` +
    '<h2>Test cards</h2>' +
    `<table><thead><tr><th scope="col">Card number</th><th scope="col">Outcome</th></tr></thead><tbody>${cards}</tbody></table>` +
    '<p>Any future expiry date, any CVV of the right length (4 digits for Amex), any name. Other valid numbers succeed.</p>' +
    `<p><small>Sandbox at ${origin}.</small></p>` +
    '</main></body></html>'
  );
}

export function registerHomeRoutes(app: Hono, ctx: SandboxContext): void {
  app.get('/', (c) =>
    c.body(homeHtml(ctx), 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    }),
  );
  const favicon = (c: Context) =>
    c.body(FAVICON_SVG, 200, {
      'content-type': 'image/svg+xml',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=86400',
    });
  app.get('/favicon.svg', favicon);
  // Browsers ask for /favicon.ico on their own; an SVG served with its type is shown too.
  app.get('/favicon.ico', favicon);
}
