/**
 * The UI thread's copy of the run's metrics: one preallocated Float64Array per series, filled
 * from snapshots. Kept outside React state (mutable, no copies); the incident store's `version`
 * tells subscribers when it changed.
 */
import type { SeriesInfo } from '../../simulator/engine/api';

export interface Point {
  readonly t: number;
  readonly v: number | null;
}

export class MetricBuffer {
  readonly values: Float64Array[];
  private readonly byKey = new Map<string, number>();
  /** Ticks recorded so far (values for ticks 0..length-1). */
  length = 0;

  constructor(
    readonly series: readonly SeriesInfo[],
    readonly tickSeconds: number,
    readonly capacity: number,
  ) {
    this.values = series.map(() => new Float64Array(capacity).fill(Number.NaN));
    for (const s of series) this.byKey.set(MetricBuffer.key(s.metric, s.labels), s.index);
  }

  static key(metric: string, labels: Readonly<Record<string, string>>): string {
    const parts = Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`);
    return `${metric}{${parts.join(',')}}`;
  }

  find(metric: string, node: string, extra: Record<string, string> = {}): number {
    return this.byKey.get(MetricBuffer.key(metric, { node, ...extra })) ?? -1;
  }

  /** Writes new values for ticks firstTick.. (values[i] per series). */
  append(firstTick: number, values: readonly Float64Array[]): void {
    let written = 0;
    values.forEach((chunk, seriesIndex) => {
      const target = this.values[seriesIndex];
      if (!target) return;
      for (let k = 0; k < chunk.length; k++) {
        const tick = firstTick + k;
        if (tick < this.capacity) target[tick] = chunk[k] ?? Number.NaN;
      }
      written = Math.max(written, chunk.length);
    });
    this.length = Math.min(this.capacity, Math.max(this.length, firstTick + written));
  }

  latest(seriesIndex: number): number {
    return this.length > 0 ? (this.values[seriesIndex]?.[this.length - 1] ?? Number.NaN) : Number.NaN;
  }

  /**
   * Points for a chart over [fromT, toT] seconds, downsampled to at most `maxPoints` by taking the
   * maximum of each bucket (spikes stay visible, as in Grafana's max-per-interval).
   */
  window(seriesIndex: number, fromT: number, toT: number, maxPoints = 240): Point[] {
    const data = this.values[seriesIndex];
    if (!data || this.length === 0) return [];
    const first = Math.max(0, Math.floor(fromT / this.tickSeconds));
    const last = Math.min(this.length - 1, Math.ceil(toT / this.tickSeconds));
    if (last < first) return [];
    const step = Math.max(1, Math.ceil((last - first + 1) / maxPoints));
    const points: Point[] = [];
    for (let start = first; start <= last; start += step) {
      let best = Number.NaN;
      for (let k = start; k < Math.min(start + step, last + 1); k++) {
        const v = data[k] ?? Number.NaN;
        if (!Number.isNaN(v) && (Number.isNaN(best) || v > best)) best = v;
      }
      points.push({ t: start * this.tickSeconds, v: Number.isFinite(best) ? best : null });
    }
    return points;
  }
}
