/// <reference types="node" />
import { readFile, stat } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { HOSTED_CHECKOUT_PATH } from '../protocol/api.js';
import type { SandboxContext } from './context.js';
import { errorBody } from './errors.js';
import type { SessionRecord } from './store.js';
import { escapeHtml } from './html.js';
import { registerFramesHealth } from './faults.js';
import { requireSecretKey } from './auth.js';
import { parseOrFail, readJsonObject } from './request.js';
import { fields, worded } from './schema.js';
import { EmulationSchema as EmulationRequestSchema } from '../protocol/faults.js';

/**
 * The frames' Content-Security-Policy: scripts only from this origin, fonts and font stylesheets
 * only from the allowlisted hosts. No framing restriction here: a page for a session created
 * with `allowed_origins` adds `frame-ancestors` with them (see `frameAncestors`).
 */
export const FRAME_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com https://fonts.bunny.net https://use.typekit.net",
  "font-src 'self' https://fonts.gstatic.com https://fonts.bunny.net https://use.typekit.net",
  "connect-src 'self'",
  "frame-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Headers of every HTML page the frames origin serves (frames, 3-D Secure challenge). */
export const FRAME_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': FRAME_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The `frame-ancestors` directive for a session's pages, or undefined for today's behaviour
 * (no session, or one created without `allowed_origins`). `self` adds the frames origin, for
 * pages framed by another frame (the in-frame 3-D Secure challenge).
 */
export function frameAncestors(session: SessionRecord | undefined, self = false): string | undefined {
  if (!session?.allowedOrigins) return undefined;
  return ['frame-ancestors', ...(self ? ["'self'"] : []), ...session.allowedOrigins].join(' ');
}

/**
 * `frame-ancestors` of a page that is only ever the top window (the hosted checkout, the deep-link
 * return page): nobody may frame it, so it cannot be clickjacked. The framed pages keep their rules.
 */
export const TOP_LEVEL_ONLY = "frame-ancestors 'none'";

export function framePage(c: Context, html: string, status: 200 | 400 | 404 | 409 = 200, ancestors?: string): Response {
  if (ancestors === undefined) return c.body(html, status, FRAME_PAGE_HEADERS);
  return c.body(html, status, {
    ...FRAME_PAGE_HEADERS,
    'content-security-policy': `${FRAME_CSP}; ${ancestors}`,
    // For browsers without CSP frame-ancestors.
    ...(ancestors === TOP_LEVEL_ONLY && { 'x-frame-options': 'DENY' }),
  });
}

const SESSION_ID = /^ps_[A-Za-z0-9]{1,64}$/;

/** The session a frame page's `?session=` names, if any. */
function sessionOfQuery(c: Context, ctx: SandboxContext): SessionRecord | undefined {
  const id = c.req.query('session');
  return id !== undefined && SESSION_ID.test(id) ? ctx.store.session(id) : undefined;
}

const FRAME_TITLES = {
  card: 'Secure card payment',
  wallet: 'Secure wallet payment',
  checkout: 'Secure checkout',
} as const;
type FrameKind = keyof typeof FRAME_TITLES;
const isFrameKind = (kind: string): kind is FrameKind => Object.hasOwn(FRAME_TITLES, kind);

/** Files the frames may load: built bundles and their source maps, nothing with a path in it. */
const ASSET_NAME = /^[A-Za-z0-9_-]+\.js(?:\.map)?$/;
const MAX_DELAY_MS = 10_000;
const bundlePath = (kind: FrameKind) => `/frames/assets/${kind}.js`;

/**
 * The page of a frame. For a session it also carries the session's id and `allowed_origins`, so
 * the frame checks who hosts it without a request of its own (its `GET /v1/session` answers the
 * same; this page is the frames origin's own, never cached).
 */
/**
 * Test hook: browser engines the frames run in, emulated in the one the tests drive. With
 * `visibility_tracking: false` each frame page first removes IntersectionObserver v2
 * (`isVisible`), as in Firefox and WebKit, so the clickjacking guard takes the path those engines
 * take (the host's check at each click).
 */
const emulations = new WeakMap<SandboxContext, { visibilityTracking: boolean }>();
/** Body of `POST /test/emulation` (the protocol's `EmulationSchema`), worded. */
const EmulationSchema = worded(EmulationRequestSchema, fields(EmulationRequestSchema, { visibility_tracking: 'must be true or false' }));
const WITHOUT_VISIBILITY_TRACKING = '/test/emulation/without-visibility-tracking.js';

function pageHtml(title: string, script?: string, session?: SessionRecord, body = '', ctx?: SandboxContext): string {
  const about = session ? JSON.stringify({ id: session.id, allowed_origins: session.allowedOrigins }) : undefined;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    (about ? `<meta name="moment-session" content="${escapeHtml(about)}">` : '') +
    `<title>${title}</title>` +
    (script && ctx && emulations.get(ctx)?.visibilityTracking === false ? `<script type="module" src="${WITHOUT_VISIBILITY_TRACKING}"></script>` : '') +
    (script ? `<script type="module" src="${script}"></script>` : '') +
    `</head><body>${body}</body></html>`
  );
}

const MESSAGE_STYLE =
  ':root{color-scheme:light;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2330}' +
  'body{margin:0}main{max-width:26rem;margin:0 auto;padding:2rem 1.25rem}h1{font-size:1.3rem;margin:0 0 .5rem}p{margin:0 0 .75rem}';

/** A page that only says something (no script): for a top-level visitor, never a blank page. */
export function messageHtml(title: string, heading: string, text: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${MESSAGE_STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></main></body></html>`
  );
}

/** The session a hosted checkout URL names, if it exists. */
function sessionOfPath(ctx: SandboxContext, id: string): SessionRecord | undefined {
  return SESSION_ID.test(id) ? ctx.store.session(id) : undefined;
}

async function isFile(url: URL): Promise<boolean> {
  try {
    return (await stat(url)).isFile();
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Frame pages, their bundles, the test font and the test hooks for load failures. */
export function registerFramePages(app: Hono, ctx: SandboxContext): void {
  app.get('/frames/assets/:file', async (c) => {
    const file = c.req.param('file');
    const url = ASSET_NAME.test(file) ? new URL(file, ctx.settings.framesDir) : undefined;
    if (!url || !(await isFile(url))) return c.json(errorBody('not_found', 'No such frame asset.'), 404);
    const body = await readFile(url);
    return c.body(body, 200, {
      'content-type': file.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      // Bundles are rebuilt in place during development; always revalidate.
      'cache-control': 'no-cache',
    });
  });

  // Before `/frames/:kind`, which would take `health` for a frame's name.
  registerFramesHealth(app);

  app.get('/frames/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isFrameKind(kind)) return c.json(errorBody('not_found', `No frame named '${kind}'.`), 404);
    if (!(await isFile(new URL(`${kind}.js`, ctx.settings.framesDir)))) {
      return c.json(errorBody('not_found', `The ${kind} frame bundle is not built (run \`npx rollup -c\`).`), 404);
    }
    // Test hook: a slow frames origin, to exercise the elements' load timeout.
    const delay = Number(c.req.query('delay'));
    if (Number.isFinite(delay) && delay > 0) await sleep(Math.min(delay, MAX_DELAY_MS));
    const session = sessionOfQuery(c, ctx);
    return framePage(c, pageHtml(FRAME_TITLES[kind], bundlePath(kind), session, '', ctx), 200, frameAncestors(session));
  });

  /**
   * The hosted checkout (`checkout_url`): the checkout frame's page and bundle, opened as the top
   * window (a redirect, a new tab, a mobile WebView). The client token is in the URL's fragment,
   * which the page reads and the server never sees. Never framed (`frame-ancestors 'none'`); no
   * navigation directive, so the page may go to the session's success_url or cancel_url, an app's
   * deep link included. An unknown session is a 404 page that says so, with no script to load.
   */
  app.get(`${HOSTED_CHECKOUT_PATH}/:sessionId`, async (c) => {
    const session = sessionOfPath(ctx, c.req.param('sessionId'));
    if (!session) {
      return framePage(
        c,
        messageHtml('Payment link not valid', 'This payment link is not valid', 'Check the link you were given, or ask the shop for a new one.'),
        404,
        TOP_LEVEL_ONLY,
      );
    }
    if (!(await isFile(new URL('checkout.js', ctx.settings.framesDir)))) {
      return framePage(
        c,
        messageHtml(FRAME_TITLES.checkout, 'The checkout is not built', 'Build the frames (npx rollup -c) and reload this page.'),
        404,
        TOP_LEVEL_ONLY,
      );
    }
    const noscript = '<noscript><p>This secure checkout needs JavaScript. Turn it on and reload the page.</p></noscript>';
    return framePage(c, pageHtml(FRAME_TITLES.checkout, bundlePath('checkout'), session, noscript), 200, TOP_LEVEL_ONLY);
  });

  app.post('/test/emulation', async (c) => {
    requireSecretKey(c);
    const { visibility_tracking } = parseOrFail(EmulationSchema, await readJsonObject(c));
    emulations.set(ctx, { visibilityTracking: visibility_tracking });
    return c.json({ visibility_tracking });
  });
  app.get(WITHOUT_VISIBILITY_TRACKING, (c) =>
    c.body('delete IntersectionObserverEntry.prototype.isVisible;\n', 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    }),
  );

  // Test hook: a frame that loads but never says hello.
  app.get('/test/slow-frame', (c) => framePage(c, pageHtml(FRAME_TITLES.card), 200, frameAncestors(sessionOfQuery(c, ctx))));

  // A font stylesheet on the frames origin, so tests can pass a `fontCss` that the policy allows.
  app.get('/fonts/test.css', (c) =>
    c.body("@font-face { font-family: 'Moment Test'; src: local('DejaVu Sans'), local('Arial'); }\n", 200, {
      'content-type': 'text/css; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    }),
  );
}
