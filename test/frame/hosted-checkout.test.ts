/**
 * The checkout page opened TOP-LEVEL, in a tab of its own, as a redirect, a new tab or a mobile
 * WebView opens it (test/support/hosted-plugin.mjs), against the real sandbox: it pays, handles
 * 3-D Secure, shows "Test mode", navigates to the merchant's return URL (an app's deep link
 * included), and says clearly when its link cannot be used.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { hostedCheckoutUrl } from '../../src/protocol/api.js';
import { createSession, getSession, sandboxOrigin, type SandboxSession } from '../support/helpers.js';

type Hosted = SandboxSession & { checkout_url: string };

const command = async <T>(name: string, payload: object): Promise<T> => (await executeServerCommand(name, payload)) as T;
let tabs: string[] = [];

async function openTab(url: string, options: { mobile?: boolean; languages?: string[] } = {}): Promise<string> {
  const { id } = await command<{ id: string }>('hosted-open', { url, ...options });
  tabs.push(id);
  return id;
}
const evalIn = async <T>(tab: string, script: string, urlIncludes?: string) =>
  (await command<{ result: T }>('hosted-eval', { id: tab, script, ...(urlIncludes ? { urlIncludes } : {}) })).result;
const waitFor = (tab: string, selector: string, urlIncludes?: string) => command('hosted-wait', { id: tab, selector, ...(urlIncludes ? { urlIncludes } : {}) });
const typeIn = (tab: string, selector: string, text: string) => command('hosted-type', { id: tab, selector, text });
const click = (tab: string, selector: string, options: { urlIncludes?: string; tap?: boolean } = {}) =>
  command('hosted-click', { id: tab, selector, ...options });
const navigation = async (tab: string, prefix: string, timeout = 10_000) =>
  (await command<{ url: string }>('hosted-navigation', { id: tab, prefix, timeout })).url;
const text = (tab: string, selector: string) => evalIn<string | null>(tab, `return document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);

async function fillCard(tab: string, number: string): Promise<void> {
  await typeIn(tab, '#card-number', number);
  await typeIn(tab, '#expiry-date', '12/34');
  await typeIn(tab, '#cv2', '123');
  await typeIn(tab, '#card-name', 'Ada Lovelace');
}

/** A hosted session, created as a merchant's backend does (seed 003 `presentation_mode.mode: 'hosted'`). */
async function hostedSession(checkoutOptions: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<Hosted> {
  return (await createSession({
    amount: 1000,
    extra: { options: { checkout_options: { presentation_mode: { mode: 'hosted' }, ...checkoutOptions } }, ...extra },
  })) as Hosted;
}

/** Where the merchant's return pages are: the test server (a loopback http origin the sandbox accepts). */
const shop = () => `${location.origin}/shop`;

afterEach(async () => {
  for (const id of tabs) await command('hosted-close', { id });
  tabs = [];
});

describe('hosted checkout: a top-level page that pays', function () {
  this.timeout(40_000);

  it('pays 4242 top-level and navigates the page to success_url with session_id; test mode is badged', async () => {
    const session = await hostedSession({ success_url: `${shop()}/thanks?order=7` });
    expect(session.checkout_url).to.equal(hostedCheckoutUrl(await sandboxOrigin(), session.id, session.client_token));
    const tab = await openTab(session.checkout_url);
    await waitFor(tab, '#card-number');
    expect(await text(tab, '.mc-test-badge')).to.equal('Test mode');
    expect(await evalIn<boolean>(tab, `return document.querySelector('.mc-test-badge').checkVisibility()`)).to.equal(true);
    expect(await text(tab, '.mc-pay')).to.equal('Pay £10.00');
    expect(await command('hosted-axe', { id: tab })).to.deep.equal([]);
    await fillCard(tab, '4242424242424242');
    await click(tab, '.mc-pay');
    const url = await navigation(tab, `${shop()}/thanks`);
    expect(new URL(url).searchParams.get('session_id')).to.equal(session.id);
    expect(new URL(url).searchParams.get('order')).to.equal('7');
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it("seed 001's deep link: at 375×812 with touch it pays and navigates to yourapp://checkout?session_id=…, with a link back for WebViews that block it", async () => {
    // Seed 001's backend, verbatim: embedded presentation, the deep link as success_url.
    const session = (await createSession({ amount: 10000, currency: 'ZAR', successUrl: 'yourapp://checkout?session_id={SESSION_ID}' })) as Hosted;
    const tab = await openTab(session.checkout_url, { mobile: true });
    await waitFor(tab, '#card-number');
    const layout = await evalIn<{ scroll: number; client: number; width: number }>(
      tab,
      `return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, width: innerWidth }`,
    );
    expect(layout.width).to.equal(375);
    expect(layout.scroll).to.be.at.most(layout.client);
    await fillCard(tab, '4242424242424242');
    await click(tab, '.mc-pay', { tap: true });
    const url = await navigation(tab, 'yourapp://');
    expect(url).to.equal(`yourapp://checkout?session_id=${session.id}`);
    await waitFor(tab, '.mc-return');
    expect(await evalIn<string>(tab, `return document.querySelector('.mc-return').getAttribute('href')`)).to.equal(url);
    expect(await text(tab, '.mc-state-heading')).to.equal('Payment successful');
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it('3-D Secure (3220) top-level without a success_url: the challenge opens in place and the page ends on success', async () => {
    const session = await hostedSession();
    const tab = await openTab(session.checkout_url);
    await waitFor(tab, '#card-number');
    await fillCard(tab, '4000000000003220');
    await click(tab, '.mc-pay');
    await click(tab, '#pass', { urlIncludes: '/3ds/challenge/' });
    await waitFor(tab, '.mc-state[data-state="success"]');
    expect(await text(tab, '.mc-state-heading')).to.equal('Payment successful');
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it('3-D Secure (3220) top-level with a success_url: the page goes to the bank itself, and the bank returns it to success_url', async () => {
    const session = await hostedSession({ success_url: `${shop()}/done?session_id={SESSION_ID}` });
    const tab = await openTab(session.checkout_url);
    await waitFor(tab, '#card-number');
    await fillCard(tab, '4000000000003220');
    await click(tab, '.mc-pay');
    const bank = await navigation(tab, `${await sandboxOrigin()}/3ds/challenge/`);
    expect(bank).to.contain('/3ds/challenge/');
    await click(tab, '#pass');
    const url = await navigation(tab, `${shop()}/done`);
    expect(url).to.equal(`${shop()}/done?session_id=${session.id}`);
    expect((await getSession(session.id)).status).to.equal('completed');
  });

  it('Cancel goes back to cancel_url and takes no payment', async () => {
    const session = await hostedSession({ success_url: `${shop()}/thanks`, cancel_url: `${shop()}/cart` });
    const tab = await openTab(session.checkout_url);
    await waitFor(tab, '.mc-cancel');
    expect(await text(tab, '.mc-cancel')).to.equal('Cancel and go back');
    await click(tab, '.mc-cancel');
    const url = await navigation(tab, `${shop()}/cart`);
    expect(new URL(url).searchParams.get('session_id')).to.equal(session.id);
    expect((await getSession(session.id)).status).to.equal('open');
  });

  it("speaks the browser's language", async () => {
    const session = await hostedSession();
    const tab = await openTab(session.checkout_url, { languages: ['fr-FR', 'fr'] });
    await waitFor(tab, '#card-number');
    await waitFor(tab, 'html[lang="fr-FR"]');
    expect(await text(tab, '.mc-pay')).to.match(/^Payer 10,00\s£GB$/);
    expect(await text(tab, '.mc-test-badge')).to.equal('Mode test');
  });
});

describe('hosted checkout: wallets', function () {
  this.timeout(40_000);

  it('a ["Card", "Wallet"] session shows the wallet above the card form and pays by the sandbox wallet, then returns to success_url', async () => {
    const session = await hostedSession({ success_url: `${shop()}/thanks` }, { paymentMethods: ['Card', 'Wallet'] });
    const tab = await openTab(session.checkout_url, { mobile: true });
    await waitFor(tab, '#wallet-button[data-wallet="sandbox"]');
    expect(await evalIn<string[]>(tab, `return [...document.querySelectorAll('.mc-wallet, .mc-divider, .mc-card')].map((e) => e.className)`)).to.deep.equal([
      'mc-wallet',
      'mc-divider',
      'mc-card',
    ]);
    expect(await text(tab, '.mc-divider')).to.equal('Or pay by card');
    await click(tab, '#wallet-button', { tap: true });
    await click(tab, '#sheet-pay', { tap: true });
    const url = await navigation(tab, `${shop()}/thanks`);
    expect(new URL(url).searchParams.get('session_id')).to.equal(session.id);
    const stored = (await getSession(session.id)) as SandboxSession & { payment: { status: string } };
    expect(stored.status).to.equal('completed');
  });
});

describe('hosted checkout: a link that cannot be used says so', function () {
  this.timeout(30_000);
  const heading = async (tab: string) => {
    await waitFor(tab, '.mc-state-heading');
    return {
      heading: await text(tab, '.mc-state-heading'),
      text: await text(tab, '.mc-state-text'),
      cardForm: await evalIn<boolean>(tab, `return !!document.querySelector('#card-number')`),
    };
  };

  it('without a token: "incomplete", with what to do', async () => {
    const session = await hostedSession();
    const tab = await openTab(`${await sandboxOrigin()}/checkout/${session.id}`);
    expect(await heading(tab)).to.deep.equal({
      heading: 'This payment link is incomplete',
      text: 'Open the link exactly as the merchant gave it, or go back to the merchant and start the payment again.',
      cardForm: false,
    });
    expect(await command('hosted-axe', { id: tab })).to.deep.equal([]);
  });

  it('/frames/checkout opened top-level without a token shows the same message, never a blank page', async () => {
    const tab = await openTab(`${await sandboxOrigin()}/frames/checkout`);
    expect((await heading(tab)).heading).to.equal('This payment link is incomplete');
  });

  it('/frames/checkout opened top-level with a token works as the hosted page', async () => {
    const session = await hostedSession();
    const tab = await openTab(`${await sandboxOrigin()}/frames/checkout#token=${encodeURIComponent(session.client_token)}`);
    await waitFor(tab, '#card-number');
    expect(await text(tab, '.mc-pay')).to.equal('Pay £10.00');
  });

  it('a token that is not a token, another session\'s token, and a forged one: "not valid"', async () => {
    const [a, b] = [await hostedSession(), await hostedSession()];
    const origin = await sandboxOrigin();
    const [head, claims, signature] = a.client_token.split('.') as [string, string, string];
    const forged = `${head}.${claims}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    for (const url of [`${origin}/checkout/${a.id}#token=garbage`, hostedCheckoutUrl(origin, a.id, b.client_token), hostedCheckoutUrl(origin, a.id, forged)]) {
      const tab = await openTab(url);
      const shown = await heading(tab);
      expect(shown.heading, url).to.equal('This payment link is not valid');
      expect(shown.cardForm, url).to.equal(false);
    }
    expect((await getSession(a.id)).status).to.equal('open');
  });
});
