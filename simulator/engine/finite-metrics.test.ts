import { describe, expect, it } from 'vitest';
import { LIMITS } from '../scenario/schema';
import { compile } from './compile';
import { createSimulation } from './index';
import { RingMetricStore } from './metrics';
import { State } from './state';
import { makeScenario } from './testing';

const { rate, fanOut, replicas, threads, magnitude, backlog } = LIMITS;

/** Every number at (or near) its schema maximum: valid, and as hostile as the schema allows. */
function extremeScenario() {
  return makeScenario({
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: 60, target: rate }], noise: 1 },
      { id: 'lb', kind: 'loadbalancer', maxConnections: LIMITS.connections, latency: 86_400 },
      {
        id: 'api',
        kind: 'service',
        replicas,
        concurrency: threads,
        serviceTime: 86_400,
        cpuPerRequest: 86_400,
        cpuLimit: LIMITS.cpuCores,
        memoryMb: LIMITS.memoryMb,
        memoryLimitMb: LIMITS.memoryMb,
        queueLimit: backlog,
        autoscaler: { metric: 'latency_p99', target: LIMITS.quantity, min: 0, max: replicas },
        sidecar: { cpuPerRequest: 86_400, latency: 86_400 },
      },
      { id: 'tiny', kind: 'service', replicas: 1, concurrency: 1e-9, serviceTime: 0, cpuLimit: 1e-9 },
      { id: 'db', kind: 'database', maxConnections: 1e-9, cpuCores: 1e-9, queryTime: 86_400 },
      {
        id: 'cache',
        kind: 'cache',
        opsCapacity: rate,
        maxMemoryMb: 1e-9,
        usedMemoryMb: LIMITS.memoryMb,
        writeGrowthKb: LIMITS.sizeKb,
      },
      {
        id: 'jobs',
        kind: 'queue',
        consumers: ['tiny'],
        messageSizeKb: LIMITS.sizeKb,
        maxMemoryMb: LIMITS.memoryMb,
        initialBacklog: backlog,
      },
      { id: 'dns', kind: 'dns', replicas, qpsPerReplica: 1e-9, ndots: 15 },
      { id: 'ext', kind: 'external', latency: 86_400, rateLimit: 1e-9 },
    ],
    edges: [
      { from: 'users', to: 'lb', callsPerRequest: fanOut, retries: 10 },
      { from: 'lb', to: 'api', callsPerRequest: fanOut, retries: 10, timeout: 86_400 },
      { from: 'api', to: 'tiny', callsPerRequest: fanOut, retries: 10, dns: 'dns', lookupsPerCall: fanOut },
      { from: 'api', to: 'db', callsPerRequest: fanOut, retries: 10, pool: threads },
      { from: 'api', to: 'cache', callsPerRequest: fanOut },
      { from: 'api', to: 'jobs', mode: 'async', callsPerRequest: fanOut },
      { from: 'tiny', to: 'ext', callsPerRequest: fanOut, retries: 10, backoff: 86_400 },
    ],
    faults: [
      { at: 30, target: 'api', type: 'latency', params: { factor: magnitude, add: magnitude } },
      { at: 30, target: 'users', type: 'traffic-spike', params: { factor: magnitude } },
      { at: 60, target: 'db', type: 'slow-queries', params: { count: magnitude, cpuPerQuery: magnitude } },
      { at: 60, target: 'dns', type: 'dns-flood', params: { qps: magnitude } },
      { at: 60, target: 'api', type: 'memory-leak', params: { mbPerMinute: magnitude } },
      { at: 60, target: 'api->tiny', type: 'network-degradation', params: { latency: magnitude, loss: 1 } },
    ],
  });
}

describe('metrics are always finite', () => {
  it('a scenario with extreme but valid numbers produces only finite metrics', () => {
    const sim = createSimulation(extremeScenario());
    const bad: string[] = [];
    for (let tick = 0; tick < 600; tick++) {
      sim.step();
      const m = sim.metrics;
      for (const s of m.series) {
        const v = m.latest(s.index);
        if (!Number.isFinite(v) && bad.length < 10)
          bad.push(`${s.metric}{${s.labels.node}} = ${v} at ${tick}`);
      }
    }
    expect(bad).toEqual([]);
    // ... and the engine computed them finite itself: the store's guard had nothing to replace.
    expect((sim.metrics as RingMetricStore).nonFinite).toBe(0);
  });

  it('the metric store never records NaN or Infinity, whatever the state holds', () => {
    const model = compile(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: 60, target: 1 }] },
          { id: 'api', kind: 'service' },
        ],
        edges: [{ from: 'users', to: 'api' }],
      }),
    );
    const state = new State(model);
    const store = new RingMetricStore(model, state, 4);
    for (const key of Object.keys(state) as (keyof typeof state)[]) {
      const value = state[key] as unknown;
      if (value instanceof Float64Array) value.fill(Number.NaN);
    }
    store.record();
    for (const key of Object.keys(state) as (keyof typeof state)[]) {
      const value = state[key] as unknown;
      if (value instanceof Float64Array) value.fill(Number.POSITIVE_INFINITY);
    }
    store.record();
    expect(store.nonFinite).toBeGreaterThan(0);
    for (const s of store.series) {
      expect(Number.isFinite(store.at(s.index, 0)), `${s.metric} at tick 0`).toBe(true);
      expect(Number.isFinite(store.at(s.index, 1)), `${s.metric} at tick 1`).toBe(true);
    }
  });
});
