/**
 * Disks and IO (disk-model.ts, disk-actions.ts): volumes fill from their work and from faults,
 * writes fail "No space left on device" when full while reads go on, write IOs beyond the
 * provisioned IOPS queue as IO wait, and the actions free, grow or speed up the volume.
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

/** 200 queries/s on a database with a 10 GB volume, 9.5 GB used, 20% writes of 64 KB WAL each. */
function dbScenario(extra: Record<string, unknown> = {}, faults: unknown[] = []) {
  return makeScenario({
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 200 }] },
      {
        id: 'db',
        kind: 'database',
        maxConnections: 100,
        disk: { sizeGb: 10, usedGb: 9.5, logKbPerRequest: 0, walKbPerWrite: 64, writeShare: 0.2, ...extra },
      },
    ],
    edges: [{ from: 'users', to: 'db' }],
    faults,
  } as never);
}

describe('disk fill', () => {
  it('a replication slot retains WAL at the write rate until the volume is full; then writes fail and reads go on', () => {
    // 40 writes/s x 64 KB = 2.5 MB/s: the 512 MB left fill in about 205 s.
    const s = createSimulation(dbScenario({}, [{ at: 0, target: 'db', type: 'replication-slot' }]));
    const avail = series(s, 'disk_avail_mb', 'db');
    const errors = series(s, 'error_ratio', 'db');
    s.runUntil(100);
    expect(avail(99)).toBeGreaterThan(200);
    expect(avail(99)).toBeLessThan(512 - 200);
    expect(errors(99)).toBe(0);
    s.runUntil(400);
    expect(avail(399)).toBe(0);
    // The writes (20%) fail, the reads do not.
    expect(errors(399)).toBeCloseTo(0.2, 2);
    const full = s.events.find((e) => e.kind === 'note' && /volume full/.test(e.text));
    expect(full?.t).toBeGreaterThan(190);
    expect(full?.t).toBeLessThan(220);
    expect(s.logs().some((l) => /No space left on device/.test(l.message))).toBe(true);
  });

  it('without a fault the same volume does not fill: WAL is recycled at checkpoints', () => {
    const s = createSimulation(dbScenario());
    s.runUntil(600);
    expect(series(s, 'disk_avail_mb', 'db')(599)).toBeCloseTo(512, 6);
    expect(series(s, 'error_ratio', 'db')(599)).toBe(0);
  });

  it('debug logging fills with the traffic; setting the level back stops it, free-disk gives the space back', () => {
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 100 }] },
          { id: 'api', kind: 'service', replicas: 2, coldStart: 20, disk: { sizeGb: 1, usedGb: 0.5 } },
        ],
        edges: [{ from: 'users', to: 'api' }],
        faults: [{ at: 0, target: 'api', type: 'debug-logging', params: { kbPerRequest: 50 } }],
      } as never),
    );
    const avail = series(s, 'disk_avail_mb', 'api');
    // 100 rps x 50.5 KB = 4.9 MB/s: 512 MB in about 104 s.
    s.runUntil(150);
    expect(avail(149)).toBe(0);
    expect(series(s, 'error_ratio', 'api')(149)).toBeCloseTo(0.2, 2);
    const level = s.apply({ type: 'set-log-level', target: 'api', params: { level: 'info' } });
    expect(level.ok, level.message).toBe(true);
    expect(level.message).toMatch(/rolling restart/);
    const free = s.apply({ type: 'free-disk', target: 'api' });
    expect(free.ok, free.message).toBe(true);
    s.runUntil(200);
    // Logs deleted after 10 s; the debug lines stop after the 20 s rollout.
    expect(avail(165)).toBeGreaterThan(400);
    expect(series(s, 'error_ratio', 'api')(199)).toBe(0);
    const at = avail(199);
    s.runUntil(300);
    // Back to the normal 0.5 KB per request: 50 KB/s.
    expect(at - avail(299)).toBeGreaterThan(3);
    expect(at - avail(299)).toBeLessThan(6);
  });

  it('free-disk alone is temporary while the cause goes on', () => {
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 100 }] },
          { id: 'api', kind: 'service', disk: { sizeGb: 1, usedGb: 0.5 } },
        ],
        edges: [{ from: 'users', to: 'api' }],
        faults: [{ at: 0, target: 'api', type: 'debug-logging', params: { kbPerRequest: 50 } }],
      } as never),
    );
    s.runUntil(150);
    s.apply({ type: 'free-disk', target: 'api' });
    s.runUntil(400);
    const avail = series(s, 'disk_avail_mb', 'api');
    expect(avail(170)).toBeGreaterThan(400);
    expect(avail(399)).toBe(0);
  });

  it('a runaway writer (disk-fill) fills at its rate; kill-queries ends it and its temp files go', () => {
    const s = createSimulation(
      dbScenario({ sizeGb: 10, usedGb: 5 }, [
        { at: 0, target: 'db', type: 'disk-fill', params: { mbPerMinute: 3000 } },
      ]),
    );
    const avail = series(s, 'disk_avail_mb', 'db');
    s.runUntil(60);
    expect(5120 - avail(59)).toBeGreaterThan(2900);
    expect(5120 - avail(59)).toBeLessThanOrEqual(3000);
    s.apply({ type: 'kill-queries', target: 'db' });
    s.runUntil(120);
    expect(avail(119)).toBeCloseTo(5120, 0);
  });
});

describe('disk actions', () => {
  it('expand-volume makes room after about 2 minutes, and only once per 6 hours', () => {
    const s = createSimulation(dbScenario({}, [{ at: 0, target: 'db', type: 'replication-slot' }]));
    s.runUntil(300);
    const r = s.apply({ type: 'expand-volume', target: 'db', params: { sizeGb: 20 } });
    expect(r.ok, r.message).toBe(true);
    expect(r.effectiveAt).toBe(420);
    s.runUntil(480);
    const errors = series(s, 'error_ratio', 'db');
    expect(errors(415)).toBeCloseTo(0.2, 2);
    expect(errors(470)).toBe(0);
    expect(series(s, 'disk_size_mb', 'db')(470)).toBe(20 * 1024);
    const again = s.apply({ type: 'expand-volume', target: 'db', params: { sizeGb: 40 } });
    expect(again.ok).toBe(false);
    expect(again.message).toMatch(/6 hours/);
    const shrink = createSimulation(dbScenario()).apply({
      type: 'expand-volume',
      target: 'db',
      params: { sizeGb: 5 },
    });
    expect(shrink.ok).toBe(false);
    expect(shrink.message).toMatch(/only grow/);
  });

  it('drop-replication-slot stops the growth at once and frees the WAL at the next checkpoint', () => {
    const s = createSimulation(dbScenario({}, [{ at: 0, target: 'db', type: 'replication-slot' }]));
    s.runUntil(300);
    const r = s.apply({ type: 'drop-replication-slot', target: 'db' });
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toMatch(/analytics_slot/);
    s.runUntil(420);
    const avail = series(s, 'disk_avail_mb', 'db');
    expect(avail(355)).toBe(0);
    expect(avail(365)).toBeCloseTo(512, 0);
    expect(series(s, 'error_ratio', 'db')(419)).toBe(0);
  });

  it('actions on a node without a disk are refused with a sentence, and disk faults need a disk', () => {
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 10 }] },
          { id: 'db', kind: 'database' },
        ],
        edges: [{ from: 'users', to: 'db' }],
      }),
    );
    const r = s.apply({ type: 'free-disk', target: 'db' });
    expect(r).toMatchObject({ ok: false, message: 'db has no disk volume in this system.' });
    const f = s.inject({ type: 'replication-slot', target: 'db' });
    expect(f.ok).toBe(false);
    expect(f.message).toMatch(/db has no disk/);
    // No disk series for a node without a disk.
    expect(s.metrics.find('disk_avail_mb', 'db')).toBe(-1);
  });
});

describe('write IOPS', () => {
  it('writes beyond the provisioned IOPS queue as IO wait; raise-iops ends it after the modification', () => {
    // 1000 queries/s, 50% writes x 2 IOs = 1000 IOPS wanted on a 600 IOPS volume.
    const s = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '2h', target: 1000 }] },
          {
            id: 'db',
            kind: 'database',
            maxConnections: 200,
            cpuCores: 16,
            disk: { sizeGb: 100, usedGb: 10, writeShare: 0.5, iops: 600, logKbPerRequest: 0 },
          },
        ],
        edges: [{ from: 'users', to: 'db', timeout: 60 }],
      } as never),
    );
    s.runUntil(120);
    const wait = series(s, 'disk_io_wait_seconds', 'db');
    const util = series(s, 'disk_io_utilization', 'db');
    const iops = series(s, 'disk_write_iops', 'db');
    const p50 = series(s, 'latency_p50', 'db');
    expect(wait(119)).toBeGreaterThan(0.05);
    expect(util(119)).toBe(1);
    expect(iops(119)).toBeCloseTo(600, 0);
    const slow = p50(119);
    expect(slow).toBeGreaterThan(0.05);
    const r = s.apply({ type: 'raise-iops', target: 'db', params: { iops: 6000 } });
    expect(r.ok, r.message).toBe(true);
    expect(r.effectiveAt).toBe(420);
    s.runUntil(410);
    expect(wait(409)).toBeGreaterThan(0.05);
    s.runUntil(600);
    expect(wait(599)).toBe(0);
    expect(util(599)).toBeLessThan(0.2);
    expect(p50(599)).toBeLessThan(0.01);
  });

  it('under the IOPS nothing waits and latency is what it was without a disk', () => {
    const base = {
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 300 }] },
        { id: 'db', kind: 'database' },
      ],
      edges: [{ from: 'users', to: 'db' }],
    };
    const plain = createSimulation(makeScenario(base as never));
    const disk = createSimulation(
      makeScenario({
        ...base,
        nodes: [base.nodes[0], { id: 'db', kind: 'database', disk: {} }],
      } as never),
    );
    plain.runUntil(60);
    disk.runUntil(60);
    expect(series(disk, 'latency_p99', 'db')(59)).toBe(series(plain, 'latency_p99', 'db')(59));
    expect(series(disk, 'disk_io_wait_seconds', 'db')(59)).toBe(0);
  });
});
