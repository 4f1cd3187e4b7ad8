/** Quantiles of a latency from its first three cumulants (call chains combine distributions). */
import type { State } from '../state';
import { TAIL, Z_LEVEL } from './constants';

/** Acklam's rational approximation of the standard normal quantile (relative error 1.2e-9). */
const ACK_A = Float64Array.of(
  -39.69683028665376,
  220.9460984245205,
  -275.9285104469687,
  138.357751867269,
  -30.66479806614716,
  2.506628277459239,
);
const ACK_B = Float64Array.of(
  -54.47609879822406,
  161.5858368580409,
  -155.6989798598866,
  66.80131188771972,
  -13.28068155288572,
);
const ACK_C = Float64Array.of(
  -0.007784894002430293,
  -0.3223964580411365,
  -2.400758277161838,
  -2.549732539343734,
  4.374664141464968,
  2.938163982698783,
);
const ACK_D = Float64Array.of(0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416);

/**
 * Quantiles of a latency from its first three cumulants (latMean, latVar, latK3 at node i) and its
 * floor's median p50[i], written to out[at], out[at + 1], out[at + 2] (p50, p95, p99). Two fits of the three moments, both by gamma
 * quantiles (Wilson-Hilferty):
 * - if `mixture` (1: the own time's variance is a small part of the whole, so the own time is
 *   about a constant c0, the floor's median), zero-inflated gamma: c0 with probability 1 - pi, else
 *   c0 plus a gamma; close for a call that happens in a share of requests (a cache's misses, the
 *   calls a rate limit lets through), when the moments of T - c0 ask for pi < 1;
 * - otherwise a shifted gamma (Pearson type III: same mean, variance and skewness): sums of 2-4
 *   exponentials within 1.5% of the hypoexponential law.
 * Indices and arrays only: a double passed or returned would box.
 */
export function fitQuantiles(
  latMean: Float64Array,
  latVar: Float64Array,
  latK3: Float64Array,
  p50: Float64Array,
  i: number,
  mixture: number,
  out: Float64Array,
  at: number,
): void {
  const k1 = latMean[i]!;
  const k2 = latVar[i]!;
  const k3 = latK3[i]!;
  const sd = Math.sqrt(k2);
  const g = k2 > 1e-30 ? k3 / (k2 * sd) : 0;
  // Raw moments of T - c0, c0 the floor's median (the own time every request pays about), and the
  // zero-inflated gamma with them: m2/m1 = (shape + 1) scale, m3/m2 = (shape + 2) scale.
  const c0 = p50[i]! < k1 ? p50[i]! : 0;
  const m1 = k1 - c0;
  const m2 = k2 + m1 * m1;
  const m3 = k3 + 3 * m1 * k2 + m1 * m1 * m1;
  let zScale = m1 > 0 && m2 > 0 ? m3 / m2 - m2 / m1 : 0;
  let zShape = zScale > 0 ? m2 / m1 / zScale - 1 : 0;
  let pi = zShape > 0 ? m1 / (zShape * zScale) : 2;
  if (!(pi < 1) || mixture === 0) {
    pi = 1;
    zShape = 0;
    zScale = 0;
  }
  for (let level = 0; level < 3; level++) {
    let x = 0;
    if (pi < 1) {
      // P[T > x] = pi P[G > x]: the gamma's quantile at tail TAIL / pi, if below 1.
      const tail = TAIL[level]! / pi;
      if (tail < 1) {
        const pl = 1 - tail;
        let z: number;
        if (pl < 0.02425 || pl > 0.97575) {
          const qq = Math.sqrt(-2 * Math.log(pl < 0.5 ? pl : 1 - pl));
          z =
            (((((ACK_C[0]! * qq + ACK_C[1]!) * qq + ACK_C[2]!) * qq + ACK_C[3]!) * qq + ACK_C[4]!) * qq +
              ACK_C[5]!) /
            ((((ACK_D[0]! * qq + ACK_D[1]!) * qq + ACK_D[2]!) * qq + ACK_D[3]!) * qq + 1);
          if (pl > 0.5) z = -z;
        } else {
          const qq = pl - 0.5;
          const r = qq * qq;
          z =
            ((((((ACK_A[0]! * r + ACK_A[1]!) * r + ACK_A[2]!) * r + ACK_A[3]!) * r + ACK_A[4]!) * r +
              ACK_A[5]!) *
              qq) /
            (((((ACK_B[0]! * r + ACK_B[1]!) * r + ACK_B[2]!) * r + ACK_B[3]!) * r + ACK_B[4]!) * r + 1);
        }
        const b = 1 - 1 / (9 * zShape) + z / (3 * Math.sqrt(zShape));
        x = c0 + (b > 0 ? zShape * zScale * b * b * b : 0);
      }
    } else {
      const z = Z_LEVEL[level]!;
      x = k1 + z * sd; // symmetric (or no spread): normal
      if (g > 1e-3) {
        const shape = 4 / (g * g);
        const scale = (sd * g) / 2;
        const b = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
        x = k1 - shape * scale + (b > 0 ? shape * scale * b * b * b : 0);
      }
    }
    out[at + level] = x;
  }
}

/** Slots per node of State.fitCache: the inputs (k1, k2, k3, p50 floor, mixture), then the fit (p50, p95, p99). */
export const FIT_CACHE_STRIDE = 8;

/**
 * Node i's p50 / p95 / p99 from its cumulants, each at least the value already there (a floor:
 * the sum of independent parts is at least any one part's quantile). The fit is reused while its
 * inputs are unchanged (a node in steady state), as it costs logs and square roots per level.
 */
export function quantilesFromCumulants(st: State, i: number, mixture: number): void {
  const { latMean, latVar, latK3, p50, p95, p99, fitCache: c } = st;
  const at = i * FIT_CACHE_STRIDE;
  const k1 = latMean[i]!;
  const floor50 = p50[i]!;
  if (!(
    c[at] === k1 &&
    c[at + 1] === latVar[i] &&
    c[at + 2] === latK3[i] &&
    c[at + 3] === floor50 &&
    c[at + 4] === mixture
  )) {
    c[at] = k1;
    c[at + 1] = latVar[i]!;
    c[at + 2] = latK3[i]!;
    c[at + 3] = floor50;
    c[at + 4] = mixture;
    fitQuantiles(latMean, latVar, latK3, p50, i, mixture, c, at + 5);
  }
  if (c[at + 5]! > floor50) p50[i] = c[at + 5]!;
  if (c[at + 6]! > p95[i]!) p95[i] = c[at + 6]!;
  if (c[at + 7]! > p99[i]!) p99[i] = c[at + 7]!;
}
