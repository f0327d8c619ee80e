import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from './helpers.mjs';

describe('sandbox home page', () => {
  let sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, demoUrl: 'http://localhost:3000/' });
  });
  after(() => sandbox.close());

  it('serves a small HTML page: what it is, the API base, the frame paths, the test cards and the demo URL', async () => {
    const res = await fetch(`${sandbox.origin}/`);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
    assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Moment sandbox<\/title>/);
    assert.ok(html.includes(`Base URL: <code>${sandbox.origin}</code>`));
    for (const kind of ['card', 'wallet', 'checkout']) assert.ok(html.includes(`${sandbox.origin}/frames/${kind}`), kind);
    assert.ok(html.includes(`<code>${sandbox.origin}/checkout/{session id}#token={client token}</code>`), 'the hosted checkout URL');
    for (const number of ['4242 4242 4242 4242', '4000 0000 0000 0002', '4000 0000 0000 3220', '4000 0000 0000 0119', '3782 822463 10005']) {
      assert.ok(html.includes(`<code>${number}</code>`), number);
    }
    assert.match(html, /<th scope="col">Card number<\/th>/);
    assert.match(html, /<a href="http:\/\/localhost:3000\/">/);
    assert.match(html, /<link rel="icon" href="\/favicon.svg" type="image\/svg\+xml">/);
    assert.ok(!/<script/.test(html));
  });

  it('serves a favicon at /favicon.ico and /favicon.svg', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await fetch(sandbox.origin + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), 'image/svg+xml');
      assert.match(await res.text(), /^<svg /);
    }
  });

  it('still answers unknown routes with JSON 404', async () => {
    const res = await fetch(`${sandbox.origin}/nope`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.type, 'not_found');
  });

  it('leaves out the demo link when no demo URL is known', async () => {
    const plain = await startSandbox({ port: 0 });
    try {
      const html = await (await fetch(`${plain.origin}/`)).text();
      assert.ok(!html.includes('demo shop'));
    } finally {
      await plain.close();
    }
  });
});
