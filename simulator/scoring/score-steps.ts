/**
 * The score of a finished run from its steps: the counterfactual replays (formula 3) and, when the
 * instructor injected faults that are not the trainee's to fix, the score of a replay without
 * them (instructor-faults.ts). The app's worker and any tool that re-scores a saved run use this,
 * so they cannot disagree.
 */
import type { Simulation } from '../engine/api';
import type { RunStep } from '../runs/record';
import { replayRun } from '../runs/replay';
import type { Scenario } from '../scenario/schema';
import { measureCounterfactuals } from './counterfactual';
import { instructorInjections, traineeSteps } from './instructor-faults';
import { scoreSimulation } from './score';
import type { RunEnding, Score } from './types';

export function scoreRunSteps(
  scenario: Scenario,
  seed: number | undefined,
  steps: readonly RunStep[],
  live: Pick<Simulation, 'scenario' | 'events' | 'metrics' | 'time'>,
  ending: RunEnding,
): Score {
  const endedAt = live.time;
  const theirs = instructorInjections(steps).filter((s) => s.at <= endedAt);
  const own = theirs.length > 0 ? traineeSteps(steps) : steps;
  const counterfactuals = measureCounterfactuals(scenario, seed, own, endedAt);
  if (theirs.length === 0) return scoreSimulation(live, ending, counterfactuals);
  const { sim } = replayRun(scenario, seed, own, endedAt);
  const score = scoreSimulation(sim, ending, counterfactuals);
  return {
    ...score,
    measures: {
      ...score.measures,
      instructorFaults: theirs.map((s) => ({
        at: s.at,
        type: s.type,
        target: s.target,
        ...(s.duration !== undefined ? { duration: s.duration } : {}),
      })),
    },
  };
}
