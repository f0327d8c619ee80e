import { expect } from '@open-wc/testing';
import { runChallenge } from '../../src/frame/card/three-ds.js';

/** A same-origin challenge page (blob URL) with a button that posts challenge-complete. */
function challengePage(paymentId: string): string {
  const html = `<!doctype html><button id="pass">Pass authentication</button><script>
document.getElementById('pass').addEventListener('click', () => parent.postMessage({ protocol: 'moment-elements', kind: 'challenge-complete', paymentId: ${JSON.stringify(paymentId)} }, '*'));
</script>`;
  return URL.createObjectURL(new Blob([html], { type: 'text/html' }));
}

async function loaded(iframe: HTMLIFrameElement): Promise<Document> {
  for (let i = 0; i < 100; i++) {
    const doc = iframe.contentDocument;
    if (doc?.getElementById('pass')) return doc;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('challenge page did not load');
}

describe('3-D Secure challenge', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  it('opens a titled iframe under a heading, focuses the challenge, and closes on challenge-complete', async () => {
    const done = runChallenge({ container, url: challengePage('pay_1'), windowSize: '02', paymentId: 'pay_1' });
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
    const done = runChallenge({ container, url: challengePage('pay_other'), windowSize: '05', paymentId: 'pay_2' }).then(() => (settled = true));
    window.postMessage({ protocol: 'moment-elements', kind: 'challenge-complete', paymentId: 'pay_2' }, '*');
    const iframe = container.querySelector('iframe')!;
    expect(iframe.style.width).to.equal('100%');
    (await loaded(iframe)).getElementById('pass')!.click();
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).to.equal(false);
    expect(container.querySelector('.mc-challenge')).to.exist;
    container.querySelector('.mc-challenge')!.remove();
    void done;
  });

  it('refuses a challenge page on another origin', async () => {
    const error = await runChallenge({ container, url: 'https://evil.example/3ds', windowSize: '01', paymentId: 'pay_3' }).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect(container.querySelector('iframe')).to.equal(null);
  });
});
