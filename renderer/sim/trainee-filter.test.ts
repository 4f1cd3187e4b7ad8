import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../simulator/engine/api';
import type { FromWorker, Snapshot } from './protocol';
import { acceptTraineeCommand, buildCatchUp, traineeSnapshot, type CatchUpSource } from './trainee-filter';

const visible: SimEvent = { t: 10, kind: 'alert-firing', text: 'FIRING [P1] ApiErrors', hidden: false };
const onset: SimEvent = { t: 5, kind: 'fault', node: 'db', text: 'latency on db: secret note', hidden: true };
const cleared: SimEvent = {
  t: 9,
  kind: 'fault-cleared',
  node: 'db',
  text: 'latency on db ended',
  hidden: true,
};
const note: SimEvent = { t: 11, kind: 'note', text: 'NOTE: trainee looked at logs', hidden: true };
// A note that somehow lost its hidden flag is still not shown.
const leakyNote: SimEvent = { t: 12, kind: 'note', text: 'NOTE: leaky', hidden: false };

function snapshot(extra: Partial<Snapshot> = {}): Snapshot {
  return {
    type: 'snapshot',
    tick: 12,
    time: 12,
    speed: 1,
    paused: false,
    finished: false,
    firstTick: 0,
    values: [new Float64Array([1, 2, 3])],
    events: [visible, onset, cleared, note, leakyNote],
    logs: [],
    traces: [],
    nodes: [],
    alerts: [],
    slos: [],
    okSince: null,
    truth: {
      hidden: [onset, cleared, note],
      faults: [
        {
          id: 'injected-1',
          type: 'latency',
          target: 'db',
          at: 5,
          end: Infinity,
          state: 'active',
          params: { factor: 42 },
          injected: true,
        },
      ],
      scheduled: [{ id: 3, at: 100, step: { kind: 'inject', type: 'crash', target: 'api' } }],
    },
    ...extra,
  };
}

describe('traineeSnapshot', () => {
  it('strips the truth, hidden events and notes from a snapshot and keeps the rest', () => {
    const out = traineeSnapshot(snapshot()) as Snapshot;
    expect(out.type).toBe('snapshot');
    expect(out.truth).toBeUndefined();
    expect('truth' in out).toBe(false);
    expect(out.events).toEqual([visible]);
    expect(out.values[0]).toEqual(new Float64Array([1, 2, 3]));
    const text = JSON.stringify(out);
    for (const secret of ['secret note', 'NOTE:', 'injected', 'factor', '42', 'crash', 'fault']) {
      expect(text).not.toContain(secret);
    }
  });

  it('drops the results of injections and notes, keeps the trainee steps', () => {
    const inject: FromWorker = {
      type: 'step-result',
      id: 1,
      step: { at: 3, kind: 'inject', type: 'latency', target: 'db', params: { factor: 42 } },
      result: { ok: true, message: 'Injected latency on db at 3 s.' },
    };
    const noteStep: FromWorker = {
      type: 'step-result',
      id: 2,
      step: { at: 4, kind: 'note', text: 'NOTE: slow' },
      result: { ok: true, message: 'NOTE: slow' },
    };
    expect(traineeSnapshot(inject)).toBeUndefined();
    expect(traineeSnapshot(noteStep)).toBeUndefined();
    for (const step of [
      { at: 1, kind: 'acknowledge', alert: 'ApiErrors' },
      { at: 2, kind: 'declare', node: 'db', category: 'slow' },
      { at: 3, kind: 'action', type: 'restart', target: 'api' },
      { at: 4, kind: 'hint', index: 0 },
    ] as const) {
      const message: FromWorker = { type: 'step-result', id: 7, step, result: { ok: true, message: 'ok' } };
      expect(traineeSnapshot(message)).toEqual(message);
    }
  });

  it('keeps only trainee-visible events in the end-of-run timeline', () => {
    const ended: FromWorker = {
      type: 'ended',
      ending: 'resolved',
      time: 100,
      score: {} as never,
      events: [visible, onset, cleared, note, leakyNote],
    };
    const out = traineeSnapshot(ended);
    expect(out?.type === 'ended' && out.events).toEqual([visible]);
  });

  it('passes ready and error through unchanged', () => {
    const ready: FromWorker = { type: 'ready', series: [], tickSeconds: 1, duration: 60, capacity: 61 };
    const error: FromWorker = { type: 'error', message: 'boom' };
    expect(traineeSnapshot(ready)).toBe(ready);
    expect(traineeSnapshot(error)).toBe(error);
  });
});

describe('acceptTraineeCommand', () => {
  it('accepts communication steps checked against the run record schema, and drops malformed ones', () => {
    const page = {
      kind: 'status-page',
      state: 'investigating',
      impact: 'degraded',
      components: ['checkout'],
      text: 'Slow checkouts.',
    };
    expect(acceptTraineeCommand({ type: 'step', id: 1, step: page })).toEqual({
      type: 'step',
      id: 1,
      step: page,
    });
    expect(
      acceptTraineeCommand({ type: 'step', id: 2, step: { kind: 'severity', severity: 'SEV2', extra: 1 } }),
    ).toEqual({ type: 'step', id: 2, step: { kind: 'severity', severity: 'SEV2' } });
    expect(
      acceptTraineeCommand({ type: 'step', id: 3, step: { kind: 'severity', severity: 'SEV9' } }),
    ).toBeUndefined();
    expect(
      acceptTraineeCommand({ type: 'step', id: 4, step: { kind: 'status-update', text: '' } }),
    ).toBeUndefined();
    expect(
      acceptTraineeCommand({ type: 'step', id: 5, step: { kind: 'status-update', text: 'x'.repeat(3000) } }),
    ).toBeUndefined();
  });

  it('accepts pages and asks of other teams from a trainee tab, and drops unknown teams or actions', () => {
    const ask = { kind: 'ask', team: 'database', type: 'kill-queries', target: 'orders-db' };
    expect(acceptTraineeCommand({ type: 'step', id: 1, step: ask })).toEqual({
      type: 'step',
      id: 1,
      step: ask,
    });
    expect(
      acceptTraineeCommand({
        type: 'step',
        id: 2,
        step: { kind: 'escalate', team: 'network', text: 'NAT?' },
      }),
    ).toEqual({ type: 'step', id: 2, step: { kind: 'escalate', team: 'network', text: 'NAT?' } });
    expect(
      acceptTraineeCommand({ type: 'step', id: 3, step: { kind: 'escalate', team: 'everyone', text: '' } }),
    ).toBeUndefined();
    expect(
      acceptTraineeCommand({ type: 'step', id: 4, step: { ...ask, type: 'drop-table' } }),
    ).toBeUndefined();
  });

  it('accepts the trainee’s own steps and ending the run', () => {
    expect(acceptTraineeCommand({ type: 'step', id: 4, step: { kind: 'acknowledge', alert: 'A' } })).toEqual({
      type: 'step',
      id: 4,
      step: { kind: 'acknowledge', alert: 'A' },
    });
    expect(
      acceptTraineeCommand({
        type: 'step',
        id: 5,
        step: { kind: 'action', type: 'scale', target: 'api', params: { replicas: 4 } },
      }),
    ).toEqual({
      type: 'step',
      id: 5,
      step: { kind: 'action', type: 'scale', target: 'api', params: { replicas: 4 } },
    });
    expect(acceptTraineeCommand({ type: 'step', id: 6, step: { kind: 'hint', index: 1 } })).toBeDefined();
    expect(
      acceptTraineeCommand({ type: 'step', id: 6, step: { kind: 'declare', node: 'db', category: 'x' } }),
    ).toBeDefined();
    expect(acceptTraineeCommand({ type: 'end', ending: 'resolved' })).toEqual({
      type: 'end',
      ending: 'resolved',
    });
  });

  it('accepts notebook lines and a declared hypothesis, and refuses malformed ones', () => {
    const note = { kind: 'notebook', entry: 'finding', text: 'p99 of orders-db is 4 s' };
    expect(acceptTraineeCommand({ type: 'step', id: 7, step: note })).toEqual({
      type: 'step',
      id: 7,
      step: note,
    });
    const declare = { kind: 'declare', node: 'db', category: 'slow-queries', hypothesis: 'a report query' };
    expect(acceptTraineeCommand({ type: 'step', id: 8, step: declare })).toEqual({
      type: 'step',
      id: 8,
      step: declare,
    });
    for (const bad of [
      { kind: 'notebook', entry: 'guess', text: 'x' },
      { kind: 'notebook', entry: 'finding', text: '   ' },
      { kind: 'notebook', entry: 'finding', text: 'x'.repeat(2001) },
      { kind: 'notebook', entry: 'finding' },
    ]) {
      expect(acceptTraineeCommand({ type: 'step', id: 9, step: bad }), JSON.stringify(bad)).toBeUndefined();
    }
    // An over-long hypothesis is dropped; the declaration itself still counts.
    expect(
      acceptTraineeCommand({
        type: 'step',
        id: 10,
        step: { kind: 'declare', node: 'db', category: 'cpu', hypothesis: 'x'.repeat(2001) },
      }),
    ).toEqual({ type: 'step', id: 10, step: { kind: 'declare', node: 'db', category: 'cpu' } });
  });

  it('refuses injections, notes, the clock, scheduling and malformed input', () => {
    for (const bad of [
      { type: 'step', id: 1, step: { kind: 'inject', type: 'crash', target: 'api' } },
      { type: 'step', id: 1, step: { kind: 'note', text: 'x' } },
      { type: 'step', id: 1, step: { kind: 'action', type: 'latency', target: 'api' } },
      { type: 'step', id: 1, step: { kind: 'action', type: 'scale', target: 'api', params: { a: {} } } },
      { type: 'step', id: 'x', step: { kind: 'hint', index: 0 } },
      { type: 'pause', paused: true },
      { type: 'speed', speed: 60 },
      { type: 'start', scenarioText: '{}', speed: 1, role: 'instructor' },
      { type: 'stop' },
      { type: 'end', ending: 'whatever' },
      null,
      'step',
    ]) {
      expect(acceptTraineeCommand(bad)).toBeUndefined();
    }
    // A trainee step never carries a schedule.
    expect(acceptTraineeCommand({ type: 'step', id: 1, at: 999, step: { kind: 'hint', index: 0 } })).toEqual({
      type: 'step',
      id: 1,
      step: { kind: 'hint', index: 0 },
    });
  });
});

describe('buildCatchUp', () => {
  it('sends the whole metric history as one filtered snapshot, and only trainee steps', () => {
    const source: CatchUpSource = {
      runId: 'run-1',
      scenarioText: '{"id":"x"}',
      duration: 60,
      series: [{ index: 0, metric: 'request_rate', labels: { node: 'api' } }],
      tickSeconds: 1,
      values: [new Float64Array([1, 2, 3, Number.NaN, Number.NaN])],
      length: 3,
      tick: 3,
      time: 3,
      speed: 5,
      paused: false,
      finished: false,
      events: [visible, onset, note],
      logs: [],
      traces: [],
      nodes: [{ id: 'api', version: 'v7', replicas: 3, ready: 3, starting: 0, probe: 'ok' }],
      alerts: [],
      slos: [],
      okSince: null,
      steps: [
        { at: 1, kind: 'inject', type: 'latency', target: 'db' },
        { at: 2, kind: 'note', text: 'NOTE: hello' },
        { at: 2, kind: 'acknowledge', alert: 'A' },
      ],
      pages: [{ name: 'A', severity: 'P1', firedAt: 1, acknowledgedAt: 2 }],
      actionLog: [
        {
          t: 1,
          command: { type: 'latency', target: 'db' },
          result: { ok: true, message: 'Injected latency' },
        },
        { t: 2, command: { type: 'restart', target: 'api' }, result: { ok: true, message: 'Restarting' } },
      ],
    };
    const { welcome, ready, snapshot: snap } = buildCatchUp(source);
    expect(snap.firstTick).toBe(0);
    expect(snap.values[0]).toEqual(new Float64Array([1, 2, 3]));
    expect(snap.events).toEqual([visible]);
    expect(snap.truth).toBeUndefined();
    // A late trainee sees the version running now even while the run is paused.
    expect(snap.nodes).toEqual(source.nodes);
    expect(ready.capacity).toBe(62);
    expect(welcome.steps).toEqual([{ at: 2, kind: 'acknowledge', alert: 'A' }]);
    expect(welcome.actionLog.map((e) => e.command.type)).toEqual(['restart']);
    const text = JSON.stringify({ welcome, snap });
    expect(text).not.toContain('NOTE');
    expect(text).not.toContain('latency');
  });
});

describe('acceptTraineeCommand: shell commands', () => {
  it('accepts a read-only shell command as an investigate step and refuses an oversized one', () => {
    expect(
      acceptTraineeCommand({
        type: 'step',
        id: 9,
        step: { kind: 'investigate', command: 'kubectl get pods' },
      }),
    ).toEqual({ type: 'step', id: 9, step: { kind: 'investigate', command: 'kubectl get pods' } });
    expect(
      acceptTraineeCommand({ type: 'step', id: 9, step: { kind: 'investigate', command: 'x'.repeat(5000) } }),
    ).toBeUndefined();
    expect(
      acceptTraineeCommand({ type: 'step', id: 9, step: { kind: 'investigate', command: 42 } }),
    ).toBeUndefined();
  });

  it("keeps a look's tool (LogQL, traces, PromQL) and refuses an unknown one", () => {
    const step = { kind: 'investigate', tool: 'logql', command: '{service="checkout"}' };
    expect(acceptTraineeCommand({ type: 'step', id: 3, step })).toEqual({ type: 'step', id: 3, step });
    expect(acceptTraineeCommand({ type: 'step', id: 3, step: { ...step, tool: 'rm -rf' } })).toBeUndefined();
  });
});
