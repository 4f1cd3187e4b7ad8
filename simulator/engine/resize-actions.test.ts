/**
 * Vertical resizes: a pod's memory limit, a managed database's instance class, a cache's
 * maxmemory. Each takes effect through the engine with its real delay and side effect.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario } from './testing';

const series = (s: Simulation, metric: string, node: string) => {
  const idx = s.metrics.find(metric, node);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"}`);
  return (t: number) => s.metrics.at(idx, t / s.tickSeconds);
};

const oomKills = (s: Simulation, node: string, from: number, to: number) =>
  s.events.filter((e) => e.kind === 'oom-kill' && e.node === node && e.t >= from && e.t < to).length;

describe('raise-memory-limit', () => {
  it('stops the OOM kills of a leaking service after the rolling restart, not before', () => {
    // 20 MB/min leak over a 256 MB baseline with a 300 MB limit: a kill every ~2 minutes.
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 50 }] },
          { id: 'api', kind: 'service', replicas: 3, memoryMb: 256, memoryLimitMb: 300, coldStart: 30 },
        ],
        edges: [{ from: 'users', to: 'api' }],
        faults: [{ at: 0, target: 'api', type: 'memory-leak', params: { mbPerMinute: 20 } }],
      }),
    );
    s.runUntil(600);
    expect(oomKills(s, 'api', 0, 600)).toBeGreaterThan(0);
    const r = s.apply({ type: 'raise-memory-limit', target: 'api', params: { memoryMb: 4096 } });
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toMatch(/rolling restart/);
    s.runUntil(629);
    const memory = series(s, 'memory_mb', 'api');
    const before = memory(628);
    s.runUntil(1800);
    // The new pods start without the leaked memory and the leak needs hours to reach 4 GB.
    expect(memory(632)).toBeLessThan(before);
    expect(oomKills(s, 'api', 640, 1800)).toBe(0);
  });
});

describe('resize-database', () => {
  it('raises the cores and connections after the modification, with a short switch-over', () => {
    // 2 cores at 4 ms CPU per query cap the database at 500 queries/s; 800 arrive.
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 800 }] },
          {
            id: 'db',
            kind: 'database',
            cpuCores: 2,
            cpuPerQuery: 0.004,
            queryTime: 0.004,
            maxConnections: 100,
          },
        ],
        edges: [{ from: 'users', to: 'db', timeout: 5 }],
      }),
    );
    s.runUntil(300);
    const err = series(s, 'error_ratio', 'users');
    const cpu = series(s, 'cpu_utilization', 'db');
    expect(err(299)).toBeGreaterThan(0.2);
    const r = s.apply({ type: 'resize-database', target: 'db', params: { cores: 8 } });
    expect(r.ok, r.message).toBe(true);
    s.runUntil(300 + 600 + 120);
    // Nothing changes during the modification; the switch fails queries briefly; then it copes.
    expect(err(800)).toBeGreaterThan(0.2);
    expect(err(300 + 600 + 10)).toBeGreaterThan(0.9);
    expect(err(300 + 600 + 100)).toBeLessThan(0.01);
    expect(cpu(300 + 600 + 100)).toBeLessThan(0.5);
  });
});

describe('set-cache-maxmemory', () => {
  it('lets a full noeviction cache accept writes again at once', () => {
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 200 }] },
          {
            id: 'cache',
            kind: 'cache',
            policy: 'noeviction',
            maxMemoryMb: 100,
            usedMemoryMb: 100,
            hitRatio: 0.8,
            writeGrowthKb: 1,
          },
          { id: 'db', kind: 'database' },
        ],
        edges: [
          { from: 'users', to: 'cache' },
          { from: 'cache', to: 'db' },
        ],
      }),
    );
    s.runUntil(60);
    const err = series(s, 'error_ratio', 'cache');
    expect(err(59)).toBeGreaterThan(0.1); // the misses' fills fail
    const r = s.apply({ type: 'set-cache-maxmemory', target: 'cache', params: { memoryMb: 2048 } });
    expect(r.ok, r.message).toBe(true);
    s.runUntil(70);
    expect(err(62)).toBeLessThan(0.01);
  });
});
