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
// Internal reactive state (`{ state: true }` in `static properties`) is no attribute, whatever the
// analyzer makes of the entry.
for (const module of manifest.modules) {
  const states = [...readFileSync(module.path, 'utf8').matchAll(/^\s+(\w+): \{ state: true \}/gm)].map((m) => m[1]);
  for (const declaration of module.declarations ?? []) {
    declaration.attributes = declaration.attributes?.filter((a) => !states.includes(a.fieldName ?? a.name));
    for (const member of declaration.members ?? []) if (states.includes(member.name)) delete member.attribute;
  }
}
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);
