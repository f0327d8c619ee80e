import { expect } from '@open-wc/testing';
import { tokenClaims, tokenPayload } from '../../src/protocol/token.js';
import { tokenEnvironment, tokenSessionId } from '../../src/frame/token.js';

/** base64url of the UTF-8 bytes of `text`, unpadded, as in a JWT. */
const b64url = (text: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const jwt = (payload: string): string => `${b64url('{"alg":"HS256"}')}.${b64url(payload)}.c2ln`;

describe('client token claims reader', () => {
  it('decodes the payload as UTF-8 JSON', () => {
    // 'Zoë ★ 東京' needs 2, 3 and 3 bytes per character; a Latin-1 reading garbles it.
    const token = jwt(JSON.stringify({ sid: 'ps_1', name: 'Zoë ★ 東京', env: 'sandbox' }));
    expect(tokenClaims(token)).to.deep.equal({ sid: 'ps_1', name: 'Zoë ★ 東京', env: 'sandbox' });
    expect(tokenSessionId(token)).to.equal('ps_1');
    expect(tokenEnvironment(token)).to.equal('sandbox');
  });

  it('reads base64url (- and _) without padding', () => {
    // '?>' and '?~' encode to '/' and '+' in base64, '_' and '-' in base64url.
    const token = jwt(JSON.stringify({ sid: 'ps_2', note: '??>>??~~' }));
    expect(token.split('.')[1]).to.match(/[-_]/);
    expect(tokenClaims(token)).to.deep.equal({ sid: 'ps_2', note: '??>>??~~' });
  });

  const malformed: [string, string][] = [
    ['no payload segment', 'abc'],
    ['an empty payload', 'a..c'],
    ['base64 with +, / or padding', `a.${btoa('{"sid":"ps_1"}')}+/=.c`],
    ['not JSON', jwt('not json')],
    ['an array', jwt('["sid"]')],
    ['null', jwt('null')],
    ['a number', jwt('42')],
    ['invalid UTF-8', `a.${btoa(String.fromCharCode(0x22, 0xff, 0xfe, 0x22)).replace(/=+$/, '')}.c`],
  ];
  for (const [what, token] of malformed) {
    it(`gives {} for a token whose payload is ${what}`, () => {
      expect(tokenClaims(token)).to.deep.equal({});
      expect(tokenSessionId(token)).to.equal('');
      expect(tokenEnvironment(token)).to.equal('production');
    });
  }

  it('throws from tokenPayload on an unreadable payload, and gives any JSON value otherwise', () => {
    expect(() => tokenPayload('abc')).to.throw();
    expect(() => tokenPayload(jwt('not json'))).to.throw();
    expect(tokenPayload(jwt('[1]'))).to.deep.equal([1]);
  });
});
