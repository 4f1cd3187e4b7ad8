import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';
import { makeScenario } from './testing';

const scenario = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 50 }], noise: 0 },
    { id: 'web', kind: 'service', replicas: 2, version: 'v1', coldStart: '10s' },
    { id: 'db', kind: 'database', maxConnections: 100 },
    { id: 'jobs', kind: 'queue', maxMemoryMb: 64 },
  ],
  edges: [
    { from: 'users', to: 'web' },
    { from: 'web', to: 'db' },
    { from: 'web', to: 'jobs' },
  ],
  faults: [{ at: '1m', target: 'web', type: 'bad-deploy', params: { version: 'v2', errorRate: 0.1 } }],
});

const live = (sim: ReturnType<typeof createSimulation>, id: string) =>
  sim.liveNodes().find((n) => n.id === id)!;

describe('live node state', () => {
  it('starts from the scenario, in scenario order', () => {
    const sim = createSimulation(scenario);
    expect(sim.liveNodes().map((n) => n.id)).toEqual(['users', 'web', 'db', 'jobs']);
    expect(live(sim, 'web')).toMatchObject({ version: 'v1', replicas: 2, probe: 'ok' });
    expect(live(sim, 'db')).toMatchObject({ maxConnections: 100 });
    expect(live(sim, 'jobs')).toMatchObject({ maxMemoryMb: 64 });
  });

  it('follows a deploy, a rollback, scaling and limit changes', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(61);
    expect(live(sim, 'web').version).toBe('v2');
    expect(sim.apply({ type: 'rollback', target: 'web' }).ok).toBe(true);
    expect(sim.apply({ type: 'scale', target: 'web', params: { replicas: 5 } }).ok).toBe(true);
    expect(sim.apply({ type: 'expand-queue', target: 'jobs', params: { memoryMb: 256 } }).ok).toBe(true);
    expect(sim.apply({ type: 'set-pool-size', target: 'db', params: { size: 300 } }).ok).toBe(true);
    sim.runUntil(150);
    expect(live(sim, 'web')).toMatchObject({ version: 'v1', replicas: 5 });
    expect(live(sim, 'jobs').maxMemoryMb).toBe(256);
    expect(live(sim, 'db').maxConnections).toBe(300);
  });
});
