/**
 * Step-change experiments: how fast does the mean wait move after the load (or the service time)
 * changes? The system runs at its old load long enough to be in steady state, the step happens at
 * t0, and many independent replications are averaged per bucket BY ARRIVAL TIME, which estimates
 * E[wait of a request arriving at t]. That curve is what the engine's per-tick queue must follow.
 *
 * Crossing times (`crossingTimes`): the first time after t0 at which the averaged curve has moved a
 * given fraction of the way from the old to the new steady value. Method: a centred moving average
 * over `window` buckets (odd; it takes the edge off bucket noise without delaying a linear trend),
 * each smoothed value placed at its bucket's midpoint, and the crossing linearly interpolated between
 * the two midpoints that straddle the threshold. Works for falling curves (drains) too. Its 95% CI
 * comes from splitting the replications into groups and taking the spread of the groups' crossings
 * (approximate: a group's curve is noisier than the full average, so only the width is used).
 */
import type { SystemModel } from './model';
import { simulate } from './simulate';
import { meanCI, t975, type Estimate } from './stats';

export interface TransientOptions {
  duration: number;
  /** Time of the step the crossings are measured from. */
  t0: number;
  bucket: number;
  runs: number;
  /** First seed; runs use seed, seed + 1, ... */
  seed?: number;
  /** Replication groups for crossing-time CIs (default 10). */
  groups?: number;
}

export interface TransientCurve {
  bucket: number;
  /** Bucket start times. */
  t: Float64Array;
  /** Mean over runs of the per-bucket mean wait (by arrival time), and its 95% half-width. */
  meanWait: Float64Array;
  halfWidth: Float64Array;
  /** The same curve per replication group, for crossing-time CIs. */
  groups: Float64Array[];
  runs: number;
}

/**
 * Replicates a model and averages the per-bucket mean wait. Buckets are weighted by request, i.e.
 * sum of waits over all runs / number of requests over all runs, which is unbiased for E[wait | t]
 * even when a bucket holds few requests per run (a mean of per-run means would not be).
 */
export function runTransient(model: SystemModel, o: TransientOptions): TransientCurve {
  const nGroups = Math.max(2, Math.min(o.groups ?? 10, o.runs));
  const nb = Math.ceil(o.duration / o.bucket - 1e-9);
  const sum = new Float64Array(nb);
  const cnt = new Float64Array(nb);
  const gSum = Array.from({ length: nGroups }, () => new Float64Array(nb));
  const gCnt = Array.from({ length: nGroups }, () => new Float64Array(nb));
  // Per-run bucket means for the CI of the curve itself.
  const runMeanSum = new Float64Array(nb);
  const runMeanSq = new Float64Array(nb);
  const runMeanN = new Float64Array(nb);
  const rs = new Float64Array(nb);
  const rc = new Float64Array(nb);
  for (let k = 0; k < o.runs; k++) {
    const run = simulate(model, { duration: o.duration, seed: (o.seed ?? 1) + k, bucket: o.bucket });
    const r = run.requests;
    rs.fill(0);
    rc.fill(0);
    for (let i = 0; i < r.count; i++) {
      const w = r.wait[i]!;
      if (w !== w) continue;
      const b = Math.min(nb - 1, Math.floor(r.arrival[i]! / o.bucket));
      rs[b]! += w;
      rc[b]!++;
    }
    const g = k % nGroups;
    for (let b = 0; b < nb; b++) {
      sum[b]! += rs[b]!;
      cnt[b]! += rc[b]!;
      gSum[g]![b]! += rs[b]!;
      gCnt[g]![b]! += rc[b]!;
      if (rc[b]! > 0) {
        const m = rs[b]! / rc[b]!;
        runMeanSum[b]! += m;
        runMeanSq[b]! += m * m;
        runMeanN[b]!++;
      }
    }
  }
  const meanWait = sum.map((s, b) => (cnt[b]! > 0 ? s / cnt[b]! : NaN));
  const halfWidth = runMeanSum.map((s, b) => {
    const n = runMeanN[b]!;
    if (n < 2) return NaN;
    const v = Math.max(0, (runMeanSq[b]! - (s * s) / n) / (n - 1));
    return (t975(n - 1) * Math.sqrt(v)) / Math.sqrt(n);
  });
  return {
    bucket: o.bucket,
    t: Float64Array.from({ length: nb }, (_, b) => b * o.bucket),
    meanWait,
    halfWidth,
    groups: gSum.map((gs, g) => gs.map((s, b) => (gCnt[g]![b]! > 0 ? s / gCnt[g]![b]! : NaN))),
    runs: o.runs,
  };
}

/** Centred moving average over `window` (odd) entries, shrinking at the edges; NaNs are skipped. */
export function movingAverage(xs: ArrayLike<number>, window: number): Float64Array {
  const h = Math.floor(window / 2);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    let s = 0;
    let n = 0;
    for (let j = Math.max(0, i - h); j <= Math.min(xs.length - 1, i + h); j++) {
      const x = xs[j]!;
      if (x === x) {
        s += x;
        n++;
      }
    }
    out[i] = n > 0 ? s / n : NaN;
  }
  return out;
}

export interface CrossingOptions {
  /** Time of the step. */
  t0: number;
  bucket: number;
  fractions?: readonly number[];
  /** Moving-average window in buckets (odd, default 5). */
  window?: number;
}

/**
 * Time after t0 at which `series` (per-bucket values, bucket b covering [b*bucket, (b+1)*bucket))
 * first gets `fraction` of the way from `from` to `to`; NaN if it never does. See the file header.
 */
export function crossingTimes(
  series: ArrayLike<number>,
  from: number,
  to: number,
  o: CrossingOptions,
): number[] {
  const smooth = movingAverage(series, o.window ?? 5);
  const up = to >= from;
  const first = Math.floor(o.t0 / o.bucket + 1e-9);
  return (o.fractions ?? [0.5, 0.9]).map((f) => {
    const level = from + f * (to - from);
    const reached = (v: number) => (up ? v >= level : v <= level);
    for (let b = first; b < smooth.length; b++) {
      const v = smooth[b]!;
      if (!reached(v)) continue;
      const mid = (b + 0.5) * o.bucket;
      const prev = b > first ? smooth[b - 1]! : NaN;
      // Interpolate back to where the line between the two midpoints meets the level.
      const t = prev === prev && v !== prev ? mid - o.bucket * ((v - level) / (v - prev)) : mid;
      return Math.max(0, t - o.t0);
    }
    return NaN;
  });
}

/** Crossing times of the full average with CIs from the replication groups' spread. */
export function crossingEstimates(
  curve: TransientCurve,
  from: number,
  to: number,
  o: CrossingOptions,
): { fraction: number; time: Estimate }[] {
  const fractions = o.fractions ?? [0.5, 0.9];
  const point = crossingTimes(curve.meanWait, from, to, { ...o, fractions });
  const perGroup = curve.groups.map((g) => crossingTimes(g, from, to, { ...o, fractions }));
  return fractions.map((fraction, i) => {
    const xs = perGroup.map((p) => p[i]!).filter((x) => x === x);
    // Each group curve carries 1/G of the data, so (linearising) its crossing varies G times as much
    // as the full average's: the full crossing's SE is the groups' sd / sqrt(G), what meanCI returns.
    const hw = xs.length > 1 ? meanCI(xs).halfWidth : NaN;
    const value = point[i]!;
    return { fraction, time: { value, halfWidth: hw, lo: value - hw, hi: value + hw } };
  });
}

/** Mean of a curve over [t1, t2), e.g. the level it settles at after a step. */
export function levelBetween(curve: TransientCurve, t1: number, t2: number): number {
  let s = 0;
  let n = 0;
  for (let b = 0; b < curve.t.length; b++) {
    const tb = curve.t[b]!;
    if (tb >= t1 && tb + curve.bucket <= t2 + 1e-9 && curve.meanWait[b]! === curve.meanWait[b]!) {
      s += curve.meanWait[b]!;
      n++;
    }
  }
  return n > 0 ? s / n : NaN;
}
