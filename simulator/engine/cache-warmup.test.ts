/**
 * Cache cold start: a flushed or restarted cache starts empty and warms back up as keys are
 * re-fetched (over the key popularity and the TTL); misses load the backing store; keys filled
 * together expire together (the stampede), which TTL jitter spreads and request coalescing tames.
 */
import { describe, expect, it } from 'vitest';
import { cacheKeyspace, type ScenarioInput } from '../scenario/schema';
import { KEYSPACE_DEFAULTS } from './cache-keyspace';
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
    s.runUntil(400);
    expect(hit(120)).toBeLessThan(0.05);
    expect(dbRate(121)).toBeGreaterThan(5 * warmDb);
    // The hottest keys come back within seconds, the tail over the TTL (300 s by default).
    expect(hit(130)).toBeGreaterThan(0.3);
    expect(hit(130)).toBeLessThan(hit(200));
    expect(hit(200)).toBeLessThan(0.88);
    expect(hit(399)).toBeCloseTo(0.9, 2);
    expect(s.events.some((e) => e.kind === 'restart' && e.node === 'cache')).toBe(true);
  });

  it('keys filled together expire together: a miss burst one TTL after a flush, spread by TTL jitter', () => {
    const burst = (ttlJitter: number) => {
      const s = system({ keyspace: { ttl: 120, ttlJitter } } as Partial<NodeInput>, [
        { at: 60, target: 'cache', type: 'cache-flush' },
      ]);
      s.runUntil(400);
      const hit = series(s, 'cache_hit_ratio', 'cache');
      expect(hit(60)).toBeLessThan(0.05);
      let lowest = 1;
      for (let t = 170; t < 200; t++) lowest = Math.min(lowest, hit(t));
      return { before: hit(175), lowest, end: hit(399) };
    };
    const sharp = burst(0);
    const spread = burst(0.5);
    expect(sharp.lowest).toBeLessThan(sharp.before - 0.15);
    expect(spread.lowest).toBeGreaterThan(sharp.lowest + 0.1);
    expect(sharp.end).toBeGreaterThan(0.85);
  });

  it('a partial flush (a scale-out that remaps half the keys) loses about half the hits', () => {
    const s = system({}, [{ at: 60, target: 'cache', type: 'cache-flush', params: { share: 0.5 } }]);
    s.runUntil(62);
    const hit = series(s, 'cache_hit_ratio', 'cache');
    expect(hit(60)).toBeCloseTo(0.45, 1);
  });

  it('without coalescing a slow database multiplies the misses of hot keys; coalescing leaves one read per key', () => {
    // A small, slow database: the cold cache's misses overload it and each miss waits longer.
    const run = (coalesce: boolean) => {
      const s = createSimulation(
        makeScenario({
          nodes: [
            { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 2000 }] },
            { id: 'api', kind: 'service', replicas: 20, concurrency: 400, serviceTime: 0.002 },
            {
              id: 'cache',
              kind: 'cache',
              hitRatio: 0.95,
              keyspace: { keys: 200000, zipf: 1, ttl: 600, coalesce },
            },
            {
              id: 'db',
              kind: 'database',
              cpuCores: 4,
              cpuPerQuery: 0.004,
              queryTime: 0.02,
              maxConnections: 200,
            },
          ],
          edges: [
            { from: 'users', to: 'api', timeout: 10 },
            { from: 'api', to: 'cache', timeout: 2 },
            { from: 'cache', to: 'db', timeout: 2 },
          ],
          faults: [{ at: 60, target: 'cache', type: 'cache-flush' }],
        }),
      );
      s.runUntil(120);
      const cache = series(s, 'request_rate', 'cache');
      const db = series(s, 'request_rate', 'db');
      let peak = 0;
      for (let t = 61; t < 120; t++) peak = Math.max(peak, db(t) / cache(t));
      return peak;
    };
    expect(run(true)).toBeLessThanOrEqual(1.001);
    expect(run(false)).toBeGreaterThan(1.5);
  });

  it('set-cache-policy turns coalescing and jitter on after its rollout delay', () => {
    const s = system();
    s.runUntil(10);
    const r = s.apply({
      type: 'set-cache-policy',
      target: 'cache',
      params: { coalesce: true, ttlJitter: 0.2 },
    });
    expect(r.ok, r.message).toBe(true);
    expect(r.effectiveAt).toBe(40);
    const bad = s.apply({ type: 'set-cache-policy', target: 'cache', params: { ttlJitter: 2 } });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/ttlJitter" must be at most 1/);
    s.runUntil(41);
    expect(s.events.some((e) => e.kind === 'action-effective' && /coalescing on/.test(e.text))).toBe(true);
  });
});

describe('keyspace defaults', () => {
  it('the engine defaults are the schema defaults', () => {
    expect(cacheKeyspace.parse({})).toEqual(KEYSPACE_DEFAULTS);
  });
});
