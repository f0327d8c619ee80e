import { expect } from '@open-wc/testing';
import { fillCard, frameEval, getSession, readyCard } from '../support/helpers.js';

/** Two years ahead, as `MM/YY`. */
const FUTURE_EXPIRY = `12/${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;

// The card frame and the sandbox apply the same card rules (src/protocol/card-rules.ts): a
// UnionPay number that fails the Luhn checksum (UnionPay is exempt from it) is accepted by the
// form and charged by the payments API, not refused with a 400 after a valid-looking form.
describe('<card-component> UnionPay (Luhn-exempt)', () => {
  it('pays with 6212 3456 7890 1234: the form accepts it and executePayment() resolves statusCode 0', async () => {
    const { el, frame, session } = await readyCard();
    await fillCard(frame, { number: '6212 3456 7890 1234', expiry: FUTURE_EXPIRY, cvv: '123' });
    expect(await frameEval<string>(frame, `return document.querySelector('#card-number').value`)).to.equal('6212 3456 7890 1234');
    expect(await el.validate()).to.deep.equal({ valid: true, errors: [] });
    const result = await el.executePayment();
    expect(result.statusCode, result.message).to.equal(0);
    expect(result.authCode).to.be.a('string').and.not.empty;
    expect((await getSession(session.id)).status).to.equal('completed');
  });
});
