/**
 * Issue 14 item 6: an injected fault declares how it ends, and one that is not the trainee's to fix
 * is the instructor's: the score is that of the run replayed without it.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import type { RunStep } from '../runs/record';
import { runSteps, solutionSteps } from '../runs/replay';
import { loadBuiltin } from '../test-support/builtin-run';
import {
  defaultInjectionOwner,
  injectionEnding,
  injectionOwner,
  instructorInjections,
  traineeSteps,
} from './instructor-faults';
import { scoreSimulation } from './score';
import { scoreRunSteps } from './score-steps';

const bad = loadBuiltin('bad-deploy-rollback.json');
const END = 1500;
// Errors on the gateway from T+06:00, before the trainee's rollback at T+09:00: no catalog action
// clears an error-rate fault, and it has no duration, so the SLO never recovers.
const gatewayErrors: RunStep = {
  at: 360,
  kind: 'inject',
  type: 'error-rate',
  target: 'gateway',
  params: { rate: 0.2 },
};

function live(steps: readonly RunStep[]) {
  const sim = createSimulation(bad, { historyTicks: Math.ceil(END / bad.tickSeconds) + 2 });
  runSteps(sim, steps, END);
  return sim;
}

describe('who answers for an injected fault', () => {
  it('defaults to the trainee when the catalog has a fix, else to the instructor', () => {
    expect(defaultInjectionOwner('bad-deploy')).toBe('trainee');
    expect(defaultInjectionOwner('latency')).toBe('instructor');
    expect(defaultInjectionOwner('error-rate')).toBe('instructor');
    expect(
      injectionOwner({ ...gatewayErrors, scoredAs: 'trainee' } as Extract<RunStep, { kind: 'inject' }>),
    ).toBe('trainee');
  });

  it('says how the fault ends: its fix, its duration, or neither', () => {
    expect(injectionEnding('bad-deploy', 'orders')).toBe('Fixed by rollback on orders');
    expect(injectionEnding('latency', 'gateway', 300)).toBe('Ends by itself after 5m');
    expect(injectionEnding('latency', 'gateway')).toMatch(/no action in the catalog fixes it/);
  });

  it('splits the steps: the instructor injections out, everything else kept in order', () => {
    const steps = [...solutionSteps(bad), gatewayErrors];
    expect(instructorInjections(steps)).toEqual([gatewayErrors]);
    expect(traineeSteps(steps)).toEqual(solutionSteps(bad));
  });
});

describe('scoring a run with an instructor fault', () => {
  const solved = solutionSteps(bad);

  it("leaves an unfixable injection's damage out: the score is the run's without it", () => {
    const steps = [...solved, gatewayErrors];
    const withFault = live(steps);
    const plain = scoreSimulation(withFault, 'timeout');
    const fair = scoreRunSteps(bad, undefined, steps, withFault, 'timeout');
    const clean = scoreRunSteps(bad, undefined, solved, live(solved), 'timeout');
    // The injection hurts the live run (its budget and recovery)...
    expect(plain.measures.errorBudget!.failed).toBeGreaterThan(clean.measures.errorBudget!.failed * 2);
    // ...but the fair score is the clean run's, and says what it left out.
    expect(fair.total).toBe(clean.total);
    expect(fair.measures.errorBudget).toEqual(clean.measures.errorBudget);
    expect(fair.measures.ttm).toBe(clean.measures.ttm);
    expect(plain.measures.ttm).toBeNull();
    expect(clean.measures.ttm).not.toBeNull();
    expect(fair.measures.instructorFaults).toEqual([{ at: 360, type: 'error-rate', target: 'gateway' }]);
    expect(clean.measures.instructorFaults).toBeUndefined();
  });

  it("counts an injection the instructor scored as the trainee's", () => {
    const steps = [...solved, { ...gatewayErrors, scoredAs: 'trainee' as const }];
    const withFault = live(steps);
    const score = scoreRunSteps(bad, undefined, steps, withFault, 'timeout');
    const clean = scoreRunSteps(bad, undefined, solved, live(solved), 'timeout');
    expect(score.measures.instructorFaults).toBeUndefined();
    expect(score.measures.errorBudget!.failed).toBeGreaterThan(clean.measures.errorBudget!.failed * 2);
    expect(score.total).toBeLessThan(clean.total);
  });
});
