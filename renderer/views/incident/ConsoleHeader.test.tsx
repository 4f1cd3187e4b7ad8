// @vitest-environment happy-dom
/** No one-click endings (issue 14 item 5): Abandon asks; Resolve asks while the objectives are not met. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulation } from '../../../simulator/engine/index';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import { metricValue } from '../../lib/format';
import { MetricBuffer } from '../../sim/metric-buffer';
import { useIncidentStore } from '../../stores/incident-store';
import { ConsoleHeader } from './ConsoleHeader';
import { StatusBar } from './StatusBar';

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

  // During a Prometheus scrape gap the status bar says "no data" for web's SLO, but the dialog
  // quoted the engine's true value (36%): more than the trainee's tools know, and not what the
  // status bar under it says. first-monday-graphs-go-blank: from 11:00 web is not scraped.
  it('Resolve during a scrape gap says no data for the SLO, as the status bar does', () => {
    const blank = parseScenarioText(
      readFileSync(path.resolve(__dirname, '../../../scenarios/first-monday-graphs-go-blank.json'), 'utf8'),
    );
    if (!blank.ok) throw new Error('the built-in does not parse');
    const sim = createSimulation(blank.scenario, { logCapacity: 1, traceCapacity: 1 });
    sim.runUntil(780);
    const buffer = new MetricBuffer(sim.metrics.series, sim.tickSeconds, sim.tick);
    buffer.append(
      0,
      sim.metrics.series.map((x) =>
        Float64Array.from({ length: sim.tick }, (_, k) => sim.metrics.at(x.index, k)),
      ),
    );
    const slos = blank.scenario.objectives.slos.map((slo) => {
      const value = sim.metrics.latest(sim.metrics.find(slo.metric, slo.node));
      return { value, ok: !(value > slo.max) };
    });
    expect(slos.some((x) => !x.ok && x.value > 0.3)).toBe(true); // the engine's truth: broken
    useIncidentStore.setState({ scenario: blank.scenario, slos, buffer, time: sim.time, okSince: null, end });
    act(() =>
      root.render(
        <>
          <ConsoleHeader />
          <StatusBar />
        </>,
      ),
    );
    expect(host.querySelector('[data-testid="status-bar"]')?.textContent).toContain(
      'web error_ratio no data',
    );
    act(() => button('Resolve').click());
    const said = dialog()?.textContent ?? '';
    expect(said).toContain('web error_ratio: no data');
    const web = slos[blank.scenario.objectives.slos.findIndex((o) => o.node === 'web')]!;
    expect(said).not.toContain(metricValue(web.value, 'ratio')); // no value the monitoring does not have
    expect(said).not.toContain('not mitigated'); // nor the verdict it would imply
    expect(end).not.toHaveBeenCalled();
    act(() => button('Resolve anyway').click());
    expect(end).toHaveBeenCalledWith('resolved');
  });

  it('Abandon is not next to Resolve', () => {
    render({ ok: true, okSince: 0, time: 1000 });
    const buttons = [...host.querySelectorAll('.console-actions > button')].map((b) => b.textContent);
    expect(Math.abs(buttons.indexOf('Abandon') - buttons.indexOf('Resolve'))).toBeGreaterThan(1);
  });
});
