/**
 * One request's duration drawn from a node's latency this tick (its p50, p95 and p99): log-linear
 * between the quantiles, the p95-p99 slope extended past p99 (capped at 3 x p99), and linear from
 * a third of the median up to it. Evidence (log lines, spans) uses it, so durations vary as the
 * latency distribution does instead of repeating the median.
 */
import type { State } from './state';

export function sampleLatency(st: State, i: number, u: number): number {
  const p50 = st.p50[i]!;
  if (!(p50 > 0)) return st.latMean[i]! > 0 ? st.latMean[i]! : 0;
  const p95 = Math.max(p50, st.p95[i]!);
  const p99 = Math.max(p95, st.p99[i]!);
  let v: number;
  if (u < 0.5) v = p50 * (1 / 3 + (2 / 3) * (u / 0.5));
  else if (u < 0.95) v = p50 * Math.pow(p95 / p50, (u - 0.5) / 0.45);
  else if (u < 0.99) v = p95 * Math.pow(p99 / p95, (u - 0.95) / 0.04);
  else v = Math.min(3 * p99, p99 * Math.pow(p99 / p95, (u - 0.99) / 0.04));
  return Number.isFinite(v) ? v : p50;
}
