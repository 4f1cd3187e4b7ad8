/**
 * Writes a `promtool test rules` file: the series as `input_series` (explicit values, `_` for a
 * missing sample) and, per query, a `promql_expr_test` whose `exp_samples` are this evaluator's
 * answers. promtool then checks our answers against Prometheus's own engine. Values are printed
 * with every digit a double needs, so only promtool's own tolerance separates the two.
 */
import { evaluateAlertRule, firingAt, type AlertRule } from './alert-rules';
import { evaluateInstant } from './evaluate';
import { METRIC_NAME, sortedNames } from './labels';
import { parsePromQL } from './parse';
import type { PromLabels, PromSeries, PromSource } from './types';
import type { Sample } from './values';

export interface ExprCase {
  readonly expr: string;
  readonly evalMs: number;
}

/** A number in promtool's series notation (`_` is a missing sample). */
function seriesValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** A float as YAML reads it (.nan, .inf, -.inf). */
function yamlFloat(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  return String(v);
}

/** `name{a="b", ...}` as Prometheus's metric parser reads it. */
export function metricText(labels: PromLabels): string {
  const rest = sortedNames(labels)
    .filter((n) => n !== METRIC_NAME)
    .map((n) => `${n}=${JSON.stringify(labels[n])}`);
  return `${labels[METRIC_NAME] ?? ''}{${rest.join(', ')}}`;
}

function duration(ms: number): string {
  return `${ms}ms`;
}

function inputValues(s: PromSeries, intervalMs: number): string {
  const last = s.timestamps.length > 0 ? Math.round(s.timestamps[s.timestamps.length - 1]! / intervalMs) : -1;
  const slots: string[] = Array.from({ length: last + 1 }, () => '_');
  s.timestamps.forEach((t, i) => {
    if (t % intervalMs !== 0) throw new Error(`sample at ${t} ms is not on the ${intervalMs} ms grid`);
    slots[t / intervalMs] = seriesValue(s.values[i]!);
  });
  return slots.join(' ');
}

type Check =
  | { readonly expr: string; readonly samples: readonly Sample[] }
  | { readonly expr: string; readonly error: string };

function answer(source: PromSource, expr: string, evalMs: number): Check {
  const result = evaluateInstant(source, expr, evalMs);
  if (!result.ok) return { expr, error: result.error };
  const v = result.value;
  if (v.type === 'scalar') return { expr, samples: [{ labels: {}, value: v.value }] };
  if (v.type === 'vector') return { expr, samples: v.samples };
  return { expr, error: `a ${v.type} result cannot be checked by promtool` };
}

/**
 * promtool 2.42 compares expected and actual samples with reflect.DeepEqual, where NaN never
 * equals NaN. A result holding NaN is therefore checked as two queries: its other elements
 * (`>= -Inf` drops exactly the NaNs) and which elements are NaN (`!= bool 0` turns NaN into 1).
 */
function checksFor(source: PromSource, c: ExprCase): Check[] {
  const expr = orderInsensitive(c.expr);
  const direct = answer(source, expr, c.evalMs);
  if ('error' in direct || !direct.samples.some((s) => Number.isNaN(s.value))) return [direct];
  const e = `(${expr})`;
  if (direct.samples.length === 1 && Object.keys(direct.samples[0]!.labels).length === 0 && isScalar(expr)) {
    return [answer(source, `${e} != bool ${e}`, c.evalMs)];
  }
  return [
    answer(source, `${e} >= -Inf`, c.evalMs),
    answer(source, `(${e} unless (${e} >= -Inf)) != bool 0`, c.evalMs),
  ];
}

function isScalar(expr: string): boolean {
  const parsed = parsePromQL(expr);
  return parsed.ok && parsed.type === 'scalar';
}

/** 2^-20: the absolute resolution an order-dependent sum is checked at. */
const SUM_RESOLUTION = '0.00000095367431640625';
const ORDER_DEPENDENT = /\b(sum|avg|stddev|stdvar)\s*(\(|by\b|without\b)/;

/**
 * Prometheus 2.42 reads series in the order they were created, which promtool's loader takes
 * from a Go map (random on every run), so a sum over series can differ in its last bit between
 * two promtool runs of the same file. An expression with such an aggregation is checked
 * rounded to 2^-20 (promtool 2.42 has no tolerance of its own).
 */
function orderInsensitive(expr: string): string {
  if (!ORDER_DEPENDENT.test(expr)) return expr;
  return isScalar(expr) ? `round(vector(${expr}), ${SUM_RESOLUTION})` : `round(${expr}, ${SUM_RESOLUTION})`;
}

/** Alerting rules whose firing times (from alert-rules.ts) promtool's `alert_rule_test` checks. */
export interface AlertCases {
  readonly rules: readonly AlertRule[];
  readonly evaluationIntervalMs: number;
  readonly evalTimesMs: readonly number[];
  /** The rule file's name as the test file refers to it (written beside it). */
  readonly rulesFile: string;
}

export interface PromtoolFile {
  readonly yaml: string;
  /** The rule file for the alert cases, when given. */
  readonly rulesYaml?: string;
  /** Cases our evaluator could not answer (an error): they are left out of the file. */
  readonly errors: readonly { readonly expr: string; readonly error: string }[];
}

function rulesFile(rules: readonly AlertRule[]): string {
  const lines = ['groups:', '  - name: outage-lab', '    rules:'];
  for (const r of rules) {
    lines.push(
      `      - alert: ${JSON.stringify(r.alert)}`,
      `        expr: ${JSON.stringify(r.expr)}`,
      `        for: ${duration(r.forMs)}`,
    );
    if (r.keepFiringForMs) lines.push(`        keep_firing_for: ${duration(r.keepFiringForMs)}`);
    const labels = Object.entries(r.labels ?? {});
    if (labels.length > 0)
      lines.push(
        '        labels:',
        ...labels.map(([k, v]) => `          ${JSON.stringify(k)}: ${JSON.stringify(v)}`),
      );
  }
  return lines.join('\n') + '\n';
}

/** The test file; every series' timestamps must be multiples of `intervalMs`. */
export function promtoolTestFile(
  source: PromSource,
  intervalMs: number,
  cases: readonly ExprCase[],
  alerts?: AlertCases,
): PromtoolFile {
  const lines = [
    `rule_files: ${alerts ? JSON.stringify([alerts.rulesFile]) : '[]'}`,
    `evaluation_interval: ${duration(alerts?.evaluationIntervalMs ?? 60_000)}`,
    'tests:',
    `  - interval: ${duration(intervalMs)}`,
    '    input_series:',
  ];
  for (const s of source.series()) {
    lines.push(`      - series: ${JSON.stringify(metricText(s.labels))}`);
    lines.push(`        values: ${JSON.stringify(inputValues(s, intervalMs))}`);
  }
  lines.push('    promql_expr_test:');
  const errors: { expr: string; error: string }[] = [];
  for (const c of cases) {
    for (const check of checksFor(source, c)) {
      if ('error' in check) {
        errors.push({ expr: check.expr, error: check.error });
        continue;
      }
      lines.push(`      - expr: ${JSON.stringify(check.expr)}`);
      lines.push(`        eval_time: ${duration(c.evalMs)}`);
      if (check.samples.length === 0) {
        lines.push('        exp_samples: []');
        continue;
      }
      lines.push('        exp_samples:');
      for (const s of check.samples) {
        lines.push(`          - labels: ${JSON.stringify(metricText(s.labels))}`);
        lines.push(`            value: ${yamlFloat(s.value)}`);
      }
    }
  }
  if (!alerts) return { yaml: lines.join('\n') + '\n', errors };
  lines.push('    alert_rule_test:');
  const until = Math.max(...alerts.evalTimesMs);
  for (const rule of alerts.rules) {
    const timeline = evaluateAlertRule(source, rule, alerts.evaluationIntervalMs, until);
    if (!timeline.ok) {
      errors.push({ expr: rule.expr, error: timeline.error });
      continue;
    }
    for (const t of alerts.evalTimesMs) {
      lines.push(`      - eval_time: ${duration(t)}`, `        alertname: ${JSON.stringify(rule.alert)}`);
      const firing = firingAt(timeline.evaluations, t);
      if (firing.length === 0) {
        lines.push('        exp_alerts: []');
        continue;
      }
      lines.push('        exp_alerts:');
      for (const a of firing) {
        const labels = sortedNames(a.labels).filter((n) => n !== 'alertname');
        lines.push(labels.length === 0 ? '          - exp_labels: {}' : '          - exp_labels:');
        for (const n of labels)
          lines.push(`              ${JSON.stringify(n)}: ${JSON.stringify(a.labels[n])}`);
      }
    }
  }
  return { yaml: lines.join('\n') + '\n', rulesYaml: rulesFile(alerts.rules), errors };
}
