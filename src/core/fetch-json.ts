/** A call to the merchant's own code or backend that did not settle in time. */
export class FetchTimeoutError extends Error {
  override name = 'FetchTimeoutError';
}

/** Default time allowed to `fetchClientToken`, `fetchSessionStatus` and the endpoints (30 s, as for any payment call). */
export const DEFAULT_FETCH_TIMEOUT = 30_000;

/**
 * Settles as `call()` does, or rejects with a `FetchTimeoutError` naming `what` after `ms`: a
 * merchant callback that never settles must not leave the checkout pending for ever.
 */
export function withTimeout<T>(call: () => Promise<T> | T, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FetchTimeoutError(`${what} did not settle within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([Promise.resolve().then(call), timeout]).finally(() => clearTimeout(timer));
}

/** Fetches JSON from the merchant's own backend with a timeout, and says clearly what went wrong. */
export async function fetchJson(url: string, init: RequestInit, timeoutMs = DEFAULT_FETCH_TIMEOUT): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    if (timedOut) throw new FetchTimeoutError(`${url} did not answer within ${timeoutMs / 1000} s.`);
    throw new Error(`${url} could not be reached.`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
  try {
    return await response.json();
  } catch {
    throw new Error(`${url} did not answer with JSON.`);
  }
}
