/**
 * Shapes of the provider API as the frames and the sandbox speak it, and the claims of a client
 * token. Plain types and constants only: the host reads token claims, the frames call the payment
 * endpoints, the sandbox implements both.
 */
import type { StatusCode } from './card.js';
import type { CustomerDetails } from './customer.js';
import type { SessionStatus } from './outcome.js';

/** Display variants of the hosted checkout, carried in the client token's `variant` claim. */
export const CHECKOUT_VARIANTS = ['modal', 'inline'] as const;
export type CheckoutVariant = (typeof CHECKOUT_VARIANTS)[number];

/**
 * How a session is presented: `embedded` (the checkout opens in the merchant's page) or `hosted`
 * (the customer is sent to the provider's checkout page). Carried in the client token's `mode`
 * claim; a token without it is `embedded`.
 */
export const PRESENTATION_MODES = ['embedded', 'hosted'] as const;
export type PresentationMode = (typeof PRESENTATION_MODES)[number];

/** Path of the hosted checkout page on the frames origin: `/checkout/{session id}`. */
export const HOSTED_CHECKOUT_PATH = '/checkout';

/**
 * The URL of a session's checkout page, to open top-level (a redirect, a new tab, a mobile
 * WebView): the session id in the path and the client token in the fragment, which no server,
 * log or `Referer` ever sees. Without the token the page pays nothing: the URL is the capability.
 */
export function hostedCheckoutUrl(framesOrigin: string, sessionId: string, clientToken: string): string {
  return `${framesOrigin}${HOSTED_CHECKOUT_PATH}/${encodeURIComponent(sessionId)}#token=${encodeURIComponent(clientToken)}`;
}

/** Claims of a client token (a JWT signed by the provider). */
export interface ClientTokenClaims {
  /** Origin of the API that issued the token; a loopback origin for a local sandbox. */
  iss: string;
  /** The payment session id. */
  sid: string;
  variant: CheckoutVariant;
  /** `hosted` for a hosted session; absent (or `embedded`) otherwise. */
  mode?: PresentationMode;
  /** `sandbox` or `production`. */
  env: 'sandbox' | 'production';
  /** Expiry, seconds since the epoch. */
  exp: number;
  iat: number;
  jti: string;
}

/** Paths on the frames origin. */
export const FRAME_PATHS = {
  card: '/frames/card',
  wallet: '/frames/wallet',
  checkout: '/frames/checkout',
} as const;

/** Payment endpoints on the frames origin, called by the frames with the client token. */
export const PAYMENTS_PATH = '/v1/payments';
/** Test mode: a session for a static page such as a gallery (`POST`, a `pk_test_` key, CORS). */
export const DEMO_SESSIONS_PATH = '/v1/demo/sessions';
/** Session status for the frames (`GET`, Bearer client token). */
export const FRAME_SESSION_PATH = '/v1/session';

/** Body of `POST /v1/payments`: defined (and checked by the sandbox) in requests.ts. */
export type { CardPaymentRequest } from './requests.js';

/** EMV 3-D Secure challenge window sizes: 01 250×400, 02 390×400, 03 500×600, 04 600×400, 05 full screen. */
export const CHALLENGE_WINDOW_SIZES = {
  '01': { width: 250, height: 400 },
  '02': { width: 390, height: 400 },
  '03': { width: 500, height: 600 },
  '04': { width: 600, height: 400 },
  '05': { width: 0, height: 0 },
} as const;
export type ChallengeWindowSize = keyof typeof CHALLENGE_WINDOW_SIZES;

export type PaymentAttemptStatus = 'succeeded' | 'requires_action' | 'declined' | 'referred' | 'failed';

/** A payment attempt as `POST /v1/payments` and `GET /v1/payments/{id}` return it. */
export interface PaymentAttempt {
  id: string;
  status: PaymentAttemptStatus;
  statusCode: StatusCode;
  authCode?: string;
  message: string;
  /** Present while `status` is `requires_action`. */
  challenge?: { url: string; windowSize: ChallengeWindowSize };
  /** What the customer gave with this payment, as stored (never card data). */
  customerDetails?: CustomerDetails;
  /**
   * The session's status once this attempt is recorded: `failed` when this attempt used up the
   * session's last try, `completed` once paid. The frames copy it onto the `TransactionResult`.
   */
  sessionStatus?: SessionStatus;
}

/** A JSON error body from any sandbox endpoint. */
export interface ApiError {
  error: { type: string; message: string; param?: string };
}

/**
 * Message the 3-D Secure challenge page posts to its parent (the card frame, same origin) when
 * the customer has answered.
 */
export interface ChallengeCompleteMessage {
  protocol: 'moment-elements';
  kind: 'challenge-complete';
  paymentId: string;
  /** How the customer answered, when the page knows; the frame then reads the payment. */
  outcome?: ChallengeOutcome;
}

/** Answers to a 3-D Secure challenge: `cancelled` is the customer leaving the bank page. */
export const CHALLENGE_OUTCOMES = ['succeeded', 'declined', 'cancelled'] as const;
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

/**
 * The frames origin's health check: `GET` answers 204 (CORS `*`, `no-store`) while the frames
 * can be loaded, so a host page can tell an unreachable frames origin from a slow one.
 */
export const FRAMES_HEALTH_PATH = '/frames/health';
