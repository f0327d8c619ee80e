// Generates custom-elements.json from the elements' JSDoc, with the modules in a stable order
// (the analyzer lists them in directory-read order, which differs between checkouts).
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/elements/**/*.component.ts', '--outdir', '.'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (result.status !== 0) process.exit(result.status ?? 1);

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);
