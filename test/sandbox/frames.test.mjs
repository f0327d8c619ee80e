import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, dummyFramesDir } from './helpers.mjs';

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com https://fonts.bunny.net https://use.typekit.net; font-src 'self' https://fonts.gstatic.com https://fonts.bunny.net https://use.typekit.net; connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'";

function assertFrameHeaders(res) {
  assert.equal(res.headers.get('content-security-policy'), EXPECTED_CSP);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.equal(res.headers.get('x-frame-options'), null, 'merchants must be able to embed the frames');
}

describe('frame pages', () => {
  let frames;
  let sandbox;
  before(async () => {
    frames = await dummyFramesDir();
    sandbox = await startSandbox({ port: 0, framesDir: frames.dir });
  });
  after(async () => {
    await sandbox.close();
    await frames.remove();
  });

  it('serves the card frame page with its bundle and a strict CSP', async () => {
    const res = await fetch(`${sandbox.origin}/frames/card`);
    assert.equal(res.status, 200);
    assertFrameHeaders(res);
    assert.equal(
      await res.text(),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Secure card payment</title><script type="module" src="/frames/assets/card.js"></script></head><body></body></html>',
    );
  });

  it('answers 404 JSON for a frame whose bundle is not built, and for unknown frames', async () => {
    for (const path of ['/frames/wallet', '/frames/checkout', '/frames/other']) {
      const res = await fetch(sandbox.origin + path);
      assert.equal(res.status, 404, path);
      assert.equal((await res.json()).error.type, 'not_found');
    }
  });

  it('serves bundles and source maps with their content types', async () => {
    const js = await fetch(`${sandbox.origin}/frames/assets/card.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type'), /^text\/javascript/);
    assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await js.text(), 'console.log("card frame");\n');
    const map = await fetch(`${sandbox.origin}/frames/assets/card.js.map`);
    assert.match(map.headers.get('content-type'), /^application\/json/);
    await map.text();
  });

  it('refuses path traversal and anything but .js files', async () => {
    const paths = [
      '/frames/assets/..%2F..%2Fpackage.json',
      '/frames/assets/%2e%2e%2fcard.js',
      '/frames/assets/..%5Ccard.js',
      '/frames/assets/card.ts',
      '/frames/assets/missing.js',
      '/frames/assets/.hidden.js',
      '/frames/assets/card.js%00.png',
    ];
    for (const path of paths) {
      const res = await fetch(sandbox.origin + path);
      assert.equal(res.status, 404, path);
      await res.text();
    }
    const dotted = await fetch(`${sandbox.origin}/frames/assets/../../package.json`);
    assert.equal(dotted.status, 404);
    await dotted.text();
  });

  it('serves the test font stylesheet from the frames origin', async () => {
    const res = await fetch(`${sandbox.origin}/fonts/test.css`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/css/);
    assert.match(await res.text(), /@font-face \{ font-family: 'Moment Test'; src: local\('DejaVu Sans'\), local\('Arial'\); \}/);
  });

  it('serves a slow frame that has no script (it never says hello)', async () => {
    const res = await fetch(`${sandbox.origin}/test/slow-frame`);
    assert.equal(res.status, 200);
    assertFrameHeaders(res);
    const html = await res.text();
    assert.ok(!html.includes('<script'));
  });

  it('delays the card frame by ?delay=ms', async () => {
    const started = Date.now();
    const res = await fetch(`${sandbox.origin}/frames/card?delay=300`);
    await res.text();
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 290);
  });
});

describe('frame pages: default frames directory', () => {
  it('looks for bundles next to dist/sandbox (dist/frames)', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const res = await fetch(`${sandbox.origin}/frames/nope`);
      assert.equal(res.status, 404);
      await res.text();
    } finally {
      await sandbox.close();
    }
  });
});
