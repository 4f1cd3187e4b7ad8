// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { system } from '../../../simulator/commands/fixture';
import { useIncidentStore } from '../../stores/incident-store';
import { TimelineTab } from './TimelineTab';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => useIncidentStore.getState().reset());

describe('TimelineTab', () => {
  it("lists the trainee's actions as the real commands, an injected fault in words", () => {
    useIncidentStore.setState({
      scenario: system,
      time: 100,
      events: [],
      actionLog: [
        {
          t: 60,
          command: { type: 'set-timeout', target: 'checkout->orders-db', params: { seconds: 2 } },
          result: { ok: true, message: 'Setting the timeout.', effectiveAt: 90 },
        },
        {
          t: 70,
          command: { type: 'latency', target: 'orders-db', params: {} },
          result: { ok: true, message: 'Injected.', effectiveAt: 70 },
        },
      ],
    });
    const host = document.createElement('div');
    const root = createRoot(host);
    act(() => root.render(<TimelineTab />));
    const lines = [...host.querySelectorAll('.action-log code')].map((c) => c.textContent);
    expect(lines).toEqual(['latency orders-db', 'consul kv put config/checkout/orders-db/timeout 2s']);
    act(() => root.unmount());
  });
});
