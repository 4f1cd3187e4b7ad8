// @vitest-environment happy-dom
/** Issue 14 item 11: the Hints popover closes on Esc and on a click outside it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import { useIncidentStore } from '../../stores/incident-store';
import { HintsButton } from './HintsButton';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const parsed = parseScenarioText(
  readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8'),
);
if (!parsed.ok) throw new Error('the built-in does not parse');

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  useIncidentStore.setState({ scenario: parsed.scenario, steps: [] });
  act(() => root.render(<HintsButton />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  useIncidentStore.getState().reset();
});

const open = () => act(() => host.querySelector<HTMLButtonElement>('.hints > button')!.click());
const popover = () => host.querySelector('[role="dialog"][aria-label="Hints"]');

describe('the Hints popover', () => {
  it('closes on Esc', () => {
    open();
    expect(popover()).not.toBeNull();
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    expect(popover()).toBeNull();
  });

  it('closes on a click outside, not on a click inside', () => {
    open();
    act(() => void popover()!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })));
    expect(popover()).not.toBeNull();
    act(() => void document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })));
    expect(popover()).toBeNull();
  });
});
