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
