// @vitest-environment happy-dom
/**
 * The incident store's saves while the host refuses them (issue 15 item 3): the finished record
 * must reach the host once it answers again, and the views must be able to tell it is not saved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../simulator/runs/record';
import { parseScenarioText } from '../../simulator/scenario/validate';
import { webApi } from '../platform/web-api';
import { FakeWorker, rafOnTimers } from '../sim/test-fakes';
import { endedRun } from '../views/debrief/test-fixture';
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

beforeAll(rafOnTimers);
afterEach(() => {
  useIncidentStore.getState().reset();
  delete window.outageLab;
  localStorage.clear();
  vi.useRealTimers();
});

describe('incident store saves while the host is down', () => {
  it('retries the final save until the host takes the complete record', async () => {
    vi.useFakeTimers();
    const host = { down: true, saved: [] as RunRecord[] };
    window.outageLab = {
      ...webApi,
      host: 'electron',
      writeRun: async (_file, data) => {
        if (host.down) throw new Error('The server answered 503.');
        host.saved.push(data as RunRecord);
      },
      listRuns: async () => [],
    };
    const parsed = parseScenarioText(scenarioText);
    if (!parsed.ok) throw new Error('the built-in scenario does not parse');
    useIncidentStore.getState().start(parsed.scenario, scenarioText);
    const worker = workers.at(-1)!;
    worker.emit({
      type: 'ready',
      series: [],
      tickSeconds: 1,
      duration: parsed.scenario.duration,
      capacity: 0,
    });
    worker.emit({
      type: 'step-result',
      id: 0,
      step: { kind: 'acknowledge', at: 30 },
      result: { ok: true, message: 'ok' },
    });
    worker.emit({ type: 'ended', ending: 'mitigated', time: 900, score: endedRun().score, events: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(host.saved).toEqual([]);

    host.down = false;
    await vi.advanceTimersByTimeAsync(30_000);
    const last = host.saved.at(-1);
    expect(last?.status).toBe('mitigated');
    expect(last?.steps).toHaveLength(1);
    expect(last?.id).toBe(useIncidentStore.getState().record?.id);
  });
});
