/**
 * A load test's end-of-test summary in k6's format, from the engine's series of the tested client
 * over the test window. Nothing is invented: iterations and failures are the client's rate x error
 * ratio x tick; http_req_duration is the mixture, weighted by each tick's requests, of the engine's
 * per-tick latency distribution (latency-sample.ts: the one the evidence and the Prometheus
 * histograms use), so its quantiles come from latencyCdf and its min and max are the distribution's
 * bounds (a third of the median, three times the p99).
 */
import type { MetricStore } from '../engine/api';
import { latencyCdf } from '../engine/latency-sample';
import { compare, parseThreshold, type Threshold } from './thresholds';
import { THRESHOLD_METRICS, type LoadTest } from './schema';

export interface ThresholdResult {
  readonly metric: string;
  readonly source: string;
  readonly ok: boolean;
  /** The aggregated value the threshold compared (ms for durations). */
  readonly observed: number;
}

export interface K6Summary {
  readonly name: string;
  readonly client: string;
  readonly durationSeconds: number;
  readonly maxRate: number;
  readonly stages: number;
  readonly iterations: number;
  readonly failed: number;
  /** http_req_duration in milliseconds, by stat name ("avg", "p(95)", ...). */
  readonly duration: Readonly<Record<string, number>>;
  /** The stats printed, in order. */
  readonly trendStats: readonly string[];
  readonly thresholds: readonly ThresholdResult[];
}

const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];

interface TickDistribution {
  readonly w: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** The q-quantile (0-1) of the weighted mixture, in seconds (bisection on a log scale). */
export function mixtureQuantile(ticks: readonly TickDistribution[], q: number): number {
  let total = 0;
  let lo = Infinity;
  let hi = 0;
  for (const t of ticks) {
    total += t.w;
    lo = Math.min(lo, t.p50 / 3);
    hi = Math.max(hi, 3 * Math.max(t.p50, t.p95, t.p99));
  }
  if (!(total > 0) || !(hi > 0)) return 0;
  if (q <= 0) return lo;
  if (q >= 1) return hi;
  let a = Math.log(Math.max(lo, 1e-9));
  let b = Math.log(hi);
  for (let k = 0; k < 60; k++) {
    const mid = (a + b) / 2;
    const x = Math.exp(mid);
    let f = 0;
    for (const t of ticks) f += t.w * latencyCdf(t.p50, t.p95, t.p99, x);
    if (f / total < q) a = mid;
    else b = mid;
  }
  return Math.exp(b);
}

function statValue(name: string, ticks: readonly TickDistribution[], avg: number): number | undefined {
  if (name === 'avg') return avg;
  if (name === 'med') return mixtureQuantile(ticks, 0.5);
  if (name === 'min') return mixtureQuantile(ticks, 0);
  if (name === 'max') return mixtureQuantile(ticks, 1);
  const m = /^p\((\d+(?:\.\d+)?)\)$/.exec(name);
  if (m) return mixtureQuantile(ticks, Number(m[1]) / 100);
  return undefined;
}

function percentileName(p: number): string {
  return `p(${p})`;
}

/** The thresholds of a test, parsed (the validator has reported any that do not parse). */
export function testThresholds(test: LoadTest): Threshold[] {
  const out: Threshold[] = [];
  for (const metric of THRESHOLD_METRICS) {
    for (const source of test.thresholds[metric] ?? []) {
      const t = parseThreshold(metric, source);
      if (!('error' in t)) out.push(t);
    }
  }
  return out;
}

/** Summarises the client's series over ticks [fromTick, toTick). */
export function summarize(
  metrics: MetricStore,
  test: LoadTest,
  client: string,
  fromTick: number,
  toTick: number,
  tickSeconds: number,
  maxRate: number,
): K6Summary {
  const series = (name: string) => metrics.find(name, client);
  const rate = series('request_rate');
  const err = series('error_ratio');
  const p50 = series('latency_p50');
  const p95 = series('latency_p95');
  const p99 = series('latency_p99');
  const mean = series('latency_mean');
  const ticks: TickDistribution[] = [];
  let iterations = 0;
  let failed = 0;
  let weightedMean = 0;
  for (let k = fromTick; k < toTick; k++) {
    const n = Math.max(0, metrics.at(rate, k)) * tickSeconds;
    if (!(n > 0)) continue;
    iterations += n;
    failed += n * Math.min(1, Math.max(0, metrics.at(err, k)));
    const median = metrics.at(p50, k);
    if (median > 0) {
      ticks.push({ w: n, p50: median, p95: metrics.at(p95, k), p99: metrics.at(p99, k) });
      weightedMean += n * metrics.at(mean, k);
    }
  }
  const weight = ticks.reduce((s, t) => s + t.w, 0);
  const avg = weight > 0 ? weightedMean / weight : 0;
  const thresholds = testThresholds(test);
  const asked = thresholds
    .filter((t) => t.aggregation === 'p' && t.percentile !== undefined)
    .map((t) => percentileName(t.percentile!));
  const trendStats = test.summaryTrendStats ?? [
    ...DEFAULT_TREND_STATS,
    ...asked.filter((p) => !DEFAULT_TREND_STATS.includes(p)),
  ];
  const duration: Record<string, number> = {};
  for (const name of new Set([...trendStats, ...asked, 'avg', 'min', 'med', 'max'])) {
    const v = statValue(name, ticks, avg);
    if (v !== undefined) duration[name] = v * 1000;
  }
  const seconds = (toTick - fromTick) * tickSeconds;
  const results = thresholds.map((t) => {
    const observed = observe(t, { iterations, failed, seconds, duration });
    return { metric: t.metric, source: t.source, ok: compare(observed, t.op, t.value), observed };
  });
  return {
    name: test.name,
    client,
    durationSeconds: seconds,
    maxRate,
    stages: test.stages.length,
    iterations,
    failed,
    duration,
    trendStats: trendStats.filter((s) => duration[s] !== undefined),
    thresholds: results,
  };
}

function observe(
  t: Threshold,
  m: { iterations: number; failed: number; seconds: number; duration: Record<string, number> },
): number {
  switch (t.metric) {
    case 'http_req_failed':
      return m.iterations > 0 ? m.failed / m.iterations : 0;
    case 'checks':
      return m.iterations > 0 ? 1 - m.failed / m.iterations : 0;
    case 'http_reqs':
    case 'iterations':
      return t.aggregation === 'count' ? m.iterations : m.seconds > 0 ? m.iterations / m.seconds : 0;
    case 'http_req_duration':
      return m.duration[t.aggregation === 'p' ? percentileName(t.percentile!) : t.aggregation] ?? 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Text, as k6 prints it
// ---------------------------------------------------------------------------------------------

function trim(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, '');
}

/** Milliseconds as k6 prints a duration: 812.5µs, 102.37ms, 1.24s, 1m3s. */
export function formatK6Duration(ms: number): string {
  if (!(ms > 0)) return '0s';
  if (ms < 1) return `${trim(ms * 1000)}µs`;
  if (ms < 1000) return `${trim(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${trim(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${trim(s - m * 60)}s`;
}

function count(n: number): string {
  return String(Math.round(n));
}

function line(name: string, value: string, threshold?: boolean): string {
  const prefix = threshold === undefined ? '     ' : threshold ? '   ✓ ' : '   ✗ ';
  return `${prefix}${name.padEnd(31, '.')}: ${value}`;
}

function stageDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** The summary as k6 prints it at the end of a test. */
export function formatK6Summary(s: K6Summary): string {
  const verdict = (metric: string): boolean | undefined => {
    const own = s.thresholds.filter((t) => t.metric === metric);
    return own.length ? own.every((t) => t.ok) : undefined;
  };
  const ok = s.iterations - s.failed;
  const rate = s.durationSeconds > 0 ? s.iterations / s.durationSeconds : 0;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const pad = (text: string) => text.padEnd(7);
  const trend = s.trendStats.map((name) => `${name}=${formatK6Duration(s.duration[name] ?? 0)}`).join(' ');
  const lines = [
    `     scenarios: (100.00%) 1 scenario, simulated at engine speed`,
    `              * ${s.name}: Up to ${s.maxRate.toFixed(2)} iterations/s for ${stageDuration(s.durationSeconds)} over ${s.stages} stage${s.stages === 1 ? '' : 's'} (client ${s.client})`,
    '',
    `     ${s.failed === 0 ? '✓' : '✗'} status is 200`,
    `      ${s.failed === 0 ? '' : `↳  ${pct(s.iterations > 0 ? ok / s.iterations : 0)} — ✓ ${count(ok)} / ✗ ${count(s.failed)}`}`.trimEnd(),
    '',
    line(
      'checks',
      `${pad(pct(s.iterations > 0 ? ok / s.iterations : 0))} ✓ ${count(ok).padEnd(9)} ✗ ${count(s.failed)}`,
      verdict('checks'),
    ),
    line('http_req_duration', trend, verdict('http_req_duration')),
    line(
      'http_req_failed',
      `${pad(pct(s.iterations > 0 ? s.failed / s.iterations : 0))} ✓ ${count(s.failed).padEnd(9)} ✗ ${count(ok)}`,
      verdict('http_req_failed'),
    ),
    line('http_reqs', `${pad(count(s.iterations))} ${trim(rate)}/s`, verdict('http_reqs')),
    line('iterations', `${pad(count(s.iterations))} ${trim(rate)}/s`, verdict('iterations')),
  ].filter((l, i, all) => !(l === '' && all[i - 1] === ''));
  const crossed = [...new Set(s.thresholds.filter((t) => !t.ok).map((t) => t.metric))];
  if (crossed.length)
    lines.push(
      '',
      `ERRO[${stageDuration(s.durationSeconds)}] thresholds on metrics '${crossed.join("', '")}' have been crossed`,
    );
  return lines.join('\n');
}
