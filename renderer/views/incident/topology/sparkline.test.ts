import { describe, expect, it } from 'vitest';
import { sparkFloor, sparkPath } from './sparkline';

describe('sparkPath', () => {
  it('is empty without data', () => {
    expect(sparkPath([], 100, 20)).toBe('');
    expect(sparkPath([{ t: 0, v: null }], 100, 20)).toBe('');
  });
  it('scales from zero to the maximum across the width', () => {
    const d = sparkPath(
      [
        { t: 0, v: 0 },
        { t: 5, v: 5 },
        { t: 10, v: 10 },
      ],
      100,
      22,
    );
    expect(d).toBe('M0.0 21.0L50.0 11.0L100.0 1.0');
  });
  it('breaks the line at gaps and survives a flat series', () => {
    const d = sparkPath(
      [
        { t: 0, v: 0 },
        { t: 1, v: null },
        { t: 2, v: 0 },
      ],
      10,
      10,
    );
    expect(d.match(/M/g)?.length).toBe(2);
    expect(d).not.toContain('NaN');
  });
});

describe('sparkFloor', () => {
  it('keeps a near-zero ratio flat at the bottom instead of a full-height zigzag', () => {
    const noise = [0, 0.0004, 0.0001, 0.0005, 0].map((v, t) => ({ t, v }));
    const ys = (d: string) => [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    const unfloored = ys(sparkPath(noise, 100, 26));
    expect(Math.max(...unfloored) - Math.min(...unfloored)).toBeGreaterThan(20);
    const floored = ys(sparkPath(noise, 100, 26, sparkFloor('ratio')));
    expect(Math.max(...floored) - Math.min(...floored)).toBeLessThan(0.5);
    expect(sparkFloor('seconds')).toBeUndefined();
  });
});
