import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, distanceComputations, levenshtein, SUGGEST_LIMITS } from './suggest';
import { validateScenario } from './validate';

/** A scenario with `nodes` services and one misspelled edge target per reference (issue 15, item 4). */
function misspelled(nodes: number, references: number): Record<string, unknown> {
  const ids = Array.from({ length: nodes }, (_, i) => `service-${String(i).padStart(5, '0')}`);
  return {
    schemaVersion: 1,
    id: 'typos',
    title: 'Typos',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 100 }] },
      ...ids.map((id) => ({ id, kind: 'service' })),
    ],
    // "servcie-00042": one transposition away from a real node, so every one is a suggestion candidate.
    edges: Array.from({ length: references }, (_, i) => ({
      from: 'users',
      to: ids[i % nodes]!.replace('service', 'servcie'),
    })),
    rootCause: { node: ids[0], category: 'x', categories: ['x', 'y'] },
    objectives: { slos: [{ node: ids[0], metric: 'error_ratio', max: 0.01 }] },
  };
}

/** Distance computations and wall time of one validation. */
// Work is counted in distance computations, not milliseconds: a timed assertion fails on a busy
// machine and passes a slow algorithm on a fast one.
function measure(json: unknown): { computations: number; errors: number } {
  const before = distanceComputations();
  const result = validateScenario(json);
  return { computations: distanceComputations() - before, errors: result.ok ? 0 : result.errors.length };
}

describe('bounded suggestion work', () => {
  it('10,000 misspelled references to 5,000 nodes cost a bounded number of distance computations', () => {
    const { computations, errors } = measure(misspelled(5000, 10_000));
    // Every reference is still reported; only the suggestions are rationed.
    expect(errors).toBeGreaterThanOrEqual(10_000);
    expect(computations).toBeLessThanOrEqual(SUGGEST_LIMITS.perFile * SUGGEST_LIMITS.candidates);
  });

  it('a 4 MB reference string is not compared at all', () => {
    const json = misspelled(10, 1);
    (json.edges as { to: string }[])[0]!.to = 'x'.repeat(4_000_000);
    const { computations, errors } = measure(json);
    expect(errors).toBeGreaterThan(0);
    expect(computations).toBe(0);
  });

  it('still suggests for the first typos of a file, then stops', () => {
    const result = validateScenario(misspelled(50, SUGGEST_LIMITS.perFile + 10));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const edgeErrors = result.errors.filter((e) => /^edges\[\d+\]\.to$/.test(e.path));
    expect(edgeErrors).toHaveLength(SUGGEST_LIMITS.perFile + 10);
    expect(edgeErrors[0]!.message).toContain("did you mean 'service-00000'?");
    const suggested = edgeErrors.filter((e) => e.message.includes('did you mean'));
    expect(suggested).toHaveLength(SUGGEST_LIMITS.perFile);
  });

  it('compares a word with at most SUGGEST_LIMITS.candidates candidates', () => {
    const candidates = Array.from({ length: 10_000 }, (_, i) => `name-${i}`);
    const before = distanceComputations();
    closest('nmae-1', candidates);
    expect(distanceComputations() - before).toBeLessThanOrEqual(SUGGEST_LIMITS.candidates);
  });

  it('budgets are per file: a second validation suggests again', () => {
    validateScenario(misspelled(50, SUGGEST_LIMITS.perFile + 10));
    const result = validateScenario(misspelled(50, 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.message.includes('did you mean'))).toBe(true);
  });
});

describe('bounded levenshtein', () => {
  it('agrees with the unbounded distance up to max, and says max + 1 beyond it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, max) => {
        const full = levenshtein(a, b);
        const bounded = levenshtein(a, b, max);
        if (full <= max) expect(bounded).toBe(full);
        else expect(bounded).toBeGreaterThan(max);
      }),
      { numRuns: 2000 },
    );
  });
});
