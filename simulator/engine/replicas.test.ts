/**
 * Per-replica behaviour (balancer, a replica that differs). References: Erlang C for random
 * splitting (each replica is exactly M/M/c with lambda / r) and the reference DES (des/cases.ts
 * balancingCases: at rho .9, 4 replicas x 4 threads against one 16-thread pool, round-robin waits
 * 3.11x the pooled wait).
 */
import { describe, expect, it } from 'vitest';
import { mmc } from '../../des/theory';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

const MU = 10;
const S = 1 / MU;
const LAMBDA = 0.9 * 16 * MU;
/** DES, des/report.ts balancing table (5000 s, seed 1): round-robin 4 x M/M/4 over pooled M/M/16. */
const DES_ROUND_ROBIN_RATIO = 3.11;

type Balancer = 'least-request' | 'random' | 'round-robin';

function run(
  balancer: Balancer | undefined,
  opts: { seconds?: number; faults?: TopologyInput['faults'] } = {},
): {
  mean: number;
  p50: number;
  p99: number;
  err: number;
  metrics: ReturnType<typeof createSimulation>['metrics'];
} {
  const seconds = opts.seconds ?? 600;
  const sim = createSimulation(
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: seconds, target: LAMBDA }], noise: 0 },
        {
          id: 'svc',
          kind: 'service',
          replicas: 4,
          concurrency: 4,
          serviceTime: S,
          cpuPerRequest: 0,
          queueLimit: 1_000_000,
          memoryLimitMb: 1e9,
          ...(balancer ? { balancer } : {}),
        },
      ],
      edges: [{ from: 'load', to: 'svc', timeout: 36_000 }],
      ...(opts.faults ? { faults: opts.faults } : {}),
    } as TopologyInput),
  );
  sim.runUntil(seconds);
  const m = sim.metrics;
  return {
    mean: m.latest(m.find('latency_mean', 'svc')),
    p50: m.latest(m.find('latency_p50', 'svc')),
    p99: m.latest(m.find('latency_p99', 'svc')),
    err: m.latest(m.find('error_ratio', 'svc')),
    metrics: m,
  };
}

describe('balancer across replicas', () => {
  const pooled = mmc(16, LAMBDA, MU).meanWait;
  const perReplica = mmc(4, LAMBDA / 4, MU).meanWait;

  it('least-request (the default) behaves as one pooled M/M/16', () => {
    const d = run(undefined);
    expect(run('least-request').mean).toBe(d.mean);
    expect(Math.abs(d.mean - S - pooled) / pooled).toBeLessThan(0.02);
  });

  it('random: each replica is its own M/M/4 (Erlang C), ~5.4x the pooled wait', () => {
    const w = run('random').mean - S;
    expect(Math.abs(w - perReplica) / perReplica).toBeLessThan(0.05);
    expect(w / pooled).toBeGreaterThan(5.2);
    expect(w / pooled).toBeLessThan(5.6);
  });

  it('round-robin: within 15% of the DES ratio to the pooled wait', () => {
    const ratio = (run('round-robin').mean - S) / pooled;
    expect(Math.abs(ratio - DES_ROUND_ROBIN_RATIO) / DES_ROUND_ROBIN_RATIO).toBeLessThan(0.15);
  });
});

describe('one replica that differs', () => {
  // 4 replicas x 50 threads, 20 ms, 400 req/s: every replica at rho .04; the slow one (x10) at .4.
  function slow(balancer: Balancer, params: Record<string, number> | null, type = 'latency') {
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'load', kind: 'client', stages: [{ duration: 600, target: 400 }], noise: 0 },
          {
            id: 'svc',
            kind: 'service',
            replicas: 4,
            concurrency: 50,
            serviceTime: 0.02,
            cpuPerRequest: 0,
            memoryLimitMb: 1e9,
            balancer,
          },
        ],
        edges: [{ from: 'load', to: 'svc', timeout: 36_000 }],
        ...(params ? { faults: [{ at: 100, target: 'svc', type, params }] } : {}),
      } as TopologyInput),
    );
    sim.runUntil(600);
    const m = sim.metrics;
    const at = (name: string) => m.latest(m.find(name, 'svc'));
    return {
      mean: at('latency_mean'),
      p50: at('latency_p50'),
      p99: at('latency_p99'),
      err: at('error_ratio'),
    };
  }

  it.each(['random', 'round-robin'] as const)(
    '%s: a quarter of the requests are slow; p99 moves far more than p50',
    (balancer) => {
      const base = slow(balancer, null);
      const one = slow(balancer, { factor: 10, replicas: 1 });
      // Mean of the mixture 0.75 x 20 ms + 0.25 x 200 ms = 65 ms: the slow replica takes its quarter.
      expect(one.mean).toBeCloseTo(0.065, 3);
      expect(one.p99 / base.p99).toBeGreaterThan(5); // 0.25 e^{-t/0.2} = 0.01: 644 ms vs 92 ms
      expect(one.p50 / base.p50).toBeLessThan(1.6); // 20 ms vs 14 ms
      // The whole service slow moves p50 as much as p99.
      const all = slow(balancer, { factor: 10 });
      expect(all.p50 / base.p50).toBeCloseTo(10, 1);
    },
  );

  it('least-request sends the slow replica less: a smaller mean and p99 than random', () => {
    const lr = slow('least-request', { factor: 10, replicas: 1 });
    const rnd = slow('random', { factor: 10, replicas: 1 });
    // Shares by capacity: 1/0.2 / (1/0.2 + 3/0.02) = 3.2% of the requests.
    expect(lr.mean).toBeCloseTo(0.968 * 0.02 + 0.032 * 0.2, 3);
    expect(lr.p99).toBeLessThan(rnd.p99 / 2);
    expect(lr.p99).toBeGreaterThan(2 * slow('least-request', null).p99);
  });

  it('an error-rate fault on one replica of 4 fails a quarter of the requests', () => {
    expect(slow('random', { rate: 1, replicas: 1 }, 'error-rate').err).toBeCloseTo(0.25, 3);
    expect(slow('least-request', { rate: 1, replicas: 1 }, 'error-rate').err).toBeCloseTo(0.25, 3);
  });
});
