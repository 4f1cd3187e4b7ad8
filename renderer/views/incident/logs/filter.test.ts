import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../simulator/engine/api';
import { countNewer, filterLogs, isFiltered, logMatcher } from './filter';

const line = (
  t: number,
  node: string,
  level: LogLine['level'],
  message: string,
  requestId?: string,
): LogLine => ({
  t,
  node,
  level,
  message,
  requestId,
});

const LOGS: LogLine[] = [
  line(1, 'api', 'info', 'GET /cart 200', 'req-1'),
  line(2, 'checkout', 'error', 'upstream payments timed out after 2s', 'req-2'),
  line(3, 'payments', 'warn', 'connection pool exhausted'),
  line(4, 'checkout', 'info', 'POST /checkout 200', 'req-3'),
  line(5, 'checkout', 'error', 'Payments returned 503', 'req-4'),
];

describe('logMatcher', () => {
  it('matches everything with an empty query', () => {
    expect(LOGS.every(logMatcher({}))).toBe(true);
    expect(LOGS.every(logMatcher({ node: '', level: '', text: '  ', requestId: '' }))).toBe(true);
  });
  it('filters by node, level, request id and case-insensitive text together', () => {
    const ts = (q: Parameters<typeof logMatcher>[0]) => LOGS.filter(logMatcher(q)).map((l) => l.t);
    expect(ts({ node: 'checkout' })).toEqual([2, 4, 5]);
    expect(ts({ level: 'error' })).toEqual([2, 5]);
    expect(ts({ requestId: 'req-3' })).toEqual([4]);
    expect(ts({ text: 'PAYMENTS' })).toEqual([2, 3, 5]);
    expect(ts({ node: 'checkout', level: 'error', text: 'payments' })).toEqual([2, 5]);
    expect(ts({ text: 'req-1' })).toEqual([1]);
  });
});

describe('filterLogs', () => {
  it('keeps the newest matches up to the limit, oldest first, and counts them all', () => {
    const { rows, total } = filterLogs(LOGS, { node: 'checkout' }, 2);
    expect(total).toBe(3);
    expect(rows.map((l) => l.t)).toEqual([4, 5]);
  });
  it('on 5,000 lines: the matches of text and level, the newest up to the limit, all counted', () => {
    // Its speed is measured by `npm run bench:ui:logs` (the Logs tab at 60x), not timed here.
    const many = Array.from({ length: 5000 }, (_, i) =>
      line(i, `svc${i % 30}`, i % 7 === 0 ? 'error' : 'info', `message number ${i}`, `r${i}`),
    );
    const want = many.filter((l) => l.level === 'error' && l.message.includes('number 4'));
    const { rows, total } = filterLogs(many, { text: 'number 4', level: 'error' }, 500);
    expect(total).toBe(want.length);
    expect(rows.map((l) => l.t)).toEqual(want.slice(-500).map((l) => l.t));
    expect(filterLogs(many, {}, 500).rows).toHaveLength(500);
  });
});

describe('helpers', () => {
  it('isFiltered', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ text: ' ' })).toBe(false);
    expect(isFiltered({ level: 'warn' })).toBe(true);
  });
  it('countNewer counts lines after the last one seen', () => {
    expect(countNewer(LOGS, LOGS[2])).toBe(2);
    expect(countNewer(LOGS, LOGS[4])).toBe(0);
    expect(countNewer(LOGS, undefined)).toBe(5);
    expect(countNewer(LOGS, { ...LOGS[3]! })).toBe(1);
    expect(countNewer(LOGS, line(9, 'x', 'info', 'gone'))).toBe(5);
  });
});
