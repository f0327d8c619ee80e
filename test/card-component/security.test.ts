import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { quietWindow } from '../support/wait.js';
import { FIELD_STYLE_STATES } from '../../src/protocol/card.js';
import { PROTOCOL, PROTOCOL_VERSION } from '../../src/protocol/messages.js';
import { fillCard, frameEval, readyCard, record, sandboxOrigin, until } from '../support/helpers.js';

describe('the bridge', () => {
  it('rejects a hello from another origin, a forged channel and malformed data without throwing', async () => {
    const { el, frame } = await readyCard();
    const channel = frame.replace('moment-card-', '');
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    const readies = record(el, ['ready', 'load-error']);
    const forged = [
      { protocol: PROTOCOL, v: PROTOCOL_VERSION, kind: 'hello', channel, frame: 'card' },
      { protocol: PROTOCOL, v: 99, kind: 'hello', channel, frame: 'card' },
      'hello',
      null,
      { __proto__: { kind: 'hello' } },
      { protocol: PROTOCOL, v: PROTOCOL_VERSION, kind: 'event', name: 'change', detail: { brand: 'visa' } },
    ];
    for (const message of forged) window.postMessage(message, '*');
    // None of them may make it ready or throw.
    await quietWindow(100);
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(readies).to.deep.equal([]);
  });

  it('ignores a hello with the right channel from a frame that is not its own', async () => {
    const { el, frame } = await readyCard();
    const channel = frame.replace('moment-card-', '');
    const origin = await sandboxOrigin();
    const events = record(el, ['ready', 'change']);
    // A second, real frame on the frames origin that claims the element's channel.
    const impostor = await fixture<HTMLIFrameElement>(
      html`<iframe src="${origin}/frames/card#channel=${channel}&origin=${encodeURIComponent(location.origin)}"></iframe>`,
    );
    await oneEvent(impostor, 'load');
    // The impostor says hello for a while: none of its hellos may be taken.
    await quietWindow(700);
    expect(events).to.deep.equal([]);
    expect(el.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
  });

  it('lets no digit sequence of the card reach the host page: messages, events, console', async () => {
    const { el, frame } = await readyCard();
    const seen: string[] = [];
    const onMessage = (e: MessageEvent) => seen.push(JSON.stringify(e.data));
    window.addEventListener('message', onMessage);
    const names = [
      'change',
      'validation-error',
      'field-valid',
      'form-complete',
      'field-focus',
      'field-blur',
      'payment-success',
      'payment-failure',
      'payment-attempt-failed',
    ];
    const events = record(el, names);
    const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = consoleMethods.map((m) => console[m]);
    consoleMethods.forEach((m) => (console[m] = (...args: unknown[]) => seen.push(args.map(String).join(' '))));
    try {
      await fillCard(frame, { number: '5555555555554444', expiry: '11/39', cvv: '987', name: 'Grace Hopper' });
      const result = await el.executePayment();
      expect(result.statusCode).to.equal(0);
      seen.push(JSON.stringify(events), JSON.stringify(result), el.outerHTML, el.shadowRoot!.innerHTML);
    } finally {
      consoleMethods.forEach((m, i) => (console[m] = originals[i]!));
      window.removeEventListener('message', onMessage);
    }
    const everything = seen.join('\n');
    for (const secret of ['5555', '4444', '555555', '1139', '987', 'Grace']) expect(everything).to.not.contain(secret);
  });
});

describe('styles crossing into the frame', () => {
  const payloads: [string, string][] = [
    ['backgroundColor', 'url(javascript:alert(1))'],
    ['color', 'red;}body{display:none'],
    ['color', 'expression(alert(1))'],
    ['fontFamily', "@import 'https://evil.example/x.css'"],
    ['color', '</style><script>alert(1)</script>'],
    ['backgroundColor', '\\75 rl(https://evil.example/x.png)'],
    ['behavior', 'url(x.htc)'],
    ['position', 'fixed'],
    ['backgroundImage', 'image-set("x.png" 1x)'],
  ];

  it('drops injection payloads, applies safe declarations, and says what it dropped', async () => {
    const { el, frame } = await readyCard();
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      // One payload per state, so that none hides another behind the same property name.
      const cv2 = Object.fromEntries(payloads.map(([property, value], i) => [FIELD_STYLE_STATES[i], { [property]: value }]));
      el.styles = {
        base: { default: { color: 'rgb(10, 20, 30)' } },
        cardNumber: { default: { fontSize: '19px' } },
        cv2,
      };
      await el.updateComplete;
      await until(
        async () => (await frameEval<string>(frame, `return getComputedStyle(document.querySelector('#card-number')).fontSize`)) === '19px',
        3000,
        'style applied',
      );
    } finally {
      console.warn = original;
    }
    const css = await frameEval<string>(
      frame,
      `return [...document.adoptedStyleSheets, ...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\\n')`,
    );
    expect(css).to.contain('rgb(10, 20, 30)');
    for (const [, value] of payloads) expect(css).to.not.contain(value);
    expect(css).to.not.match(/evil|alert|javascript|expression/);
    expect(await frameEval<string>(frame, `return getComputedStyle(document.querySelector('#card-number')).color`)).to.equal('rgb(10, 20, 30)');
    expect(await frameEval<string>(frame, `return getComputedStyle(document.body).display`)).to.not.equal('none');
    expect(warnings.filter((w) => w.includes('dropped')).length).to.equal(payloads.length);
  });

  it('forwards --moment-* theme variables and follows them when they change', async () => {
    const { el, frame } = await readyCard();
    const wrapper = el.parentElement!;
    wrapper.style.setProperty('--moment-color-text', 'rgb(1, 2, 3)');
    const read = () => frameEval<string>(frame, `return getComputedStyle(document.documentElement).getPropertyValue('--moment-color-text').trim()`);
    await until(async () => (await read()) === 'rgb(1, 2, 3)', 3000, 'theme variable in frame');
    wrapper.style.setProperty('--moment-color-text', 'rgb(200, 201, 202)');
    await until(async () => (await read()) === 'rgb(200, 201, 202)', 3000, 'changed theme variable in frame');
    // An unsafe value never crosses: the frame falls back to its own default.
    wrapper.style.setProperty('--moment-color-text', 'url(https://evil.example/x)');
    await until(async () => (await read()) === '', 3000, 'unsafe theme variable dropped');
  });

  it('loads fontCss only from the frames origin or allowed font hosts', async () => {
    const { el, frame } = await readyCard();
    const origin = await sandboxOrigin();
    el.fontCss = [`${origin}/fonts/test.css`, 'https://evil.example/font.css', 'http://fonts.googleapis.com/css?family=X'];
    await el.updateComplete;
    await until(async () => (await frameEval<number>(frame, `return document.querySelectorAll('link[rel=stylesheet]').length`)) > 0, 3000, 'font link');
    const links = await frameEval<string[]>(frame, `return [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href)`);
    expect(links).to.deep.equal([`${origin}/fonts/test.css`]);
  });
});
