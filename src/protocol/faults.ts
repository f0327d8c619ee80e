/**
 * Test faults of the sandbox (`POST /test/faults`, `sandbox.addFault()`), defined once: the
 * sandbox checks the body with this schema (worded in src/sandbox) and the public types of the
 * sandbox and of the test kit are inferred from it. Server-side: no browser bundle imports this.
 */
import { boolean, number, object, optional, picklist, string, type Infer } from './schema.js';

/** What a fault applies to. `any`: every request to the sandbox except the `/test/*` routes. */
export const FAULT_ROUTES = ['payments', 'payment_status', 'session', 'frames', 'webhooks', 'any'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];
export const FAULT_KINDS = ['timeout', 'reset', 'error', 'error_after_charge', 'drop_after_charge', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULT_STATUSES = [500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export const MAX_FAULT_DELAY_MS = 120_000;
export const MAX_FAULT_TIMES = 100;

/** What `POST /test/faults` and `sandbox.addFault()` take. */
export const FaultSpecSchema = object(
  {
    route: picklist(FAULT_ROUTES),
    fault: picklist(FAULT_KINDS),
    /** `error` and `error_after_charge` only. Default 503. */
    status: optional(picklist(FAULT_STATUSES)),
    /** `timeout` (default 60000) and `slow` (default 2000) only; 0 to 120000. */
    delay_ms: optional(number({ integer: true, min: 0, max: MAX_FAULT_DELAY_MS })),
    /** How many matching requests it applies to, 1 to 100. Default 1. */
    times: optional(number({ integer: true, min: 1, max: MAX_FAULT_TIMES })),
    /** Only requests made with this session's client token (webhooks: deliveries about it). */
    session_id: optional(string({ pattern: /^ps_[A-Za-z0-9]{1,64}$/ })),
  },
  true,
);
export type FaultSpec = Infer<typeof FaultSpecSchema>;

/**
 * What `POST /test/emulation` takes: a browser engine's behaviour for the frame pages opened from
 * then on. `visibility_tracking: false` serves them without IntersectionObserver v2 (Firefox, WebKit).
 */
export const EmulationSchema = object({ visibility_tracking: boolean() }, true);
export type Emulation = Infer<typeof EmulationSchema>;
