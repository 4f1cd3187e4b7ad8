/**
 * The allocation-free paths a rule evaluated every 15 s takes give the answers of the general
 * code they replace (the whole-run digests check the built-ins; these check the edges).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromQL } from './parse';
import { evaluateParsedInstant } from './evaluate';
import { bucketQuantile, type Bucket } from './quantile';
import { extrapolatedRateAt, RANGE_FUNCTIONS } from './range-functions';
import type { PromLabels, PromSeries, PromSource } from './types';

/** bucketQuantile as it was (sort a copy, coalesce into new buckets, raise to monotonic). */
function referenceBucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || sorted[sorted.length - 1]!.upperBound !== Infinity) return NaN;
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ upperBound: b.upperBound, count: b.count });
  }
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

const bound = fc.constantFrom(-1, 0, 0.005, 0.01, 0.1, 0.25, 1, 2.5, 10, Infinity, NaN);
const count = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.constant(NaN),
  fc.integer({ min: 0, max: 5 }),
);
const buckets = fc.array(fc.record({ upperBound: bound, count }), { maxLength: 40 });
const q = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(NaN, -0.5, 1.5, 0, 1));

describe('bucketQuantile in scratch arrays', () => {
  it('answers what sorting, coalescing and raising copies answers, bit for bit', () => {
    fc.assert(
      fc.property(q, buckets, (qv, input) => {
        const copy = input.map((b) => ({ ...b }));
        expect(Object.is(bucketQuantile(qv, input), referenceBucketQuantile(qv, copy))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves its input as it was', () => {
    const input = [
      { upperBound: Infinity, count: 5 },
      { upperBound: 1, count: 7 },
      { upperBound: 0.5, count: 2 },
      { upperBound: 1, count: 1 },
    ];
    const before = JSON.stringify(input);
    expect(bucketQuantile(0.5, input)).toBe(referenceBucketQuantile(0.5, structuredClone(input)));
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('rate, increase and delta by index', () => {
  it('equal the same functions over the window as its own arrays', () => {
    const sample = fc.tuple(
      fc.integer({ min: 1, max: 30_000 }),
      fc.double({ min: -1e3, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(sample, { minLength: 0, maxLength: 20 }),
        fc.nat(25),
        fc.nat(25),
        fc.integer({ min: 1, max: 600_000 }),
        (points, a, b, rangeMs) => {
          let t = 0;
          const ts = Float64Array.from(points.map(([d]) => (t += d)));
          const vs = Float64Array.from(points.map(([, v]) => v));
          const from = Math.min(a, b, ts.length);
          const to = Math.min(Math.max(a, b), ts.length);
          const endMs = (ts[to - 1] ?? 0) + 1000;
          const startMs = endMs - rangeMs;
          const window = { labels: {}, timestamps: ts.subarray(from, to), values: vs.subarray(from, to) };
          const args = { window, startMs, endMs, rangeMs, evalMs: endMs, param: NaN };
          const cases = [
            ['rate', true, true],
            ['increase', true, false],
            ['delta', false, false],
          ] as const;
          for (const [name, isCounter, isRate] of cases) {
            const byIndex = extrapolatedRateAt(ts, vs, from, to, startMs, endMs, rangeMs, isCounter, isRate);
            const byWindow = RANGE_FUNCTIONS[name](args);
            expect(byIndex === undefined ? byWindow === undefined : Object.is(byIndex, byWindow)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** A fixed source (as the engine's per-rule subsets): the same series objects, samples growing in place. */
function fixedSource(labels: readonly PromLabels[]): {
  source: PromSource;
  add: (t: number, v: number) => void;
} {
  const series: { labels: PromLabels; timestamps: Float64Array; values: Float64Array }[] = labels.map(
    (l) => ({
      labels: l,
      timestamps: new Float64Array(0),
      values: new Float64Array(0),
    }),
  );
  return {
    source: { sorted: true, fixed: true, series: () => series },
    add(t, v) {
      for (const s of series) {
        s.timestamps = Float64Array.from([...s.timestamps, t]);
        s.values = Float64Array.from([...s.values, v]);
      }
    },
  };
}

describe('the duplicate label-set check, remembered per expression', () => {
  it('still refuses duplicates at every evaluation of the same parsed expression', () => {
    // Two series that differ only by name: rate() drops it, so both give {job="a"}.
    const { source, add } = fixedSource([
      { __name__: 'a_total', job: 'a' },
      { __name__: 'b_total', job: 'a' },
    ] satisfies PromSeries['labels'][]);
    const parsed = parsePromQL('rate({job="a"}[1m])');
    if (!parsed.ok) throw new Error(parsed.error);
    for (let k = 0; k < 6; k++) {
      add(k * 15_000, k * 10);
      const result = evaluateParsedInstant(source, parsed.expr, k * 15_000);
      if (k === 0) expect(result).toEqual({ ok: true, timeMs: 0, value: { type: 'vector', samples: [] } });
      else
        expect(result).toEqual({ ok: false, error: 'vector cannot contain metrics with the same labelset' });
    }
  });

  it('checks again when the same expression yields other label sets', () => {
    const good = fixedSource([
      { __name__: 'x_total', job: 'a' },
      { __name__: 'x_total', job: 'b' },
    ]);
    const bad = fixedSource([
      { __name__: 'x_total', job: 'a' },
      { __name__: 'y_total', job: 'a' },
    ]);
    const parsed = parsePromQL('rate({__name__=~".+_total"}[1m])');
    if (!parsed.ok) throw new Error(parsed.error);
    for (const k of [1, 2]) {
      good.add(k * 15_000, k);
      bad.add(k * 15_000, k);
    }
    const ok = evaluateParsedInstant(good.source, parsed.expr, 30_000);
    expect(ok.ok && ok.value.type === 'vector' && ok.value.samples.length).toBe(2);
    expect(evaluateParsedInstant(bad.source, parsed.expr, 30_000)).toEqual({
      ok: false,
      error: 'vector cannot contain metrics with the same labelset',
    });
    // And the first source again: still fine.
    expect(evaluateParsedInstant(good.source, parsed.expr, 30_000).ok).toBe(true);
  });
});

describe('histogram_quantile over grouped buckets', () => {
  it('answers the reference per histogram, in order of first appearance', () => {
    const le = fc.constantFrom('0.1', '0.5', '1', '+Inf', '2.5', 'NaN', '-1', '1e0');
    const row = fc.record({ g: fc.constantFrom('a', 'b', 'c'), le, v: count });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), q, (rows, qv) => {
        // One series per label set, in the order the evaluator sorts them (g, then le as text).
        const byKey = new Map<string, (typeof rows)[number]>();
        for (const r of rows) byKey.set(`${r.g}|${r.le}`, r);
        const sorted = [...byKey.values()].sort((a, b) =>
          a.g !== b.g ? (a.g < b.g ? -1 : 1) : a.le < b.le ? -1 : a.le > b.le ? 1 : 0,
        );
        const series: PromSeries[] = sorted.map((r) => ({
          labels: { __name__: 'h_bucket', g: r.g, le: r.le },
          timestamps: Float64Array.of(0),
          values: Float64Array.of(r.v),
        }));
        const expr = parsePromQL(`histogram_quantile(${Number.isNaN(qv) ? 'NaN' : qv}, h_bucket)`);
        if (!expr.ok) throw new Error(expr.error);
        const result = evaluateParsedInstant({ series: () => series }, expr.expr, 0);
        if (!result.ok || result.value.type !== 'vector') throw new Error('not a vector');
        const groups = new Map<string, Bucket[]>();
        for (const r of sorted) {
          const list = groups.get(r.g) ?? [];
          groups.set(r.g, list);
          list.push({ upperBound: r.le === '+Inf' ? Infinity : Number(r.le), count: r.v });
        }
        const expected = [...groups].map(([g, list]) => ({ g, value: referenceBucketQuantile(qv, list) }));
        const got = result.value.samples.map((s) => ({ g: s.labels.g, value: s.value }));
        expect(got.length).toBe(expected.length);
        got.forEach((s, i) => {
          expect(s.g).toBe(expected[i]!.g);
          expect(Object.is(s.value, expected[i]!.value)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
