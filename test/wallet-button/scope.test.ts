import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/moment-checkout/moment-checkout.js';
import { TEST_KEY, createSession, frameClick, frameName, getSession } from '../support/helpers.js';
import { openSheet } from './helpers.js';

describe('<wallet-button> inside <moment-checkout>', () => {
  it('takes its key and token from the checkout and pays with no attributes of its own', async () => {
    const session = await createSession();
    const checkout = document.createElement('moment-checkout');
    checkout.clientKey = TEST_KEY;
    checkout.fetchClientToken = async () => session.client_token;
    const wallet = document.createElement('wallet-button');
    checkout.append(wallet);
    const ready = oneEvent(wallet, 'ready');
    (await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`)).append(checkout);
    await ready;
    expect(wallet.clientKey).to.equal(null);
    expect(wallet.availability).to.deep.equal({ available: true, wallets: ['sandbox'] });
    const frame = frameName(wallet);
    await openSheet(frame);
    const success = oneEvent(wallet, 'payment-success');
    await frameClick(frame, '#sheet-pay');
    expect((await success).detail.statusCode).to.equal(0);
    expect((await getSession(session.id)).status).to.equal('completed');
  });
});
