/** Prometheus's quantile estimators (promql/quantile.go): over values, and over histogram buckets. */

/** NaN sorts first, as Prometheus's vectorByValueHeap orders values. */
export function compareValues(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a - b;
}

/** The q-quantile of values, interpolating between the two nearest ranks (quantile, quantile_over_time). */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  values.sort(compareValues);
  const n = values.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower]! * (1 - weight) + values[upper]! * weight;
}

export interface Bucket {
  readonly upperBound: number;
  count: number;
}

/** The buckets' scratch: bounds and counts, sorted and coalesced (reused: a rule runs it every evaluation). */
let bounds = new Float64Array(32);
let counts = new Float64Array(32);

/**
 * bucketQuantile: linear interpolation inside the bucket that holds the rank. The buckets are
 * sorted by bound (stably, by insertion, as Array.prototype.sort orders them), coalesced and made
 * monotonic in scratch arrays, so an evaluation allocates nothing.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  const n = input.length;
  const ub = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ub[i] = input[i]!.upperBound;
    c[i] = input[i]!.count;
  }
  return bucketQuantileOf(q, ub, c, 0, n, input);
}

/**
 * bucketQuantile of the buckets [from, to) of `upper` (bounds) and `count`, read in that order
 * and left as they are. `input` is the same buckets as objects, for bounds with a NaN only.
 */
export function bucketQuantileOf(
  q: number,
  upper: Float64Array,
  count: Float64Array,
  from: number,
  to: number,
  input?: readonly Bucket[],
): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  for (let i = from; i < to; i++)
    if (Number.isNaN(upper[i])) {
      const buckets: Bucket[] = [];
      for (let k = from; k < to; k++) buckets.push({ upperBound: upper[k]!, count: count[k]! });
      return bucketQuantileNaN(q, input ?? buckets);
    }
  if (to - from > bounds.length) {
    bounds = new Float64Array((to - from) * 2);
    counts = new Float64Array((to - from) * 2);
  }
  // Stable insertion sort by upper bound; equal bounds are then summed in that order (coalesce).
  let len = 0;
  for (let i = from; i < to; i++) {
    const b = upper[i]!;
    let j = len;
    while (j > 0 && bounds[j - 1]! > b) {
      bounds[j] = bounds[j - 1]!;
      counts[j] = counts[j - 1]!;
      j--;
    }
    bounds[j] = b;
    counts[j] = count[i]!;
    len++;
  }
  if (len === 0 || bounds[len - 1] !== Infinity) return NaN;
  let n = 0;
  for (let i = 0; i < len; i++) {
    if (n > 0 && bounds[n - 1] === bounds[i]) counts[n - 1]! += counts[i]!;
    else {
      bounds[n] = bounds[i]!;
      counts[n] = counts[i]!;
      n++;
    }
  }
  // A cumulative count never decreases (ensureMonotonic): a smaller one is raised to the running max.
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = counts[i]!;
    if (c > max) max = c;
    else if (c < max) counts[i] = max;
  }
  if (n < 2) return NaN;
  const observations = counts[n - 1]!;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first whose count reaches the rank.
  let b = 0;
  while (b < n - 1 && !(counts[b]! >= rank)) b++;
  if (b === n - 1) return bounds[n - 2]!;
  if (b === 0 && bounds[0]! <= 0) return bounds[0]!;
  let bucketStart = 0;
  const bucketEnd = bounds[b]!;
  let inBucket = counts[b]!;
  if (b > 0) {
    bucketStart = bounds[b - 1]!;
    inBucket -= counts[b - 1]!;
    rank -= counts[b - 1]!;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / inBucket);
}

/** bucketQuantile through Array.prototype.sort: for bounds that include NaN, which the comparator orders its own way. */
function bucketQuantileNaN(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || sorted[sorted.length - 1]!.upperBound !== Infinity) return NaN;
  const buckets = coalesce(sorted);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first whose count reaches the rank.
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Buckets with the same bound are summed (coalesceBuckets). */
function coalesce(sorted: readonly Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ upperBound: b.upperBound, count: b.count });
  }
  return out;
}

/** A cumulative count never decreases (ensureMonotonic): a smaller one is raised to the running max. */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
}
