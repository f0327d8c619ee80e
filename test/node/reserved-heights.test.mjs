// The stylesheet that reserves the elements' space before their script runs says the same heights
// as the frames' layout (src/protocol/layout.ts), which the elements reserve while a frame loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importFromSrc } from '../support/import-src.mjs';

const layout = await importFromSrc(["export * from './src/protocol/layout.ts';"]);
const css = readFileSync('src/moment-elements.css', 'utf8');
const minHeight = (selector) => {
  const rule = css.split('}').find((r) => r.trim().startsWith(`${selector} {`) || r.includes(`\n${selector} {`));
  assert.ok(rule, `no rule for ${selector}`);
  return Number(/min-height:\s*(\d+)px/.exec(rule)?.[1]);
};

test('moment-elements.css reserves the card frame’s height, with and without the name field', () => {
  assert.equal(minHeight('card-component:not(:defined)'), layout.cardFrameHeight(false));
  assert.equal(minHeight('card-component[hide-card-name]:not(:defined)'), layout.cardFrameHeight(true));
});

test('moment-elements.css reserves the wallet frame’s height', () => {
  assert.equal(minHeight('wallet-button:not(:defined)'), layout.walletFrameHeight());
});

test('the heights are whole pixels and follow the theme values in px', () => {
  assert.equal(layout.cardFrameHeight(false), 236);
  assert.equal(layout.cardFrameHeight(true), 156);
  assert.equal(layout.cardFrameHeight(false, { '--moment-input-height': '50px', '--moment-spacing': '8px' }), 8 + 3 * (20 + 4 + 50) + 2 * 8);
  // Below the minimum touch height the input stays 44 px; other units are not guessed.
  assert.equal(layout.cardFrameHeight(true, { '--moment-input-height': '30px', '--moment-spacing': '1rem' }), 156);
  assert.equal(layout.walletFrameHeight(56), 64);
  assert.equal(layout.walletFrameHeight(20), 48);
});

test('every demo page links moment-elements.css before its own styles and scripts', async () => {
  const { readdirSync } = await import('node:fs');
  for (const page of readdirSync('demo').filter((f) => f.endsWith('.html'))) {
    const source = readFileSync(`demo/${page}`, 'utf8');
    const link = source.indexOf('href="/dist/cdn/moment-elements.css"');
    assert.ok(link > 0, `demo/${page} does not link moment-elements.css`);
    for (const later of ['href="/shop.css"', '<script']) {
      const at = source.indexOf(later);
      if (at >= 0) assert.ok(link < at, `demo/${page}: moment-elements.css comes after ${later}`);
    }
  }
});
