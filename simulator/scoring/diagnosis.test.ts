import { describe, expect, it } from 'vitest';
import { CAUSES, causeLabel } from '../scenario/causes';
import type { Scenario } from '../scenario/schema';
import { BUILTIN_FILES, loadBuiltin, readBuiltinJson } from '../test-support/builtin-run';
import { describeTruth, isCorrectDiagnosis } from './diagnosis';

const rootCause = (r: Partial<Scenario['rootCause']>): Scenario['rootCause'] => ({
  node: 'db',
  category: 'slow queries hold the database',
  categories: [],
  explanation: '',
  ...r,
});

describe('isCorrectDiagnosis', () => {
  it('accepts any listed cause at the root node or an accepted alternative node', () => {
    const rc = rootCause({ causes: ['slow-queries', 'connections'], nodes: ['db-proxy'] });
    expect(isCorrectDiagnosis(rc, 'db', 'slow-queries')).toBe(true);
    expect(isCorrectDiagnosis(rc, 'db', 'connections')).toBe(true);
    expect(isCorrectDiagnosis(rc, 'db-proxy', 'slow-queries')).toBe(true);
    expect(isCorrectDiagnosis(rc, 'api', 'slow-queries')).toBe(false);
    expect(isCorrectDiagnosis(rc, 'db', 'cpu')).toBe(false);
    // With the taxonomy, the sentence itself is not an accepted answer.
    expect(isCorrectDiagnosis(rc, 'db', rc.category)).toBe(false);
  });

  it("falls back to the scenario's own category without the taxonomy (older files)", () => {
    const rc = rootCause({ categories: ['slow queries hold the database', 'network'] });
    expect(isCorrectDiagnosis(rc, 'db', 'Slow queries hold the database ')).toBe(true);
    expect(isCorrectDiagnosis(rc, 'db', 'network')).toBe(false);
  });

  it('states the truth with the taxonomy labels', () => {
    expect(describeTruth(rootCause({ causes: ['slow-queries', 'connections'] }))).toBe(
      'Slow or expensive queries or Connection exhaustion ("slow queries hold the database")',
    );
    expect(causeLabel('not-a-cause')).toBe('not-a-cause');
  });
});

describe('every built-in declares from the one taxonomy', () => {
  it.each(BUILTIN_FILES)(
    '%s maps its cause onto the taxonomy, and its solution declares it correctly',
    (file) => {
      const json = readBuiltinJson(file) as { rootCause: Record<string, unknown> };
      // Its own list of choices would be a give-away (issue 14 item 2).
      expect(json.rootCause.categories).toBeUndefined();
      const scenario = loadBuiltin(file);
      expect(scenario.rootCause.causes?.length).toBeGreaterThan(0);
      const declares = scenario.solution.filter((s) => s.kind === 'declare');
      expect(declares.length).toBeGreaterThan(0);
      for (const d of declares) {
        expect(
          isCorrectDiagnosis(scenario.rootCause, d.target ?? scenario.rootCause.node, d.category ?? ''),
        ).toBe(true);
      }
    },
  );

  it('has unique ids and labels', () => {
    expect(new Set(CAUSES.map((c) => c.id)).size).toBe(CAUSES.length);
    expect(new Set(CAUSES.map((c) => c.label)).size).toBe(CAUSES.length);
  });
});
