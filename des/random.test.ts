import { describe, expect, it } from 'vitest';
import { sample, scv, streamRng, type Dist } from './random';
import { mean, variance } from './stats';

describe('sampling', () => {
  it('each distribution has its stated mean and coefficient of variation', () => {
    const dists: Dist[] = [
      { kind: 'exponential', mean: 0.1 },
      { kind: 'deterministic', mean: 0.1 },
      { kind: 'erlang', mean: 0.1, k: 4 },
      { kind: 'lognormal', mean: 0.1, cv: 1.5 },
    ];
    for (const d of dists) {
      const rng = streamRng(5, 1);
      const xs = Float64Array.from({ length: 200_000 }, () => sample(rng, d));
      expect(xs.every((x) => x > 0)).toBe(true);
      expect(mean(xs) / d.mean).toBeCloseTo(1, 1);
      const cv2 = variance(xs) / mean(xs) ** 2;
      expect(Math.abs(cv2 - scv(d))).toBeLessThan(0.1 * Math.max(1, scv(d)));
    }
  });

  it('streams of one seed are independent of each other and reproducible', () => {
    const a = streamRng(9, 0);
    const b = streamRng(9, 1);
    const a2 = streamRng(9, 0);
    const xs = Array.from({ length: 4 }, () => a.next());
    expect(Array.from({ length: 4 }, () => a2.next())).toEqual(xs);
    expect(Array.from({ length: 4 }, () => b.next())).not.toEqual(xs);
    expect(streamRng(10, 0).next()).not.toBe(xs[0]);
  });
});
