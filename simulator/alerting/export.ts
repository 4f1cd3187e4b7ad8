/**
 * A scenario's alerting rules as a Prometheus rule file (`outage-lab alerts export FILE`), YAML
 * in the shape `promtool check rules` and Prometheus's rule manager read: the same groups, rules,
 * labels and annotations, durations written as Prometheus writes them ("1m30s").
 */
import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema';

/** Seconds as a Prometheus duration: 90 -> "1m30s", 0.25 -> "250ms", 0 -> "0s". */
export function promDuration(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  let out = '';
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(ms / size);
    if (n > 0) out += `${n}${unit}`;
    ms -= n * size;
  }
  return out;
}

/** The rule file's object: `groups` as Prometheus reads them. */
export function ruleFileObject(scenario: Pick<Scenario, 'alerting'>): { groups: Record<string, unknown>[] } {
  return {
    groups: scenario.alerting.groups.map((g) => ({
      name: g.name,
      interval: promDuration(g.interval),
      rules: g.rules.map((r) => {
        const annotations = Object.fromEntries(
          Object.entries(r.annotations).filter(([, v]) => typeof v === 'string' && v !== ''),
        );
        return {
          alert: r.alert,
          expr: r.expr,
          ...(r.for > 0 ? { for: promDuration(r.for) } : {}),
          ...(r.keep_firing_for ? { keep_firing_for: promDuration(r.keep_firing_for) } : {}),
          labels: { ...r.labels },
          ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        };
      }),
    })),
  };
}

/** The rule file's text, with a header naming the scenario. */
export function prometheusRuleFile(scenario: Pick<Scenario, 'alerting' | 'id'>): string {
  const header = `# Alerting rules of the Outage Lab scenario "${scenario.id}" (outage-lab alerts export).\n`;
  return header + stringify(ruleFileObject(scenario), { lineWidth: 0 });
}
