import { describe, expect, it } from 'vitest';
import type { Span, Trace } from '../../../../simulator/engine/api';
import { axisTicks, formatMs, sortTraces, waterfall } from './sort';

const span = (node: string, start: number, duration: number, depth: number, error = false): Span => ({
  node,
  operation: `${node} op`,
  start,
  duration,
  depth,
  error,
  spanId: `${node}-${depth}`.padEnd(16, '0'),
  service: node,
  kind: 'server',
  attributes: {},
});
const trace = (
  requestId: string,
  t: number,
  duration: number,
  error: boolean,
  spans: Span[] = [],
): Trace => ({
  traceId: requestId.padEnd(32, '0'),
  requestId,
  t,
  root: 'api',
  duration,
  error,
  spans,
});

describe('sortTraces', () => {
  it('puts failed traces first, then the slowest, then the newest', () => {
    const sorted = sortTraces([
      trace('fast-ok', 1, 0.05, false),
      trace('slow-ok', 2, 3, false),
      trace('fast-err', 3, 0.01, true),
      trace('slow-err', 4, 2, true),
      trace('fast-ok-newer', 5, 0.05, false),
    ]);
    expect(sorted.map((t) => t.requestId)).toEqual([
      'slow-err',
      'fast-err',
      'slow-ok',
      'fast-ok-newer',
      'fast-ok',
    ]);
  });
  it('does not mutate its input', () => {
    const input = [trace('a', 1, 1, false), trace('b', 2, 2, true)];
    sortTraces(input);
    expect(input.map((t) => t.requestId)).toEqual(['a', 'b']);
  });
});

describe('waterfall', () => {
  it('positions spans as fractions of the total duration', () => {
    const { rows, total } = waterfall(
      trace('r', 0, 2, true, [
        span('api', 0, 2, 0),
        span('checkout', 0.5, 1, 1),
        span('db', 1, 0.5, 2, true),
      ]),
    );
    expect(total).toBe(2);
    expect(rows.map((r) => [r.offset, r.width])).toEqual([
      [0, 1],
      [0.25, 0.5],
      [0.5, 0.25],
    ]);
    expect(rows[2]?.span.error).toBe(true);
  });
  it('keeps instant spans visible and covers spans that outlast the root', () => {
    const { rows, total } = waterfall(
      trace('r', 0, 1, false, [span('api', 0, 1, 0), span('x', 0.5, 0, 1), span('y', 0.5, 1, 1)]),
    );
    expect(total).toBe(1.5);
    expect(rows[1]?.width).toBeGreaterThan(0);
    for (const r of rows) expect(r.offset + r.width).toBeLessThanOrEqual(1 + 1e-9);
  });
  it('survives an empty or zero-length trace', () => {
    expect(waterfall(trace('r', 0, 0, false)).rows).toEqual([]);
    expect(waterfall(trace('r', 0, 0, false, [span('a', 0, 0, 0)])).rows[0]).toMatchObject({
      offset: 0,
      width: 1,
    });
  });
});

describe('axisTicks and formatMs', () => {
  it('picks round steps', () => {
    expect(axisTicks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(axisTicks(0.35)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(axisTicks(0)).toEqual([0]);
  });
  it('formats milliseconds', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.0004)).toBe('0.40 ms');
    expect(formatMs(0.0123)).toBe('12.3 ms');
    expect(formatMs(1.25)).toBe('1,250 ms');
  });
});
