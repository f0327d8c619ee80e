import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { LoadErrorDetail } from '../../src/core/events.js';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import type { WalletButton } from '../../src/elements/wallet-button/wallet-button.component.js';
import '../../src/elements/wallet-button/wallet-button.js';
import { TEST_KEY, createSession } from '../support/helpers.js';

/** Nothing listens there (and Chromium does not block the port): a frames origin that is down. */
const CLOSED_ORIGIN = 'http://127.0.0.1:2';

/** Mounts a configured element; `ready` and `load-error` are listened for before it connects. */
async function mount<T extends CardComponent | WalletButton>(tag: 'card-component' | 'wallet-button', setup: (el: T) => void) {
  const el = document.createElement(tag) as T;
  setup(el);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 400px"></div>`);
  const ready = oneEvent(el, 'ready');
  const loadError = oneEvent(el, 'load-error') as Promise<CustomEvent<LoadErrorDetail>>;
  const started = Date.now();
  wrapper.append(el);
  return { el, ready, loadError, started };
}

const retryButton = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button');

describe('frames origin down, told apart from a refused page', () => {
  afterEach(async () => {
    await executeServerCommand('clear-faults');
  });

  for (const tag of ['card-component', 'wallet-button'] as const) {
    it(`<${tag}>: a frames origin where nothing listens fires load-error frames_unreachable within load-timeout, with a Retry button`, async () => {
      const session = await createSession();
      const errors: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
      try {
        const { el, loadError, started } = await mount(tag, (e) => {
          e.clientKey = TEST_KEY;
          e.framesOrigin = CLOSED_ORIGIN;
          e.clientToken = session.client_token;
          e.loadTimeout = 6000;
        });
        const { detail } = await loadError;
        expect(Date.now() - started, 'within load-timeout').to.be.lessThan(6000);
        expect(detail.code).to.equal('frames_unreachable');
        expect(detail.message).to.contain(`The secure frames origin (${CLOSED_ORIGIN}) could not be reached`);
        expect(detail.message).to.contain(`allow ${CLOSED_ORIGIN}`);
        expect(errors.join('\n'), 'said on the console').to.contain('could not be reached');
        await el.updateComplete;
        expect(retryButton(el), 'a Retry button').to.exist;
      } finally {
        console.error = original;
      }
    });
  }

  it('<card-component>: a frames origin that resets every connection is frames_unreachable; retry() loads once it is back', async () => {
    const session = await createSession();
    await executeServerCommand('add-fault', { route: 'frames', fault: 'reset', times: 100 });
    const { el, loadError, started } = await mount('card-component', (e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
      e.loadTimeout = 8000;
    });
    const { detail } = await loadError;
    expect(Date.now() - started).to.be.lessThan(8000);
    expect(detail.code).to.equal('frames_unreachable');
    await executeServerCommand('clear-faults');
    await el.updateComplete;
    const ready = oneEvent(el, 'ready');
    retryButton(el)!.click();
    await ready;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });

  it('<wallet-button>: a frames origin answering 503 is frames_unavailable with the status; retry() loads once it is back', async () => {
    const session = await createSession();
    await executeServerCommand('add-fault', { route: 'frames', fault: 'error', status: 503, times: 100 });
    const { el, loadError, started } = await mount('wallet-button', (e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
      e.loadTimeout = 8000;
    });
    const { detail } = await loadError;
    expect(Date.now() - started).to.be.lessThan(8000);
    expect(detail.code).to.equal('frames_unavailable');
    expect(detail.status).to.equal(503);
    expect(detail.message).to.contain('HTTP 503');
    await executeServerCommand('clear-faults');
    const ready = oneEvent(el, 'ready');
    el.retry();
    await ready;
  });

  it('<card-component>: a page left out of the session’s allowed_origins still gets frame_not_started (the frames origin is up)', async () => {
    const session = await createSession({ extra: { allowed_origins: ['https://shop.example'] } });
    const { el, loadError } = await mount('card-component', (e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
      e.loadTimeout = 10_000;
    });
    const { detail } = await loadError;
    expect(detail.code).to.equal('frame_not_started');
    expect(detail.message).to.contain('allowed_origins');
    await el.updateComplete;
    expect(retryButton(el)).to.exist;
  });

  it('a frame that never answers within a short load-timeout is still a timeout, on time', async () => {
    const session = await createSession();
    await executeServerCommand('add-fault', { route: 'frames', fault: 'timeout', delay_ms: 5000, times: 100 });
    const { loadError, started } = await mount('card-component', (e) => {
      e.clientKey = TEST_KEY;
      e.clientToken = session.client_token;
      e.loadTimeout = 1500;
    });
    const { detail } = await loadError;
    const elapsed = Date.now() - started;
    expect(detail.code).to.equal('timeout');
    expect(elapsed).to.be.lessThan(1500 + 300);
  });
});
