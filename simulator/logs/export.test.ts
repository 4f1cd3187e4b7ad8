import { describe, expect, it } from 'vitest';
import type { LogLine } from '../engine/api';
import { parseLogfmt, toJsonLines, toLogfmt } from './export';

const lines: LogLine[] = [
  {
    t: 61.5,
    node: 'checkout',
    level: 'error',
    message: "LPUSH notify-jobs failed: OOM command not allowed when used memory > 'maxmemory'",
    requestId: 'req-61-t',
    fields: { upstream: 'notify-jobs', error: 'upstream_error' },
  },
  {
    t: 62,
    node: 'orders',
    level: 'info',
    message: 'say "hi" \\ there',
    fields: { status: 200, duration_ms: 3.2 },
  },
];

describe('log export', () => {
  it('writes logfmt with quoting where needed, and reads back', () => {
    const text = toLogfmt(lines, Date.UTC(2026, 5, 1, 9));
    const [a, b] = text.trimEnd().split('\n');
    expect(a).toBe(
      'ts=2026-06-01T09:01:01.500Z level=error service=checkout request_id=req-61-t msg="LPUSH notify-jobs failed: OOM command not allowed when used memory > \'maxmemory\'" upstream=notify-jobs error=upstream_error',
    );
    expect(parseLogfmt(b!)).toEqual({
      ts: '2026-06-01T09:01:02.000Z',
      level: 'info',
      service: 'orders',
      msg: 'say "hi" \\ there',
      status: '200',
      duration_ms: '3.2',
    });
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes JSON lines with the same keys', () => {
    const rows = toJsonLines(lines, 0)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows[0]).toMatchObject({
      ts: '1970-01-01T00:01:01.500Z',
      service: 'checkout',
      upstream: 'notify-jobs',
    });
    expect(rows[1]).toMatchObject({ status: 200, duration_ms: 3.2, msg: 'say "hi" \\ there' });
  });
});
