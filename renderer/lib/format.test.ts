import { describe, expect, it } from 'vitest';
import { axisValue, clock, metricValue, seconds } from './format';

describe('format', () => {
  it('formats simulated clocks', () => {
    expect(clock(0)).toBe('00:00');
    expect(clock(75.9)).toBe('01:15');
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(Number.NaN)).toBe('--:--');
    expect(clock(-5)).toBe('00:00');
  });
  it('formats values in their units', () => {
    expect(metricValue(0.0523, 'ratio')).toBe('5.2%');
    expect(metricValue(0.25, 'seconds')).toBe('250 ms');
    expect(metricValue(1500, 'rps')).toBe('1.5K/s');
    expect(metricValue(2048, 'mb')).toBe('2 GB');
    expect(metricValue(Number.POSITIVE_INFINITY, 'count')).toBe('–');
    expect(seconds(5.04)).toBe('5 s');
  });
  it("formats bytes in IEC units, as Grafana's bytes unit", () => {
    expect(metricValue(512, 'bytes')).toBe('512 B');
    expect(metricValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(metricValue(256 * 1024 * 1024, 'bytes')).toBe('256 MiB');
    expect(metricValue(3 * 1024 ** 3, 'bytes')).toBe('3 GiB');
    expect(metricValue(-2048, 'bytes')).toBe('-2 KiB');
    expect(axisValue(64 * 1024 * 1024, 'bytes')).toBe('64MiB');
  });
  it('formats axis ticks', () => {
    expect(axisValue(0.5, 'ratio')).toBe('50%');
    expect(axisValue(0.1, 'seconds')).toBe('100ms');
    expect(axisValue(600, 'seconds')).toBe('10m');
    expect(axisValue(36000, 'seconds')).toBe('10h');
    expect(axisValue(Number.NaN, 'rps')).toBe('');
  });
});
