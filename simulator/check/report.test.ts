import { describe, expect, it } from 'vitest';
import { formatCheckTable, percentile, summarizeCheck } from './report';
import type { SeedOutcome } from './seed-run';

const outcome = (seed: number, over: Partial<SeedOutcome> = {}): SeedOutcome => ({
  seed,
  firstPage: 300 + seed,
  sloBroken: 250,
  winnableWithoutResponse: false,
  solutionRecovered: 900,
  solutionTtm: 400 + seed,
  solutionMitigates: true,
  solutionScore: 90,
  randomDraws: 1,
  ...over,
});

describe('check report', () => {
  it('nearest-rank percentiles, null when nothing happened', () => {
    const v = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect([0.1, 0.5, 0.9].map((q) => percentile(v, q))).toEqual([1, 5, 9]);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('shares and spreads over the seeds', () => {
    const outs = Array.from({ length: 10 }, (_, k) =>
      outcome(k + 1, k === 0 ? { firstPage: null, solutionTtm: null } : {}),
    );
    const r = summarizeCheck('demo', outs);
    expect(r.seeds).toBe(10);
    expect(r.pageFires).toBeCloseTo(0.9, 12);
    expect(r.timeToFirstPage).toEqual({ p10: 302, p50: 306, p90: 310, min: 302, max: 310 });
    expect(r.timeToMitigate.p50).toBe(406);
    expect(r.flags).toEqual([]);
  });

  it('flags a scenario winnable without a response or not winnable on more than 5% of seeds', () => {
    const outs = Array.from({ length: 20 }, (_, k) => outcome(k + 1));
    // 1 of 20 = 5%: not above the threshold
    outs[3] = outcome(4, { winnableWithoutResponse: true });
    expect(summarizeCheck('x', outs).flags).toEqual([]);
    outs[7] = outcome(8, { winnableWithoutResponse: true });
    outs[9] = outcome(10, { solutionMitigates: false });
    outs[11] = outcome(12, { solutionMitigates: false });
    const r = summarizeCheck('x', outs);
    expect(r.flags).toEqual([
      'winnable without a response on 10.0% of seeds (e.g. --seed 4)',
      'the solution does not mitigate on 10.0% of seeds (e.g. --seed 10)',
    ]);
    expect(r.flaggedSeeds).toEqual({ winnableWithoutResponse: [4, 8], solutionFails: [10, 12] });
    const table = formatCheckTable([r, summarizeCheck('ok', [outcome(1)])]);
    expect(table).toMatch(/^SCENARIO +SEEDS +PAGE/);
    expect(table).toContain('  ! x: winnable without a response');
    expect(table.trimEnd().split('\n').at(-1)).toBe('1 of 2 scenario(s) flagged.');
  });

  // Most built-ins have no client noise, so the seed changes nothing the report reads: the table
  // says so instead of printing three equal percentiles.
  it('says when every seed gave the same outcome, and shows the range when they differ', () => {
    const same = summarizeCheck(
      'steady',
      Array.from({ length: 50 }, (_, k) => outcome(k + 1, { firstPage: 315, solutionTtm: 255 })),
    );
    expect(same.sameOnEverySeed).toBe(true);
    expect(same.timeToFirstPage).toEqual({ p10: 315, p50: 315, p90: 315, min: 315, max: 315 });
    const varied = summarizeCheck(
      'noisy',
      Array.from({ length: 50 }, (_, k) => outcome(k + 1, { firstPage: k < 40 ? 420 : 435 })),
    );
    expect(varied.sameOnEverySeed).toBe(false);
    const table = formatCheckTable([same, varied]);
    const row = (name: string) => table.split('\n').find((l) => l.startsWith(name))!;
    expect(row('steady')).toContain('5:15 (every seed)');
    expect(row('steady')).toContain('4:15 (every seed)');
    expect(row('noisy')).toContain('7:00 / 7:00 / 7:15 (7:00-7:15)');
    expect(table).toContain('1 of 2 scenario(s) gave the same outcome on every seed');
  });

  it('marks a scenario whose runs drew no random number, and compares seeds without their draw counts', () => {
    const once = summarizeCheck(
      'once',
      Array.from({ length: 4 }, (_, k) =>
        outcome(k + 1, { firstPage: 315, solutionTtm: 255, randomDraws: 0 }),
      ),
    );
    expect(once).toMatchObject({ sameOnEverySeed: true, seedIndependent: true });
    const drew = summarizeCheck(
      'drew',
      Array.from({ length: 4 }, (_, k) =>
        outcome(k + 1, { firstPage: 315, solutionTtm: 255, randomDraws: k }),
      ),
    );
    expect(drew).toMatchObject({ sameOnEverySeed: true, seedIndependent: false });
    expect(formatCheckTable([once, drew])).toContain(
      "1 of 2 scenario(s) drew no random number: run once, that outcome is every seed's.",
    );
  });
});
