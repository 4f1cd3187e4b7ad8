// @vitest-environment happy-dom
/** Issue 14 item 11: the status bar counts the hold toward mitigation only once an SLO broke. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../simulator/scenario/validate';
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
});
