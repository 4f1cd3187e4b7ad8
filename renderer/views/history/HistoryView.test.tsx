// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunFile } from '../../../host/api';
import { hashScenario } from '../../../simulator/runs/hash';
import { startRunRecord, type RunRecord } from '../../../simulator/runs/record';
import type { Grade } from '../../../simulator/scoring/types';
import type { DesktopApi } from '../../platform/desktop-api';
import { useAppStore } from '../../stores/app-store';
import { useHistoryStore } from '../../stores/history-store';
import { useIncidentStore } from '../../stores/incident-store';
import { useLibraryStore } from '../../stores/library-store';
import { retryPendingSaves, saveRun } from '../../stores/pending-saves-store';
import { endedRun } from '../debrief/test-fixture';
import { HistoryView } from './HistoryView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const { score, scenario } = endedRun();
const text = '{"scenario":"text"}';

function record(
  id: string,
  startedAt: string,
  status: RunRecord['status'],
  total?: number,
  grade: Grade = 'C',
) {
  const base = startRunRecord({
    id,
    scenarioId: scenario.id,
    scenarioHash: hashScenario(text),
    scenarioTitle: scenario.title,
    seed: 1,
    startedAt,
  });
  return {
    ...base,
    status,
    simTime: 300,
    ...(total === undefined ? {} : { score: { ...score, total, grade } }),
  };
}

let root: Root;
let host: HTMLDivElement;
const written: { file: string; data: unknown }[] = [];
const files: RunFile[] = [
  { file: 'a.json', data: record('a', '2025-01-01T10:00:00.000Z', 'mitigated', 75), modifiedMs: 1 },
  { file: 'b.json', data: record('b', '2025-01-02T10:00:00.000Z', 'resolved', 88, 'B'), modifiedMs: 2 },
  { file: 'c.json', data: record('c', '2025-01-03T10:00:00.000Z', 'in-progress'), modifiedMs: 3 },
  { file: 'broken.json', error: 'The run record is not valid JSON (truncated or corrupt?).', modifiedMs: 4 },
];

beforeEach(() => {
  written.length = 0;
  window.outageLab = {
    host: 'web',
    listRuns: vi.fn(async () => files),
    writeRun: vi.fn(async (file: string, data: unknown) => void written.push({ file, data })),
  } as unknown as DesktopApi;
  useHistoryStore.setState({ status: 'idle', runs: [], corrupt: [], bests: {}, selected: [] });
  useLibraryStore.setState({
    status: 'ready',
    entries: [{ key: 'builtin/x.json', source: 'builtin', file: 'x.json', text, scenario, errors: [] }],
  });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

async function render() {
  await act(async () => root.render(<HistoryView />));
}
const button = (label: string, scope: ParentNode = host) =>
  [...scope.querySelectorAll('button')].find((b) => b.textContent === label);

describe('HistoryView', () => {
  it('lists runs newest first with the personal best, and the unreadable records with their error', async () => {
    await render();
    const rows = [...host.querySelectorAll('.history-group tbody tr[data-file]')].map((r) =>
      r.getAttribute('data-file'),
    );
    expect(rows).toEqual(['c.json', 'b.json', 'a.json']);
    expect(host.querySelector('.best-badge')?.textContent).toContain('Best: 88 (B)');
    expect(host.querySelector('tr.is-best')?.getAttribute('data-file')).toBe('b.json');
    expect(host.querySelector('.history-corrupt')?.textContent).toContain('broken.json');
    expect(host.querySelector('.history-corrupt')?.textContent).toContain('not valid JSON');
  });

  it('compares two selected runs side by side', async () => {
    await render();
    const boxes = host.querySelectorAll<HTMLInputElement>('tr[data-file] input[type="checkbox"]');
    await act(async () => boxes[1]?.click());
    await act(async () => boxes[2]?.click());
    const compare = host.querySelector('.history-compare');
    expect(compare).not.toBeNull();
    expect(compare?.querySelector('tr[data-key="total"]')?.textContent).toContain('75 (C)88 (B)');
    expect(compare?.querySelector('tr[data-key="total"] td.better')?.textContent).toBe('88 (B)');
    expect(compare?.querySelector('tr[data-key="actions"]')).not.toBeNull();
  });

  it('closes an in-progress run as abandoned and resumes one through the incident store', async () => {
    await render();
    const row = host.querySelector('tr[data-file="c.json"]')!;
    await act(async () => button('Close', row)?.click());
    expect(written[0]?.file).toBe('c.json');
    expect((written[0]?.data as RunRecord).status).toBe('abandoned');
    expect(host.querySelector('tr[data-file="c.json"] .status-badge')?.textContent).toBe('abandoned');

    const original = useIncidentStore.getState().start;
    const start = vi.fn();
    act(() => useIncidentStore.setState({ start }));
    files[2] = {
      file: 'c.json',
      data: record('c', '2025-01-03T10:00:00.000Z', 'in-progress'),
      modifiedMs: 3,
    };
    await act(async () => useHistoryStore.getState().load());
    await act(async () => button('Resume', host.querySelector('tr[data-file="c.json"]')!)?.click());
    expect(start).toHaveBeenCalledTimes(1);
    expect(start.mock.calls[0]?.[1]).toBe(text);
    expect(start.mock.calls[0]?.[2]).toMatchObject({ resume: { id: 'c' } });
    expect(useAppStore.getState()).toMatchObject({ view: 'incident', current: { file: 'x.json' } });
    useIncidentStore.setState({ start: original });
  });

  it('shows a run’s unsaved finished record over the stale one on disk, so it cannot be resumed', async () => {
    const down = { on: true };
    window.outageLab = {
      ...window.outageLab!,
      writeRun: vi.fn(async (file: string, data: unknown) => {
        if (down.on) throw new Error('The server answered 503.');
        written.push({ file, data });
      }),
    };
    await render();
    expect(button('Resume', host.querySelector('tr[data-file="c.json"]')!)).toBeDefined();
    await act(async () => {
      await saveRun('c.json', record('c', '2025-01-03T10:00:00.000Z', 'resolved', 91, 'A'));
      await saveRun('d.json', record('d', '2025-01-04T10:00:00.000Z', 'timeout', 40, 'F'));
    });
    const row = host.querySelector('tr[data-file="c.json"]')!;
    expect(row.querySelector('.status-badge')?.textContent).toBe('resolved');
    expect(row.textContent).toContain('not saved yet');
    expect(button('Resume', row)).toBeUndefined();
    // A run none of whose saves reached the disk is listed too.
    expect(host.querySelector('tr[data-file="d.json"]')?.textContent).toContain('not saved yet');
    expect(host.querySelectorAll('[data-testid="unsaved-run"]')).toHaveLength(2);

    down.on = false;
    await act(async () => void (await retryPendingSaves()));
    expect(written.map((w) => w.file).sort()).toEqual(['c.json', 'd.json']);
    expect(host.querySelectorAll('[data-testid="unsaved-run"]')).toHaveLength(0);
    localStorage.clear();
  });
});
