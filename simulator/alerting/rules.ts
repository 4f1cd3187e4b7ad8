/**
 * A scenario's alerting rules as one flat list: each rule of each group with what the console,
 * scoring and the debrief read (name, severity, receiver, summary, runbook). The receiver is the
 * route's answer for the rule's own labels and its alertname, so a rule always notifies one place.
 */
import { DEFAULTS } from '../scenario/defaults';
import type { Receiver, Scenario, Severity } from '../scenario/schema';
import { receiverFor } from './alertmanager/routes';

export interface ScenarioAlert {
  /** The rule's `alert` (Prometheus's alertname). */
  readonly name: string;
  readonly group: string;
  /** The group's evaluation interval, seconds. */
  readonly interval: number;
  readonly expr: string;
  /** `for`, seconds. */
  readonly for: number;
  /** `keep_firing_for`, seconds (0 when absent). */
  readonly keepFiringFor: number;
  /** The rule's labels, severity included, plus alertname. */
  readonly labels: Readonly<Record<string, string>>;
  readonly severity: Severity;
  readonly route: Receiver;
  readonly summary: string;
  /** Markdown shown beside the alert (annotations.description). */
  readonly runbook: string;
  readonly runbookUrl?: string;
  /** JSON path of the rule in the file, e.g. `alerting.groups[0].rules[2]`. */
  readonly path: string;
}

const cache = new WeakMap<object, readonly ScenarioAlert[]>();

/** Every alerting rule of the scenario, in group then rule order. */
export function scenarioAlerts(scenario: Pick<Scenario, 'alerting'>): readonly ScenarioAlert[] {
  const section = scenario.alerting;
  let rules = cache.get(section);
  if (rules) return rules;
  rules = section.groups.flatMap((group, g) =>
    group.rules.map((rule, r) => {
      const labels: Record<string, string> = { ...rule.labels, alertname: rule.alert };
      return {
        name: rule.alert,
        group: group.name,
        interval: group.interval,
        expr: rule.expr,
        for: rule.for,
        keepFiringFor: rule.keep_firing_for ?? DEFAULTS.alertRule.keepFiringFor,
        labels,
        severity: rule.labels.severity,
        route: receiverFor(section.route, labels),
        summary: rule.annotations.summary,
        runbook: rule.annotations.description ?? '',
        ...(rule.annotations.runbook_url !== undefined ? { runbookUrl: rule.annotations.runbook_url } : {}),
        path: `alerting.groups[${g}].rules[${r}]`,
      };
    }),
  );
  cache.set(section, rules);
  return rules;
}
