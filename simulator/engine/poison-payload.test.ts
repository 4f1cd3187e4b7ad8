/**
 * Deterministic failures that retry forever (issue 12 item 2): a poison payload fails every
 * attempt, so callers retry each poison request to the limit, whatever the callee's health, and a
 * restart does not clear it because the clients keep sending it.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

const sim = (input: TopologyInput) => createSimulation(makeScenario(input), { seed: 1 });
const val = (s: Simulation, metric: string, node: string, to?: string) => {
  const idx = s.metrics.find(metric, node, to ? { to } : undefined);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"}`);
  return s.metrics.latest(idx);
};

/** users -> api -> orders (4 x 50 threads, 20 ms), api retrying `retries` times. */
const system = (fault: Record<string, string | number>, retries = 3): TopologyInput => ({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
    { id: 'api', kind: 'service', replicas: 4, concurrency: 500, cpuPerRequest: 0, serviceTime: 0.005 },
    {
      id: 'orders',
      kind: 'service',
      replicas: 4,
      concurrency: 50,
      serviceTime: 0.02,
      cpuPerRequest: 0,
      coldStart: 20,
    },
  ],
  edges: [
    { from: 'users', to: 'api' },
    { from: 'api', to: 'orders', timeout: 2, retries, backoff: 0 },
  ],
  faults: [{ at: 0, target: 'orders', type: 'poison-payload', params: fault }],
});

describe('poison payload', () => {
  it('every poison request is retried to the limit: (1 - q) + q (r + 1) attempts per call', () => {
    const s = sim(system({ share: 0.1 }));
    s.runUntil(120);
    // Independent failures at the same 10% would send 1.111 attempts per call and fail 1e-4.
    expect(val(s, 'request_rate', 'orders')).toBeCloseTo(100 * (0.9 + 0.1 * 4), 4);
    expect(val(s, 'edge_retry_rate', 'api', 'orders')).toBeCloseTo(30, 4);
    expect(val(s, 'error_ratio', 'orders')).toBeCloseTo(40 / 130, 4);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.1, 4);
  });

  it('a restart does not clear it: the clients keep sending the payload', () => {
    const s = sim(system({ share: 0.1 }));
    s.runUntil(120);
    const before = val(s, 'request_rate', 'orders');
    s.apply({ type: 'restart', target: 'orders' });
    s.runUntil(300);
    expect(val(s, 'request_rate', 'orders')).toBeCloseTo(before, 4);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.1, 4);
  });

  it('"timeouts" poison holds threads until the service saturates; block-payload recovers it', () => {
    // 100/s x 2% x 4 attempts = 8 poison attempts/s, each holding a thread 30 s: 240 of 200 threads.
    const s = sim(system({ share: 0.02, mode: 'timeouts', seconds: 30 }));
    s.runUntil(300);
    expect(val(s, 'saturation', 'orders')).toBeGreaterThan(0.99);
    // Everyone waits behind the held threads: calls time out (2 s) and are retried.
    expect(val(s, 'latency_p99', 'api')).toBeGreaterThan(5);
    const r = s.apply({ type: 'block-payload', target: 'orders' });
    expect(r.ok, r.message).toBe(true);
    s.runUntil(359);
    expect(val(s, 'latency_p99', 'api'), 'before the rule lands (60 s)').toBeGreaterThan(5);
    s.runUntil(600);
    // The poison now gets a 400 at the door, once, and holds no thread; the rest succeeds.
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.02, 4);
    expect(val(s, 'request_rate', 'orders')).toBeCloseTo(98, 4);
    expect(val(s, 'saturation', 'orders')).toBeLessThan(0.1);
    expect(val(s, 'latency_p99', 'api')).toBeLessThan(0.5);
  });

  it('cutting the retries cuts the poison load to one attempt per poison request', () => {
    const s = sim(system({ share: 0.1 }, 0));
    s.runUntil(120);
    expect(val(s, 'request_rate', 'orders')).toBeCloseTo(100, 4);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.1, 4);
  });

  it('a retry budget caps the poison retries too', () => {
    const input = system({ share: 0.1 });
    const s = sim({ ...input, edges: [input.edges![0]!, { ...input.edges![1]!, retryBudget: 0.1 }] });
    s.runUntil(120);
    expect(val(s, 'request_rate', 'orders')).toBeCloseTo(110, 4);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.1, 4);
  });
});
