import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../simulator/engine/api';
import { MetricBuffer } from './metric-buffer';

const series: SeriesInfo[] = [
  { index: 0, metric: 'error_ratio', labels: { node: 'checkout' } },
  { index: 1, metric: 'edge_request_rate', labels: { node: 'web', to: 'checkout' } },
];

describe('MetricBuffer', () => {
  it('appends snapshots in order and finds series by metric and labels', () => {
    const buffer = new MetricBuffer(series, 1, 100);
    buffer.append(0, [Float64Array.of(0, 0.1), Float64Array.of(5, 6)]);
    buffer.append(2, [Float64Array.of(0.2), Float64Array.of(7)]);
    expect(buffer.length).toBe(3);
    expect(buffer.latest(0)).toBeCloseTo(0.2);
    expect(buffer.find('edge_request_rate', 'web', { to: 'checkout' })).toBe(1);
    expect(buffer.find('error_ratio', 'nope')).toBe(-1);
  });

  it('downsamples by the maximum of each bucket so spikes stay visible', () => {
    const buffer = new MetricBuffer(series, 1, 1000);
    const values = new Float64Array(1000).fill(0.01);
    values[501] = 0.9;
    buffer.append(0, [values, new Float64Array(1000)]);
    const points = buffer.window(0, 0, 999, 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(Math.max(...points.map((p) => p.v ?? 0))).toBeCloseTo(0.9);
    expect(points[0]?.t).toBe(0);
  });

  it('keeps a one-tick dip visible too (min and max per bucket)', () => {
    const buffer = new MetricBuffer(series, 1, 1000);
    const values = new Float64Array(1000).fill(100);
    values[321] = 0;
    buffer.append(0, [values, new Float64Array(1000)]);
    const points = buffer.window(0, 0, 999, 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(Math.min(...points.map((p) => p.v ?? 100))).toBe(0);
  });

  it('returns gaps as null, and nothing outside the recorded range', () => {
    const buffer = new MetricBuffer(series, 2, 10);
    buffer.append(0, [Float64Array.of(Number.NaN, 1), Float64Array.of(1, 1)]);
    expect(buffer.window(0, 0, 100).map((p) => p.v)).toEqual([null, 1]);
    expect(buffer.window(0, 50, 60)).toEqual([]);
    expect(new MetricBuffer(series, 1, 10).latest(0)).toBeNaN();
  });

  it("draws a gap where the node's scrapes failed (scrape_ok 0), not the engine's value", () => {
    const scraped: SeriesInfo[] = [
      ...series,
      { index: 2, metric: 'scrape_ok', labels: { node: 'checkout' } },
    ];
    const buffer = new MetricBuffer(scraped, 1, 10);
    buffer.append(0, [
      Float64Array.of(0.1, 0.2, 0.3, 0.4),
      Float64Array.of(5, 5, 5, 5),
      Float64Array.of(1, 0, 0, 1),
    ]);
    expect(buffer.window(0, 0, 3).map((p) => p.v)).toEqual([0.1, null, null, 0.4]);
    // web is scraped (no scrape_ok series of its own), and scrape_ok itself is drawn as it is.
    expect(buffer.window(1, 0, 3).map((p) => p.v)).toEqual([5, 5, 5, 5]);
    expect(buffer.window(2, 0, 3).map((p) => p.v)).toEqual([1, 0, 0, 1]);
    expect(buffer.latest(0)).toBeCloseTo(0.4);
    buffer.append(4, [Float64Array.of(0.5), Float64Array.of(5), Float64Array.of(0)]);
    expect(buffer.latest(0)).toBeNaN();
    expect(buffer.latest(1)).toBe(5);
  });

  it('ignores values beyond its capacity instead of throwing', () => {
    const buffer = new MetricBuffer(series, 1, 2);
    buffer.append(0, [Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3)]);
    expect(buffer.length).toBe(2);
    expect(buffer.latest(0)).toBe(2);
  });
});
