/**
 * Reads the frame's session (`GET /v1/session` on the frames origin, Bearer client token), checks
 * its shape, and measures the server's clock so that expiry is scheduled on the server's time.
 */
import { array, boolean, check, nullable, nullish, number, object, picklist, safeParse, string, type Infer } from '../../protocol/schema.js';
import { FRAME_SESSION_PATH, CHECKOUT_VARIANTS } from '../../protocol/api.js';
import { CHECKOUT_LINE_LIMITS, CheckoutLineSchema, type CheckoutLine, type FrameSession } from '../../protocol/checkout.js';
import { SESSION_STATUSES } from '../../protocol/outcome.js';
import { send } from '../card/payment.js';

const Name = string({ max: 200 });
const Minor = number({ integer: true, min: 0 });
const Flag = nullish(boolean());

export const FrameSessionSchema = object({
  id: string({ min: 1, max: 64 }),
  status: picklist(SESSION_STATUSES),
  amount: Minor,
  currency: string({ pattern: /^[A-Z]{3}$/ }),
  variant: picklist(CHECKOUT_VARIANTS),
  expires_at: check(string(), (s) => !Number.isNaN(Date.parse(s))),
  success_url: nullable(string({ max: 2048 })),
  title: nullish(Name),
  itemLines: nullish(array(CheckoutLineSchema, CHECKOUT_LINE_LIMITS.itemLines)),
  taxLines: nullish(array(CheckoutLineSchema, CHECKOUT_LINE_LIMITS.taxLines)),
  showTotal: nullish(boolean()),
  // Unknown methods are kept out rather than refusing the whole session: the checkout shows cards.
  paymentMethods: nullish(array(string({ max: 40 }), 10)),
  cancel_url: nullish(string({ max: 2048 })),
  collect: nullish(object({ email: Flag, billing_address: Flag, shipping_address: Flag })),
  allowed_origins: nullish(array(string({ max: 2048 }), 100)),
});

/** The checked answer in the protocol's `FrameSession` shape: absent (or `null`) extras left out. */
export function toFrameSession(read: Infer<typeof FrameSessionSchema>): FrameSession {
  const { title, itemLines, taxLines, showTotal, paymentMethods, cancel_url, collect, allowed_origins, ...core } = read;
  const line = ({ quantity, subCaption, ...rest }: NonNullable<typeof itemLines>[number]): CheckoutLine => ({
    ...rest,
    ...(quantity != null ? { quantity } : {}),
    ...(subCaption ? { subCaption } : {}),
  });
  const methods = paymentMethods?.filter((m): m is 'Card' | 'Wallet' => m === 'Card' || m === 'Wallet');
  return {
    ...core,
    ...(title != null ? { title } : {}),
    ...(itemLines ? { itemLines: itemLines.map(line) } : {}),
    ...(taxLines ? { taxLines: taxLines.map(line) } : {}),
    ...(showTotal != null ? { showTotal } : {}),
    ...(methods ? { paymentMethods: methods } : {}),
    ...(cancel_url !== undefined ? { cancel_url } : {}),
    ...(collect ? { collect } : {}),
    ...(allowed_origins !== undefined ? { allowed_origins } : {}),
  };
}

/** Whether the checkout shows the card form: no `paymentMethods` means `Card`. */
export function acceptsCard(session: Pick<FrameSession, 'paymentMethods'>): boolean {
  return !session.paymentMethods?.length || session.paymentMethods.includes('Card');
}

/** Whether the checkout shows the wallet button: `Wallet` is in the session's `paymentMethods`. */
export function acceptsWallet(session: Pick<FrameSession, 'paymentMethods'>): boolean {
  return session.paymentMethods?.includes('Wallet') ?? false;
}

/**
 * A return URL with the session id: as given when its query already has `session_id=` (the
 * provider replaced `{SESSION_ID}`), else with `session_id=<id>` added before any fragment. Works
 * for an app's own scheme (`yourapp://checkout`) as for https.
 */
export function withSessionId(url: string, sessionId: string): string {
  const hash = url.indexOf('#');
  const [base, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  if (/[?&]session_id=/.test(base)) return url;
  const separator = base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?';
  return `${base}${separator}session_id=${encodeURIComponent(sessionId)}${fragment}`;
}

/** Whether a return URL may be navigated to: an http(s) URL or an app's scheme, never a script, data, file or blob URL. */
export function isSafeReturnUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return !!scheme && !['javascript', 'data', 'file', 'blob', 'about', 'vbscript'].includes(scheme);
}

export type SessionRead =
  | { ok: true; session: FrameSession; /** Server time minus local time, ms. */ clockOffsetMs: number }
  | { ok: false; reason: 'expired' | 'invalid' | 'network' };

export const SESSION_TIMEOUT_MS = 15_000;

export interface ReadSessionOptions {
  origin?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Fetches and checks the session; never throws. */
export async function readSession(clientToken: string, options: ReadSessionOptions = {}): Promise<SessionRead> {
  let answer: Awaited<ReturnType<typeof send>>;
  try {
    answer = await send(
      {
        origin: options.origin ?? location.origin,
        clientToken,
        timeoutMs: options.timeoutMs ?? SESSION_TIMEOUT_MS,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
      FRAME_SESSION_PATH,
      { method: 'GET' },
      0,
    );
  } catch {
    return { ok: false, reason: 'network' };
  }
  const { status, body, date } = answer;
  if (status === 401) {
    const type = (body as { error?: { type?: unknown } } | null)?.error?.type;
    return { ok: false, reason: type === 'session_expired' ? 'expired' : 'invalid' };
  }
  const parsed = safeParse(FrameSessionSchema, body);
  if (status !== 200 || !parsed.success) return { ok: false, reason: 'invalid' };
  const serverDate = Date.parse(date ?? '');
  return { ok: true, session: toFrameSession(parsed.output), clockOffsetMs: Number.isNaN(serverDate) ? 0 : serverDate - Date.now() };
}

/** Longest delay `setTimeout` takes (about 24.8 days); longer waits are re-armed. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Calls `onExpire` once `expiresAt` (ms, server clock) has passed on the server's clock. Returns a
 * function that cancels it.
 */
export function scheduleExpiry(expiresAt: number, clockOffsetMs: number, onExpire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const remaining = expiresAt - (Date.now() + clockOffsetMs);
    if (remaining <= 0) return onExpire();
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
  };
  arm();
  return () => clearTimeout(timer);
}

/** The URL the top window goes to for a 3-D Secure challenge in redirect mode. */
export function redirectUrl(challengeUrl: string, successUrl: string, framesOrigin: string): string | null {
  let url: URL;
  try {
    url = new URL(challengeUrl, framesOrigin);
  } catch {
    return null;
  }
  if (url.origin !== framesOrigin || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  url.hash = '';
  const base = url.href;
  return `${base}${url.search ? '&' : '?'}return_url=${encodeURIComponent(successUrl)}`;
}
