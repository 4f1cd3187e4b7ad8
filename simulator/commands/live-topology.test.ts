/**
 * The commands' starting values come from the system as it stands now: after a scale to 6 the
 * palette proposed the scenario's 4 (it read the scenario file, not the live nodes).
 */
import { describe, expect, it } from 'vitest';
import type { ActionCommand } from '../engine/api';
import { createSimulation } from '../engine/index';
import { loadBuiltin } from '../test-support/builtin-run';
import { completeActionCommand } from './complete';
import { liveTopology } from './live-topology';
import { commandEntries } from './syntax';

const scenario = loadBuiltin('bad-deploy-rollback.json');
const line = (topo: ReturnType<typeof liveTopology>, type: string, target: string) =>
  commandEntries(topo).find((e) => e.command.type === type && e.command.target === target)?.line;

describe('liveTopology', () => {
  it('proposes the live replicas, limits and HPA, not the scenario file', () => {
    const sim = createSimulation(scenario, { logCapacity: 1, traceCapacity: 1 });
    sim.runUntil(30);
    const commands: ActionCommand[] = [
      { type: 'scale', target: 'orders', params: { replicas: 6 } },
      { type: 'raise-cpu-limit', target: 'pricing', params: { cores: 2 } },
      { type: 'raise-memory-limit', target: 'pricing', params: { memoryMb: 1536 } },
      { type: 'set-autoscaler-bounds', target: 'gateway', params: { min: 2, max: 9, metric: 'cpu' } },
    ];
    for (const command of commands) expect(sim.apply(command).ok, command.type).toBe(true);
    sim.runUntil(300);

    const before = liveTopology(scenario, []);
    expect(before).toBe(scenario);
    expect(line(before, 'scale', 'orders')).toBe('kubectl scale deploy/orders --replicas=4');

    const now = liveTopology(scenario, sim.liveNodes());
    expect(line(now, 'scale', 'orders')).toBe('kubectl scale deploy/orders --replicas=6');
    // Twice the limits as they are now.
    expect(
      commandEntries(now).find((e) => e.command.type === 'raise-cpu-limit' && e.command.target === 'pricing')
        ?.command.params,
    ).toEqual({ cores: 4 });
    expect(
      commandEntries(now).find(
        (e) => e.command.type === 'raise-memory-limit' && e.command.target === 'pricing',
      )?.command.params,
    ).toEqual({ memoryMb: 3072 });
    // The HPA created during the run: its bounds, and it can be deleted.
    expect(
      commandEntries(now).find(
        (e) => e.command.type === 'set-autoscaler-bounds' && e.command.target === 'gateway',
      )?.command.params,
    ).toEqual({ min: 2, max: 9 });
    expect(line(now, 'delete-autoscaler', 'gateway')).toBeDefined();
    expect(line(before, 'delete-autoscaler', 'gateway')).toBeUndefined();
    // Completion offers the same values.
    expect(completeActionCommand('kubectl scale deploy/orders --replicas=', now)).toContain(
      'kubectl scale deploy/orders --replicas=6',
    );
  });

  it('gives the same object back while nothing it reads changed', () => {
    const sim = createSimulation(scenario, { logCapacity: 1, traceCapacity: 1 });
    sim.runUntil(10);
    const a = liveTopology(scenario, sim.liveNodes());
    sim.runUntil(20);
    expect(liveTopology(scenario, sim.liveNodes())).toBe(a);
    sim.apply({ type: 'scale', target: 'orders', params: { replicas: 5 } });
    sim.runUntil(40);
    expect(liveTopology(scenario, sim.liveNodes())).not.toBe(a);
  });
});
