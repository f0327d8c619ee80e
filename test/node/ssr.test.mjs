// Importing the package in Node (server-side rendering, a bundler's analysis) touches no window
// or document, and registering twice is harmless.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the npm modules import in Node without a DOM', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  const component = await import('../../dist/npm/elements/card-component/card-component.component.js');
  assert.equal(typeof component.CardComponent, 'function');
  const root = await import('../../dist/npm/index.js');
  assert.equal(typeof root.CardComponent, 'function');
  assert.equal(typeof globalThis.window, 'undefined');
});
