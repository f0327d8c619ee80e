// web-test-runner plugin: test/cdn tests the real CDN bundles (rollup, minified) in dist/cdn. When
// they are older than the host-side sources, it rebuilds just them before the run (about 8 s), so
// no test runs against a stale bundle. A run whose files cannot include test/cdn skips that.
import { spawn } from 'node:child_process';
import { cdnIsStale } from '../../scripts/freshness.mjs';

const CDN_TEST = 'test/cdn/cdn-module.test.ts';

/**
 * Whether the test files named on the command line (`--files …` or positional) may include the
 * CDN test: no file named means the config's whole set; a glob may match it when its literal
 * start is a prefix of the CDN test's path.
 */
function mayRunCdnTest(argv = process.argv.slice(2)) {
  const named = argv.filter((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--config' && /[/\\]|\.(?:ts|js|mjs)$/.test(arg));
  const patterns = named.filter((arg) => !arg.startsWith('!')).map((arg) => arg.replace(/\\/g, '/').replace(/^\.\//, ''));
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => CDN_TEST.startsWith(pattern.split(/[*?{[]/)[0]));
}

/** Rollup runs in a process of its own: loaded into the test runner's, it kept it alive minutes after the run. */
const buildCdn = () =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/freshness.mjs', '--build-cdn'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`rebuilding dist/cdn failed (exit ${code})`))));
  });

export function cdnPlugin() {
  return {
    name: 'moment-cdn',
    async serverStart({ logger }) {
      if (!cdnIsStale()) return;
      const log = (line) => (logger ?? console).log(line);
      if (!mayRunCdnTest()) {
        log(`[moment-wtr] dist/cdn is older than src; not rebuilt, as this run does not include ${CDN_TEST}`);
        return;
      }
      log('[moment-wtr] dist/cdn is older than src: rebuilding the CDN bundles (rollup.config.mjs, CDN outputs only)…');
      const started = performance.now();
      await buildCdn();
      log(`[moment-wtr] rebuilt dist/cdn in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
  };
}
