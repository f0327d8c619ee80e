import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/card-component/card-component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, frameEval, frameName, until } from '../support/helpers.js';
import { readyWallet, BUTTON } from '../wallet-button/helpers.js';

/** A ready `<card-component>` inside `wrapper` (built by the caller, e.g. with a `lang`). */
async function cardIn(wrapper: HTMLElement, configure: (el: CardComponent) => void = () => {}): Promise<{ el: CardComponent; frame: string }> {
  const session = await createSession();
  const el = document.createElement('card-component');
  el.clientKey = TEST_KEY;
  el.clientToken = session.client_token;
  configure(el);
  const ready = oneEvent(el, 'ready');
  wrapper.append(el);
  await ready;
  return { el, frame: frameName(el) };
}

const LABEL = "return document.querySelector('label[for=card-number]')?.textContent ?? ''";

async function labelBecomes(frame: string, text: string): Promise<void> {
  await until(async () => (await frameEval<string>(frame, LABEL)) === text, 5000, `the card number label to read "${text}"`);
}

describe('language of the elements and their frames', () => {
  const htmlLang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = htmlLang;
  });

  it('<card-component lang="de"> shows German labels and errors; an errorMessages override still wins', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
    const { el, frame } = await cardIn(wrapper, (card) => {
      card.setAttribute('lang', 'de');
      card.errorMessages = { cv2Required: 'Bitte CVC angeben (eigene Meldung).' };
    });
    await labelBecomes(frame, 'Kartennummer');
    const { errors } = await el.validate();
    expect(errors.find((e) => e.errorType === 'cardNumberRequired')?.message).to.equal('Geben Sie die Kartennummer ein.');
    expect(errors.find((e) => e.errorType === 'cv2Required')?.message).to.equal('Bitte CVC angeben (eigene Meldung).');
    const shown = await frameEval<{ number: string; cv2: string; expiryPlaceholder: string; lang: string }>(
      frame,
      `return {
        number: document.querySelector('#card-number-error').textContent.replace(/^!/, '').trim(),
        cv2: document.querySelector('#cv2-error').textContent.replace(/^!/, '').trim(),
        expiryPlaceholder: document.querySelector('#expiry-date').placeholder,
        lang: document.documentElement.lang,
      }`,
    );
    expect(shown).to.deep.equal({
      number: 'Geben Sie die Kartennummer ein.',
      cv2: 'Bitte CVC angeben (eigene Meldung).',
      expiryPlaceholder: 'MM/JJ',
      lang: 'de',
    });
  });

  it('el.lang = "fr" after ready switches the frame to French', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
    const { el, frame } = await cardIn(wrapper, (card) => (card.lang = 'en'));
    await labelBecomes(frame, 'Card number');
    el.lang = 'fr';
    await labelBecomes(frame, 'Numéro de carte');
    const { errors } = await el.validate();
    expect(errors[0]?.message).to.equal('Saisissez le numéro de carte.');
  });

  it('follows the closest lang attribute across shadow roots, and its changes', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="nl" style="width: 420px"></div>`);
    const host = document.createElement('div');
    outer.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const { frame } = await cardIn(root as unknown as HTMLElement);
    await labelBecomes(frame, 'Kaartnummer');
    outer.setAttribute('lang', 'it');
    await labelBecomes(frame, 'Numero della carta');
    // A region subtag picks the language's dictionary.
    outer.setAttribute('lang', 'pt-BR');
    await labelBecomes(frame, 'Número do cartão');
  });

  it('lang="ar" lays the frame out right to left, with the card numbers left to right', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar" style="width: 420px"></div>`);
    const { frame } = await cardIn(wrapper);
    await labelBecomes(frame, 'رقم البطاقة');
    const layout = await frameEval<{ dir: string; inputs: string[]; name: string; brandLeft: boolean }>(
      frame,
      `const input = document.querySelector('#card-number');
       const brand = document.querySelector('.mc-brand').getBoundingClientRect();
       const box = input.getBoundingClientRect();
       return {
        dir: document.documentElement.dir,
        inputs: ['#card-number', '#expiry-date', '#cv2'].map((s) => getComputedStyle(document.querySelector(s)).direction),
        name: getComputedStyle(document.querySelector('#card-name')).direction,
        brandLeft: brand.left - box.left < box.right - brand.right,
      }`,
    );
    expect(layout).to.deep.equal({ dir: 'rtl', inputs: ['ltr', 'ltr', 'ltr'], name: 'rtl', brandLeft: true });
  });

  it('<moment-checkout> follows <html lang>', async () => {
    document.documentElement.lang = 'fr';
    const opener = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('moment-checkout') as MomentCheckout;
    el.clientKey = TEST_KEY;
    el.fetchClientToken = async () => (await createSession({ variant: 'modal', amount: 1000, currency: 'GBP' })).client_token;
    opener.append(el);
    await el.launch();
    const iframe = el.shadowRoot!.querySelector('iframe') ?? document.querySelector<HTMLIFrameElement>('iframe[name^="moment-checkout-"]');
    const frame = iframe!.name;
    const read = () =>
      frameEval<{ pay: string; summary: string; dir: string; lang: string }>(
        frame,
        `return {
        pay: document.querySelector('.mc-pay')?.textContent ?? '',
        summary: document.querySelector('#summary-heading')?.textContent ?? '',
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
      }`,
      );
    await until(async () => (await read()).pay.startsWith('Payer'), 8000, 'the French pay button');
    const texts = await read();
    // French formats the amount with a comma and the currency after it.
    expect(texts.pay).to.match(/^Payer 10,00\s£/);
    expect(texts.summary).to.equal('Récapitulatif de la commande');
    expect(texts.lang).to.equal('fr');
    expect(texts.dir).to.equal('ltr');
    // The host's own texts speak French too: the dialog's title, its close button, the iframe's title.
    expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Paiement sécurisé');
    expect(el.shadowRoot!.querySelector('[part="close-button"]')!.getAttribute('aria-label')).to.equal('Fermer le paiement');
    expect(iframe!.title).to.equal('Paiement sécurisé');
    el.close();
  });

  it('<wallet-button lang="es"> labels its button in Spanish, and follows a change to German', async () => {
    const { el, frame } = await readyWallet({ lang: 'es', buttonType: 'buy' });
    const label = () => frameEval<string>(frame, `return document.querySelector('${BUTTON}').getAttribute('aria-label') ?? ''`);
    await until(async () => (await label()) === 'Comprar con Sandbox Pay', 5000, 'the Spanish wallet label');
    el.lang = 'de-AT';
    await until(async () => (await label()) === 'Kaufen mit Sandbox Pay', 5000, 'the German wallet label');
  });
});

describe('host texts follow the language', () => {
  it('a card that cannot load says so, and offers to try again, in German', async () => {
    const el = document.createElement('card-component');
    el.lang = 'de';
    el.clientKey = 'pk_test_moment';
    el.clientToken = (await createSession()).client_token;
    el.loadTimeout = 1; // no frame can connect in 1 ms: a retryable timeout
    const failed = new Promise((resolve) => el.addEventListener('load-error', resolve, { once: true }));
    document.body.append(el);
    try {
      await failed;
      await el.updateComplete;
      const error = el.shadowRoot!.querySelector('[part="error"]')!;
      expect(error.querySelector('span')!.textContent).to.equal('Das Kartenformular konnte nicht geladen werden.');
      expect(error.querySelector('button')!.textContent).to.equal('Erneut versuchen');
      el.lang = 'fr';
      await el.updateComplete;
      expect(error.isConnected ? error.querySelector('button')!.textContent : el.shadowRoot!.querySelector('[part="error"] button')!.textContent).to.equal(
        'Réessayer',
      );
    } finally {
      el.remove();
    }
  });

  it('the iframe titles and the checkout dialog follow <html lang>, and a page title wins', async () => {
    const root = document.documentElement;
    const before = root.lang;
    root.lang = 'es';
    const wallet = document.createElement('wallet-button');
    wallet.clientKey = 'pk_test_moment';
    wallet.clientToken = (await createSession()).client_token;
    const card = document.createElement('card-component');
    card.clientKey = 'pk_test_moment';
    card.clientToken = (await createSession()).client_token;
    card.frameTitle = 'Pago con tarjeta de la tienda';
    document.body.append(wallet, card);
    try {
      await Promise.all([wallet.updateComplete, card.updateComplete]);
      expect(wallet.shadowRoot!.querySelector('iframe')!.title).to.equal('Pago con monedero');
      expect(card.shadowRoot!.querySelector('iframe')!.title).to.equal('Pago con tarjeta de la tienda');
      root.lang = 'ar';
      await until(() => wallet.shadowRoot!.querySelector('iframe')!.title === 'الدفع بالمحفظة', 2000, 'the Arabic title');
      await wallet.updateComplete;
      expect(wallet.shadowRoot!.querySelector('iframe')!.title).to.equal('الدفع بالمحفظة');
    } finally {
      root.lang = before;
      wallet.remove();
      card.remove();
    }
  });
});
