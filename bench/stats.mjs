// Small statistics for `npm run bench`: quantiles and a paired bootstrap interval. Samples are
// taken in pairs (baseline, subject, baseline, subject…), so the bootstrap resamples pairs, which
// keeps the drift that hit both members of a pair together.

/** Linear-interpolated quantile (q in 0..1) of an unsorted array. */
export function quantile(xs, q) {
  const s = Float64Array.from(xs).sort();
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);

/** A seeded PRNG (mulberry32), so that the same samples always give the same interval. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percentile bootstrap of `statistic(subjectSample, baselineSample)` over paired samples.
 * Returns the point estimate and the [lo, hi] interval at `level`.
 */
export function pairedBootstrap(subject, baseline, statistic, { resamples = 4000, level = 0.95, seed = 12 } = {}) {
  const n = Math.min(subject.length, baseline.length);
  const random = rng(seed);
  const estimates = new Float64Array(resamples);
  const s = new Array(n);
  const b = new Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      s[i] = subject[k];
      b[i] = baseline[k];
    }
    estimates[r] = statistic(s, b);
  }
  estimates.sort();
  const tail = (1 - level) / 2;
  return {
    estimate: statistic(subject.slice(0, n), baseline.slice(0, n)),
    lo: quantile(estimates, tail),
    hi: quantile(estimates, 1 - tail),
  };
}

export const ratioOfMedians = (s, b) => median(s) / median(b);
export const medianDifference = (s, b) => median(s) - median(b);
export const p95Difference = (s, b) => quantile(s, 0.95) - quantile(b, 0.95);
