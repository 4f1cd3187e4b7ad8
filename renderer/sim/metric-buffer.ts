/**
 * The UI thread's copy of the run's metrics: one preallocated Float64Array per series, filled
 * from snapshots. Kept outside React state (mutable, no copies); the incident store's `version`
 * tells subscribers when it changed.
 */
import type { SeriesInfo } from '../../simulator/engine/api';
import { downsampleMinMax, type ChartPoint } from '../../simulator/series/downsample';

export type Point = ChartPoint;

export class MetricBuffer {
  readonly values: Float64Array[];
  private readonly byKey = new Map<string, number>();
  /** Per series: its node's scrape_ok series (-1: none, always scraped), see window(). */
  private readonly scrapeOf: Int32Array;
  /** Ticks recorded so far (values for ticks 0..length-1). */
  length = 0;

  constructor(
    readonly series: readonly SeriesInfo[],
    readonly tickSeconds: number,
    readonly capacity: number,
  ) {
    this.values = series.map(() => new Float64Array(capacity).fill(Number.NaN));
    for (const s of series) this.byKey.set(MetricBuffer.key(s.metric, s.labels), s.index);
    this.scrapeOf = Int32Array.from(series, (s) =>
      s.metric === 'scrape_ok' || s.labels.node === undefined ? -1 : this.find('scrape_ok', s.labels.node),
    );
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

  /**
   * Whether Prometheus's last scrape of `node` failed (alerting.scrapeVia: `up` 0, no samples):
   * its series have no data now. False for a node that is always scraped.
   */
  scrapeFailing(node: string): boolean {
    const k = this.find('scrape_ok', node);
    return k >= 0 && this.length > 0 && this.values[k]![this.length - 1] === 0;
  }

  /** The last value; NaN while the node's scrapes fail (no data, as on the panels). */
  latest(seriesIndex: number): number {
    if (this.length === 0) return Number.NaN;
    if (this.values[this.scrapeOf[seriesIndex] ?? -1]?.[this.length - 1] === 0) return Number.NaN;
    return this.values[seriesIndex]?.[this.length - 1] ?? Number.NaN;
  }

  /**
   * Points for a chart over [fromT, toT] seconds, at most `maxPoints`: the minimum and maximum of
   * each bucket (simulator/series/downsample.ts), so spikes and dips both stay visible.
   */
  window(seriesIndex: number, fromT: number, toT: number, maxPoints = 240): Point[] {
    let data = this.values[seriesIndex];
    if (!data || this.length === 0) return [];
    // While Prometheus could not scrape the node (alerting.scrapeVia) the panel has no samples:
    // a gap, as Grafana draws it, not the value the engine kept computing.
    const scrape = this.values[this.scrapeOf[seriesIndex] ?? -1];
    if (scrape) data = data.map((v, k) => (scrape[k] === 0 ? Number.NaN : v));
    return downsampleMinMax(data, {
      first: Math.max(0, Math.floor(fromT / this.tickSeconds)),
      last: Math.min(this.length - 1, Math.ceil(toT / this.tickSeconds)),
      maxPoints,
      tickSeconds: this.tickSeconds,
    });
  }
}
