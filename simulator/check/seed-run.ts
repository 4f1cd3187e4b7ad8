/**
 * One seed of `outage-lab check`: the scenario played twice on that seed, with no response and
 * with its scripted solution, reduced to the few numbers the report aggregates. Pure engine code,
 * so it runs the same in a worker thread, a Web Worker or a test.
 */
import { createSimulation, metricArena, type MetricArena, type Simulation } from '../engine/index';
import { runSteps, solutionSteps } from '../runs/replay';
import type { Scenario } from '../scenario/schema';
import { scoreSimulation } from '../scoring';
import { firstPage, sloStretch } from './run-times';

/** Seconds, or null when it never happened. */
type When = number | null;

export interface SeedOutcome {
  readonly seed: number;
  /** No response: first page (a page-routed alert firing). */
  readonly firstPage: When;
  /** No response: first tick at which some SLO was broken. */
  readonly sloBroken: When;
  /** No response: the SLOs held for holdFor at the end anyway (winnable by waiting). */
  readonly winnableWithoutResponse: boolean;
  /** Solution: when the SLOs started to hold until the end (null: broken at the end). */
  readonly solutionRecovered: When;
  /** Solution: time to mitigate as scored (from the incident start), null when not mitigated. */
  readonly solutionTtm: When;
  /** Solution: the SLOs hold from within the mitigation target after the first page, for holdFor. */
  readonly solutionMitigates: boolean;
  readonly solutionScore: number;
  /**
   * Random numbers both runs drew (Simulation.randomDraws). With none, the seed did not reach
   * either run, and every seed gives this outcome: see `everySeed`.
   */
  readonly randomDraws: number;
}

export interface SloTimes {
  readonly firstBroken: When;
  /** Start of the final stretch in which every SLO held (null: the last tick breaks one). */
  readonly recoveredAt: When;
  readonly firstPage: When;
}

/** When the SLOs first broke, when they last recovered, and when the first page fired (run-times.ts). */
export function sloTimes(scenario: Scenario, sim: Simulation): SloTimes {
  const slo = sloStretch(scenario, sim.metrics, sim.tickSeconds);
  return {
    firstBroken: slo.firstBroken,
    recoveredAt: slo.holdsFrom,
    firstPage: firstPage(scenario, sim.events),
  };
}

/**
 * Metric memory for the two runs of a seed, kept by a worker across seeds: allocating two
 * whole-run stores per seed cost more system time (page faults) than the simulation's own work
 * on the small built-ins.
 */
export interface SeedBuffers {
  readonly idle: MetricArena;
  readonly solved: MetricArena;
}
export const seedBuffers = (): SeedBuffers => ({ idle: metricArena(), solved: metricArena() });

export function checkSeed(
  scenario: Scenario,
  seed: number,
  buffers: SeedBuffers = seedBuffers(),
): SeedOutcome {
  const historyTicks = Math.ceil(scenario.duration / scenario.tickSeconds) + 1;
  const options = { seed, historyTicks, logCapacity: 1, traceCapacity: 1 };
  const holds = (t: SloTimes) =>
    t.recoveredAt !== null && scenario.duration - t.recoveredAt >= scenario.objectives.holdFor;

  const idle = createSimulation(scenario, { ...options, metricArena: buffers.idle });
  idle.runUntil(scenario.duration);
  const quiet = sloTimes(scenario, idle);

  const solved = createSimulation(scenario, { ...options, metricArena: buffers.solved });
  runSteps(solved, solutionSteps(scenario));
  const fixed = sloTimes(scenario, solved);
  let score = scoreSimulation(solved, 'timeout');
  if (score.measures.ttm !== null) score = scoreSimulation(solved, 'mitigated');
  const mitigates =
    holds(fixed) &&
    fixed.recoveredAt !== null &&
    (fixed.firstPage === null || fixed.recoveredAt - fixed.firstPage <= scenario.scoring.mitigate);

  return {
    seed,
    firstPage: quiet.firstPage,
    sloBroken: quiet.firstBroken,
    // A scenario that never breaks its SLOs is also "won" by doing nothing.
    winnableWithoutResponse: holds(quiet),
    solutionRecovered: fixed.recoveredAt,
    solutionTtm: score.measures.ttm,
    solutionMitigates: mitigates,
    solutionScore: score.total,
    randomDraws: idle.randomDraws + solved.randomDraws,
  };
}

/**
 * The outcomes of `seeds` from one seed's outcome, when that run drew no random number (null
 * otherwise: each seed must be played). Rigorous, not a sampling guess: the seed reaches the
 * state only through the draws (Simulation.randomDraws), and whether a tick draws depends on the
 * state alone (a client's noise and its rate), so by induction over the ticks another seed's run
 * passes through the same states and draws nothing either: the same metrics, events and score.
 */
export function everySeed(outcome: SeedOutcome, seeds: readonly number[]): SeedOutcome[] | null {
  if (outcome.randomDraws !== 0) return null;
  return seeds.map((seed) => ({ ...outcome, seed }));
}
