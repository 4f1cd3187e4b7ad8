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

/** bucketQuantile: linear interpolation inside the bucket that holds the rank. */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
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
