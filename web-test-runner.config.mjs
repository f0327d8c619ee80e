// Browser tests in headless Chromium. The test page is served on http://localhost:PORT; the local
// sandbox (started here) serves the frames on http://127.0.0.1:PORT, a different origin.
// Everything is served from src: the host code through esbuildPlugin, the sandbox and the frames
// built from src by esbuild when the server starts (test/support/src-build.mjs). Only test/cdn
// loads a build: the CDN bundles in dist/cdn, rebuilt first when src is newer (cdn-plugin.mjs).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';
import { sandboxPlugin } from './test/support/sandbox-plugin.mjs';
import { hostedPlugin } from './test/support/hosted-plugin.mjs';
import { cdnPlugin } from './test/support/cdn-plugin.mjs';
import { reactEsm } from './test/react/react-esm.mjs';

/** Serves credit-card-type (CommonJS: its brand table, and the whole package for a comparison) as ES modules for the frame's unit tests. */
function creditCardTypeEsm() {
  const cached = {};
  return {
    name: 'credit-card-type-esm',
    async serve(context) {
      const file = /\/node_modules\/credit-card-type\/dist\/(index|lib\/card-types)\.js$/.exec(context.path)?.[0];
      if (!file) return undefined;
      cached[file] ??= build({ entryPoints: [file.slice(1)], bundle: true, format: 'esm', write: false, logLevel: 'silent' }).then(
        (result) => result.outputFiles[0].text,
      );
      return { body: await cached[file], type: 'js' };
    },
  };
}
const profile = mkdtempSync(join(tmpdir(), 'moment-wtr-'));
process.env.XDG_CONFIG_HOME ??= join(profile, 'config');
process.env.XDG_CACHE_HOME ??= join(profile, 'cache');

const executablePath = findChrome();
if (!executablePath) throw new Error('No Chrome/Chromium found: run `npm test` (it installs or explains), or set CHROME_PATH.');

const chromeArgs = ['--headless=new', ...CHROME_ARGS];

export default {
  files: ['test/**/*.test.ts', '!test/sandbox/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  hostname: 'localhost',
  // Keyboard and focus tests need the one focused page: files run one after another.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromeArgs } })],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
    creditCardTypeEsm(),
    reactEsm(),
    sandboxPlugin(),
    hostedPlugin(),
    cdnPlugin(),
  ],
};
