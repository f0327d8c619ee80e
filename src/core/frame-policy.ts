/**
 * The one place a secure iframe is made, for every element: what each kind of frame may do in the
 * merchant's page (`sandbox`), which browser features it may ask for (`allow`), what it learns of
 * the page's URL (`referrerpolicy`: the origin only). The card fields, the wallet button and the
 * checkout all create their iframe here, so the security attributes cannot drift apart.
 */
import type { FrameKind } from '../protocol/messages.js';

export interface FramePolicy {
  /** Capabilities the frame keeps under `sandbox`; nothing else is granted. */
  readonly sandbox: string;
  /** Permissions policy of the iframe (`payment` for the Payment Request API). */
  readonly allow?: string;
  readonly referrerpolicy: ReferrerPolicy;
}

const BASE = 'allow-scripts allow-same-origin allow-forms';

/**
 * Per kind of frame:
 * - the card fields take input and talk to the provider: nothing more;
 * - the wallet button may open the wallet's own window (Google Pay's popup) and use the Payment
 *   Request API (Apple Pay, Google Pay);
 * - the checkout may send the whole page to the customer's bank for a 3-D Secure challenge in
 *   redirect mode, but only when the customer presses its "Continue to your bank" link
 *   (`allow-top-navigation-by-user-activation`); the host sends the page there itself first, and
 *   only to the frames origin.
 */
export const FRAME_POLICY = {
  card: { sandbox: BASE, referrerpolicy: 'origin' },
  wallet: { sandbox: `${BASE} allow-popups allow-popups-to-escape-sandbox`, allow: 'payment', referrerpolicy: 'origin' },
  checkout: { sandbox: `${BASE} allow-top-navigation-by-user-activation`, allow: 'payment', referrerpolicy: 'origin' },
} as const satisfies Record<FrameKind, FramePolicy>;

/** A secure iframe of `kind`, with its policy, `part="frame"`, a name and a title; not yet in the page. */
export function createSecureIframe(doc: Document, kind: FrameKind, { name, src, title }: { name: string; src: string; title: string }): HTMLIFrameElement {
  const policy: FramePolicy = FRAME_POLICY[kind];
  const iframe = doc.createElement('iframe');
  iframe.setAttribute('part', 'frame');
  iframe.setAttribute('referrerpolicy', policy.referrerpolicy);
  if (policy.allow) iframe.setAttribute('allow', policy.allow);
  iframe.setAttribute('sandbox', policy.sandbox);
  iframe.name = name;
  iframe.title = title;
  iframe.src = src;
  return iframe;
}
