/**
 * The sandbox's fault simulation as its clients see it (`POST /test/faults`, `sandbox.addFault()`):
 * plain types and lists with no server package, so the public types of the sandbox and of the test
 * kit import nothing but this file. The checks and the behaviour live in faults.ts.
 */

/** What a fault applies to. `any`: every request to the sandbox except the `/test/*` routes. */
export const FAULT_ROUTES = ['payments', 'payment_status', 'session', 'frames', 'webhooks', 'any'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];
export const FAULT_KINDS = ['timeout', 'reset', 'error', 'error_after_charge', 'drop_after_charge', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULT_STATUSES = [500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export const MAX_FAULT_DELAY_MS = 120_000;
export const MAX_FAULT_TIMES = 100;
/** At most this many faults are armed at once. */
export const MAX_FAULTS = 100;
/** What `POST /test/faults` and `sandbox.addFault()` take. */
export interface FaultSpec {
  route: FaultRoute;
  fault: FaultKind;
  /** `error` and `error_after_charge` only. Default 503. */
  status?: FaultStatus;
  /** `timeout` (default 60000) and `slow` (default 2000) only; 0 to 120000. */
  delay_ms?: number;
  /** How many matching requests it applies to, 1 to 100. Default 1. */
  times?: number;
  /** Only requests made with this session's client token (webhooks: deliveries about it). */
  session_id?: string;
}

/** An armed fault, as the API shows it. */
export interface Fault {
  id: string;
  route: FaultRoute;
  fault: FaultKind;
  status?: FaultStatus;
  delay_ms?: number;
  times: number;
  /** Matching requests it still applies to; it is removed when this reaches 0. */
  remaining: number;
  session_id?: string;
}
