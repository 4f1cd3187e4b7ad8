import { describe, expect, it } from 'vitest';
import { columnsOf, runBuiltin as run } from '../test-support/builtin-run';
import { LATENCY_BUCKETS } from './catalog';
import { prometheusView } from './view';
import type { PromSeries } from './types';

const find = (series: readonly PromSeries[], match: Record<string, string>) =>
  series.filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v));

/** Prometheus's histogram_quantile: linear interpolation inside the bucket that holds the rank. */
function histogramQuantile(q: number, bounds: readonly number[], counts: readonly number[]): number {
  const total = counts[counts.length - 1]!;
  const rank = q * total;
  const b = counts.findIndex((c) => c >= rank);
  if (b === counts.length - 1) return bounds[bounds.length - 1]!;
  const lo = b === 0 ? 0 : bounds[b - 1]!;
  const below = b === 0 ? 0 : counts[b - 1]!;
  return lo + ((bounds[b]! - lo) * (rank - below)) / (counts[b]! - below);
}

describe('Prometheus view of a run', () => {
  const { scenario, sim } = run('redis-queue-fills.json', 1800);
  const source = columnsOf(sim);
  const view = prometheusView(source, scenario.nodes, { scrapeSeconds: 15, startMs: 1_000_000 });
  const series = view.series();

  it('samples every scrape interval from the start time', () => {
    const s = find(series, { __name__: 'http_requests_total', service: 'checkout', code: '200' })[0]!;
    expect(s.timestamps.length).toBe(120);
    expect(s.timestamps[0]).toBe(1_000_000);
    expect(s.timestamps[1]! - s.timestamps[0]!).toBe(15_000);
  });

  it('counters are the integral of the engine rates and never decrease', () => {
    const ok = find(series, { __name__: 'http_requests_total', service: 'checkout', code: '200' })[0]!;
    const bad = find(series, { __name__: 'http_requests_total', service: 'checkout', code: '500' })[0]!;
    const rate = source.values[sim.metrics.find('request_rate', 'checkout')]!;
    const err = source.values[sim.metrics.find('error_ratio', 'checkout')]!;
    // Requests answered between two scrapes = sum of rate x dt over the ticks between them.
    for (const p of [10, 60, 119]) {
      let total = 0;
      let errors = 0;
      for (let k = (p - 1) * 15 + 1; k <= p * 15; k++) {
        total += rate[k]! * sim.tickSeconds;
        errors += rate[k]! * err[k]! * sim.tickSeconds;
      }
      expect(ok.values[p]! - ok.values[p - 1]! + bad.values[p]! - bad.values[p - 1]!).toBeCloseTo(total, 6);
      expect(bad.values[p]! - bad.values[p - 1]!).toBeCloseTo(errors, 6);
    }
    for (const s of series.filter((x) => /_total$|_bucket$|_count$/.test(x.labels.__name__!)))
      for (let p = 1; p < s.values.length; p++) expect(s.values[p]!).toBeGreaterThanOrEqual(s.values[p - 1]!);
    // The incident shows in the counters: checkout fails a large share once the queue is full.
    expect(bad.values[119]! - bad.values[80]!).toBeGreaterThan(0);
  });

  it('histogram_quantile over the buckets gives back the engine p99 within its bucket', () => {
    const node = 'checkout';
    const p = 100; // 25 min in
    const buckets = find(series, { __name__: 'http_request_duration_seconds_bucket', service: node });
    expect(buckets.map((b) => b.labels.le)).toEqual([...LATENCY_BUCKETS.map(String), '+Inf']);
    const window = 20; // 5 min, as rate(...[5m]) would
    const delta = buckets.map((b) => b.values[p]! - b.values[p - window]!);
    const est = histogramQuantile(0.99, [...LATENCY_BUCKETS, Infinity], delta);
    const p99 = source.values[sim.metrics.find('latency_p99', node)]!;
    const engine = p99[p * 15]!;
    const upper = LATENCY_BUCKETS.find((le) => le >= engine) ?? Infinity;
    const lower = [...LATENCY_BUCKETS].reverse().find((le) => le < engine) ?? 0;
    // Linear interpolation inside a bucket is all Prometheus can do: the estimate lands in the
    // bucket that holds the true p99, or the one below when p99 moved during the window.
    expect(est).toBeGreaterThan(lower / 2.5);
    expect(est).toBeLessThanOrEqual(upper);
    const count = find(series, { __name__: 'http_request_duration_seconds_count', service: node })[0]!;
    const inf = buckets[buckets.length - 1]!;
    expect(inf.values).toEqual(count.values);
  });

  it('carries each exporter its usual names and labels', () => {
    const names = new Set(series.map((s) => s.labels.__name__));
    for (const n of [
      'redis_memory_used_bytes',
      'redis_key_size',
      'kube_deployment_status_replicas_available',
      'kube_pod_container_status_restarts_total',
      'container_cpu_cfs_throttled_periods_total',
      'http_client_requests_total',
    ])
      expect(names).toContain(n);
    const queue = scenario.nodes.find((n) => n.kind === 'queue')!.id;
    const mem = find(series, { __name__: 'redis_memory_used_bytes', instance: `${queue}:6379` })[0]!;
    expect(mem.values[119]).toBeCloseTo(
      source.values[sim.metrics.find('memory_mb', queue)]![1785]! * 1024 * 1024,
      0,
    );
    // kube-state-metrics and cAdvisor series carry the jobs kube-prometheus scrapes them under.
    for (const s of series) {
      const n = s.labels.__name__!;
      if (n.startsWith('kube_')) expect(s.labels.job).toBe('kube-state-metrics');
      if (n.startsWith('container_'))
        expect(s.labels).toMatchObject({ job: 'kubelet', metrics_path: '/metrics/cadvisor' });
    }
    const edge = find(series, { __name__: 'http_client_requests_total', service: 'checkout' });
    expect(edge.length).toBeGreaterThan(0);
    for (const s of edge) expect(s.labels.server_address).toBeTruthy();
    for (const s of series) for (const v of s.values) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('Prometheus view of a cache that is flushed', () => {
  const { scenario, sim } = run('cache-stampede-db-herd.json', 600);
  const view = prometheusView(columnsOf(sim), scenario.nodes, { scrapeSeconds: 15, startMs: 0 });
  const series = view.series();
  const at = (s: PromSeries, t: number) => s.values[Math.round(t / 15)]!;

  it('redis_db_keys (db="db0") falls to near zero at the flush and climbs back as keys are fetched', () => {
    const keys = find(series, { __name__: 'redis_db_keys', instance: 'profile-cache:6379', db: 'db0' })[0]!;
    expect(keys).toBeDefined();
    const warm = at(keys, 285);
    expect(warm).toBeGreaterThan(100_000);
    expect(at(keys, 300)).toBeLessThan(0.01 * warm);
    expect(at(keys, 420)).toBeGreaterThan(at(keys, 315));
  });

  it('the misses counter climbs about 50x faster after the flush (98% -> ~0% hits)', () => {
    const misses = find(series, {
      __name__: 'redis_keyspace_misses_total',
      instance: 'profile-cache:6379',
    })[0]!;
    const before = at(misses, 285) - at(misses, 225);
    const after = at(misses, 360) - at(misses, 300);
    expect(after).toBeGreaterThan(20 * before);
  });
});

describe('counts an exporter reads at the scrape instant', () => {
  // The engine keeps means (10.4 connections, 37.6 requests in progress); postgres_exporter,
  // redis_exporter and the OTel SDK report whole connections, requests, keys and bytes.
  const { scenario, sim } = run('slow-queries-choke-db.json', 1200);
  const series = prometheusView(columnsOf(sim), scenario.nodes, { scrapeSeconds: 15, startMs: 0 }).series();
  const names = [
    'pg_stat_activity_count',
    'pg_slow_queries',
    'http_server_active_requests',
    'container_memory_working_set_bytes',
  ];

  it.each(names)('%s is a whole number at every scrape, the engine mean rounded', (name) => {
    const of = series.filter((s) => s.labels.__name__ === name);
    expect(of.length).toBeGreaterThan(0);
    let fractionalMeans = 0;
    for (const s of of)
      for (const v of s.values) if (!Number.isNaN(v)) expect(Number.isInteger(v), `${name} ${v}`).toBe(true);
    // ...and the engine's own value is a mean (the rounding is the exporter's, not the engine's).
    const engine =
      name === 'pg_stat_activity_count'
        ? 'db_connections'
        : name === 'http_server_active_requests'
          ? 'inflight'
          : '';
    if (engine) {
      for (const s of sim.metrics.series.filter((x) => x.metric === engine))
        for (const v of sim.metrics.read(s.index)) if (v % 1 !== 0) fractionalMeans++;
      expect(fractionalMeans).toBeGreaterThan(0);
    }
  });
});
