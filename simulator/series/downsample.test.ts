import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample';

const NaN_ = Number.NaN;

describe('downsampleMinMax', () => {
  it('returns every tick unchanged when they fit (missing values as null)', () => {
    const values = Float64Array.from([1, NaN_, 3, Number.POSITIVE_INFINITY]);
    expect(downsampleMinMax(values, { first: 0, last: 3, maxPoints: 10, tickSeconds: 2 })).toEqual([
      { t: 0, v: 1 },
      { t: 2, v: null },
      { t: 4, v: 3 },
      { t: 6, v: null },
    ]);
  });

  it('keeps the min and the max of each bucket, in the order they happened', () => {
    // 12 ticks into 6 points: 3 buckets of 4 ticks, two points each.
    const values = Float64Array.from([5, 9, 1, 5, 5, 5, 5, 5, 7, 0, NaN_, 2]);
    expect(downsampleMinMax(values, { first: 0, last: 11, maxPoints: 6, tickSeconds: 1 })).toEqual([
      { t: 0, v: 9 }, // max (tick 1) before min (tick 2)
      { t: 2, v: 1 },
      { t: 4, v: 5 }, // flat bucket: both points equal
      { t: 6, v: 5 },
      { t: 8, v: 7 },
      { t: 10, v: 0 },
    ]);
  });

  it('keeps a one-tick dip visible (a max-only downsampler loses it)', () => {
    const values = new Float64Array(1000).fill(100);
    values[501] = 3;
    values[700] = 250;
    const points = downsampleMinMax(values, { first: 0, last: 999, maxPoints: 100, tickSeconds: 1 });
    expect(points.length).toBeLessThanOrEqual(100);
    const shown = points.map((p) => p.v ?? NaN_);
    expect(Math.min(...shown)).toBe(3);
    expect(Math.max(...shown)).toBe(250);
  });

  it('puts every series on the same times for the same range (charts share one x axis)', () => {
    const a = Float64Array.from({ length: 50 }, (_, k) => Math.sin(k));
    const b = Float64Array.from({ length: 50 }, (_, k) => (k % 7 === 0 ? NaN_ : k));
    const opts = { first: 3, last: 47, maxPoints: 10, tickSeconds: 1 };
    expect(downsampleMinMax(a, opts).map((p) => p.t)).toEqual(downsampleMinMax(b, opts).map((p) => p.t));
  });

  it('gives an all-missing bucket two nulls, and nothing for an empty range', () => {
    const values = Float64Array.from([NaN_, NaN_, NaN_, NaN_, 1, 2, 3, 4]);
    expect(downsampleMinMax(values, { first: 0, last: 7, maxPoints: 4, tickSeconds: 1 })).toEqual([
      { t: 0, v: null },
      { t: 2, v: null },
      { t: 4, v: 1 },
      { t: 6, v: 4 },
    ]);
    expect(downsampleMinMax(values, { first: 3, last: 2, maxPoints: 10, tickSeconds: 1 })).toEqual([]);
  });

  it('offsets times by firstTick', () => {
    expect(
      downsampleMinMax(Float64Array.from([4, 5]), {
        first: 0,
        last: 1,
        maxPoints: 10,
        tickSeconds: 1,
        firstTick: 60,
      }),
    ).toEqual([
      { t: 60, v: 4 },
      { t: 61, v: 5 },
    ]);
  });
});
