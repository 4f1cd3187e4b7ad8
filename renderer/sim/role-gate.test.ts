import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulator/engine';
import type { SimEvent } from '../../simulator/engine/api';
import { applyStep } from '../../simulator/runs/replay';
import { parseScenarioText } from '../../simulator/scenario/validate';
import { faultStatuses, gateEvents, instructorTruth, timelineFaults } from './role-gate';

function builtin(name: string) {
  const result = parseScenarioText(
    readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'),
  );
  if (!result.ok) throw new Error('bad scenario');
  return result.scenario;
}

const events: SimEvent[] = [
  { t: 1, kind: 'fault', text: 'latency on db', hidden: true },
  { t: 2, kind: 'alert-firing', text: 'FIRING', hidden: false },
  { t: 3, kind: 'note', text: 'a note', hidden: true },
];

describe('worker role gating', () => {
  it('a trainee gets visible events only and no truth', () => {
    const { visible, hidden } = gateEvents(events, 'trainee');
    expect(visible.map((e) => e.text)).toEqual(['FIRING']);
    expect(hidden).toBeUndefined();
    const sim = createSimulation(builtin('thread-exhaustion'));
    expect(instructorTruth('trainee', hidden, sim, 1, [])).toBeUndefined();
  });

  it('an instructor also gets the hidden events and the fault timeline', () => {
    const { visible, hidden } = gateEvents(events, 'instructor');
    expect(visible.map((e) => e.text)).toEqual(['FIRING']);
    expect(hidden?.map((e) => e.text)).toEqual(['latency on db', 'a note']);
  });

  it('reports scenario faults as upcoming, active and over, and marks injections', () => {
    const scenario = builtin('thread-exhaustion');
    const sim = createSimulation(scenario);
    const count = timelineFaults(sim)?.length ?? -1;
    expect(count).toBe(scenario.faults.length);
    const onset = scenario.faults[0]!.at;
    expect(faultStatuses(sim, sim.time, count)[0]).toMatchObject({
      state: 'upcoming',
      injected: false,
      at: onset,
    });
    const result = applyStep(sim, {
      at: 0,
      kind: 'inject',
      type: 'latency',
      target: 'recommendations',
      duration: 30,
    });
    expect(result.ok).toBe(true);
    sim.runUntil(onset + 1);
    const faults = faultStatuses(sim, sim.time, count);
    expect(faults).toHaveLength(2);
    expect(faults[0]).toMatchObject({ state: 'active', injected: false, target: 'recommendations' });
    expect(faults[1]).toMatchObject({ type: 'latency', state: 'over', injected: true, end: 30 });
    const truth = instructorTruth('instructor', [], sim, count, [
      { id: 1, at: 999, step: { kind: 'inject', type: 'crash', target: 'storefront' } },
    ]);
    expect(truth?.faults).toHaveLength(2);
    expect(truth?.scheduled).toHaveLength(1);
  });

  it('derives the states from the scenario when the engine exposes no timeline', () => {
    const scenario = builtin('thread-exhaustion');
    const fake = { scenario, time: 0 } as never;
    const onset = scenario.faults[0]!.at;
    expect(faultStatuses(fake, 0, 1)[0]?.state).toBe('upcoming');
    expect(faultStatuses(fake, onset + 1, 1)[0]?.state).toBe('active');
  });
});
