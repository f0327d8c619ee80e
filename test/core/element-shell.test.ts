// The shell the three elements share: one iframe factory with a policy per kind of frame, the
// shell's properties and attributes on every element, and no host update for a keystroke.
import { expect } from '@open-wc/testing';
import { FRAME_POLICY } from '../../src/core/frame-policy.js';
import type { MomentCheckout } from '../../src/elements/moment-checkout/moment-checkout.component.js';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, readyCard, record, typeInFrame, until } from '../support/helpers.js';
import { readyWallet } from '../wallet-button/helpers.js';

/** The security attributes an iframe carries. */
const attributesOf = (iframe: HTMLIFrameElement) => ({
  sandbox: iframe.getAttribute('sandbox'),
  allow: iframe.getAttribute('allow') ?? undefined,
  referrerpolicy: iframe.getAttribute('referrerpolicy'),
});
const expected = (kind: keyof typeof FRAME_POLICY) => {
  const policy: { sandbox: string; allow?: string; referrerpolicy: string } = FRAME_POLICY[kind];
  return { sandbox: policy.sandbox, allow: policy.allow, referrerpolicy: policy.referrerpolicy };
};
const tokens = (iframe: HTMLIFrameElement) => [...iframe.sandbox];

describe('element shell', () => {
  describe('one iframe factory, one policy per kind of frame', () => {
    it("the card's iframe: scripts, its own origin and forms; no popups, no top navigation, no payment API", async () => {
      const { el } = await readyCard();
      const iframe = el.shadowRoot!.querySelector('iframe')!;
      expect(attributesOf(iframe)).to.deep.equal(expected('card'));
      expect(tokens(iframe)).to.have.members(['allow-scripts', 'allow-same-origin', 'allow-forms']);
      expect(iframe.getAttribute('allow')).to.equal(null);
    });

    it("the wallet's iframe: the card's, plus the wallet's own window and the Payment Request API; never top navigation", async () => {
      const { el } = await readyWallet();
      const iframe = el.shadowRoot!.querySelector('iframe')!;
      expect(attributesOf(iframe)).to.deep.equal(expected('wallet'));
      expect(tokens(iframe)).to.include.members(['allow-popups', 'allow-popups-to-escape-sandbox']);
      expect(tokens(iframe).some((t) => t.startsWith('allow-top-navigation'))).to.equal(false);
      expect(iframe.getAttribute('allow')).to.equal('payment');
    });

    it("the checkout's iframe comes from the same factory: top navigation only on the customer's click (the bank's page)", async () => {
      const el = document.createElement('moment-checkout') as MomentCheckout;
      el.clientKey = TEST_KEY;
      el.fetchClientToken = async () => (await createSession({ variant: 'inline' })).client_token;
      document.body.append(el);
      try {
        await el.launch();
        const iframe = el.shadowRoot!.querySelector<HTMLIFrameElement>('iframe[name^="moment-checkout-"]')!;
        expect(attributesOf(iframe)).to.deep.equal(expected('checkout'));
        expect(tokens(iframe)).to.include('allow-top-navigation-by-user-activation');
        // Never navigation without the customer's click, and never popups.
        expect(tokens(iframe)).to.not.include.members(['allow-top-navigation', 'allow-popups']);
        expect(iframe.getAttribute('part')).to.equal('frame');
      } finally {
        el.close();
        el.remove();
      }
    });
  });

  it("declares the shell's properties once: every element reflects the same attributes into them", () => {
    const shell = {
      'client-key': 'clientKey',
      'client-token': 'clientToken',
      'frames-origin': 'framesOrigin',
      'load-timeout': 'loadTimeout',
      'payment-timeout': 'paymentTimeout',
    };
    for (const tag of ['card-component', 'wallet-button', 'moment-checkout'] as const) {
      const el = document.createElement(tag);
      for (const [attribute, property] of Object.entries(shell)) {
        el.setAttribute(attribute, attribute.endsWith('timeout') ? '4321' : `v-${attribute}`);
        expect((el as unknown as Record<string, unknown>)[property], `${tag} ${attribute}`).to.equal(attribute.endsWith('timeout') ? 4321 : `v-${attribute}`);
      }
      expect((customElements.get(tag) as unknown as { version: string }).version).to.equal('0.1.0');
    }
  });

  it('a keystroke in the card costs the page no host update: change fires, nothing renders', async () => {
    const { el, frame } = await readyCard();
    const host = el as unknown as { update(changed: Map<PropertyKey, unknown>): void };
    let updates = 0;
    const update = host.update;
    host.update = function (this: unknown, changed) {
      updates++;
      update.call(this, changed);
    };
    await el.updateComplete;
    updates = 0;
    const changes = record(el, ['change']);
    await typeInFrame(frame, 'cardNumber', '42424242');
    await until(() => changes.length >= 4, 3000, 'a change per keystroke');
    await el.updateComplete;
    expect(updates).to.equal(0);
  });
});
