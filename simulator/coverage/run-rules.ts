/**
 * A rule file's groups evaluated over one run's series, as Prometheus's rule manager would have
 * run them: each group every `interval` from t = 0 (the default evaluation interval when it has
 * none), its rules in order. A recording rule's output becomes series that later rules read, as
 * within a Prometheus group; it is computed over the whole run before the next rule, which gives
 * the same answers because an evaluation at t reads nothing after t. Alerting rules go through
 * prom/alert-rules.ts. A rule whose metrics the source never has is not evaluated: it reports the
 * names it is missing instead (an `absent()` over them would otherwise "fire" from the start).
 */
import { evaluateAlertRule, vectorsPerEvaluation, type AlertEvaluation } from '../prom/alert-rules';
import { dropMetricName, labelsKey } from '../prom/labels';
import type { PromLabels, PromSeries, PromSource } from '../prom/types';
import { selectedMetricNames, vectorSelectors, type Rule, type RuleGroup } from './rule-file';
import { matches } from '../prom/select';
import type { Expr } from '../prom/ast';

/** Prometheus's default `evaluation_interval`. */
export const DEFAULT_EVALUATION_MS = 60_000;

export interface RuleRun {
  readonly group: string;
  readonly rule: Rule;
  readonly intervalMs: number;
  /** Metric names the expression selects that no series in the source carries. */
  readonly missing: readonly string[];
  /**
   * Selectors of metrics the source has whose label matchers match none of its series, e.g.
   * `kube_deployment_status_replicas_available{job="kube-state-metrics"} (its series carry
   * deployment, namespace)`: the usual reason a copied rule stays silent.
   */
  readonly unmatched?: readonly string[];
  /** An evaluation error (e.g. many-to-many matching), with the rule's name. */
  readonly error?: string;
  /** Alerting rules that ran: the alerts after every evaluation. */
  readonly evaluations?: readonly AlertEvaluation[];
  /** Recording rules that ran: how many series they wrote. */
  readonly recordedSeries?: number;
}

export interface RuleRunOptions {
  readonly untilMs: number;
  readonly defaultIntervalMs?: number;
}

export function runRuleGroups(
  source: PromSource,
  groups: readonly RuleGroup[],
  options: RuleRunOptions,
): RuleRun[] {
  const recorded: PromSeries[] = [];
  const base = source.series();
  const names = new Set(base.map((s) => s.labels.__name__ ?? ''));
  const current: PromSource = { series: () => (recorded.length ? [...base, ...recorded] : base) };
  const runs: RuleRun[] = [];
  for (const group of groups) {
    const intervalMs = group.intervalMs ?? options.defaultIntervalMs ?? DEFAULT_EVALUATION_MS;
    for (const rule of group.rules) {
      const missing = selectedMetricNames(rule.parsed).filter((n) => !names.has(n));
      const unmatched = missing.length ? [] : unmatchedSelectors(rule.parsed, current.series());
      const run = {
        group: group.name,
        rule,
        intervalMs,
        missing,
        ...(unmatched.length ? { unmatched } : {}),
      };
      if (missing.length > 0) {
        runs.push(run);
        continue;
      }
      if (rule.kind === 'alert') {
        const timeline = evaluateAlertRule(
          current,
          {
            alert: rule.name,
            expr: rule.expr,
            forMs: rule.forMs,
            keepFiringForMs: rule.keepFiringForMs,
            labels: rule.labels,
          },
          intervalMs,
          options.untilMs,
        );
        runs.push(
          timeline.ok ? { ...run, evaluations: timeline.evaluations } : { ...run, error: timeline.error },
        );
        continue;
      }
      const steps = vectorsPerEvaluation(current, rule.expr, intervalMs, options.untilMs);
      if (!steps.ok) {
        runs.push({ ...run, error: `${rule.name}: ${steps.error}` });
        continue;
      }
      const written = recordedSeries(rule.name, rule.labels, steps.results);
      recorded.push(...written);
      if (written.length > 0) names.add(rule.name);
      runs.push({ ...run, recordedSeries: written.length });
    }
  }
  return runs;
}

/**
 * A recording rule's output as series: each sample renamed to the rule and given its labels, one
 * series per label set, with a sample at each evaluation that produced it and a staleness marker
 * at each evaluation that stopped producing it, as Prometheus's rule manager writes them.
 */
function recordedSeries(
  name: string,
  ruleLabels: PromLabels,
  results: ReadonlyMap<number, readonly { labels: PromLabels; value: number }[]>,
): PromSeries[] {
  const byKey = new Map<
    string,
    { labels: PromLabels; timestamps: number[]; values: number[]; stale: number[]; lastMs: number }
  >();
  let previousMs = -Infinity;
  for (const [t, samples] of results) {
    for (const s of samples) {
      const labels = { ...dropMetricName(s.labels), ...ruleLabels, __name__: name };
      const key = labelsKey(labels);
      let series = byKey.get(key);
      if (!series) byKey.set(key, (series = { labels, timestamps: [], values: [], stale: [], lastMs: t }));
      series.timestamps.push(t);
      series.values.push(s.value);
      series.lastMs = t;
    }
    for (const series of byKey.values()) if (series.lastMs === previousMs) series.stale.push(t);
    previousMs = t;
  }
  return [...byKey.values()].map((s) => ({
    labels: s.labels,
    timestamps: Float64Array.from(s.timestamps),
    values: Float64Array.from(s.values),
    ...(s.stale.length ? { staleMs: Float64Array.from(s.stale) } : {}),
  }));
}

function unmatchedSelectors(e: Expr, series: readonly PromSeries[]): string[] {
  const out: string[] = [];
  for (const selector of vectorSelectors(e)) {
    const name = selector.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
    const rest = selector.matchers.filter((m) => m.name !== '__name__');
    if (name === undefined || rest.length === 0) continue;
    const named = series.filter((s) => s.labels.__name__ === name);
    if (named.some((s) => rest.every((m) => matches(m, s.labels[m.name] ?? '')))) continue;
    const carried = [...new Set(named.flatMap((s) => Object.keys(s.labels)))]
      .filter((l) => l !== '__name__')
      .sort();
    const text = `${name}{${rest.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ')}}`;
    if (!out.some((o) => o.startsWith(text)))
      out.push(`${text} (its series carry ${carried.join(', ') || 'no labels'})`);
  }
  return out;
}
