// @vitest-environment happy-dom
/** Issue 12 (an open action space) and issue 14 (no give-aways): the palette as a command line. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandEntries } from '../../../../simulator/commands';
import type { ActionCommand } from '../../../../simulator/engine/api';
import { createSimulation } from '../../../../simulator/engine/index';
import type { Scenario } from '../../../../simulator/scenario/schema';
import { parseScenarioText } from '../../../../simulator/scenario/validate';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { CommandPalette } from './CommandPalette';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const parsed = parseScenarioText(
  readFileSync(path.resolve(__dirname, '../../../../scenarios/bad-deploy-rollback.json'), 'utf8'),
);
if (!parsed.ok) throw new Error('the built-in does not parse');
const scenario = parsed.scenario;

let root: Root;
let host: HTMLDivElement;
let sent: ActionCommand[];

function mount(s: Scenario) {
  sent = [];
  useIncidentStore.setState({
    scenario: s,
    steps: [],
    act: vi.fn(async (c: ActionCommand) => {
      sent.push(c);
      return { ok: true, message: `ran ${c.type} on ${c.target}`, effectiveAt: 60 };
    }),
  });
  act(() => root.render(<CommandPalette />));
  act(() => useConsoleUi.getState().setPaletteOpen(true));
}

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useConsoleUi.getState().reset();
  useIncidentStore.getState().reset();
});

const input = () => host.querySelector<HTMLInputElement>('input.palette-input')!;
const options = () =>
  [...host.querySelectorAll('[role="option"]')].map((o) => o.querySelector('code')!.textContent);
async function type(value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input(), value);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function press(key: string) {
  await act(async () => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
}

describe('the command palette', () => {
  it("lists every catalog action on every node with its real command, the same whatever the scenario's list", () => {
    mount(scenario);
    const listed = options();
    expect(listed).toEqual(commandEntries(scenario).map((e) => e.line));
    expect(listed).toContain('kubectl rollout undo deploy/orders');
    expect(listed).toContain('kubectl rollout undo deploy/pricing');
    // The author's classification: reordered, relabelled and re-rated, or gone, changes nothing.
    act(() => root.unmount());
    root = createRoot(host);
    const reclassified: Scenario = {
      ...scenario,
      actions: [...scenario.actions].reverse().map((a) => ({ ...a, effect: 'harmful', label: 'THE FIX' })),
    };
    mount(reclassified);
    expect(options()).toEqual(listed);
    act(() => root.unmount());
    root = createRoot(host);
    mount({ ...scenario, actions: [] });
    expect(options()).toEqual(listed);
    expect(host.textContent).not.toContain('THE FIX');
  });

  it('completes node names and flags, and Tab takes the completion', async () => {
    mount(scenario);
    await type('kubectl scale deploy/');
    expect(options().slice(0, 3)).toEqual([
      'kubectl scale deploy/gateway ',
      'kubectl scale deploy/orders ',
      'kubectl scale deploy/pricing ',
    ]);
    await press('ArrowDown');
    await press('Tab');
    expect(input().value).toBe('kubectl scale deploy/orders ');
    await press('Tab');
    expect(input().value).toBe('kubectl scale deploy/orders --replicas=');
  });

  it('runs a typed real command, and a plain phrase', async () => {
    mount(scenario);
    await type('kubectl rollout undo deploy/orders');
    expect(host.querySelector('[data-testid="palette-typed"]')!.textContent).toContain(
      'kubectl rollout undo deploy/orders',
    );
    await press('Enter');
    expect(sent).toEqual([{ type: 'rollback', target: 'orders', params: {} }]);
    expect(host.querySelector('[role="status"]')!.textContent).toBe('ran rollback on orders');
    await type('scale pricing to 7');
    await press('Enter');
    expect(sent[1]).toEqual({ type: 'scale', target: 'pricing', params: { replicas: 7 } });
  });

  it('names what is wrong and suggests the commands that fit the node', async () => {
    mount(scenario);
    await type('kubectl scale deploy/orders-db --replicas=3');
    await press('Enter');
    expect(sent).toEqual([]);
    const status = host.querySelector('.palette-failure')!;
    expect(status.textContent).toContain('orders-db is a database: kubectl scale applies to services');
    expect(status.textContent).toContain(
      'aws rds reboot-db-instance --db-instance-identifier orders-db --force-failover',
    );
    await type('kubectl get pods');
    await press('Enter');
    expect(host.querySelector('.palette-failure')!.textContent).toBe(
      'kubectl get: it only reads: run it in the Shell tab',
    );
  });

  it('asks before a destructive command, and fills in an action that takes values', async () => {
    mount(scenario);
    await type('kubectl rollout restart deploy/orders');
    await press('Enter');
    expect(sent).toEqual([]);
    expect(host.querySelector('[role="alertdialog"]')!.textContent).toContain(
      'kubectl rollout restart deploy/orders is destructive',
    );
    await press('Enter');
    expect(sent).toEqual([{ type: 'restart', target: 'orders', params: {} }]);
    await type('');
    const scale = [...host.querySelectorAll<HTMLElement>('[role="option"]')].find((o) =>
      o.textContent?.startsWith('kubectl scale deploy/orders '),
    )!;
    await act(async () => scale.click());
    expect(input().value).toBe('kubectl scale deploy/orders --replicas=4');
    expect(sent).toHaveLength(1);
  });

  // After a scale to 6 the palette proposed the scenario's 4: its values come from the live nodes.
  it("proposes the live system's values, not the scenario file's", async () => {
    const sim = createSimulation(scenario, { logCapacity: 1, traceCapacity: 1 });
    sim.apply({ type: 'scale', target: 'orders', params: { replicas: 6 } });
    sim.runUntil(60);
    mount(scenario);
    expect(options()).toContain('kubectl scale deploy/orders --replicas=4');
    act(() => useIncidentStore.setState({ liveNodes: sim.liveNodes() }));
    expect(options()).toContain('kubectl scale deploy/orders --replicas=6');
    expect(options()).not.toContain('kubectl scale deploy/orders --replicas=4');
    await type('kubectl scale deploy/orders --replicas=');
    expect(options()[0]).toBe('kubectl scale deploy/orders --replicas=6');
  });
});
