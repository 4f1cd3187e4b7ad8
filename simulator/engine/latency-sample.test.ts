import { describe, expect, it } from 'vitest';
import { latencyCdf, latencyQuantile } from './latency-sample';

describe('latency distribution', () => {
  const cases: [number, number, number][] = [
    [0.02, 0.05, 0.12],
    [0.3, 0.3, 0.9], // p50 = p95: a flat piece
    [0.1, 0.4, 0.4], // p95 = p99
    [1, 2, 30],
  ];
  it('has the engine quantiles where they are', () => {
    for (const [a, b, c] of cases) {
      expect(latencyQuantile(a, b, c, 0.5)).toBeCloseTo(a, 12);
      expect(latencyCdf(a, b, c, a)).toBeCloseTo(b > a ? 0.5 : 0.95, 12);
      if (c > b) expect(latencyCdf(a, b, c, c)).toBeCloseTo(0.99, 12);
    }
  });
  it('CDF inverts the quantile function everywhere it is strictly increasing', () => {
    for (const [a, b, c] of cases)
      for (let u = 0.001; u < 1; u += 0.0137) {
        const x = latencyQuantile(a, b, c, u);
        const flat = (u >= 0.5 && u < 0.95 && a === b) || (u >= 0.95 && b === c) || x >= 3 * c;
        if (!flat) expect(latencyCdf(a, b, c, x)).toBeCloseTo(u, 9);
      }
  });
  it('CDF is a CDF: 0 below the support, non-decreasing, 1 at the cap', () => {
    for (const [a, b, c] of cases) {
      expect(latencyCdf(a, b, c, 0)).toBe(0);
      let prev = 0;
      for (let x = 0; x < 4 * c; x += c / 97) {
        const f = latencyCdf(a, b, c, x);
        expect(f).toBeGreaterThanOrEqual(prev);
        expect(f).toBeLessThanOrEqual(1);
        prev = f;
      }
      expect(latencyCdf(a, b, c, 3 * c)).toBe(1);
    }
  });

  // A client whose requests mostly fail at once (thread-exhaustion's users: 99.75% rejected, p50 = 0,
  // p99 = 10 s) still has its slow tail; the histogram built from this CDF must keep it.
  it('keeps the tail when the median is 0 (most requests fail at once)', () => {
    expect(latencyCdf(0, 0.94, 1.24, 0)).toBeCloseTo(0.5, 12);
    expect(latencyCdf(0, 0.94, 1.24, 0.47)).toBeCloseTo(0.725, 12);
    expect(latencyCdf(0, 0.94, 1.24, 0.94)).toBeCloseTo(0.95, 12);
    expect(latencyCdf(0, 0.94, 1.24, 1.24)).toBeCloseTo(0.99, 12);
    expect(latencyCdf(0, 0, 10, 0)).toBeCloseTo(0.95, 12);
    expect(latencyCdf(0, 0, 10, 5)).toBeCloseTo(0.97, 12);
    expect(latencyCdf(0, 0, 10, 10)).toBe(1);
    expect(latencyCdf(0, 0, 0, 0)).toBe(1);
    expect(latencyCdf(0, 0.94, 1.24, -1)).toBe(0);
    for (const [b, c] of [
      [0.94, 1.24],
      [0, 10],
    ] as const)
      for (let u = 0.001; u < 0.99; u += 0.0137) {
        const x = latencyQuantile(0, b, c, u);
        expect(latencyCdf(0, b, c, x)).toBeGreaterThanOrEqual(u - 1e-9);
        if (x > 0) expect(latencyCdf(0, b, c, x)).toBeCloseTo(u, 9);
      }
  });
});
