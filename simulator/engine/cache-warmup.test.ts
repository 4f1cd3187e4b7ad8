/**
 * Cache cold start: a flushed or restarted cache starts empty and warms back up as keys are
 * re-fetched (over the key popularity and the TTL); misses load the backing store; keys filled
 * together expire together (the stampede), which TTL jitter spreads and request coalescing tames.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario } from './testing';

const series = (s: Simulation, metric: string, node: string) => {
  const idx = s.metrics.find(metric, node);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"}`);
  return (t: number) => s.metrics.at(idx, t / s.tickSeconds);
};

type NodeInput = ScenarioInput['nodes'][number];

/** users -> api -> cache -> db, 2,000 reads/s, a 90% warm hit ratio. */
function system(cache: Partial<NodeInput> = {}, faults: ScenarioInput['faults'] = []) {
  return createSimulation(
    makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 2000 }] },
        { id: 'api', kind: 'service', replicas: 8, concurrency: 200, serviceTime: 0.002 },
        { id: 'cache', kind: 'cache', hitRatio: 0.9, ...cache } as NodeInput,
        { id: 'db', kind: 'database', cpuCores: 16, cpuPerQuery: 0.001, maxConnections: 400 },
      ],
      edges: [
        { from: 'users', to: 'api', timeout: 10 },
        { from: 'api', to: 'cache', timeout: 2 },
        { from: 'cache', to: 'db', timeout: 2 },
      ],
      faults,
    }),
  );
}

describe('cache cold start', () => {
  it('a restart empties the cache: the hit ratio drops to 0 and the database takes every read', () => {
    const s = system();
    s.runUntil(120);
    const hit = series(s, 'cache_hit_ratio', 'cache');
    const dbRate = series(s, 'request_rate', 'db');
    expect(hit(119)).toBeCloseTo(0.9, 2);
    const warmDb = dbRate(119);
    const r = s.apply({ type: 'restart', target: 'cache' });
    expect(r.ok, r.message).toBe(true);
    s.runUntil(125);
    expect(hit(121)).toBeLessThan(0.3);
    expect(dbRate(121)).toBeGreaterThan(3 * warmDb);
  });
});
