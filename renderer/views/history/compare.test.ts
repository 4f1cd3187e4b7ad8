import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../simulator/runs/record';
import { finishRunRecord, startRunRecord } from '../../../simulator/runs/record';
import { endedRun } from '../debrief/test-fixture';
import { actionsTaken, compareRuns } from './compare';

const { score, steps } = endedRun();

function record(id: string, total: number, tta: number): RunRecord {
  const base = startRunRecord({
    id,
    scenarioId: 's',
    scenarioHash: 'h',
    scenarioTitle: 'S',
    seed: 1,
    startedAt: '2025-01-01T10:00:00.000Z',
  });
  const s = {
    ...score,
    total,
    measures: { ...score.measures, tta },
    components: score.components.map((c) => (c.id === 'acknowledge' ? { ...c, points: total / 10 } : c)),
  };
  return finishRunRecord(
    { ...base, steps: [...steps] },
    { status: 'mitigated', endedAt: base.startedAt, simTime: 1260, score: s },
  );
}

describe('compareRuns', () => {
  it('puts each component, the times and the counts side by side and says which run did better', () => {
    const rows = compareRuns(record('a', 75, 180), record('b', 90, 60));
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row('total')).toMatchObject({ a: '75 (C)', b: '90 (C)', better: 'b' });
    expect(row('component-acknowledge')).toMatchObject({ a: '7.5 / 15', b: '9 / 15', better: 'b' });
    expect(row('component-diagnose')).toMatchObject({ a: '25 / 25', b: '25 / 25' });
    expect(row('component-diagnose')?.better).toBeUndefined();
    expect(row('tta')).toMatchObject({ a: '3m 00s', b: '1m 00s', better: 'b' });
    expect(row('wrong')).toMatchObject({ a: '1', b: '1' });
    expect(rows.filter((r) => r.key.startsWith('component-'))).toHaveLength(score.components.length);
  });

  it('lists the actions taken with their effects', () => {
    expect(actionsTaken(record('a', 75, 180))).toEqual([
      'T+09:00 rollout restart checkout (neutral)',
      'T+18:00 rollback checkout (fixes)',
    ]);
  });

  it('handles a run without a score', () => {
    const unscored = startRunRecord({
      id: 'u',
      scenarioId: 's',
      scenarioHash: 'h',
      scenarioTitle: 'S',
      seed: 1,
      startedAt: '2025-01-01T10:00:00.000Z',
    });
    const rows = compareRuns(unscored, record('a', 75, 180));
    expect(rows.find((r) => r.key === 'total')).toMatchObject({ a: '–', better: 'b' });
    expect(rows.find((r) => r.key === 'harmful')?.better).toBeUndefined();
  });
});
