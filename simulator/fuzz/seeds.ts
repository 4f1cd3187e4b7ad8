/**
 * The run records the fuzzer mutates: a finished format-2 record with every kind of step and a
 * score, an in-progress one, and a format-1 record, all naming a built-in scenario so the records
 * that still read after mutation replay against it.
 */
import { finishRunRecord, startRunRecord, type RunRecord } from '../runs/record';
import { scoreRun } from '../scoring/score';
import { workedExample } from '../scoring/fixtures';

/** `service` and `database` are node ids of the scenario, so the steps act on real nodes. */
export function seedRunRecords(scenarioId: string, service: string, database: string): unknown[] {
  const example = workedExample();
  const started = startRunRecord({
    id: 'run-2024-01-01-001',
    scenarioId,
    scenarioHash: 'fnv1a64:0000000000000000',
    scenarioTitle: 'Fuzzed',
    seed: 7,
    startedAt: '2024-01-01T10:00:00.000Z',
  });
  const withSteps: RunRecord = {
    ...started,
    saveOrder: { session: 'fuzz', seq: 3 },
    steps: [
      { at: 30, kind: 'acknowledge', alert: 'CheckoutErrors' },
      { at: 60, kind: 'declare', node: database, category: 'database' },
      { at: 90, kind: 'action', type: 'restart', target: service },
      { at: 120, kind: 'hint', index: 0 },
      { at: 150, kind: 'inject', type: 'latency', target: database, duration: 60, params: { multiplier: 3 } },
      { at: 180, kind: 'action', type: 'scale', target: service, params: { replicas: 6 } },
      { at: 200, kind: 'note', text: 'rolling back' },
      { at: 240, kind: 'action', type: 'rollback', target: service, params: { version: 'v1' } },
    ],
  };
  const finished = finishRunRecord(withSteps, {
    status: 'mitigated',
    endedAt: '2024-01-01T10:21:00.000Z',
    simTime: 1260,
    score: scoreRun(example),
  });
  const v1 = {
    version: 1,
    id: 'run-old',
    scenario: scenarioId,
    hash: 'deadbeef',
    seed: 3,
    startedAt: Date.UTC(2023, 5, 1, 9, 0, 0),
    endedAt: Date.UTC(2023, 5, 1, 9, 20, 0),
    state: 'gave-up',
    elapsedMs: 1_200_500,
    actions: [
      { atMs: 30_000, kind: 'ack' },
      { atMs: 60_000, kind: 'declare', node: service, category: 'bad-deploy' },
      { atMs: 90_000, kind: 'action', type: 'rollback', target: service, params: { version: 'v1' } },
      { atMs: 120_000, kind: 'hint', index: 1 },
      { atMs: 150_000, kind: 'note', text: 'giving up' },
    ],
    score: 41,
    grade: 'F',
    ttaMs: 20_000,
    ttdMs: 120_000,
    ttmMs: null,
  };
  return [finished, withSteps, v1];
}
