import { describe, expect, it } from 'vitest';
import { metricsCsv } from '../../../simulator/series/csv';
import { MetricBuffer } from '../../sim/metric-buffer';
import { metricsFileName } from './metrics-csv';

describe('metrics export', () => {
  it('writes a MetricBuffer through the shared CSV writer', () => {
    const buffer = new MetricBuffer(
      [
        { index: 0, metric: 'request_rate', labels: { node: 'users' } },
        { index: 1, metric: 'error_ratio', labels: { node: 'checkout' } },
      ],
      2,
      100,
    );
    buffer.append(0, [Float64Array.from([100, 99]), Float64Array.from([Number.NaN, 0.5])]);
    // only the recorded ticks, not the buffer's capacity
    expect(metricsCsv(buffer)).toBe(
      't,"error_ratio{node=""checkout""}","request_rate{node=""users""}"\r\n0,,100\r\n2,0.5,99\r\n',
    );
  });

  it('names the file after the run, with unsafe characters replaced', () => {
    expect(metricsFileName('run/1:2')).toBe('metrics-run-1-2.csv');
  });
});
