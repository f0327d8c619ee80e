// The cross-engine tier: the tests of what a shopper does and what keeps them safe, in the
// engines other than Chromium (which runs the whole suite in `npm test`). `npm run test:engines`
// runs it (scripts/test-engines.mjs), with the same plugins and sandbox as the Chromium suite.
//
// Firefox: Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (wtr's Chrome
// launcher takes another browser through its `puppeteer` option). WebKit is not run here yet: the
// tests act inside the cross-origin frames through puppeteer's frame API, which WebKitGTK's
// driver (WebDriver classic) does not offer; scripts/test-engines.mjs says so on every run.
import * as puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import base from './web-test-runner.config.mjs';

/** Payment, validation, 3-D Secure, the checkout modal and Escape, the wallet sheet, layout, never-silent, security framing. */
export const CROSS_ENGINE_FILES = [
  'test/card-component/payment.test.ts',
  'test/card-component/events.test.ts',
  'test/card-component/never-silent.test.ts',
  'test/card-component/security.test.ts',
  'test/card-component/a11y-form.test.ts',
  'test/card-component/loading.test.ts',
  'test/card-component/unionpay.test.ts',
  'test/wallet-button/payment.test.ts',
  'test/wallet-button/availability.test.ts',
  'test/wallet-button/second-click.test.ts',
  'test/wallet-button/a11y.test.ts',
  'test/moment-checkout/modal-inline.test.ts',
  'test/moment-checkout/outcomes.test.ts',
  'test/layout/*.test.ts',
  'test/security/framing.test.ts',
  'test/security/clickjacking-host.test.ts',
  'test/security/containment.test.ts',
  'test/security/injection.test.ts',
  'test/core/visibility.test.ts',
];

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export default {
  ...base,
  files: CROSS_ENGINE_FILES,
  browsers: [chromeLauncher({ puppeteer, launchOptions: { browser: 'firefox', executablePath: firefox, headless: true } })],
};
