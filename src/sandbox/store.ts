import type { ChallengeOutcome, ChallengeWindowSize, CheckoutVariant, PaymentAttempt, PaymentAttemptStatus, PresentationMode } from '../protocol/api.js';
import type { CardBrand, StatusCode } from '../protocol/card.js';
import type { SessionStatus } from '../protocol/outcome.js';
import type { CustomerDetails } from '../protocol/customer.js';
import type { CheckoutLine } from '../protocol/checkout.js';

export type { SessionStatus, PresentationMode };

/** The product's item line: `amount` is the unit price (the line shows `amount × quantity`). */
export interface LineItem {
  name: string;
  quantity: number;
  amount: number;
}
export interface TaxLine {
  name: string;
  amount: number;
}
/** Seed 004 `paymentMethods`. */
export { PAYMENT_METHODS, type PaymentMethod } from '../protocol/sessions.js';
import type { PaymentMethod } from '../protocol/sessions.js';

export interface CollectOptions {
  email?: boolean | undefined;
  billing_address?: boolean | undefined;
  shipping_address?: boolean | undefined;
}

/** How an attempt on a session ended, as `last_attempt.outcome` shows it. */
export type AttemptOutcome = 'succeeded' | 'declined' | 'failed' | 'cancelled' | 'abandoned';

export interface LastAttempt {
  outcome: AttemptOutcome;
  statusCode: StatusCode;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface SessionRecord {
  id: string;
  /** Keyed hash of the secret key that created the session; only that key may read or cancel it. */
  ownerKey: string;
  /** Exact origins that may frame this session's pages; null when created without them. */
  allowedOrigins: string[] | null;
  /** The latest attempt that reached an outcome; null before any. */
  lastAttempt: LastAttempt | null;
  status: SessionStatus;
  amount: number;
  currency: string;
  type: 'one_time';
  mode: PresentationMode;
  variant: CheckoutVariant;
  /** `success_url` or seed 004's `config.redirectUrl`, with `{SESSION_ID}` replaced. */
  successUrl: string | null;
  /** Where a customer who cancels at the bank page returns (redirect mode), with the session id. */
  cancelUrl: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
  failedAttempts: number;
  /** The latest payment attempt, whatever its outcome. */
  latestPaymentId: string | null;
  /** Set once a payment succeeded: the session never takes a second charge. */
  succeededPaymentId: string | null;
  /** A payment waiting for its 3-D Secure answer. */
  pendingChallengeId: string | null;
  /** The merchant's metadata, with every payment's `additionalInfo.metaData` merged in. */
  metadata: Record<string, string>;
  reference: string | null;
  /** Seed 004 `description`. */
  description: string | null;
  /** The merchant's own order id (seed 002: "always pass your internal order ID as the custom parameter"). */
  custom: string | null;
  /** What the customer gave across the session's payments, later values over earlier ones. */
  customerDetails?: CustomerDetails | undefined;
  /** `title` or seed 004's `config.title`. */
  title?: string | undefined;
  /** Order lines in seed 004's shape, as the checkout shows them (`line_items` arrive converted). */
  itemLines?: CheckoutLine[] | undefined;
  /** Taxes and fees in seed 004's shape (`tax_lines` arrive converted). */
  taxLines?: CheckoutLine[] | undefined;
  /** The product's `line_items` and `tax_lines` as given, read back under their own names. */
  productLines?: { line_items?: LineItem[] | undefined; tax_lines?: TaxLine[] | undefined } | undefined;
  /** Seed 004 `config.details.showTotal`. */
  showTotal?: boolean | undefined;
  /** Seed 004 `paymentMethods`; `['Card']` when not given. */
  paymentMethods: PaymentMethod[];
  /** `collect` or seed 004's `config.<field>.collectionRequired`. */
  collect?: CollectOptions | undefined;
  clientToken: string;
}

/** A payment attempt. Card data is never kept: only the brand and the last four digits. */
export interface PaymentRecord {
  id: string;
  sessionId: string;
  status: PaymentAttemptStatus;
  statusCode: StatusCode;
  authCode?: string;
  message: string;
  brand: CardBrand;
  last4: string;
  createdAt: number;
  challenge?: { url: string; windowSize: ChallengeWindowSize };
  /** While a challenge is pending: when it counts as abandoned (milliseconds since the epoch). */
  challengeExpiresAt?: number;
  /** How the customer answered the bank page, once answered: where the deep-link return page goes. */
  challengeOutcome?: ChallengeOutcome;
  /** What the customer gave with this payment (additionalInfo, checkout fields, wallet sheet). */
  customerDetails?: CustomerDetails | undefined;
}

/** What an idempotency key remembers: a keyed hash of the request and the response given. */
export interface IdempotentResult<T> {
  requestHash: string;
  result: T;
}

/** How long an ended session is kept after its expiry, for reads and webhooks. */
const RETENTION_MS = 60 * 60 * 1000;

/**
 * All sandbox state, in memory. Reads go through `session()` so that a session past its expiry
 * turns `expired` (and announces it) the first time anyone looks.
 */
export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly payments = new Map<string, PaymentRecord>();
  /** `apiKeyHash:key` → the session created for it (or being created). */
  readonly sessionKeys = new Map<string, IdempotentResult<Promise<SessionRecord>>>();
  /** `sessionId:key` → the payment response given for it. */
  readonly paymentKeys = new Map<string, IdempotentResult<PaymentAttempt>>();

  constructor(
    private readonly now: () => number,
    private readonly onStatusChange: (session: SessionRecord) => void,
    /** Called when a read finds the session's pending challenge past its time. */
    private readonly onChallengeExpired: (session: SessionRecord, payment: PaymentRecord) => void = () => {},
  ) {}

  /** Called once for every session created. */
  onSessionAdded: (session: SessionRecord) => void = () => {};

  addSession(session: SessionRecord): void {
    this.prune();
    this.sessions.set(session.id, session);
    this.onSessionAdded(session);
  }

  session(id: string): SessionRecord | undefined {
    const session = this.sessions.get(id);
    if (session && session.status === 'open' && this.now() >= session.expiresAt) {
      this.setStatus(session, 'expired');
    }
    // Abandoned challenges are found lazily, on the next look, rather than with a timer each.
    if (session?.status === 'open' && session.pendingChallengeId !== null) {
      const pending = this.payments.get(session.pendingChallengeId);
      if (pending?.challengeExpiresAt !== undefined && this.now() >= pending.challengeExpiresAt) {
        this.onChallengeExpired(session, pending);
      }
    }
    return session;
  }

  setStatus(session: SessionRecord, status: SessionStatus): void {
    if (session.status === status) return;
    session.status = status;
    if (status !== 'open') session.pendingChallengeId = null;
    this.onStatusChange(session);
  }

  /** Called once for every payment attempt that reached an outcome (success, decline, failure, cancel). */
  onAttempt: (session: SessionRecord, payment: PaymentRecord) => void = () => {};

  addPayment(payment: PaymentRecord): void {
    this.payments.set(payment.id, payment);
  }

  payment(id: string): PaymentRecord | undefined {
    return this.payments.get(id);
  }

  /** Forgets sessions that ended long ago, with their payments and idempotency keys. */
  private prune(): void {
    const cutoff = this.now() - RETENTION_MS;
    for (const [id, session] of this.sessions) {
      if (session.expiresAt >= cutoff) continue;
      this.sessions.delete(id);
      for (const [paymentId, payment] of this.payments) {
        if (payment.sessionId === id) this.payments.delete(paymentId);
      }
      for (const key of this.paymentKeys.keys()) {
        if (key.startsWith(`${id}:`)) this.paymentKeys.delete(key);
      }
    }
  }
}
