/**
 * The one downsampler for charts (the console's live panels, the debrief, the editor preview).
 * A range longer than `maxPoints` is cut into equal buckets of whole ticks; each bucket gives two
 * points, its minimum and its maximum in the order they happened, so a one-tick spike in errors
 * and a one-tick dip in throughput or replicas both stay visible (max-only hid the dips).
 * A bucket's two points sit at fixed times (its start and its middle) whatever the values, so
 * every series downsampled over the same range shares one x axis (uPlot's aligned data, the
 * preview's baseline-vs-solution chart).
 */

export interface ChartPoint {
  /** Simulated seconds. */
  readonly t: number;
  /** null: no value (NaN or not finite), drawn as a gap. */
  readonly v: number | null;
}

export interface DownsampleOptions {
  /** First and last index into the values (inclusive). */
  readonly first: number;
  readonly last: number;
  /** At most this many points (at least 2 when the range does not fit). */
  readonly maxPoints: number;
  readonly tickSeconds: number;
  /** Tick of values[0] (default 0). */
  readonly firstTick?: number;
}

export function downsampleMinMax(values: ArrayLike<number>, options: DownsampleOptions): ChartPoint[] {
  const { tickSeconds, maxPoints } = options;
  const first = Math.max(0, options.first);
  const last = Math.min(values.length - 1, options.last);
  const t0 = options.firstTick ?? 0;
  const points: ChartPoint[] = [];
  if (last < first) return points;
  const n = last - first + 1;
  const value = (k: number): number | null => {
    const v = values[k];
    return v !== undefined && Number.isFinite(v) ? v : null;
  };
  if (n <= maxPoints) {
    for (let k = first; k <= last; k++) points.push({ t: (t0 + k) * tickSeconds, v: value(k) });
    return points;
  }
  const step = Math.ceil(n / Math.max(1, Math.floor(maxPoints / 2)));
  for (let start = first; start <= last; start += step) {
    const end = Math.min(start + step, last + 1);
    // Hot path (every chart line, twice a second): plain locals, no closures.
    let lo = -1;
    let hi = -1;
    let min = 0;
    let max = 0;
    for (let k = start; k < end; k++) {
      const v = values[k] as number;
      if (!(v - v === 0)) continue; // NaN or infinite: missing
      if (lo < 0 || v < min) {
        lo = k;
        min = v;
      }
      if (hi < 0 || v > max) {
        hi = k;
        max = v;
      }
    }
    const tStart = (t0 + start) * tickSeconds;
    const tMid = (t0 + start + (end - start) / 2) * tickSeconds;
    if (lo < 0) points.push({ t: tStart, v: null }, { t: tMid, v: null });
    else if (lo <= hi) points.push({ t: tStart, v: min }, { t: tMid, v: max });
    else points.push({ t: tStart, v: max }, { t: tMid, v: min });
  }
  return points;
}
