import { describe, expect, it } from 'vitest';
import type { LogLine } from '../engine/api';
import { parseLogql, type LogqlQuery } from './logql';

const lines: LogLine[] = [
  {
    t: 1,
    node: 'checkout',
    level: 'info',
    message: 'GET / 200 12ms',
    requestId: 'req-1-0',
    fields: { status: 200, duration_ms: 12 },
  },
  {
    t: 2,
    node: 'checkout',
    level: 'error',
    message: 'call to pricing timed out after 1s',
    requestId: 'req-2-0',
    fields: { upstream: 'pricing', error: 'timeout', timeout_s: 1 },
  },
  {
    t: 3,
    node: 'orders',
    level: 'error',
    message: 'GET / 500 55ms: unhandled exception',
    fields: { status: 500, duration_ms: 55 },
  },
  {
    t: 4,
    node: 'orders',
    level: 'warn',
    message: 'CPU throttled in 40% of CFS periods',
    fields: { throttled_pct: 40 },
  },
];

function run(q: string): number[] {
  const parsed = parseLogql(q);
  if ('error' in parsed) throw new Error(parsed.error);
  return lines.filter((l) => (parsed as LogqlQuery).matches(l)).map((l) => l.t);
}
const error = (q: string) => {
  const parsed = parseLogql(q);
  return 'error' in parsed ? parsed : undefined;
};

describe('LogQL', () => {
  it('selects streams by service and level, with = != =~ !~ (regex anchored)', () => {
    expect(run('{service="checkout"}')).toEqual([1, 2]);
    expect(run('{service!="checkout"}')).toEqual([3, 4]);
    expect(run('{service=~"check.*|orders", level="error"}')).toEqual([2, 3]);
    expect(run('{service=~"check"}')).toEqual([]);
    expect(run('{level!~"info|warn"}')).toEqual([2, 3]);
  });

  it('filters lines with |= != |~ !~, chained', () => {
    expect(run('{service="checkout"} |= "timed out"')).toEqual([2]);
    expect(run('{level=~".+"} != "200"')).toEqual([2, 3, 4]);
    expect(run('{level=~".+"} |~ "5\\\\d\\\\d"')).toEqual([3]);
    expect(run('{level=~".+"} |~ `\\d+ms`')).toEqual([1, 3]);
    expect(run('{level=~".+"} |~ "(?i)cpu" !~ "^GET"')).toEqual([4]);
    expect(run('{level=~".+"} |= "GET" != "500"')).toEqual([1]);
  });

  it('extracts fields with | logfmt or | json and compares them', () => {
    expect(run('{level=~".+"} | logfmt | status >= 500')).toEqual([3]);
    expect(run('{level=~".+"} | json | status == 200')).toEqual([1]);
    expect(run('{level=~".+"} | logfmt | duration_ms > 20ms')).toEqual([3]);
    expect(run('{level=~".+"} | logfmt | duration_ms < 1s')).toEqual([1, 3]);
    expect(run('{level=~".+"} | logfmt | upstream = "pricing" | error != "dns_lookup_timeout"')).toEqual([2]);
    expect(run('{level=~".+"} | logfmt | msg =~ "CPU.*"')).toEqual([4]);
    expect(run('{level=~".+"} | logfmt | request_id = "req-2-0"')).toEqual([2]);
    expect(run('{service="orders"} | level = "warn"')).toEqual([4]);
  });

  it('explains a bad query with its column', () => {
    expect(error('')?.error).toMatch(/starts with a stream selector/);
    expect(error('service="x"')).toMatchObject({ column: 1 });
    expect(error('{}')).toMatchObject({ error: expect.stringMatching(/at least one matcher/) });
    expect(error('{app="x"}')).toEqual({
      error: 'unknown stream label "app": streams have service and level at column 2',
      column: 2,
    });
    expect(error('{service="x"} |= timeout')).toMatchObject({
      column: 18,
      error: expect.stringMatching(/quoted string after \|=/),
    });
    expect(error('{service="x"} | status >= 500')).toMatchObject({
      column: 17,
      error: expect.stringMatching(/\| logfmt/),
    });
    expect(error('{service="x"} | logfmt | status >= "500"')).toMatchObject({ column: 36 });
    expect(error('{service="x"} |~ "(" ')).toMatchObject({
      column: 18,
      error: expect.stringMatching(/invalid regular expression/),
    });
    expect(error('{service="x" |= "a"')).toMatchObject({ column: 14 });
    expect(error('{service="x} ')).toMatchObject({
      column: 10,
      error: expect.stringMatching(/unterminated/),
    });
    expect(error('{service="x"} # y')).toMatchObject({ column: 15 });
  });
});
