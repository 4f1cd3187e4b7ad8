/**
 * Warnings that need the engine: the scenario run with no fault (its baseline) for up to ten
 * minutes. A service that fails or saturates there is over capacity before anything breaks (a
 * hidden default such as cpuPerRequest x traffic above cpuLimit), and an alert that fires there
 * pages the trainee for a healthy system (chat and email alerts may be noise on purpose). Each warning has the JSON path of what to change.
 */
import { createSimulation } from '../engine/index';
import { scenarioAlerts } from '../alerting/rules';
import type { Scenario } from '../scenario/schema';
import type { ScenarioWarning } from '../scenario/warnings';
import { firstFirings } from './run-times';

/** Simulated seconds of baseline, and the final window the node checks average over. */
const BASELINE_SECONDS = 600;
const WINDOW_SECONDS = 120;
const MAX_ERROR_RATIO = 0.01;
const MAX_UTILIZATION = 0.95;

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

export function baselineWarnings(scenario: Scenario): ScenarioWarning[] {
  const seconds = Math.min(scenario.duration, BASELINE_SECONDS);
  const healthy: Scenario = { ...scenario, faults: [] };
  const sim = createSimulation(healthy, {
    historyTicks: Math.ceil(seconds / scenario.tickSeconds) + 1,
    logCapacity: 1,
    traceCapacity: 1,
  });
  sim.runUntil(seconds);
  const m = sim.metrics;
  const from = Math.max(m.firstTick, sim.tick - Math.round(WINDOW_SECONDS / scenario.tickSeconds));
  const mean = (metric: string, node: string): number => {
    const s = m.find(metric, node);
    if (s < 0) return NaN;
    let sum = 0;
    let n = 0;
    for (let t = from; t < sim.tick; t++) {
      const v = m.at(s, t);
      if (!Number.isFinite(v)) continue;
      sum += v;
      n++;
    }
    return n === 0 ? NaN : sum / n;
  };

  const warnings: ScenarioWarning[] = [];
  scenario.nodes.forEach((node, i) => {
    if (node.kind === 'client') return;
    const errors = mean('error_ratio', node.id);
    const cpu = mean('cpu_utilization', node.id);
    const saturation = mean('saturation', node.id);
    const why: string[] = [];
    if (errors > MAX_ERROR_RATIO) why.push(`fails ${pct(errors)} of requests`);
    if (cpu >= MAX_UTILIZATION) why.push(`uses ${pct(cpu)} of its CPU limit`);
    if (saturation >= MAX_UTILIZATION) why.push(`has ${pct(saturation)} of its threads or connections busy`);
    if (why.length === 0) return;
    warnings.push({
      path: `nodes[${i}]`,
      message: `'${node.id}' ${why.join(', ')} with no fault at all (mean of minutes ${(seconds - WINDOW_SECONDS) / 60}-${seconds / 60} of a fault-free run): it is over capacity before anything breaks; raise its replicas, cpuLimit, threads or connections, or lower the traffic`,
    });
  });

  const fired = firstFirings(sim.events);
  // Only pages: a chat or email alert firing on a healthy system is the noise an alert-storm
  // scenario is made of.
  scenarioAlerts(scenario).forEach((alert) => {
    const t = fired.get(alert.name);
    if (t === undefined || alert.route !== 'page') return;
    warnings.push({
      path: `${alert.path}.expr`,
      message: `'${alert.name}' fires at T+${Math.floor(t / 60)}:${String(Math.round(t % 60)).padStart(2, '0')} in a fault-free run: it pages the trainee for a healthy system; raise its threshold or its for`,
    });
  });
  return warnings;
}
