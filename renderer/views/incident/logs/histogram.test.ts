import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../simulator/engine/api';
import { bucketWidth, logHistogram } from './histogram';

const line = (t: number, level: LogLine['level']): LogLine => ({ t, node: 'api', level, message: '' });

describe('log volume histogram', () => {
  it('picks a round bucket width for at most the asked number of buckets', () => {
    expect(bucketWidth(30, 60)).toBe(1);
    expect(bucketWidth(1800, 60)).toBe(30);
    expect(bucketWidth(2700, 60)).toBe(60);
  });

  it('counts matching lines per level and bucket', () => {
    const lines = [
      line(0, 'info'),
      line(5, 'error'),
      line(65, 'error'),
      line(70, 'warn'),
      line(119, 'debug'),
    ];
    const h = logHistogram(lines, (l) => l.level !== 'debug', 119, 2);
    expect(h.width).toBe(60);
    expect(h.counts).toEqual([
      [1, 1],
      [0, 1],
      [1, 0],
      [0, 0],
    ]);
    // A line at exactly the end lies in the last bucket.
    expect(logHistogram([line(120, 'info')], () => true, 120, 2).counts[2]).toEqual([0, 0, 1]);
    expect(h.max).toBe(2);
  });
});
