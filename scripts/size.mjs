// Size budgets (gzip) of the browser bundles: deterministic, so CI enforces them.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';

export function checkSizes() {
  const budgets = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8'));
  console.log('Bundle sizes (budget on gzip)');
  let over = false;
  for (const [file, budget] of Object.entries(budgets)) {
    const code = readFileSync(file);
    const gzip = gzipSync(code, { level: 9 }).length;
    const brotli = brotliCompressSync(code).length;
    const ok = gzip <= budget;
    over ||= !ok;
    console.log(`  ${file.padEnd(34)} gzip ${(gzip / 1024).toFixed(1).padStart(6)} KB  brotli ${(brotli / 1024).toFixed(1).padStart(6)} KB  budget ${(budget / 1024).toFixed(1)} KB  ${ok ? 'ok' : 'OVER BUDGET'}`);
  }
  return !over;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(checkSizes() ? 0 : 1);
