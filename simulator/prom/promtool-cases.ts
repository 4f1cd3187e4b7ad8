/**
 * The expressions the promtool differential test checks: every supported function, aggregation
 * and operator, generated over the run's series, plus hand-picked edge cases (counter resets,
 * missing series, staleness beyond the lookback, empty aggregations, division by zero, regex
 * matchers, group_left / group_right).
 */
import type { AlertRule } from './alert-rules';
import type { ExprCase } from './promtool-file';

const MIN = 60_000;

/** Evaluation times (ms): early, mid-run, late, just after the data ends, and past the lookback. */
export const EVAL_TIMES = [4 * MIN, 10 * MIN + 7_000, 17.5 * MIN, 25 * MIN, 33 * MIN, 40 * MIN];

const RANGE_FUNCTIONS = [
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'deriv',
  'changes',
  'resets',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'last_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'present_over_time',
];
const SIMPLE_FUNCTIONS = [
  'abs',
  'ceil',
  'floor',
  'round',
  'sqrt',
  'exp',
  'ln',
  'log2',
  'log10',
  'timestamp',
  'sort',
  'sort_desc',
];
const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar'];

/** Each expression at the evaluation times picked by `times` (indexes into EVAL_TIMES). */
function at(exprs: readonly string[], times: readonly number[]): ExprCase[] {
  return exprs.flatMap((expr) => times.map((i) => ({ expr, evalMs: EVAL_TIMES[i]! })));
}

export function differentialCases(): ExprCase[] {
  const cases: ExprCase[] = [];
  // Selectors, matchers, offset, @, lookback and staleness.
  cases.push(
    ...at(
      [
        'request_rate',
        'request_rate{node="storefront"}',
        'request_rate{node!="storefront"}',
        'request_rate{node=~"product.*"}',
        'request_rate{node!~"product.*|users"}',
        'request_rate{node=~"product"}',
        'request_rate{node=~"(?i)STOREFRONT"}',
        '{__name__=~"edge_.*", case!=""}',
        '{__name__="edge_gauge"}',
        'edge_counter_total offset 2m',
        'request_rate offset 5m',
        'request_rate @ 300',
        'edge_gauge @ 100 offset -1m',
        'nonexistent_metric',
        'request_rate{node="no-such-node"}',
      ],
      [1, 4, 5],
    ),
  );
  // A series that stops at 5 min: present within the 5-minute lookback, gone after it.
  for (const evalMs of [5 * MIN, 9 * MIN, 10 * MIN, 10 * MIN + 1, 11 * MIN]) {
    cases.push({ expr: 'edge_counter_total{case="stops"}', evalMs });
    cases.push({ expr: 'rate(edge_counter_total{case="stops"}[6m])', evalMs });
  }
  // Range-vector functions over counters, gauges and the hand-made series.
  for (const f of RANGE_FUNCTIONS) {
    for (const [selector, range] of [
      ['requests_total', '5m'],
      ['edge_counter_total', '1m'],
      ['edge_counter_total', '5m'],
      ['edge_gauge', '2m30s'],
      ['latency_p99{node=~"s.*|p.*"}', '3m'],
    ] as const) {
      cases.push(...at([`${f}(${selector}[${range}])`], [2]));
    }
    cases.push(
      ...at([`${f}(edge_counter_total[10m] offset 3m)`, `${f}(request_errors_total[5m] @ 600)`], [3]),
    );
  }
  cases.push(
    ...at(
      [
        'quantile_over_time(0.9, latency_p99[5m])',
        'quantile_over_time(0.25, edge_gauge[5m])',
        'quantile_over_time(2, edge_gauge[5m])',
        'absent_over_time(nonexistent_metric{job="x"}[5m])',
        'absent_over_time(request_rate[5m])',
        'absent_over_time(edge_counter_total{case="stops"}[2m])',
      ],
      [1, 5],
    ),
  );
  // predict_linear: the line is read from the evaluation time (not the range end), so offset, @
  // and a negative or computed horizon all move it; constant, NaN/Inf and one-sample windows too.
  cases.push(
    ...at(
      [
        'predict_linear(requests_total[5m], 600)',
        'predict_linear(requests_total[10m], 3600)',
        'predict_linear(latency_p99[5m], 300)',
        'predict_linear(latency_p99{node=~"s.*|p.*"}[3m], -120)',
        'predict_linear(edge_counter_total[5m], 60)',
        'predict_linear(edge_counter_total[10m] offset 3m, 60)',
        'predict_linear(request_errors_total[5m] @ 600, 120)',
        'predict_linear(edge_gauge[2m30s], 90)',
        'predict_linear(edge_gauge{case="zero"}[5m], 3600)',
        'predict_linear(edge_counter_total{case="stops"}[1m], 60)',
        'predict_linear(request_rate[5m], scalar(count(request_rate)) * 60)',
        'predict_linear(requests_total[5m], 0) - requests_total',
        'predict_linear(saturation[10m], 4 * 3600) > 1',
        'deriv(requests_total[10m] offset 3m)',
      ],
      [1, 2, 3, 5],
    ),
  );
  // The catalog's families as SREs query them (view series of two built-ins: a scale-out at 10 min,
  // a pool resize at 12 min, a maxmemory raise at 11 min).
  cases.push(
    ...at(
      [
        'up',
        'up == 0',
        'count by (job) (up)',
        'avg_over_time(up[10m])',
        'absent(up{job="postgres"})',
        'kube_deployment_spec_replicas',
        'kube_deployment_spec_replicas != kube_deployment_status_replicas_available',
        'kube_deployment_spec_replicas - on(namespace, deployment) kube_deployment_status_replicas_available',
        'changes(kube_deployment_spec_replicas[30m])',
        'max_over_time(kube_deployment_spec_replicas[15m])',
        'pg_settings_max_connections',
        'pg_stat_activity_count / ignoring(state, datname) pg_settings_max_connections',
        'pg_stat_activity_count > bool on(instance) group_left 0.8 * pg_settings_max_connections',
        'delta(pg_settings_max_connections[10m])',
        'redis_memory_max_bytes',
        'redis_memory_used_bytes / redis_memory_max_bytes',
        'redis_memory_used_bytes / on(instance) redis_memory_max_bytes > 0.5',
        'predict_linear(redis_memory_used_bytes[10m], 3600) > redis_memory_max_bytes',
        'up{job="redis"} * on(instance) group_left redis_memory_max_bytes',
      ],
      [0, 1, 2, 3],
    ),
  );
  // Instant-vector functions.
  for (const f of SIMPLE_FUNCTIONS) cases.push(...at([`${f}(latency_p99)`, `${f}(edge_gauge)`], [2]));
  cases.push(
    ...at(
      [
        'round(latency_p99, 0.1)',
        'round(edge_gauge, 5)',
        'clamp(edge_gauge, -1, 1)',
        'clamp(request_rate, 10, 5)',
        'clamp_min(latency_p99, 1)',
        'clamp_max(saturation, 0.5)',
        'scalar(request_rate{node="storefront"})',
        'scalar(request_rate)',
        'vector(time())',
        'time()',
        'vector(1) + time()',
        'absent(nonexistent_metric{job="api", env=~"p.*"})',
        'absent(request_rate)',
        'absent(nonexistent{a="1", a="2"})',
        'label_replace(request_rate, "service", "svc-$1", "node", "(.*)-api")',
        'label_replace(request_rate, "tier", "${1}x", "node", "([a-z])(.*)")',
        'label_replace(request_rate, "node", "", "node", "users")',
        'label_join(edge_request_rate, "path", " -> ", "node", "to")',
        'label_join(request_rate, "copy", ",", "node")',
        'timestamp(edge_counter_total offset 1m)',
        'histogram_quantile(0.9, request_duration_seconds_bucket)',
        'histogram_quantile(1.5, rate(request_duration_seconds_bucket[5m]))',
        'histogram_quantile(-0.5, rate(request_duration_seconds_bucket[5m]))',
      ],
      [2, 4],
    ),
  );
  for (const q of ['0.5', '0.9', '0.99']) {
    for (const by of ['le, node', 'le']) {
      for (const range of ['1m', '5m']) {
        cases.push(
          ...at(
            [`histogram_quantile(${q}, sum by (${by}) (rate(request_duration_seconds_bucket[${range}])))`],
            [3],
          ),
        );
      }
    }
  }
  // Aggregations.
  for (const op of AGGREGATIONS) {
    for (const grouping of ['', ' by (node)', ' without (node)', ' by ()', ' without ()']) {
      cases.push(...at([`${op}${grouping} (request_rate)`, `${op}${grouping} (edge_gauge)`], [2]));
    }
    cases.push(...at([`${op}(nonexistent_metric)`, `${op} by (to) (edge_request_rate)`], [1]));
  }
  cases.push(
    ...at(
      [
        'topk(2, error_ratio)',
        'bottomk(2, error_ratio)',
        'topk(3, request_rate)',
        'bottomk(1, latency_p99)',
        'topk by (node) (1, edge_request_rate)',
        'bottomk without (to) (1, edge_request_rate)',
        'topk(0, request_rate)',
        'topk(100, edge_gauge)',
        'bottomk(2, edge_gauge)',
        'quantile(0.5, request_rate)',
        'quantile(0.9, latency_p99)',
        'quantile by (node) (0.75, edge_request_rate)',
        'count_values("value", floor(latency_p99))',
        'count_values by (node) ("v", round(saturation, 0.1))',
        'count_values("v", edge_gauge)',
        'sum(rate(requests_total[5m]))',
        'avg by (node) (rate(request_errors_total[5m]) / rate(requests_total[5m]))',
      ],
      [1, 3],
    ),
  );
  // Binary operators: scalars, vector/scalar, vector/vector, bool, set operators, matching.
  for (const op of ['+', '-', '*', '/', '%', '^']) {
    cases.push(
      ...at(
        [
          `request_rate ${op} 3`,
          `2 ${op} latency_p99`,
          `7 ${op} 2`,
          `requests_total ${op} request_errors_total`,
          `edge_gauge ${op} 0`,
          `edge_twin_a ${op} ignoring(__name__) edge_twin_b`,
        ],
        [2],
      ),
    );
  }
  for (const op of ['==', '!=', '>', '<', '>=', '<=']) {
    cases.push(
      ...at(
        [
          `latency_p99 ${op} 0.5`,
          `0.5 ${op} latency_p99`,
          `latency_p99 ${op} bool 0.5`,
          `1 ${op} bool 2`,
          `latency_p95 ${op} latency_p99`,
          `latency_p95 ${op} bool latency_p99`,
          `edge_gauge ${op} edge_gauge`,
        ],
        [2],
      ),
    );
  }
  cases.push(
    ...at(
      [
        '-request_rate',
        '-(-latency_p99)',
        '+request_rate',
        '1 / 0',
        '-1 / 0',
        '0 / 0',
        '2 ^ 3 ^ 2',
        '(1 + 2) * 3 - 4 / 2',
        '5 % -3',
        'request_rate and request_rate{node=~"p.*"}',
        'request_rate or latency_p99',
        'request_rate or on(node) latency_p99',
        'request_rate unless request_rate{node="storefront"}',
        'request_rate unless on(node) saturation',
        'request_rate and ignoring(node) vector(1)',
        'nonexistent_metric or request_rate',
        'request_rate and nonexistent_metric',
        'edge_request_rate / on(node) group_left request_rate',
        'edge_request_rate * on(node) group_left() request_rate',
        'edge_request_rate / ignoring(to) group_left request_rate',
        'request_rate * on(node) group_right edge_request_rate',
        'request_rate / on(node) group_right() edge_request_rate',
        'edge_request_rate * on(node) group_left(__name__) request_rate',
        'label_replace(request_rate, "to", "$1", "node", "(.*)") * on(to) group_left(node) edge_request_rate',
        'sum by (node) (edge_request_rate) / on(node) request_rate',
        'sum by (node) (edge_request_rate) > bool on(node) request_rate',
        'sum(request_rate) / count(request_rate)',
        'request_rate / on() group_left sum(request_rate)',
        'request_rate > 1000 or vector(0)',
      ],
      [2, 3],
    ),
  );
  return cases;
}

const minutes = (n: number): number => n * MIN;

/** Alerting rules over the same series, with and without `for`, on gauges, rates, a histogram and absence. */
export const DIFFERENTIAL_ALERTS: readonly AlertRule[] = [
  { alert: 'HighErrorRatio', expr: 'error_ratio > 0.5', forMs: minutes(2), labels: { severity: 'page' } },
  {
    alert: 'SlowP99',
    expr: 'histogram_quantile(0.99, sum by (le, node) (rate(request_duration_seconds_bucket[5m]))) > 1',
    forMs: minutes(5),
    labels: { severity: 'page', team: 'checkout' },
  },
  { alert: 'Saturated', expr: 'saturation > 0.9', forMs: 0 },
  {
    alert: 'CounterGone',
    expr: 'absent(edge_counter_total{case="stops"})',
    forMs: minutes(1),
    labels: { severity: 'chat' },
  },
  {
    alert: 'ErrorBudgetBurn',
    expr: 'rate(request_errors_total[5m]) / rate(requests_total[5m]) > 0.1',
    forMs: minutes(3),
  },
  { alert: 'Flapping', expr: 'edge_gauge{case="gaps"} > 5', forMs: 30_000 },
  // The same condition held across its gaps by keep_firing_for (Prometheus 2.42's new field).
  { alert: 'FlappingKept', expr: 'edge_gauge{case="gaps"} > 5', forMs: 30_000, keepFiringForMs: minutes(2) },
];

/** Every minute and a half over the run and past its end, so pending, firing and resolving are all seen. */
export const ALERT_EVAL_TIMES: readonly number[] = Array.from({ length: 28 }, (_, i) => i * 90_000);
