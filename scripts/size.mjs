// Size budgets (gzip) of the browser bundles, and of the elements in a merchant's app built with
// Vite (size-budget.json "apps", see size-app.mjs): deterministic, so CI enforces them.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { measureApps } from './size-app.mjs';

const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
/** The budget, and how much of it is left (or how far over it the size is), in bytes. */
const against = (gzip, budget) => `budget ${kb(budget)}  ${gzip <= budget ? `ok, ${budget - gzip} B left` : `OVER BUDGET by ${gzip - budget} B`}`;

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
    console.log(`  ${file.padEnd(34)} gzip ${kb(gzip)}  brotli ${kb(brotli)}  ${against(gzip, budget)}`);
  }
  console.log('In an app (Vite production build of dist/npm, JavaScript gzip)');
  const measured = await measureApps();
  for (const [name, budget] of Object.entries(apps)) {
    if (!measured[name]) throw new Error(`size-budget.json apps: no app named "${name}" in scripts/size-app.mjs`);
    const { gzip, minified } = measured[name];
    const ok = gzip <= budget;
    over ||= !ok;
    console.log(`  ${name.padEnd(34)} gzip ${kb(gzip)}  min    ${kb(minified)}  ${against(gzip, budget)}`);
  }
  return !over;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit((await checkSizes()) ? 0 : 1);
