/**
 * Series for the evaluator's tests and the promtool differential test, built from a headless run
 * of a scenario (not the Prometheus view of the metric store, which lives in view.ts): each
 * engine series becomes a PromSeries named after its metric with its labels, sampled every
 * `sampleSeconds`. Synthetic counters (integrated rates) and a latency histogram are added so
 * rate(), increase() and histogram_quantile() have real input, and edgeCaseSeries() adds
 * hand-made series for counter resets, gaps, staleness and NaN/Inf.
 */
import { createSimulation } from '../engine/index';
import type { ActionCommand } from '../engine/api';
import type { Scenario } from '../scenario/schema';
import type { PromLabels, PromSeries, PromSource } from './types';
import { prometheusView } from './view';

export interface RunSeriesOptions {
  /** Simulated minutes to run. */
  readonly minutes: number;
  /** Seconds between samples (a multiple of the scenario's tick). */
  readonly sampleSeconds: number;
  /** Engine metrics to keep (default: all). */
  readonly metrics?: readonly string[];
}

/** Upper bounds of the synthetic latency histogram, seconds. */
export const HISTOGRAM_BOUNDS = [
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
  10,
  30,
  60,
  120,
  Infinity,
];

interface Builder {
  readonly labels: PromLabels;
  readonly values: number[];
}

/** Runs the scenario headless (no response) and samples its series at t = sampleSeconds, 2 x sampleSeconds, ... */
export function runSeries(scenario: Scenario, options: RunSeriesOptions): PromSeries[] {
  const sim = createSimulation(scenario);
  const store = sim.metrics;
  const kept = store.series.filter((s) => !options.metrics || options.metrics.includes(s.metric));
  const builders = new Map<string, Builder>();
  const series = (name: string, labels: PromLabels): Builder => {
    const all = { __name__: name, ...labels };
    const key = JSON.stringify(Object.entries(all).sort());
    let b = builders.get(key);
    if (!b) builders.set(key, (b = { labels: all, values: [] }));
    return b;
  };
  // Running totals of the synthetic counters, per node.
  const totals = new Map<string, number>();
  const add = (key: string, inc: number): number => {
    const v = (totals.get(key) ?? 0) + (Number.isFinite(inc) ? inc : 0);
    totals.set(key, v);
    return v;
  };
  const nodes = [
    ...new Set(store.series.filter((s) => s.metric === 'request_rate').map((s) => s.labels.node!)),
  ];
  const sampleTicks = Math.max(1, Math.round(options.sampleSeconds / sim.tickSeconds));
  const totalTicks = Math.round((options.minutes * 60) / sim.tickSeconds);
  const timestamps: number[] = [];
  for (let tick = 1; tick <= totalTicks; tick++) {
    sim.step();
    const dt = sim.tickSeconds;
    const counters: [string, string, number][] = [];
    for (const node of nodes) {
      const rate = store.latest(store.find('request_rate', node));
      const errors = rate * store.latest(store.find('error_ratio', node));
      const mean = store.latest(store.find('latency_mean', node));
      counters.push([node, 'requests_total', add(`${node} req`, rate * dt)]);
      counters.push([node, 'request_errors_total', add(`${node} err`, errors * dt)]);
      counters.push([node, 'request_duration_seconds_sum', add(`${node} sum`, rate * dt * mean)]);
      counters.push([node, 'request_duration_seconds_count', add(`${node} count`, rate * dt)]);
      for (const le of HISTOGRAM_BOUNDS) {
        // Exponential latencies with the node's mean: the share at or under each bound.
        const share = le === Infinity ? 1 : mean > 0 ? 1 - Math.exp(-le / mean) : 1;
        counters.push([
          `${node}\xff${le}`,
          'request_duration_seconds_bucket',
          add(`${node} le ${le}`, rate * dt * share),
        ]);
      }
    }
    if (tick % sampleTicks !== 0) continue;
    timestamps.push(tick * dt * 1000);
    for (const s of kept) series(s.metric, s.labels).values.push(store.latest(s.index));
    for (const [key, name, value] of counters) {
      const [node, le] = key.split('\xff') as [string, string | undefined];
      const labels: PromLabels = le === undefined ? { node } : { node, le: le === 'Infinity' ? '+Inf' : le };
      series(name, labels).values.push(value);
    }
  }
  const ts = Float64Array.from(timestamps);
  return [...builders.values()].map((b) => ({
    labels: b.labels,
    timestamps: ts,
    values: Float64Array.from(b.values),
  }));
}

/** `undefined` marks a missing sample (a gap). */
type Points = readonly (number | undefined)[];

function handMade(labels: PromLabels, intervalMs: number, points: Points): PromSeries {
  const timestamps: number[] = [];
  const values: number[] = [];
  points.forEach((v, i) => {
    if (v === undefined) return;
    timestamps.push((i + 1) * intervalMs);
    values.push(v);
  });
  return { labels, timestamps: Float64Array.from(timestamps), values: Float64Array.from(values) };
}

/**
 * Hand-made series over `count` samples: a counter that resets twice, one that starts high, a
 * series that stops early (stale after the lookback), one with gaps, one with NaN and infinities,
 * and two series that differ only by name.
 */
export function edgeCaseSeries(intervalMs: number, count: number): PromSeries[] {
  const range = (f: (i: number) => number | undefined): Points =>
    Array.from({ length: count }, (_, i) => f(i));
  return [
    handMade(
      { __name__: 'edge_counter_total', case: 'reset' },
      intervalMs,
      range((i) => ((i % 37) + 1) * 7 + (i >= 37 ? 3 : 0)),
    ),
    handMade(
      { __name__: 'edge_counter_total', case: 'high-start' },
      intervalMs,
      range((i) => 1000 + i * 2.5),
    ),
    handMade(
      { __name__: 'edge_counter_total', case: 'stops' },
      intervalMs,
      range((i) => (i < 20 ? i * 4 : undefined)),
    ),
    handMade(
      { __name__: 'edge_gauge', case: 'gaps' },
      intervalMs,
      range((i) => (i % 5 === 3 ? undefined : Math.sin(i / 3) * 10)),
    ),
    handMade(
      { __name__: 'edge_gauge', case: 'special' },
      intervalMs,
      range((i) => [1, NaN, 3, Infinity, -2, -Infinity, 0, 5][i % 8]),
    ),
    handMade(
      { __name__: 'edge_gauge', case: 'zero' },
      intervalMs,
      range(() => 0),
    ),
    handMade(
      { __name__: 'edge_twin_a', pair: 'x' },
      intervalMs,
      range((i) => i),
    ),
    handMade(
      { __name__: 'edge_twin_b', pair: 'x' },
      intervalMs,
      range((i) => 2 * i),
    ),
  ];
}

/**
 * Some families of the Prometheus view (view.ts) of a headless run, with actions applied at given
 * seconds, sampled every 15 s from t = 0: the differential test's input for the catalog's families.
 */
export function viewSeries(
  scenario: Scenario,
  options: {
    readonly minutes: number;
    readonly names: ReadonlySet<string>;
    readonly steps?: readonly { readonly at: number; readonly command: ActionCommand }[];
  },
): PromSeries[] {
  const ticks = Math.round((options.minutes * 60) / scenario.tickSeconds);
  const sim = createSimulation(scenario, { historyTicks: ticks + 1 });
  for (const step of options.steps ?? []) {
    sim.runUntil(step.at);
    const done = sim.apply(step.command);
    if (!done.ok) throw new Error(done.message);
  }
  sim.runUntil(options.minutes * 60);
  const m = sim.metrics;
  const values: Float64Array[] = [];
  for (const s of m.series) values[s.index] = m.read(s.index);
  const view = prometheusView(
    { series: m.series, values, length: m.length, tickSeconds: sim.tickSeconds, firstTick: m.firstTick },
    scenario.nodes,
    { scrapeSeconds: 15 },
  );
  return view.series().filter((s) => options.names.has(s.labels.__name__ ?? ''));
}

export function sourceOf(series: readonly PromSeries[]): PromSource {
  return { series: () => series };
}
