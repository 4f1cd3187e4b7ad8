import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRange } from '../prom/evaluate';
import { prometheusView } from '../prom/view';
import { formatDuration } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import { columnsOf, loadBuiltin, runBuiltin } from '../test-support/builtin-run';
import { checkScenarioAlerts, faultOnset } from './check-scenario';
import { parseRuleFile, type RuleGroup } from './rule-file';
import { FLAP_FIRINGS, type ScenarioCoverage } from './summarize';

function groupsOf(text: string): readonly RuleGroup[] {
  const r = parseRuleFile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.groups;
}

const mixin = groupsOf(
  readFileSync(new URL('../../cli/fixtures/alerts/kube-prometheus-rules.yml', import.meta.url), 'utf8'),
);

/** The first tick an SLO metric exceeds its max, read straight off the engine's store. */
function firstSloBreach(scenario: Scenario, seconds: number): number | null {
  const { sim } = runBuiltin(`${scenario.id}.json`, seconds);
  for (let t = 0; t < sim.tick; t++)
    for (const slo of scenario.objectives.slos)
      if (!(sim.metrics.at(sim.metrics.find(slo.metric, slo.node), t) <= slo.max)) return t;
  return null;
}

describe('alert coverage of redis-queue-fills with the kube-prometheus-style rules', () => {
  let scenario: Scenario;
  let report: ScenarioCoverage;
  beforeAll(() => {
    scenario = loadBuiltin('redis-queue-fills.json');
    report = checkScenarioAlerts(scenario, mixin);
  });

  it('takes the onset from the first fault and the SLO breach from the no-response run', () => {
    expect(report.onset).toBe(scenario.faults[0]!.at);
    expect(report.sloBroken).toBe(firstSloBreach(scenario, scenario.duration));
  });

  it('fires the latency page when the rule manager would: 5 minutes of p99 above 2 s, every 30 s', () => {
    // Oracle: the same expression as a range query at the group's 30 s interval; the alert fires
    // once some service has been above for 5 minutes without a gap.
    const { sim } = runBuiltin('redis-queue-fills.json', scenario.duration);
    const view = prometheusView(columnsOf(sim), scenario.nodes);
    const expr = mixin
      .find((g) => g.name === 'http-slo')!
      .rules.find((r) => r.name === 'HTTPLatencyP99High')!.expr;
    const range = evaluateRange(view, expr, 0, scenario.duration * 1000, 30_000);
    if (!range.ok) throw new Error(range.error);
    let expected = Infinity;
    for (const s of range.series) {
      let since = -1;
      for (let k = 0; k < s.timestamps.length; k++) {
        const t = s.timestamps[k]!;
        if (k === 0 || t - s.timestamps[k - 1]! > 30_000) since = t;
        if (t - since >= 5 * 60_000) {
          expected = Math.min(expected, t / 1000);
          break;
        }
      }
    }
    const latency = report.fired.find((f) => f.alert === 'HTTPLatencyP99High');
    expect(latency?.firstFiring).toBe(expected);
    expect(latency?.page).toBe(true);
  });

  it('pages before the SLO breaks through the workers latency, while the burn-rate page comes after it', () => {
    // The slow SMS gateway slows the notify workers at once (their p99 passes 2 s), so the latency
    // page is pending from the onset; checkout fails only once the queue hits maxmemory, and the
    // burn-rate alert also needs the 1h window's error ratio above 1.44%, which lags the 1% SLO.
    const firstPage = Math.min(
      ...report.fired
        .filter((f) => f.page && f.firstFiringAfterOnset !== null)
        .map((f) => f.firstFiringAfterOnset!),
    );
    expect(report.firstPage?.at).toBe(firstPage);
    expect(report.firstPage?.alert).toBe('HTTPLatencyP99High');
    expect(report.outcome).toBe('caught');
    expect(report.firstPage!.at).toBeLessThanOrEqual(report.sloBroken!);
    const burn = report.fired.find((f) => f.alert === 'HTTPErrorBudgetBurn')!;
    expect(burn.detectionDelay).toBeGreaterThan(0);
    expect(burn.firstFiring).toBeGreaterThan(report.sloBroken!);
    expect(report.verdict).toBe(
      `caught: page HTTPLatencyP99High ${formatDuration(report.firstPage!.afterOnset)} after onset, ` +
        `${formatDuration(report.sloBroken! - report.firstPage!.at)} before the SLO broke`,
    );
  });

  it('records the error ratios per HTTP service and explains the rules that never fired', () => {
    const httpNodes = scenario.nodes.filter((n) =>
      ['client', 'loadbalancer', 'service', 'external'].includes(n.kind),
    );
    expect(report.recordingRules.map((r) => r.series)).toEqual([httpNodes.length, httpNodes.length]);
    const why = Object.fromEntries(report.neverFired.map((n) => [n.alert, n.reason]));
    // No DNS node in this scenario: the catalog knows the name, the scenario has no such series.
    expect(why.CoreDNSErrorsHigh).toBe('no series named coredns_dns_responses_total in this scenario');
    // orders-db never uses 80 connections.
    expect(why.PostgresTooManyConnections).toBe('its condition never held');
  });

  it('reports which alerts still fire after the scripted solution', () => {
    expect(report.firingAfterFix).not.toBeNull();
    for (const name of report.firingAfterFix!) expect(report.fired.map((f) => f.alert)).toContain(name);
    expect(report.firingAfterFix).not.toContain('RedisMemoryHigh');
  });
});

describe('flapping and keep_firing_for', () => {
  const square = (keep: string) =>
    groupsOf(`groups:
  - name: square-wave
    interval: 1m
    rules:
      - alert: Flapper
        expr: vector(time()) % 240 < 120
        ${keep}
        labels: {severity: info}
`);

  it('reports a rule whose alert fires again and again as flapping, with its count', () => {
    const scenario = loadBuiltin('thread-exhaustion.json');
    const report = checkScenarioAlerts(scenario, square(''), { withSolution: false });
    const on = (t: number) => t % 240 < 120;
    let starts = 0;
    for (let t = 0; t <= scenario.duration; t += 60) if (on(t) && (t === 0 || !on(t - 60))) starts++;
    expect(starts).toBeGreaterThanOrEqual(FLAP_FIRINGS);
    expect(report.flapping).toEqual([{ alert: 'Flapper', firings: starts }]);
    expect(report.fired[0]).toMatchObject({ firstFiring: 0, firings: starts, page: false });
    // The first period began before the onset; the first one after it counts as detection.
    const onset = faultOnset(scenario);
    const next = Math.ceil(onset / 240) * 240;
    expect(report.fired[0]!.detectionDelay).toBe(next - onset);
    // An info alert is not a page: the incident was missed.
    expect(report.outcome).toBe('missed');
  });

  it('does not flap when keep_firing_for bridges the gaps', () => {
    const report = checkScenarioAlerts(loadBuiltin('thread-exhaustion.json'), square('keep_firing_for: 3m'), {
      withSolution: false,
    });
    expect(report.flapping).toEqual([]);
    expect(report.fired[0]).toMatchObject({ firings: 1, firingAtEnd: true });
  });
});
