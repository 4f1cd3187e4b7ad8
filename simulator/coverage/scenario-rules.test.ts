import { describe, expect, it } from 'vitest';
import { BUILTIN_FILES, loadBuiltin } from '../test-support/builtin-run';
import { checkScenarioAlerts } from './check-scenario';
import { scenarioRuleGroups } from './scenario-rules';

describe('scenarioRuleGroups', () => {
  it.each(BUILTIN_FILES)('%s: every alerting rule, with its for, labels and group interval', (file) => {
    const scenario = loadBuiltin(file);
    const groups = scenarioRuleGroups(scenario);
    expect(groups.map((g) => g.name)).toEqual(scenario.alerting.groups.map((g) => g.name));
    groups.forEach((g, gi) => {
      const spec = scenario.alerting.groups[gi]!;
      expect(g.intervalMs).toBe(spec.interval * 1000);
      expect(g.rules.map((r) => (r.kind === 'alert' ? [r.name, r.forMs, r.labels.severity] : null))).toEqual(
        spec.rules.map((r) => [r.alert, r.for * 1000, r.labels.severity]),
      );
    });
  });

  it('redis-queue-fills: its own rules page after the fault, and its scripted fix ends the checkout page', () => {
    const scenario = loadBuiltin('redis-queue-fills.json');
    const report = checkScenarioAlerts(scenario, scenarioRuleGroups(scenario));
    expect(report.firstPage?.alert).toBe('CheckoutErrorRateHigh');
    expect(report.firstPage!.afterOnset).toBeGreaterThan(0);
    expect(report.firstPage!.beforeSlo).not.toBeNull();
    expect(report.fired.filter((f) => f.page).map((f) => f.alert)).toContain('CheckoutErrorRateHigh');
    expect(report.firingAfterFix).not.toContain('CheckoutErrorRateHigh');
  });
});
