import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreRun } from '../scoring/score';
import { workedExample } from '../scoring/fixtures';
import { fnv1a64, hashScenario } from './hash';
import {
  finishRunRecord,
  migrateRunRecord,
  parseRunRecord,
  runRecordSchema,
  startRunRecord,
  type RunRecord,
} from './record';

/** Reference FNV-1a 64 with BigInt over TextEncoder bytes. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('hashScenario', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt reference on any text, including non-ASCII and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => fnv1a64(s) === reference(s)),
      {
        numRuns: 500,
      },
    );
    expect(fnv1a64('naïve 🚒 \ud800')).toBe(reference('naïve 🚒 \ud800'));
  });

  it('is prefixed, deterministic, and ignores line-end style and a BOM', () => {
    const text = '{\n  "id": "x"\n}\n';
    expect(hashScenario(text)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(hashScenario(text)).toBe(hashScenario(text));
    expect(hashScenario(text.replace(/\n/g, '\r\n'))).toBe(hashScenario(text));
    expect(hashScenario('\uFEFF' + text)).toBe(hashScenario(text));
    expect(hashScenario(text.replace('x', 'y'))).not.toBe(hashScenario(text));
  });
});

function finishedRecord(): RunRecord {
  const example = workedExample();
  const score = scoreRun(example);
  const started = startRunRecord({
    id: 'run-2024-01-01-001',
    scenarioId: example.scenario.id,
    scenarioHash: hashScenario('{"id":"bad-deploy-checkout"}'),
    scenarioTitle: example.scenario.title,
    seed: 7,
    startedAt: '2024-01-01T10:00:00.000Z',
  });
  const withSteps: RunRecord = {
    ...started,
    steps: [
      { at: 360, kind: 'acknowledge', alert: 'CheckoutErrors' },
      { at: 480, kind: 'declare', node: 'db', category: 'database' },
      { at: 540, kind: 'action', type: 'restart', target: 'checkout' },
      { at: 600, kind: 'hint', index: 0 },
      { at: 700, kind: 'inject', type: 'latency', target: 'db', duration: 60, params: { multiplier: 3 } },
      { at: 720, kind: 'declare', node: 'checkout', category: 'bad-deploy' },
      { at: 1000, kind: 'note', text: 'rolling back' },
      { at: 1080, kind: 'action', type: 'rollback', target: 'checkout', params: { version: 'v1' } },
    ],
  };
  return finishRunRecord(withSteps, {
    status: 'mitigated',
    endedAt: '2024-01-01T10:21:00.000Z',
    simTime: 1260,
    score,
  });
}

describe('run record format 2', () => {
  it('a finished record round-trips through JSON', () => {
    const record = finishedRecord();
    expect(record.summary).toEqual({ tta: 180, ttd: 540, ttm: 960 });
    const result = parseRunRecord(JSON.stringify(record));
    expect(result).toEqual({ ok: true, record, fromVersion: 2, notes: [] });
  });

  it('a new record is in progress with an empty summary', () => {
    const record = startRunRecord({
      id: 'r',
      scenarioId: 's',
      scenarioHash: 'fnv1a64:0000000000000000',
      scenarioTitle: 'S',
      seed: 1,
      startedAt: '2024-01-01T10:00:00+02:00',
    });
    expect(runRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      status: 'in-progress',
      simTime: 0,
      steps: [],
      summary: { tta: null, ttd: null, ttm: null },
    });
  });

  it('rejects steps out of order, unknown action types and a score without its breakdown', () => {
    const record = finishedRecord();
    const swapped = { ...record, steps: [...record.steps].reverse() };
    const a = migrateRunRecord(swapped);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatch(/steps\[1\]\.at: steps must be in time order/);
    const badAction = { ...record, steps: [{ at: 1, kind: 'action', type: 'reboot-universe', target: 'x' }] };
    const b = migrateRunRecord(badAction);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error).toMatch(/^The run record \(format 2\) is damaged: steps\[0\]\.type/);
    const c = migrateRunRecord({ ...record, score: { total: 80 } });
    expect(c.ok).toBe(false);
  });

  it('carries the communication steps (severity, status update, status page) and checks them', () => {
    const record = finishedRecord();
    const comms: RunRecord['steps'] = [
      { at: 200, kind: 'severity', severity: 'SEV2' },
      { at: 210, kind: 'status-update', text: 'Investigating checkout errors.' },
      {
        at: 220,
        kind: 'status-page',
        state: 'investigating',
        impact: 'partial-outage',
        components: ['checkout'],
        text: 'Some payments fail.',
      },
      { at: 230, kind: 'runbook', page: 'checkout-errors' },
    ];
    const withComms = { ...record, steps: [...comms] };
    expect(parseRunRecord(JSON.stringify(withComms))).toMatchObject({ ok: true, record: withComms });
    const bad = migrateRunRecord({ ...record, steps: [{ at: 1, kind: 'severity', severity: 'SEV5' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.path).toBe('steps[0].severity');
    const empty = migrateRunRecord({ ...record, steps: [{ at: 1, kind: 'status-update', text: '' }] });
    expect(empty.ok).toBe(false);
  });
});

const v1 = {
  version: 1,
  id: 'run-old',
  scenario: 'bad-deploy-checkout',
  hash: 'deadbeef',
  seed: 3,
  startedAt: Date.UTC(2023, 5, 1, 9, 0, 0),
  endedAt: Date.UTC(2023, 5, 1, 9, 20, 0),
  state: 'gave-up',
  elapsedMs: 1_200_500,
  actions: [
    { atMs: 300_000, kind: 'declare', node: 'checkout', category: 'bad-deploy' },
    { atMs: 200_000, kind: 'ack' },
    { atMs: 400_000, kind: 'action', type: 'rollback', target: 'checkout' },
    { atMs: 450_000, kind: 'hint', index: 1 },
    { atMs: 500_000, kind: 'note', text: 'giving up' },
  ],
  score: 41,
  grade: 'F',
  ttaMs: 20_000,
  ttdMs: 120_000,
  ttmMs: null,
};

describe('migrateRunRecord', () => {
  it('upgrades a format 1 record: seconds, ISO times, steps in order, statuses renamed', () => {
    const result = migrateRunRecord(JSON.parse(JSON.stringify(v1)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fromVersion).toBe(1);
    expect(result.record).toEqual({
      formatVersion: 2,
      id: 'run-old',
      scenarioId: 'bad-deploy-checkout',
      scenarioHash: 'deadbeef',
      scenarioTitle: 'bad-deploy-checkout',
      seed: 3,
      startedAt: '2023-06-01T09:00:00.000Z',
      endedAt: '2023-06-01T09:20:00.000Z',
      status: 'abandoned',
      simTime: 1200.5,
      steps: [
        { at: 200, kind: 'acknowledge' },
        { at: 300, kind: 'declare', node: 'checkout', category: 'bad-deploy' },
        { at: 400, kind: 'action', type: 'rollback', target: 'checkout' },
        { at: 450, kind: 'hint', index: 1 },
        { at: 500, kind: 'note', text: 'giving up' },
      ],
      summary: { tta: 20, ttd: 120, ttm: null },
    });
    expect(result.notes).toEqual([expect.stringContaining('format-1 score (41, F) has no breakdown')]);
    // the migrated record is a valid format 2 record, and migrating it again changes nothing
    const again = migrateRunRecord(result.record);
    expect(again).toEqual({ ok: true, record: result.record, fromVersion: 2, notes: [] });
  });

  it('a format 1 record still running, without hash or end', () => {
    const { hash: _hash, endedAt: _endedAt, score: _score, grade: _grade, ...rest } = v1;
    const result = migrateRunRecord({ ...rest, state: 'running' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.status).toBe('in-progress');
    expect(result.record.scenarioHash).toBe('unknown');
    expect(result.record.endedAt).toBeUndefined();
    expect(result.notes).toEqual([expect.stringContaining('no scenario hash')]);
  });

  it('a damaged format 1 record names the bad fields', () => {
    const result = migrateRunRecord({
      ...v1,
      actions: [{ atMs: -1, kind: 'ack' }, { kind: 'teleport' }],
      state: 'exploded',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^The run record \(format 1\) is damaged: /);
    expect(result.error).toContain('state');
    expect(result.error).toContain('actions[0].atMs');
    expect(result.error).toContain('actions[1].kind');
  });

  it('a refused record carries the JSON path of its first problem', () => {
    const record = finishedRecord();
    const damaged = { ...record, steps: record.steps.map((s, i) => (i === 2 ? { ...s, at: -1 } : s)) };
    expect(migrateRunRecord(damaged)).toMatchObject({ ok: false, path: 'steps[2].at' });
    const { scenarioId: _dropped, ...missing } = record;
    expect(migrateRunRecord(missing)).toMatchObject({ ok: false, path: 'scenarioId' });
    expect(migrateRunRecord({ ...v1, actions: [{ atMs: 'soon', kind: 'ack' }] })).toMatchObject({
      ok: false,
      path: 'actions[0].atMs',
    });
  });

  it('a truncated or corrupt file gives one clear sentence, never a throw', () => {
    const text = JSON.stringify(finishedRecord());
    const truncated = parseRunRecord(text.slice(0, Math.floor(text.length / 2)));
    expect(truncated.ok).toBe(false);
    if (!truncated.ok)
      expect(truncated.error).toMatch(/^The run record is not valid JSON \(truncated or corrupt\?\): /);
    expect(parseRunRecord('')).toEqual({ ok: false, path: '', error: 'The run record file is empty.' });
    expect(parseRunRecord('\u0000\u0000garbage')).toMatchObject({ ok: false });
    expect(parseRunRecord('[1,2]')).toEqual({
      ok: false,
      path: '',
      error: 'A run record must be a JSON object; this one is an array.',
    });
    expect(migrateRunRecord(null)).toEqual({
      ok: false,
      path: '',
      error: 'A run record must be a JSON object; this one is null.',
    });
    expect(migrateRunRecord({ id: 'x' })).toMatchObject({
      ok: false,
      path: 'formatVersion',
      error: expect.stringContaining('no format version'),
    });
    expect(migrateRunRecord({ formatVersion: 3 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('newer Outage Lab'),
    });
    expect(migrateRunRecord({ formatVersion: 0 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('never existed'),
    });
    // a record cut at any point is an error, never a crash
    for (let cut = 0; cut < text.length; cut += 97) {
      const result = parseRunRecord(text.slice(0, cut));
      expect(result.ok).toBe(false);
    }
  });

  it('property: arbitrary JSON never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ version: fc.constant(1) }),
          fc.record({ formatVersion: fc.constant(2) }),
        ),
        (value) => {
          const result = migrateRunRecord(value);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});
