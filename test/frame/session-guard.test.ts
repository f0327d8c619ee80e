import { expect } from '@open-wc/testing';
import { BridgeError } from '../../src/protocol/port.js';
import { NO_ALLOWED_ORIGINS_WARNING, pageSessionOf, sessionGuard, type PageSession } from '../../src/frame/session-guard.js';
import { createSession } from '../support/helpers.js';
import { cardConfig, checkoutConfig, openFrame, walletConfig } from './frame-host.js';

const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const token = (sid: string, env = 'sandbox') => `${b64({ alg: 'HS256' })}.${b64({ sid, env })}.c2ln`;
const SHOP = 'https://shop.example';

function guard(allowed: string[] | null | undefined, extra: { boundSession?: string | null; pageSession?: PageSession | null } = {}) {
  const reads: string[] = [];
  const warnings: string[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    reads.push((init?.headers as Record<string, string>).Authorization!);
    return new Response(JSON.stringify({ id: 'x', amount: 1000, ...(allowed === undefined ? {} : { allowed_origins: allowed }) }));
  }) as typeof fetch;
  const g = sessionGuard({ hostOrigin: SHOP, apiOrigin: 'https://frames.test', fetch: fetchImpl, warn: (m) => warnings.push(m), ...extra });
  return { g, reads, warnings };
}

async function refusal(promise: Promise<unknown>): Promise<BridgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeError) return error;
    throw error;
  }
  throw new Error('Expected a refusal.');
}

describe('session guard: allowed_origins', () => {
  it('admits a page whose origin is listed, reading the session once', async () => {
    const { g, reads } = guard(['https://other.example', SHOP]);
    await g.admit(token('ps_1'));
    await g.admit(token('ps_1'));
    expect(reads).to.have.length(1);
    expect(g.boundTo).to.equal('ps_1');
  });

  it('refuses a page not listed with origin_not_allowed, naming the origin and the option', async () => {
    const { g } = guard(['https://merchant.example']);
    const error = await refusal(g.admit(token('ps_1')));
    expect(error.code).to.equal('origin_not_allowed');
    expect(error.message).to.contain(SHOP);
    expect(error.message).to.contain('allowed_origins');
    // A refused frame stays refused, for its session and any other.
    expect((await refusal(g.admit(token('ps_1')))).code).to.equal('origin_not_allowed');
    expect((await refusal(g.admit(token('ps_2')))).code).to.equal('session_mismatch');
  });

  it('accepts a test session without allowed_origins, with one console warning naming the option', async () => {
    const { g, warnings } = guard(null);
    await g.admit(token('ps_1'));
    await g.admit(token('ps_1'));
    expect(warnings).to.deep.equal([NO_ALLOWED_ORIGINS_WARNING]);
    expect(warnings[0]).to.contain('allowed_origins');
  });

  it('refuses a live session without allowed_origins', async () => {
    const { g } = guard(undefined);
    expect((await refusal(g.admit(token('ps_1', 'production')))).code).to.equal('origin_not_allowed');
  });
});

describe('session guard: one session per frame', () => {
  it('refuses a token of another session than the frame URL names, without reading anything', async () => {
    const { g, reads } = guard([SHOP], { boundSession: 'ps_1' });
    expect((await refusal(g.admit(token('ps_2')))).code).to.equal('session_mismatch');
    expect(reads).to.have.length(0);
    await g.admit(token('ps_1'));
  });

  it('refuses a reconfigure with a token of another session, also when both arrive at once', async () => {
    const { g } = guard([SHOP]);
    const first = g.admit(token('ps_1'));
    const second = refusal(g.admit(token('ps_2')));
    await first;
    expect((await second).code).to.equal('session_mismatch');
    expect((await refusal(g.admit(token('ps_2')))).code).to.equal('session_mismatch');
    await g.admit(token('ps_1'));
  });
});

describe('session guard: the real frames', () => {
  const configs = { card: cardConfig, wallet: walletConfig, checkout: checkoutConfig } as const;
  for (const kind of ['card', 'wallet', 'checkout'] as const) {
    it(`${kind} frame: a page outside allowed_origins gets origin_not_allowed and a blank frame`, async () => {
      const session = await createSession({ extra: { allowed_origins: ['https://merchant.example'] } });
      const frame = await openFrame(kind);
      try {
        const error = await refusal(frame.request('configure', configs[kind](session.client_token)));
        expect(error.code).to.equal('origin_not_allowed');
        expect(error.message).to.contain(location.origin);
        expect(error.message).to.contain('allowed_origins');
      } finally {
        frame.remove();
      }
    });
  }

  it('card frame: listed page works; nothing can be paid on a refused one', async () => {
    const allowed = await createSession({ extra: { allowed_origins: [location.origin] } });
    const ok = await openFrame('card');
    try {
      const { height } = await ok.request('configure', cardConfig(allowed.client_token));
      expect(height).to.be.greaterThan(100);
    } finally {
      ok.remove();
    }
    const refused = await createSession({ extra: { allowed_origins: ['https://merchant.example'] } });
    const frame = await openFrame('card');
    try {
      await refusal(frame.request('configure', cardConfig(refused.client_token)));
      const error = await refusal(frame.request('executePayment', { idempotencyKey: 'abcdefgh12345678' }));
      expect(error.code).to.equal('not_configured');
    } finally {
      frame.remove();
    }
  });

  it('card frame: opened for one session, refuses the token of another (session_mismatch)', async () => {
    const [a, b] = [await createSession(), await createSession()];
    const frame = await openFrame('card', { session: a.id });
    try {
      expect((await refusal(frame.request('configure', cardConfig(b.client_token)))).code).to.equal('session_mismatch');
      await frame.request('configure', cardConfig(a.client_token));
      expect((await refusal(frame.request('configure', cardConfig(b.client_token)))).code).to.equal('session_mismatch');
    } finally {
      frame.remove();
    }
  });
});

describe('session guard: what the frame page says about its session', () => {
  it('takes allowed_origins from the page for its own session, with no request', async () => {
    const admitted = guard(['https://merchant.example'], { boundSession: 'ps_1', pageSession: { id: 'ps_1', allowed_origins: [SHOP] } });
    await admitted.g.admit(token('ps_1'));
    expect(admitted.reads).to.have.length(0);
    const refused = guard([SHOP], { boundSession: 'ps_1', pageSession: { id: 'ps_1', allowed_origins: ['https://merchant.example'] } });
    expect((await refusal(refused.g.admit(token('ps_1')))).code).to.equal('origin_not_allowed');
    expect(refused.reads).to.have.length(0);
  });

  it('asks the API when the page speaks of another session, or of none', async () => {
    const other = guard([SHOP], { pageSession: { id: 'ps_other', allowed_origins: [SHOP] } });
    await other.g.admit(token('ps_1'));
    expect(other.reads).to.have.length(1);
    const none = guard([SHOP], { pageSession: null });
    await none.g.admit(token('ps_1'));
    expect(none.reads).to.have.length(1);
  });

  it('a live session the page lists without allowed_origins is refused, as from the API', async () => {
    const { g } = guard(undefined, { pageSession: { id: 'ps_1', allowed_origins: null } });
    expect((await refusal(g.admit(token('ps_1', 'production')))).code).to.equal('origin_not_allowed');
  });

  it('reads the meta of a frame page, and nothing malformed', () => {
    const page = (content: string | null) => {
      const doc = document.implementation.createHTMLDocument('frame');
      if (content !== null) doc.head.insertAdjacentHTML('beforeend', `<meta name="moment-session" content='${content}'>`);
      return pageSessionOf(doc);
    };
    expect(page('{"id":"ps_1","allowed_origins":["https://shop.example"]}')).to.deep.equal({ id: 'ps_1', allowed_origins: [SHOP] });
    expect(page('{"id":"ps_1","allowed_origins":null}')).to.deep.equal({ id: 'ps_1', allowed_origins: null });
    for (const bad of [
      null,
      '',
      'not json',
      '[]',
      '{"id":1,"allowed_origins":null}',
      '{"id":"ps_1","allowed_origins":[1]}',
      '{"id":"ps_1","allowed_origins":"x"}',
      '{"id":"ps_1"}',
    ]) {
      expect(page(bad), String(bad)).to.equal(null);
    }
  });
});
