// @vitest-environment happy-dom
/**
 * Resuming a run (issue 15 item 7): the replayed acknowledgement is in the run's steps, so the
 * page it acknowledged must not open again when the replay brings its alert back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRunRecord } from '../../simulator/runs/record';
import { parseScenarioText } from '../../simulator/scenario/validate';
import type { Snapshot } from '../sim/protocol';
import { FakeWorker, rafOnTimers } from '../sim/test-fakes';
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

/** A snapshot at `time` whose new events are Alertmanager's page for StorefrontErrors at `since` (`fresh`: new to its group). */
function snapshot(time: number, since: number, fresh = 'StorefrontErrors'): Snapshot {
  return {
    type: 'snapshot',
    tick: time,
    time,
    speed: 1,
    paused: false,
    finished: false,
    firstTick: time - 1,
    values: [],
    events: [
      {
        t: since,
        kind: 'notification',
        text: '[FIRING:1] StorefrontErrors',
        hidden: false,
        data: { receiver: 'page', alerts: 'StorefrontErrors', new: fresh, resolved: '', firing: 1 },
      },
    ],
    logs: [],
    traces: [],
    nodes: [],
    alerts: [
      { name: 'StorefrontErrors', status: 'firing', since, value: 0.5, severity: 'P1', route: 'page' },
    ],
    slos: [],
    okSince: null,
  };
}

beforeAll(rafOnTimers);
afterEach(() => {
  useIncidentStore.getState().reset();
  localStorage.clear();
});

describe('resuming a run', () => {
  it('keeps the replayed acknowledgement: no page banner for an alert acknowledged before', () => {
    const parsed = parseScenarioText(scenarioText);
    if (!parsed.ok) throw new Error('the built-in scenario does not parse');
    const record = {
      ...startRunRecord({
        id: 'r1',
        scenarioId: parsed.scenario.id,
        scenarioHash: 'h',
        scenarioTitle: 't',
        seed: 1,
        startedAt: '2026-12-02T12:00:00.000Z',
      }),
      simTime: 400,
      steps: [{ kind: 'acknowledge' as const, at: 320, alert: 'StorefrontErrors' }],
    };
    useIncidentStore.getState().start(parsed.scenario, scenarioText, { resume: record });
    workers.at(-1)!.emit(snapshot(400, 300));
    const pages = useIncidentStore.getState().pages;
    expect(pages).toHaveLength(1);
    expect(pages[0]!.acknowledgedAt).toBe(320);
    // A new firing of the same alert after the acknowledgement pages again.
    workers.at(-1)!.emit(snapshot(900, 800));
    expect(useIncidentStore.getState().pages.filter((p) => p.acknowledgedAt === undefined)).toHaveLength(1);
  });

  it('opens pages from Alertmanager notifications only: a repeat, or a flap inside the group, does not page again', () => {
    const parsed = parseScenarioText(scenarioText);
    if (!parsed.ok) throw new Error('the built-in scenario does not parse');
    useIncidentStore.getState().start(parsed.scenario, scenarioText);
    workers.at(-1)!.emit(snapshot(400, 300));
    expect(useIncidentStore.getState().pages.map((p) => [p.name, p.firedAt])).toEqual([
      ['StorefrontErrors', 300],
    ]);
    useIncidentStore.getState().acknowledge('StorefrontErrors');
    // The same group notifies again with nothing new (a repeat, or the alert flapped in between).
    workers.at(-1)!.emit(snapshot(700, 600, ''));
    expect(useIncidentStore.getState().pages).toHaveLength(1);
    expect(useIncidentStore.getState().pages[0]!.acknowledgedAt).toBeDefined();
  });
});
