import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunFile } from '../../host/api';
import type { RunRecord } from '../../simulator/runs/record';
import { startRunRecord } from '../../simulator/runs/record';
import type { Grade, Score } from '../../simulator/scoring/types';
import type { DesktopApi } from '../platform/desktop-api';
import {
  formatBest,
  groupByScenario,
  personalBests,
  readRunFiles,
  toggleSelection,
  useHistoryStore,
} from './history-store';
import { endedRun } from '../views/debrief/test-fixture';

const baseScore: Score = endedRun().score;

function run(
  id: string,
  scenarioId: string,
  startedAt: string,
  status: RunRecord['status'],
  total?: number,
  grade: Grade = 'C',
): RunRecord {
  const record = startRunRecord({
    id,
    scenarioId,
    scenarioHash: 'fnv1a64:0',
    scenarioTitle: `Title ${scenarioId}`,
    seed: 1,
    startedAt,
  });
  return {
    ...record,
    status,
    ...(total === undefined ? {} : { score: { ...baseScore, total, grade } }),
  };
}

const file = (record: unknown, name: string, modifiedMs = 0): RunFile => ({
  file: name,
  data: record,
  modifiedMs,
});

describe('readRunFiles', () => {
  it('keeps corrupt and unreadable records with their error, next to the good ones', () => {
    const good = run('a', 's1', '2025-01-01T10:00:00.000Z', 'mitigated', 80);
    const v1 = {
      version: 1,
      id: 'old',
      scenario: 's1',
      seed: 1,
      startedAt: 1_700_000_000_000,
      state: 'gave-up',
      elapsedMs: 60_000,
      actions: [],
    };
    const { runs, corrupt } = readRunFiles([
      file(good, 'a.json'),
      file({ formatVersion: 2, id: 'x' }, 'broken.json'),
      { file: 'truncated.json', error: 'The run record is not valid JSON.', modifiedMs: 5 },
      file(v1, 'old.json'),
    ]);
    expect(runs.map((r) => r.file)).toEqual(['a.json', 'old.json']);
    expect(runs[1]).toMatchObject({ fromVersion: 1, record: { status: 'abandoned', scenarioId: 's1' } });
    expect(corrupt.map((c) => c.file)).toEqual(['broken.json', 'truncated.json']);
    expect(corrupt[0]?.error).toMatch(/damaged/);
    expect(corrupt[1]?.error).toBe('The run record is not valid JSON.');
  });
});

describe('drill records', () => {
  it('are listed apart from the runs, newest first; a damaged one is listed with its error', () => {
    const drill = (id: string, startedAt: string) => ({
      kind: 'drill',
      drillRunVersion: 1,
      id,
      drillId: 'checkout-before-sale',
      drillHash: 'h',
      drillTitle: 'Checkout',
      seed: 11,
      startedAt,
      endedAt: startedAt,
      score: { total: 70, grade: 'C', components: [] },
      headroom: 2.5,
      goal: 3,
      monthly: 900,
      budget: 1600,
      currency: 'USD',
      peakHeld: true,
      tests: [{ name: 'ramp-to-4x', at: 0, passed: false, bottleneck: 'orders-db CPU at 1.40x' }],
      changes: [],
      steps: [{ test: 'ramp-to-4x' }],
    });
    const good = run('a', 's1', '2025-01-01T10:00:00.000Z', 'mitigated', 80);
    const { runs, corrupt, drills } = readRunFiles([
      file(drill('d1', '2025-01-01T10:00:00.000Z'), 'd1.json'),
      file(good, 'a.json'),
      file(drill('d2', '2025-01-02T10:00:00.000Z'), 'd2.json'),
      file({ ...drill('d3', '2025-01-02T10:00:00.000Z'), headroom: 'x' }, 'd3.json'),
    ]);
    expect(runs.map((r) => r.file)).toEqual(['a.json']);
    expect(drills.map((d) => d.file)).toEqual(['d2.json', 'd1.json']);
    expect(corrupt).toEqual([
      { file: 'd3.json', error: expect.stringMatching(/damaged at headroom/), modifiedMs: 0 },
    ]);
  });
});

describe('personal bests and grouping', () => {
  const { runs } = readRunFiles([
    file(run('a', 's1', '2025-01-01T10:00:00.000Z', 'mitigated', 80, 'B'), 'a.json'),
    file(run('b', 's1', '2025-01-03T10:00:00.000Z', 'timeout', 45, 'F'), 'b.json'),
    file(run('c', 's1', '2025-01-02T10:00:00.000Z', 'resolved', 87, 'B'), 'c.json'),
    file(run('d', 's1', '2025-01-04T10:00:00.000Z', 'in-progress'), 'd.json'),
    file(run('e', 's2', '2025-01-05T10:00:00.000Z', 'abandoned'), 'e.json'),
    file(run('f', 's1', '2025-01-06T10:00:00.000Z', 'mitigated', 87, 'B'), 'f.json'),
  ]);

  it('takes the highest total of finished runs, the earliest on a tie', () => {
    const bests = personalBests(runs);
    expect(bests.s1).toMatchObject({ total: 87, grade: 'B', file: 'c.json' });
    expect(bests.s2).toBeUndefined();
    expect(formatBest(bests.s1!)).toBe('Best: 87 (B)');
  });

  it('groups by scenario, newest group and newest run first', () => {
    const groups = groupByScenario(runs);
    expect(groups.map((g) => g.scenarioId)).toEqual(['s1', 's2']);
    expect(groups[0]?.runs.map((r) => r.file)).toEqual(['f.json', 'd.json', 'b.json', 'c.json', 'a.json']);
    expect(groups[0]?.title).toBe('Title s1');
  });

  it('selects at most two runs of one scenario for the comparison', () => {
    let selected = toggleSelection([], 'a.json', runs);
    selected = toggleSelection(selected, 'b.json', runs);
    expect(selected).toEqual(['a.json', 'b.json']);
    expect(toggleSelection(selected, 'c.json', runs)).toEqual(['b.json', 'c.json']);
    expect(toggleSelection(selected, 'e.json', runs)).toEqual(['e.json']);
    expect(toggleSelection(selected, 'a.json', runs)).toEqual(['b.json']);
  });
});

describe('useHistoryStore', () => {
  const written: { file: string; data: unknown }[] = [];
  const api = {
    listRuns: vi.fn(async (): Promise<RunFile[]> => [
      file(run('live', 's1', '2025-01-01T10:00:00.000Z', 'in-progress'), 'live.json'),
      file(run('done', 's1', '2025-01-01T09:00:00.000Z', 'mitigated', 91, 'A'), 'done.json'),
      { file: 'bad.json', error: 'truncated', modifiedMs: 1 },
    ]),
    writeRun: vi.fn(async (f: string, data: unknown) => {
      written.push({ file: f, data });
    }),
  } as unknown as DesktopApi;

  beforeEach(() => {
    vi.stubGlobal('window', { outageLab: api });
    written.length = 0;
    useHistoryStore.setState({ status: 'idle', runs: [], corrupt: [], bests: {}, selected: [] });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads runs once for concurrent callers and computes bests', async () => {
    await Promise.all([useHistoryStore.getState().load(), useHistoryStore.getState().load()]);
    expect(api.listRuns).toHaveBeenCalledTimes(1);
    const state = useHistoryStore.getState();
    expect(state.status).toBe('ready');
    expect(state.runs).toHaveLength(2);
    expect(state.corrupt).toEqual([{ file: 'bad.json', error: 'truncated', modifiedMs: 1 }]);
    expect(state.bests.s1?.total).toBe(91);
  });

  it('closes an in-progress run as abandoned, without a score, and never touches corrupt files', async () => {
    await useHistoryStore.getState().load();
    expect(await useHistoryStore.getState().closeRun('live.json')).toBe(true);
    expect(written).toHaveLength(1);
    const saved = written[0]?.data as RunRecord;
    expect(written[0]?.file).toBe('live.json');
    expect(saved.status).toBe('abandoned');
    expect(saved.score).toBeUndefined();
    expect(saved.endedAt).toBeDefined();
    expect(useHistoryStore.getState().runs.find((r) => r.file === 'live.json')?.record.status).toBe(
      'abandoned',
    );
    expect(await useHistoryStore.getState().closeRun('done.json')).toBe(false);
    expect(written).toHaveLength(1);
  });
});
