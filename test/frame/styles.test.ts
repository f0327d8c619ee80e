import { expect } from '@open-wc/testing';
import { themeCss } from '../../src/frame/card/styles.js';
import { allowedFontUrls, merchantCss } from '../../src/frame/card/merchant-styles.js';

const INJECTIONS: [string, Record<string, string>][] = [
  ['a url() value', { backgroundColor: 'url(javascript:alert(1))' }],
  ['a value that closes the rule', { color: 'red;}body{display:none' }],
  ['an expression() value', { width: 'expression(alert(1))' }],
  ['an @import value', { fontFamily: "@import 'x'" }],
  ['a closing style tag', { color: '</style><script>alert(1)</script>' }],
  ['a backslash escape', { backgroundColor: '\\75 rl(x)' }],
  ['the behavior property', { behavior: 'url(x.htc)' }],
  ['the position property', { position: 'fixed' }],
  ['a javascript: value', { fontFamily: 'javascript:alert(1)' }],
  ['a comment', { color: 'red/**/' }],
];

describe('merchant styles as the frame applies them', () => {
  for (const [name, declarations] of INJECTIONS) {
    it(`drops ${name}`, () => {
      const css = merchantCss({ base: { default: declarations }, cardNumber: { focus: declarations }, form: declarations, cardIcon: declarations });
      expect(css).to.equal('');
    });
  }

  it('keeps the safe declarations next to a dropped one', () => {
    const css = merchantCss({ base: { default: { color: 'red;}body{display:none', fontSize: '18px' } } });
    expect(css).to.contain('font-size:18px');
    expect(css).not.to.contain('display');
    expect(css).not.to.contain('red');
  });

  it('builds rules with generated selectors and kebab-case properties', () => {
    const css = merchantCss({ cv2: { errorFocus: { backgroundColor: '#fee' } }, cardIcon: { opacity: '0.5' } });
    expect(css).to.contain('.mc-field.mc-field-cv2.is-error .mc-input:focus{background-color:#fee}');
    expect(css).to.contain('.mc-brand{opacity:0.5}');
  });

  it('lets a field override base declarations property by property', () => {
    const css = merchantCss({ base: { default: { color: 'black', fontSize: '14px' } }, cardNumber: { default: { color: 'blue' } } });
    expect(css).to.contain('.mc-field.mc-field-cardNumber .mc-input{color:blue;font-size:14px}');
    expect(css).to.contain('.mc-field.mc-field-cv2 .mc-input{color:black;font-size:14px}');
  });

  it('produces a stylesheet the browser parses into exactly the generated rules', () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(merchantCss({ base: { default: { color: 'red;}body{display:none' }, label: { fontWeight: '600' } } }));
    expect(sheet.cssRules.length).to.equal(4);
    for (const rule of Array.from(sheet.cssRules)) expect((rule as CSSStyleRule).selectorText).to.match(/^\.mc-field\.mc-field-\w+ \.mc-label$/);
  });
});

describe('theme variables', () => {
  it('applies known, safe --moment-* variables on :root', () => {
    expect(themeCss({ '--moment-color-text': '#222', '--moment-font-size': '15px' })).to.equal(':root{--moment-color-text:#222;--moment-font-size:15px}');
  });
  it('ignores unknown names and unsafe values', () => {
    expect(themeCss({ '--evil': 'red', '--moment-color-text': 'red;}body{display:none', color: 'red' })).to.equal('');
    expect(themeCss({ '--moment-color-primary': 'url(https://x/a.png)' })).to.equal('');
  });
});

describe('font stylesheets', () => {
  it('loads fontCss only from allowed hosts over https or from the frames origin', () => {
    const urls = [
      'https://fonts.googleapis.com/css?family=Do+Hyeon',
      'http://fonts.googleapis.com/css?family=Do+Hyeon',
      'https://evil.example/font.css',
      'javascript:alert(1)',
      `${location.origin}/fonts/test.css`,
    ];
    expect(allowedFontUrls(urls, location.origin)).to.deep.equal([urls[0], urls[4]]);
  });
});
