/**
 * Formula 3 (issue 14 item 3): credit and conduct follow what each action measurably did in this
 * run, replayed without it; the scenario's labels decide only where the difference is noise.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import type { RunStep } from '../runs/record';
import { runSteps } from '../runs/replay';
import type { Scenario } from '../scenario/schema';
import { loadBuiltin } from '../test-support/builtin-run';
import { measureCounterfactuals } from './counterfactual';
import { scoreSimulation } from './score';
import { FORMULA_VERSION, LABEL_FORMULA_VERSION } from './types';

const bad = loadBuiltin('bad-deploy-rollback.json');
const ack: RunStep = { at: 480, kind: 'acknowledge' };
const declare: RunStep = { at: 540, kind: 'declare', node: 'orders', category: 'bad deploy' };
const rollback = (at: number): RunStep => ({
  at,
  kind: 'action',
  type: 'rollback',
  target: 'orders',
  params: {},
});

function play(scenario: Scenario, steps: RunStep[], endedAt = scenario.duration) {
  const sim = createSimulation(scenario, { historyTicks: Math.ceil(endedAt / scenario.tickSeconds) + 2 });
  runSteps(sim, steps, endedAt);
  const cf = measureCounterfactuals(scenario, undefined, steps, endedAt);
  const label = scoreSimulation(sim, 'timeout');
  const measured = scoreSimulation(sim, 'timeout', cf);
  return { cf, label, measured };
}

describe('counterfactual replay', () => {
  it('measures the fix as helped, with the failures it saved and the recovery it brought', () => {
    const { cf, measured } = play(bad, [ack, declare, rollback(540)]);
    expect(cf.actions).toHaveLength(1);
    const m = cf.actions[0]!;
    expect(m.verdict).toBe('helped');
    expect(m.failedSaved).toBeGreaterThan(1000);
    expect(m.recoveredWithoutAt).toBeNull(); // without the rollback the SLO never recovers
    expect(m.recoveredAt).not.toBeNull();
    expect(measured.formulaVersion).toBe(FORMULA_VERSION);
    expect(measured.measures.actions[0]?.measured?.verdict).toBe('helped');
  });

  it('a listed "helps" that did nothing in this run is not credited', () => {
    // pricing's deploy was harmless: rolling it back changes nothing, whatever the label says.
    const generous: Scenario = {
      ...bad,
      actions: bad.actions.map((a) =>
        a.type === 'rollback' && a.target === 'pricing' ? { ...a, effect: 'helps' as const } : a,
      ),
    };
    const pricing: RunStep = { at: 600, kind: 'action', type: 'rollback', target: 'pricing', params: {} };
    const { cf, label, measured } = play(generous, [ack, declare, rollback(540), pricing]);
    expect(cf.actions.map((a) => a.verdict)).toEqual(['helped', 'none']);
    expect(measured.components.find((c) => c.id === 'mitigate')!.detail).toMatch(
      /rollback pricing.* changed nothing measurable in this run/,
    );
    expect(measured.measures.ttm).not.toBeNull(); // the orders rollback still mitigates
    // Alone, it cannot carry the mitigation of a scenario that does not heal by itself.
    const alone = play(generous, [ack, pricing]);
    expect(alone.cf.actions[0]!.verdict).toBe('none');
    expect(label.measures.actions.map((a) => a.effect)).toEqual(['fixes', 'helps']);
  });

  it('an unlisted action that measurably fixed it is credited and not counted as unnecessary', () => {
    // The same fix, but the scenario's author did not list it: formula 2 calls it unnecessary and
    // refuses the mitigation (selfHeals: false); formula 3 measures what it did.
    const unlisted: Scenario = {
      ...bad,
      actions: bad.actions.filter((a) => !(a.type === 'rollback' && a.target === 'orders')),
    };
    const { label, measured } = play(unlisted, [ack, declare, rollback(540)]);
    expect(label.formulaVersion).toBe(LABEL_FORMULA_VERSION);
    expect(label.measures.unnecessaryActions).toBe(1);
    expect(label.measures.ttm).toBeNull();
    expect(measured.measures.unnecessaryActions).toBe(0);
    expect(measured.measures.ttm).not.toBeNull();
    expect(measured.total).toBeGreaterThan(label.total + 30);
    expect(measured.components.find((c) => c.id === 'conduct')!.detail).toMatch(
      /measurably helped \([\d,]+ fewer failed requests\)/,
    );
  });

  it('a listed fix that measurably made things worse counts as harmful', () => {
    // Mislabel the harmful restart of orders as a fix: the replay shows what it really did.
    const mislabelled: Scenario = {
      ...bad,
      actions: bad.actions.map((a) =>
        a.type === 'restart' && a.target === 'orders' ? { ...a, effect: 'fixes' as const } : a,
      ),
    };
    const restart: RunStep = { at: 420, kind: 'action', type: 'restart', target: 'orders', params: {} };
    const { cf, label, measured } = play(mislabelled, [ack, restart]);
    expect(cf.actions[0]!.verdict).toBe('hurt');
    expect(label.measures.harmfulActions).toBe(0);
    expect(measured.measures.harmfulActions).toBe(1);
    expect(measured.components.find((c) => c.id === 'conduct')!.detail).toMatch(
      /measurably made things worse/,
    );
  });

  it('replays the ideal response from when the trainee first acted', () => {
    const late = play(bad, [ack, declare, rollback(1200)]);
    const ideal = late.cf.ideal!;
    expect(ideal.from).toBe(1200);
    // The solution is the same rollback: moved to the trainee's time it measures the same run.
    expect(ideal.failed).toBe(ideal.actualFailed);
    expect(ideal.recoveredAt).toBe(ideal.actualRecoveredAt);
    const wrongFirst = play(bad, [
      ack,
      { at: 540, kind: 'action', type: 'scale', target: 'orders', params: { replicas: 8 } },
      rollback(1200),
    ]);
    // Had the trainee rolled back at T+09:00 instead of scaling, fewer requests would have failed.
    expect(wrongFirst.cf.ideal!.failed).toBeLessThan(wrongFirst.cf.ideal!.actualFailed);
  });

  it('is deterministic and skips refused commands like the score does', () => {
    const refused: RunStep = {
      at: 500,
      kind: 'action',
      type: 'rollback',
      target: 'no-such-node',
      params: {},
    };
    const a = measureCounterfactuals(bad, undefined, [ack, refused, rollback(540)], 1800);
    const b = measureCounterfactuals(bad, undefined, [ack, refused, rollback(540)], 1800);
    expect(a).toEqual(b);
    expect(a.actions.map((x) => x.target)).toEqual(['orders']);
  });
});
