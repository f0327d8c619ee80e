/**
 * The sandbox's fault simulation as its clients see it (`POST /test/faults`, `sandbox.addFault()`):
 * types and lists with no server package, so the public types of the sandbox and of the test kit
 * import nothing but this file and the protocol's `FaultSpecSchema` (src/protocol/faults.ts), which
 * `FaultSpec` is inferred from. The checks and the behaviour live in faults.ts.
 */

export {
  FAULT_KINDS,
  FAULT_ROUTES,
  FAULT_STATUSES,
  MAX_FAULT_DELAY_MS,
  MAX_FAULT_TIMES,
  type FaultKind,
  type FaultRoute,
  type FaultSpec,
  type FaultStatus,
} from '../protocol/faults.js';
import type { FaultKind, FaultRoute, FaultStatus } from '../protocol/faults.js';

/** At most this many faults are armed at once. */
export const MAX_FAULTS = 100;
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
