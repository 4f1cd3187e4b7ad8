/**
 * The families an SRE reaches for first, with their exporters' names and labels: `up` per scrape
 * target, kube-state-metrics' spec replicas, redis_exporter's maxmemory and postgres_exporter's
 * max_connections, each following the actions that change them.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { makeScenario } from '../engine/testing';
import { columnsOf } from '../test-support/builtin-run';
import { evaluateInstant } from './evaluate';
import type { PromLabels } from './types';
import { prometheusView } from './view';

const scenario = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 50 }], noise: 0 },
    { id: 'web', kind: 'service', replicas: 3, coldStart: '10s' },
    { id: 'db', kind: 'database', maxConnections: 100 },
    { id: 'jobs', kind: 'queue', maxMemoryMb: 64 },
    { id: 'sessions', kind: 'cache', maxMemoryMb: 512 },
    { id: 'coredns', kind: 'dns' },
  ],
  edges: [
    { from: 'users', to: 'web' },
    { from: 'web', to: 'db' },
    { from: 'web', to: 'jobs' },
    { from: 'web', to: 'sessions' },
  ],
  // Every web replica crash-loops from 5 to 8 minutes: nothing left to scrape.
  faults: [{ at: '5m', duration: '3m', target: 'web', type: 'crash', params: { loop: true } }],
} as never);

function run() {
  const sim = createSimulation(scenario, { historyTicks: 1201 });
  sim.runUntil(120);
  expect(sim.apply({ type: 'scale', target: 'web', params: { replicas: 5 } }).ok).toBe(true);
  expect(sim.apply({ type: 'expand-queue', target: 'jobs', params: { memoryMb: 256 } }).ok).toBe(true);
  expect(sim.apply({ type: 'set-pool-size', target: 'db', params: { size: 300 } }).ok).toBe(true);
  sim.runUntil(1200);
  return prometheusView(columnsOf(sim), scenario.nodes, { scrapeSeconds: 15 });
}
const view = run();

function samples(expr: string, seconds: number): { labels: PromLabels; value: number }[] {
  const r = evaluateInstant(view, expr, seconds * 1000);
  if (!r.ok) throw new Error(r.error);
  if (r.value.type !== 'vector') throw new Error(r.value.type);
  return r.value.samples.map((s) => ({ labels: s.labels, value: s.value }));
}
const one = (expr: string, seconds: number) => samples(expr, seconds).map((s) => s.value);

describe('settings and up families', () => {
  it('up: one target per node with its scrape job, 0 while no web replica runs', () => {
    expect(samples('up', 60).map((s) => s.labels)).toEqual([
      { __name__: 'up', job: 'coredns', instance: 'coredns:9153' },
      { __name__: 'up', job: 'postgres', instance: 'db:5432' },
      { __name__: 'up', job: 'redis', instance: 'jobs:6379' },
      { __name__: 'up', job: 'redis', instance: 'sessions:6379' },
      { __name__: 'up', job: 'web', namespace: 'default', service: 'web' },
    ]);
    expect(one('up{job="web"}', 60)).toEqual([1]);
    expect(one('up{job="web"}', 7 * 60)).toEqual([0]);
    expect(one('min_over_time(up{job="web"}[20m])', 1200)).toEqual([0]);
    // The exporters answer while what they watch is in trouble.
    expect(one('min_over_time(up{job=~"postgres|redis|coredns"}[20m])', 1200)).toEqual([1, 1, 1, 1]);
  });

  it('kube_deployment_spec_replicas follows kubectl scale, with kube-state-metrics labels', () => {
    expect(samples('kube_deployment_spec_replicas{deployment="web"}', 60)).toEqual([
      {
        labels: {
          __name__: 'kube_deployment_spec_replicas',
          job: 'kube-state-metrics',
          namespace: 'default',
          deployment: 'web',
        },
        value: 3,
      },
    ]);
    expect(one('kube_deployment_spec_replicas{deployment="web"}', 300)).toEqual([5]);
  });

  it('redis_memory_max_bytes and pg_settings_max_connections are the settings, as the actions change them', () => {
    expect(one('redis_memory_max_bytes{instance="jobs:6379"}', 60)).toEqual([64 * 1024 * 1024]);
    expect(one('redis_memory_max_bytes{instance="jobs:6379"}', 600)).toEqual([256 * 1024 * 1024]);
    expect(one('redis_memory_max_bytes{instance="sessions:6379"}', 600)).toEqual([512 * 1024 * 1024]);
    expect(one('pg_settings_max_connections', 60)).toEqual([100]);
    expect(one('pg_settings_max_connections', 600)).toEqual([300]);
    // The usual saturation ratio an SRE writes works on the exporters' labels.
    const ratio = one('pg_stat_activity_count / on(instance) pg_settings_max_connections', 600);
    expect(ratio).toHaveLength(1);
    expect(ratio[0]).toBeGreaterThanOrEqual(0);
    expect(ratio[0]).toBeLessThanOrEqual(1);
  });
});
