/**
 * The Prometheus view built incrementally: `advanceTo(tick)` integrates the engine's per-tick
 * values since the last call (counters at tick resolution, histogram buckets from the latency
 * quantiles) and appends one sample per series at every scrape tick (absolute ticks that are
 * multiples of the scrape interval). view.ts runs it over a whole recorded run; the engine runs it
 * as it goes, so a rule evaluation reads the samples so far without rebuilding anything. Storage
 * doubles when full, so appending is amortised O(1) and the series are views (subarray) into it.
 */
import { latencyCdf } from '../engine/latency-sample';
import type { NodeKind } from '../scenario/node-kinds';
import { familyLabels, labelScheme, LATENCY_BUCKETS, PROM_FAMILIES, type PromFamily } from './catalog';
import { compareLabels } from './labels';
import type { PromLabels, PromSeries, PromSource } from './types';

/** What the accumulator reads: the engine's series and their value at an absolute tick. */
export interface TickReader {
  readonly series: readonly {
    readonly index: number;
    readonly metric: string;
    readonly labels: Readonly<Record<string, string>>;
  }[];
  readonly tickSeconds: number;
  /** Value of a series at an absolute tick; NaN (or anything not finite) reads as 0. */
  value(index: number, tick: number): number;
  /**
   * Every series' value at an absolute tick into `out` (by index), as value() gives them: when
   * present, advanceTo() reads one row per tick instead of one call per value.
   */
  readTick?(tick: number, out: Float64Array): void;
}

export interface AccumulateOptions {
  /** Seconds between samples, as a scrape interval (default 15; at least one tick). */
  readonly scrapeSeconds?: number;
  /** Wall-clock time of simulated t = 0, in ms since the Unix epoch (default 0). */
  readonly startMs?: number;
  /** Kubernetes namespace label (default "default"). */
  readonly namespace?: string;
  /** Only the families with one of these series names (default: all). */
  readonly names?: ReadonlySet<string>;
  /** Only the series (with their node's other series of the family) whose labels pass (default: all). */
  readonly keep?: (labels: PromLabels) => boolean;
}

export interface AccumulateNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Its series carry region="..." (a route's series: the target's region). */
  readonly region?: string;
}

/** The label value Prometheus prints for a bucket bound. */
export function formatLe(le: number): string {
  return le === Infinity ? '+Inf' : String(le);
}

class Growable {
  data = new Float64Array(64);
  push(n: number, v: number): void {
    if (n === this.data.length) {
      const bigger = new Float64Array(n * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[n] = v;
  }
}

interface Out {
  readonly labels: Record<string, string>;
  readonly values: Growable;
  /** Samples so far (fewer than the scrapes once a scrape of its target failed). */
  n: number;
  /** Its own sample times, from the first failed scrape on (before: the shared ones). */
  times?: Growable;
  /** Staleness markers: the first failed scrape after a successful one. */
  stale?: Growable;
  staleN: number;
  /** The last scrape of its target failed. */
  down: boolean;
}

/** A target's engine columns: `scrape` is its node's scrape_ok (-1: always scraped). */
type Target = { readonly scrape: number } & (
  | {
      readonly kind: 'sample';
      readonly from: number;
      readonly scale: number;
      readonly integer: boolean;
      readonly out: Out;
    }
  | { readonly kind: 'up'; readonly running: readonly number[]; readonly out: Out }
  | {
      readonly kind: 'integral';
      readonly from: number;
      readonly times: number;
      readonly complement: boolean;
      readonly scale: number;
      total: number;
      readonly out: Out;
    }
  | {
      readonly kind: 'histogram';
      readonly rate: number;
      readonly p50: number;
      readonly p95: number;
      readonly p99: number;
      readonly mean: number;
      readonly acc: Float64Array;
      sum: number;
      count: number;
      /** Buckets (LATENCY_BUCKETS then +Inf), then _sum, then _count. */
      readonly outs: readonly Out[];
    }
);

const familyNames = (f: PromFamily) =>
  f.type === 'histogram' ? [`${f.name}_bucket`, `${f.name}_sum`, `${f.name}_count`] : [f.name];

export class PromAccumulator implements PromSource {
  private readonly targets: Target[] = [];
  /** In catalog order (family, node, then a histogram's buckets, sum and count), as view.ts gives them. */
  private readonly outs: Out[] = [];
  private readonly timestamps = new Growable();
  private samples = 0;
  private nextTick: number;
  private readonly every: number;
  private readonly dt: number;
  private readonly startMs: number;
  private built: PromSeries[] | undefined;

  constructor(
    private readonly reader: TickReader,
    nodes: readonly AccumulateNode[],
    options: AccumulateOptions = {},
    firstTick = 0,
  ) {
    this.dt = reader.tickSeconds;
    this.every = Math.max(1, Math.round((options.scrapeSeconds ?? 15) / this.dt));
    this.startMs = options.startMs ?? 0;
    this.nextTick = firstTick;
    this.row = reader.readTick ? new Float64Array(reader.series.length) : undefined;
    const namespace = options.namespace ?? 'default';
    const byKey = new Map<string, number>();
    for (const s of reader.series)
      byKey.set(`${s.metric}|${s.labels.node ?? ''}|${s.labels.to ?? ''}`, s.index);
    const col = (metric: string, node: string, to?: string) =>
      byKey.get(`${metric}|${node}|${to ?? ''}`) ?? -1;
    const newOut = (labels: Record<string, string>): Out => ({
      labels,
      values: new Growable(),
      n: 0,
      staleN: 0,
      down: false,
    });
    const keep = options.keep;
    const wanted = (outs: readonly Out[]) => {
      if (keep && !outs.some((o) => keep(o.labels))) return false;
      this.outs.push(...outs);
      return true;
    };

    const regionOf = new Map<string, string>();
    for (const n of nodes) if (n.region !== undefined) regionOf.set(n.id, n.region);
    for (const family of PROM_FAMILIES) {
      if (options.names && !familyNames(family).some((n) => options.names!.has(n))) continue;
      const places: { node: string; to?: string }[] = [];
      if (family.kinds.includes('edge')) {
        for (const s of reader.series)
          if (s.metric === 'edge_request_rate' && s.labels.node && s.labels.to)
            places.push({ node: s.labels.node, to: s.labels.to });
      } else for (const n of nodes) if (family.kinds.includes(n.kind)) places.push({ node: n.id });

      const byRoute = labelScheme(family) === 'route';
      for (const { node, to } of places) {
        const scrape = col('scrape_ok', node);
        const labels: Record<string, string> = {
          __name__: family.name,
          ...familyLabels(family, node, namespace, to),
        };
        const region = regionOf.get(byRoute ? (to ?? '') : node);
        if (region !== undefined) labels.region = region;
        const d = family.derive;
        if (d.kind === 'histogram') {
          const cols = [d.rate, 'latency_p50', 'latency_p95', 'latency_p99', 'latency_mean'].map((m) =>
            col(m, node),
          );
          if (cols.some((c) => c < 0)) continue;
          const outs = LATENCY_BUCKETS.concat(Infinity).map((le) =>
            newOut({ ...labels, __name__: `${family.name}_bucket`, le: formatLe(le) }),
          );
          outs.push(newOut({ ...labels, __name__: `${family.name}_sum` }));
          outs.push(newOut({ ...labels, __name__: `${family.name}_count` }));
          if (!wanted(outs)) continue;
          const [rate, p50, p95, p99, mean] = cols as [number, number, number, number, number];
          this.targets.push({
            kind: 'histogram',
            scrape,
            rate,
            p50,
            p95,
            p99,
            mean,
            acc: new Float64Array(LATENCY_BUCKETS.length + 1),
            sum: 0,
            count: 0,
            outs,
          });
          continue;
        }
        if (d.kind === 'up') {
          const running = d.running.map((m) => col(m, node));
          if (running.some((c) => c < 0)) continue;
          const out = newOut(labels);
          if (wanted([out])) this.targets.push({ kind: 'up', scrape, running, out });
          continue;
        }
        const from = col(d.from, node, to);
        if (from < 0) continue;
        const out = newOut(labels);
        if (d.kind === 'gauge' || d.kind === 'cumulative') {
          const scale = d.kind === 'gauge' ? (d.scale ?? 1) : 1;
          const integer = d.kind === 'gauge' && d.integer === true;
          if (wanted([out])) this.targets.push({ kind: 'sample', scrape, from, scale, integer, out });
          continue;
        }
        const times = d.times === undefined ? -1 : col(d.times, node, to);
        if (d.times !== undefined && times < 0) continue;
        if (!wanted([out])) continue;
        this.targets.push({
          kind: 'integral',
          scrape,
          from,
          times,
          complement: d.complement ?? false,
          scale: (d.scale ?? 1) * this.dt,
          total: 0,
          out,
        });
      }
    }
  }

  /** The tick advanceTo() is at, read whole (reader.readTick), or undefined to read by value(). */
  private readonly row: Float64Array | undefined;

  /** A value or 0 for a missing one (NaN before traffic): counters must not turn NaN forever. */
  private num(index: number, tick: number): number {
    const v = this.row ? this.row[index]! : this.reader.value(index, tick);
    return Number.isFinite(v) ? v : 0;
  }

  /** Integrates every tick up to `tick` (inclusive) and samples the scrape ticks among them. */
  advanceTo(tick: number): void {
    const bounds = LATENCY_BUCKETS;
    for (let k = this.nextTick; k <= tick; k++) {
      if (this.row) this.reader.readTick!(k, this.row);
      const scrape = k % this.every === 0;
      const ms = this.startMs + Math.round(k * this.dt * 1000);
      for (const t of this.targets) {
        // A failed scrape (scrape-path.ts): `up` 0, the other series a marker, then nothing.
        const ok = !scrape || t.scrape < 0 || this.num(t.scrape, k) > 0;
        if (t.kind === 'integral') {
          let v = this.num(t.from, k);
          if (t.times >= 0) v *= t.complement ? 1 - this.num(t.times, k) : this.num(t.times, k);
          t.total += Math.max(0, v) * t.scale;
          if (scrape) this.put(t.out, t.total, ms, ok);
        } else if (t.kind === 'sample') {
          if (scrape) {
            const v = this.num(t.from, k) * t.scale;
            // The engine keeps means; an exporter reads a count at the scrape instant.
            this.put(t.out, t.integer ? Math.round(v) : v, ms, ok);
          }
        } else if (t.kind === 'up') {
          if (scrape) {
            let up = t.running.length === 0 ? 1 : 0;
            for (let j = 0; j < t.running.length; j++) if (this.num(t.running[j]!, k) > 0) up = 1;
            this.put(t.out, ok ? up : 0, ms, true);
          }
        } else {
          const n = Math.max(0, this.num(t.rate, k)) * this.dt;
          if (n > 0) {
            const a = this.num(t.p50, k);
            const b = this.num(t.p95, k);
            const c = this.num(t.p99, k);
            for (let j = 0; j < bounds.length; j++) t.acc[j]! += n * latencyCdf(a, b, c, bounds[j]!);
            t.acc[bounds.length]! += n;
            t.sum += n * this.num(t.mean, k);
            t.count += n;
          }
          if (scrape) {
            for (let j = 0; j <= bounds.length; j++) this.put(t.outs[j]!, t.acc[j]!, ms, ok);
            this.put(t.outs[bounds.length + 1]!, t.sum, ms, ok);
            this.put(t.outs[bounds.length + 2]!, t.count, ms, ok);
          }
        }
      }
      if (scrape) {
        this.timestamps.push(this.samples, ms);
        this.samples++;
        this.built = undefined;
      }
    }
    if (tick >= this.nextTick) this.nextTick = tick + 1;
  }

  /**
   * One scrape of a series: its sample, or after a failed scrape Prometheus's staleness marker
   * (the first failure only) and no sample. From its first gap on the series keeps its own times.
   */
  private put(o: Out, v: number, ms: number, ok: boolean): void {
    if (!ok || o.times) {
      if (!o.times) {
        const times = new Growable();
        for (let j = 0; j < o.n; j++) times.push(j, this.timestamps.data[j]!);
        o.times = times;
      }
      if (!ok) {
        if (!o.down) (o.stale ??= new Growable()).push(o.staleN++, ms);
        o.down = true;
        return;
      }
      o.times.push(o.n, ms);
    }
    o.down = false;
    o.values.push(o.n++, v);
  }

  /** Samples taken so far. */
  get length(): number {
    return this.samples;
  }

  series(): readonly PromSeries[] {
    return (this.built ??= this.view(this.outs));
  }

  /**
   * The series whose labels pass `keep`, as a source of its own (same storage, label order): a
   * rule evaluated again and again selects among its few series instead of all of them. The
   * source is fixed (PromSource.fixed): the same series objects, their arrays updated in place to
   * the samples taken so far, so the evaluator keeps its selections from one evaluation to the next.
   */
  subset(keep: (labels: PromLabels) => boolean): PromSource {
    const outs = this.outs.filter((o) => keep(o.labels)).sort((a, b) => compareLabels(a.labels, b.labels));
    const empty = new Float64Array(0);
    const series: {
      labels: PromLabels;
      timestamps: Float64Array;
      values: Float64Array;
      staleMs?: Float64Array;
    }[] = outs.map((o) => ({ labels: o.labels, timestamps: empty, values: empty }));
    let at = 0;
    return {
      sorted: true,
      fixed: true,
      series: () => {
        if (at !== this.samples) {
          at = this.samples;
          const timestamps = this.timestamps.data.subarray(0, at);
          for (let i = 0; i < series.length; i++) {
            // As view(): a series with a failed scrape keeps its own times, fewer samples and its
            // staleness markers (scrape-path.ts).
            const o = outs[i]!;
            const s = series[i]!;
            s.timestamps = o.times ? o.times.data.subarray(0, o.n) : timestamps;
            s.values = o.values.data.subarray(0, o.n);
            if (o.stale) s.staleMs = o.stale.data.subarray(0, o.staleN);
          }
        }
        return series;
      },
    };
  }

  private view(outs: readonly Out[]): PromSeries[] {
    const timestamps = this.timestamps.data.subarray(0, this.samples);
    return outs.map((o) => ({
      labels: o.labels,
      timestamps: o.times ? o.times.data.subarray(0, o.n) : timestamps,
      values: o.values.data.subarray(0, o.n),
      ...(o.stale ? { staleMs: o.stale.data.subarray(0, o.staleN) } : {}),
    }));
  }
}
