// Whether a build output is older than its sources: one test for `npm test` (the whole build,
// dist/.build-stamp) and for the browser tests (the CDN bundles in dist/cdn, rebuilt alone).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The newest modification time under `path` (a file or a directory), skipping paths `skip` names. */
export function newestMtime(path, skip = () => false) {
  if (skip(path) || !existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newestMtime(join(path, name), skip)), 0);
}

/** True when an output is missing or older than the newest of the inputs. */
export function isStale(outputs, inputs, skip = () => false) {
  if (!outputs.every((file) => existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return Math.max(...inputs.map((input) => newestMtime(input, skip))) > built;
}

/** The whole build (`npm run build` writes the stamp last). */
export const buildIsStale = () => isStale(['dist/.build-stamp'], ['src', 'rollup.config.mjs', 'scripts/build.mjs']);

export const CDN_OUTPUTS = ['dist/cdn/moment-elements.js', 'dist/cdn/moment.js'];

/**
 * The CDN bundles hold the host side only: the realm boundaries (eslint) keep the frames, the
 * sandbox and the test kit out of them, so a change there leaves them fresh.
 */
const notInCdn = (path) => /^src[\\/](frame|sandbox|testing)([\\/]|$)/.test(path);
export const cdnIsStale = () => isStale(CDN_OUTPUTS, ['src', 'rollup.config.mjs'], notInCdn);

/** Rebuilds only dist/cdn's bundles with rollup.config.mjs's own configurations (no delete of dist/). */
export async function buildCdn() {
  const { rollup } = await import('rollup');
  const { default: configs } = await import(pathToFileURL('rollup.config.mjs').href);
  const cdn = configs.filter((config) => CDN_OUTPUTS.includes(config.output?.file));
  if (cdn.length !== CDN_OUTPUTS.length) throw new Error(`rollup.config.mjs no longer builds ${CDN_OUTPUTS.join(' and ')}.`);
  await Promise.all(
    cdn.map(async (config) => {
      const bundle = await rollup(config);
      await bundle.write(config.output);
      await bundle.close();
    }),
  );
  // Keep the SRI hashes (written by scripts/build.mjs) in step with the rebuilt files.
  const integrityFile = 'dist/cdn/integrity.json';
  if (existsSync(integrityFile)) {
    const integrity = JSON.parse(readFileSync(integrityFile, 'utf8'));
    for (const file of CDN_OUTPUTS) integrity[file.slice('dist/cdn/'.length)] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
    writeFileSync(integrityFile, `${JSON.stringify(integrity, null, 2)}\n`);
  }
}

// `node scripts/freshness.mjs --build-cdn`: the same, in a process of its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--build-cdn')) await buildCdn();
