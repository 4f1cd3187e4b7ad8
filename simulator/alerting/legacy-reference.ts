/**
 * Version 1's alert semantics, kept as a reference for the migration tests: the old expression
 * evaluated on every tick over the engine's own series (any matching series meeting the
 * condition), pending from the first tick it holds, firing once it has held for `for`.
 */
import type { MetricStore } from '../engine/api';
import { compare, matchesLabels, parseAlertExpr } from '../alerts/expr';

/** Simulated seconds at which an old alert first fires over a recorded run, or null. */
export function legacyFirstFiring(
  expr: string,
  forSeconds: number,
  store: MetricStore,
  tickSeconds: number,
): number | null {
  const parsed = parseAlertExpr(expr);
  if (!parsed.ok) throw new Error(parsed.error);
  const e = parsed.expr;
  const series = store.series
    .filter((s) => s.metric === e.metric && matchesLabels(e, s.labels))
    .map((s) => s.index);
  const window = e.fn ? Math.max(1, Math.round(e.window / tickSeconds)) : 1;
  let since: number | undefined;
  for (let tick = store.firstTick; tick < store.firstTick + store.length; tick++) {
    const t = tick * tickSeconds;
    const hit = series.some((s) => {
      let acc = e.fn === 'max_over_time' ? -Infinity : e.fn === 'min_over_time' ? Infinity : 0;
      let n = 0;
      for (let k = 0; k < window; k++) {
        const v = store.at(s, tick - k);
        if (v !== v) break;
        acc =
          e.fn === 'max_over_time' ? Math.max(acc, v) : e.fn === 'min_over_time' ? Math.min(acc, v) : acc + v;
        n++;
      }
      if (n === 0) return false;
      const value = !e.fn ? acc : e.fn === 'avg_over_time' ? acc / n : acc;
      return compare(e.op, value, e.threshold);
    });
    if (!hit) since = undefined;
    else {
      since ??= t;
      if (t - since >= forSeconds) return t;
    }
  }
  return null;
}
