import { describe, expect, it } from 'vitest';
import { columnsOf, runBuiltin } from '../../../../simulator/test-support/builtin-run';
import { runMetadataClient } from './run-client';
import { runQuery, seriesLabel, viewCache } from './run-query';

const { scenario, sim } = runBuiltin('redis-queue-fills.json', 1500);
const columns = columnsOf(sim);
const view = viewCache(scenario.nodes)(columns);

describe('Explore queries over a run', () => {
  it('graphs a range query over the window and tabulates its value at the end', () => {
    const q = runQuery(view, 'sum by (service) (rate(http_requests_total{code="500"}[5m]))', 600, 1500);
    if (!q.ok) throw new Error(q.error);
    expect(q.stepSeconds).toBe(15);
    expect(q.lines.length).toBeGreaterThan(1);
    for (const line of q.lines) {
      expect(line.t[0]).toBe(600);
      expect(line.t.at(-1)).toBe(1500);
      expect(Object.keys(line.labels)).toEqual(['service']);
    }
    // checkout fails once the queue is full: its 5xx rate at the end is the table's value
    const checkout = q.table.find((r) => r.labels.service === 'checkout');
    expect(checkout?.value).toBeGreaterThan(1);
    const line = q.lines.find((l) => l.labels.service === 'checkout')!;
    expect(line.v.at(-1)).toBeCloseTo(checkout!.value, 9);
  });

  it('widens the step for long windows, and answers errors instead of throwing', () => {
    const long = runQuery(view, 'sum(http_server_active_requests)', 0, 1500);
    expect(long.ok && long.stepSeconds).toBe(15);
    const wide = runQuery(view, 'vector(1)', 0, 15 * 240 * 3);
    expect(wide.ok && wide.stepSeconds).toBe(45);
    const bad = runQuery(view, 'sum(rate(http_requests_total[5m]', 0, 600);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/\w/);
    const matrix = runQuery(view, 'http_requests_total[5m]', 0, 600);
    expect(!matrix.ok && matrix.error).toMatch(/cannot be graphed/);
    const empty = runQuery(view, 'no_such_metric', 0, 600);
    expect(empty.ok && empty.lines.length).toBe(0);
  });

  it('prints series as Prometheus does', () => {
    expect(seriesLabel({ __name__: 'up', job: 'a', instance: 'b:1' })).toBe('up{instance="b:1", job="a"}');
    expect(seriesLabel({ service: 'x' })).toBe('{service="x"}');
    expect(seriesLabel({})).toBe('{}');
  });

  it('reuses the view until the run has grown by a scrape interval', () => {
    const cache = viewCache(scenario.nodes);
    const a = cache(columns);
    expect(cache(columns)).toBe(a);
    expect(cache({ ...columns, length: columns.length - 30 })).not.toBe(a);
  });
});

describe('the editor metadata client', () => {
  const client = runMetadataClient(() => view);
  it('lists metric names, label names and values, and HELP/TYPE from the catalog', async () => {
    const names = await client.metricNames();
    expect(names).toContain('http_requests_total');
    expect(names).toContain('http_request_duration_seconds_bucket');
    expect(names).toContain('redis_memory_used_bytes');
    expect(await client.labelNames('http_requests_total')).toEqual(['code', 'job', 'namespace', 'service']);
    expect(await client.labelValues('code', 'http_requests_total')).toEqual(['200', '500']);
    const services = await client.labelValues('service', 'http_requests_total');
    expect(services).toContain('checkout');
    const meta = await client.metricMetadata();
    expect(meta.http_requests_total?.[0]?.type).toBe('counter');
    expect(meta.http_request_duration_seconds_bucket?.[0]?.type).toBe('histogram');
    const series = await client.series('redis_memory_used_bytes');
    expect(series.length).toBe(scenario.nodes.filter((n) => n.kind === 'cache' || n.kind === 'queue').length);
  });
});
