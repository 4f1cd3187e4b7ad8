import { describe, expect, it } from 'vitest';
import { lengthenLine, MAX_DELAY_TICKS } from './delay-line';

describe('lengthenLine', () => {
  it('keeps the recent shares at their passes, moves the other edges and zeroes the older slots', () => {
    // Two edges: e0 with 3 slots, e1 with 2. Pass 7 is next, so e0 holds passes 4, 5, 6.
    const start = Int32Array.from([0, 3, 5]);
    const line = Float64Array.from([0.6, 0.4, 0.5, 0.9, 0.8]); // e0: 6 % 3 = 0, 4 % 3 = 1, 5 % 3 = 2
    const { start: s, line: l } = lengthenLine(start, line, 0, 7);
    expect([...s]).toEqual([0, MAX_DELAY_TICKS, MAX_DELAY_TICKS + 2]);
    expect(l[4]).toBe(0.4);
    expect(l[5]).toBe(0.5);
    expect(l[6]).toBe(0.6);
    expect([...l.subarray(MAX_DELAY_TICKS)]).toEqual([0.9, 0.8]);
    expect(l.subarray(0, MAX_DELAY_TICKS).reduce((a, b) => a + b, 0)).toBeCloseTo(1.5, 12);
    expect(lengthenLine(s, l, 0, 8).line).toBe(l); // already full length
  });
});
