/**
 * k6 threshold expressions ("rate<0.01", "p(99)<500", "avg<=200", "count>1000"): parsed once,
 * evaluated against a load test's summary. The aggregations each metric accepts are k6's own
 * (a Trend has avg/min/med/max/p(N), a Rate has rate, a Counter has count and rate).
 */
import type { ThresholdMetric } from './schema';

export type Aggregation = 'avg' | 'min' | 'med' | 'max' | 'p' | 'rate' | 'count';
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Threshold {
  readonly metric: ThresholdMetric;
  /** The text as written, for the summary. */
  readonly source: string;
  readonly aggregation: Aggregation;
  /** The percentile of p(N), 0-100. */
  readonly percentile?: number;
  readonly op: Operator;
  readonly value: number;
}

const ALLOWED: Readonly<Record<ThresholdMetric, readonly Aggregation[]>> = {
  http_req_duration: ['avg', 'min', 'med', 'max', 'p'],
  http_req_failed: ['rate'],
  checks: ['rate'],
  http_reqs: ['count', 'rate'],
  iterations: ['count', 'rate'],
};

const PATTERN =
  /^\s*(avg|min|med|max|rate|count|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$/;

function describeAllowed(metric: ThresholdMetric): string {
  return ALLOWED[metric].map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
}

/** The threshold, or a sentence saying what is wrong with it. */
export function parseThreshold(metric: ThresholdMetric, source: string): Threshold | { error: string } {
  const m = PATTERN.exec(source);
  if (!m)
    return {
      error: `"${source}" is not a k6 threshold: write AGGREGATION OPERATOR VALUE, e.g. "${metric === 'http_req_duration' ? 'p(95)<500' : 'rate<0.01'}" (${metric} takes ${describeAllowed(metric)})`,
    };
  const aggregation = (m[2] !== undefined ? 'p' : m[1]) as Aggregation;
  if (!ALLOWED[metric].includes(aggregation))
    return { error: `${metric} has no aggregation '${m[1]}'; it takes ${describeAllowed(metric)}` };
  const percentile = m[2] !== undefined ? Number(m[2]) : undefined;
  if (percentile !== undefined && !(percentile >= 0 && percentile <= 100))
    return { error: `p(${m[2]}) must name a percentile from 0 to 100` };
  return {
    metric,
    source: source.trim(),
    aggregation,
    ...(percentile !== undefined ? { percentile } : {}),
    op: m[3] as Operator,
    value: Number(m[4]),
  };
}

export function compare(left: number, op: Operator, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}
