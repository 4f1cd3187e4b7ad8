import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateInstant, evaluateRange } from './evaluate';
import { sourceOf } from './testing';
import type { PromLabels, PromSeries } from './types';
import type { InstantResult, Sample } from './values';

const S = 1000;

function series(labels: PromLabels, points: readonly [number, number][]): PromSeries {
  return {
    labels,
    timestamps: Float64Array.from(points.map(([t]) => t * S)),
    values: Float64Array.from(points.map(([, v]) => v)),
  };
}

const source = sourceOf([
  series({ __name__: 'c_total', job: 'api' }, [
    [0, 0],
    [15, 10],
    [30, 20],
    [45, 30],
    [60, 40],
  ]),
  series({ __name__: 'c_total', job: 'reset' }, [
    [15, 10],
    [30, 20],
    [45, 5],
    [60, 15],
  ]),
  series({ __name__: 'g', job: 'api', zone: 'a' }, [[0, 1]]),
  series({ __name__: 'g', job: 'db', zone: 'abc' }, [[0, 2]]),
  series({ __name__: 'info', job: 'api', version: 'v1' }, [[0, 1]]),
  series({ __name__: 'info', job: 'db', version: 'v2' }, [[0, 1]]),
  series({ __name__: 'twin_a', k: 'x' }, [[0, 1]]),
  series({ __name__: 'twin_b', k: 'x' }, [[0, 2]]),
  ...[
    ['1', 5],
    ['2', 10],
    ['+Inf', 10],
  ].map(([le, v]) => series({ __name__: 'h_bucket', le: String(le) }, [[0, Number(v)]])),
]);

function vector(result: InstantResult): Sample[] {
  if (!result.ok) throw new Error(result.error);
  if (result.value.type !== 'vector') throw new Error(`expected a vector, got ${result.value.type}`);
  return [...result.value.samples].sort((a, b) =>
    JSON.stringify(a.labels).localeCompare(JSON.stringify(b.labels)),
  );
}

const at = (expr: string, seconds: number): Sample[] => vector(evaluateInstant(source, expr, seconds * S));
const value = (expr: string, seconds: number): number => {
  const samples = at(expr, seconds);
  expect(samples).toHaveLength(1);
  return samples[0]!.value;
};

describe('parse errors', () => {
  it.each([
    ['rate(x{', 'column 8'],
    ['rate(x)', 'expected type range vector in call to function "rate", got instant vector'],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier'],
    ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector'],
    ['sin(x)', 'function "sin" is not supported'],
    ['predict_linear(x, 60)', 'expected type range vector in call to function "predict_linear"'],
    ['holt_winters(x[5m], 0.5, 0.5)', 'unknown function "holt_winters" (column 1)'],
    ['sum(rate(x[5m]) by', 'unexpected "by" (column 17)'],
    ['sum(', 'unexpected end of input (column 5)'],
    ['x[1h:5m]', 'subqueries are not supported'],
    ['x offset 5m offset 1m', 'offset may not be set multiple times'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher'],
    ['x + on(a) group_left(a) y', 'must not occur in ON and GROUP clause at once'],
    ['x and on(a) group_left y', 'no grouping allowed for set operations'],
    ['x{a=~"("}', 'invalid regular expression'],
  ])('%s -> %s', (expr, message) => {
    const result = evaluateInstant(source, expr, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('never throws, whatever the text', () => {
    const alphabet = fc.constantFrom(...'abcxyz_(){}[]"\'`,=~!<>+-*/%^@ 0159.mshby'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const result = evaluateInstant(source, chars.join(''), 60 * S);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('selectors', () => {
  it('looks back 5 minutes, both ends inclusive', () => {
    expect(at('g{job="api"}', 300)).toHaveLength(1);
    expect(vector(evaluateInstant(source, 'g{job="api"}', 300 * S + 1))).toHaveLength(0);
  });

  it('anchors regular expressions as Prometheus does', () => {
    expect(at('g{zone=~"a"}', 0).map((s) => s.labels.zone)).toEqual(['a']);
    expect(at('g{zone=~"a.*"}', 0)).toHaveLength(2);
    expect(at('g{zone!~"a"}', 0).map((s) => s.labels.zone)).toEqual(['abc']);
  });

  it('applies offset and @', () => {
    expect(value('c_total{job="api"} offset 30s', 60)).toBe(20);
    expect(value('c_total{job="api"} @ 15', 60)).toBe(10);
  });
});

describe('range functions', () => {
  it('rate extrapolates to the range and never below zero for a counter', () => {
    // Samples cover the whole minute: 40 per 60 s.
    expect(value('rate(c_total{job="api"}[1m])', 60)).toBeCloseTo(40 / 60, 12);
    // 30 over 45 s, extrapolated 15 s back to where the counter would be zero: 40 over the minute.
    expect(value('increase(c_total{job="api"}[1m])', 75)).toBeCloseTo(40, 12);
  });

  it('rate and increase count a counter reset as a restart from zero', () => {
    // 10 -> 20, reset, 5 -> 15: 25 over 45 s, extrapolated 15 s to the start of the minute.
    expect(value('increase(c_total{job="reset"}[1m])', 60)).toBeCloseTo((25 * 60) / 45, 12);
    expect(value('resets(c_total{job="reset"}[1m])', 60)).toBe(1);
    expect(value('irate(c_total{job="reset"}[1m])', 45)).toBeCloseTo(5 / 15, 12);
    expect(value('delta(c_total{job="reset"}[1m])', 60)).toBeCloseTo((5 * 60) / 45, 12);
  });

  it('predict_linear extends the least-squares line from the evaluation time, not the range end', () => {
    // c_total{job="api"} climbs 10 every 15 s: the line is 2/3 per second through (60 s, 40).
    expect(value('predict_linear(c_total{job="api"}[1m], 60)', 60)).toBeCloseTo(80, 9);
    expect(value('predict_linear(c_total{job="api"}[2m], 60)', 90)).toBeCloseTo(100, 9);
    // The same samples a window earlier: still read at the evaluation time (90 s), so 60 at t=0.
    expect(value('predict_linear(c_total{job="api"}[1m] offset 30s, 0)', 90)).toBeCloseTo(60, 9);
    expect(value('predict_linear(c_total{job="api"}[1m], -60)', 60)).toBeCloseTo(0, 9);
    // One sample is no line: the series is dropped, as Prometheus does.
    expect(at('predict_linear(g[5m], 60)', 60)).toEqual([]);
    expect(at('predict_linear(c_total{job="api"}[1m], 60)', 60)[0]?.labels).toEqual({ job: 'api' });
  });

  it('deriv is the slope per second, from the same regression', () => {
    expect(value('deriv(c_total{job="api"}[1m])', 60)).toBeCloseTo(2 / 3, 12);
  });

  it('drops the metric name, except last_over_time', () => {
    expect(at('max_over_time(c_total{job="api"}[1m])', 60)[0]!.labels).toEqual({ job: 'api' });
    expect(at('last_over_time(c_total{job="api"}[1m])', 60)[0]!.labels).toEqual({
      __name__: 'c_total',
      job: 'api',
    });
  });
});

describe('operators and matching', () => {
  it('refuses many-to-many matching and same label sets', () => {
    const manyToMany = evaluateInstant(source, 'g + on() info', 0);
    expect(manyToMany.ok ? '' : manyToMany.error).toContain('many-to-many matching not allowed');
    const twins = evaluateInstant(source, '{__name__=~"twin_.*"} * 2', 0);
    expect(twins.ok ? '' : twins.error).toBe('vector cannot contain metrics with the same labelset');
  });

  it('group_left copies the listed labels from the one side', () => {
    expect(at('g * on(job) group_left(version) info', 0).map((s) => s.labels)).toEqual([
      { job: 'api', version: 'v1', zone: 'a' },
      { job: 'db', version: 'v2', zone: 'abc' },
    ]);
  });

  it('one-to-one `on` keeps only the matching labels; comparisons filter or, with bool, answer 0/1', () => {
    expect(at('g - on(job) info', 0).map((s) => [s.labels, s.value])).toEqual([
      [{ job: 'api' }, 0],
      [{ job: 'db' }, 1],
    ]);
    expect(at('g > 1', 0).map((s) => s.labels.zone)).toEqual(['abc']);
    expect(at('g > bool 1', 0).map((s) => s.value)).toEqual([0, 1]);
    expect(value('g{zone="a"} / 0', 0)).toBe(Infinity);
  });

  it('set operators match on labels without the name', () => {
    expect(at('g and on(job) info{version="v2"}', 0).map((s) => s.labels.job)).toEqual(['db']);
    expect(at('g unless on(job) info{version="v2"}', 0).map((s) => s.labels.job)).toEqual(['api']);
  });
});

describe('functions and aggregations', () => {
  it('histogram_quantile interpolates inside the bucket holding the rank', () => {
    expect(value('histogram_quantile(0.75, h_bucket)', 0)).toBe(1.5);
    expect(value('histogram_quantile(0.25, h_bucket)', 0)).toBe(0.5);
  });

  it('absent gives the equality matchers as labels', () => {
    expect(at('absent(nope{job="x", env=~"p"})', 0)).toEqual([{ labels: { job: 'x' }, value: 1 }]);
    expect(at('absent(g)', 0)).toEqual([]);
  });

  it('label_replace expands $1 and ${1} as Go does', () => {
    expect(
      at('label_replace(g, "short", "${1}-$1x", "zone", "(a)(.*)")', 0).map((s) => s.labels.short),
    ).toEqual(['a-', 'a-']);
  });

  it('aggregates by and without', () => {
    expect(value('sum(g)', 0)).toBe(3);
    expect(at('count without (zone) (g)', 0).map((s) => [s.labels, s.value])).toEqual([
      [{ job: 'api' }, 1],
      [{ job: 'db' }, 1],
    ]);
    expect(at('topk(1, g)', 0).map((s) => s.labels.zone)).toEqual(['abc']);
    expect(at('count_values("v", g * 1e-7)', 0).map((s) => s.labels.v)).toEqual(['0.0000001', '0.0000002']);
    expect(at('sum(nope)', 0)).toEqual([]);
  });
});

describe('range queries', () => {
  it('evaluates at every step and joins by label set', () => {
    const result = evaluateRange(source, 'c_total{job="api"} * 2', 0, 60 * S, 15 * S);
    expect(result.ok && result.series).toEqual([
      {
        labels: { job: 'api' },
        timestamps: [0, 15, 30, 45, 60].map((t) => t * S),
        values: [0, 20, 40, 60, 80],
      },
    ]);
    const scalar = evaluateRange(source, 'time()', 0, 30 * S, 15 * S);
    expect(scalar.ok && scalar.series).toEqual([
      { labels: {}, timestamps: [0, 15 * S, 30 * S], values: [0, 15, 30] },
    ]);
  });

  it('refuses a range vector, a bad step and too many points', () => {
    expect(evaluateRange(source, 'g[1m]', 0, 60 * S, 15 * S).ok).toBe(false);
    expect(evaluateRange(source, 'g', 0, 60 * S, 0).ok).toBe(false);
    expect(evaluateRange(source, 'g', 0, 1e9, 1).ok).toBe(false);
  });
});
