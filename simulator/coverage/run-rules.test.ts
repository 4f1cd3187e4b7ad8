import { describe, expect, it } from 'vitest';
import { firingAt } from '../prom/alert-rules';
import type { PromSource } from '../prom/types';
import { parseRuleFile } from './rule-file';
import { runRuleGroups } from './run-rules';
import { summarizeCoverage } from './summarize';

const MIN = 60_000;
// One sample a minute for 12 minutes: above 5 from minute 2 to 5 only.
const load = [1, 1, 6, 7, 8, 9, 1, 1, 1, 1, 1, 1, 1];
const source: PromSource = {
  series: () => [
    {
      labels: { __name__: 'load', host: 'a' },
      timestamps: Float64Array.from(load, (_, i) => i * MIN),
      values: Float64Array.from(load),
    },
  ],
};

function groups(text: string) {
  const r = parseRuleFile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.groups;
}

describe('rule groups over a source', () => {
  it('feeds a recording rule to later rules, with a staleness marker where it stops', () => {
    const runs = runRuleGroups(
      source,
      groups(`groups:
  - name: g
    interval: 1m
    rules:
      - record: host:load:high
        expr: load > 5
        labels: {team: web}
      - alert: HighLoad
        expr: host:load:high
`),
      { untilMs: 12 * MIN },
    );
    expect(runs[0]).toMatchObject({ recordedSeries: 1, missing: [] });
    const alert = runs[1]!;
    if (!alert.evaluations) throw new Error(alert.error);
    const firing = alert.evaluations.map((e) => firingAt(alert.evaluations!, e.timeMs).length);
    // Without the marker at minute 6 the last sample (minute 5) would keep it firing to minute 10.
    expect(firing).toEqual([0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(firingAt(alert.evaluations, 3 * MIN)[0]!.labels).toEqual({
      alertname: 'HighLoad',
      host: 'a',
      team: 'web',
    });
  });

  it('does not evaluate a rule whose metric has no series, and reports an evaluation error', () => {
    const two: PromSource = {
      series: () => [...source.series(), { ...source.series()[0]!, labels: { __name__: 'load', host: 'b' } }],
    };
    const runs = runRuleGroups(
      two,
      groups(`groups:
  - name: g
    rules:
      - alert: NoTarget
        expr: absent(up{job="api"})
      - alert: Clash
        expr: load + on() load
`),
      { untilMs: 2 * MIN },
    );
    expect(runs[0]).toMatchObject({ missing: ['up'], intervalMs: 60_000 });
    expect(runs[0]!.evaluations).toBeUndefined();
    expect(runs[1]!.error).toMatch(/^Clash: .*many-to-many|^Clash: .*duplicate/);
  });

  it('names a selector whose labels match none of the metric series, with the labels they carry', () => {
    const runs = runRuleGroups(
      source,
      groups(`groups:
  - name: g
    rules:
      - alert: WrongJob
        expr: load{job="node-exporter", host=~"a|b"} > 5 or load{host="a"} > 100
`),
      { untilMs: 12 * MIN },
    );
    // The second selector matches (its condition just never holds); the first matches nothing.
    expect(runs[0]!.unmatched).toEqual(['load{job="node-exporter", host=~"a|b"} (its series carry host)']);
    expect(
      summarizeCoverage({ scenario: 's', onset: 0, sloBroken: null, runs, knownNames: new Set() }).neverFired,
    ).toEqual([
      {
        alert: 'WrongJob',
        group: 'g',
        severity: '',
        reason: 'no series match load{job="node-exporter", host=~"a|b"} (its series carry host)',
      },
    ]);
  });
});
