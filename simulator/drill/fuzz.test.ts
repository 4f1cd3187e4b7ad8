/**
 * Mutated built-in drills (the scenario fuzzer's mutations: extreme numbers, wrong types, removed
 * and renamed keys): validation never throws and every error has a sentence; a drill that stays
 * valid plays a short test, its cost and its headroom with finite numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, mutationArb } from '../fuzz/mutate';
import { DRILL_FILES, drillText } from '../test-support/drills';
import { loadTest } from './schema';
import { DrillSession, type TestReport } from './session';
import { validateDrill } from './validate';

const seeds = DRILL_FILES.map((f) => JSON.parse(drillText(f)) as unknown);
const short = loadTest.parse({ name: 'short', startRate: 10, stages: [{ duration: '1m', target: 50 }] });

describe('drill fuzzing', () => {
  it('validation answers every mutation with sentences, and valid mutants play with finite numbers', () => {
    let played = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (i, mutations) => {
          const json = mutate(seeds[i], mutations);
          const result = validateDrill(json);
          if (!result.ok) {
            for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
            return;
          }
          if (played >= 5) return;
          played++;
          const session = new DrillSession(result.drill);
          const report = session.runTest({ ...short, client: result.drill.peak.clients[0]!.client });
          if ('summary' in report) {
            const s = (report as TestReport).summary;
            expect(Number.isFinite(s.iterations) && Number.isFinite(s.failed)).toBe(true);
            for (const v of Object.values(s.duration)) expect(Number.isFinite(v)).toBe(true);
          }
          expect(Number.isFinite(session.cost().monthly)).toBe(true);
        },
      ),
      { numRuns: 150, seed: 19 },
    );
  });
});
