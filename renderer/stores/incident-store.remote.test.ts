/**
 * The incident store as a trainee tab (`joinRemote`): no worker, the instructor's run over the
 * run's BroadcastChannel. The instructor's side is a RelayTransport over a fake worker.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, ToWorker } from '../sim/protocol';
import { FakeWorker, rafOnTimers } from '../sim/test-fakes';
import { buildCatchUp } from '../sim/trainee-filter';
import { RelayTransport } from '../sim/transport';
import { useIncidentStore } from './incident-store';

const scenarioText = readFileSync(new URL('../../scenarios/thread-exhaustion.json', import.meta.url), 'utf8');

async function until(predicate: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function liveSnapshot(time: number): Snapshot {
  return {
    type: 'snapshot',
    tick: time,
    time,
    speed: 1,
    paused: false,
    finished: false,
    firstTick: time - 1,
    values: [new Float64Array([time])],
    events: [{ t: time, kind: 'fault', text: 'dependency-outage on recommendations', hidden: true }],
    logs: [],
    traces: [],
    nodes: [],
    alerts: [],
    slos: [],
    okSince: null,
    truth: { hidden: [], faults: [], scheduled: [] },
  };
}

let relay: RelayTransport | undefined;
beforeAll(rafOnTimers);
afterEach(() => {
  useIncidentStore.getState().reset();
  relay?.close();
});

describe('incident store, trainee tab of an instructor run', () => {
  it('joins, catches up, follows the run and sends its own steps back', async () => {
    const worker = new FakeWorker();
    const catchUp = buildCatchUp({
      runId: 'run-remote',
      scenarioText,
      duration: 1800,
      series: [{ index: 0, metric: 'request_rate', labels: { node: 'storefront' } }],
      tickSeconds: 1,
      values: [new Float64Array([5, 6, 7])],
      length: 3,
      tick: 3,
      time: 3,
      speed: 10,
      paused: false,
      finished: false,
      events: [],
      logs: [],
      traces: [],
      nodes: [],
      alerts: [],
      slos: [],
      okSince: null,
      steps: [{ at: 1, kind: 'note', text: 'secret' }],
      pages: [],
      actionLog: [],
    });
    relay = new RelayTransport(worker, 'run-remote', () => catchUp);

    const store = useIncidentStore;
    store.getState().joinRemote('run-remote');
    expect(store.getState().status).toBe('starting');
    await until(() => store.getState().status === 'running' && store.getState().time === 3);
    const state = store.getState();
    expect(state.scenario?.id).toBe('thread-exhaustion');
    expect(state.remoteRunId).toBe('run-remote');
    expect(state.steps).toEqual([]);
    expect(state.buffer?.latest(0)).toBe(7);

    // Live: the next snapshot arrives stripped.
    worker.emit(liveSnapshot(4));
    await until(() => store.getState().time === 4);
    expect(store.getState().events).toEqual([]);
    expect(store.getState().hiddenEvents).toEqual([]);

    // The trainee's clock controls do nothing; its hint goes to the instructor's worker.
    store.getState().togglePause();
    store.getState().setSpeed(60);
    expect(store.getState().paused).toBe(false);
    expect(store.getState().speed).toBe(1);
    store.getState().revealHint();
    await until(() => worker.posted.length === 1);
    const sent = worker.posted[0] as Extract<ToWorker, { type: 'step' }>;
    expect(sent.step).toEqual({ kind: 'hint', index: 0 });
    worker.emit({
      type: 'step-result',
      id: sent.id,
      step: { at: 4, kind: 'hint', index: 0 },
      result: { ok: true, message: 'Hint 1' },
    });
    await until(() => store.getState().steps.length === 1);
    expect(store.getState().steps[0]).toMatchObject({ kind: 'hint', index: 0 });

    // An instructor's note never arrives; the instructor's action does, in the action log.
    worker.emit({
      type: 'step-result',
      id: 1,
      step: { at: 5, kind: 'note', text: 'secret' },
      result: { ok: true, message: 'secret' },
    });
    worker.emit({
      type: 'step-result',
      id: 2,
      step: { at: 5, kind: 'action', type: 'restart', target: 'storefront' },
      result: { ok: true, message: 'Restarting storefront' },
    });
    await until(() => store.getState().actionLog.length === 1);
    expect(store.getState().steps.map((s) => s.kind)).toEqual(['hint', 'action']);
    expect(JSON.stringify(store.getState().steps)).not.toContain('secret');
  });
});
