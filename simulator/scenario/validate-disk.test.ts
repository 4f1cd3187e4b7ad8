/** Disks in a scenario: the volume's fields, and disk faults and actions only on nodes that have one. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from './validate';

function scenario(db: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    schemaVersion: 2,
    id: 'disk-check',
    title: 'disk check',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 10 }] },
      { id: 'db', kind: 'database', ...db },
    ],
    edges: [{ from: 'users', to: 'db' }],
    rootCause: { node: 'db', category: 'disk', causes: ['disk'] },
    objectives: { slos: [{ node: 'db', metric: 'error_ratio', max: 0.01 }] },
    ...extra,
  };
}

const errors = (json: unknown) => {
  const r = validateScenario(json);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('disk validation', () => {
  it('accepts a disk with defaults and fills them in', () => {
    const r = validateScenario(scenario({ disk: {} }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const db = r.scenario.nodes[1]!;
    expect(db.kind === 'database' && db.disk).toEqual({
      sizeGb: 100,
      usedGb: 20,
      growthMbPerMinute: 0,
      logKbPerRequest: 0.5,
      walKbPerWrite: 8,
      writeShare: 0.2,
      iops: 3000,
      iosPerWrite: 2,
    });
  });

  it('names the field of a bad volume', () => {
    expect(errors(scenario({ disk: { sizeGb: 10, usedGb: 20 } }))).toEqual([
      "nodes[1].disk.usedGb: database 'db': must be at most sizeGb",
    ]);
    expect(errors(scenario({ disk: { iops: 0 } }))[0]).toMatch(/^nodes\[1\]\.disk\.iops: /);
  });

  it('refuses disk faults and actions on a node without a disk, at their target', () => {
    const bad = scenario(
      {},
      {
        faults: [{ at: '1m', target: 'db', type: 'replication-slot' }],
        actions: [{ type: 'expand-volume', target: 'db', effect: 'fixes' }],
      },
    );
    expect(errors(bad)).toEqual([
      `faults[0].target: fault 'replication-slot' needs a volume, and 'db' has none (nodes[1].disk); give it a "disk": {"sizeGb": ..., "usedGb": ...}`,
      `actions[0].target: action 'expand-volume' needs a volume, and 'db' has none (nodes[1].disk); give it a "disk": {"sizeGb": ..., "usedGb": ...}`,
    ]);
    const good = scenario(
      { disk: {} },
      {
        faults: [{ at: '1m', target: 'db', type: 'replication-slot' }],
        actions: [{ type: 'expand-volume', target: 'db', effect: 'fixes' }],
      },
    );
    expect(errors(good)).toEqual([]);
  });
});
