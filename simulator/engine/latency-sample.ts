/**
 * A node's latency distribution this tick, from its p50, p95 and p99: log-linear between the
 * quantiles, the p95-p99 slope extended past p99 (capped at 3 x p99), and linear from a third of
 * the median up to it. Evidence (log lines, spans) draws request durations from it, so durations
 * vary as the latency distribution does instead of repeating the median; the Prometheus view
 * (simulator/prom/view.ts) fills its latency histogram buckets from its CDF, so
 * histogram_quantile and the evidence agree with the engine's quantiles.
 */
import type { State } from './state';

/** The u-quantile (0 <= u < 1) of the distribution with these quantiles. */
export function latencyQuantile(p50: number, p95In: number, p99In: number, u: number): number {
  if (!(p50 > 0)) return zeroMedianQuantile(Math.max(0, p95In), Math.max(0, p95In, p99In), u);
  const p95 = Math.max(p50, p95In);
  const p99 = Math.max(p95, p99In);
  let v: number;
  if (u < 0.5) v = p50 * (1 / 3 + (2 / 3) * (u / 0.5));
  else if (u < 0.95) v = p50 * Math.pow(p95 / p50, (u - 0.5) / 0.45);
  else if (u < 0.99) v = p95 * Math.pow(p99 / p95, (u - 0.95) / 0.04);
  else v = Math.min(3 * p99, p99 * Math.pow(p99 / p95, (u - 0.99) / 0.04));
  return Number.isFinite(v) ? v : p50;
}

/**
 * P[latency <= x] for the same distribution: the inverse of latencyQuantile, piece by piece
 * (a flat piece, where two quantiles coincide, jumps straight to its upper probability).
 */
export function latencyCdf(p50: number, p95In: number, p99In: number, x: number): number {
  if (!(p50 > 0)) return zeroMedianCdf(Math.max(0, p95In), Math.max(0, p95In, p99In), x);
  const p95 = Math.max(p50, p95In);
  const p99 = Math.max(p95, p99In);
  const low = p50 / 3;
  if (x < low) return 0;
  if (x < p50) return (0.5 * (x / p50 - 1 / 3)) / (2 / 3);
  if (x < p95) return 0.5 + (0.45 * Math.log(x / p50)) / Math.log(p95 / p50);
  return upperCdf(p95, p99, x);
}

/** The CDF from p95 up (p95 > 0): log-linear to p99, the same slope past it, capped at 3 x p99. */
function upperCdf(p95: number, p99: number, x: number): number {
  if (x < p99) return 0.95 + (0.04 * Math.log(x / p95)) / Math.log(p99 / p95);
  if (x >= 3 * p99 || p99 === p95) return 1;
  return Math.min(1, 0.99 + (0.04 * Math.log(x / p99)) / Math.log(p99 / p95));
}

/**
 * A median of 0: at least half the requests ended at once (a rejection, a fast failure), and the
 * rest keep the tail the engine's p95 and p99 give: linear from 0 up to the first positive quantile,
 * then as above. Without it a client whose requests mostly fail fast lost its slow tail (its
 * histogram put every request under 5 ms while the engine's p99 said 10 s).
 */
function zeroMedianQuantile(p95: number, p99: number, u: number): number {
  if (u < 0.5) return 0;
  if (p95 > 0) return u < 0.95 ? (p95 * (u - 0.5)) / 0.45 : latencyQuantile(p95, p95, p99, u);
  if (u < 0.95) return 0;
  return u < 0.99 ? (p99 * (u - 0.95)) / 0.04 : p99;
}

function zeroMedianCdf(p95: number, p99: number, x: number): number {
  if (x < 0) return 0;
  if (p95 > 0) return x < p95 ? 0.5 + (0.45 * x) / p95 : upperCdf(p95, p99, x);
  if (x < p99) return 0.95 + (0.04 * x) / p99;
  return 1;
}

export function sampleLatency(st: State, i: number, u: number): number {
  const p50 = st.p50[i]!;
  if (!(p50 > 0)) return st.latMean[i]! > 0 ? st.latMean[i]! : 0;
  return latencyQuantile(p50, st.p95[i]!, st.p99[i]!, u);
}
