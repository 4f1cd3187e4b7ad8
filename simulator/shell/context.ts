/**
 * What the investigation shell may read: a read-only view of a running simulation, limited to
 * what the trainee could see in production (live configuration, metrics, visible events, logs,
 * traces). Hidden events (fault onsets) and instructor notes never reach it, so a command cannot
 * leak the answer.
 */
import type { LogLine, NodeLive, RouteLive, SimEvent, Simulation, Trace } from '../engine/api';
import type { Scenario } from '../scenario/schema';

export type ScenarioNode = Scenario['nodes'][number];

export interface ShellContext {
  readonly scenario: Scenario;
  /** Simulated seconds since the start. */
  readonly time: number;
  readonly liveNodes: readonly NodeLive[];
  /** Weighted routing records as they stand now (Route 53's view); empty without a router. */
  readonly routes: readonly RouteLive[];
  /** Latest value of a metric of a node; NaN when the node does not record it. */
  metric(name: string, node: string): number;
  /** The stored history of a metric of a node, oldest first, and the time of its first value. */
  history(
    name: string,
    node: string,
  ): { readonly values: ArrayLike<number>; readonly start: number; readonly step: number };
  /** Events the trainee can see, oldest first. */
  readonly events: readonly SimEvent[];
  readonly logs: readonly LogLine[];
  readonly traces: readonly Trace[];
}

/** The result of one command line. */
export interface ShellResult {
  readonly output: string;
  readonly exitCode: number;
}

export const ok = (output: string): ShellResult => ({ output, exitCode: 0 });
export const fail = (output: string, exitCode = 1): ShellResult => ({ output, exitCode });

/** A shell view of a simulation: visible events only (no hidden ones, no instructor notes). */
export function shellContext(sim: Simulation): ShellContext {
  const { metrics } = sim;
  return {
    scenario: sim.scenario,
    time: sim.time,
    liveNodes: sim.liveNodes(),
    routes: sim.liveRoutes(),
    metric: (name, node) => {
      const i = metrics.find(name, node);
      return i < 0 ? NaN : metrics.latest(i);
    },
    history: (name, node) => {
      const i = metrics.find(name, node);
      if (i < 0) return { values: [], start: 0, step: sim.tickSeconds };
      return { values: metrics.read(i), start: metrics.firstTick * sim.tickSeconds, step: sim.tickSeconds };
    },
    events: sim.events.filter((e) => !e.hidden && e.kind !== 'note'),
    logs: sim.logs(),
    traces: sim.traces(),
  };
}

/** A finite number or the fallback: the shell never prints NaN or Infinity. */
export function finite(value: number, fallback = 0): number {
  return Number.isFinite(value) ? value : fallback;
}

export function nodeById(ctx: ShellContext, id: string): ScenarioNode | undefined {
  return ctx.scenario.nodes.find((n) => n.id === id);
}

export function liveOf(ctx: ShellContext, id: string): NodeLive | undefined {
  return ctx.liveNodes.find((n) => n.id === id);
}

export function nodesOfKind<K extends ScenarioNode['kind']>(
  ctx: ShellContext,
  ...kinds: K[]
): Extract<ScenarioNode, { kind: K }>[] {
  return ctx.scenario.nodes.filter((n): n is Extract<ScenarioNode, { kind: K }> =>
    (kinds as string[]).includes(n.kind),
  );
}
