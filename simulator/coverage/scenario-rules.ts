/**
 * A scenario's own alerting rules as a Prometheus rule file's groups, so "would the alerts have
 * caught it?" can check the rules the trainee was paged by with the same code that checks a
 * team's file (`outage-lab alerts check`, the debrief, the editor's preview).
 */
import type { Scenario } from '../scenario/schema';
import { parseRuleFile, type RuleGroup } from './rule-file';

/** Seconds as a Prometheus duration ("90s"): the rule file's own field format. */
const seconds = (s: number) => `${s}s`;

export function scenarioRuleGroups(scenario: Scenario): readonly RuleGroup[] {
  const file = {
    groups: scenario.alerting.groups.map((g) => ({
      name: g.name,
      interval: seconds(g.interval),
      rules: g.rules.map((r) => ({
        alert: r.alert,
        expr: r.expr,
        for: seconds(r.for),
        ...(r.keep_firing_for !== undefined ? { keep_firing_for: seconds(r.keep_firing_for) } : {}),
        labels: r.labels,
        annotations: r.annotations,
      })),
    })),
  };
  const parsed = parseRuleFile(JSON.stringify(file));
  // The scenario validated its PromQL with the same grammar, so a failure here is a bug of ours.
  if (!parsed.ok)
    throw new Error(
      `scenario ${scenario.id}: its alerting rules do not read as a rule file: ${parsed.errors[0]!.path} ${parsed.errors[0]!.message}`,
    );
  return parsed.groups;
}
