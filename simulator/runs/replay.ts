/**
 * Timed steps <-> the engine. The same code feeds a live run's commands, a replay of a saved
 * run, the CLI's --actions file and the scenario tests, so they cannot disagree: a step applies
 * at the first tick whose time is at or after its `at`.
 */
import type { ActionResult, SimEvent, Simulation } from '../engine/api';
import { createSimulation } from '../engine/index';
import type { Scenario, TimedStep } from '../scenario/schema';
import { runShellCommand, shellContext } from '../shell/index';
import type { InvestigateTool, RunStep } from './record';
import { causeLabel } from '../scenario/causes';
import { NOTEBOOK_LABEL } from './notebook';

/** How the timeline shows a look with each tool. */
const LOOK_PREFIX: Readonly<Record<InvestigateTool, string>> = {
  shell: '$ ',
  logql: 'LogQL: ',
  traces: 'Trace search: ',
  trace: 'Opened trace ',
  promql: 'PromQL: ',
};

/** The event a trainee/instructor step records on the timeline (undefined for engine commands). */
export function stepEvent(step: RunStep, scenario?: Scenario): Omit<SimEvent, 't'> | undefined {
  switch (step.kind) {
    case 'acknowledge':
      return {
        kind: 'acknowledge',
        text: `Acknowledged ${step.alert ?? 'the page'}`,
        hidden: false,
        data: step.alert ? { alert: step.alert } : {},
      };
    case 'declare':
      return {
        kind: 'declare',
        node: step.node,
        text: `Declared root cause: ${causeLabel(step.category)} on ${step.node}`,
        hidden: false,
        data: {
          node: step.node,
          category: step.category,
          ...(step.hypothesis ? { hypothesis: step.hypothesis } : {}),
        },
      };
    case 'notebook':
      return {
        kind: 'notebook',
        text: `${NOTEBOOK_LABEL[step.entry]}: ${step.text}`,
        hidden: false,
        data: { entry: step.entry, text: step.text },
      };
    case 'hint': {
      const hint = scenario?.hints[step.index];
      return {
        kind: 'hint',
        text: `Hint ${step.index + 1}${hint ? `: ${hint.text}` : ''}`,
        hidden: false,
        data: { index: step.index, cost: hint?.cost ?? 5 },
      };
    }
    case 'note':
      return { kind: 'note', text: step.text, hidden: true };
    case 'investigate':
      return {
        kind: 'investigate',
        text: `${LOOK_PREFIX[step.tool ?? 'shell']}${step.command}`,
        hidden: false,
        data: { command: step.command, ...(step.tool ? { tool: step.tool } : {}) },
      };
    case 'severity':
      return {
        kind: 'severity',
        text: `Declared the incident ${step.severity}`,
        hidden: false,
        data: { severity: step.severity },
      };
    case 'status-update':
      return { kind: 'status-update', text: step.text, hidden: false };
    case 'runbook': {
      const page = scenario?.runbooks?.find((r) => r.id === step.page);
      return {
        kind: 'runbook',
        text: `Opened the runbook ${page ? `"${page.title}"` : step.page}`,
        hidden: false,
        data: { page: step.page },
      };
    }
    case 'status-page':
      return {
        kind: 'status-page',
        text: step.text,
        hidden: false,
        data: { state: step.state, impact: step.impact, components: step.components.join(', ') },
      };
    default:
      return undefined;
  }
}

/** Applies one step now. Engine commands return the engine's answer; recorded events return ok. */
export function applyStep(sim: Simulation, step: RunStep): ActionResult {
  if (step.kind === 'action') return sim.apply({ type: step.type, target: step.target, params: step.params });
  if (step.kind === 'inject') {
    return sim.inject({ type: step.type, target: step.target, duration: step.duration, params: step.params });
  }
  if (step.kind === 'escalate') return sim.escalate(step.team, step.text);
  if (step.kind === 'ask') {
    return sim.ask(step.team, {
      type: step.type,
      target: step.target,
      ...(step.params ? { params: step.params } : {}),
    });
  }
  if (step.kind === 'silence') {
    // The engine records the silence on the timeline (with the alerts it mutes) when it accepts it.
    return sim.silence({
      matchers: step.matchers,
      duration: step.duration,
      comment: step.comment,
      ...(step.createdBy ? { createdBy: step.createdBy } : {}),
    });
  }
  if (step.kind === 'investigate' && step.tool !== undefined && step.tool !== 'shell') {
    // A query or a trace the UI answered itself: only put on the timeline (read-only).
    const event = stepEvent(step) as Omit<SimEvent, 't'>;
    sim.record(event);
    return { ok: true, message: event.text };
  }
  if (step.kind === 'investigate') {
    // Read-only: the answer comes from the state before the command is put on the timeline.
    const result = runShellCommand(step.command, shellContext(sim));
    sim.record(stepEvent(step) as Omit<SimEvent, 't'>);
    return { ok: result.exitCode === 0, message: result.output };
  }
  const event = stepEvent(step, sim.scenario);
  if (event) sim.record(event);
  return { ok: true, message: event?.text ?? '' };
}

/** Steps the engine to `at` (the first tick at or after it). */
export function advanceTo(sim: Simulation, at: number): void {
  const limit = Math.min(at, sim.scenario.duration);
  while (sim.time < limit - 1e-9) sim.step();
}

/** Runs the steps in time order, then continues to `until` (default: the scenario's end). */
export function runSteps(
  sim: Simulation,
  steps: readonly RunStep[],
  until = sim.scenario.duration,
): ActionResult[] {
  const ordered = [...steps].sort((a, b) => a.at - b.at);
  const results: ActionResult[] = [];
  for (const step of ordered) {
    if (step.at > until) break;
    advanceTo(sim, step.at);
    results.push(applyStep(sim, step));
  }
  advanceTo(sim, until);
  return results;
}

/**
 * A fresh run of `scenario` on `seed` with `steps`, played to `endedAt` and keeping every tick of
 * history: what scoring replays (the counterfactuals, the score without an instructor's faults).
 */
export function replayRun(
  scenario: Scenario,
  seed: number | undefined,
  steps: readonly RunStep[],
  endedAt: number,
): { sim: Simulation; results: ActionResult[] } {
  const sim = createSimulation(scenario, {
    ...(seed === undefined ? {} : { seed }),
    historyTicks: Math.ceil(endedAt / scenario.tickSeconds) + 2,
  });
  return { sim, results: runSteps(sim, steps, endedAt) };
}

/**
 * Scenario-style timed steps (a scenario's `solution`) as run steps. An action step without
 * params takes the params of the offered action it names, as the console would send it.
 */
export function solutionSteps(
  scenario: Scenario,
  steps: readonly TimedStep[] = scenario.solution,
): RunStep[] {
  const out: RunStep[] = [];
  for (const s of steps) {
    if (s.kind === 'acknowledge') {
      out.push({ at: s.at, kind: 'acknowledge', ...(s.target ? { alert: s.target } : {}) });
    } else if (s.kind === 'declare' && s.target && s.category) {
      out.push({ at: s.at, kind: 'declare', node: s.target, category: s.category });
    } else if (s.kind === 'action' && s.type && s.target) {
      const offered = scenario.actions.find((a) => a.type === s.type && a.target === s.target);
      out.push({
        at: s.at,
        kind: 'action',
        type: s.type,
        target: s.target,
        params: { ...(offered?.params ?? {}), ...(s.params ?? {}) },
      });
    }
  }
  return out;
}
