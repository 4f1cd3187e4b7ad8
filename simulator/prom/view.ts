/**
 * The Prometheus view of a run's metrics: the engine's per-tick gauges (a CsvSource: the metric
 * store's columns in the CLI, the MetricBuffer in the renderer) read as the series Prometheus
 * would have scraped, named and labelled by catalog.ts. Built on demand when something reads it
 * (a query, an export), so recording a tick costs nothing more: counters are integrated and
 * histogram buckets filled here, at tick resolution, and sampled every scrape interval.
 */
import { latencyCdf } from '../engine/latency-sample';
import type { NodeKind } from '../scenario/node-kinds';
import type { CsvSource } from '../series/csv';
import { familyLabels, LATENCY_BUCKETS, PROM_FAMILIES, type PromFamily } from './catalog';
import type { PromSeries, PromSource } from './types';

export interface PromViewOptions {
  /** Seconds between samples, as a scrape interval (default 15; at least one tick). */
  readonly scrapeSeconds?: number;
  /** Wall-clock time of simulated t = 0, in ms since the Unix epoch (default 0). */
  readonly startMs?: number;
  /** Kubernetes namespace label (default "default"). */
  readonly namespace?: string;
}

export interface PromViewNode {
  readonly id: string;
  readonly kind: NodeKind;
}

/** The label value Prometheus prints for a bucket bound. */
export function formatLe(le: number): string {
  return le === Infinity ? '+Inf' : String(le);
}

export function prometheusView(
  source: CsvSource,
  nodes: readonly PromViewNode[],
  options: PromViewOptions = {},
): PromSource {
  let built: PromSeries[] | undefined;
  return {
    series: () => (built ??= buildSeries(source, nodes, options)),
  };
}

/** Column lookup by engine metric, node and callee. */
function columns(
  source: CsvSource,
): (metric: string, node: string, to?: string) => ArrayLike<number> | undefined {
  const byKey = new Map<string, ArrayLike<number>>();
  for (const s of source.series) {
    const column = source.values[s.index];
    if (column) byKey.set(`${s.metric}|${s.labels.node ?? ''}|${s.labels.to ?? ''}`, column);
  }
  return (metric, node, to) => byKey.get(`${metric}|${node}|${to ?? ''}`);
}

/** A value or 0 for a missing one (NaN before traffic): counters must not turn NaN forever. */
const num = (column: ArrayLike<number> | undefined, k: number): number => {
  const v = column?.[k];
  return v !== undefined && Number.isFinite(v) ? v : 0;
};

function buildSeries(
  source: CsvSource,
  nodes: readonly PromViewNode[],
  options: PromViewOptions,
): PromSeries[] {
  const col = columns(source);
  const dt = source.tickSeconds;
  const firstTick = source.firstTick ?? 0;
  const every = Math.max(1, Math.round((options.scrapeSeconds ?? 15) / dt));
  const namespace = options.namespace ?? 'default';
  const startMs = options.startMs ?? 0;
  // The ticks sampled: every `every`-th absolute tick, so two views of one run line up.
  const picks: number[] = [];
  for (let k = 0; k < source.length; k++) if ((firstTick + k) % every === 0) picks.push(k);
  const timestamps = Float64Array.from(picks, (k) => startMs + Math.round((firstTick + k) * dt * 1000));

  const out: PromSeries[] = [];
  const emit = (labels: Record<string, string>, values: Float64Array) =>
    out.push({ labels, timestamps, values });

  const targets: { family: PromFamily; node: string; to?: string }[] = [];
  for (const family of PROM_FAMILIES) {
    if (family.kinds.includes('edge')) {
      for (const s of source.series)
        if (s.metric === 'edge_request_rate' && s.labels.node && s.labels.to)
          targets.push({ family, node: s.labels.node, to: s.labels.to });
      continue;
    }
    for (const n of nodes) if (family.kinds.includes(n.kind)) targets.push({ family, node: n.id });
  }

  for (const { family, node, to } of targets) {
    const labels = { __name__: family.name, ...familyLabels(family, node, namespace, to) };
    const d = family.derive;
    if (d.kind === 'histogram') {
      const hist = histogram(col, d.rate, node, dt, picks, source.length);
      if (!hist) continue;
      const base = { ...labels };
      LATENCY_BUCKETS.concat(Infinity).forEach((le, b) =>
        emit({ ...base, __name__: `${family.name}_bucket`, le: formatLe(le) }, hist.buckets[b]!),
      );
      emit({ ...base, __name__: `${family.name}_sum` }, hist.sum);
      emit({ ...base, __name__: `${family.name}_count` }, hist.count);
      continue;
    }
    const from = col(d.from, node, to);
    if (!from) continue;
    const values = new Float64Array(picks.length);
    if (d.kind === 'gauge' || d.kind === 'cumulative') {
      const scale = d.kind === 'gauge' ? (d.scale ?? 1) : 1;
      picks.forEach((k, p) => (values[p] = num(from, k) * scale));
    } else {
      const times = d.times === undefined ? undefined : col(d.times, node, to);
      if (d.times !== undefined && !times) continue;
      const scale = (d.scale ?? 1) * dt;
      let total = 0;
      let p = 0;
      for (let k = 0; k < source.length && p < picks.length; k++) {
        let v = num(from, k);
        if (times) v *= d.complement ? 1 - num(times, k) : num(times, k);
        total += Math.max(0, v) * scale;
        if (picks[p] === k) values[p++] = total;
      }
    }
    emit(labels, values);
  }
  return out;
}

interface Histogram {
  readonly buckets: Float64Array[];
  readonly sum: Float64Array;
  readonly count: Float64Array;
}

/** Cumulative bucket counts, sum and count from the node's rate and latency quantiles per tick. */
function histogram(
  col: (metric: string, node: string) => ArrayLike<number> | undefined,
  rateMetric: string,
  node: string,
  dt: number,
  picks: readonly number[],
  length: number,
): Histogram | undefined {
  const rate = col(rateMetric, node);
  const p50 = col('latency_p50', node);
  const p95 = col('latency_p95', node);
  const p99 = col('latency_p99', node);
  const mean = col('latency_mean', node);
  if (!rate || !p50 || !p95 || !p99 || !mean) return undefined;
  const bounds = LATENCY_BUCKETS;
  const nb = bounds.length + 1;
  const acc = new Float64Array(nb);
  let sum = 0;
  let count = 0;
  const buckets = Array.from({ length: nb }, () => new Float64Array(picks.length));
  const sums = new Float64Array(picks.length);
  const counts = new Float64Array(picks.length);
  let p = 0;
  for (let k = 0; k < length && p < picks.length; k++) {
    const n = Math.max(0, num(rate, k)) * dt;
    if (n > 0) {
      const a = num(p50, k);
      const b = num(p95, k);
      const c = num(p99, k);
      for (let j = 0; j < bounds.length; j++) acc[j]! += n * latencyCdf(a, b, c, bounds[j]!);
      acc[bounds.length]! += n;
      sum += n * num(mean, k);
      count += n;
    }
    if (picks[p] === k) {
      for (let j = 0; j < nb; j++) buckets[j]![p] = acc[j]!;
      sums[p] = sum;
      counts[p] = count;
      p++;
    }
  }
  return { buckets, sum: sums, count: counts };
}
