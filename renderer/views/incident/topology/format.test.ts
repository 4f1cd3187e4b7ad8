import { describe, expect, it } from 'vitest';
import { cardValue } from './format';

describe('cardValue', () => {
  it('fits every unit in a few characters', () => {
    expect(cardValue('request_rate', 306.41)).toBe('306/s');
    expect(cardValue('request_rate', 13.2)).toBe('13/s');
    expect(cardValue('request_rate', 0.6)).toBe('0.6/s');
    expect(cardValue('request_rate', 1234)).toBe('1.2K/s');
    expect(cardValue('dns_queries_rate', 24_100)).toBe('24.1K/s');
    expect(cardValue('error_ratio', 0)).toBe('0%');
    expect(cardValue('error_ratio', 0.0004)).toBe('<0.1%');
    expect(cardValue('error_ratio', 0.045)).toBe('4.5%');
    expect(cardValue('error_ratio', 0.284)).toBe('28%');
    expect(cardValue('latency_p99', 0.5992)).toBe('599 ms');
    expect(cardValue('latency_p99', 0.0004)).toBe('<1 ms');
    expect(cardValue('queue_oldest_seconds', 0)).toBe('0 s');
    expect(cardValue('latency_p99', 33.1)).toBe('33.1 s');
    expect(cardValue('queue_oldest_seconds', 300)).toBe('5.0 min');
    // A tile rounds, but never by a third: 90.3 s is not "2 min".
    expect(cardValue('latency_p99', 90.3)).toBe('90 s');
    expect(cardValue('latency_p99', 150)).toBe('2.5 min');
    expect(cardValue('queue_oldest_seconds', 1800)).toBe('30 min');
    expect(cardValue('queue_memory_mb', 240.1)).toBe('240 MB');
    expect(cardValue('memory_mb', 2048)).toBe('2.0 GB');
    expect(cardValue('queue_depth', 15_400)).toBe('15.4K');
    expect(cardValue('db_connections', 60)).toBe('60');
    expect(cardValue('db_connections', Number.NaN)).toBe('–');
  });
});
