/**
 * Retries that persist (issue 12 item 2) and load that scales with the replicas (item 5): the
 * retry policy of a call (exponential backoff with a cap, jitter, a retry budget), the overload
 * that outlives its trigger until retries are cut, and per-replica background calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/schema';
import { parseScenarioText } from '../scenario/validate';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

const sim = (input: TopologyInput, seed = 1) => createSimulation(makeScenario(input), { seed });
const series = (s: Simulation, metric: string, node: string, to?: string) => {
  const idx = s.metrics.find(metric, node, to ? { to } : undefined);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"${to ? `, to="${to}"` : ''}}`);
  return idx;
};
const val = (s: Simulation, metric: string, node: string, to?: string) =>
  s.metrics.latest(series(s, metric, node, to));
const client = (id: string, rps: number) => ({
  id,
  kind: 'client' as const,
  stages: [{ duration: '1h', target: rps }],
  noise: 0,
});

/** users -> api -> x, where x fails a share p of its calls. */
const failingCallee = (p: number, edge: Record<string, unknown>): TopologyInput => ({
  nodes: [
    client('users', 100),
    { id: 'api', kind: 'service', cpuPerRequest: 0, concurrency: 500, serviceTime: 0.01 },
    { id: 'x', kind: 'external', errorRate: p, latency: 0.01 },
  ],
  edges: [
    { from: 'users', to: 'api' },
    { from: 'api', to: 'x', ...edge },
  ],
});

describe('retry budget', () => {
  it('caps the load on a failing callee at 1 + budget times the calls, whatever fails', () => {
    // Without a budget: 1 + .5 + .25 + .125 = 1.875 attempts per call.
    const plain = sim(failingCallee(0.5, { retries: 3, backoff: 0 }));
    plain.runUntil(60);
    expect(val(plain, 'edge_request_rate', 'api', 'x')).toBeCloseTo(187.5, 6);
    expect(val(plain, 'edge_retry_rate', 'api', 'x')).toBeCloseTo(87.5, 6);
    const budget = sim(failingCallee(0.5, { retries: 3, backoff: 0, retryBudget: 0.1 }));
    budget.runUntil(60);
    expect(val(budget, 'edge_request_rate', 'api', 'x')).toBeCloseTo(110, 6);
    expect(val(budget, 'edge_retry_rate', 'api', 'x')).toBeCloseTo(10, 6);
  });

  it('fails the calls it does not retry: P[fail] = (1 - theta) p + theta p^(r+1)', () => {
    // Wanted retries .875 per call, budget .1: theta = .1 / .875 of the first failures retry.
    const s = sim(failingCallee(0.5, { retries: 3, backoff: 0, retryBudget: 0.1 }));
    s.runUntil(60);
    const theta = 0.1 / 0.875;
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo((1 - theta) * 0.5 + theta * 0.5 ** 4, 6);
  });

  it('a budget above what the failures want changes nothing', () => {
    const plain = sim(failingCallee(0.2, { retries: 2, backoff: 0 }));
    const loose = sim(failingCallee(0.2, { retries: 2, backoff: 0, retryBudget: 0.5 }));
    plain.runUntil(60);
    loose.runUntil(60);
    expect(val(loose, 'edge_request_rate', 'api', 'x')).toBe(val(plain, 'edge_request_rate', 'api', 'x'));
    expect(val(loose, 'latency_mean', 'api')).toBe(val(plain, 'latency_mean', 'api'));
  });
});

describe('backoff: cap and jitter', () => {
  // A retried call waits attempt a's backoff min(b 2^(a-1), cap) times the jitter's mean share.
  const meanLatency = (edge: Record<string, unknown>) => {
    const s = sim(failingCallee(0.5, { retries: 3, ...edge }));
    s.runUntil(60);
    return val(s, 'latency_mean', 'api');
  };
  // Expected extra wait: sum over retries a of P[retry a happens] x mean backoff a.
  const waits = (b: readonly number[], share: number) =>
    b.reduce((sum, ba, k) => sum + 0.5 ** (k + 1) * ba * share, 0);

  it('none waits b, 2b, 4b; full jitter half of it; equal jitter three quarters', () => {
    const none = meanLatency({ backoff: 1 });
    const full = meanLatency({ backoff: 1, jitter: 'full' });
    const equal = meanLatency({ backoff: 1, jitter: 'equal' });
    const zero = meanLatency({ backoff: 0 });
    expect(none - zero).toBeCloseTo(waits([1, 2, 4], 1), 9);
    expect(full - zero).toBeCloseTo(waits([1, 2, 4], 0.5), 9);
    expect(equal - zero).toBeCloseTo(waits([1, 2, 4], 0.75), 9);
  });

  it('maxBackoff stops the doubling', () => {
    const capped = meanLatency({ backoff: 1, maxBackoff: 1.5 });
    const zero = meanLatency({ backoff: 0 });
    expect(capped - zero).toBeCloseTo(waits([1, 1.5, 1.5], 1), 9);
  });

  it('jitter spreads the wait: the p99 of a retried call differs, the load does not', () => {
    const run = (jitter: string) => {
      const s = sim(failingCallee(0.5, { retries: 3, backoff: 2, jitter }));
      s.runUntil(60);
      return s;
    };
    const none = run('none');
    const full = run('full');
    // (the same load up to the odd call past the 30 s timeout)
    expect(val(full, 'edge_request_rate', 'api', 'x')).toBeCloseTo(
      val(none, 'edge_request_rate', 'api', 'x'),
      3,
    );
    expect(val(full, 'latency_p99', 'api')).toBeLessThan(val(none, 'latency_p99', 'api'));
  });
});

/** The built-in metastable scenario (three layers retrying 3 times), optionally with edits. */
function metastable(edit: (s: Scenario) => Scenario = (s) => s): Scenario {
  const text = readFileSync(new URL('../../scenarios/retry-storm-metastable.json', import.meta.url), 'utf8');
  const parsed = parseScenarioText(text, 'retry-storm-metastable.json');
  if (!parsed.ok) throw new Error('retry-storm-metastable.json does not validate');
  return edit(parsed.scenario);
}

describe('metastable failure: retries keep the callee overloaded after the trigger', () => {
  const blipEnd = 330; // the 30 s storage stall starts at 5 min
  const ledgerRate = (s: Simulation, t: number) => s.metrics.at(series(s, 'request_rate', 'ledger'), t);
  const gatewayErrors = (s: Simulation, t: number) => s.metrics.at(series(s, 'error_ratio', 'gateway'), t);

  it('without a retry budget the ledger stays above its capacity (1,000/s) long after the stall', () => {
    const s = createSimulation(metastable());
    s.runUntil(1200);
    for (let t = blipEnd + 120; t < 1200; t += 30) {
      expect(ledgerRate(s, t), `ledger rate at ${t}s`).toBeGreaterThan(1000);
      expect(gatewayErrors(s, t), `gateway errors at ${t}s`).toBeGreaterThan(0.5);
    }
  });

  it('a retry budget of 10% on every hop rides out the same stall', () => {
    const s = createSimulation(
      metastable((sc) => ({ ...sc, edges: sc.edges.map((e) => ({ ...e, retryBudget: 0.1 })) })),
    );
    s.runUntil(1200);
    for (let t = blipEnd + 120; t < 1200; t += 30) {
      expect(ledgerRate(s, t), `ledger rate at ${t}s`).toBeLessThan(500);
      expect(gatewayErrors(s, t), `gateway errors at ${t}s`).toBeLessThan(0.01);
    }
  });

  it('set-retry-budget during the storm recovers once the rollout lands and the queue drains', () => {
    const s = createSimulation(metastable());
    s.runUntil(600);
    expect(gatewayErrors(s, 599)).toBeGreaterThan(0.5);
    for (const target of ['gateway->auth-api', 'auth-api->orders', 'orders->ledger']) {
      const r = s.apply({ type: 'set-retry-budget', target, params: { budget: 0.1 } });
      expect(r.ok, r.message).toBe(true);
    }
    s.runUntil(1200);
    // The rollout takes 30 s; the ledger's queues (4 x 1,000) then drain at about 1,000 - 440 =
    // 560/s, a few seconds (Q / (mu - lambda)); the callers' timeouts clear 2 s after that.
    let recovered = Infinity;
    for (let t = 600; t < 1200; t++) {
      if (gatewayErrors(s, t) < 0.01) {
        recovered = t;
        break;
      }
    }
    expect(recovered - 630, 'seconds after the rollout').toBeLessThan(60);
    expect(gatewayErrors(s, 1199)).toBeLessThan(0.01);
  });
});

describe('per-replica background load (polling, heartbeats)', () => {
  const fleet = (replicas: number): TopologyInput => ({
    nodes: [
      client('users', 100),
      { id: 'api', kind: 'service', replicas, cpuPerRequest: 0, concurrency: 500 },
      { id: 'config', kind: 'service', replicas: 4, concurrency: 500, cpuPerRequest: 0 },
    ],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'config', callsPerRequest: 0, perReplicaRate: 5 },
    ],
  });

  it("doubling the caller's replicas doubles the background load on the callee", () => {
    const small = sim(fleet(10));
    const large = sim(fleet(20));
    small.runUntil(60);
    large.runUntil(60);
    expect(val(small, 'request_rate', 'config')).toBeCloseTo(50, 9);
    expect(val(large, 'request_rate', 'config')).toBeCloseTo(100, 9);
  });

  it('follows a scale-out once the new replicas are ready, whatever the traffic', () => {
    const s = sim(fleet(10));
    s.runUntil(60);
    s.apply({ type: 'scale', target: 'api', params: { replicas: 30 } });
    s.runUntil(200);
    expect(val(s, 'request_rate', 'config')).toBeCloseTo(150, 9);
    expect(val(s, 'request_rate', 'api')).toBeCloseTo(100, 9);
  });

  it("adds to the calls the caller's requests make and is retried like them", () => {
    const s = sim({
      nodes: [
        client('users', 100),
        { id: 'api', kind: 'service', replicas: 10, cpuPerRequest: 0, concurrency: 500 },
        { id: 'x', kind: 'external', errorRate: 0.5, latency: 0.01 },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'x', perReplicaRate: 2, retries: 1, backoff: 0 },
      ],
    });
    s.runUntil(60);
    expect(val(s, 'request_rate', 'x')).toBeCloseTo((100 + 20) * 1.5, 6);
  });
});
