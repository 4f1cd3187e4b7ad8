/**
 * Prometheus alerting rules (expr + for) over a run's series, as Prometheus 2.42's rule manager
 * runs them: the group is evaluated every `intervalMs` from t = 0; each element of the result is
 * an alert (its labels, the rule's labels and `alertname`), pending from the evaluation it first
 * appears at and firing once it has been active for `for`; an element that disappears resolves
 * its alert, and a later one starts a new pending period.
 */
import { evaluateInstant } from './evaluate';
import { dropMetricName, labelsKey } from './labels';
import type { PromLabels, PromSource } from './types';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly forMs: number;
  readonly labels?: PromLabels;
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
  const active = new Map<string, { labels: PromLabels; activeAtMs: number }>();
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
    for (const key of active.keys()) if (!seen.has(key)) active.delete(key);
    const alerts: ActiveAlert[] = [];
    for (const [key, { labels, value }] of seen) {
      let alert = active.get(key);
      if (!alert) active.set(key, (alert = { labels, activeAtMs: t }));
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
