// The whole build: bundles (rollup), type declarations (tsc), SRI hashes of the CDN files.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync('dist', { recursive: true, force: true });
run('npx', ['rollup', '-c', '--silent']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
// Framework types (JSX, Vue, Svelte, editor data) from custom-elements.json, next to the declarations.
run('node', ['scripts/framework-types.mjs']);

// The stylesheet that reserves the elements' space before the script runs (no layout shift).
copyFileSync('src/moment-elements.css', 'dist/cdn/moment-elements.css');
copyFileSync('src/moment-elements.css', 'dist/npm/moment-elements.css');

const integrity = {};
for (const file of readdirSync('dist/cdn').filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
  integrity[file] = `sha384-${createHash('sha384')
    .update(readFileSync(`dist/cdn/${file}`))
    .digest('base64')}`;
}
writeFileSync('dist/cdn/integrity.json', `${JSON.stringify(integrity, null, 2)}\n`);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.build-stamp', new Date().toISOString());
console.log('  integrity dist/cdn/integrity.json');
