/**
 * "Would our alerts have caught it?" for one scenario: play it headless with no response for its
 * duration (and, when it has one, with its scripted solution), read each run as Prometheus would
 * have scraped it, evaluate the team's rule groups over it and summarize. Pure engine code, so the
 * CLI, a worker or the app can run it.
 */
import { createSimulation, type Simulation } from '../engine/index';
import { sloTimes } from '../check/seed-run';
import { PROM_FAMILIES } from '../prom/catalog';
import type { PromSource } from '../prom/types';
import { prometheusView } from '../prom/view';
import { runSteps, solutionSteps } from '../runs/replay';
import type { Scenario } from '../scenario/schema';
import type { CsvSource } from '../series/csv';
import { applyMapping, type MetricMapping } from './mapping';
import type { RuleGroup } from './rule-file';
import { runRuleGroups } from './run-rules';
import { summarizeCoverage, type ScenarioCoverage } from './summarize';

export interface CoverageOptions {
  readonly mapping?: MetricMapping;
  /** Seconds between samples of the Prometheus view (default 15, Prometheus's usual scrape). */
  readonly scrapeSeconds?: number;
  /** Evaluation interval of groups without their own (default 1m, Prometheus's default). */
  readonly defaultIntervalMs?: number;
  /** Also play the scripted solution and report the alerts still firing at its end (default true). */
  readonly withSolution?: boolean;
}

/** Every metric name our view can produce (histograms as their series), and the names mapped to them. */
export function knownMetricNames(mapping?: MetricMapping): Set<string> {
  const names = new Set<string>();
  for (const f of PROM_FAMILIES) {
    if (f.type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(f.name + suffix);
    else names.add(f.name);
  }
  for (const [theirs, ours] of Object.entries(mapping?.metrics ?? {})) {
    if (names.has(ours)) names.add(theirs);
    for (const suffix of ['_bucket', '_sum', '_count'])
      if (names.has(ours + suffix)) names.add(theirs + suffix);
  }
  return names;
}

function columns(sim: Simulation): CsvSource {
  const m = sim.metrics;
  const values: Float64Array[] = [];
  for (const s of m.series) values[s.index] = m.read(s.index);
  return { series: m.series, values, length: m.length, tickSeconds: sim.tickSeconds, firstTick: m.firstTick };
}

function viewOf(scenario: Scenario, sim: Simulation, options: CoverageOptions): PromSource {
  const view = prometheusView(columns(sim), scenario.nodes, { scrapeSeconds: options.scrapeSeconds ?? 15 });
  return options.mapping ? applyMapping(view, options.mapping) : view;
}

/** The hidden fault onset: the earliest fault's `at` (0 for a scenario without faults). */
export function faultOnset(scenario: Scenario): number {
  return scenario.faults.length ? Math.min(...scenario.faults.map((f) => f.at)) : 0;
}

export function checkScenarioAlerts(
  scenario: Scenario,
  groups: readonly RuleGroup[],
  options: CoverageOptions = {},
): ScenarioCoverage {
  const historyTicks = Math.ceil(scenario.duration / scenario.tickSeconds) + 1;
  const untilMs = scenario.duration * 1000;
  const runOptions = { untilMs, defaultIntervalMs: options.defaultIntervalMs };

  const idle = createSimulation(scenario, { historyTicks, logCapacity: 1, traceCapacity: 1 });
  idle.runUntil(scenario.duration);
  const runs = runRuleGroups(viewOf(scenario, idle, options), groups, runOptions);

  let solutionRuns;
  if ((options.withSolution ?? true) && scenario.solution.length > 0) {
    const solved = createSimulation(scenario, { historyTicks, logCapacity: 1, traceCapacity: 1 });
    runSteps(solved, solutionSteps(scenario));
    solutionRuns = runRuleGroups(viewOf(scenario, solved, options), groups, runOptions);
  }
  return summarizeCoverage({
    scenario: scenario.id,
    onset: faultOnset(scenario),
    sloBroken: sloTimes(scenario, idle).firstBroken,
    runs,
    knownNames: new Set([
      ...knownMetricNames(options.mapping),
      ...groups.flatMap((g) => g.rules.filter((r) => r.kind === 'record').map((r) => r.name)),
    ]),
    solutionRuns,
  });
}
