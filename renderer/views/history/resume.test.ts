import { describe, expect, it } from 'vitest';
import { hashScenario } from '../../../simulator/runs/hash';
import { startRunRecord } from '../../../simulator/runs/record';
import { exampleScenario } from '../../../simulator/scoring/fixtures';
import type { LibraryEntry } from '../../stores/library-store';
import { resumePlan } from './resume';

const scenario = exampleScenario();
const text = JSON.stringify({ id: scenario.id });
const entry = (t: string, file = 'a.json'): LibraryEntry => ({
  key: `builtin/${file}`,
  source: 'builtin',
  file,
  text: t,
  scenario,
  errors: [],
});
const record = startRunRecord({
  id: 'r1',
  scenarioId: scenario.id,
  scenarioHash: hashScenario(text),
  scenarioTitle: scenario.title,
  seed: 1,
  startedAt: '2025-01-01T10:00:00.000Z',
});

describe('resumePlan', () => {
  it('finds the library entry with the same content, without a warning', () => {
    const plan = resumePlan(record, [entry('{"changed":true}', 'b.json'), entry(text)]);
    expect(plan).toMatchObject({ ok: true, text, entry: { file: 'a.json' } });
    expect(plan.ok && plan.warning).toBeFalsy();
  });

  it('warns when the scenario file changed since the run started', () => {
    const plan = resumePlan(record, [entry('{"changed":true}')]);
    expect(plan.ok && plan.warning).toMatch(/changed since this run started/);
  });

  it('cannot resume a run whose scenario is gone, or a finished run', () => {
    expect(resumePlan(record, [])).toMatchObject({ ok: false });
    expect(resumePlan({ ...record, status: 'mitigated' }, [entry(text)])).toMatchObject({ ok: false });
  });
});
