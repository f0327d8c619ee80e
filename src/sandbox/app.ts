import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SandboxContext } from './context.js';
import { ApiFailure, errorBody } from './errors.js';
import { registerDemoRoutes } from './demo.js';
import { faultMiddleware, registerFaultRoutes, wasDropped } from './faults.js';
import { registerFramePages } from './frame-pages.js';
import { registerHomeRoutes } from './home.js';
import { isAllowedHost } from './hosts.js';
import { registerPaymentRoutes } from './payments.js';
import { registerSessionRoutes } from './sessions.js';
import { registerThreeDsRoutes } from './three-ds.js';
import { registerWebhookRoutes } from './webhooks.js';
import { registerWalletRoutes } from './wallet.js';

export const MAX_BODY_BYTES = 64 * 1024;
/** API versions the provider's documentation names (the `Version` request header). */
export const API_VERSIONS: readonly string[] = ['2024-02-05', '2026-02-27'];

/** The sandbox's HTTP surface: merchant API, frames API, frame pages, 3-D Secure, test hooks. */
export function createApp(ctx: SandboxContext): Hono {
  const app = new Hono();

  // One line per request: method, path and status only — never a header, query or body.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    ctx.log(`${c.req.method} ${c.req.path} ${wasDropped(c) ? 'dropped' : c.res.status} ${Math.round(performance.now() - started)}ms`);
  });

  // DNS rebinding: answer only requests addressed to a loopback name or a configured host.
  app.use('*', async (c, next) => {
    if (!isAllowedHost(c.req.header('host'), ctx.settings.allowedHosts)) {
      return c.json(
        errorBody('misdirected_request', 'This sandbox answers only requests for localhost, 127.0.0.1, [::1] or its configured public origin.'),
        421,
      );
    }
    return next();
  });

  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('application/json')) {
      c.res.headers.set('cache-control', 'no-store');
      c.res.headers.set('x-content-type-options', 'nosniff');
    }
  });

  // Test faults (`POST /test/faults`): before anything reads the body, so a request a fault holds,
  // drops or answers is never processed.
  app.use('*', faultMiddleware(ctx));

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('request_too_large', `The request body must be at most ${MAX_BODY_BYTES / 1024} KB.`), 413),
  });
  // A request with neither header has no body (RFC 9112 §6.3). Measuring one anyway (a DELETE)
  // makes the middleware rebuild node-server's request object, which throws: every DELETE was a 500.
  app.use('*', (c, next) => (c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined ? next() : limitBody(c, next)));

  // The API version header of the provider's documentation: the sandbox speaks every documented
  // version the same way; an undocumented one is refused by name rather than answered as if known.
  app.use('*', async (c, next) => {
    const version = c.req.header('version');
    if (version !== undefined && !API_VERSIONS.includes(version.trim())) {
      throw new ApiFailure(
        400,
        'invalid_request_error',
        `The Version header '${version.slice(0, 40)}' is not a known API version: send ${API_VERSIONS.join(' or ')}, or leave it out.`,
        'Version',
      );
    }
    return next();
  });

  registerHomeRoutes(app, ctx);
  registerDemoRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerPaymentRoutes(app, ctx);
  registerThreeDsRoutes(app, ctx);
  registerFramePages(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerWalletRoutes(app, ctx);
  registerFaultRoutes(app, ctx);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

  app.onError((error, c) => {
    if (error instanceof ApiFailure) return c.json(error.toJSON(), error.status);
    // The name and where, not the message: a message may quote the request (a card number).
    const where =
      error.stack
        ?.split('\n')
        .find((line) => line.trimStart().startsWith('at '))
        ?.trim() ?? '';
    ctx.log(`error ${c.req.method} ${c.req.path}: ${error.name} ${where}`);
    return c.json(errorBody('api_error', 'Something went wrong in the sandbox.'), 500);
  });

  return app;
}
