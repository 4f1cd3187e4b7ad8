// @vitest-environment happy-dom
import { act as reactAct } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { createSimulation } from '../../../../simulator/engine/index';
import { makeScenario } from '../../../../simulator/engine/testing';
import { useIncidentStore } from '../../../stores/incident-store';
import { NodePanel } from './NodePanel';
import { buttonByText, click, log, makeBuffer, render, SCENARIO, step, type Rendered } from './test-fixtures';

let view: Rendered | undefined;
const act = vi.fn(async () => ({ ok: true, message: 'Restarting checkout.', effectiveAt: 95 }));

beforeEach(() => {
  act.mockClear();
  useConsoleUi.getState().reset();
  useIncidentStore.setState({
    scenario: SCENARIO,
    buffer: makeBuffer(),
    version: 1,
    time: 29,
    alerts: [
      { name: 'CheckoutErrors', status: 'firing', since: 12, value: 0.2, severity: 'P1', route: 'page' },
    ],
    logs: [
      log(1, 'checkout', 'info', 'started'),
      log(2, 'orders-db', 'warn', 'slow query'),
      log(3, 'checkout', 'error', 'insert failed', 'req-9'),
    ],
    liveNodes: [],
    act,
  });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('NodePanel', () => {
  it('shows health, firing alerts, metrics with sparklines and the node logs', async () => {
    view = await render(<NodePanel nodeId="checkout" />);
    const text = view.container.textContent ?? '';
    expect(text).toContain('Critical');
    expect(text).toContain('CheckoutErrors');
    expect(text).toContain('v2 · 2 replicas × 50 threads');
    expect(text).toContain('120/s');
    expect(text).toContain('20%');
    expect(view.container.querySelectorAll('.sparkline path[d^="M"]').length).toBeGreaterThanOrEqual(3);
    const logs = [...view.container.querySelectorAll('.node-logs li')].map((li) => li.textContent);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toContain('insert failed');
  });

  it('shows the live version, replicas and probe after a deploy, not the scenario values', async () => {
    // The engine deploys checkout v3 and the trainee scales it to 4; the panel reads the state the
    // worker's snapshot carries.
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 20 }] },
          { id: 'checkout', kind: 'service', replicas: 2, concurrency: 50, version: 'v2', coldStart: '5s' },
          { id: 'orders-db', kind: 'database' },
        ],
        edges: [
          { from: 'users', to: 'checkout' },
          { from: 'checkout', to: 'orders-db' },
        ],
        faults: [{ at: '30s', target: 'checkout', type: 'bad-deploy', params: { version: 'v3' } }],
      }),
    );
    sim.runUntil(40);
    expect(sim.apply({ type: 'scale', target: 'checkout', params: { replicas: 4 } }).ok).toBe(true);
    sim.runUntil(41);
    const deploy = sim.events.find((e) => e.kind === 'deploy');
    expect(deploy?.text).toBe('Deployed checkout v3 (was v2)');
    view = await render(<NodePanel nodeId="checkout" />);
    expect(view.container.textContent).toContain('v2 · 2 replicas × 50 threads');
    await reactAct(async () => {
      useIncidentStore.setState({ liveNodes: sim.liveNodes(), events: sim.events.filter((e) => !e.hidden) });
    });
    const summary = view.container.querySelector('[data-testid="node-summary"]')?.textContent ?? '';
    expect(summary).toContain('v3 · 4 replicas (2 ready, 2 starting) × 50 threads');
    expect(summary).not.toContain('v2');
    sim.runUntil(60);
    await reactAct(async () => {
      useIncidentStore.setState({ liveNodes: sim.liveNodes() });
    });
    expect(view.container.querySelector('[data-testid="node-summary"]')?.textContent).toContain(
      'v3 · 4 replicas × 50 threads',
    );
  });

  it('runs a safe action at once and shows its result', async () => {
    view = await render(<NodePanel nodeId="checkout" />);
    await click(buttonByText(view.container, 'open circuit breaker checkout->orders-db'));
    expect(act).toHaveBeenCalledWith({ type: 'open-breaker', target: 'checkout->orders-db', params: {} });
    expect(view.container.querySelector('.node-action-result.ok')?.textContent).toContain(
      'effective at 01:35',
    );
  });

  it('lists every catalog action on the node, whatever the scenario lists, and fills in one that takes values', async () => {
    useIncidentStore.setState({ scenario: { ...SCENARIO, actions: [] } });
    view = await render(<NodePanel nodeId="checkout" />);
    const labels = [...view.container.querySelectorAll('button.node-action')].map((b) => b.textContent);
    expect(labels).toContain('rollback checkout');
    expect(labels).toContain('set timeout on checkout->orders-db to 30s…');
    await click(buttonByText(view.container, 'scale checkout to 2…'));
    expect(act).not.toHaveBeenCalled();
    expect(useConsoleUi.getState().paletteOpen).toBe(true);
    expect(useConsoleUi.getState().paletteQuery).toBe('kubectl scale deploy/checkout --replicas=2');
  });

  it('asks before a destructive action and can be cancelled', async () => {
    view = await render(<NodePanel nodeId="checkout" />);
    const restart = [...view.container.querySelectorAll('button.node-action')].find((b) =>
      b.textContent?.includes('restart'),
    );
    await click(restart);
    expect(act).not.toHaveBeenCalled();
    await click(buttonByText(view.container, 'Cancel'));
    expect(view.container.querySelector('.node-action-confirm')).toBeNull();
    await click(
      [...view.container.querySelectorAll('button.node-action')].find((b) =>
        b.textContent?.includes('restart'),
      ),
    );
    await click(buttonByText(view.container, 'Confirm'));
    expect(act).toHaveBeenCalledWith({ type: 'restart', target: 'checkout', params: {} });
  });

  it('shows an error result', async () => {
    act.mockResolvedValueOnce({ ok: false, message: 'No incident is running.' } as never);
    view = await render(<NodePanel nodeId="orders-db" />);
    await click(view.container.querySelector('button.node-action'));
    await click(buttonByText(view.container, 'Confirm'));
    expect(view.container.querySelector('.node-action-result.error')?.textContent).toBe(
      'No incident is running.',
    );
  });

  it('opens the logs tab filtered to the node', async () => {
    view = await render(<NodePanel nodeId="orders-db" />);
    await click(buttonByText(view.container, 'Open in Logs →'));
    expect(useConsoleUi.getState().tab).toBe('logs');
    expect(useConsoleUi.getState().logQuery).toEqual({ node: 'orders-db' });
  });

  it('follows new snapshots', async () => {
    view = await render(<NodePanel nodeId="orders-db" />);
    expect(view.container.textContent).toContain('42');
    const buffer = useIncidentStore.getState().buffer!;
    const conns = buffer.find('db_connections', 'orders-db');
    await step(() => {
      buffer.append(
        30,
        buffer.series.map((s) => new Float64Array([s.index === conns ? 97 : 0])),
      );
      useIncidentStore.setState({ version: 2, time: 30 });
    });
    expect(view.container.textContent).toContain('97');
  });
});
