/**
 * Prometheus alerting rules (expr + for) over a run's series, as Prometheus 2.42's rule manager
 * runs them: the group is evaluated every `intervalMs` from t = 0; each element of the result is
 * an alert (its labels, the rule's labels and `alertname`), pending from the evaluation it first
 * appears at and firing once it has been active for `for`; an element that disappears resolves
 * its alert, and a later one starts a new pending period. With `keep_firing_for` (Prometheus
 * 2.42's new field) a firing alert whose element disappears stays firing until it has been gone
 * that long, counted from the first evaluation without it.
 */
import type { Expr } from './ast';
import { evaluateInstant, evaluateRange, MAX_RANGE_STEPS } from './evaluate';
import { dropMetricName, labelsKey } from './labels';
import { parsePromQL } from './parse';
import type { PromLabels, PromSource } from './types';
import type { Sample } from './values';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly forMs: number;
  readonly labels?: PromLabels;
  readonly keepFiringForMs?: number;
}

export interface ActiveAlert {
  readonly labels: PromLabels;
  readonly activeAtMs: number;
  readonly firing: boolean;
  readonly value: number;
}

/** The rule's active alerts after each evaluation. */
export interface AlertEvaluation {
  readonly timeMs: number;
  readonly alerts: readonly ActiveAlert[];
}

export type AlertTimeline =
  | { readonly ok: true; readonly evaluations: readonly AlertEvaluation[] }
  | { readonly ok: false; readonly error: string };

/**
 * One rule's active alerts across evaluations: feed it each evaluation's result (in time order)
 * and it answers the alerts after that evaluation. evaluateAlertRule runs it over a whole run; the
 * engine (alerting/engine.ts) runs it as the simulation goes.
 */
export class AlertRuleState {
  private readonly active = new Map<
    string,
    { labels: PromLabels; activeAtMs: number; value: number; keepSinceMs?: number }
  >();
  private readonly keepMs: number;
  /**
   * An element's alert labels and their key, by the element's label set (which never changes,
   * labels.ts): an evaluation of the same series builds no new label sets.
   */
  private readonly alertLabels = new WeakMap<PromLabels, { labels: PromLabels; key: string }>();

  constructor(private readonly rule: AlertRule) {
    this.keepMs = rule.keepFiringForMs ?? 0;
  }

  private labelsOf(element: PromLabels): { labels: PromLabels; key: string } {
    let made = this.alertLabels.get(element);
    if (!made) {
      const { rule } = this;
      const labels = { ...dropMetricName(element), ...rule.labels, alertname: rule.alert };
      this.alertLabels.set(element, (made = { labels, key: labelsKey(labels) }));
    }
    return made;
  }

  step(t: number, samples: readonly Sample[]): ActiveAlert[] {
    const { rule, active, keepMs } = this;
    // Each alert key at its first element's place, with its last element (index into samples).
    const seen = new Map<string, number>();
    for (let i = 0; i < samples.length; i++) seen.set(this.labelsOf(samples[i]!.labels).key, i);
    const alerts: ActiveAlert[] = [];
    for (const [key, alert] of active) {
      if (seen.has(key)) continue;
      // Firing (already past `for`) and still inside keep_firing_for: it stays, with its last value.
      const firing = t - alert.activeAtMs >= rule.forMs;
      if (firing && keepMs > 0 && t - (alert.keepSinceMs ??= t) < keepMs) {
        alerts.push({ labels: alert.labels, activeAtMs: alert.activeAtMs, firing: true, value: alert.value });
      } else active.delete(key);
    }
    for (const [key, i] of seen) {
      const { labels } = this.labelsOf(samples[i]!.labels);
      const { value } = samples[i]!;
      let alert = active.get(key);
      if (!alert) active.set(key, (alert = { labels, activeAtMs: t, value }));
      alert.value = value;
      alert.keepSinceMs = undefined;
      alerts.push({
        labels,
        activeAtMs: alert.activeAtMs,
        firing: t - alert.activeAtMs >= rule.forMs,
        value,
      });
    }
    return alerts;
  }
}

export function evaluateAlertRule(
  source: PromSource,
  rule: AlertRule,
  intervalMs: number,
  untilMs: number,
): AlertTimeline {
  if (!(intervalMs > 0)) return { ok: false, error: 'the evaluation interval must be positive' };
  const evaluations: AlertEvaluation[] = [];
  const parsed = parsePromQL(rule.expr);
  if (parsed.ok && parsed.type !== 'vector')
    return { ok: false, error: `${rule.alert}: an alert expression must give an instant vector` };
  const steps = vectorsPerEvaluation(source, rule.expr, intervalMs, untilMs);
  if (!steps.ok) return { ok: false, error: `${rule.alert}: ${steps.error}` };
  const state = new AlertRuleState(rule);
  for (const [t, samples] of steps.results) evaluations.push({ timeMs: t, alerts: state.step(t, samples) });
  return { ok: true, evaluations };
}

export type StepResults =
  | { readonly ok: true; readonly results: Map<number, Sample[]> }
  | { readonly ok: false; readonly error: string };

/**
 * An expression's value at every evaluation time 0, interval, ... untilMs, as a rule manager sees
 * it (a scalar as one sample without labels). A range query gives the same answers as one instant
 * query per step, some 25 times faster (one selection for all steps), except where `@ start()` /
 * `@ end()` would read the range's ends: those run step by step.
 */
export function vectorsPerEvaluation(
  source: PromSource,
  expr: string,
  intervalMs: number,
  untilMs: number,
): StepResults {
  if (!(intervalMs > 0)) return { ok: false, error: 'the evaluation interval must be positive' };
  const parsed = parsePromQL(expr);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const results = new Map<number, Sample[]>();
  for (let t = 0; t <= untilMs; t += intervalMs) results.set(t, []);
  if (usesAtModifier(parsed.expr)) {
    for (const [t, samples] of results) {
      const result = evaluateInstant(source, expr, t);
      if (!result.ok) return { ok: false, error: result.error };
      const v = result.value;
      if (v.type === 'vector') samples.push(...v.samples);
      else if (v.type === 'scalar') samples.push({ labels: {}, value: v.value });
    }
    return { ok: true, results };
  }
  const chunk = (MAX_RANGE_STEPS - 1) * intervalMs;
  for (let start = 0; start <= untilMs; start += chunk + intervalMs) {
    const end = Math.min(untilMs, start + chunk);
    const range = evaluateRange(source, expr, start, end, intervalMs);
    if (!range.ok) return { ok: false, error: range.error };
    for (const series of range.series)
      series.timestamps.forEach((t, k) =>
        results.get(t)?.push({ labels: series.labels, value: series.values[k]! }),
      );
  }
  return { ok: true, results };
}

function usesAtModifier(e: Expr): boolean {
  switch (e.kind) {
    case 'vectorSelector':
      return e.at !== undefined;
    case 'matrixSelector':
      return e.selector.at !== undefined;
    case 'call':
      return e.args.some(usesAtModifier);
    case 'aggregate':
      return usesAtModifier(e.expr) || (e.param !== undefined && usesAtModifier(e.param));
    case 'binary':
      return usesAtModifier(e.lhs) || usesAtModifier(e.rhs);
    case 'unary':
      return usesAtModifier(e.expr);
    default:
      return false;
  }
}

/** The alerts firing at `timeMs`: the state after the last evaluation at or before it. */
export function firingAt(evaluations: readonly AlertEvaluation[], timeMs: number): readonly ActiveAlert[] {
  let last: AlertEvaluation | undefined;
  for (const e of evaluations) if (e.timeMs <= timeMs) last = e;
  return last ? last.alerts.filter((a) => a.firing) : [];
}
