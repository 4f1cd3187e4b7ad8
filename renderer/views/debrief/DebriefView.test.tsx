// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRunRecord } from '../../../simulator/runs/record';
import type { DesktopApi } from '../../platform/desktop-api';
import { MetricBuffer } from '../../sim/metric-buffer';
import { useAppStore } from '../../stores/app-store';
import { useIncidentStore } from '../../stores/incident-store';
import { DebriefView } from './DebriefView';
import { endedRun } from './test-fixture';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLDivElement;
const saveFile = vi.fn(async () => true);

beforeEach(() => {
  window.outageLab = { host: 'web', saveFile } as unknown as DesktopApi;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useIncidentStore.getState().reset();
  saveFile.mockClear();
});

function render() {
  act(() => root.render(<DebriefView />));
}

describe('DebriefView', () => {
  it('shows an empty state with a way to History when no run has ended', () => {
    render();
    expect(host.textContent).toContain('Finish or abandon a run');
    const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Open History');
    act(() => button?.click());
    expect(useAppStore.getState().view).toBe('history');
  });

  it('shows the score, breakdown, timeline, ideal response and exports of an ended run', async () => {
    const run = endedRun();
    const buffer = new MetricBuffer(
      [{ index: 0, metric: 'error_ratio', labels: { node: 'checkout' } }],
      1,
      1300,
    );
    const values = new Float64Array(1260).map((_, t) => (t >= 125 && t < 1140 ? 0.3 : 0));
    buffer.append(0, [values]);
    const record = startRunRecord({
      id: 'run-1',
      scenarioId: run.scenario.id,
      scenarioHash: 'h',
      scenarioTitle: run.scenario.title,
      seed: 1,
      startedAt: '2025-01-31T10:00:00.000Z',
    });
    useIncidentStore.setState({
      status: 'ended',
      scenario: run.scenario,
      scenarioText: '{}',
      score: run.score,
      steps: [
        ...run.steps,
        { at: 150, kind: 'investigate', command: 'kubectl get pods' },
        { at: 170, kind: 'investigate', command: 'kubectl describe deploy/checkout' },
      ],
      fullEvents: run.events,
      endedAt: run.endedAt,
      ending: 'mitigated',
      buffer,
      record,
    });
    render();
    const text = host.textContent ?? '';
    expect(host.querySelector('.debrief-total')?.textContent).toBe('75/100');
    expect(host.querySelector('.grade')?.textContent).toBe('C');
    expect(host.querySelectorAll('.debrief-breakdown tbody tr')).toHaveLength(run.score.components.length);
    expect(text).toContain('Fault starts');
    expect(host.querySelector('tr[data-kind="fault"] td.truth')).not.toBeNull();
    expect(host.querySelector('tr[data-kind="action"] .effect-fixes')?.textContent).toBe('fixes');
    expect(text).toContain('broke at T+02:05');
    expect(text).toContain('recovered at T+19:00');
    expect(text).toContain('Root cause: bad-deploy on checkout');
    expect(host.querySelectorAll('.debrief-ideal tbody tr')).toHaveLength(3);
    // Where the trainee looked, beside when the root cause first showed (its fault's onset).
    expect(host.querySelector('[data-testid="investigation"]')?.textContent).toBe(
      'You looked at the system with 2 shell commands. You first looked at checkout at T+02:50 (kubectl describe deploy/checkout). It first showed the problem at T+02:00.',
    );

    const click = async (label: string) => {
      const button = [...host.querySelectorAll('button')].find((b) => b.textContent === label);
      await act(async () => button?.click());
    };
    await click('Export postmortem (Markdown)');
    expect(saveFile).toHaveBeenCalledTimes(1);
    const [name, content] = saveFile.mock.calls[0] as unknown as [string, string];
    expect(name).toBe('postmortem-bad-deploy-checkout-2025-01-31.md');
    expect(content).toContain('- [ ] Canary every checkout deploy with automatic rollback.');
    expect(content).toContain('- error_ratio{node="checkout"} <= 0.01: broke T+02:05, recovered T+19:00');
    await click('Export metrics (CSV)');
    const [csvName, csv] = saveFile.mock.calls[1] as unknown as [string, string];
    expect(csvName).toBe('metrics-run-1.csv');
    expect(csv.split('\r\n')).toHaveLength(1 + 1260 + 1);
    expect(host.querySelector('[role="status"]')?.textContent).toContain('Metrics CSV saved');
  });
});
