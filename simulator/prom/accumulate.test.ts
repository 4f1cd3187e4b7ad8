import { describe, expect, it } from 'vitest';
import { columnsOf, runBuiltin } from '../test-support/builtin-run';
import { PromAccumulator } from './accumulate';
import { evaluateParsedInstant } from './evaluate';
import { compareLabels } from './labels';
import { parsePromQL } from './parse';
import { prometheusView } from './view';

describe('incremental Prometheus view', () => {
  const { scenario, sim } = runBuiltin('redis-queue-fills.json', 600);
  const store = sim.metrics;
  const reader = {
    series: store.series,
    tickSeconds: sim.tickSeconds,
    value: (i: number, t: number) => store.at(i, t),
  };

  it('advanced in uneven steps, holds exactly the series of the whole-run view', () => {
    const whole = prometheusView(columnsOf(sim), scenario.nodes).series();
    const acc = new PromAccumulator(reader, scenario.nodes);
    for (let tick = 0, step = 1; tick < 600; tick += step, step = (step * 7) % 23) acc.advanceTo(tick);
    acc.advanceTo(599);
    const got = acc.series();
    expect(got.map((s) => s.labels)).toEqual(whole.map((s) => s.labels));
    got.forEach((s, i) => {
      expect(s.timestamps).toEqual(whole[i]!.timestamps);
      expect(s.values).toEqual(whole[i]!.values);
    });
    expect(acc.length).toBe(40); // ticks 0, 15, ..., 585
  });

  it('keeps only what `keep` selects, and a subset is in label order', () => {
    const acc = new PromAccumulator(reader, scenario.nodes, {
      keep: (l) => l.__name__ === 'redis_key_size' || l.__name__ === 'http_request_duration_seconds_bucket',
    });
    acc.advanceTo(599);
    const names = new Set(acc.series().map((s) => s.labels.__name__));
    // A kept histogram keeps its _sum and _count with its buckets.
    expect([...names].sort()).toEqual([
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'http_request_duration_seconds_sum',
      'redis_key_size',
    ]);
    const sub = acc.subset((l) => l.__name__ === 'http_request_duration_seconds_bucket').series();
    expect(sub.length).toBeGreaterThan(12);
    for (let i = 1; i < sub.length; i++)
      expect(compareLabels(sub[i - 1]!.labels, sub[i]!.labels)).toBeLessThan(0);
  });
});

describe('a subset as a fixed source', () => {
  const { scenario, sim } = runBuiltin('redis-queue-fills.json', 600);
  const store = sim.metrics;
  const reader = {
    series: store.series,
    tickSeconds: sim.tickSeconds,
    value: (i: number, t: number) => store.at(i, t),
  };
  const expr = 'sum by (service) (rate(http_requests_total{code=~"2.."}[1m])) > 0';

  it('keeps its series objects while their samples grow, and queries read the new samples', () => {
    const acc = new PromAccumulator(reader, scenario.nodes);
    const sub = acc.subset((l) => l.__name__ === 'http_requests_total');
    expect(sub.fixed).toBe(true);
    acc.advanceTo(300);
    const first = sub.series();
    const lengthThen = first[0]!.values.length;
    const parsed = parsePromQL(expr);
    if (!parsed.ok) throw new Error(parsed.error);
    for (let tick = 301; tick < 600; tick += 15) {
      acc.advanceTo(tick);
      expect(sub.series()).toBe(first);
      // The same parsed expression over the fixed subset answers what a fresh view answers.
      const fresh = prometheusView(columnsOf(sim), scenario.nodes);
      const got = evaluateParsedInstant(sub, parsed.expr, tick * 1000);
      const want = evaluateParsedInstant(
        { series: () => fresh.series().filter((s) => s.labels.__name__ === 'http_requests_total') },
        parsed.expr,
        tick * 1000,
      );
      expect(got).toEqual(want);
      expect(got.ok && got.value.type === 'vector' && got.value.samples.length).toBeGreaterThan(0);
    }
    expect(first[0]!.values.length).toBeGreaterThan(lengthThen);
  });
});
