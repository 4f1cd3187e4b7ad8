/**
 * Preview: runs a scenario headless at full speed twice, with no response and with its scripted
 * solution, and reduces each run to what an author needs to judge it: when each alert first
 * fires, each SLO metric over time (downsampled) and whether the SLOs hold at the end.
 * Pure (no DOM): runs in the preview worker, or in the UI thread where no Worker exists.
 */
import { baselineWarnings } from '../../../simulator/check/baseline';
import { scenarioAlerts } from '../../../simulator/alerting/rules';
import { firstFirings, sloStretch } from '../../../simulator/check/run-times';
import { scenarioWarnings, type ScenarioWarning } from '../../../simulator/scenario/warnings';
import { createSimulation } from '../../../simulator/engine';
import { runSteps, solutionSteps } from '../../../simulator/runs/replay';
import type { Scenario } from '../../../simulator/scenario/schema';
import { downsampleMinMax } from '../../../simulator/series/downsample';

export const CHART_POINTS = 240;

export interface PreviewSeries {
  readonly label: string;
  readonly node: string;
  readonly metric: string;
  readonly max: number;
  readonly hasDescription: boolean;
  /** [time s, value] pairs, downsampled (min and max per bucket, so spikes and dips survive); null: no data. */
  readonly points: readonly (readonly [number, number | null])[];
}

export interface PreviewRun {
  /** First time each alert fired (null: never). */
  readonly alerts: readonly { readonly name: string; readonly firstFiring: number | null }[];
  readonly slos: readonly PreviewSeries[];
  /** Start of the last stretch in which every SLO held up to the end; null when broken at the end. */
  readonly holdsFrom: number | null;
  /** Whether that stretch lasts at least objectives.holdFor. */
  readonly mitigated: boolean;
}

export interface PreviewResult {
  readonly duration: number;
  readonly baseline: PreviewRun;
  readonly solution: PreviewRun;
  readonly hasSolution: boolean;
  readonly winnable: boolean;
  readonly losable: boolean;
  /** Almost-always-a-mistake configurations, the static ones and those of a fault-free run. */
  readonly warnings: readonly ScenarioWarning[];
  readonly ms: number;
}

function runOnce(scenario: Scenario, withSolution: boolean): PreviewRun {
  const sim = createSimulation(scenario);
  runSteps(sim, withSolution ? solutionSteps(scenario) : []);
  const { metrics, tickSeconds } = sim;
  const first = firstFirings(sim.events);
  const alerts = scenarioAlerts(scenario).map((a) => ({
    name: a.name,
    firstFiring: first.get(a.name) ?? null,
  }));

  const values = scenario.objectives.slos.map((slo) => {
    const index = metrics.find(slo.metric, slo.node);
    return index < 0 ? new Float64Array(0) : metrics.read(index);
  });
  const t0 = metrics.firstTick;
  // the score's rule (run-times.ts): no data holds
  const { holdsFrom, end } = sloStretch(scenario, metrics, tickSeconds);
  const mitigated = holdsFrom !== null && end - holdsFrom >= scenario.objectives.holdFor;

  const slos = scenario.objectives.slos.map((slo, i) => {
    const v = values[i] ?? new Float64Array(0);
    const points = downsampleMinMax(v, {
      first: 0,
      last: v.length - 1,
      maxPoints: CHART_POINTS,
      tickSeconds,
      firstTick: t0,
    }).map((p): [number, number | null] => [p.t, p.v]);
    return {
      label: slo.description ?? `${slo.metric} of ${slo.node} ≤ ${slo.max}`,
      node: slo.node,
      metric: slo.metric,
      max: slo.max,
      hasDescription: slo.description !== undefined,
      points,
    };
  });
  return { alerts, slos, holdsFrom, mitigated };
}

export function runPreview(scenario: Scenario): PreviewResult {
  const started = performance.now();
  const baseline = runOnce(scenario, false);
  const solution = runOnce(scenario, true);
  return {
    duration: scenario.duration,
    baseline,
    solution,
    hasSolution: scenario.solution.length > 0,
    winnable: solution.mitigated,
    losable: !baseline.mitigated,
    warnings: [...scenarioWarnings(scenario), ...baselineWarnings(scenario)],
    ms: performance.now() - started,
  };
}
