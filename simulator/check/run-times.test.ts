import { describe, expect, it } from 'vitest';
import type { MetricStore, SimEvent } from '../engine/api';
import type { Scenario } from '../scenario/schema';
import { firstFirings, firstPage, sloStretch } from './run-times';

/** A store holding one error_ratio series for 'api', from tick `firstTick`. */
function store(values: number[], firstTick = 0): MetricStore {
  return {
    series: [{ index: 0, metric: 'error_ratio', labels: { node: 'api' } }],
    length: values.length,
    capacity: values.length,
    firstTick,
    nonFinite: 0,
    find: (metric, node) => (metric === 'error_ratio' && node === 'api' ? 0 : -1),
    latest: () => values.at(-1) ?? NaN,
    at: (_, t) => values[t - firstTick] ?? NaN,
    read: (_, out) => {
      const r = out ?? new Float64Array(values.length);
      r.set(values.slice(0, r.length));
      return r;
    },
  };
}

const scenario = (slos: { node: string; metric: string; max: number }[]) =>
  ({
    tickSeconds: 5,
    objectives: { slos, holdFor: 60 },
    alerting: {
      groups: [
        {
          name: 'g',
          interval: 15,
          rules: ['Api', 'ApiErrors', 'DbDown'].map((alert) => ({
            alert,
            expr: 'vector(1)',
            for: 0,
            labels: { severity: 'P1' },
            annotations: { summary: '' },
          })),
        },
      ],
      route: {
        receiver: 'page',
        matchers: [],
        routes: [{ receiver: 'chat', matchers: ['alertname="ApiErrors"'] }],
      },
    },
  }) as unknown as Scenario;

const firing = (t: number, alert: string): SimEvent => ({
  t,
  kind: 'alert-firing',
  text: `FIRING [P1] ${alert}`,
  hidden: false,
  data: { alert },
});

describe('run times', () => {
  it('the SLO scan: no data (NaN) holds, as in the score; a missing series is ignored', () => {
    const s = scenario([
      { node: 'api', metric: 'error_ratio', max: 0.01 },
      { node: 'gone', metric: 'error_ratio', max: 0.01 },
    ]);
    expect(sloStretch(s, store([NaN, 0, 0.5, 0.5, 0, NaN, 0], 10))).toEqual({
      firstBroken: 60,
      holdsFrom: 70,
      end: 85,
    });
    expect(sloStretch(s, store([NaN, NaN]))).toEqual({ firstBroken: null, holdsFrom: 0, end: 10 });
    expect(sloStretch(s, store([0, 0.5]))).toEqual({ firstBroken: 5, holdsFrom: null, end: 10 });
    expect(sloStretch(s, store([]))).toEqual({ firstBroken: null, holdsFrom: null, end: 0 });
  });

  it('alerts by their exact name, even when one name starts with another', () => {
    const events = [
      firing(30, 'ApiErrors'),
      firing(90, 'DbDown'),
      firing(120, 'Api'),
      firing(150, 'ApiErrors'),
    ];
    expect([...firstFirings(events)]).toEqual([
      ['ApiErrors', 30],
      ['DbDown', 90],
      ['Api', 120],
    ]);
    const s = scenario([]);
    expect(firstPage(s, events)).toBe(90);
    expect(firstPage(s, [firing(30, 'ApiErrors')])).toBeNull();
  });
});
