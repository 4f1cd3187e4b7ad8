// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finishRunRecord, startRunRecord, type RunRecord } from '../../../simulator/runs/record';
import { webApi } from '../../platform/web-api';
import { retryPendingSaves, saveRun } from '../../stores/pending-saves-store';
import { useIncidentStore } from '../../stores/incident-store';
import { endedRun } from '../debrief/test-fixture';
import { EndScreen } from '../incident/EndScreen';
import { StatusBar } from '../incident/StatusBar';
import { buttonByText, click, render, step, type Rendered } from '../incident/topology/test-fixtures';

let view: Rendered | undefined;
afterEach(async () => {
  view?.unmount();
  view = undefined;
  // Leave no failed save behind for the next test.
  if (host) host.down = false;
  await retryPendingSaves();
  useIncidentStore.getState().reset();
  delete window.outageLab;
  localStorage.clear();
});

let host: { down: boolean; saved: RunRecord[]; exported: [string, string][] } | undefined;
function fakeHost() {
  const h = { down: true, saved: [] as RunRecord[], exported: [] as [string, string][] };
  host = h;
  window.outageLab = {
    ...webApi,
    host: 'electron',
    writeRun: async (_file, data) => {
      if (h.down) throw new Error('The server answered 503.');
      h.saved.push(data as RunRecord);
    },
    listRuns: async () => [],
    saveFile: vi.fn(async (name: string, content: string) => {
      h.exported.push([name, content]);
      return true;
    }),
  };
  return h;
}

function finished(id: string): RunRecord {
  const run = endedRun();
  return finishRunRecord(
    {
      ...startRunRecord({
        id,
        scenarioId: run.scenario.id,
        scenarioHash: 'fnv1a64:0',
        scenarioTitle: run.scenario.title,
        seed: 1,
        startedAt: '2026-01-01T00:00:00.000Z',
      }),
      steps: run.steps,
    },
    { status: 'mitigated', endedAt: '2026-01-01T00:20:00.000Z', simTime: run.endedAt, score: run.score },
  );
}

async function endScreenOf(record: RunRecord) {
  const run = endedRun();
  useIncidentStore.setState({
    status: 'ended',
    scenario: run.scenario,
    score: run.score,
    endedAt: run.endedAt,
    ending: 'mitigated',
    record,
  });
  return render(<EndScreen />);
}

describe('a run that is not saved yet', () => {
  it('says so on the end screen, exports the record and saves it on “Retry now”', async () => {
    const h = fakeHost();
    const record = finished('run-unsaved-1');
    await step(() => saveRun('run-unsaved-1.json', record).then(() => undefined));
    view = await endScreenOf(record);
    const notice = view.container.querySelector('[data-testid="unsaved-run"]');
    expect(notice?.textContent).toContain('Not saved yet');
    expect(notice?.textContent).toContain('The server answered 503.');

    await click(buttonByText(notice!, 'Export run JSON'));
    expect(h.exported).toHaveLength(1);
    const [name, content] = h.exported[0]!;
    expect(name).toBe('run-unsaved-1.json');
    expect(JSON.parse(content)).toMatchObject({
      id: 'run-unsaved-1',
      status: 'mitigated',
      steps: record.steps,
    });

    // Still down: the notice stays and says so.
    await click(buttonByText(notice!, 'Retry now'));
    expect(view.container.querySelector('[data-testid="unsaved-run"]')?.textContent).toContain(
      'Still not saved',
    );

    h.down = false;
    await click(buttonByText(view.container.querySelector('[data-testid="unsaved-run"]')!, 'Retry now'));
    expect(h.saved.map((r) => r.status)).toEqual(['mitigated']);
    expect(view.container.querySelector('[data-testid="unsaved-run"]')).toBeNull();
    expect(view.container.querySelector('[data-testid="run-saved"]')?.textContent).toContain('saved now');
  });

  it('says the run is kept only in this tab when the browser’s storage is full, and still exports it', async () => {
    const h = fakeHost();
    const setItem = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      const record = finished('run-full-1');
      await step(() => saveRun('run-full-1.json', record).then(() => undefined));
      view = await endScreenOf(record);
      const notice = view.container.querySelector('[data-testid="unsaved-run"]');
      expect(notice?.textContent).toContain(
        'The run is kept only in this tab: cannot keep a copy in this browser: the browser’s storage is full (QuotaExceededError); export it',
      );
      await click(buttonByText(notice!, 'Export run JSON'));
      expect(h.exported.map(([name]) => name)).toEqual(['run-full-1.json']);

      useIncidentStore.setState({ status: 'running' });
      view.unmount();
      view = await render(<StatusBar />);
      const mark = view.container.querySelector('[data-testid="save-state"]');
      expect(mark?.textContent).toBe('not saved · only in this tab');
      expect(mark?.getAttribute('title')).toContain('cannot keep a copy in this browser');
    } finally {
      setItem.mockRestore();
    }
  });

  it('shows nothing about saving when the save went through', async () => {
    const h = fakeHost();
    h.down = false;
    const record = finished('run-saved-1');
    await step(() => saveRun('run-saved-1.json', record).then(() => undefined));
    view = await endScreenOf(record);
    expect(view.container.querySelector('[data-testid="unsaved-run"]')).toBeNull();
    expect(view.container.querySelector('[data-testid="run-saved"]')).toBeNull();
  });

  it('marks the console status bar while the running run’s saves fail', async () => {
    fakeHost();
    const record = startRunRecord({
      id: 'run-live-1',
      scenarioId: 'dns',
      scenarioHash: 'fnv1a64:0',
      scenarioTitle: 'DNS',
      seed: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    useIncidentStore.setState({ status: 'running', record });
    view = await render(<StatusBar />);
    expect(view.container.querySelector('[data-testid="save-state"]')).toBeNull();
    await step(() => saveRun('run-live-1.json', record).then(() => undefined));
    const mark = view.container.querySelector('[data-testid="save-state"]');
    expect(mark?.textContent).toBe('not saved · retrying');
    expect(mark?.getAttribute('title')).toBe('The server answered 503.');
  });
});
