import { expect } from '@open-wc/testing';
import { quietWindow, until } from '../support/wait.js';
import { runChallenge } from '../../src/frame/card/three-ds.js';
import { challengeClick, createSession, fillCard, frameClick, frameEval, getSession, typeInFrame } from '../support/helpers.js';
import { cardConfig, checkoutConfig, openFrame } from './frame-host.js';

/** A same-origin challenge page (blob URL) with a button that posts challenge-complete. */
function challengePage(paymentId: string): string {
  const html = `<!doctype html><button id="pass">Pass authentication</button><script>
document.getElementById('pass').addEventListener('click', () => parent.postMessage({ protocol: 'moment-elements', kind: 'challenge-complete', paymentId: ${JSON.stringify(paymentId)} }, '*'));
</script>`;
  return URL.createObjectURL(new Blob([html], { type: 'text/html' }));
}

async function loaded(iframe: HTMLIFrameElement): Promise<Document> {
  await until(() => !!iframe.contentDocument?.getElementById('pass'), 2000, 'the challenge page');
  return iframe.contentDocument!;
}

const TEXTS = { heading: 'Verify your payment', text: 'Your bank needs to confirm this payment.', frameTitle: '3-D Secure payment verification' };

describe('3-D Secure challenge', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  it('opens a titled iframe under a heading, focuses the challenge, and closes on challenge-complete', async () => {
    const done = runChallenge({ container, url: challengePage('pay_1'), windowSize: '02', paymentId: 'pay_1', ...TEXTS });
    const region = container.querySelector('.mc-challenge')!;
    expect(region.querySelector('h2')!.textContent).to.equal('Verify your payment');
    expect(document.activeElement).to.equal(region.querySelector('h2'));
    const iframe = region.querySelector('iframe')!;
    expect(iframe.title).to.not.equal('');
    expect(iframe.style.width).to.equal('390px');
    expect(iframe.style.height).to.equal('400px');
    (await loaded(iframe)).getElementById('pass')!.click();
    await done;
    expect(container.querySelector('.mc-challenge')).to.equal(null);
  });

  it('ignores a completion for another payment and messages from other windows', async () => {
    let settled = false;
    const done = runChallenge({ container, url: challengePage('pay_other'), windowSize: '05', paymentId: 'pay_2', ...TEXTS }).then(() => (settled = true));
    window.postMessage({ protocol: 'moment-elements', kind: 'challenge-complete', paymentId: 'pay_2' }, '*');
    const iframe = container.querySelector('iframe')!;
    expect(iframe.style.width).to.equal('100%');
    (await loaded(iframe)).getElementById('pass')!.click();
    // Neither completion may settle it.
    await quietWindow(100);
    expect(settled).to.equal(false);
    expect(container.querySelector('.mc-challenge')).to.exist;
    container.querySelector('.mc-challenge')!.remove();
    void done;
  });

  it('refuses a challenge page on another origin', async () => {
    const error = await runChallenge({ container, url: 'https://evil.example/3ds', windowSize: '01', paymentId: 'pay_3', ...TEXTS }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect(container.querySelector('iframe')).to.equal(null);
  });
});

describe('3-D Secure challenge: a cancel in the frame is the customer’s choice, not a decline', () => {
  it('a card payment whose challenge the customer cancels resolves with cancelled: true and charges nothing', async () => {
    const session = await createSession();
    const frame = await openFrame('card', { height: 700 });
    try {
      await frame.request('configure', cardConfig(session.client_token));
      await fillCard(frame.name, { number: '4000 0000 0000 3220' });
      const paying = frame.request('executePayment', { idempotencyKey: 'cancelled-challenge-1' }, 20_000);
      await challengeClick(frame.name, '#cancel');
      const result = await paying;
      expect(result).to.include({ statusCode: 5, cancelled: true });
      expect(result.paymentId).to.be.a('string');
      expect((await getSession(session.id)).status).to.equal('open');
    } finally {
      frame.remove();
    }
  });

  it('a failed authentication stays a decline, without cancelled', async () => {
    const session = await createSession();
    const frame = await openFrame('card', { height: 700 });
    try {
      await frame.request('configure', cardConfig(session.client_token));
      await fillCard(frame.name, { number: '4000 0000 0000 3220' });
      const paying = frame.request('executePayment', { idempotencyKey: 'failed-challenge-1' }, 20_000);
      await challengeClick(frame.name, '#fail');
      const result = await paying;
      expect(result.statusCode).to.equal(5);
      expect(result).to.not.have.property('cancelled');
    } finally {
      frame.remove();
    }
  });

  it('the checkout hears `cancel` with the cancelled result, and keeps the form for another try', async () => {
    const session = await createSession();
    const frame = await openFrame('checkout', { height: 900 });
    try {
      await frame.request('configure', checkoutConfig(session.client_token));
      await typeInFrame(frame.name, 'cardNumber', '4000000000003220');
      await typeInFrame(frame.name, 'expiryDate', '12/34');
      await typeInFrame(frame.name, 'cv2', '123');
      await typeInFrame(frame.name, 'cardName', 'Ada Lovelace');
      const from = frame.events.length;
      await frameClick(frame.name, '.mc-pay');
      await challengeClick(frame.name, '#cancel');
      const outcome = (await frame.next('outcome', from, 10_000)) as { outcome: string; result: { statusCode: number; cancelled?: boolean } };
      expect(outcome.outcome).to.equal('cancel');
      expect(outcome.result).to.include({ statusCode: 5, cancelled: true });
      const form = await frameEval<{ pay: boolean; number: string }>(
        frame.name,
        "return { pay: !document.querySelector('.mc-pay').disabled, number: document.getElementById('card-number')?.value ?? '' };",
      );
      expect(form.pay).to.equal(true);
      expect(form.number).to.not.equal('');
    } finally {
      frame.remove();
    }
  });
});
