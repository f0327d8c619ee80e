/**
 * Helpers for browser tests: sessions from the sandbox (created in Node with a secret key, as a
 * merchant backend does) and actions inside the cross-origin card frame.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { fixture, html, oneEvent } from '@open-wc/testing';
import type { CardComponent } from '../../src/elements/card-component/card-component.component.js';
import '../../src/elements/card-component/card-component.js';
import { until } from './wait.js';

export interface SandboxSession {
  id: string;
  client_token: string;
  status: string;
  amount: number;
  currency: string;
  failed_attempts: number;
  payment: null | { id: string; status: string; status_code: number; auth_code?: string };
}

let cachedOrigin: string | undefined;
export async function sandboxOrigin(): Promise<string> {
  cachedOrigin ??= ((await executeServerCommand('sandbox-origin')) as { origin: string }).origin;
  return cachedOrigin;
}

export async function createSession(
  payload: { amount?: number; currency?: string; variant?: string; mode?: string; successUrl?: string; extra?: object } = {},
): Promise<SandboxSession> {
  return (await executeServerCommand('create-session', payload)) as SandboxSession;
}

export async function getSession(id: string): Promise<SandboxSession> {
  return (await executeServerCommand('get-session', { id })) as SandboxSession;
}

/** One webhook delivery the test run's merchant endpoint received, with its signatures checked. */
export interface WebhookDelivery {
  event: { id: string; event: string; accountId: string; createdAt: string; data: Record<string, unknown> };
  /** The body-only `Dojo-Signature` verified. */
  dojoSignature: boolean;
  /** The timestamped `Moment-Signature` verified. */
  momentSignature: boolean;
}

/** Subscribes the test run's webhook endpoint (once): call before the payment it should hear. */
export async function subscribeWebhooks(): Promise<void> {
  await executeServerCommand('subscribe-webhooks');
}

/** The webhooks received about a session, once one says it is paid (or after 5 s). */
export async function webhookDeliveries(sessionId: string): Promise<WebhookDelivery[]> {
  return ((await executeServerCommand('webhook-deliveries', { sessionId })) as { deliveries: WebhookDelivery[] }).deliveries;
}

/** The paid webhook of each event name about a session, checked for both signatures. */
export async function paidWebhooks(sessionId: string): Promise<Record<string, WebhookDelivery['event']['data']>> {
  const paid: Record<string, WebhookDelivery['event']['data']> = {};
  for (const delivery of await webhookDeliveries(sessionId)) {
    if (!delivery.dojoSignature || !delivery.momentSignature) throw new Error(`a webhook failed its signature check: ${delivery.event?.event}`);
    if (delivery.event.data.paymentStatus === 'Captured' || delivery.event.data.status === 'completed') paid[delivery.event.event] = delivery.event.data;
  }
  return paid;
}

export const TEST_KEY = 'pk_test_moment';

/** Renders a `<card-component>` on a fresh session and waits for `ready`. */
export async function readyCard(
  options: { hideCardName?: boolean; attrs?: string } = {},
): Promise<{ el: CardComponent; session: SandboxSession; frame: string }> {
  const session = await createSession();
  const el = document.createElement('card-component');
  el.clientKey = TEST_KEY;
  el.clientToken = session.client_token;
  el.hideCardName = options.hideCardName ?? false;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
  const ready = oneEvent(el, 'ready');
  wrapper.append(el);
  await ready;
  return { el, session, frame: frameName(el) };
}

/** The `name` of the element's iframe, by which the server commands find the frame. */
export function frameName(el: Element): string {
  const iframe = el.shadowRoot?.querySelector('iframe');
  if (!iframe) throw new Error('The element has no iframe.');
  return iframe.name;
}

export const FIELD_SELECTORS = {
  cardNumber: '#card-number',
  expiryDate: '#expiry-date',
  cv2: '#cv2',
  cardName: '#card-name',
} as const;

/** Types into a field of the frame with real key events. */
export async function typeInFrame(frame: string, field: keyof typeof FIELD_SELECTORS, text: string): Promise<void> {
  await executeServerCommand('frame-type', { frame, selector: FIELD_SELECTORS[field], text });
}

/** Fills the whole card form. */
export async function fillCard(frame: string, card: { number: string; expiry?: string; cvv?: string; name?: string | null }): Promise<void> {
  await typeInFrame(frame, 'cardNumber', card.number);
  await typeInFrame(frame, 'expiryDate', card.expiry ?? '12/34');
  await typeInFrame(frame, 'cv2', card.cvv ?? '123');
  if (card.name !== null) await typeInFrame(frame, 'cardName', card.name ?? 'Ada Lovelace');
}

/** Runs a script (an async function body) inside the frame and returns its JSON result. */
export async function frameEval<T>(frame: string, script: string): Promise<T> {
  return ((await executeServerCommand('frame-eval', { frame, script })) as { result: T }).result;
}

/** Waits, inside the frame, until the JavaScript expression `condition` is truthy (checked every 20 ms, at most `timeout` ms). */
export async function frameUntil(frame: string, condition: string, timeout = 5000): Promise<void> {
  const met = await frameEval<boolean>(
    frame,
    `const deadline = Date.now() + ${timeout};
     while (!(${condition})) {
       if (Date.now() > deadline) return false;
       await new Promise((r) => setTimeout(r, 20));
     }
     return true;`,
  );
  if (!met) throw new Error(`Timed out waiting in frame ${frame} for: ${condition}`);
}

/** Clicks an element inside the frame. */
export async function frameClick(frame: string, selector: string): Promise<void> {
  await executeServerCommand('frame-click', { frame, selector });
}

/** Clicks inside the 3-D Secure challenge nested in the frame. */
export async function challengeClick(frame: string, selector: string): Promise<void> {
  await executeServerCommand('frame-child-click', { frame, urlIncludes: '/3ds/challenge/', selector });
}

/** Runs axe-core inside the frame; returns the violations. */
export async function frameAxe(frame: string): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  return (await executeServerCommand('frame-axe', { frame })) as { id: string; impact: string; nodes: string[] }[];
}

export { animationsDone, nextFrames, pastFrameMoveClickProtection, quietWindow, until } from './wait.js';

/**
 * Clicks until `done`: Chromium drops input to a cross-origin frame that tracks its visibility
 * (IntersectionObserver v2) for a while after the frame moved (the host turning it into an
 * overlay, a sheet opening). Each click gets 250 ms to act.
 */
export async function clickUntil(frame: string, selector: string, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await frameClick(frame, selector);
    try {
      await until(done, 250, `the click on ${selector} to act`);
      return;
    } catch {
      // Dropped: the frame moved a moment ago. Click again.
    }
  }
  throw new Error(`No click on ${selector} was taken.`);
}

/** Collects events of the given names fired on `target`. */
export function record(target: EventTarget, names: string[]): { name: string; detail: unknown }[] {
  const log: { name: string; detail: unknown }[] = [];
  for (const name of names) target.addEventListener(name, (e) => log.push({ name, detail: (e as CustomEvent).detail }));
  return log;
}

export type { FaultSpec } from '../../src/sandbox/fault-spec.js';

/** Scripts a network fault in the sandbox; `clearFaults()` removes every one left. Returns the armed fault. */
export async function addFault(spec: import('../../src/sandbox/fault-spec.js').FaultSpec): Promise<import('../../src/sandbox/fault-spec.js').Fault> {
  return (await executeServerCommand('add-fault', spec)) as import('../../src/sandbox/fault-spec.js').Fault;
}

/** Waits until a request has met the fault (it is taken once per request it applies to): the request reached the sandbox. */
export async function faultTaken(fault: { id: string; remaining: number }, timeout = 5000): Promise<void> {
  await until(
    async () => ((await executeServerCommand('fault-remaining', { id: fault.id })) as { remaining: number }).remaining < fault.remaining,
    timeout,
    `a request to meet fault ${fault.id}`,
  );
}

export async function clearFaults(): Promise<void> {
  await executeServerCommand('clear-faults');
}

/**
 * Frame pages opened from now on behave as in an engine without IntersectionObserver v2 (Firefox,
 * WebKit) when `visibilityTracking` is false; `true` restores Chromium's own behaviour.
 */
export async function emulateVisibilityTracking(visibilityTracking: boolean): Promise<void> {
  await executeServerCommand('emulate', { visibility_tracking: visibilityTracking });
}
