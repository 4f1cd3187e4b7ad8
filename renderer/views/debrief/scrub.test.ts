import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../../simulator/engine/api';
import { MetricBuffer } from '../../sim/metric-buffer';
import type { SloPeriods, TimelineEntry } from './run-model';
import { scrubState } from './scrub';

const series: SeriesInfo[] = [{ index: 0, metric: 'error_ratio', labels: { node: 'web' } }];
const buffer = new MetricBuffer(series, 1, 100);
buffer.append(0, [Float64Array.from({ length: 60 }, (_, i) => (i >= 20 && i < 40 ? 0.3 : 0.001))]);
const slos: SloPeriods[] = [
  {
    slo: { node: 'web', metric: 'error_ratio', max: 0.01 },
    name: 'web errors',
    series: 0,
    periods: [],
  },
];
const entry = (t: number, text: string): TimelineEntry => ({ t, lane: 'trainee', kind: 'action', text });
const timeline = [entry(5, 'a'), entry(21, 'fault'), entry(30, 'ack'), entry(35, 'fix'), entry(50, 'late')];

describe('debrief scrubber', () => {
  it('shows each SLO against its objective at the chosen moment', () => {
    expect(scrubState(buffer, slos, timeline, 10).slos).toEqual([
      { name: 'web errors', metric: 'error_ratio', value: 0.001, ok: true },
    ]);
    expect(scrubState(buffer, slos, timeline, 25).slos[0]).toMatchObject({ value: 0.3, ok: false });
  });

  it('lists the last events up to that moment, newest last', () => {
    expect(scrubState(buffer, slos, timeline, 36, 3).recent.map((e) => e.text)).toEqual([
      'fault',
      'ack',
      'fix',
    ]);
    expect(scrubState(buffer, slos, timeline, 0).recent).toEqual([]);
  });

  it('clamps moments outside the run instead of failing', () => {
    expect(scrubState(buffer, slos, timeline, -5).slos[0]?.value).toBe(0.001);
    expect(scrubState(buffer, slos, timeline, 10_000).slos[0]?.value).toBe(0.001);
    expect(scrubState(buffer, [{ ...slos[0]!, series: -1 }], timeline, 10).slos[0]?.value).toBeNaN();
  });
});
