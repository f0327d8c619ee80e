import { expect } from '@open-wc/testing';
import { readClientToken } from '../../src/core/client-token.js';
import { ConfigError, PRODUCTION_FRAMES_ORIGIN, SANDBOX_FRAMES_ORIGIN, parseClientKey, resolveFramesOrigin } from '../../src/core/keys.js';
import { createSession, sandboxOrigin } from '../support/helpers.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof ConfigError ? e.code : 'not-a-config-error';
  }
  return undefined;
};

describe('client keys', () => {
  const table: [unknown, string][] = [
    ['pk_test_abc123', 'sandbox'],
    ['pk_live_abc123', 'production'],
    // Seed 004's own example form, and keys with underscores after the prefix.
    ['pk_test_your_key_here', 'sandbox'],
    ['pk_live_a_b_C_9', 'production'],
    ['pk_test__', 'sandbox'],
  ];
  for (const [key, env] of table) it(`reads ${String(key)} as ${env}`, () => expect(parseClientKey(key)).to.equal(env));

  const bad: [unknown, string][] = [
    ['sk_test_abc', 'secret_key_refused'],
    ['sk_live_abc', 'secret_key_refused'],
    ['pk_prod_abc', 'invalid_client_key'],
    ['pk_test_', 'invalid_client_key'],
    ['pk_test_a b', 'invalid_client_key'],
    ['pk_test_a-b', 'invalid_client_key'],
    ['pk_test_ab.c', 'invalid_client_key'],
    ['', 'missing_client_key'],
    [undefined, 'missing_client_key'],
    [42, 'missing_client_key'],
  ];
  for (const [key, code] of bad) it(`refuses ${JSON.stringify(key)} with ${code}`, () => expect(codeOf(() => parseClientKey(key))).to.equal(code));

  it('never echoes a secret key back in the message', () => {
    try {
      parseClientKey('sk_test_SUPERSECRET');
    } catch (e) {
      expect((e as Error).message).to.not.contain('SUPERSECRET');
    }
  });
});

describe('frames origin', () => {
  it('always uses the production frames for live keys, whatever is configured', () => {
    expect(resolveFramesOrigin('production', 'http://127.0.0.1:4010', { iss: 'http://127.0.0.1:4010' })).to.equal(PRODUCTION_FRAMES_ORIGIN);
  });
  it('uses frames-origin for test keys', () => {
    expect(resolveFramesOrigin('sandbox', 'http://localhost:4010', { iss: 'https://api.sandbox.momentpay.net' })).to.equal('http://localhost:4010');
  });
  it('uses a loopback token issuer when nothing is configured', () => {
    expect(resolveFramesOrigin('sandbox', null, { iss: 'http://127.0.0.1:4999' })).to.equal('http://127.0.0.1:4999');
  });
  it('uses the hosted sandbox for a non-loopback issuer', () => {
    expect(resolveFramesOrigin('sandbox', null, { iss: 'https://evil.example' })).to.equal(SANDBOX_FRAMES_ORIGIN);
  });
  for (const origin of ['javascript:alert(1)', 'http://127.0.0.1:4010/path', 'ftp://x', 'not a url', 'http://u:p@127.0.0.1']) {
    it(`refuses frames-origin ${origin}`, () => expect(codeOf(() => resolveFramesOrigin('sandbox', origin))).to.equal('invalid_frames_origin'));
  }
});

describe('client token claims', () => {
  it('reads the claims of a sandbox token', async () => {
    const session = await createSession({ variant: 'inline' });
    const claims = readClientToken(session.client_token);
    expect(claims.sid).to.equal(session.id);
    expect(claims.variant).to.equal('inline');
    expect(claims.iss).to.equal(await sandboxOrigin());
    expect(claims.exp * 1000).to.be.greaterThan(Date.now());
  });
  for (const token of ['', 'a.b', 'a.b.c.d', '###.###.###', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln']) {
    it(`refuses ${JSON.stringify(token)}`, () => expect(codeOf(() => readClientToken(token))).to.equal('invalid_client_token'));
  }
});
