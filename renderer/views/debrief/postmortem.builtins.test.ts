/**
 * The postmortem draft of every built-in, played with its scripted solution (issue 14 item 10):
 * it names the root-cause fault's time (not the first fault, which may be a red herring) and
 * reads in T+ times throughout, never a wall-clock time of the story.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulator/engine';
import { runSteps, solutionSteps } from '../../../simulator/runs/replay';
import { scoreSimulation } from '../../../simulator/scoring';
import { BUILTIN_FILES, loadBuiltin } from '../../../simulator/test-support/builtin-run';
import { postmortemMarkdown } from './postmortem';
import { tplus } from './run-format';

function draft(file: string) {
  const scenario = loadBuiltin(file);
  const sim = createSimulation(scenario, {
    historyTicks: Math.ceil(scenario.duration / scenario.tickSeconds) + 2,
  });
  const steps = solutionSteps(scenario);
  runSteps(sim, steps);
  sim.runUntil(scenario.duration);
  const score = scoreSimulation(sim, 'mitigated');
  return {
    scenario,
    md: postmortemMarkdown({ scenario, score, steps, events: sim.events, endedAt: sim.time }),
  };
}

describe('postmortem drafts of the built-ins', () => {
  it.each(BUILTIN_FILES)('%s names the root-cause fault time and uses T+ times only', (file) => {
    const { scenario, md } = draft(file);
    const rootFault = scenario.faults
      .filter((f) => f.target === scenario.rootCause.node)
      .sort((a, b) => a.at - b.at)[0];
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('## Impact'));
    if (rootFault) expect(summary).toContain(`root-cause fault at ${tplus(rootFault.at)}`);
    // A clock time that is not a T+ time ("14:06", "at 11:47") would read as a different clock.
    const wallClock = md.match(/(?<!T\+)(?<![\d:])\b\d{1,2}:\d\d\b(?!:)/g) ?? [];
    expect(wallClock).toEqual([]);
  });

  it('bad-deploy names the orders deploy, not the earlier harmless pricing deploy', () => {
    const { md } = draft('bad-deploy-rollback.json');
    expect(md).toContain('root-cause fault at T+06:00');
    expect(md).not.toContain('first fault at T+03:00');
  });
});
