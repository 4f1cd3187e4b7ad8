import { describe, expect, it } from 'vitest';
import { erlangBLarge, log1pMinusX } from './erlang-b';

/** The recursion B(k) = a B(k-1) / (k + a B(k-1)) from k = 0, as the engine runs it up to 256 servers. */
function recursion(n: number, a: number): number {
  let invB = 1;
  for (let k = 1; k <= n; k++) {
    invB = 1 + (k / a) * invB;
    if (invB > 1e300) return 0;
  }
  return 1 / invB;
}

/**
 * B(n, a) to ~1e-25 from 1/B = sum_j n! / ((n-j)! a^j) in 60-digit fixed point (BigInt), a given
 * as thousandths so it is exact. About 10 sqrt(n) terms near the load: 100,000 at 1e8 servers.
 */
function reference(n: number, aThousandths: number): number {
  const scale = 10n ** 60n;
  const num = BigInt(aThousandths);
  const servers = BigInt(n);
  let term = scale;
  let sum = scale;
  for (let j = 0n; j < servers; j++) {
    term = (term * (servers - j) * 1000n) / num;
    sum += term;
    // Past the peak (ratio below 1) and negligible: stop.
    if ((servers - j) * 1000n < num && term * 10n ** 25n < sum) break;
  }
  return 1e60 / Number(sum);
}

const relative = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

describe('log1pMinusX', () => {
  it('matches the Taylor series near 0 and the plain difference farther out, to a few ulps', () => {
    const taylor = (v: number) => {
      let sum = 0;
      for (let k = 80; k >= 2; k--) sum = sum * v + (k % 2 === 0 ? -1 : 1) / k;
      return sum * v * v;
    };
    for (const v of [-0.49, -0.3, -0.1, -0.01, -1e-5, -1e-9, 1e-12, 1e-6, 1e-3, 0.05, 0.1, 0.3, 0.49]) {
      expect(relative(log1pMinusX(v), taylor(v)), String(v)).toBeLessThan(1e-15);
    }
    for (const v of [-0.9, -0.5, 0.5, 2, 1e6]) {
      expect(log1pMinusX(v)).toBe(Math.log1p(v) - v);
    }
  });
});

describe('Erlang B for many servers', () => {
  it('matches the recursion to 1e-12 from 257 to 10,000 servers, at every load', () => {
    let worst = 0;
    for (const n of [257, 300, 512, 1000, 2500, 5000, 10_000]) {
      const r = Math.sqrt(n);
      const loads = [
        0.5 * n,
        0.8 * n,
        0.95 * n,
        1.05 * n,
        1.2 * n,
        1.5 * n,
        1.99 * n,
        2 * n,
        3 * n,
        10 * n,
        1e3 * n,
      ];
      for (let k = -12; k <= 12; k += 0.5) loads.push(n + k * r);
      for (const a of loads) {
        const exact = recursion(n, a);
        const fast = erlangBLarge(n, a);
        // Where the recursion underflows (B below 1e-300), both say 0 or next to it.
        if (exact < 1e-290) expect(fast, `n=${n} a=${a}`).toBeLessThan(1e-280);
        else worst = Math.max(worst, relative(fast, exact));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('matches high-precision values to 1e-12 up to 1e8 servers', () => {
    const cases: [number, number[]][] = [
      [100_000, [-12, -9, -6, -3, -1, 0, 1, 3, 6, 12, 50, 400]],
      [1_000_000, [-10, -4, 0, 0.5, 4, 10, 100]],
      [100_000_000, [-9, -2, 0, 3, 30]],
    ];
    for (const [n, offsets] of cases) {
      for (const k of offsets) {
        // a = n + k sqrt(n), in whole thousandths so the reference takes it exactly.
        const thousandths = Math.round((n + k * Math.sqrt(n)) * 1000);
        const a = thousandths / 1000;
        expect(relative(erlangBLarge(n, a), reference(n, thousandths)), `n=${n} a=${a}`).toBeLessThan(1e-12);
      }
    }
  });

  it('far above the load is the short series, far below it is 0', () => {
    for (const a of [4e4, 1e6, 1e9])
      expect(relative(erlangBLarge(20_000, a), recursion(20_000, a))).toBeLessThan(1e-14);
    expect(erlangBLarge(1e8, 5e7)).toBe(0);
    expect(erlangBLarge(1e8, 0)).toBe(0);
  });
});
