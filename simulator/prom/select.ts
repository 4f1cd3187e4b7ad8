/**
 * Series selection with Prometheus 2.42's rules: label matchers (a missing label reads as ""),
 * the 5-minute lookback for instant vectors (the latest sample at or before the evaluation time,
 * no older than the lookback, both ends inclusive, and not followed by a staleness marker), ranges [t - range, t] inclusive, `offset`
 * and `@`.
 */
import type { LabelMatcher, MatrixSelector, VectorSelector } from './ast';
import { compareLabels } from './labels';
import type { PromSeries, PromSource } from './types';
import type { Sample } from './values';

/** Prometheus's default `--query.lookback-delta`. */
export const LOOKBACK_MS = 5 * 60_000;

export interface SelectContext {
  /** Every series, sorted by label set as Prometheus's storage returns them. */
  readonly series: readonly PromSeries[];
  /** The query's start and end (`@ start()` / `@ end()`). */
  readonly startMs: number;
  readonly endMs: number;
  readonly matched: WeakMap<VectorSelector, readonly PromSeries[]>;
}

/** A fixed source's selections (PromSource.fixed), kept while the source and the selector live. */
const fixedMatches = new WeakMap<PromSource, WeakMap<VectorSelector, readonly PromSeries[]>>();

export function selectContext(source: PromSource, startMs: number, endMs: number): SelectContext {
  const series = source.sorted
    ? source.series()
    : [...source.series()].sort((a, b) => compareLabels(a.labels, b.labels));
  let matched = source.fixed ? fixedMatches.get(source) : undefined;
  if (!matched) {
    matched = new WeakMap();
    if (source.fixed) fixedMatches.set(source, matched);
  }
  return { series, startMs, endMs, matched };
}

/** Whether a label value ("" for a missing label) satisfies a matcher. */
export function matches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return m.re!.test(value);
    case '!~':
      return !m.re!.test(value);
  }
}

export function matchedSeries(ctx: SelectContext, selector: VectorSelector): readonly PromSeries[] {
  let found = ctx.matched.get(selector);
  if (!found) {
    found = ctx.series.filter((s) => selector.matchers.every((m) => matches(m, s.labels[m.name] ?? '')));
    ctx.matched.set(selector, found);
  }
  return found;
}

/** The time a selector reads at: its `@` time (or the query's start/end), minus its offset. */
export function referenceMs(ctx: SelectContext, selector: VectorSelector, timeMs: number): number {
  const at = selector.at;
  const base = at === undefined ? timeMs : at === 'start' ? ctx.startMs : at === 'end' ? ctx.endMs : at.ms;
  return base - selector.offsetMs;
}

/** How many timestamps are below t (strictly, or also equal when `orEqual`). */
export function countBelow(timestamps: Float64Array, t: number, orEqual: boolean): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const ts = timestamps[mid]!;
    if (ts < t || (orEqual && ts === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last timestamp <= t, or -1. */
function lastAtOrBefore(timestamps: Float64Array, t: number): number {
  return countBelow(timestamps, t, true) - 1;
}

export function selectInstant(
  ctx: SelectContext,
  selector: VectorSelector,
  timeMs: number,
  lookbackMs: number,
): Sample[] {
  const ref = referenceMs(ctx, selector, timeMs);
  const out: Sample[] = [];
  for (const s of matchedSeries(ctx, selector)) {
    const i = lastAtOrBefore(s.timestamps, ref);
    if (i < 0 || s.timestamps[i]! < ref - lookbackMs) continue;
    // A staleness marker after the sample: the series ended there.
    const stale = s.staleMs ? lastAtOrBefore(s.staleMs, ref) : -1;
    if (stale >= 0 && s.staleMs![stale]! > s.timestamps[i]!) continue;
    out.push({ labels: s.labels, value: s.values[i]!, sampleMs: s.timestamps[i]! });
  }
  return out;
}

/** One series' samples inside a range (views into the series' arrays, no copy). */
export interface Window {
  readonly labels: PromSeries['labels'];
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** Every matched series with at least one sample in [ref - range, ref]. */
export function selectRange(ctx: SelectContext, m: MatrixSelector, timeMs: number): Window[] {
  const ref = referenceMs(ctx, m.selector, timeMs);
  const out: Window[] = [];
  for (const s of matchedSeries(ctx, m.selector)) {
    // As evaluate.ts's extrapolatedRate, which reads the same window by index.
    const end = countBelow(s.timestamps, ref, true);
    const start = countBelow(s.timestamps, ref - m.rangeMs, false);
    if (end <= start) continue;
    out.push({
      labels: s.labels,
      timestamps: s.timestamps.subarray(start, end),
      values: s.values.subarray(start, end),
    });
  }
  return out;
}

/** The range's bounds, which rate() extrapolates to. */
export function rangeBounds(
  ctx: SelectContext,
  m: MatrixSelector,
  timeMs: number,
): { startMs: number; endMs: number } {
  const ref = referenceMs(ctx, m.selector, timeMs);
  return { startMs: ref - m.rangeMs, endMs: ref };
}
