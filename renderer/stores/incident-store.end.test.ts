// @vitest-environment happy-dom
/**
 * Ending a run the moment it starts: the console (and its Abandon button) is on screen before the
 * worker says it is ready, so an ending asked for while the run is starting must not be dropped
 * (CI found a run that kept running after "Abandon" was confirmed in its first second).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseScenarioText } from '../../simulator/scenario/validate';
import { FakeWorker } from '../sim/test-fakes';
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

afterEach(() => {
  useIncidentStore.getState().reset();
  localStorage.clear();
});

function startRun() {
  const parsed = parseScenarioText(scenarioText);
  if (!parsed.ok) throw new Error('the built-in scenario does not parse');
  useIncidentStore.getState().start(parsed.scenario, scenarioText);
  return workers.at(-1)!;
}

const ready = {
  type: 'ready' as const,
  series: [],
  tickSeconds: 1,
  duration: 1800,
  capacity: 1802,
};

describe('ending a run', () => {
  it('an abandon asked for before the worker is ready ends the run once it is', () => {
    const worker = startRun();
    expect(useIncidentStore.getState().status).toBe('starting');
    useIncidentStore.getState().end('abandoned');
    worker.emit(ready);
    expect(worker.posted.filter((m) => m.type === 'end')).toEqual([{ type: 'end', ending: 'abandoned' }]);
    expect(useIncidentStore.getState().status).toBe('ending');
  });

  it('a running run ends at once, and only once', () => {
    const worker = startRun();
    worker.emit(ready);
    useIncidentStore.getState().end('resolved');
    useIncidentStore.getState().end('abandoned');
    expect(worker.posted.filter((m) => m.type === 'end')).toEqual([{ type: 'end', ending: 'resolved' }]);
  });
});

describe('acting while the run starts', () => {
  // The console and its palette are on screen before the worker says it is ready; a command
  // typed in that first moment was refused with "No incident is running." (CI: an e2e scale
  // right after Start incident). The worker reads its messages in order: start, then the step.
  it('a command sent before the worker is ready goes to the worker after the start', () => {
    const worker = startRun();
    expect(useIncidentStore.getState().status).toBe('starting');
    let answered = false;
    void useIncidentStore
      .getState()
      .act({ type: 'scale', target: 'product-api', params: { replicas: 6 } })
      .then(() => (answered = true));
    const types = worker.posted.map((m) => m.type);
    expect(types.indexOf('start')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('step')).toBeGreaterThan(types.indexOf('start'));
    expect(answered).toBe(false);
  });

  it('a worker that fails to start answers the early command with a refusal', async () => {
    const worker = startRun();
    const answer = useIncidentStore
      .getState()
      .act({ type: 'scale', target: 'product-api', params: { replicas: 6 } });
    worker.emit({ type: 'error', message: 'bad scenario' });
    expect(await answer).toEqual({ ok: false, message: 'No incident is running.' });
  });

  it('with no run at all it is still refused', async () => {
    const result = await useIncidentStore.getState().act({ type: 'scale', target: 'x', params: {} });
    expect(result).toEqual({ ok: false, message: 'No incident is running.' });
  });
});
