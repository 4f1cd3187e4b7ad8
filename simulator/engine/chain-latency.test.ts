/**
 * End-to-end latency along synchronous call chains combines distributions (cumulants of each
 * hop's response time, capacity.ts), not quantiles: summing hop quantiles put the caller's p99 of
 * A -> B -> C (10/10/50 ms) 28% high and its p50 14% low. References: the exact hypoexponential
 * law at negligible load, the reference DES (des/) with queueing at every hop.
 */
import { describe, expect, it } from 'vitest';
import { steadyState } from '../../des/steady';
import type { SystemModel } from '../../des/model';
import { hypoexponential } from '../../des/theory';
import { createSimulation } from './index';
import { makeScenario } from './testing';

/** Engine run of client -> hop 0 -> hop 1 -> ...: the caller's (hop 0's) p50 and p99. */
function engineChain(means: number[], lambda: number, threads: number[]): { p50: number; p99: number } {
  const names = means.map((_, i) => String.fromCharCode(65 + i));
  const sim = createSimulation(
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: 300, target: lambda }], noise: 0 },
        ...names.map((id, i) => ({
          id,
          kind: 'service' as const,
          replicas: 1,
          concurrency: threads[i]!,
          serviceTime: means[i]!,
          cpuPerRequest: 0,
        })),
      ],
      edges: [
        { from: 'load', to: 'A', timeout: 60 },
        ...names.slice(1).map((to, i) => ({ from: names[i]!, to, timeout: 60 })),
      ],
    }),
  );
  sim.runUntil(300);
  const m = sim.metrics;
  return { p50: m.latest(m.find('latency_p50', 'A')), p99: m.latest(m.find('latency_p99', 'A')) };
}

describe('call-chain latency at negligible load vs the exact hypoexponential law', () => {
  for (const means of [
    [0.01, 0.01, 0.05],
    [0.05, 0.05, 0.05],
    [0.001, 0.001, 0.1],
    [0.05, 0.01, 0.01],
    [0.01, 0.05],
    [0.01, 0.01, 0.01, 0.05],
  ]) {
    it(`${means.map((s) => s * 1000).join('/')} ms: caller p50 and p99 within 10%`, () => {
      const law = hypoexponential(means.map((m) => 1 / m));
      // 1 request/s on 64 threads: no queueing anywhere.
      const got = engineChain(
        means,
        1,
        means.map(() => 64),
      );
      expect(Math.abs(got.p50 / law.quantile(0.5) - 1)).toBeLessThan(0.1);
      expect(Math.abs(got.p99 / law.quantile(0.99) - 1)).toBeLessThan(0.1);
    });
  }
});

describe('call-chain latency with queueing vs the reference DES', () => {
  // The leaf queues (M/M/c at rho 0.8); its callers hold a thread per call and have threads to
  // spare, so the chain's law is the DES's, not the fluid model's blocking of nested pools.
  for (const [means, threads, lambda] of [
    [[0.01, 0.01, 0.05], [64, 64, 2], 32],
    [[0.01, 0.05], [64, 1], 16],
    [[0.02, 0.02, 0.02, 0.1], [64, 64, 64, 4], 32],
  ] as [number[], number[], number][]) {
    it(`${means.map((s) => s * 1000).join('/')} ms, leaf M/M/${threads.at(-1)} at rho 0.8: caller p50 and p99 within 10%`, () => {
      const model: SystemModel = {
        nodes: means.map((m, i) => ({
          name: String.fromCharCode(65 + i),
          threads: threads[i]!,
          service: { kind: 'exponential', mean: m },
          ...(i + 1 < means.length ? { calls: [{ target: String.fromCharCode(66 + i) }] } : {}),
        })),
        entry: 'A',
        arrivalRate: lambda,
      };
      const des = steadyState(model, { duration: 10_000, warmup: 200, seed: 11 });
      const got = engineChain(means, lambda, threads);
      expect(Math.abs(got.p50 / des.p50Response.value - 1)).toBeLessThan(0.1);
      expect(Math.abs(got.p99 / des.p99Response.value - 1)).toBeLessThan(0.1);
    });
  }
});

describe('a full bounded queue in front of a hung call', () => {
  it('reports quantiles no longer than the longest possible response (queue + timeout)', () => {
    // a: 10 threads, 40 queue slots; every call to x hangs until its 10 s timeout. A request
    // waits at most the full queue (40 / (10 threads / 10 s) = 40 s), then holds a thread 10 s.
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 50 }] },
          { id: 'a', kind: 'service', replicas: 1, concurrency: 10, queueLimit: 40, serviceTime: 0.01 },
          { id: 'x', kind: 'external', latency: 0.05 },
        ],
        edges: [
          { from: 'users', to: 'a', timeout: 600 },
          { from: 'a', to: 'x', timeout: 10 },
        ],
        faults: [{ at: 60, target: 'x', type: 'dependency-outage', params: { mode: 'timeouts' } }],
      }),
    );
    sim.runUntil(600);
    const at = (metric: string) => sim.metrics.latest(sim.metrics.find(metric, 'a'));
    const longest = 40 + 10 + 0.01 * 4.6;
    expect(at('latency_mean')).toBeGreaterThan(0.9 * 50); // everyone waits the full queue
    expect(at('latency_p50')).toBeLessThanOrEqual(longest * 1.01);
    expect(at('latency_p99')).toBeLessThanOrEqual(longest * 1.01);
  });
});
