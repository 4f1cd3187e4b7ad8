import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../simulator/engine/api';
import { appendLogs } from './log-store';

const line = (t: number, level: LogLine['level']): LogLine => ({ t, node: 'api', level, message: `${t}` });

describe('the bounded log store', () => {
  it('keeps everything under its capacity', () => {
    const a = appendLogs([], [line(1, 'info'), line(2, 'error')], 0, 10);
    expect(a.lines).toHaveLength(2);
    expect(a.thinnedBefore).toBe(0);
  });

  it('thins the older half of info lines, keeps every error, stays bounded and ordered', () => {
    let lines: readonly LogLine[] = [];
    let thinned = 0;
    for (let t = 0; t < 1000; t++) {
      const r = appendLogs(lines, [line(t, t % 10 === 0 ? 'error' : 'info')], thinned, 100);
      lines = r.lines;
      thinned = r.thinnedBefore;
    }
    expect(lines.length).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(
      100 - lines.filter((l) => l.level === 'info').length,
    );
    expect(lines.filter((l) => l.level === 'error').map((l) => l.t)).toEqual(
      Array.from({ length: 100 }, (_, i) => i * 10).slice(-lines.filter((l) => l.level === 'error').length),
    );
    expect(lines.at(-1)?.t).toBe(999);
    expect(lines.slice(-10).every((l, i, a) => i === 0 || l.t === a[i - 1]!.t + 1)).toBe(true);
    expect(thinned).toBeGreaterThan(0);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.t).toBeGreaterThan(lines[i - 1]!.t);
  });
});
