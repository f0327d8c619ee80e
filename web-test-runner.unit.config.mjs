// `npm run test:unit`: the unit tier. The protocol (schemas, port, outcome mapping), the form
// rules, the frames' page code and the dictionaries, compiled from src on the fly in headless
// Chromium: no production build and no sandbox, so it gives an answer in well under a minute.
// The end-to-end tests against the real cross-origin frames stay in `npm test`.
import base from './web-test-runner.config.mjs';

export default {
  ...base,
  files: [
    'test/core/client-token.test.ts',
    'test/frame/*.test.ts',
    'test/i18n/dictionaries.test.ts',
    // These drive the real frames through the sandbox.
    '!test/frame/port-hardening.test.ts',
    '!test/frame/three-ds.test.ts',
    '!test/frame/escape.test.ts',
    '!test/frame/session-guard.test.ts',
    '!test/frame/visibility.test.ts',
    '!test/frame/visible-validation.test.ts',
    '!test/frame/wallet-sheet.test.ts',
    '!test/frame/hosted-checkout.test.ts',
  ],
  plugins: base.plugins.filter((plugin) => !['moment-sandbox', 'moment-hosted', 'moment-cdn'].includes(plugin.name)),
};
