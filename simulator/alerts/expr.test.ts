import { describe, expect, it } from 'vitest';
import { alertExprMetrics, parseAlertExpr } from './expr';

describe('parseAlertExpr', () => {
  it('parses selectors, comparisons and *_over_time windows', () => {
    expect(parseAlertExpr('error_ratio{node="checkout"} > 0.05')).toEqual({
      ok: true,
      expr: {
        metric: 'error_ratio',
        matchers: [{ label: 'node', value: 'checkout', negate: false }],
        fn: undefined,
        window: 0,
        op: '>',
        threshold: 0.05,
      },
    });
    const r = parseAlertExpr(' avg_over_time( latency_p99{node="api", to!="db"}[1m] ) >= 2e0 ');
    expect(r).toMatchObject({ ok: true, expr: { fn: 'avg_over_time', window: 60, op: '>=', threshold: 2 } });
    expect(alertExprMetrics('max_over_time(queue_depth[30s]) < 10')).toEqual(['queue_depth']);
    expect(alertExprMetrics('nonsense')).toEqual([]);
  });

  it.each([
    ['error_ratio{node=checkout} > 1', 18, /quoted label value/],
    ['rate(x[1m]) > 1', 1, /unknown function "rate"/],
    ['avg_over_time(x) > 1', 16, /needs a range/],
    ['x[1m] > 1', 2, /only allowed inside/],
    ['x > ', 5, /expected a number/],
    ['x > 1 and y', 7, /unexpected text/],
    ['{node="a"} > 1', 1, /metric name/],
    ['x{node="a" > 1', 12, /expected , or }/],
  ])('%s fails at column %i', (text, column, message) => {
    const r = parseAlertExpr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.column).toBe(column);
      expect(r.error).toMatch(message);
    }
  });
});
