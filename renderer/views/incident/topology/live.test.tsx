// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useIncidentStore } from '../../../stores/incident-store';
import { useEdgeLive, useNodeLive } from './live';
import { makeBuffer, render, SCENARIO, step, type Rendered } from './test-fixtures';

let view: Rendered | undefined;
let renders = 0;

function EdgeProbe({ from, to, mode }: { from: string; to: string; mode: string }) {
  const live = useEdgeLive(from, to, mode);
  renders++;
  return <span className={`health-${live.health}`}>{live.label}</span>;
}
function NodeProbe({ id }: { id: string }) {
  const live = useNodeLive(id);
  return <span className={`health-${live.health}`}>{live.values.join(' | ')}</span>;
}

beforeEach(() => {
  renders = 0;
  useIncidentStore.setState({ scenario: SCENARIO, buffer: makeBuffer(), version: 1, time: 29, alerts: [] });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('live topology values', () => {
  it('labels an edge with its rate and error ratio and flags it failing', async () => {
    view = await render(<EdgeProbe from="checkout" to="orders-db" mode="sync" />);
    const span = view.container.querySelector('span');
    expect(span?.textContent).toBe('240/s · 30% err');
    expect(span?.className).toBe('health-crit');
  });

  it('re-renders only when what is shown changes', async () => {
    view = await render(<EdgeProbe from="checkout" to="orders-db" mode="sync" />);
    const before = renders;
    await step(() => useIncidentStore.setState({ version: 2, time: 30 }));
    await step(() => useIncidentStore.setState({ version: 3, time: 31 }));
    expect(renders).toBe(before);
  });

  it('has no label where the engine records no series', async () => {
    view = await render(<EdgeProbe from="users" to="checkout" mode="sync" />);
    expect(view.container.querySelector('span')?.textContent).toBe('');
    expect(view.container.querySelector('span')?.className).toBe('health-unknown');
  });

  it('reads a node card and raises its health with a firing alert that names it', async () => {
    const buffer = makeBuffer();
    const err = buffer.find('error_ratio', 'checkout');
    buffer.values[err]?.fill(0);
    useIncidentStore.setState({ buffer });
    view = await render(<NodeProbe id="checkout" />);
    expect(view.container.querySelector('span')?.textContent).toBe('120/s | 0% | 350 ms');
    expect(view.container.querySelector('span')?.className).toBe('health-ok');
    await step(() =>
      useIncidentStore.setState({
        alerts: [
          { name: 'CheckoutErrors', status: 'firing', since: 1, value: 1, severity: 'P1', route: 'page' },
        ],
      }),
    );
    expect(view.container.querySelector('span')?.className).toBe('health-crit');
  });
});
