import { describe, expect, it } from 'vitest';
import { sparkPath } from './sparkline';

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
