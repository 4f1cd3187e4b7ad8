/**
 * A single M/M/c node in steady state must agree with queueing theory.
 *
 * c servers, arrival rate lambda, mean service time s (mu = 1/s), offered load a = lambda s, rho = a/c.
 *   Erlang B:  B(0) = 1,  B(k) = a B(k-1) / (k + a B(k-1))
 *   Erlang C:  C(c, a) = c B(c) / (c - a (1 - B(c)))      probability that an arrival waits
 *   Mean wait: Wq = C(c, a) / (c mu - lambda)
 *   Response T = Wq + S:
 *     P[T > t] = (1 - C) e^{-mu t} + C (theta e^{-mu t} - mu e^{-theta t}) / (theta - mu),  theta = c mu - lambda
 *   p99 is the t with P[T > t] = 0.01 (found here by bisection, independently of the engine).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';
import { makeScenario } from './testing';

function erlangC(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

function responseSurvival(t: number, c: number, lambda: number, mu: number): number {
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  const g =
    Math.abs(theta - mu) < 1e-12
      ? (1 + mu * t) * Math.exp(-mu * t)
      : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
  return (1 - C) * Math.exp(-mu * t) + C * g;
}

function p99(c: number, lambda: number, mu: number): number {
  let lo = 0;
  let hi = 1000 / mu;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (responseSurvival(mid, c, lambda, mu) > 0.01) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('M/M/c steady state vs Erlang C', () => {
  const s = 0.1;
  for (const c of [1, 4, 16]) {
    for (const rho of [0.5, 0.8, 0.9]) {
      it(`c=${c}, utilisation ${rho}: mean wait and p99 within 2%`, () => {
        const lambda = (rho * c) / s;
        const sim = createSimulation(
          makeScenario({
            nodes: [
              { id: 'load', kind: 'client', stages: [{ duration: '1h', target: lambda }], noise: 0 },
              {
                id: 'node',
                kind: 'service',
                replicas: 1,
                concurrency: c,
                serviceTime: s,
                cpuPerRequest: 0,
                queueLimit: 1_000_000,
              },
            ],
            edges: [{ from: 'load', to: 'node' }],
          }),
        );
        sim.runUntil(300);
        const m = sim.metrics;
        const meanWait = m.latest(m.find('latency_mean', 'node')) - s;
        const expectedWait = erlangC(c, lambda * s) / (c / s - lambda);
        expect(Math.abs(meanWait - expectedWait) / expectedWait).toBeLessThan(0.02);
        const expectedP99 = p99(c, lambda, 1 / s);
        const gotP99 = m.latest(m.find('latency_p99', 'node'));
        expect(Math.abs(gotP99 - expectedP99) / expectedP99).toBeLessThan(0.02);
        expect(m.latest(m.find('throughput', 'node'))).toBeCloseTo(lambda, 6);
      });
    }
  }
});

describe('the default noise does not inflate the queueing maths', () => {
  it('M/M/1 at rho 0.9 (mu = 10/s) with the default noise: mean wait 0.9 s (Erlang C) within 2%', () => {
    // The shared reproduction mmc-c1-rho90-n03.json with its client's `noise` left at the default.
    const scenario = makeScenario({
      id: 'mmc-c1-rho90-default-noise',
      duration: '2h',
      seed: 1,
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: '2h', target: 9 }] },
        {
          id: 'svc',
          kind: 'service',
          replicas: 1,
          concurrency: 1,
          serviceTime: 0.1,
          cpuPerRequest: 0,
          queueLimit: 1_000_000,
        },
      ],
      edges: [{ from: 'load', to: 'svc', timeout: '10m' }],
    });
    const sim = createSimulation(scenario);
    const m = sim.metrics;
    const mean = m.find('latency_mean', 'svc');
    let total = 0;
    let ticks = 0;
    while (sim.time < 7200) {
      sim.step();
      total += m.latest(mean) - 0.1;
      ticks++;
    }
    const expectedWait = erlangC(1, 0.9) / (10 - 9); // 0.9 s
    expect(expectedWait).toBeCloseTo(0.9, 12);
    expect(Math.abs(total / ticks - expectedWait) / expectedWait).toBeLessThan(0.02);
  });
});
