import { describe, expect, it } from 'vitest';
import { Rng, exponential } from './random';
import { batchMeans, meanCI, quantile, replicate, t975 } from './stats';

describe('stats', () => {
  it("t975 matches Student's t tables", () => {
    expect(t975(5)).toBeCloseTo(2.571, 2);
    expect(t975(19)).toBeCloseTo(2.093, 3);
    expect(t975(1000)).toBeCloseTo(1.962, 3);
  });

  it('quantile interpolates (type 7) and leaves the input alone', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0.9)).toBeCloseTo(4.6, 12);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('batch-means CIs cover the true mean about 95% of the time, and widen for correlated data', () => {
    const rng = new Rng(11);
    let covered = 0;
    const trials = 200;
    for (let k = 0; k < trials; k++) {
      const xs = Float64Array.from({ length: 2000 }, () => exponential(rng, 1));
      const e = batchMeans(xs, 20);
      if (e.lo <= 1 && 1 <= e.hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.9);
    expect(covered / trials).toBeLessThan(0.99);
    // An AR(1) sequence: naive iid CI is far too narrow, batch means is not.
    const ar = new Float64Array(100_000);
    let x = 0;
    for (let i = 0; i < ar.length; i++) ar[i] = x = 0.99 * x + rng.normal();
    expect(batchMeans(ar, 20).halfWidth).toBeGreaterThan(5 * meanCI(ar).halfWidth);
  });

  it('replicate averages arrays elementwise, skipping NaN, with a CI per element', () => {
    const r = replicate(
      (seed) => ({ x: seed, v: Float64Array.of(seed, seed === 1 ? NaN : 2 * seed) }),
      [1, 2, 3],
    );
    expect(r.runs).toBe(3);
    expect(r.mean.x).toBeCloseTo(2, 12);
    expect(Array.from(r.mean.v)).toEqual([2, 5]);
    expect(r.halfWidth.v[0]).toBeCloseTo(t975(2) * (1 / Math.sqrt(3)), 10);
  });
});
