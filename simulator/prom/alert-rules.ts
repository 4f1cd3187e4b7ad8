/**
 * Prometheus alerting rules (expr + for) over a run's series, as Prometheus 2.42's rule manager
 * runs them: the group is evaluated every `intervalMs` from t = 0; each element of the result is
 * an alert (its labels, the rule's labels and `alertname`), pending from the evaluation it first
 * appears at and firing once it has been active for `for`; an element that disappears resolves
 * its alert, and a later one starts a new pending period. With `keep_firing_for` (Prometheus
 * 2.42's new field) a firing alert whose element disappears stays firing until it has been gone
 * that long, counted from the first evaluation without it.
 */
import { evaluateInstant } from './evaluate';
import { dropMetricName, labelsKey } from './labels';
import type { PromLabels, PromSource } from './types';

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

export function evaluateAlertRule(
  source: PromSource,
  rule: AlertRule,
  intervalMs: number,
  untilMs: number,
): AlertTimeline {
  if (!(intervalMs > 0)) return { ok: false, error: 'the evaluation interval must be positive' };
  const keepMs = rule.keepFiringForMs ?? 0;
  const active = new Map<
    string,
    { labels: PromLabels; activeAtMs: number; value: number; keepSinceMs?: number }
  >();
  const evaluations: AlertEvaluation[] = [];
  for (let t = 0; t <= untilMs; t += intervalMs) {
    const result = evaluateInstant(source, rule.expr, t);
    if (!result.ok) return { ok: false, error: `${rule.alert}: ${result.error}` };
    if (result.value.type !== 'vector')
      return { ok: false, error: `${rule.alert}: an alert expression must give an instant vector` };
    const seen = new Map<string, { labels: PromLabels; value: number }>();
    for (const s of result.value.samples) {
      const labels = { ...dropMetricName(s.labels), ...rule.labels, alertname: rule.alert };
      seen.set(labelsKey(labels), { labels, value: s.value });
    }
    const alerts: ActiveAlert[] = [];
    for (const [key, alert] of active) {
      if (seen.has(key)) continue;
      // Firing (already past `for`) and still inside keep_firing_for: it stays, with its last value.
      const firing = t - alert.activeAtMs >= rule.forMs;
      if (firing && keepMs > 0 && t - (alert.keepSinceMs ??= t) < keepMs) {
        alerts.push({ labels: alert.labels, activeAtMs: alert.activeAtMs, firing: true, value: alert.value });
      } else active.delete(key);
    }
    for (const [key, { labels, value }] of seen) {
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
    evaluations.push({ timeMs: t, alerts });
  }
  return { ok: true, evaluations };
}

/** The alerts firing at `timeMs`: the state after the last evaluation at or before it. */
export function firingAt(evaluations: readonly AlertEvaluation[], timeMs: number): readonly ActiveAlert[] {
  let last: AlertEvaluation | undefined;
  for (const e of evaluations) if (e.timeMs <= timeMs) last = e;
  return last ? last.alerts.filter((a) => a.firing) : [];
}
