import { expect } from '@open-wc/testing';
import { quietWindow, until } from '../support/wait.js';
import { COLLECTED_ERROR_MESSAGES, buildAdditionalInfo, collectedFields, validateCollected, type CollectedValues } from '../../src/frame/checkout/collect.js';
import { countries, countryOfLocale, numericCountryCode } from '../../src/frame/checkout/countries.js';
import { orderSummary } from '../../src/frame/checkout/money.js';
import { SESSION_STATUSES, type SessionStatus } from '../../src/protocol/outcome.js';
import type { FrameSession } from '../../src/protocol/checkout.js';
import { formatMoney, minorUnitDigits, safeLocale } from '../../src/protocol/money.js';
import { readSession, redirectUrl, scheduleExpiry } from '../../src/frame/checkout/session.js';
import { tokenSessionId as sessionIdFromToken } from '../../src/frame/token.js';
import { payWithCard } from '../../src/frame/card/payment.js';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('checkout money: minor units by currency', () => {
  const cases: [number, string, string, string][] = [
    [1234, 'GBP', 'en-GB', '£12.34'],
    [1234, 'JPY', 'en-GB', 'JP¥1,234'],
    [1234, 'JPY', 'ja-JP', '￥1,234'],
    [1234, 'KWD', 'en-GB', 'KWD 1.234'],
    [10000, 'ZAR', 'en-ZA', 'R 100,00'],
    [5, 'EUR', 'de-DE', '0,05 €'],
    [0, 'USD', 'en-US', '$0.00'],
  ];
  for (const [minor, currency, locale, expected] of cases) {
    it(`formats ${minor} ${currency} in ${locale} as ${expected}`, () => {
      expect(nbsp(formatMoney(minor, currency, locale))).to.equal(expected);
    });
  }

  it('reads the decimals from the currency: JPY 0, GBP 2, KWD 3', () => {
    expect(minorUnitDigits('JPY')).to.equal(0);
    expect(minorUnitDigits('GBP')).to.equal(2);
    expect(minorUnitDigits('KWD')).to.equal(3);
  });

  it('falls back to a plain amount for a currency Intl refuses, and to `en` for a bad locale', () => {
    expect(formatMoney(1234, 'G1P', 'en')).to.equal('12.34 G1P');
    expect(safeLocale('not a locale!')).to.equal('en');
    expect(safeLocale('en-gb')).to.equal('en-GB');
    expect(formatMoney(1234, 'GBP', 'not a locale!')).to.equal('£12.34');
  });
});

describe('checkout money: the order summary', () => {
  // Seed 004's request body, verbatim.
  const seed = {
    amount: 1510,
    currency: 'GBP',
    itemLines: [
      { id: 'item 1', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } },
      { id: 'item 5', quantity: 1, caption: 'Dog bandana', amountTotal: { value: 600, currencyCode: 'GBP' } },
    ],
    taxLines: [
      { id: 'vat', caption: 'VAT', subCaption: '10%', amountTotal: { value: 10, currencyCode: 'GBP' } },
      { id: 'delivery', caption: 'Delivery', amountTotal: { value: 500, currencyCode: 'GBP' } },
    ],
    showTotal: true,
  };

  it("shows seed 004's example: each line's amountTotal as given, the session amount as Total due", () => {
    expect(orderSummary(seed)).to.deep.equal({
      items: [
        { id: 'item 1', caption: 'Dog socks', quantity: 4, amount: 400, currency: 'GBP' },
        { id: 'item 5', caption: 'Dog bandana', quantity: 1, amount: 600, currency: 'GBP' },
      ],
      taxes: [
        { id: 'vat', caption: 'VAT', subCaption: '10%', amount: 10, currency: 'GBP' },
        { id: 'delivery', caption: 'Delivery', amount: 500, currency: 'GBP' },
      ],
      total: { amount: 1510, currency: 'GBP' },
    });
  });

  it('takes the total from the session amount, whatever the lines add up to', () => {
    expect(orderSummary({ ...seed, amount: 1 }).total).to.deep.equal({ amount: 1, currency: 'GBP' });
  });

  it('shows Total due only with showTotal, unless the amount is shown nowhere else', () => {
    const { showTotal: _, ...noTotal } = seed;
    expect(orderSummary(noTotal).total).to.equal(null);
    expect(orderSummary({ ...seed, showTotal: false }).total).to.equal(null);
    expect(orderSummary(noTotal, { amountShownElsewhere: false }).total).to.deep.equal({ amount: 1510, currency: 'GBP' });
  });

  it('has no lines when the session has none', () => {
    expect(orderSummary({ amount: 999, currency: 'GBP' })).to.deep.equal({ items: [], taxes: [], total: null });
  });
});

describe('checkout: collected fields', () => {
  it('asks for nothing unless the session says so', () => {
    expect(collectedFields(undefined)).to.deep.equal([]);
    expect(collectedFields({ email: false, billing_address: null })).to.deep.equal([]);
  });

  it('orders contact, shipping, billing, with labels and autofill tokens', () => {
    const defs = collectedFields({ email: true, billing_address: true, shipping_address: true });
    expect(defs.map((d) => [d.id, d.autocomplete])).to.deep.equal([
      ['email', 'email'],
      ['shipping-name', 'shipping name'],
      ['shipping-address1', 'shipping address-line1'],
      ['shipping-address2', 'shipping address-line2'],
      ['shipping-city', 'shipping address-level2'],
      ['shipping-postcode', 'shipping postal-code'],
      ['shipping-country', 'shipping country'],
      ['billing-address1', 'billing address-line1'],
      ['billing-address2', 'billing address-line2'],
      ['billing-city', 'billing address-level2'],
      ['billing-postcode', 'billing postal-code'],
      ['billing-country', 'billing country'],
    ]);
    for (const def of defs) expect(def.label.length).to.be.greaterThan(0);
  });

  const all = collectedFields({ email: true, billing_address: true, shipping_address: true });
  const complete: CollectedValues = {
    email: 'ada@example.com',
    shippingName: 'Ada Lovelace',
    shippingAddress1: '12 St James Square',
    shippingCity: 'London',
    shippingPostcode: 'SW1Y 4JH',
    shippingCountry: 'GB',
    billingAddress1: '1 Main Street',
    billingAddress2: 'Flat 2',
    billingCity: 'Dublin',
    billingPostcode: 'D02 X285',
    billingCountry: 'IE',
  };

  it('accepts a complete form (address line 2 is optional)', () => {
    expect(validateCollected(all, complete)).to.deep.equal({});
  });

  const cases: [string, CollectedValues, object][] = [
    [
      'everything empty',
      {},
      {
        email: 'emailRequired',
        shippingName: 'nameRequired',
        shippingAddress1: 'address1Required',
        shippingCity: 'cityRequired',
        shippingPostcode: 'postcodeRequired',
        shippingCountry: 'countryRequired',
        billingAddress1: 'address1Required',
        billingCity: 'cityRequired',
        billingPostcode: 'postcodeRequired',
        billingCountry: 'countryRequired',
      },
    ],
    ['blank space only', { ...complete, email: '   ', billingCity: ' ' }, { email: 'emailRequired', billingCity: 'cityRequired' }],
    ['an email without a domain', { ...complete, email: 'ada@' }, { email: 'emailInvalid' }],
    ['an email without a dot in the domain', { ...complete, email: 'ada@example' }, { email: 'emailInvalid' }],
    ['an email with a space', { ...complete, email: 'ada lovelace@example.com' }, { email: 'emailInvalid' }],
    ['an unknown country code', { ...complete, billingCountry: 'XX' }, { billingCountry: 'countryRequired' }],
    ['a postcode that is too long', { ...complete, shippingPostcode: '1'.repeat(21) }, { shippingPostcode: 'tooLong' }],
    ['no postcode where the country has none (HK)', { ...complete, shippingPostcode: '', shippingCountry: 'HK' }, {}],
    ['no postcode in a country that has them', { ...complete, billingPostcode: '' }, { billingPostcode: 'postcodeRequired' }],
  ];
  for (const [name, values, expected] of cases) {
    it(`validates ${name}`, () => {
      expect(validateCollected(all, values)).to.deep.equal(expected);
    });
  }

  it('has a message for every error type', () => {
    for (const message of Object.values(COLLECTED_ERROR_MESSAGES)) expect(message).to.match(/\.$/);
  });

  it('builds additionalInfo in the seed 004 shape, with numeric country codes', () => {
    expect(buildAdditionalInfo({ email: true, billing_address: true, shipping_address: true }, complete)).to.deep.equal({
      userEmailAddress: 'ada@example.com',
      billingAddress: { address1: '1 Main Street', address2: 'Flat 2', city: 'Dublin', postcode: 'D02 X285', countryCode: '372' },
      shippingDetails: {
        name: 'Ada Lovelace',
        address: { address1: '12 St James Square', city: 'London', postcode: 'SW1Y 4JH', countryCode: '826' },
      },
    });
  });

  it('sends only the sections the session collects, trimmed', () => {
    expect(buildAdditionalInfo({ email: true }, { ...complete, email: '  ada@example.com ' })).to.deep.equal({ userEmailAddress: 'ada@example.com' });
    expect(buildAdditionalInfo({}, complete)).to.equal(undefined);
    expect(buildAdditionalInfo(undefined, complete)).to.equal(undefined);
  });
});

describe('checkout: countries', () => {
  it('maps alpha-2 to ISO 3166-1 numeric codes', () => {
    expect(numericCountryCode('GB')).to.equal('826');
    expect(numericCountryCode('us')).to.equal('840');
    expect(numericCountryCode('ZA')).to.equal('710');
    expect(numericCountryCode('JP')).to.equal('392');
    expect(numericCountryCode('XX')).to.equal(undefined);
  });

  it('names all 249 countries in the locale, sorted by name', () => {
    const en = countries('en-GB');
    expect(en.length).to.equal(249);
    expect(en.find((c) => c.alpha2 === 'DE')!.name).to.equal('Germany');
    expect(countries('de-DE').find((c) => c.alpha2 === 'DE')!.name).to.equal('Deutschland');
    const names = en.map((c) => c.name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('en-GB').compare));
  });

  it("picks the locale's country as the default", () => {
    expect(countryOfLocale('en-GB')).to.equal('GB');
    expect(countryOfLocale('de')).to.equal('DE');
    expect(countryOfLocale('en-ZA')).to.equal('ZA');
  });
});

describe('checkout: the session', () => {
  const ok = {
    id: 'ps_1',
    status: 'open',
    amount: 1234,
    currency: 'GBP',
    variant: 'modal',
    expires_at: '2031-01-01T00:00:00.000Z',
    success_url: null,
  };
  const fetchWith = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    (async (url: RequestInfo | URL, init?: RequestInit) => {
      expect(String(url)).to.equal('https://frames.test/v1/session');
      expect((init!.headers as Record<string, string>).Authorization).to.equal('Bearer tok');
      expect(init!.credentials).to.equal('omit');
      return new Response(JSON.stringify(body), { status, headers });
    }) as typeof fetch;
  const read = (f: typeof fetch) => readSession('tok', { origin: 'https://frames.test', fetch: f });

  it('reads an open session and the server clock', async () => {
    const serverDate = new Date(Date.now() + 60_000).toUTCString();
    const result = await read(fetchWith(200, ok, { date: serverDate }));
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.session).to.deep.include({ id: 'ps_1', amount: 1234 });
    expect(result.clockOffsetMs).to.be.within(58_000, 62_000);
  });

  it("reads seed 004's extras in the FrameSession shape: lines, title, showTotal, paymentMethods; nulls left out", async () => {
    const extras = {
      title: 'Dog shop',
      itemLines: [{ id: 'item 1', quantity: 4, caption: 'Dog socks', amountTotal: { value: 400, currencyCode: 'GBP' } }],
      taxLines: [{ id: 'vat', caption: 'VAT', subCaption: '10%', amountTotal: { value: 10, currencyCode: 'GBP' } }],
      showTotal: true,
      paymentMethods: ['Card', 'Wallet'],
      cancel_url: 'https://shop.example/cart',
    };
    const result = await read(fetchWith(200, { ...ok, ...extras, collect: null, allowed_origins: null, unknown_extra: 1 }));
    expect(result.ok && result.session).to.deep.equal({ ...ok, ...extras, allowed_origins: null });
    const bare = await read(fetchWith(200, { ...ok, title: null, itemLines: null, showTotal: null, paymentMethods: null }));
    expect(bare.ok && bare.session).to.deep.equal(ok);
    // A line the seed's shape does not allow makes the session unreadable, not half-shown.
    const bad = await read(fetchWith(200, { ...ok, itemLines: [{ id: 'x', caption: 'X', amountTotal: { value: -1, currencyCode: 'GBP' } }] }));
    expect(bad).to.deep.equal({ ok: false, reason: 'invalid' });
  });

  it('reads every status of the one session status list, and nothing else', async () => {
    for (const status of SESSION_STATUSES) {
      const result = await read(fetchWith(200, { ...ok, status }));
      expect(result.ok && result.session.status, status).to.equal(status);
    }
    expect(await read(fetchWith(200, { ...ok, status: 'paid' }))).to.deep.equal({ ok: false, reason: 'invalid' });
    // The frame's session type names the same statuses (a compile-time check).
    const same: [FrameSession['status']] extends [SessionStatus] ? ([SessionStatus] extends [FrameSession['status']] ? true : false) : false = true;
    expect(same).to.equal(true);
  });

  it('tells an expired session (401 session_expired) from a bad token, a missing session and no answer', async () => {
    expect(await read(fetchWith(401, { error: { type: 'session_expired', message: 'x' } }))).to.deep.equal({ ok: false, reason: 'expired' });
    expect(await read(fetchWith(401, { error: { type: 'invalid_token', message: 'x' } }))).to.deep.equal({ ok: false, reason: 'invalid' });
    expect(await read(fetchWith(404, { error: { type: 'not_found', message: 'x' } }))).to.deep.equal({ ok: false, reason: 'invalid' });
    expect(await read(fetchWith(200, { ...ok, amount: '12' }))).to.deep.equal({ ok: false, reason: 'invalid' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await read(offline)).to.deep.equal({ ok: false, reason: 'network' });
  });

  it('reads the session id from a client token without trusting it further', () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect(sessionIdFromToken(`${b64({ alg: 'HS256' })}.${b64({ sid: 'ps_abc' })}.sig`)).to.equal('ps_abc');
    expect(sessionIdFromToken(`x.${b64({ sid: '<script>' })}.y`)).to.equal('');
    expect(sessionIdFromToken('not a token')).to.equal('');
  });

  it('builds the redirect URL: the challenge on the frames origin + ?return_url= + the encoded success_url', () => {
    const success = 'https://shop.example/checkout?session_id=ps_1&x=1';
    expect(redirectUrl('https://frames.test/3ds/challenge/pay_1', success, 'https://frames.test')).to.equal(
      `https://frames.test/3ds/challenge/pay_1?return_url=${encodeURIComponent(success)}`,
    );
    expect(redirectUrl('/3ds/challenge/pay_1?lang=en', success, 'https://frames.test')).to.equal(
      `https://frames.test/3ds/challenge/pay_1?lang=en&return_url=${encodeURIComponent(success)}`,
    );
    expect(redirectUrl('https://evil.test/3ds', success, 'https://frames.test')).to.equal(null);
    expect(redirectUrl('javascript:alert(1)', success, 'https://frames.test')).to.equal(null);
  });

  it('schedules the expiry on the server clock, and at once when it has passed', async () => {
    let fired = 0;
    const cancel = scheduleExpiry(Date.now() + 60_000, 60_000 - 30, () => fired++);
    await until(() => fired > 0, 2000, 'the expiry');
    expect(fired).to.equal(1);
    cancel();
    scheduleExpiry(Date.now() - 1, 0, () => fired++);
    expect(fired).to.equal(2);
    const stop = scheduleExpiry(Date.now() + 50, 0, () => fired++);
    stop();
    // A stopped schedule (due in 50 ms) never fires.
    await quietWindow(100);
    expect(fired).to.equal(2);
  });
});

describe('card payment: the redirect option used by the checkout', () => {
  const challenge = {
    id: 'pay_3ds',
    status: 'requires_action',
    statusCode: 3,
    message: 'Verify',
    challenge: { url: '/3ds/challenge/pay_3ds', windowSize: '02' },
  };
  const request = { card: { number: '4000000000003220', expiryMonth: 12, expiryYear: 2031, cvv: '123' } };

  it('ends with status 3 and the payment id when the challenge is left to a redirect, without reading it back', async () => {
    const calls: string[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method} ${String(url)}`);
      return new Response(JSON.stringify(challenge), { status: 200 });
    }) as typeof fetch;
    const result = await payWithCard({ origin: 'https://frames.test', clientToken: 'tok', fetch: fetchImpl }, request, 'key_abcdefgh', async () => 'redirect');
    expect(result).to.deep.equal({ statusCode: 3, message: 'The payment is waiting for authentication.', paymentId: 'pay_3ds' });
    expect(calls).to.deep.equal(['POST https://frames.test/v1/payments']);
  });

  it('still reads the payment back after an inline challenge', async () => {
    let n = 0;
    const fetchImpl = (async () =>
      new Response(JSON.stringify(n++ === 0 ? challenge : { id: 'pay_3ds', status: 'succeeded', statusCode: 0, message: 'OK' }), {
        status: 200,
      })) as typeof fetch;
    const result = await payWithCard({ origin: 'https://frames.test', clientToken: 'tok', fetch: fetchImpl }, request, 'key_abcdefgh', async () => {});
    expect(result).to.deep.equal({ statusCode: 0, message: 'OK', paymentId: 'pay_3ds' });
  });
});
