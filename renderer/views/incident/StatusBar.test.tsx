// @vitest-environment happy-dom
/** Issue 14 item 11: the status bar counts the hold toward mitigation only once an SLO broke. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulator/engine/index';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import { MetricBuffer } from '../../sim/metric-buffer';
import { useIncidentStore } from '../../stores/incident-store';
import { StatusBar } from './StatusBar';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const parsed = parseScenarioText(
  readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8'),
);
if (!parsed.ok) throw new Error('the built-in does not parse');
const scenario = parsed.scenario;

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useIncidentStore.getState().reset();
});

function render(sloEverBroken: boolean) {
  const slos = scenario.objectives.slos.map(() => ({ value: 0, ok: true }));
  useIncidentStore.setState({ scenario, slos, okSince: 1, time: 2, sloEverBroken });
  act(() => root.render(<StatusBar />));
  return host.textContent ?? '';
}

describe('status bar', () => {
  it('says nothing about holding before anything happened', () => {
    const text = render(false);
    expect(text).toContain('SLO OK');
    expect(text).not.toContain('holding');
  });

  it('counts the hold once an SLO has broken', () => {
    expect(render(true)).toContain('holding 00:01 of 03:00');
  });

  // During a Prometheus scrape gap the status bar showed the engine's value: more than the
  // trainee's tools know. first-monday-graphs-go-blank: from 11:00 the scrapes of web cross the
  // failing gateway (up 0, no samples), and the dashboards go blank.
  it('says no data for an SLO whose node Prometheus cannot scrape, as the dashboards do', () => {
    const blank = parseScenarioText(
      readFileSync(path.resolve(__dirname, '../../../scenarios/first-monday-graphs-go-blank.json'), 'utf8'),
    );
    if (!blank.ok) throw new Error('the built-in does not parse');
    const sim = createSimulation(blank.scenario, { logCapacity: 1, traceCapacity: 1 });
    const show = (until: number) => {
      sim.runUntil(until);
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
      useIncidentStore.setState({ scenario: blank.scenario, slos, buffer, time: sim.time, okSince: null });
      act(() => root.render(<StatusBar />));
      return host.textContent ?? '';
    };
    // 9:00: the gateway drops a fifth of the connections (4% of web's requests fail); web is scraped.
    const before = show(540);
    expect(before).toContain('SLO OK');
    expect(before).toContain('web error_ratio 4% / 5%');
    // 13:00: the engine still has web's error ratio (36%), but Prometheus has no samples.
    const during = show(780);
    expect(sim.metrics.latest(sim.metrics.find('error_ratio', 'web'))).toBeGreaterThan(0.3);
    expect(during).toContain('SLO no data');
    expect(during).toContain('web error_ratio no data / 5');
    expect(during).not.toContain('BREACHED');
    expect(host.querySelector('[data-testid="slo-headline"]')?.className).toBe('warn-text');
  });
});
