// Size budgets (gzip) of the browser bundles, and of the elements in a merchant's app built with
// Vite (size-budget.json "apps", see size-app.mjs): deterministic, so CI enforces them.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { measureApps } from './size-app.mjs';

const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;

export async function checkSizes() {
  const { apps = {}, ...files } = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8'));
  console.log('Bundle sizes (budget on gzip)');
  let over = false;
  for (const [file, budget] of Object.entries(files)) {
    const code = readFileSync(file);
    const gzip = gzipSync(code, { level: 9 }).length;
    const brotli = brotliCompressSync(code).length;
    const ok = gzip <= budget;
    over ||= !ok;
    console.log(`  ${file.padEnd(34)} gzip ${kb(gzip)}  brotli ${kb(brotli)}  budget ${kb(budget)}  ${ok ? 'ok' : 'OVER BUDGET'}`);
  }
  console.log('In an app (Vite production build of dist/npm, JavaScript gzip)');
  const measured = await measureApps();
  for (const [name, budget] of Object.entries(apps)) {
    if (!measured[name]) throw new Error(`size-budget.json apps: no app named "${name}" in scripts/size-app.mjs`);
    const { gzip, minified } = measured[name];
    const ok = gzip <= budget;
    over ||= !ok;
    console.log(`  ${name.padEnd(34)} gzip ${kb(gzip)}  min    ${kb(minified)}  budget ${kb(budget)}  ${ok ? 'ok' : 'OVER BUDGET'}`);
  }
  return !over;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit((await checkSizes()) ? 0 : 1);
