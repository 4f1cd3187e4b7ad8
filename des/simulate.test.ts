import { describe, expect, it } from 'vitest';
import { Outcome, type NodeSpec, type SystemModel } from './model';
import { simulate } from './simulate';
import { agrees, steadyState } from './steady';
import { replicate } from './stats';
import { mmc, mmck } from './theory';

const MU = 10;
const exp100ms = { kind: 'exponential', mean: 0.1 } as const;

function single(c: number, lambda: number, extra: Partial<NodeSpec> = {}): SystemModel {
  return {
    nodes: [{ name: 'svc', threads: c, service: exp100ms, ...extra }],
    entry: 'svc',
    arrivalRate: lambda,
  };
}

describe('steady state vs closed forms', () => {
  for (const [c, rho, duration] of [
    [1, 0.8, 40_000],
    [4, 0.8, 12_000],
  ] as const) {
    it(`M/M/${c} at rho ${rho}: mean wait and p99 response match Erlang C within the CI`, () => {
      const lambda = rho * c * MU;
      const th = mmc(c, lambda, MU);
      const s = steadyState(single(c, lambda), { duration, warmup: 100, seed: 7 });
      // The CI must be tight enough to mean something, and the theory must sit inside it (2 half-widths).
      expect(s.meanWait.halfWidth / th.meanWait).toBeLessThan(0.08);
      expect(agrees(s.meanWait, th.meanWait)).toBe(true);
      expect(s.p99Response.halfWidth / th.responseQuantile(0.99)).toBeLessThan(0.07);
      expect(agrees(s.p99Response, th.responseQuantile(0.99))).toBe(true);
      expect(agrees(s.p50Response, th.responseQuantile(0.5))).toBe(true);
    });
  }

  it('M/M/1/K and M/M/2/K: blocking probability and mean number match the stationary law', () => {
    for (const [c, K, lambda] of [
      [1, 10, 9],
      [2, 6, 22],
    ] as const) {
      const th = mmck(c, K, lambda, MU);
      const s = steadyState(single(c, lambda, { capacity: K }), { duration: 20_000, warmup: 50, seed: 3 });
      expect(agrees(s.blocking, th.blocking)).toBe(true);
      expect(s.blocking.halfWidth / th.blocking).toBeLessThan(0.1);
      expect(s.inSystem[0]!).toBeGreaterThan(th.l * 0.97);
      expect(s.inSystem[0]!).toBeLessThan(th.l * 1.03);
      expect(agrees(s.meanResponse, th.meanResponse)).toBe(true);
    }
  });

  it("Little's law: time-average L = admitted rate x mean residence, at every node", () => {
    const model: SystemModel = {
      nodes: [
        { name: 'a', threads: 4, capacity: 12, service: exp100ms, calls: [{ target: 'b' }] },
        { name: 'b', threads: 2, service: { kind: 'lognormal', mean: 0.05, cv: 2 } },
      ],
      entry: 'a',
      arrivalRate: 25,
    };
    const run = simulate(model, { duration: 5000, seed: 5, bucket: 10 });
    for (const n of run.nodes) {
      const l = n.area.reduce((s, a) => s + a, 0) / run.duration;
      const lambdaAdmitted = (n.offered - n.rejected) / run.duration;
      const w = n.residenceSum / n.finished;
      expect(l).toBeGreaterThan(0.3);
      expect(Math.abs(l - lambdaAdmitted * w) / l).toBeLessThan(0.01);
    }
    expect(run.nodes[0]!.rejected).toBeGreaterThan(0); // the finite buffer is exercised
  });
});

describe('load balancing across replicas', () => {
  it('4 x M/M/4 round-robin waits longer than one pooled M/M/16; least-outstanding sits in between', () => {
    const lambda = 0.9 * 16 * MU;
    const waitWith = (replicas: number, threads: number, balancer: NodeSpec['balancer']) =>
      steadyState(single(threads, lambda, { replicas, balancer }), { duration: 1500, warmup: 50, seed: 9 })
        .meanWait;
    const pooled = waitWith(1, 16, 'round-robin');
    const rr = waitWith(4, 4, 'round-robin');
    const lo = waitWith(4, 4, 'least-outstanding');
    const rnd = waitWith(4, 4, 'random');
    expect(agrees(pooled, mmc(16, lambda, MU).meanWait)).toBe(true);
    // Random splitting makes each replica an M/M/4 (Poisson thinning): ~5.3x the pooled wait.
    expect(agrees(rnd, mmc(4, lambda / 4, MU).meanWait)).toBe(true);
    // Round-robin smooths each replica's arrivals (Erlang-4 gaps), so it beats random but not pooling.
    expect(rr.hi).toBeLessThan(rnd.lo);
    expect(pooled.hi).toBeLessThan(rr.lo / 2);
    // Joining the shortest queue recovers most of the pooling gain, but can't beat one shared queue.
    expect(lo.hi).toBeLessThan(rr.lo);
    expect(lo.value).toBeGreaterThan(pooled.value);
  });
});

describe('determinism', () => {
  const model: SystemModel = {
    nodes: [
      {
        name: 'a',
        threads: 2,
        replicas: 3,
        capacity: 6,
        balancer: 'random',
        service: exp100ms,
        calls: [{ target: 'b', timeout: 0.3 }],
      },
      {
        name: 'b',
        threads: 1,
        capacity: 5,
        service: { kind: 'erlang', mean: 0.05, k: 3 },
        errorProbability: 0.2,
      },
    ],
    entry: 'a',
    arrivalRate: 55,
    client: { timeout: 1, retry: { maxAttempts: 2, backoffBase: 0.05, jitter: 'full' } },
  };
  it('the same seed gives identical records; another seed does not', () => {
    const a = simulate(model, { duration: 300, seed: 1 });
    const b = simulate(model, { duration: 300, seed: 1 });
    const c = simulate(model, { duration: 300, seed: 2 });
    expect(b.requests.count).toBe(a.requests.count);
    expect(b.events).toBe(a.events);
    expect(Array.from(b.requests.response)).toEqual(Array.from(a.requests.response));
    expect(Array.from(b.requests.outcome)).toEqual(Array.from(a.requests.outcome));
    expect(b.nodes).toEqual(a.nodes);
    expect(Array.from(c.requests.arrival.subarray(0, 100))).not.toEqual(
      Array.from(a.requests.arrival.subarray(0, 100)),
    );
    // All four outcomes occur, so the comparison above covers every path.
    const seen = new Set(a.requests.outcome);
    expect([...seen].sort()).toEqual(Object.values(Outcome).sort());
  });
});

describe('time series', () => {
  it('buckets by arrival time, and replicate() averages them over seeds', () => {
    const rep = replicate(
      (seed) => simulate(single(4, 32), { duration: 200, seed, bucket: 10 }).series,
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    const th = mmc(4, 32, MU);
    expect(rep.runs).toBe(8);
    expect(rep.mean.t.length).toBe(20);
    expect(rep.mean.t[3]).toBe(30);
    // Throughput by arrival bucket is the arrival rate (nothing is lost); L is Little's lambda W.
    const avg = (xs: Float64Array) => xs.slice(2).reduce((s, x) => s + x, 0) / (xs.length - 2);
    expect(avg(rep.mean.throughput)).toBeCloseTo(32, 0);
    expect(avg(rep.mean.inSystem[0]!) / th.l).toBeGreaterThan(0.9);
    expect(avg(rep.mean.inSystem[0]!) / th.l).toBeLessThan(1.1);
    expect(avg(rep.mean.p99Response)).toBeGreaterThan(avg(rep.mean.p50Response));
    expect(rep.halfWidth.meanWait.every((h) => h > 0)).toBe(true);
  });
});
