/**
 * A monitoring path that depends on the failing service (alerting.scrapeVia): Prometheus reaches
 * its targets through a node (a transit gateway). While that node fails, every scrape of the
 * targets behind it fails, as Prometheus records it: `up` 0, a staleness marker, then no samples
 * (a gap, not zeros); rate() rules go quiet and resolve, `up == 0` and absent() rules fire.
 */
import { describe, expect, it } from 'vitest';
import { evaluateInstant, evaluateRange } from '../prom/evaluate';
import { prometheusView } from '../prom/view';
import { validateScenario } from '../scenario/validate';
import { columnsOf } from '../test-support/builtin-run';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

const rule = (alert: string, expr: string, forDuration = '0s') => ({
  alert,
  expr,
  for: forDuration,
  labels: { severity: 'P2' },
});

/** tgw (on the scrape path only) is down from 5 to 15 minutes; api serves all along. */
function input(scrape?: { via: string[]; targets?: string[] }): TopologyInput {
  return {
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
      { id: 'api', kind: 'service', replicas: 2 },
      { id: 'db', kind: 'database' },
      { id: 'tgw', kind: 'external' },
    ],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'db' },
    ],
    faults: [
      { at: '5m', duration: '10m', target: 'tgw', type: 'dependency-outage', params: { mode: 'timeouts' } },
    ],
    alerting: {
      groups: [
        {
          name: 'g',
          interval: '15s',
          rules: [
            rule('ApiTraffic', 'sum(rate(http_requests_total{service="api"}[1m])) > 10'),
            rule('ApiTargetDown', 'up{job="api"} == 0', '1m'),
            rule('ApiMetricsAbsent', 'absent(http_requests_total{service="api"})', '1m'),
          ],
        },
      ],
      route: { receiver: 'chat' },
      ...(scrape
        ? { scrapeVia: scrape.via, ...(scrape.targets ? { scrapeTargets: scrape.targets } : {}) }
        : {}),
    },
  } as TopologyInput;
}

function run(scrape?: { via: string[]; targets?: string[] }) {
  const scenario = makeScenario(input(scrape));
  const sim = createSimulation(scenario, { historyTicks: 1501 });
  sim.runUntil(1500);
  const view = prometheusView(columnsOf(sim), scenario.nodes, { scrapeSeconds: 15 });
  const at = (name: string, status: 'alert-firing' | 'alert-resolved') =>
    sim.events.filter((e) => e.kind === status && e.data?.alert === name).map((e) => e.t);
  return { sim, view, at };
}

const instant = (view: ReturnType<typeof run>['view'], expr: string, seconds: number) => {
  const r = evaluateInstant(view, expr, seconds * 1000);
  if (!r.ok || r.value.type !== 'vector') throw new Error(JSON.stringify(r));
  return r.value.samples;
};

describe('alerting.scrapeVia: scrapes through a failing node', () => {
  it('without a scrape path nothing changes: no scrape_ok series, every scrape lands', () => {
    const { sim, view, at } = run();
    expect(sim.metrics.series.some((s) => s.metric === 'scrape_ok')).toBe(false);
    expect(at('ApiTargetDown', 'alert-firing')).toEqual([]);
    expect(instant(view, 'http_requests_total{service="api", code="200"}', 600)).toHaveLength(1);
  });

  it('up drops to 0 and the other series stop: a gap with one staleness marker, not zeros', () => {
    const { view } = run({ via: ['tgw'] });
    expect(instant(view, 'up{job="api"}', 240)[0]!.value).toBe(1);
    expect(instant(view, 'up{job="api"}', 600)[0]!.value).toBe(0);
    expect(instant(view, 'up{job="api"}', 1200)[0]!.value).toBe(1);
    // The series is missing during the outage (instant vectors find nothing after the marker).
    expect(instant(view, 'http_requests_total{service="api", code="200"}', 330)).toEqual([]);
    expect(instant(view, 'http_requests_total{service="api", code="200"}', 600)).toEqual([]);
    const series = view
      .series()
      .find((s) => s.labels.__name__ === 'http_requests_total' && s.labels.service === 'api')!;
    expect(series.staleMs).toBeDefined();
    expect(series.staleMs).toHaveLength(1);
    expect(series.staleMs![0]).toBeGreaterThanOrEqual(300_000);
    expect(series.staleMs![0]).toBeLessThanOrEqual(315_000);
    const during = Array.from(series.timestamps).filter((t) => t > 315_000 && t < 900_000);
    expect(during).toEqual([]);
    // The counter kept counting on the target: after the gap it resumes higher, so rate() is sane.
    const r = evaluateRange(view, 'sum(rate(http_requests_total{service="api"}[1m]))', 0, 1_400_000, 15_000);
    if (!r.ok) throw new Error(r.error);
    const points = r.series[0]!.timestamps;
    const gap = Array.from(points).filter((t) => t >= 380_000 && t < 900_000);
    expect(gap).toEqual([]); // a gap in the panel, not a line at 0
    const after = instant(view, 'sum(rate(http_requests_total{service="api"}[1m]))', 1200)[0]!.value;
    expect(after).toBeGreaterThan(80);
    expect(after).toBeLessThan(120);
  });

  it('rate() alerts go quiet and resolve, up == 0 and absent() fire, all recover after the gap', () => {
    const { at } = run({ via: ['tgw'] });
    const resolved = at('ApiTraffic', 'alert-resolved');
    expect(resolved.length).toBe(1);
    expect(resolved[0]).toBeGreaterThan(300);
    expect(resolved[0]).toBeLessThanOrEqual(400);
    expect(at('ApiTraffic', 'alert-firing').filter((t) => t > 900)).toHaveLength(1);
    const down = at('ApiTargetDown', 'alert-firing');
    expect(down[0]).toBeGreaterThanOrEqual(360);
    expect(down[0]).toBeLessThanOrEqual(400);
    expect(at('ApiTargetDown', 'alert-resolved')[0]).toBeGreaterThanOrEqual(900);
    expect(at('ApiMetricsAbsent', 'alert-firing')[0]).toBeGreaterThanOrEqual(360);
    expect(at('ApiMetricsAbsent', 'alert-resolved')[0]).toBeGreaterThanOrEqual(900);
  });

  it('scrapeTargets limits the gap to the targets behind the path', () => {
    const { view, sim } = run({ via: ['tgw'], targets: ['db'] });
    expect(instant(view, 'up{job="api"}', 600)[0]!.value).toBe(1);
    expect(instant(view, 'up{job="postgres"}', 600)[0]!.value).toBe(0);
    const notes = sim.events.filter((e) => e.kind === 'note' && e.text.startsWith('prometheus:'));
    expect(notes.map((e) => e.hidden)).toEqual([true, true]);
    expect(notes[0]!.text).toContain('tgw');
  });

  it('is refused with its JSON path when it names no node', () => {
    const scenario = makeScenario(input({ via: ['tgw'] }));
    const json = JSON.parse(JSON.stringify(scenario)) as Record<string, { scrapeVia?: string[] }>;
    json.alerting!.scrapeVia = ['tgww'];
    const r = validateScenario(json);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const e = r.errors.find((x) => x.path === 'alerting.scrapeVia[0]');
      expect(e?.message).toMatch(/no node named 'tgww'.*tgw/);
    }
  });
});
