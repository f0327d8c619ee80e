// Server rendering of the React components (Next.js App Router, Remix, …): the module imports in
// Node without a DOM, renderToString gives the tags without touching window or document, and
// element properties are left for the browser (set after hydration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement, Fragment } from 'react';
import { renderToString } from 'react-dom/server';

test('the React components render on the server without a DOM', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  const { CardComponent, WalletButton, MomentCheckout } = await import('../../dist/npm/react/index.js');
  const html = renderToString(
    createElement(
      Fragment,
      null,
      createElement(CardComponent, { clientKey: 'pk_test_demo', clientToken: 'token', id: 'card', onChange: () => {}, onPaymentSuccess: () => {} }),
      createElement(WalletButton, { clientKey: 'pk_test_demo', clientToken: 'token', onPaymentInitiated: () => {} }),
      createElement(MomentCheckout, { clientKey: 'pk_test_demo', fetchClientToken: async () => 'token', onCheckoutOpen: () => {} }),
    ),
  );
  assert.match(html, /<card-component id="card"[^>]*><\/card-component>/);
  assert.match(html, /<wallet-button[^>]*><\/wallet-button>/);
  assert.match(html, /<moment-checkout[^>]*><\/moment-checkout>/);
  // Properties and handlers are never written as lower-cased attributes (the React 18 symptom).
  assert.doesNotMatch(html, /clienttoken|clientkey|onchange|onpayment|token/i);
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
});

test('the React entry is a client module', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('../../dist/npm/react/index.js', import.meta.url), 'utf8');
  assert.match(source, /^['"]use client['"];/);
});

test('each component has its own entry (@momentpay/elements/react/<tag>): a client module that renders on the server, the same component as the root entry’s', async () => {
  const { readFile } = await import('node:fs/promises');
  const root = await import('../../dist/npm/react/index.js');
  for (const [file, name, tag] of [
    ['card-component', 'CardComponent', 'card-component'],
    ['wallet-button', 'WalletButton', 'wallet-button'],
    ['moment-checkout', 'MomentCheckout', 'moment-checkout'],
  ]) {
    const url = new URL(`../../dist/npm/react/${file}.js`, import.meta.url);
    assert.match(await readFile(url, 'utf8'), /^['"]use client['"];/, `${file}.js is a client module`);
    const entry = await import(url.href);
    assert.equal(entry[name], root[name], `${file}.js exports the root entry's ${name}`);
    assert.match(renderToString(createElement(entry[name], { clientKey: 'pk_test_demo' })), new RegExp(`^<${tag}[^>]*></${tag}>$`));
    // Only its own element's module is imported: the others stay out of an app that uses this one.
    const source = await readFile(url, 'utf8');
    const others = ['card-component', 'wallet-button', 'moment-checkout'].filter((t) => t !== tag);
    for (const other of others) assert.doesNotMatch(source, new RegExp(`elements/${other}/`), `${file}.js imports ${other}`);
  }
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  for (const file of ['card-component', 'wallet-button', 'moment-checkout']) {
    assert.deepEqual(pkg.exports[`./react/${file}`], { types: `./dist/npm/react/${file}.d.ts`, default: `./dist/npm/react/${file}.js` });
  }
});
