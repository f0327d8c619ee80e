import { expect } from '@open-wc/testing';
import { readClientToken } from '../../src/core/client-token.js';
import { ConfigError } from '../../src/core/keys.js';

const b64url = (text: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const jwt = (payload: unknown): string => `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(payload))}.c2ln`;
const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
  }
  throw new Error('no ConfigError');
};

describe('readClientToken (host)', () => {
  const exp = Math.floor(Date.now() / 1000) + 600;

  it('reads UTF-8 claims', () => {
    const claims = readClientToken(jwt({ sid: 'ps_1', iss: 'https://frames.example', exp, variant: 'inline', title: 'Café ★' }));
    expect(claims).to.include({ sid: 'ps_1', variant: 'inline', title: 'Café ★' });
  });

  it('keeps its errors: not a JWT, not JSON, not an object, expired', () => {
    expect(errorOf(() => readClientToken('a.b')).message).to.contain('(not a JWT)');
    expect(errorOf(() => readClientToken(`a.${b64url('nope')}.c`)).message).to.contain('(its payload is not JSON)');
    const array = errorOf(() => readClientToken(jwt(['sid'])));
    expect(array.code).to.equal('invalid_client_token');
    expect(array.message).to.contain('(its payload is not an object)');
    expect(errorOf(() => readClientToken(jwt(null))).message).to.contain('(its payload is not an object)');
    expect(errorOf(() => readClientToken(jwt({ sid: 'ps_1', iss: 'x', exp: 1 }))).code).to.equal('client_token_expired');
  });
});
