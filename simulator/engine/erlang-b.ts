/**
 * Erlang B for many servers in constant time. The recursion B(k) = a B(k-1) / (k + a B(k-1))
 * costs O(sqrt(a)) steps even started near the load (queue-state.ts), which is 80,000 steps per
 * evaluation at 1e8 servers. Here B comes from its integral form
 *
 *   1 / B(n, a) = a * integral_0^inf e^{-a y} (1 + y)^n dy
 *
 * evaluated with the integrand scaled by its peak (so nothing overflows) and its exponent written
 * as n (log1p(v) - v) + c u, which has no cancellation: the integrand is log-concave with width
 * sigma = (1 + p) / sqrt(n) around its peak p, and a few dozen nodes of the trapezoid rule (peak
 * far from y = 0: exponentially accurate for a smooth, fast-decaying integrand) or of a
 * double-exponential rule on [0, inf) (peak near 0) reach 1e-13. Far above the load (a >= 2n) the
 * series 1/B = sum_j n!/((n-j)! a^j) converges in at most 57 terms instead.
 */

/**
 * log1p(v) - v for v > -1 without the cancellation near v = 0, which n (log1p(v) - v) would
 * multiply by n: with s = v / (2 + v), log1p(v) = 2 atanh(s) and v = 2s / (1 - s), so
 * log1p(v) - v = -2 s^2 / (1 - s) + 2 (s^3/3 + s^5/5 + ...), whose parts do not cancel. For
 * |v| < 0.5, |s| <= 1/3 and 16 terms reach 1e-17; beyond, the plain difference loses nothing.
 */
export function log1pMinusX(v: number): number {
  if (!(Math.abs(v) < 0.5)) return Math.log1p(v) - v;
  const s = v / (2 + v);
  const s2 = s * s;
  let odd = 0;
  for (let k = 33; k >= 3; k -= 2) odd = odd * s2 + 1 / k;
  return (-2 * s2) / (1 - s) + 2 * s2 * s * odd;
}

/** ln(1e300): above it 1/B counts as infinite and B as 0, as in the recursion. */
const LOG_MAX_INV_B = 300 * Math.LN10;
/** Terms below this share of the largest one (1) are dropped: far under a double's precision. */
const NEGLIGIBLE = 1e-20;
/** Trapezoid step, in widths sigma: the error is about 2 exp(-2 pi^2 / 0.5^2) ~ 1e-34. */
const TRAPEZOID_STEP = 0.5;
/** Double-exponential rule: step in t and where t starts (the left tail is below 1e-25 there). */
const DE_STEP = 1 / 16;
const DE_START = -4.5;

/** The integrand over its peak: e^{n (log1p(v) - v) + c u}, u = y - p, v = u / (1 + p). */
function scaled(n: number, c: number, p: number, u: number): number {
  return Math.exp(n * log1pMinusX(u / (1 + p)) + c * u);
}

/** Erlang B(n, a) for n servers (an integer, at least 1) and offered load a > 0. */
export function erlangBLarge(n: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= 2 * n) {
    // Far above the load: 1/B = 1 + n/a + n(n-1)/a^2 + ..., each term at most half the one before.
    let sum = 1;
    let term = 1;
    for (let i = 0; i < n && term > 1e-17 * sum; i++) {
      term *= (n - i) / a;
      sum += term;
    }
    return 1 / sum;
  }
  // The integrand's peak p (at y = 0 when a >= n), its log there relative to y = 0, and the
  // slope c of the linear part of the exponent (0 at an interior peak, where n / (1 + p) = a).
  const interior = n > a;
  const p = interior ? (n - a) / a : 0;
  const logPeak = interior ? -n * log1pMinusX((a - n) / n) : 0;
  const c = interior ? 0 : n - a;
  if (logPeak + Math.log(a) > LOG_MAX_INV_B) return 0;
  const sigma = (1 + p) / Math.sqrt(n);
  let integral = 0;
  if (p >= 9 * sigma) {
    // Peak far from y = 0 (the integrand there is below e^-40): trapezoid rule on the real line.
    const h = TRAPEZOID_STEP * sigma;
    integral = 1;
    for (let k = 1; ; k++) {
      const f = scaled(n, c, p, k * h);
      integral += f;
      if (f < NEGLIGIBLE) break;
    }
    for (let k = 1; k * h < p; k++) {
      const f = scaled(n, c, p, -k * h);
      integral += f;
      if (f < NEGLIGIBLE) break;
    }
    integral *= h;
  } else {
    // Peak near y = 0: y = sigma exp(t - e^-t) maps the real line onto (0, inf) with a tail that
    // vanishes double-exponentially at y = 0, so the rule keeps its geometric convergence.
    for (let t = DE_START; ; t += DE_STEP) {
      const e = Math.exp(-t);
      const y = sigma * Math.exp(t - e);
      const f = scaled(n, c, p, y - p);
      const g = f * y * (1 + e);
      integral += g;
      if (y > p && f < NEGLIGIBLE && g < NEGLIGIBLE * integral) break;
    }
    integral *= DE_STEP;
  }
  if (logPeak + Math.log(a * integral) > LOG_MAX_INV_B) return 0;
  return Math.exp(-logPeak) / (a * integral);
}
