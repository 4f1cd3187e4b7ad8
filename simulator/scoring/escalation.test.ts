/** The escalation rule of conduct (formula 6) and asked actions in the score, on a built-in. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { RunStep } from '../runs/record';
import { runSteps, solutionSteps } from '../runs/replay';
import { TEAM_CATALOG, TEAMS } from '../scenario/escalation';
import { loadBuiltin } from '../test-support/builtin-run';
import { PENALTIES } from './score';
import { scoreRunSteps } from './score-steps';
import { FORMULA_VERSION } from './types';
import { ESCALATION_CREDIT } from './escalation';

const scenario = loadBuiltin('slow-queries-choke-db.json'); // root cause: main-db (database)
const END = 1800;

function score(steps: RunStep[]) {
  const sim = createSimulation(scenario, { historyTicks: END + 2 });
  runSteps(sim, steps, END);
  return scoreRunSteps(scenario, undefined, steps, sim, 'mitigated');
}
const conduct = (s: ReturnType<typeof score>) => s.components.find((c) => c.id === 'conduct')!;

// The solution (acknowledge 6m, declare 8m, kill-queries 9m) with one unnecessary restart added.
const base = (): RunStep[] => [
  ...solutionSteps(scenario),
  { at: 450, kind: 'action', type: 'restart', target: 'web' },
];

describe('escalation in the score (formula 6)', () => {
  it('an early page of the right team gives a point back against other deductions', () => {
    const without = score(base());
    const withPage = score([...base(), { at: 400, kind: 'escalate', team: 'database', text: 'main-db?' }]);
    expect(withPage.formulaVersion).toBe(FORMULA_VERSION);
    expect(conduct(withPage).points).toBe(conduct(without).points + ESCALATION_CREDIT);
    expect(conduct(withPage).detail).toContain('Paged the database team early, the right team');
    expect(withPage.measures.escalations).toEqual([
      { team: 'database', at: 400, involved: true, early: true },
    ]);
  });

  it('never above the maximum: a clean run that pages the right team keeps 10', () => {
    const s = score([...solutionSteps(scenario), { at: 400, kind: 'escalate', team: 'database', text: '' }]);
    expect(conduct(s).points).toBe(conduct(s).max);
  });

  it('paging every team costs a point per team the incident does not touch', () => {
    const everyone: RunStep[] = TEAMS.map((team) => ({ at: 400, kind: 'escalate', team, text: 'help' }));
    const s = score([...solutionSteps(scenario), ...everyone, ...everyone]); // twice: still once per team
    // 3 needless pages, 1 back for the early database page
    expect(conduct(s).points).toBe(10 - 3 * PENALTIES.needlessPage + ESCALATION_CREDIT);
    expect(conduct(s).detail).toContain(
      'paged 3 teams whose domain the incident did not touch (network-oncall at T+06:40, platform-oncall at T+06:40, vendor-support at T+06:40, -1 each)',
    );
  });

  it('a page of the right team after the diagnose target is not early: no credit', () => {
    const late = scenario.scoring.diagnose + 300; // the incident starts after 4m
    const s = score([...base(), { at: late + 240, kind: 'escalate', team: 'database', text: '' }]);
    expect(s.measures.escalations?.[0]).toMatchObject({ involved: true, early: false });
    expect(conduct(s).points).toBe(conduct(score(base())).points);
  });

  it('an asked action is measured like the trainee own, at the time the responder ran it', () => {
    const steps: RunStep[] = [
      { at: 360, kind: 'acknowledge' },
      { at: 370, kind: 'escalate', team: 'database', text: 'storefront errors, suspect main-db' },
      { at: 380, kind: 'ask', team: 'database', type: 'kill-queries', target: 'main-db' },
    ];
    const s = score(steps);
    const due = 370 + TEAM_CATALOG.database.joinAfter + TEAM_CATALOG.database.actAfter;
    expect(s.measures.actions).toHaveLength(1);
    expect(s.measures.actions[0]).toMatchObject({ at: due, type: 'kill-queries', effect: 'fixes' });
    expect(s.measures.actions[0]!.measured?.verdict).toBe('helped');
    // Mitigation is credited (the scenario does not self-heal) and formula 3's replays matched.
    expect(s.components.find((c) => c.id === 'mitigate')!.points).toBeGreaterThan(0);
    expect(s.formulaVersion).toBe(FORMULA_VERSION);
  });
});
