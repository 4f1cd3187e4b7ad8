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
});
