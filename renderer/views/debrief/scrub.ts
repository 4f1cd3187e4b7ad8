/**
 * The debrief's scrubber: what the run looked like at one simulated moment — each SLO metric's
 * value against its objective, and the last things that happened up to then (the trainee's steps
 * and the hidden truth alike). Pure, so it is tested without a DOM.
 */
import type { MetricBuffer } from '../../sim/metric-buffer';
import type { SloPeriods, TimelineEntry } from './run-model';

export interface ScrubState {
  readonly t: number;
  readonly slos: readonly {
    readonly name: string;
    readonly metric: string;
    readonly value: number;
    readonly ok: boolean;
  }[];
  /** The most recent timeline entries at or before `t`, newest last. */
  readonly recent: readonly TimelineEntry[];
}

export function scrubState(
  buffer: MetricBuffer,
  slos: readonly SloPeriods[],
  timeline: readonly TimelineEntry[],
  t: number,
  recentCount = 4,
): ScrubState {
  const tick = Math.max(0, Math.min(buffer.length - 1, Math.round(t / buffer.tickSeconds)));
  const values = slos.map((s) => {
    const value = s.series >= 0 ? (buffer.values[s.series]?.[tick] ?? Number.NaN) : Number.NaN;
    return { name: s.name, metric: s.slo.metric, value, ok: !(value > s.slo.max) };
  });
  const upTo = timeline.filter((e) => e.t <= t);
  return { t, slos: values, recent: upTo.slice(-recentCount) };
}
