import { describe, expect, it } from 'vitest';
import { columnsOf, runBuiltin } from '../test-support/builtin-run';
import { evaluateAlertRule, firingAt } from './alert-rules';
import { evaluateInstant } from './evaluate';
import { labelsKey } from './labels';
import { sourceOf } from './testing';
import { prometheusView } from './view';

const MIN = 60_000;
// One value a minute: above 5 from minute 2 to 9 but missing at minute 6, back to 1 at minute 10.
const values = [1, 1, 6, 7, 8, 9, NaN, 6, 6, 6, 1];
const source = sourceOf([
  {
    labels: { __name__: 'load', host: 'a' },
    timestamps: Float64Array.from(values.flatMap((v, i) => (Number.isNaN(v) ? [] : [i * MIN]))),
    values: Float64Array.from(values.filter((v) => !Number.isNaN(v))),
  },
]);

describe('alert rules', () => {
  it('is pending for `for`, then fires, resolves when the element goes, and starts over', () => {
    // The lookback keeps minute 5's sample at minute 6, so the condition holds from 2 to 9 unbroken.
    const timeline = evaluateAlertRule(
      source,
      { alert: 'High', expr: 'load > 5', forMs: 2 * MIN, labels: { severity: 'page' } },
      MIN,
      10 * MIN,
    );
    expect(timeline.ok).toBe(true);
    if (!timeline.ok) return;
    const firing = timeline.evaluations.map((e) => firingAt(timeline.evaluations, e.timeMs).length);
    expect(firing).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]);
    expect(firingAt(timeline.evaluations, 4 * MIN)[0]).toMatchObject({
      labels: { host: 'a', severity: 'page', alertname: 'High' },
      activeAtMs: 2 * MIN,
      value: 8,
    });
    expect(timeline.evaluations[3]!.alerts).toEqual([
      expect.objectContaining({ firing: false, activeAtMs: 2 * MIN }),
    ]);
  });

  it('restarts the pending period after a gap longer than the lookback', () => {
    const gapped = sourceOf([
      {
        labels: { __name__: 'x' },
        timestamps: Float64Array.of(0, 1 * MIN, 8 * MIN, 9 * MIN, 10 * MIN),
        values: Float64Array.of(1, 1, 1, 1, 1),
      },
    ]);
    const timeline = evaluateAlertRule(gapped, { alert: 'X', expr: 'x', forMs: 2 * MIN }, MIN, 10 * MIN);
    if (!timeline.ok) throw new Error(timeline.error);
    const active = timeline.evaluations.map((e) => e.alerts.map((a) => (a.firing ? 'F' : 'P')).join(''));
    expect(active).toEqual(['P', 'P', 'F', 'F', 'F', 'F', 'F', '', 'P', 'P', 'F']);
  });

  it('keeps a firing alert for keep_firing_for after its element goes, not a pending one', () => {
    const rule = { alert: 'High', expr: 'load > 5', forMs: 2 * MIN, keepFiringForMs: 2 * MIN };
    const timeline = evaluateAlertRule(source, rule, MIN, 13 * MIN);
    if (!timeline.ok) throw new Error(timeline.error);
    const firing = timeline.evaluations.map((e) => firingAt(timeline.evaluations, e.timeMs).length);
    // Gone from minute 10: kept at 10 and 11 (0 and 1 minute after), resolved at 12.
    expect(firing).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(firingAt(timeline.evaluations, 11 * MIN)[0]).toMatchObject({ activeAtMs: 2 * MIN, value: 6 });
    // A pending alert (for 10m never reached) is dropped at once, whatever keep_firing_for says.
    const pending = evaluateAlertRule(source, { ...rule, forMs: 10 * MIN }, MIN, 13 * MIN);
    if (!pending.ok) throw new Error(pending.error);
    expect(pending.evaluations.map((e) => e.alerts.length)).toEqual([
      0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
    ]);
  });

  it('reports a bad expression instead of throwing', () => {
    const timeline = evaluateAlertRule(source, { alert: 'Bad', expr: 'rate(load)', forMs: 0 }, MIN, MIN);
    expect(timeline).toEqual({
      ok: false,
      error: expect.stringContaining('Bad: expected type range vector'),
    });
  });

  it('answers with one range query what an instant query per evaluation answers', () => {
    const { scenario, sim } = runBuiltin('thread-exhaustion.json', 900);
    const view = prometheusView(columnsOf(sim), scenario.nodes);
    for (const expr of [
      'sum by (service) (rate(http_requests_total{code="500"}[2m])) / sum by (service) (rate(http_requests_total[2m])) > 0.01',
      'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m]))) > 1',
    ]) {
      const timeline = evaluateAlertRule(view, { alert: 'A', expr, forMs: 0 }, 30_000, 900_000);
      if (!timeline.ok) throw new Error(timeline.error);
      let elements = 0;
      for (const { timeMs, alerts } of timeline.evaluations) {
        const instant = evaluateInstant(view, expr, timeMs);
        if (!instant.ok || instant.value.type !== 'vector') throw new Error(String(instant));
        const expected = instant.value.samples.map(
          (s) => [labelsKey({ ...s.labels, alertname: 'A' }), s.value] as const,
        );
        const got = alerts.map((a) => [labelsKey(a.labels), a.value] as const);
        expect(new Map(got)).toEqual(new Map(expected));
        elements += got.length;
      }
      expect(elements).toBeGreaterThan(0);
    }
  });
});
