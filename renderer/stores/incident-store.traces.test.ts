// @vitest-environment happy-dom
/**
 * The console keeps the newest MAX_TRACES sampled traces and counts those it let go, so an export
 * can say whether it holds the whole run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Trace } from '../../simulator/engine/api';
import { parseScenarioText } from '../../simulator/scenario/validate';
import { FakeWorker, rafOnTimers, snapshotAt } from '../sim/test-fakes';
import { MAX_TRACES, useIncidentStore } from './incident-store';

const workers: FakeWorker[] = [];
vi.mock('../sim/transport', async (original) => ({
  ...(await original<typeof import('../sim/transport')>()),
  WorkerTransport: class extends FakeWorker {
    constructor() {
      super();
      workers.push(this);
    }
  },
}));

const scenarioText = readFileSync(path.resolve(__dirname, '../../scenarios/thread-exhaustion.json'), 'utf8');

const trace = (t: number): Trace => ({
  traceId: t.toString(16).padStart(32, '0'),
  requestId: `r${t}`,
  t,
  root: 'gateway',
  duration: 0.1,
  error: false,
  spans: [],
});

const snapshot = (time: number, traces: Trace[]) => snapshotAt(time, { slowOnPage: false, traces });

beforeAll(rafOnTimers);
afterEach(() => {
  useIncidentStore.getState().reset();
  localStorage.clear();
});

describe('kept traces', () => {
  it('keeps the newest MAX_TRACES and counts the ones dropped', () => {
    const parsed = parseScenarioText(scenarioText);
    if (!parsed.ok) throw new Error('the built-in scenario does not parse');
    useIncidentStore.getState().start(parsed.scenario, scenarioText);
    const worker = workers.at(-1)!;
    worker.emit({ type: 'ready', series: [], tickSeconds: 1, duration: 1800, capacity: 1802 });
    const first = Array.from({ length: MAX_TRACES - 10 }, (_, i) => trace(i));
    worker.emit(snapshot(10, first));
    expect(useIncidentStore.getState().traces).toHaveLength(MAX_TRACES - 10);
    expect(useIncidentStore.getState().tracesDropped).toBe(0);
    worker.emit(
      snapshot(
        11,
        Array.from({ length: 25 }, (_, i) => trace(MAX_TRACES + i)),
      ),
    );
    const { traces, tracesDropped } = useIncidentStore.getState();
    expect(traces).toHaveLength(MAX_TRACES);
    expect(tracesDropped).toBe(15);
    expect(traces[0]?.t).toBe(15);
    expect(traces.at(-1)?.t).toBe(MAX_TRACES + 24);
    // A new run starts counting again.
    useIncidentStore.getState().reset();
    expect(useIncidentStore.getState().tracesDropped).toBe(0);
  });
});
