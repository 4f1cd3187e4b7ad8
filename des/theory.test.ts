import { describe, expect, it } from 'vitest';
import { erlangC as engineErlangC } from '../simulator/engine/queueing';
import {
  erlangC,
  hypoexponential,
  mm1kArrivalResponse,
  mm1kTransient,
  mmc,
  mmck,
  mmcStationary,
  mmcTransientWait,
} from './theory';

describe('theory', () => {
  it('Erlang C agrees with the engine and with the M/M/1 special case', () => {
    for (const c of [1, 2, 4, 16, 64]) {
      for (const rho of [0.1, 0.5, 0.8, 0.9, 0.99]) {
        expect(erlangC(c, rho * c)).toBeCloseTo(engineErlangC(c, rho * c), 10);
      }
    }
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });

  it('M/M/1: Wq = rho/(mu - lambda), response ~ Exp(mu - lambda)', () => {
    const m = mmc(1, 8, 10);
    expect(m.meanWait).toBeCloseTo(0.4, 12);
    expect(m.responseQuantile(0.99)).toBeCloseTo(Math.log(100) / 2, 8);
    expect(m.responseQuantile(0.5)).toBeCloseTo(Math.log(2) / 2, 8);
    expect(m.waitQuantile(0.99)).toBeCloseTo(Math.log(0.8 / 0.01) / 2, 10);
    expect(m.waitQuantile(0.1)).toBe(0); // 20% never wait
  });

  it('M/M/c/K: geometric for c = 1, and tends to M/M/c as K grows', () => {
    const rho = 0.9;
    const K = 10;
    const q = mmck(1, K, 9, 10);
    for (let n = 0; n <= K; n++) {
      expect(q.p[n]!).toBeCloseTo(((1 - rho) * rho ** n) / (1 - rho ** (K + 1)), 12);
    }
    expect(q.blocking).toBeCloseTo(q.p[K]!, 15);
    const big = mmck(4, 2000, 36, 10);
    const inf = mmc(4, 36, 10);
    expect(big.blocking).toBeLessThan(1e-12);
    expect(big.meanWait).toBeCloseTo(inf.meanWait, 8);
    expect(big.l).toBeCloseTo(inf.l, 6);
  });

  it('M/M/1/K transient starts empty and converges to the stationary law', () => {
    const K = 20;
    const early = mm1kTransient(K, 9, 10, 1e-9);
    expect(early[0]).toBeCloseTo(1, 6);
    const late = mm1kTransient(K, 9, 10, 500);
    const st = mmck(1, K, 9, 10);
    for (let n = 0; n <= K; n++) expect(late[n]!).toBeCloseTo(st.p[n]!, 8);
    expect(mm1kArrivalResponse(K, 9, 10, 500)).toBeCloseTo(st.meanResponse, 6);
    // Starting empty, arrivals at t = 300 see less than the steady state at rho = 1.
    expect(mm1kArrivalResponse(100, 10, 10, 300)).toBeLessThan(mmck(1, 100, 10, 10).meanResponse);
  });

  it('hypoexponential matches the partial-fraction formula and Erlang-2', () => {
    const rates = [100, 40, 20];
    const h = hypoexponential(rates);
    const pf = (t: number) =>
      rates.reduce((s, ri, i) => {
        const coef = rates.reduce((p, rj, j) => (j === i ? p : (p * rj) / (rj - ri)), 1);
        return s + coef * Math.exp(-ri * t);
      }, 0);
    for (const t of [0.01, 0.05, 0.1, 0.3]) expect(h.survival(t)).toBeCloseTo(pf(t), 10);
    const e2 = hypoexponential([10, 10]);
    for (const t of [0.05, 0.2, 1]) expect(e2.survival(t)).toBeCloseTo((1 + 10 * t) * Math.exp(-10 * t), 10);
    const chain = hypoexponential([100, 100, 20]);
    expect(chain.mean).toBeCloseTo(0.07, 12);
    expect(chain.quantile(0.99)).toBeCloseTo(0.2526, 3);
  });

  it('M/M/c transient wait: stays at Erlang C from the stationary state, relaxes to the new one after a step', () => {
    for (const c of [1, 4]) {
      const still = mmcTransientWait(c, mmcStationary(c, 0.8 * c * 10, 10, 400), 0.8 * c * 10, 10, 2, 0.5);
      for (const w of still) expect(w).toBeCloseTo(mmc(c, 0.8 * c * 10, 10).meanWait, 8);
      const step = mmcTransientWait(c, mmcStationary(c, 0.5 * c * 10, 10, 400), 0.8 * c * 10, 10, 150, 1);
      expect(step[0]).toBeCloseTo(mmc(c, 0.5 * c * 10, 10).meanWait, 8);
      expect(step[150]! / mmc(c, 0.8 * c * 10, 10).meanWait).toBeCloseTo(1, 3);
      for (let t = 1; t <= 150; t++) expect(step[t]!).toBeGreaterThanOrEqual(step[t - 1]!); // rising from below
    }
  });
});
