/**
 * The transient queue state (queue-state.ts) against closed forms: its stationary figures are
 * M/M/c/K's, its fixed point is Erlang C's steady state, it conserves requests, and the wait is
 * continuous and increasing in lambda across rho = 1.
 */
import { describe, expect, it } from 'vitest';
import { erlangC } from './queueing';
import {
  ADMIT,
  BUSY,
  CAP,
  DT,
  io,
  L0,
  LAM,
  LNEW,
  LQ,
  M1,
  PBLOCK,
  PWAIT,
  QSLOTS,
  clearErlangBMemo,
  stationary,
  step,
  THR,
  V0,
  VNEW,
  X,
} from './queue-state';
import { mmcStationary, mmcTransientWait } from '../../des/theory';

/** M/M/c/K by brute force: unnormalised p_k = a^k / k! (k <= c), a^c / c! rho^(k - c) above. */
function bruteMMcK(c: number, x: number, q: number) {
  const a = c * x;
  const p: number[] = [1];
  for (let k = 1; k <= c + q; k++) p.push(p[k - 1]! * (k <= c ? a / k : x));
  const z = p.reduce((s, v) => s + v, 0);
  let busy = 0;
  let lq = 0;
  let pwait = 0;
  p.forEach((v, k) => {
    busy += (Math.min(k, c) * v) / z;
    lq += (Math.max(0, k - c) * v) / z;
    if (k >= c) pwait += v / z;
  });
  return { busy, lq, pblock: p[c + q]! / z, pwait };
}

function run(c: number, mu: number, lam: number, q: number, seconds: number, dt = 1) {
  let l = 0;
  io[X] = 0;
  for (let t = 0; t < seconds; t += dt) {
    io[LAM] = lam;
    io[L0] = l;
    io[M1] = mu;
    io[CAP] = Infinity;
    io[DT] = dt;
    io[QSLOTS] = q;
    step(c);
    l = io[LNEW]!;
  }
  return { l, wait: io[LQ]! / (mu * io[BUSY]!) };
}

describe('stationary M/M/c/K figures', () => {
  for (const [c, x, q] of [
    [1, 0.5, 10],
    [1, 1, 100],
    [1, 1.3, 50],
    [4, 0.9, 20],
    [16, 0.95, 200],
    [16, 2, 30],
    [300, 0.97, 1000],
    [300, 1.2, 500],
    [3, 0.7, 0],
  ] as const) {
    it(`c=${c}, x=${x}, Q=${q} matches the brute-force distribution`, () => {
      io[X] = x;
      io[QSLOTS] = q;
      stationary(c);
      const want = bruteMMcK(c, x, q);
      expect(io[BUSY]).toBeCloseTo(want.busy, 6);
      expect(io[LQ]! / Math.max(1, want.lq)).toBeCloseTo(want.lq / Math.max(1, want.lq), 6);
      expect(io[PBLOCK]).toBeCloseTo(want.pblock, 8);
      expect(io[PWAIT]).toBeCloseTo(want.pwait, 8);
    });
  }

  it('an unbounded queue is Erlang C', () => {
    for (const c of [1, 4, 16]) {
      io[X] = 0.9;
      io[QSLOTS] = Infinity;
      stationary(c);
      expect(io[PWAIT]).toBeCloseTo(erlangC(c, 0.9 * c), 10);
    }
  });
});

describe('the implicit step', () => {
  for (const c of [1, 4, 16]) {
    for (const rho of [0.5, 0.8, 0.9]) {
      it(`c=${c}, rho=${rho}: settles on Erlang C's mean wait (within 0.1%) and L = lambda W`, () => {
        const mu = 10;
        const lam = rho * c * mu;
        const { l, wait } = run(c, mu, lam, Infinity, 2000);
        const wq = erlangC(c, rho * c) / (c * mu - lam);
        expect(Math.abs(wait - wq) / wq).toBeLessThan(1e-3);
        expect(l).toBeCloseTo(lam * (wq + 1 / mu), 3);
      });
    }
  }

  it('conserves requests: L changes by what was admitted minus what was served', () => {
    io[X] = 0;
    let l = 3;
    for (const lam of [5, 50, 9, 0, 30]) {
      io[LAM] = lam;
      io[L0] = l;
      io[M1] = 10;
      io[CAP] = Infinity;
      io[DT] = 1;
      io[QSLOTS] = 40;
      step(2);
      expect(io[LNEW]).toBeCloseTo(l + io[ADMIT]! - io[THR]!, 12);
      l = io[LNEW]!;
    }
  });

  it('builds a queue over time instead of at once', () => {
    const early = run(1, 10, 9, Infinity, 3).wait;
    const late = run(1, 10, 9, Infinity, 300).wait;
    expect(early).toBeLessThan(0.6 * late);
    expect(late).toBeCloseTo(0.9, 2);
  });

  it('overload grows the queue at lambda - c mu and a bounded queue stops growing', () => {
    const a = run(4, 10, 48, Infinity, 100).l;
    const b = run(4, 10, 48, Infinity, 200).l;
    expect((b - a) / 100).toBeCloseTo(8, 1);
    expect(run(4, 10, 48, 300, 2000).l).toBeLessThanOrEqual(304);
  });

  it('M/M/1/100 at 300 s: wait continuous and increasing across rho = 1, near the DES (4.06, 4.96, 5.78 s)', () => {
    const series = [9.9, 10, 10.1].map((lam) => run(1, 10, lam, 99, 300).wait + 0.1);
    expect(series[0]!).toBeLessThan(series[1]!);
    expect(series[1]!).toBeLessThan(series[2]!);
    [4.06, 4.96, 5.78].forEach((des, k) => expect(Math.abs(series[k]! - des) / des).toBeLessThan(0.05));
  });

  it('a long queue under a sudden 100x overload fills to K = c + Q and no further', () => {
    let l = 16;
    io[X] = 0.4;
    for (const lam of [400, 2570, 3676, 3676, 20000]) {
      io[LAM] = lam;
      io[L0] = l;
      io[M1] = 1 / 2.4;
      io[CAP] = Infinity;
      io[DT] = 1;
      io[QSLOTS] = 4000;
      step(40);
      expect(io[LNEW]! - (io[BUSY]! + io[LQ]!)).toBeCloseTo(0, 4); // the solver converged
      expect(io[LNEW]).toBeLessThanOrEqual(4040 + 1e-6);
      l = io[LNEW]!;
    }
    expect(io[THR]).toBeCloseTo(40 / 2.4, 6);
  });

  it('a CPU cap bounds throughput below the threads', () => {
    io[X] = 0;
    let l = 0;
    for (let t = 0; t < 50; t++) {
      io[LAM] = 100;
      io[L0] = l;
      io[M1] = 10;
      io[CAP] = 60;
      io[DT] = 1;
      io[QSLOTS] = 1000;
      step(20);
      l = io[LNEW]!;
    }
    expect(io[THR]).toBeCloseTo(60, 6);
    expect(l).toBeGreaterThan(1000);
  });

  it('two moments: after a step M/M/1 .5 -> .8 the mean follows the exact law; steady state is untouched', () => {
    // Exact E[N(t)] = mu x wait of an arrival at t (c = 1), by the Kolmogorov equations.
    const exact = mmcTransientWait(1, mmcStationary(1, 5, 10, 400), 8, 10, 6, 0.5);
    for (const v0 of [0, -1]) {
      io[X] = 0.5;
      let l = 1;
      let v = 0;
      const dt = 0.1;
      const got: number[] = [];
      for (let k = 1; k <= 60; k++) {
        io[LAM] = 8;
        io[L0] = l;
        io[V0] = v0 < 0 ? -1 : v;
        io[M1] = 10;
        io[CAP] = Infinity;
        io[DT] = dt;
        io[QSLOTS] = Infinity;
        step(1);
        l = io[LNEW]!;
        v = io[VNEW]!;
        if (k % 5 === 0) got.push(l);
      }
      const err = Math.max(...got.map((x, i) => Math.abs(x - 10 * exact[i + 1]!) / (10 * exact[i + 1]!)));
      // The one-moment model (v0 < 0) runs ahead of the real queue; the two-moment one does not.
      if (v0 < 0) expect(err).toBeGreaterThan(0.08);
      else expect(err).toBeLessThan(0.04);
    }
    // At the stationary state (any tick) nothing moves and Var[N] stays the stationary one.
    io[X] = 0.8;
    io[LAM] = 8;
    io[L0] = 4;
    io[V0] = 0;
    io[M1] = 10;
    io[CAP] = Infinity;
    io[DT] = 1;
    io[QSLOTS] = Infinity;
    step(1);
    expect(io[LNEW]).toBeCloseTo(4, 9);
    expect(io[VNEW]).toBe(0);
  });
});

describe('the Erlang B memo', () => {
  const FIGURES = [BUSY, LQ, PBLOCK, PWAIT] as const;
  const figures = (n: number, x: number, q: number) => {
    io[X] = x;
    io[QSLOTS] = q;
    stationary(n);
    return FIGURES.map((k) => io[k]!);
  };
  // Servers from 1 to 20,000 (recursion, recursion from near the load, integral form), loads on
  // both sides of 1, bounded and unbounded queues.
  const cases: [number, number, number][] = [];
  for (let i = 0; i < 400; i++) {
    const n = Math.max(1, Math.round(Math.exp((i % 10) + (i % 7) / 7)));
    const x = ((i * 37) % 149) / 100 + 0.005;
    cases.push([n, x, x < 1 && i % 3 === 0 ? Infinity : 5 + (i % 50)]);
  }

  it('answers bit for bit what the recursion computes, for hits and after evictions', () => {
    clearErlangBMemo();
    const fresh = cases.map(([n, x, q]) => {
      clearErlangBMemo();
      return figures(n, x, q);
    });
    clearErlangBMemo();
    const first = cases.map(([n, x, q]) => figures(n, x, q)); // fills (and evicts)
    const again = cases.map(([n, x, q]) => figures(n, x, q)); // hits where still present
    for (let i = 0; i < cases.length; i++) {
      expect(first[i], `case ${cases[i]!.join(', ')}`).toEqual(fresh[i]);
      expect(again[i], `case ${cases[i]!.join(', ')}`).toEqual(fresh[i]);
    }
  });

  it('tells apart two server counts at the same offered load', () => {
    clearErlangBMemo();
    // a = n x is 6 for both: a memo keyed by a alone would answer the first for the second.
    const twelve = figures(12, 1 / 2, Infinity);
    const twentyFour = figures(24, 1 / 4, Infinity);
    clearErlangBMemo();
    expect(figures(24, 1 / 4, Infinity)).toEqual(twentyFour);
    expect(figures(12, 1 / 2, Infinity)).toEqual(twelve);
    expect(twelve).not.toEqual(twentyFour);
  });
});
