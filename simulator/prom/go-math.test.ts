import { describe, expect, it } from 'vitest';
import { fma, frexp, goExp, goLog, goLog10, goLog2, goPow, ldexp } from './go-math';

describe("Go's math functions", () => {
  it('fma rounds once', () => {
    // 0.1 * 10 is 1 + 2^-54 exactly; a separate multiply rounds that to 1.
    expect(0.1 * 10 - 1).toBe(0);
    expect(fma(0.1, 10, -1)).toBe(2 ** -54);
    expect(fma(3, 4, 5)).toBe(17);
    expect(fma(1e308, 10, -Infinity)).toBe(-Infinity);
  });

  it('frexp and ldexp split and rebuild a float', () => {
    expect(frexp(8)).toEqual([0.5, 4]);
    expect(frexp(-3)).toEqual([-0.75, 2]);
    expect(frexp(5e-324)).toEqual([0.5, -1073]);
    expect(ldexp(0.5, 4)).toBe(8);
    expect(ldexp(0.5, -1073)).toBe(5e-324);
    expect(ldexp(0.5, 2000)).toBe(Infinity);
  });

  it('pow follows Go special cases', () => {
    expect(goPow(1, NaN)).toBe(1);
    expect(goPow(-1, Infinity)).toBe(1);
    expect(goPow(-8, 1 / 3)).toBeNaN();
    expect(goPow(2, 10)).toBe(1024);
    expect(goPow(2, -2)).toBe(0.25);
    expect(goPow(2, 0.5)).toBe(Math.SQRT2);
    expect(goPow(-0, -3)).toBe(-Infinity);
  });

  it('exp and log are accurate to the last bit or so', () => {
    for (const x of [-700, -20, -1, -1e-9, 0, 1e-9, 0.5, 1, 3, 50, 700]) {
      expect(Math.abs(goExp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(3e-16);
    }
    for (const x of [1e-300, 0.1, 0.7, 1, 2, Math.E, 1e10, 1e300]) {
      expect(Math.abs(goLog(x) - Math.log(x))).toBeLessThanOrEqual(Math.abs(Math.log(x)) * 3e-16);
    }
    expect(goLog2(8)).toBe(3);
    expect(goLog10(1000)).toBeCloseTo(3, 15);
    expect(goExp(710)).toBe(Infinity);
    expect(goExp(-Infinity)).toBe(0);
    expect(goLog(0)).toBe(-Infinity);
    expect(goLog(-1)).toBeNaN();
  });
});
