/** Fetches JSON from the merchant's own backend with a timeout, and says clearly what went wrong. */
export async function fetchJson(url: string, init: RequestInit, timeoutMs = 30_000): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new Error(timedOut ? `${url} did not answer within ${timeoutMs / 1000} s.` : `${url} could not be reached.`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
  try {
    return await response.json();
  } catch {
    throw new Error(`${url} did not answer with JSON.`);
  }
}
