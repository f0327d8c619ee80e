/** The hosted page's URL rules: the token in the fragment, the session in the path, the return URLs. */
import { expect } from '@open-wc/testing';
import { readHostedLink } from '../../src/frame/checkout/hosted.js';
import { isSafeReturnUrl, withSessionId } from '../../src/frame/checkout/session.js';

const b64url = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const token = (sid: string) => `${b64url({ alg: 'none' })}.${b64url({ sid, env: 'sandbox' })}.sig`;

describe('hosted checkout: reading its link', () => {
  const cases: [string, string, string, ReturnType<typeof readHostedLink>][] = [
    ['a token for the session in the path', '/checkout/ps_abc', `#token=${token('ps_abc')}`, { ok: true, clientToken: token('ps_abc') }],
    ['an encoded token', '/checkout/ps_abc', `#token=${encodeURIComponent(token('ps_abc'))}`, { ok: true, clientToken: token('ps_abc') }],
    ['the frame path, which names no session', '/frames/checkout', `#token=${token('ps_abc')}`, { ok: true, clientToken: token('ps_abc') }],
    ['no fragment', '/checkout/ps_abc', '', { ok: false, problem: 'missing' }],
    ["a framed checkout's fragment", '/frames/checkout', '#channel=abc&origin=https%3A%2F%2Fshop.example', { ok: false, problem: 'missing' }],
    ['a token that is not one', '/checkout/ps_abc', '#token=garbage', { ok: false, problem: 'invalid' }],
    ["another session's token", '/checkout/ps_abc', `#token=${token('ps_other')}`, { ok: false, problem: 'invalid' }],
    ['a malformed path', '/checkout/%E0%A4%A', `#token=${token('ps_abc')}`, { ok: false, problem: 'invalid' }],
  ];
  for (const [name, path, hash, expected] of cases) {
    it(name, () => expect(readHostedLink(path, hash)).to.deep.equal(expected));
  }
  it('a frame URL bound to another session (?session=) refuses the token', () => {
    expect(readHostedLink('/frames/checkout', `#token=${token('ps_abc')}`, '?session=ps_other')).to.deep.equal({ ok: false, problem: 'invalid' });
    expect(readHostedLink('/frames/checkout', `#token=${token('ps_abc')}`, '?session=ps_abc')).to.deep.equal({ ok: true, clientToken: token('ps_abc') });
  });
});

describe('hosted checkout: return URLs', () => {
  const cases: [string, string][] = [
    ['https://shop.example/thanks', 'https://shop.example/thanks?session_id=ps_1'],
    ['https://shop.example/thanks?order=7', 'https://shop.example/thanks?order=7&session_id=ps_1'],
    ['https://shop.example/thanks?order=7#top', 'https://shop.example/thanks?order=7&session_id=ps_1#top'],
    ['https://shop.example/thanks?session_id=ps_1', 'https://shop.example/thanks?session_id=ps_1'],
    ['yourapp://checkout?session_id=ps_1', 'yourapp://checkout?session_id=ps_1'],
    ['yourapp://checkout', 'yourapp://checkout?session_id=ps_1'],
  ];
  for (const [url, expected] of cases) it(`${url} → ${expected}`, () => expect(withSessionId(url, 'ps_1')).to.equal(expected));

  it('navigates to http(s) and app schemes, never to script, data, file or blob URLs', () => {
    expect(['https://shop.example/', 'http://127.0.0.1:8080/x', 'yourapp://checkout', 'com.shop.app:/done'].map(isSafeReturnUrl)).to.deep.equal([
      true,
      true,
      true,
      true,
    ]);
    expect(
      [
        'javascript:alert(1)',
        ' JavaScript:alert(1)',
        'data:text/html,x',
        'file:///etc/passwd',
        'blob:https://x/y',
        'about:blank',
        'vbscript:x',
        '/relative',
      ].map(isSafeReturnUrl),
    ).to.deep.equal([false, false, false, false, false, false, false, false]);
  });
});
