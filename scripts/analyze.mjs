// Generates custom-elements.json from the elements' JSDoc, with the modules in a stable order
// (the analyzer lists them in directory-read order, which differs between checkouts).
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

// The shells the elements extend are analysed with them, so that inherited members come out in each element.
const globs = ['src/elements/**/*.component.ts', 'src/core/moment-element.ts', 'src/core/framed-element.ts'];
const result = spawnSync('npx', ['cem', 'analyze', '--litelement', '--globs', ...globs, '--outdir', '.'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (result.status !== 0) process.exit(result.status ?? 1);

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);
