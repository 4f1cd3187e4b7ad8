// @vitest-environment happy-dom
/**
 * Nothing before the run that the on-call engineer would not know (issue 14 item 1): the
 * incident a scenario is based on and its tags ("circuit-breaker", "littles-law") name the
 * answer, so they appear in the debrief, not on the library card or the briefing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../simulator/scenario/validate';
import type { LibraryEntry } from '../../stores/library-store';
import { Briefing } from '../incident/Briefing';
import { ScenarioCard } from './ScenarioCard';
import { Hindsight } from '../debrief/Hindsight';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const text = readFileSync(path.resolve(__dirname, '../../../scenarios/thread-exhaustion.json'), 'utf8');
const parsed = parseScenarioText(text);
if (!parsed.ok) throw new Error('the built-in does not parse');
const scenario = parsed.scenario;
// The card asks History for a personal best.
window.outageLab = { host: 'web', listRuns: async () => [] } as unknown as typeof window.outageLab;

function rendered(node: React.ReactNode): string {
  const el = document.createElement('div');
  const root = createRoot(el);
  act(() => root.render(node));
  const out = el.textContent ?? '';
  act(() => root.unmount());
  return out;
}

describe('no give-aways before the run', () => {
  it('the library card and the briefing show neither basedOn nor the tags', () => {
    const entry = { source: 'builtin', file: 'thread-exhaustion.json' } as LibraryEntry;
    const card = rendered(<ScenarioCard entry={entry} scenario={scenario} onStart={() => {}} />);
    const briefing = rendered(<Briefing scenario={scenario} onStart={() => {}} onBack={() => {}} />);
    for (const page of [card, briefing]) {
      expect(page).toContain(scenario.title);
      expect(page).not.toContain(scenario.basedOn!.slice(0, 30));
      for (const tag of scenario.tags) expect(page).not.toContain(tag);
    }
  });

  it('the debrief shows them', () => {
    const debrief = rendered(<Hindsight scenario={scenario} />);
    expect(debrief).toContain(scenario.basedOn!.slice(0, 30));
    for (const tag of scenario.tags) expect(debrief).toContain(tag);
  });
});
