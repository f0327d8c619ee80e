import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ContextRoot } from '@lit/context';
import { ReactiveElement } from '@lit/reactive-element';
import { CheckoutScopeConsumer, CheckoutScopeController, type ScopeSource } from '../../src/core/context.js';
import '../../src/elements/card-component/card-component.js';
import { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, fillCard, frameName, getSession, until } from '../support/helpers.js';

/** A nested element: follows the scope of the checkout around it. */
class ScopeUser extends ReactiveElement {
  readonly scope = new CheckoutScopeConsumer(this);
  updates = 0;
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    this.updates++;
  }
}
customElements.define('scope-user', ScopeUser);

/** A checkout stand-in: publishes `source`, and fetches a token (counted) when a nested element asks. */
class ScopeProvider extends ReactiveElement {
  source: ScopeSource = { clientKey: null, clientToken: null, framesOrigin: null, canFetchToken: false };
  fetches = 0;
  token: () => Promise<string> = async () => 'fetched-token';
  constructor() {
    super();
    new CheckoutScopeController(this, {
      source: () => this.source,
      fetchToken: () => {
        this.fetches++;
        return this.token();
      },
      onError: () => undefined,
    });
  }
  async set(source: Partial<ScopeSource>): Promise<void> {
    this.source = { ...this.source, ...source };
    this.requestUpdate();
    await this.updateComplete;
  }
}
customElements.define('scope-provider', ScopeProvider);

let tags = 0;
/** A provider tag not defined yet: the page's markup before the checkout's script. */
function lateProvider(source: Partial<ScopeSource> = {}): { tag: string; define: () => void } {
  const tag = `late-scope-provider-${++tags}`;
  return {
    tag,
    define: () =>
      customElements.define(
        tag,
        class extends ScopeProvider {
          override source = { ...new ScopeProvider().source, ...source };
        },
      ),
  };
}

async function mount(markup: string): Promise<HTMLDivElement> {
  const root = await fixture<HTMLDivElement>(html`<div></div>`);
  root.innerHTML = markup;
  return root;
}

/** Where a page attaches its own `ContextRoot` (Lit's docs: the body; also the document itself). */
const PAGE_ROOTS: [string, () => HTMLElement][] = [
  ['document', () => document as unknown as HTMLElement],
  ['<html>', () => document.documentElement],
  ['<body>', () => document.body],
];

const keyOf = (user: Element) => (user as ScopeUser).scope.value?.clientKey;

/** Resolves when `resolve()` is called: a token fetch the test finishes. */
function deferred(): { promise: Promise<string>; resolve: (token: string) => void } {
  let resolve!: (token: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

describe('checkout scope (context)', () => {
  it('follows every change of the provider’s value on one subscription', async () => {
    const root = await mount('<scope-provider><scope-user></scope-user></scope-provider>');
    const provider = root.querySelector<ScopeProvider>('scope-provider')!;
    const user = root.querySelector<ScopeUser>('scope-user')!;
    await provider.set({ clientKey: 'pk_test_one' });
    expect(keyOf(user)).to.equal('pk_test_one');
    for (const key of ['pk_test_two', 'pk_test_three', 'pk_test_four']) {
      await provider.set({ clientKey: key });
      expect(keyOf(user)).to.equal(key);
    }
    await provider.set({ clientToken: 'own-token', framesOrigin: 'http://127.0.0.1:9999/' });
    expect(user.scope.value).to.deep.include({ clientKey: 'pk_test_four', clientToken: 'own-token', framesOrigin: 'http://127.0.0.1:9999' });
    // The element updates with the new value.
    await user.updateComplete;
    const updates = user.updates;
    await provider.set({ clientKey: 'pk_test_five' });
    await user.updateComplete;
    expect(user.updates).to.be.greaterThan(updates);
  });

  it('fetches one token when a nested element asks, and gives it to every nested element', async () => {
    const root = await mount('<scope-provider></scope-provider>');
    const provider = root.querySelector<ScopeProvider>('scope-provider')!;
    const fetch = deferred();
    provider.token = () => fetch.promise;
    await provider.set({ clientKey: TEST_KEY, canFetchToken: true });
    expect(provider.fetches, 'nobody asked yet').to.equal(0);
    const first = document.createElement('scope-user') as ScopeUser;
    const second = document.createElement('scope-user') as ScopeUser;
    provider.append(first, second);
    expect(provider.fetches).to.equal(1);
    expect(first.scope.value?.clientToken).to.equal(null);
    fetch.resolve('the-token');
    await until(() => first.scope.value?.clientToken === 'the-token' && second.scope.value?.clientToken === 'the-token', 2000, 'the fetched token');
    expect(provider.fetches).to.equal(1);
  });

  it('moves with its element from one checkout to another', async () => {
    const root = await mount('<scope-provider id="a"><scope-user></scope-user></scope-provider><scope-provider id="b"></scope-provider>');
    const [a, b] = [...root.querySelectorAll<ScopeProvider>('scope-provider')] as [ScopeProvider, ScopeProvider];
    const user = root.querySelector<ScopeUser>('scope-user')!;
    await a.set({ clientKey: 'pk_test_a' });
    await b.set({ clientKey: 'pk_test_b' });
    expect(keyOf(user)).to.equal('pk_test_a');
    b.append(user);
    expect(keyOf(user)).to.equal('pk_test_b');
    await a.set({ clientKey: 'pk_test_a2' });
    expect(keyOf(user), 'the old checkout no longer reaches it').to.equal('pk_test_b');
    await b.set({ clientKey: 'pk_test_b2' });
    expect(keyOf(user)).to.equal('pk_test_b2');
    a.append(user);
    expect(keyOf(user)).to.equal('pk_test_a2');
    await a.set({ clientKey: 'pk_test_a3' });
    expect(keyOf(user)).to.equal('pk_test_a3');
  });

  it('has no scope once its checkout is gone, and the scope again when it comes back', async () => {
    const root = await mount('<scope-provider><scope-user></scope-user></scope-provider>');
    const provider = root.querySelector<ScopeProvider>('scope-provider')!;
    const user = root.querySelector<ScopeUser>('scope-user')!;
    await provider.set({ clientKey: 'pk_test_one' });
    provider.remove();
    expect(user.scope.value).to.equal(undefined);
    root.append(provider);
    expect(keyOf(user)).to.equal('pk_test_one');
    // Taken out of the checkout: no scope (its own attributes count), and the checkout's changes no longer reach it.
    root.append(user);
    expect(user.scope.value).to.equal(undefined);
    await provider.set({ clientKey: 'pk_test_two' });
    expect(user.scope.value).to.equal(undefined);
    // A checkout that connects elsewhere on the page is not its checkout: it keeps waiting.
    const other = lateProvider({ clientKey: 'pk_test_elsewhere' });
    root.insertAdjacentHTML('beforeend', `<${other.tag}></${other.tag}>`);
    other.define();
    expect(user.scope.value).to.equal(undefined);
  });

  it('takes the nearest of nested checkouts, also when the inner one is defined later', async () => {
    const inner = lateProvider({ clientKey: 'pk_test_inner' });
    const root = await mount(
      `<scope-provider><scope-user id="outer-user"></scope-user><scope-provider id="defined"><scope-user id="defined-user"></scope-user></scope-provider><${inner.tag}><scope-user id="late-user"></scope-user></${inner.tag}></scope-provider>`,
    );
    const outer = root.querySelector<ScopeProvider>('scope-provider')!;
    const defined = root.querySelector<ScopeProvider>('#defined')!;
    await outer.set({ clientKey: 'pk_test_outer' });
    await defined.set({ clientKey: 'pk_test_defined' });
    const [outerUser, definedUser, lateUser] = ['#outer-user', '#defined-user', '#late-user'].map((s) => root.querySelector<ScopeUser>(s)!) as [
      ScopeUser,
      ScopeUser,
      ScopeUser,
    ];
    expect(keyOf(outerUser)).to.equal('pk_test_outer');
    expect(keyOf(definedUser)).to.equal('pk_test_defined');
    expect(keyOf(lateUser), 'the outer checkout until the inner one is defined').to.equal('pk_test_outer');
    inner.define();
    expect(keyOf(lateUser)).to.equal('pk_test_inner');
    await outer.set({ clientKey: 'pk_test_outer2' });
    expect(keyOf(outerUser)).to.equal('pk_test_outer2');
    expect(keyOf(definedUser)).to.equal('pk_test_defined');
    expect(keyOf(lateUser), 'no longer subscribed to the outer checkout').to.equal('pk_test_inner');
    const late = root.querySelector<ScopeProvider>(inner.tag)!;
    await late.set({ clientKey: 'pk_test_inner2' });
    expect(keyOf(lateUser)).to.equal('pk_test_inner2');
  });

  it('reaches an element defined before its checkout (markup before the checkout’s script)', async () => {
    const late = lateProvider({ clientKey: 'pk_test_late', canFetchToken: true });
    const root = await mount(`<${late.tag}><div><scope-user></scope-user></div></${late.tag}>`);
    const user = root.querySelector<ScopeUser>('scope-user')!;
    expect(user.scope.value).to.equal(undefined);
    late.define();
    expect(keyOf(user)).to.equal('pk_test_late');
    await until(() => user.scope.value?.clientToken === 'fetched-token', 2000, 'the fetched token');
    expect(root.querySelector<ScopeProvider>(late.tag)!.fetches).to.equal(1);
  });

  // The page's own root asks again for the element when the checkout announces itself, and so does
  // the element: one of them asks for an element that is already subscribed (the old provider then
  // unsubscribed it, and the token it fetched never arrived).
  for (const [where, target] of PAGE_ROOTS) {
    it(`keeps its subscription on a page that has its own ContextRoot on ${where} (requests asked again twice)`, async () => {
      const pageRoot = new ContextRoot();
      pageRoot.attach(target());
      try {
        const late = lateProvider({ clientKey: 'pk_test_late', canFetchToken: true });
        const root = await mount(`<${late.tag}><scope-user></scope-user></${late.tag}>`);
        const user = root.querySelector<ScopeUser>('scope-user')!;
        // Both roots ask again for the element when the checkout announces itself; the token arrives after.
        late.define();
        const provider = root.querySelector<ScopeProvider>(late.tag)!;
        expect(keyOf(user)).to.equal('pk_test_late');
        await until(() => user.scope.value?.clientToken === 'fetched-token', 2000, 'the fetched token after two replays');
        expect(provider.fetches).to.equal(1);
        await provider.set({ clientKey: 'pk_test_late3' });
        expect(keyOf(user)).to.equal('pk_test_late3');
      } finally {
        pageRoot.detach(target());
      }
    });
  }
});

let checkouts = 0;
/** `<moment-checkout>` under a tag defined when the test says (a subclass: a class is defined once). */
function lateCheckout(): { tag: string; define: () => void } {
  const tag = `late-moment-checkout-${++checkouts}`;
  return { tag, define: () => customElements.define(tag, class extends MomentCheckout {}) };
}

describe('checkout scope with the real elements', () => {
  it('a card defined before its checkout, on a page with its own ContextRoot, gets its token and pays', async () => {
    const pageRoot = new ContextRoot();
    pageRoot.attach(document as unknown as HTMLElement);
    try {
      const session = await createSession();
      const late = lateCheckout();
      const root = await mount(`<div style="width: 420px"><${late.tag} client-key="${TEST_KEY}"><card-component></card-component></${late.tag}></div>`);
      const card = root.querySelector('card-component')!;
      const ready = oneEvent(card, 'ready');
      const errors: string[] = [];
      card.addEventListener('load-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
      late.define();
      // The page's script runs after the markup.
      (root.querySelector(late.tag) as MomentCheckout).fetchClientToken = async () => session.client_token;
      await ready;
      expect(errors).to.deep.equal([]);
      expect(card.clientToken, 'no attribute of its own').to.equal(null);
      await fillCard(frameName(card), { number: '4242424242424242' });
      const result = await card.executePayment();
      expect(result.statusCode).to.equal(0);
      expect((await getSession(session.id)).status).to.equal('completed');
    } finally {
      pageRoot.detach(document as unknown as HTMLElement);
    }
  });

  it('a card moved to another checkout loads on that checkout’s session; moved out, on its own attributes', async () => {
    const [a, b, own] = await Promise.all([createSession(), createSession(), createSession()]);
    const root = await mount(
      `<div style="width: 420px"><moment-checkout id="a" client-key="${TEST_KEY}"><card-component></card-component></moment-checkout><moment-checkout id="b" client-key="${TEST_KEY}"></moment-checkout><section></section></div>`,
    );
    const [checkoutA, checkoutB] = [...root.querySelectorAll('moment-checkout')] as [MomentCheckout, MomentCheckout];
    checkoutA.fetchClientToken = async () => a.client_token;
    checkoutB.fetchClientToken = async () => b.client_token;
    const card = root.querySelector('card-component')!;
    const frameSession = () => new URL(card.shadowRoot!.querySelector('iframe')!.src).searchParams.get('session');
    let ready = oneEvent(card, 'ready');
    checkoutA.fetchClientToken = async () => a.client_token;
    checkoutB.fetchClientToken = async () => b.client_token;
    await ready;
    expect(frameSession()).to.equal(a.id);
    ready = oneEvent(card, 'ready');
    checkoutB.append(card);
    await ready;
    expect(frameSession()).to.equal(b.id);
    // Out of any checkout with no attributes: it waits quietly, no frame and no error.
    const errors: string[] = [];
    card.addEventListener('load-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    root.querySelector('section')!.append(card);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('iframe')).to.equal(null);
    ready = oneEvent(card, 'ready');
    card.clientKey = TEST_KEY;
    card.clientToken = own.client_token;
    await ready;
    expect(errors).to.deep.equal([]);
    expect(frameSession()).to.equal(own.id);
  });
});
