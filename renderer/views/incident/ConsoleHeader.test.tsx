// @vitest-environment happy-dom
/** No one-click endings (issue 14 item 5): Abandon asks; Resolve asks while the objectives are not met. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import { useIncidentStore } from '../../stores/incident-store';
import { ConsoleHeader } from './ConsoleHeader';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const text = readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8');
const parsed = parseScenarioText(text);
if (!parsed.ok) throw new Error('the built-in does not parse');
const scenario = parsed.scenario;

let root: Root;
let host: HTMLDivElement;
const end = vi.fn();
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  end.mockClear();
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useIncidentStore.getState().reset();
});

function render(state: { ok: boolean; okSince: number | null; time: number }) {
  const slos = scenario.objectives.slos.map(() => ({ value: state.ok ? 0 : 0.9, ok: state.ok }));
  useIncidentStore.setState({ scenario, slos, okSince: state.okSince, time: state.time, end });
  act(() => root.render(<ConsoleHeader />));
}
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name)!;
const dialog = () => host.querySelector('[role="alertdialog"]');

describe('ending a run', () => {
  it('Abandon asks first; Keep working keeps the run', () => {
    render({ ok: false, okSince: null, time: 300 });
    act(() => button('Abandon').click());
    expect(end).not.toHaveBeenCalled();
    expect(dialog()?.textContent).toContain('scored as abandoned');
    act(() => button('Keep working').click());
    expect(dialog()).toBeNull();
    act(() => button('Abandon').click());
    act(() => [...dialog()!.querySelectorAll('button')].find((b) => b.textContent === 'Abandon')!.click());
    expect(end).toHaveBeenCalledWith('abandoned');
  });

  it('Resolve while an objective is broken says so and asks', () => {
    render({ ok: false, okSince: null, time: 300 });
    act(() => button('Resolve').click());
    expect(end).not.toHaveBeenCalled();
    expect(dialog()?.textContent).toContain(scenario.objectives.slos[0]!.node);
    expect(dialog()?.textContent).toContain('not mitigated');
    act(() => button('Resolve anyway').click());
    expect(end).toHaveBeenCalledWith('resolved');
  });

  it('Resolve before the objectives have held long enough asks too; after, it resolves at once', () => {
    render({ ok: true, okSince: 290, time: 300 });
    act(() => button('Resolve').click());
    expect(dialog()?.textContent).toContain('have held for');
    act(() => button('Keep working').click());
    render({ ok: true, okSince: 0, time: scenario.objectives.holdFor + 1 });
    act(() => button('Resolve').click());
    expect(dialog()).toBeNull();
    expect(end).toHaveBeenCalledWith('resolved');
  });

  it('Abandon is not next to Resolve', () => {
    render({ ok: true, okSince: 0, time: 1000 });
    const buttons = [...host.querySelectorAll('.console-actions > button')].map((b) => b.textContent);
    expect(Math.abs(buttons.indexOf('Abandon') - buttons.indexOf('Resolve'))).toBeGreaterThan(1);
  });
});
