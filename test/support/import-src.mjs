// Node tests that check a rule against its one definition in src: the TypeScript modules are
// bundled in memory by esbuild (as the frames and the sandbox bundle them) and imported.
import * as esbuild from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Imports what `lines` export, each an `export … from './src/….ts'` relative to the checkout,
 * bundled from source for Node.
 */
export async function importFromSrc(lines) {
  const result = await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}
