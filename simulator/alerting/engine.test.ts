import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { makeScenario } from '../engine/testing';
import { evaluateAlertRule } from '../prom/alert-rules';
import { prometheusView } from '../prom/view';
import { validateScenario } from '../scenario/validate';
import { columnsOf, readBuiltinJson, runBuiltin } from '../test-support/builtin-run';
import { scenarioAlerts } from './rules';

const api = (alerting: unknown) =>
  makeScenario({
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 50 }], noise: 0 },
      { id: 'api', kind: 'service', cpuPerRequest: 0 },
    ],
    edges: [{ from: 'users', to: 'api' }],
    faults: [{ at: '1m', duration: '3m', target: 'api', type: 'error-rate', params: { rate: 0.2 } }],
    alerting: alerting as never,
  });

describe('alerting rules in the engine', () => {
  it('go pending at an evaluation, fire after `for`, resolve, and keep firing for keep_firing_for', () => {
    const errors =
      'sum(rate(http_requests_total{service="api", code="500"}[1m])) / sum(rate(http_requests_total{service="api"}[1m])) > 0.05';
    const sim = createSimulation(
      api({
        groups: [
          {
            name: 'api',
            rules: [
              { alert: 'ApiErrors', expr: errors, for: '1m', labels: { severity: 'P1' } },
              {
                alert: 'ApiErrorsKept',
                expr: errors,
                keep_firing_for: '2m',
                labels: { severity: 'P3', team: 'x' },
              },
            ],
          },
        ],
        route: { receiver: 'page', routes: [{ receiver: 'chat', matchers: ['team="x"'] }] },
      }),
    );
    sim.runUntil(100);
    // The fault starts at 60 s; the first evaluation after it (75 s) reads about 10%: the error
    // counter's rate is not extrapolated below its zero start, the total's is (Prometheus's rule).
    expect(sim.alerts[0]).toMatchObject({ status: 'pending', since: 75 });
    sim.runUntil(200);
    expect(sim.alerts[0]).toMatchObject({ status: 'firing', since: 135, severity: 'P1', route: 'page' });
    expect(sim.alerts[1]).toMatchObject({ status: 'firing', severity: 'P3', route: 'chat' });
    sim.runUntil(420);
    const transitions = sim.events
      .filter((e) => e.kind.startsWith('alert'))
      .map((e) => `${e.kind}:${String(e.data?.alert)}@${e.t}`);
    // The fault ends at 240 s; the ratio is back under 5% at 285 s, and keep_firing_for holds the
    // second rule two more minutes.
    expect(transitions).toEqual([
      'alert-firing:ApiErrorsKept@75',
      'alert-firing:ApiErrors@135',
      'alert-resolved:ApiErrors@285',
      'alert-resolved:ApiErrorsKept@405',
    ]);
    expect(sim.alerts.map((a) => a.status)).toEqual(['inactive', 'inactive']);
  });

  it('report an expression that fails at run time once, as a hidden note', () => {
    const sim = createSimulation(
      api({
        groups: [
          {
            name: 'g',
            rules: [
              {
                alert: 'Dup',
                expr: 'http_requests_total + on() http_requests_total',
                labels: { severity: 'P3' },
              },
            ],
          },
        ],
      }),
    );
    sim.runUntil(60);
    const notes = sim.events.filter((e) => e.kind === 'note' && e.text.includes('Dup'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toMatch(/many-to-many/);
  });

  it.each(['alert-storm.json', 'thread-exhaustion.json', 'log-shipper-floods-dns.json'])(
    '%s: the incremental evaluation agrees with the whole-run view, evaluation by evaluation',
    (file) => {
      const { scenario, sim } = runBuiltin(file, 1800);
      const view = prometheusView(columnsOf(sim), scenario.nodes);
      for (const rule of scenarioAlerts(scenario)) {
        const timeline = evaluateAlertRule(
          view,
          { alert: rule.name, expr: rule.expr, forMs: rule.for * 1000, labels: rule.labels },
          rule.interval * 1000,
          1800_000 - 1000,
        );
        if (!timeline.ok) throw new Error(timeline.error);
        const batch: string[] = [];
        let firing = false;
        for (const e of timeline.evaluations) {
          const now = e.alerts.some((a) => a.firing);
          if (now !== firing) batch.push(`${now ? 'firing' : 'resolved'}@${e.timeMs / 1000}`);
          firing = now;
        }
        const engine = sim.events
          .filter((e) => e.kind.startsWith('alert') && e.data?.alert === rule.name)
          .map((e) => `${e.kind === 'alert-firing' ? 'firing' : 'resolved'}@${e.t}`);
        expect(engine, rule.name).toEqual(batch);
      }
    },
  );
});

describe('alerting validation', () => {
  const file = () =>
    readBuiltinJson('thread-exhaustion.json') as { alerting: { groups: { rules: { expr: string }[] }[] } };

  it('reports a PromQL parse error at the rule, with the parser message and column', () => {
    const json = file();
    json.alerting.groups[0]!.rules[1]!.expr = 'sum(rate(http_requests_total[1m]) > ';
    const result = validateScenario(json);
    expect(!result.ok && result.errors).toEqual([
      {
        path: 'alerting.groups[0].rules[1].expr',
        message: expect.stringMatching(/^PromQL: .+ \(column \d+\)$/),
      },
    ]);
  });

  it('reports a group interval the ticks cannot keep', () => {
    const json = file() as ReturnType<typeof file> & {
      tickSeconds?: number;
      alerting: { groups: { interval?: string }[] };
    };
    json.tickSeconds = 2;
    json.alerting.groups[0]!.interval = '15s';
    const odd = validateScenario(json);
    expect(!odd.ok && odd.errors).toEqual([
      {
        path: 'alerting.groups[0].interval',
        message: expect.stringMatching(/not a whole number of ticks \(2 s\)/),
      },
    ]);
    json.alerting.groups[0]!.interval = '1s';
    const short = validateScenario(json);
    expect(!short.ok && short.errors).toEqual([
      { path: 'alerting.groups[0].interval', message: expect.stringMatching(/shorter than a tick/) },
    ]);
    json.alerting.groups[0]!.interval = '30s';
    expect(validateScenario(json).ok).toBe(true);
  });

  it('reports unknown metric names with a suggestion, range vectors, and bad route matchers', () => {
    const json = file() as ReturnType<typeof file> & {
      alerting: { route: { routes: { matchers: string[] }[] } };
    };
    json.alerting.groups[0]!.rules[0]!.expr = 'http_request_totals > 1';
    json.alerting.groups[0]!.rules[1]!.expr = 'http_requests_total[1m]';
    json.alerting.route.routes[0]!.matchers = ['severity = P1', 'team~x'];
    const result = validateScenario(json);
    expect(!result.ok && result.errors).toEqual([
      {
        path: 'alerting.groups[0].rules[0].expr',
        message: expect.stringMatching(/unknown metric 'http_request_totals'.*http_requests_total/),
      },
      {
        path: 'alerting.groups[0].rules[1].expr',
        message: expect.stringMatching(/instant vector, not a range vector/),
      },
      { path: 'alerting.route.routes[0].matchers[1]', message: expect.stringMatching(/not a matcher/) },
    ]);
  });
});
