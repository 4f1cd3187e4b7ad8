// @vitest-environment happy-dom
/**
 * The "1x on page" toggle is the local run's own setting: a snapshot the worker sent before it
 * got the change must not switch it back (CI saw the checkbox revert the moment it was clicked).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseScenarioText } from '../../simulator/scenario/validate';
import { FakeWorker, rafOnTimers, snapshotAt } from '../sim/test-fakes';
import { useIncidentStore } from './incident-store';

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

const snapshot = (time: number, slowOnPage: boolean) => snapshotAt(time, { slowOnPage });

beforeAll(rafOnTimers);
afterEach(() => {
  useIncidentStore.getState().reset();
  localStorage.clear();
});

describe('the 1x-on-page toggle', () => {
  it('stays off when a snapshot sent before the change still says on', () => {
    const parsed = parseScenarioText(scenarioText);
    if (!parsed.ok) throw new Error('the built-in scenario does not parse');
    useIncidentStore.getState().start(parsed.scenario, scenarioText);
    const worker = workers.at(-1)!;
    worker.emit({ type: 'ready', series: [], tickSeconds: 1, duration: 1800, capacity: 1802 });
    useIncidentStore.getState().setSlowOnPage(false);
    expect(worker.posted).toContainEqual({ type: 'slow-on-page', enabled: false });
    worker.emit(snapshot(10, true)); // in flight before the worker read the change
    expect(useIncidentStore.getState().slowOnPage).toBe(false);
    worker.emit(snapshot(11, false));
    expect(useIncidentStore.getState().slowOnPage).toBe(false);
  });
});
