/**
 * "Would the alerts have caught it?" in the app: the scenario played headless with no response
 * (and with its scripted solution), checked against its own alerting rules or a team's
 * Prometheus rule file (with an optional name mapping), as `outage-lab alerts check` does.
 */
import { checkScenarioAlerts } from '../../../simulator/coverage/check-scenario';
import { parseMapping, type MetricMapping } from '../../../simulator/coverage/mapping';
import { parseRuleFile, type RuleGroup } from '../../../simulator/coverage/rule-file';
import { scenarioRuleGroups } from '../../../simulator/coverage/scenario-rules';
import type { ScenarioCoverage } from '../../../simulator/coverage/summarize';
import type { Scenario } from '../../../simulator/scenario/schema';

export interface CoverageRequest {
  readonly scenario: Scenario;
  /** A Prometheus rule file (YAML or JSON, a PrometheusRule too); absent: the scenario's own rules. */
  readonly rules?: { readonly name: string; readonly text: string };
  /** Their metric and label names -> ours (YAML), as `alerts check --map`. */
  readonly mapping?: { readonly name: string; readonly text: string };
}

/** A problem in one of the files, with where it is (`groups[0].rules[2].expr`, line 14). */
export interface CoverageProblem {
  readonly file: string;
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

export type CoverageReply =
  | {
      readonly ok: true;
      readonly coverage: ScenarioCoverage;
      readonly rules: number;
      readonly source: string;
    }
  | { readonly ok: false; readonly problems: readonly CoverageProblem[] };

export function checkCoverage(request: CoverageRequest): CoverageReply {
  const problems: CoverageProblem[] = [];
  let groups: readonly RuleGroup[];
  if (request.rules) {
    const parsed = parseRuleFile(request.rules.text);
    if (parsed.ok) groups = parsed.groups;
    else {
      groups = [];
      for (const e of parsed.errors) problems.push({ file: request.rules.name, ...e });
    }
  } else groups = scenarioRuleGroups(request.scenario);
  let mapping: MetricMapping | undefined;
  if (request.mapping) {
    const parsed = parseMapping(request.mapping.text);
    if (parsed.ok) mapping = parsed.mapping;
    else for (const e of parsed.errors) problems.push({ file: request.mapping.name, ...e });
  }
  if (problems.length > 0) return { ok: false, problems };
  const rules = groups.reduce((n, g) => n + g.rules.filter((r) => r.kind === 'alert').length, 0);
  if (rules === 0)
    return {
      ok: false,
      problems: [
        {
          file: request.rules?.name ?? 'the scenario',
          path: 'groups',
          message: 'has no alerting rules (only `alert:` rules can page)',
        },
      ],
    };
  const coverage = checkScenarioAlerts(request.scenario, groups, mapping ? { mapping } : {});
  return { ok: true, coverage, rules, source: request.rules?.name ?? "the scenario's own rules" };
}
