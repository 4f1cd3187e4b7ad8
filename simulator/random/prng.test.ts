import { describe, expect, it } from 'vitest';
import { Rng } from './prng';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0,1) with mean 1/2 and normals with variance 1', () => {
    const r = new Rng(7);
    let sum = 0;
    let sq = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      const z = r.normal();
      sq += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n).toBeCloseTo(1, 1);
  });

  it('counts the draws since it was seeded (a normal pair is two uniforms)', () => {
    const r = new Rng(3);
    expect(r.draws).toBe(0);
    r.next();
    r.int(10);
    expect(r.draws).toBe(2);
    r.normal();
    r.normal(); // the cached spare: no draw
    expect(r.draws).toBe(4);
    r.reseed(9);
    expect(r.draws).toBe(0);
  });
});
