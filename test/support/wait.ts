/**
 * Waiting in browser tests: for the state that matters (`until`, `animationsDone`, `nextFrames`),
 * and the few fixed waits that are fixed by design, each named for its reason. No side effects on
 * import (the unit tier uses it too).
 */

/** Waits until `predicate` holds, checking every 20 ms, at most `timeout` ms. */
export async function until(predicate: () => boolean | Promise<boolean>, timeout = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves after the next animation frames: lets bridged messages arrive. */
export function nextFrames(count = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (n: number) => (n === 0 ? resolve() : requestAnimationFrame(() => step(n - 1)));
    step(count);
  });
}

/** Resolves when every running animation and transition of `el` and its descendants (shadow tree included) has finished. */
export async function animationsDone(el: Element): Promise<void> {
  // A transition or animation starts on the next style update: let one frame pass first.
  await nextFrames(1);
  const running = (root: Element): Animation[] => [
    ...root.getAnimations({ subtree: true }),
    ...(root.shadowRoot ? [...root.shadowRoot.children].flatMap((child) => running(child)) : []),
  ];
  await Promise.all(running(el).map((animation) => animation.finished.catch(() => undefined)));
}

/**
 * A fixed wait ON PURPOSE, for asserting that something does NOT happen (a second outcome, a
 * late callback, an event for a forged message, a navigation): there is no event to wait for
 * when the point is that none comes. `ms` is how long the test gives the unwanted thing to show.
 */
export function quietWindow(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * A fixed wait ON PURPOSE: Chromium drops clicks on a cross-origin frame that tracks its
 * visibility (IntersectionObserver v2) for 500 ms after the frame moved (its protection against
 * click-jacking by moving a frame under the pointer), and no event says when that window ends.
 * Where a test may click more than once, `clickUntil` is the faster way.
 */
export function pastFrameMoveClickProtection(): Promise<void> {
  return new Promise((r) => setTimeout(r, 600));
}
