/**
 * A drill's system as an engine run: the drill's nodes and edges as an incident-scenario object
 * with no fault, the clients' traffic replaced by the shapes of the run (a load test, the real
 * peak, the headroom ladder), and the changes made so far applied through the action catalog at
 * t = 0. A warm-up before the measured window lets every change take effect (the catalog's delay,
 * a resize's switch-over, new replicas' cold start) so the window sees the configuration as built.
 */
import { ACTION_CATALOG } from '../engine/actions';
import type { ActionCommand } from '../engine/api';
import { SimulationImpl } from '../engine/simulation';
import { SCHEMA_VERSION, type Scenario, type ScenarioNode } from '../scenario/schema';
import type { Shape } from './load-shape';
import type { Drill } from './schema';
import {
  applySystemChange,
  isSystemChange,
  splitChanges,
  type DrillCommand,
  type System,
} from './system-changes';

/** Settling time after the last change is in place. */
const SETTLE_SECONDS = 60;
/** Failed queries while a resized database switches over (action-effects.ts). */
const SWITCH_OVER_SECONDS = 30;

/** Seconds of warm-up the changes need before the measured window opens. */
export function warmupSeconds(drill: Drill, changes: readonly ActionCommand[]): number {
  let delay = 0;
  for (const c of changes) {
    const d = ACTION_CATALOG[c.type].defaultDelay + (c.type === 'resize-database' ? SWITCH_OVER_SECONDS : 0);
    delay = Math.max(delay, d);
  }
  let coldStart = 0;
  if (changes.length > 0)
    for (const n of drill.nodes) if (n.kind === 'service') coldStart = Math.max(coldStart, n.coldStart);
  return SETTLE_SECONDS + delay + coldStart;
}

function withShape(node: ScenarioNode, shape: Shape | undefined, warmup: number): ScenarioNode {
  if (node.kind !== 'client') return node;
  const s = shape ?? { startRate: 0, stages: [{ duration: 1, target: 0 }] };
  const stages = [...(warmup > 0 ? [{ duration: warmup, target: s.startRate }] : []), ...s.stages];
  return { ...node, shape: 'stages', startRate: s.startRate, stages };
}

/** The drill as an incident-scenario object for one run of `windowSeconds` after `warmup`. */
export function runScenario(
  drill: Drill,
  shapes: ReadonlyMap<string, Shape>,
  warmup: number,
  windowSeconds: number,
  system: System = drill,
): Scenario {
  const duration = Math.ceil((warmup + windowSeconds) / drill.tickSeconds) * drill.tickSeconds;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: drill.id,
    title: drill.title,
    summary: drill.summary,
    difficulty: drill.difficulty,
    tags: drill.tags,
    estimatedMinutes: 15,
    briefing: drill.briefing,
    seed: drill.seed,
    tickSeconds: drill.tickSeconds,
    duration,
    nodes: system.nodes.map((n) => withShape(n, shapes.get(n.id), warmup)),
    edges: [...system.edges],
    faults: [],
    alerting: { groups: [], route: { receiver: 'page', matchers: [], routes: [] } },
    // System changes are not engine actions: they were applied to the nodes and edges above.
    actions: drill.changes.flatMap((c) =>
      isSystemChange(c.type)
        ? []
        : [
            {
              type: c.type,
              target: c.target,
              params: c.params,
              effect: 'neutral' as const,
              ...(c.label ? { label: c.label } : {}),
            },
          ],
    ),
    rootCause: {
      node: drill.nodes[0]!.id,
      category: 'none',
      causes: ['capacity'],
      categories: [],
      explanation: '',
    },
    objectives: { slos: drill.slos, holdFor: 60, selfHeals: false },
    scoring: { acknowledge: 120, diagnose: 600, mitigate: 900 },
    hints: [],
    solution: [],
    postmortem: { actionItems: [] },
  };
}

export interface DrillRun {
  readonly sim: SimulationImpl;
  /** The first tick of the measured window. */
  readonly windowTick: number;
  readonly windowSeconds: number;
  /** Changes the engine (or the system rewrite) refused, with its reason. */
  readonly refused: readonly { change: DrillCommand; reason: string }[];
}

/**
 * A simulation of the drill under these shapes with the changes applied, stepped to the start of
 * the measured window. The caller steps through the window (`finishRun`).
 */
export function startRun(
  drill: Drill,
  shapes: ReadonlyMap<string, Shape>,
  changes: readonly DrillCommand[],
  windowSeconds: number,
  seed?: number,
): DrillRun {
  const { actions, system: rewrites } = splitChanges(changes);
  const refused: { change: DrillCommand; reason: string }[] = [];
  // System changes first (they shape the graph), in the order they were made.
  let system: System = drill;
  for (const change of rewrites) {
    const next = applySystemChange(system, change);
    if ('error' in next) refused.push({ change, reason: next.error });
    else system = next;
  }
  const warmup = warmupSeconds(drill, actions);
  const scenario = runScenario(drill, shapes, warmup, windowSeconds, system);
  const sim = new SimulationImpl(scenario, { seed: seed ?? drill.seed, logCapacity: 1, traceCapacity: 1 });
  for (const change of actions) {
    const result = sim.apply(change);
    if (!result.ok) refused.push({ change, reason: result.message });
  }
  sim.runUntil(warmup);
  return { sim, windowTick: sim.tick, windowSeconds, refused };
}

/** Progress reports per run window (a load test's worker posts each). */
const PROGRESS_STEPS = 20;

/** Steps the run through its window; `onProgress` hears the share done, in steps of 5%. */
export function finishRun(run: DrillRun, onProgress?: (done: number) => void): void {
  const { sim } = run;
  const end = sim.scenario.duration;
  if (!onProgress) return sim.runUntil(end);
  const start = sim.time;
  for (let i = 1; i <= PROGRESS_STEPS; i++) {
    sim.runUntil(start + ((end - start) * i) / PROGRESS_STEPS);
    onProgress(i / PROGRESS_STEPS);
  }
}
