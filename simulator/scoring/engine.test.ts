/**
 * Integration: a tiny scenario run through the real engine, driven by a scripted response, scored
 * from the simulation's own events and metrics.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { ActionCommand, Simulation } from '../engine/api';
import { upgradeScenarioInput } from '../alerting/migrate';
import { scenarioSchema, type Scenario } from '../scenario/schema';
import { measureSeries } from './series';
import { scoreSimulation, WEIGHTS_WITH_COMMS } from './score';
import { scoreSchema } from './types';

function tinyScenario(selfHeals = false): Scenario {
  return scenarioSchema.parse(
    upgradeScenarioInput({
      schemaVersion: 1,
      id: 'tiny-bad-deploy',
      title: 'Tiny bad deploy',
      difficulty: 'beginner',
      duration: '20m',
      seed: 42,
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '10s', target: 50 }], noise: 0 },
        { id: 'api', kind: 'service', replicas: 3, coldStart: '20s' },
      ],
      edges: [{ from: 'users', to: 'api' }],
      faults: [{ at: '2m', target: 'api', type: 'bad-deploy', params: { errorRate: 0.4 } }],
      alerts: [
        {
          name: 'ApiErrors',
          expr: 'error_ratio{node="api"} > 0.05',
          for: '30s',
          severity: 'P1',
          route: 'page',
        },
      ],
      actions: [
        { type: 'rollback', target: 'api', effect: 'fixes' },
        { type: 'restart', target: 'api', effect: 'neutral' },
      ],
      rootCause: { node: 'api', category: 'bad-deploy', categories: ['bad-deploy', 'capacity'] },
      objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }], holdFor: '1m', selfHeals },
      scoring: { acknowledge: '1m', diagnose: '5m', mitigate: '8m' },
    }),
  );
}

interface Script {
  ackAfterPage: number;
  declareAt?: number;
  actions: (ActionCommand & { at: number })[];
  endAt: number;
}

/** Runs the scenario, responding as the script says; scoring reads the engine's own events. */
function play(scenario: Scenario, script: Script): { sim: Simulation } {
  const sim = createSimulation(scenario);
  const pending = [...script.actions].sort((a, b) => a.at - b.at);
  let pageAt: number | undefined;
  let acked = false;
  let declared = false;
  while (sim.time < script.endAt) {
    sim.step();
    if (pageAt === undefined && sim.events.some((e) => e.kind === 'alert-firing')) pageAt = sim.time;
    if (!acked && pageAt !== undefined && sim.time >= pageAt + script.ackAfterPage) {
      sim.record({
        kind: 'acknowledge',
        text: 'Acknowledged ApiErrors',
        hidden: false,
        data: { alert: 'ApiErrors' },
      });
      acked = true;
    }
    if (!declared && script.declareAt !== undefined && sim.time >= script.declareAt) {
      sim.record({
        kind: 'declare',
        text: 'bad-deploy on api',
        hidden: false,
        data: { node: 'api', category: 'bad-deploy' },
      });
      declared = true;
    }
    while (pending.length > 0 && (pending[0] as { at: number }).at <= sim.time) {
      const { at: _at, ...command } = pending.shift() as ActionCommand & { at: number };
      expect(sim.apply(command).ok).toBe(true);
    }
  }
  return { sim };
}

describe('scoring a real engine run', () => {
  it('a prompt rollback is mitigated and scores well', () => {
    const scenario = tinyScenario();
    const { sim } = play(scenario, {
      ackAfterPage: 20,
      declareAt: 200,
      actions: [{ at: 210, type: 'rollback', target: 'api' }],
      endAt: 600,
    });
    const series = measureSeries(scenario, sim.metrics);
    expect(series.missing).toEqual([]);
    expect(series.ok.includes(0)).toBe(true); // the fault broke the SLO

    const score = scoreSimulation(sim, 'mitigated');
    expect(scoreSchema.safeParse(score).success).toBe(true);
    expect(score.measures.incidentStartSource).toBe('page');
    expect(score.measures.tta).toBeGreaterThanOrEqual(20);
    expect(score.measures.tta).toBeLessThanOrEqual(21);
    expect(score.measures.ttd).not.toBeNull();
    expect(score.measures.recoveredAt).toBeGreaterThan(210);
    expect(score.measures.ttm).not.toBeNull();
    expect(score.measures.actions).toEqual([{ at: 210, type: 'rollback', target: 'api', effect: 'fixes' }]);
    expect(score.measures.errorBudget?.failed).toBeGreaterThan(0);
    // Formula 4: communication is scored (10 points, none posted here), mitigation is worth 30.
    expect(score.components.find((c) => c.id === 'mitigate')?.points).toBe(WEIGHTS_WITH_COMMS.mitigate);
    expect(score.components.find((c) => c.id === 'communication')?.points).toBe(0);
    expect(score.total).toBeGreaterThanOrEqual(75);

    // the engine is deterministic, so is the score
    const again = play(scenario, {
      ackAfterPage: 20,
      declareAt: 200,
      actions: [{ at: 210, type: 'rollback', target: 'api' }],
      endAt: 600,
    });
    expect(scoreSimulation(again.sim, 'mitigated')).toEqual(score);
  });

  it('doing nothing in a scenario that does not self-heal: no mitigation, grade F', () => {
    const scenario = tinyScenario();
    const { sim } = play(scenario, { ackAfterPage: 10, actions: [], endAt: 600 });
    const score = scoreSimulation(sim, 'timeout');
    expect(score.measures.recoveredAt).toBeNull();
    expect(score.components.find((c) => c.id === 'mitigate')?.points).toBe(0);
    expect(score.grade).toBe('F');
  });

  it('a needless restart is counted, and the fault still needs the rollback', () => {
    const scenario = tinyScenario();
    const { sim } = play(scenario, {
      ackAfterPage: 10,
      actions: [
        { at: 200, type: 'restart', target: 'api' },
        { at: 300, type: 'rollback', target: 'api' },
      ],
      endAt: 700,
    });
    const score = scoreSimulation(sim, 'mitigated');
    expect(score.measures.unnecessaryActions).toBe(1);
    expect(score.measures.recoveredAt).toBeGreaterThan(300);
    expect(score.components.find((c) => c.id === 'conduct')?.points).toBe(8);
  });
});
