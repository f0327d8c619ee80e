// The engine emulation test hook (`POST /test/emulation`): frame pages served without
// IntersectionObserver v2, as Firefox and WebKit run them, so the clickjacking guard's host path
// can be tested in Chromium. Its body is checked like every other: a 400 names what is wrong.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, SECRET_KEY } from './helpers.mjs';

const merchant = { authorization: `Bearer ${SECRET_KEY}` };

describe('POST /test/emulation', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  const framePage = async () => (await fetch(`${sandbox.origin}/frames/wallet`)).text();
  const emulate = (body, headers = merchant) => api.call('POST', '/test/emulation', { headers, body });

  it('serves the frame pages without IntersectionObserver v2 while visibility_tracking is false, and as they are again after true', async () => {
    assert.doesNotMatch(await framePage(), /without-visibility-tracking/);
    const off = await emulate({ visibility_tracking: false });
    assert.equal(off.status, 200);
    assert.deepEqual(off.body, { visibility_tracking: false });
    const page = await framePage();
    // Before the frame's own bundle, from the frames origin (the pages' CSP allows only that).
    assert.ok(page.indexOf('/test/emulation/without-visibility-tracking.js') < page.indexOf('/frames/assets/'), page);
    const script = await fetch(`${sandbox.origin}/test/emulation/without-visibility-tracking.js`);
    assert.match(script.headers.get('content-type'), /^text\/javascript/);
    assert.match(await script.text(), /delete IntersectionObserverEntry\.prototype\.isVisible/);
    assert.equal((await emulate({ visibility_tracking: true })).status, 200);
    assert.doesNotMatch(await framePage(), /without-visibility-tracking/);
  });

  it('refuses a body it cannot use, naming the field, and a request without the secret key', async () => {
    const wrong = await emulate({ visibility_tracking: 'no' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.param, 'visibility_tracking');
    assert.match(wrong.body.error.message, /^visibility_tracking must be true or false$/);
    const unknown = await emulate({ visibility_tracking: false, visibilityTracking: false });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.error.message, /visibilityTracking is not a known field; did you mean visibility_tracking\?/);
    assert.equal((await emulate({})).body.error.param, 'visibility_tracking');
    assert.equal((await emulate({ visibility_tracking: false }, {})).status, 401);
  });
});
