// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { buttonByText, click, makeBuffer, render, SCENARIO, step, type Rendered } from './test-fixtures';
import { TopologyTab } from './TopologyTab';

let view: Rendered | undefined;

beforeAll(() => {
  // happy-dom lays nothing out: give xyflow's measuring something to read.
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 200 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 78 });
});
beforeEach(() => {
  useConsoleUi.getState().reset();
  useIncidentStore.setState({
    scenario: SCENARIO,
    buffer: makeBuffer(),
    version: 1,
    time: 29,
    alerts: [],
    logs: [],
  });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('TopologyTab', () => {
  it('shows an empty state without a scenario', async () => {
    useIncidentStore.setState({ scenario: undefined });
    view = await render(<TopologyTab />);
    expect(view.container.textContent).toContain('No incident is running.');
  });

  it('draws one card per node with live numbers and health colours', async () => {
    view = await render(<TopologyTab />);
    const checkout = view.container.querySelector('[data-testid="topo-node-checkout"]');
    expect(checkout).not.toBeNull();
    expect(checkout?.className).toContain('kind-service');
    expect(checkout?.className).toContain('health-crit'); // 20% errors
    expect(checkout?.textContent).toContain('120/s');
    const db = view.container.querySelector('[data-testid="topo-node-orders-db"]');
    expect(db?.className).toContain('health-ok');
    expect(db?.textContent).toContain('42');
    expect(view.container.querySelectorAll('.topo-node')).toHaveLength(3);
  });

  it('updates a card from the store without rebuilding the graph', async () => {
    view = await render(<TopologyTab />);
    const before = view.container.querySelector('[data-testid="topo-node-orders-db"]');
    const buffer = useIncidentStore.getState().buffer!;
    const conns = buffer.find('db_connections', 'orders-db');
    await step(() => {
      buffer.append(
        30,
        buffer.series.map((s) => new Float64Array([s.index === conns ? 99 : 0])),
      );
      useIncidentStore.setState({ version: 2 });
    });
    const after = view.container.querySelector('[data-testid="topo-node-orders-db"]');
    expect(after).toBe(before);
    expect(after?.textContent).toContain('99');
  });

  it('opens the side panel for the selected node and closes it', async () => {
    view = await render(<TopologyTab />);
    await step(() => useConsoleUi.getState().selectNode('orders-db'));
    expect(view.container.querySelector('[data-testid="node-panel"]')?.textContent).toContain(
      'kill slow queries on orders-db',
    );
    expect(view.container.querySelector('[data-testid="topo-node-orders-db"]')?.className).toContain(
      'is-selected',
    );
    await click(view.container.querySelector('button[aria-label="Close panel"]'));
    expect(useConsoleUi.getState().selectedNode).toBeUndefined();
    expect(view.container.querySelector('[data-testid="node-panel"]')).toBeNull();
    expect(buttonByText(view.container, 'Confirm')).toBeUndefined();
  });

  it('selects a node on click', async () => {
    view = await render(<TopologyTab />);
    await click(view.container.querySelector('[data-testid="topo-node-checkout"]'));
    expect(useConsoleUi.getState().selectedNode).toBe('checkout');
  });
});
