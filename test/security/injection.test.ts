/**
 * CSS and text injection through every styling and text path: the card frame's `styles` (every
 * field × state, the icon and the form), theme variables, `fontCss`, `text`, `errorMessages` and
 * locale, sent by a hostile host straight into the frame; the same through `<card-component>`
 * (properties, the text attributes, `--moment-*` on the page); the wallet's and the checkout's
 * theme variables and locale. No request may leave the frame except to the frames origin, no
 * markup may be made from text (text shows literally), and the frame's CSP reports no violation.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import '../../src/elements/card-component/card-component.js';
import { CARD_FIELDS, FIELD_STYLE_STATES, THEME_VARIABLES, VALIDATION_ERROR_TYPES, type CardField } from '../../src/protocol/card.js';
import { WALLET_THEME_VARIABLES } from '../../src/protocol/wallet.js';
import type { FrameKind } from '../../src/protocol/messages.js';
import { TEST_KEY, createSession, frameEval, frameName, nextFrames, sandboxOrigin, until } from '../support/helpers.js';
import { cardConfig, checkoutConfig, walletConfig } from '../frame/frame-host.js';
import { INSTALL_PROBE, collectHostErrors, hostPollution, openRawFrame, readFrameRealm, type RawFrame } from './support.js';
import { LONG_PAYLOADS, PAYLOADS } from './payloads.js';

const FIELD_IDS: Record<CardField, string> = { cardNumber: 'card-number', expiryDate: 'expiry-date', cv2: 'cv2', cardName: 'card-name' };
const DEFAULT_LABELS: Record<CardField, string> = { cardNumber: 'Card number', expiryDate: 'Expiry date', cv2: 'Security code', cardName: 'Name on card' };
const STYLE_GROUPS = ['base', 'cardNumber', 'expiryDate', 'cv2', 'cardName'] as const;
/** Allowed properties (the value filter is what is tested) and not allowed ones. */
const STYLE_PROPERTIES = ['color', 'backgroundColor', 'fontFamily', 'border', 'boxShadow', 'backgroundImage', 'listStyleImage'];
const TEXT_ATTRIBUTES = CARD_FIELDS.flatMap((f) => [
  `${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-label`,
  `${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-placeholder`,
]);

/** Records markup made in the frame: dangerous elements and on* attributes, as they appear. */
const INSTALL_MARKUP_PROBE = `
  if (!window.__markup) {
    const found = (window.__markup = []);
    // Never made after the frame has built itself; the frames' own icons (svg) are checked for payload content.
    const bad = /^(SCRIPT|IMG|IFRAME|OBJECT|EMBED|BASE|META|FORM|STYLE|LINK|VIDEO|AUDIO|SOURCE|TEMPLATE|A|MATH|DETAILS|NOSCRIPT)$/i;
    const payload = /evil|alert|javascript|<script|onerror|onload/i;
    const check = (el) => {
      if (!(el instanceof Element)) return;
      for (const e of [el, ...el.querySelectorAll('*')]) {
        if (bad.test(e.tagName) || (e.children.length === 0 ? payload.test(e.outerHTML) : payload.test(e.cloneNode(false).outerHTML))) found.push('<' + e.tagName.toLowerCase() + '> ' + e.outerHTML.slice(0, 80));
        for (const a of e.getAttributeNames()) if (/^on/i.test(a)) found.push(e.tagName.toLowerCase() + '[' + a + ']');
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && /^on/i.test(r.attributeName)) found.push('attr ' + r.attributeName);
        for (const n of r.addedNodes) check(n);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
    window.__pwned = 0;
  }
  return true;`;

/** Reads what a card frame shows: labels, placeholders and the error texts, literally. */
const READ_CARD_TEXT = `
  const ids = ${JSON.stringify(FIELD_IDS)};
  const out = {};
  for (const [field, id] of Object.entries(ids)) {
    const input = document.getElementById(id);
    out[field] = { label: document.querySelector('label[for="' + id + '"]')?.textContent ?? null, placeholder: input?.getAttribute('placeholder') ?? null,
                   error: document.getElementById(id + '-error')?.textContent ?? '' };
  }
  return out;`;

interface Totals {
  payloads: Set<string>;
  uses: number;
  refused: number;
  literal: number;
}

/** Picks payloads round-robin over the slots of one path, so that each payload passes each path. */
function picker(round: number, corpus: string[]) {
  const counters = new Map<string, number>();
  return (path: string, slots: number): string => {
    const k = counters.get(path) ?? 0;
    counters.set(path, k + 1);
    return corpus[(round * slots + k) % corpus.length]!;
  };
}

/** A card configuration with a payload in every styling and text slot. */
function cardPayloadConfig(token: string, pick: (path: string, slots: number) => string) {
  const styleSlots = STYLE_GROUPS.length * FIELD_STYLE_STATES.length * STYLE_PROPERTIES.length + 2 * STYLE_PROPERTIES.length;
  const declarations = () => Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, pick('styles', styleSlots)]));
  const styles: Record<string, unknown> = Object.fromEntries(
    STYLE_GROUPS.map((group) => [group, Object.fromEntries(FIELD_STYLE_STATES.map((state) => [state, declarations()]))]),
  );
  styles.cardIcon = declarations();
  styles.form = declarations();
  const text = Object.fromEntries(CARD_FIELDS.map((f) => [f, { label: pick('text', 8), placeholder: pick('text', 8) }]));
  const errorMessages = Object.fromEntries(VALIDATION_ERROR_TYPES.map((t) => [t, pick('errors', VALIDATION_ERROR_TYPES.length)]));
  const themeVariables = Object.fromEntries(THEME_VARIABLES.map((name) => [name, pick('theme', THEME_VARIABLES.length)]));
  const fontCss = Array.from({ length: 8 }, () => pick('fonts', 8));
  return {
    config: cardConfig(token, { styles, text, errorMessages, themeVariables, fontCss }),
    text,
    errorMessages,
    uses: styleSlots + 8 + VALIDATION_ERROR_TYPES.length + THEME_VARIABLES.length + 8,
  };
}

/** Compares what the frame shows with the text sent: literal text, or the default when blank. */
function checkCardText(
  shown: Record<CardField, { label: string | null; placeholder: string | null; error: string }>,
  text: Record<string, { label: string; placeholder: string }>,
  errors: Record<string, string>,
): number {
  let checked = 0;
  for (const field of CARD_FIELDS) {
    const sent = text[field]!;
    expect(shown[field].label, `${field} label`).to.equal(sent.label.trim() || DEFAULT_LABELS[field]);
    if (sent.placeholder.trim()) expect(shown[field].placeholder, `${field} placeholder`).to.equal(sent.placeholder);
    const required = errors[`${field}Required`]!;
    if (required.trim()) expect(shown[field].error, `${field} error`).to.contain(required);
    checked += 3;
  }
  return checked;
}

async function assertCleanFrame(frame: string, origin: string): Promise<{ requests: string[]; markup: string[]; violations: string[] }> {
  const realm = await readFrameRealm(frame);
  const markup = await frameEval<string[]>(frame, 'return [...window.__markup, ...(window.__pwned ? ["script ran"] : [])]');
  const requests = realm.resources.filter((url) => !url.startsWith(`${origin}/`));
  requestsSeen += requests.length + realm.violations.length;
  markupSeen += markup.length;
  expect(requests, 'requests leaving the frame').to.deep.equal([]);
  expect(markup, 'markup made in the frame').to.deep.equal([]);
  expect(realm.violations, 'CSP violations').to.deep.equal([]);
  expect(realm.errors, 'errors in the frame').to.deep.equal([]);
  expect(realm.polluted).to.deep.equal([]);
  return { requests, markup, violations: realm.violations };
}

async function openProbed(kind: FrameKind, token: string, config: (t: string) => object, height: number): Promise<RawFrame> {
  const frame = await openRawFrame(kind, { height });
  await frameEval(frame.name, INSTALL_PROBE);
  frame.connect();
  await frame.request('configure', config(token));
  // After the frame built its own form: from here on, nothing may add markup.
  await frameEval(frame.name, INSTALL_MARKUP_PROBE);
  return frame;
}

const totals: Totals = { payloads: new Set(), uses: 0, refused: 0, literal: 0 };
let requestsSeen = 0;
let markupSeen = 0;

describe('security: CSS and text injection', function () {
  // Thousands of messages or whole payments per test: room for a busy 2-core machine.
  this.timeout(60_000);
  let origin = '';
  before(async () => {
    origin = await sandboxOrigin();
  });
  after(() => {
    console.log(
      `security: injection payloads=${totals.payloads.size} requests=${requestsSeen} markup=${markupSeen} (payload uses=${totals.uses} refused-configs=${totals.refused} literal-text-checks=${totals.literal})`,
    );
  });

  it(`card frame, from a hostile host: ${PAYLOADS.length} payloads through styles (every field × state), theme variables, fontCss, text, errorMessages and locale`, async () => {
    expect(PAYLOADS.length).to.be.at.least(200);
    const session = await createSession();
    const frame = await openProbed('card', session.client_token, cardConfig, 700);
    try {
      const rounds = Math.ceil(PAYLOADS.length / 8);
      for (let round = 0; round < rounds; round++) {
        const { config, text, errorMessages, uses } = cardPayloadConfig(session.client_token, picker(round, PAYLOADS));
        await frame.request('configure', config);
        await frame.request('validate', {});
        totals.uses += uses;
        totals.literal += checkCardText(await frameEval(frame.name, READ_CARD_TEXT), text, errorMessages);
      }
      PAYLOADS.forEach((p) => totals.payloads.add(p));
      // Over-long values: the protocol refuses the configuration, or the filter drops them.
      for (const long of LONG_PAYLOADS) {
        const { config } = cardPayloadConfig(session.client_token, () => long);
        const outcome = await frame.request('configure', config).then(
          () => 'applied',
          (e: { code: string }) => e.code,
        );
        expect(['applied', 'invalid_params']).to.include(outcome);
        if (outcome !== 'applied') totals.refused++;
        totals.payloads.add(long);
        totals.uses++;
      }
      // Locale goes to Intl: a payload there is refused or ignored, never an error.
      for (const locale of PAYLOADS) {
        const outcome = await frame.request('configure', cardConfig(session.client_token, { locale })).then(
          () => 'applied',
          (e: { code: string }) => e.code,
        );
        expect(['applied', 'invalid_params']).to.include(outcome);
        if (outcome !== 'applied') totals.refused++;
        totals.uses++;
      }
      await frame.request('configure', cardConfig(session.client_token));
      const css = await frameEval<string>(
        frame.name,
        'return [...document.adoptedStyleSheets, ...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join("\\n")',
      );
      expect(css).to.not.match(/evil|alert|javascript|expression|@import/i);
      await assertCleanFrame(frame.name, origin);
    } finally {
      frame.remove();
    }
  });

  for (const [kind, names, config] of [
    ['wallet', WALLET_THEME_VARIABLES, walletConfig],
    ['checkout', THEME_VARIABLES, checkoutConfig],
  ] as const) {
    it(`${kind} frame, from a hostile host: every payload in every theme variable and in locale`, async () => {
      const session = await createSession();
      const frame = await openProbed(kind, session.client_token, config, kind === 'checkout' ? 700 : 120);
      try {
        const rounds = Math.ceil(PAYLOADS.length / names.length);
        for (let round = 0; round < rounds; round++) {
          const pick = picker(round, PAYLOADS);
          const themeVariables = Object.fromEntries(names.map((n) => [n, pick('theme', names.length)]));
          await frame.request('configure', config(session.client_token, { themeVariables }));
          totals.uses += names.length;
        }
        for (const long of LONG_PAYLOADS) {
          const themeVariables = Object.fromEntries(names.map((n) => [n, long]));
          const outcome = await frame.request('configure', config(session.client_token, { themeVariables })).then(
            () => 'applied',
            (e: { code: string }) => e.code,
          );
          expect(['applied', 'invalid_params']).to.include(outcome);
          if (outcome !== 'applied') totals.refused++;
        }
        for (const locale of PAYLOADS.slice(0, 120)) {
          const outcome = await frame.request('configure', config(session.client_token, { locale })).then(
            () => 'applied',
            (e: { code: string }) => e.code,
          );
          expect(['applied', 'invalid_params']).to.include(outcome);
        }
        await frame.request('configure', config(session.client_token));
        const css = await frameEval<string>(
          frame.name,
          'return [...document.adoptedStyleSheets, ...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join("\\n")',
        );
        expect(css).to.not.match(/evil|alert|javascript|expression|@import/i);
        await assertCleanFrame(frame.name, origin);
      } finally {
        frame.remove();
      }
    });
  }

  it('<card-component>: payloads through styles, text, errorMessages, fontCss, the text attributes and --moment-* on the page', async () => {
    const session = await createSession();
    const el = document.createElement('card-component') as CardComponent;
    el.clientKey = TEST_KEY;
    el.clientToken = session.client_token;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
    const ready = oneEvent(el, 'ready');
    wrapper.append(el);
    await ready;
    const frame = frameName(el);
    await frameEval(frame, INSTALL_PROBE);
    await frameEval(frame, INSTALL_MARKUP_PROBE);
    const hostErrors = collectHostErrors();
    const warn = console.warn;
    const error = console.error;
    const consoleLines: string[] = [];
    console.warn = (...args: unknown[]) => consoleLines.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => consoleLines.push(`error: ${args.map(String).join(' ')}`);
    const rounds = Math.ceil(PAYLOADS.length / 8);
    try {
      for (let round = 0; round < rounds; round++) {
        const pick = picker(round + 1000, PAYLOADS);
        const { text, errorMessages } = cardPayloadConfig(session.client_token, pick);
        const styles = Object.fromEntries(
          STYLE_GROUPS.map((g) => [
            g,
            Object.fromEntries(FIELD_STYLE_STATES.map((s) => [s, { color: pick('el-styles', 50), fontFamily: pick('el-styles', 50) }])),
          ]),
        );
        el.styles = { ...styles, cardIcon: { color: pick('el-styles', 50) }, form: { backgroundColor: pick('el-styles', 50) } };
        el.errorMessages = errorMessages;
        el.fontCss = Array.from({ length: 8 }, () => pick('el-fonts', 8));
        // Labels and placeholders: the attributes on even rounds, the `text` property on odd ones.
        if (round % 2 === 0) {
          el.text = {};
          CARD_FIELDS.forEach((f, i) => {
            el.setAttribute(TEXT_ATTRIBUTES[2 * i]!, text[f]!.label);
            el.setAttribute(TEXT_ATTRIBUTES[2 * i + 1]!, text[f]!.placeholder);
          });
        } else {
          TEXT_ATTRIBUTES.forEach((a) => el.removeAttribute(a));
          el.text = text;
        }
        for (const name of THEME_VARIABLES) wrapper.style.setProperty(name, pick('el-theme', THEME_VARIABLES.length));
        totals.uses += 50 * 2 + 2 + 8 + VALIDATION_ERROR_TYPES.length + 8 + THEME_VARIABLES.length;
        await el.updateComplete;
        await el.validate();
        const expected = text.cardNumber!.label.trim() || DEFAULT_LABELS.cardNumber;
        await until(
          async () => (await frameEval<Record<CardField, { label: string }>>(frame, READ_CARD_TEXT)).cardNumber.label === expected,
          3000,
          'the labels applied',
        );
        totals.literal += checkCardText(await frameEval(frame, READ_CARD_TEXT), text, errorMessages);
      }
      for (const name of THEME_VARIABLES) wrapper.style.removeProperty(name);
      await el.updateComplete;
      await nextFrames(3);
    } finally {
      console.warn = warn;
      console.error = error;
      hostErrors.stop();
    }
    await assertCleanFrame(frame, origin);
    expect(hostErrors.errors).to.deep.equal([]);
    expect(hostPollution()).to.deep.equal([]);
    expect(consoleLines.filter((l) => l.startsWith('error:'))).to.deep.equal([]);
    // The host says what it dropped.
    expect(consoleLines.some((l) => l.includes('dropped'))).to.equal(true);
  });
});
