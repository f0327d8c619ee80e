import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, client, sessionBody, dummyFramesDir } from './helpers.mjs';

const co = (extra) => ({ options: { checkout_options: { presentation_mode: { mode: 'embedded' }, ...extra } } });

describe('allowed_origins on payment sessions', () => {
  let sandbox;
  let api;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    api = client(sandbox);
  });
  after(() => sandbox.close());

  it("stores exact origins, adds success_url's origin, and returns them to the merchant and the frame", async () => {
    const created = await api.createSession(sessionBody({ allowed_origins: ['http://localhost:8000', 'https://shop.example:8443'] }));
    assert.equal(created.status, 200);
    const expected = ['http://localhost:8000', 'https://shop.example:8443', 'https://shop.example'];
    assert.deepEqual(created.body.allowed_origins, expected);
    assert.deepEqual((await api.getSession(created.body.id)).body.allowed_origins, expected);
    assert.deepEqual((await api.frameSession(created.body.client_token)).body.allowed_origins, expected);
  });

  it('does not repeat an origin', async () => {
    const created = await api.createSession(sessionBody({ allowed_origins: ['https://shop.example', 'https://shop.example'] }));
    assert.deepEqual(created.body.allowed_origins, ['https://shop.example']);
  });

  it('is null for a session created without it (test keys keep working unframed-restricted)', async () => {
    const created = await api.createSession(sessionBody());
    assert.equal(created.body.allowed_origins, null);
    assert.equal((await api.frameSession(created.body.client_token)).body.allowed_origins, null);
  });

  const bad = [
    [['*'], /exact origins/],
    [['https://*.shop.example'], /exact origins/],
    [['https://shop.example/'], /exact origins/],
    [['https://shop.example/pay'], /exact origins/],
    [['https://Shop.example'], /exact origins/],
    [['ftp://shop.example'], /exact origins/],
    [['javascript:alert(1)'], /exact origins/],
    [['null'], /exact origins/],
    [[42], /exact origins/],
    [[], /at least one/],
    ['https://shop.example', /array/],
    [{ 0: 'https://shop.example' }, /array/],
    [Array.from({ length: 21 }, (_, i) => `https://s${i}.example`), /at most 20/],
  ];
  for (const [value, message] of bad) {
    it(`refuses allowed_origins ${JSON.stringify(value).slice(0, 60)}`, async () => {
      const res = await api.createSession(sessionBody({ allowed_origins: value }));
      assert.equal(res.status, 400);
      assert.match(res.body.error.param, /^allowed_origins/);
      assert.match(res.body.error.message, message);
    });
  }

  it('takes 20 origins', async () => {
    const origins = Array.from({ length: 20 }, (_, i) => `https://s${i}.example`);
    const res = await api.createSession(sessionBody({ ...co({}), allowed_origins: origins }));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.allowed_origins, origins);
  });
});

describe('frame pages: frame-ancestors from ?session=', () => {
  let frames;
  let sandbox;
  let api;
  before(async () => {
    frames = await dummyFramesDir();
    sandbox = await startSandbox({ port: 0, framesDir: frames.dir });
    api = client(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await frames.remove();
  });

  const cspOf = async (path) => {
    const res = await fetch(sandbox.origin + path);
    await res.text();
    assert.equal(res.status, 200, path);
    return res.headers.get('content-security-policy');
  };

  it("adds frame-ancestors with the session's allowed origins, keeping the rest of the policy", async () => {
    const session = (await api.createSession(sessionBody({ allowed_origins: ['http://localhost:8000'] }))).body;
    const plain = await cspOf('/frames/card');
    const csp = await cspOf(`/frames/card?session=${session.id}`);
    assert.equal(csp, `${plain}; frame-ancestors http://localhost:8000 https://shop.example`);
    assert.equal(await cspOf(`/test/slow-frame?session=${session.id}`), csp);
  });

  it('keeps today’s policy (no frame-ancestors) without session, for an unknown one, or one without allowed_origins', async () => {
    const open = (await api.createSession(sessionBody())).body;
    for (const path of ['/frames/card', '/frames/card?session=ps_unknown', `/frames/card?session=${open.id}`, '/frames/card?session=%3Cx%3E']) {
      assert.ok(!(await cspOf(path)).includes('frame-ancestors'), path);
    }
  });

  it("writes the session's id and allowed_origins into its frame page (the frame needs no request to check its host), and nothing for an unknown one", async () => {
    const session = (await api.createSession(sessionBody({ allowed_origins: ['http://localhost:8000'] }))).body;
    const open = (await api.createSession(sessionBody())).body;
    const meta = async (path) => {
      const html = await (await fetch(sandbox.origin + path)).text();
      const match = /<meta name="moment-session" content="([^"]*)">/.exec(html);
      return match ? JSON.parse(match[1].replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))) : null;
    };
    assert.deepEqual(await meta(`/frames/card?session=${session.id}`), { id: session.id, allowed_origins: ['http://localhost:8000', 'https://shop.example'] });
    assert.deepEqual(await meta(`/frames/card?session=${open.id}`), { id: open.id, allowed_origins: null });
    for (const path of ['/frames/card', '/frames/card?session=ps_unknown', '/frames/card?session=%3Cx%3E']) assert.equal(await meta(path), null, path);
  });
});
