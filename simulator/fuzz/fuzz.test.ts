/**
 * The short fuzz run of the unit suite (issue 15, item 10); `npm run fuzz` runs the long one.
 * Properties and counts: harness.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadFuzzSeeds } from '../../scripts/fuzz-seeds';
import type { MetricStore } from '../engine/api';
import {
  DEFAULT_FUZZ_OPTIONS,
  emptyCounts,
  fuzz,
  fuzzCases,
  nonFiniteMetrics,
  runCase,
  type FuzzFailure,
} from './harness';
import { mutate } from './mutate';

const seeds = loadFuzzSeeds();
const show = (failures: readonly FuzzFailure[]) => JSON.stringify(failures.slice(0, 3), null, 1);

describe('fuzz (short run)', () => {
  it('the unmutated seeds are valid and run', () => {
    const counts = emptyCounts();
    const failures: FuzzFailure[] = [];
    seeds.scenarios.forEach((_, seed) =>
      runCase(seeds, { target: 'scenario', seed, mutations: [] }, counts, failures),
    );
    seeds.runRecords.forEach((_, seed) =>
      runCase(seeds, { target: 'run-record', seed, mutations: [] }, counts, failures),
    );
    expect(failures).toEqual([]);
    expect(counts.valid).toBe(seeds.scenarios.length + seeds.runRecords.length);
    expect(counts.engineRuns).toBe(counts.valid);
  });

  it('200 mutated scenarios and run records: no crash, hang, non-finite metric or pathless error', () => {
    const { counts, failures } = fuzz(seeds, 200, 15, { ...DEFAULT_FUZZ_OPTIONS, hangMs: 5_000 });
    expect(counts.cases).toBe(200);
    expect({ ...counts, failures: show(failures) }).toMatchObject({
      crashes: 0,
      hangs: 0,
      nonFinite: 0,
      pathless: 0,
      failures: '[]',
    });
    // Both sides of every check were exercised.
    expect(counts.valid).toBeGreaterThan(0);
    expect(counts.rejected).toBeGreaterThan(0);
    expect(counts.engineRuns).toBeGreaterThan(0);
  });
});

describe('the harness itself', () => {
  it('counts a throw as a crash and keeps the case to reproduce it', () => {
    const throwing = {
      toJSON() {
        throw new Error('boom');
      },
    };
    const counts = emptyCounts();
    const failures: FuzzFailure[] = [];
    const fuzzCase = { target: 'scenario' as const, seed: 0, mutations: [] };
    runCase({ scenarios: [throwing], runRecords: [] }, fuzzCase, counts, failures);
    expect(counts.crashes).toBe(1);
    expect(failures).toEqual([{ problem: 'crash', detail: 'Error: boom', fuzzCase }]);
  });

  it('counts a case slower than hangMs as a hang', () => {
    let clock = 0;
    const counts = emptyCounts();
    const failures: FuzzFailure[] = [];
    const fuzzCase = { target: 'run-record' as const, seed: 0, mutations: [] };
    const slowClock = () => (clock += 20_000);
    runCase(seeds, fuzzCase, counts, failures, DEFAULT_FUZZ_OPTIONS, slowClock);
    expect(counts.hangs).toBe(1);
    expect(failures[0]?.problem).toBe('hang');
  });

  it('resumes a run at any case with the same cases (npm run fuzz restarts after a hang)', () => {
    const all = [...fuzzCases(seeds, 1200, 7)];
    expect(all).toHaveLength(1200);
    expect([...fuzzCases(seeds, 1200, 7, 701)]).toEqual(all.slice(701));
  });
});

describe('mutate', () => {
  const doc = { a: [1, 2], b: { c: 'x', d: 'y' } };

  it('copies, never changes the seed', () => {
    const mutated = mutate(doc, [{ kind: 'replace', at: 0, value: null }]);
    expect(mutated).toEqual({ a: null, b: { c: 'x', d: 'y' } });
    expect(doc).toEqual({ a: [1, 2], b: { c: 'x', d: 'y' } });
  });

  it('deletes, swaps strings, duplicates entries and scales numbers', () => {
    // Paths in order: a, a[0], a[1], b, b.c, b.d
    expect(mutate(doc, [{ kind: 'delete', at: 5 }])).toEqual({ a: [1, 2], b: { c: 'x' } });
    expect(mutate(doc, [{ kind: 'swap-string', at: 4, from: 1 }])).toEqual({
      a: [1, 2],
      b: { c: 'y', d: 'y' },
    });
    expect(mutate(doc, [{ kind: 'duplicate', at: 1 }])).toEqual({ a: [1, 1, 2], b: { c: 'x', d: 'y' } });
    expect(mutate(doc, [{ kind: 'scale', at: 1, factor: 1e3 }])).toEqual({
      a: [1, 2000],
      b: { c: 'x', d: 'y' },
    });
  });

  it('sets a number or a duration written as text to an extreme number', () => {
    const scenario = { duration: '10m', tickSeconds: 1, title: 'x' };
    // Targets in order: duration ("10m" reads as a duration), tickSeconds; the title is neither.
    expect(mutate(scenario, [{ kind: 'extreme', at: 0, value: 1e307 }])).toEqual({
      duration: 1e307,
      tickSeconds: 1,
      title: 'x',
    });
    expect(mutate(scenario, [{ kind: 'extreme', at: 1, value: Number.MIN_VALUE }])).toMatchObject({
      tickSeconds: Number.MIN_VALUE,
    });
    expect(mutate({ title: 'x' }, [{ kind: 'extreme', at: 3, value: 1e9 }])).toEqual({ title: 'x' });
  });

  it('reaches extreme numbers often: a fuzzer for overflow and memory bugs must', () => {
    const cases = [...fuzzCases(seeds, 1000, 20261202)];
    const extreme = cases.filter((c) =>
      c.mutations.some(
        (m) => m.kind === 'extreme' && (m.value >= 1e100 || m.value <= Number.MIN_VALUE * 1e10),
      ),
    );
    expect(extreme.length).toBeGreaterThan(50);
  });
});

describe('non-finite metrics', () => {
  it('count when the engine computed one, even though the store replaced it', () => {
    const store: MetricStore = {
      series: [{ index: 0, metric: 'm', labels: { node: 'n' } }],
      length: 1,
      capacity: 1,
      firstTick: 0,
      nonFinite: 2,
      find: () => 0,
      latest: () => 0,
      at: () => 0,
      read: () => new Float64Array([0]),
    };
    expect(nonFiniteMetrics(store)).toBe(
      'the engine computed 2 non-finite metric values (the store replaced them)',
    );
    expect(nonFiniteMetrics({ ...store, nonFinite: 0 })).toBeUndefined();
    expect(nonFiniteMetrics({ ...store, nonFinite: 0, read: () => new Float64Array([Number.NaN]) })).toBe(
      'm{"node":"n"} = NaN at tick 0',
    );
  });
});
