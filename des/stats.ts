/**
 * Estimators for simulation output: means, quantiles and 95% confidence intervals. Queue waits are
 * strongly autocorrelated, so a plain standard error would be far too narrow: steady-state CIs use
 * batch means (consecutive requests grouped into batches long enough to be nearly independent), and
 * transient curves use independent replications.
 */
import { sortedQuantile } from './simulate';

export { sortedQuantile };

export interface Estimate {
  value: number;
  /** Half-width of the 95% confidence interval. */
  halfWidth: number;
  lo: number;
  hi: number;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : NaN;
}

export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return xs.length > 1 ? s / (xs.length - 1) : NaN;
}

/** q-quantile (type 7) of unsorted values; copies, the input is left alone. */
export function quantile(xs: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(xs).sort();
  return sortedQuantile(a, q);
}

/** Two-sided 97.5% point of Student's t with df degrees of freedom (Cornish-Fisher, ~1e-3 for df >= 3). */
export function t975(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df === 1) return 12.706;
  if (df === 2) return 4.303;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** Mean of independent observations with a t-based 95% CI. */
export function meanCI(xs: ArrayLike<number>): Estimate {
  const n = xs.length;
  const value = mean(xs);
  const halfWidth = n > 1 ? (t975(n - 1) * Math.sqrt(variance(xs))) / Math.sqrt(n) : NaN;
  return { value, halfWidth, lo: value - halfWidth, hi: value + halfWidth };
}

/**
 * Batch-means CI for a statistic of a correlated sequence (in arrival order): split into `batches`
 * contiguous batches, compute the statistic on each, and treat those as independent. The point
 * estimate is the statistic on the whole sequence. 20-30 batches of >= 10^4 requests is typical.
 */
export function batchMeans(
  xs: ArrayLike<number>,
  batches = 20,
  stat: (batch: Float64Array) => number = mean,
): Estimate {
  const n = xs.length;
  const size = Math.floor(n / batches);
  if (size < 2) throw new Error(`batchMeans: ${n} values is too few for ${batches} batches`);
  const all = Float64Array.from(xs);
  const per = new Float64Array(batches);
  for (let b = 0; b < batches; b++) per[b] = stat(all.subarray(b * size, (b + 1) * size));
  const ci = meanCI(per);
  const value = stat(all);
  return { value, halfWidth: ci.halfWidth, lo: value - ci.halfWidth, hi: value + ci.halfWidth };
}

/** A statistic usable with batchMeans: the q-quantile of a batch. */
export function quantileOf(q: number): (xs: Float64Array) => number {
  return (xs) => quantile(xs, q);
}

/** Shape `replicate` averages: numbers, arrays (elementwise) and lists of arrays (e.g. TimeSeries). */
export type Averageable<T> = { [K in keyof T]: number | Float64Array | Float64Array[] };

export interface Replicated<T extends Averageable<T>> {
  runs: number;
  /** Elementwise mean over runs; NaN entries (e.g. an empty bucket) are skipped per element. */
  mean: T;
  /** Elementwise 95% CI half-width over runs (NaN with fewer than 2 non-NaN runs). */
  halfWidth: T;
}

class Acc {
  readonly sum: Float64Array;
  readonly sq: Float64Array;
  readonly n: Float64Array;
  constructor(len: number) {
    this.sum = new Float64Array(len);
    this.sq = new Float64Array(len);
    this.n = new Float64Array(len);
  }
  add(xs: ArrayLike<number>): void {
    for (let i = 0; i < this.sum.length && i < xs.length; i++) {
      const x = xs[i]!;
      if (x !== x) continue;
      this.sum[i]! += x;
      this.sq[i]! += x * x;
      this.n[i]!++;
    }
  }
  mean(): Float64Array {
    return this.sum.map((s, i) => (this.n[i]! > 0 ? s / this.n[i]! : NaN));
  }
  halfWidth(): Float64Array {
    return this.sum.map((s, i) => {
      const n = this.n[i]!;
      if (n < 2) return NaN;
      const v = Math.max(0, (this.sq[i]! - (s * s) / n) / (n - 1));
      return (t975(n - 1) * Math.sqrt(v)) / Math.sqrt(n);
    });
  }
}

/**
 * Runs `fn` once per seed (independent replications) and averages its output elementwise, keeping
 * only running sums so hundreds of replications cost no memory. Used for transient curves: each run
 * yields a time series and the average over runs estimates E[metric at time t].
 */
export function replicate<T extends Averageable<T>>(
  fn: (seed: number) => T,
  seeds: readonly number[],
): Replicated<T> {
  const scalars = new Map<string, Acc>();
  const arrays = new Map<string, Acc>();
  const lists = new Map<string, Acc[]>();
  for (const seed of seeds) {
    for (const [k, v] of Object.entries(fn(seed)) as [string, number | Float64Array | Float64Array[]][]) {
      if (typeof v === 'number') {
        if (!scalars.has(k)) scalars.set(k, new Acc(1));
        scalars.get(k)!.add([v]);
      } else if (v instanceof Float64Array) {
        if (!arrays.has(k)) arrays.set(k, new Acc(v.length));
        arrays.get(k)!.add(v);
      } else {
        if (!lists.has(k))
          lists.set(
            k,
            v.map((x) => new Acc(x.length)),
          );
        const list = lists.get(k)!;
        v.forEach((x, i) => list[i]?.add(x));
      }
    }
  }
  const build = (f: (a: Acc) => Float64Array): T => {
    const o: Record<string, number | Float64Array | Float64Array[]> = {};
    for (const [k, a] of scalars) o[k] = f(a)[0]!;
    for (const [k, a] of arrays) o[k] = f(a);
    for (const [k, l] of lists) o[k] = l.map(f);
    return o as unknown as T;
  };
  return { runs: seeds.length, mean: build((a) => a.mean()), halfWidth: build((a) => a.halfWidth()) };
}
