import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulator/engine';
import { makeScenario } from '../../simulator/engine/testing';
import { sampledUpTo } from './sampled-since';

describe('snapshots carry every sampled line once', () => {
  it('one tick per snapshot (1x) loses no line and repeats none', () => {
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '5m', target: 100 }], noise: 0 },
          { id: 'web', kind: 'service', replicas: 2 },
        ],
        edges: [{ from: 'users', to: 'web' }],
      }),
      { logCapacity: 10_000, traceCapacity: 1_000 },
    );
    let since = -1;
    const posted: number[] = [];
    const traced: string[] = [];
    for (let k = 0; k < 200; k++) {
      sim.step();
      posted.push(...sim.logs(since).map((l) => l.t));
      traced.push(...sim.traces(since).map((t) => t.requestId));
      since = sampledUpTo(sim.time, sim.tickSeconds);
    }
    expect(posted).toEqual(sim.logs().map((l) => l.t));
    expect(traced).toEqual(sim.traces().map((t) => t.requestId));
    expect(posted.length).toBeGreaterThan(50);
  });
});
