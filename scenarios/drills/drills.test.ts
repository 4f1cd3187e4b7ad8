/**
 * Signature tests of the built-in readiness drills: under the drill's first load test the author's
 * bottleneck sequence appears in the declared order, the untouched system misses the goal, and the
 * cheapest-3x search finds a configuration that reaches it within budget.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isDrillJson } from '../../simulator/drill/schema';
import { cheapestToGoal } from '../../simulator/drill/search';
import { DrillSession, type TestReport } from '../../simulator/drill/session';
import { builtinDrill, DRILL_FILES, drillText } from '../../simulator/test-support/drills';

/** Whether `wanted` appears in `seen` in the same order (other entries may come between). */
function inOrder(seen: readonly string[], wanted: readonly string[]): boolean {
  let k = 0;
  for (const s of seen) if (s === wanted[k]) k++;
  return k === wanted.length;
}

describe('built-in drills', () => {
  it('are the three of issue 19, and none sits among the incident scenarios', () => {
    expect(DRILL_FILES).toEqual([
      'checkout-before-sale.json',
      'log-pipeline-cost.json',
      'otp-sms-login-surge.json',
    ]);
    for (const f of DRILL_FILES) expect(isDrillJson(JSON.parse(drillText(f)))).toBe(true);
    const incidents = fileURLToPath(new URL('..', import.meta.url));
    expect(readdirSync(incidents).filter((f) => f.endsWith('.json') && f.includes('drill'))).toEqual([]);
  });

  describe.each(DRILL_FILES)('%s', (file) => {
    const drill = builtinDrill(file);

    it('shows the declared bottleneck sequence, in order, under its first load test', () => {
      const report = new DrillSession(drill).runTest(drill.tests[0]!) as TestReport;
      const seen = report.bottlenecks.map((b) => `${b.node} ${b.resource}`);
      const declared = drill.bottlenecks.map((b) => `${b.node} ${b.resource}`);
      expect(declared.length).toBeGreaterThanOrEqual(2);
      expect(seen[0]).toBe(declared[0]);
      expect(inOrder(seen, declared), `seen: ${seen.join(', ')}`).toBe(true);
      // The first one comes past the forecast but before the goal: the peak itself is served.
      expect(report.bottlenecks[0]!.multiple).toBeGreaterThan(1);
      expect(report.bottlenecks[0]!.multiple).toBeLessThan(drill.goal.headroom);
    });

    it('misses the goal untouched, and the cheapest-3x search reaches it within budget', () => {
      const untouched = new DrillSession(drill);
      expect(untouched.headroom([]).headroom).toBeLessThan(drill.goal.headroom);
      const ideal = cheapestToGoal(drill);
      expect(ideal).toMatchObject({ reachesGoal: true, withinBudget: true });
      expect(ideal.changes.length).toBeGreaterThan(0);
    });
  });

  it('otp-sms-login-surge: pods scaled by hand are scaled back by the CPU autoscaler', () => {
    const drill = builtinDrill('otp-sms-login-surge.json');
    const session = new DrillSession(drill);
    session.change({ type: 'scale', target: 'otp-sender', params: { replicas: 10 } });
    const after = session.runTest(drill.tests[0]!) as TestReport;
    expect(after.bottlenecks[0]).toMatchObject({ node: 'otp-sender', resource: 'worker threads' });
    expect(after.bottlenecks[0]!.multiple).toBeLessThan(1.6);
    expect(session.cost().lines.find((l) => l.item === 'otp-sender')!.detail).toBe('3 replicas');
  });

  it('log-pipeline-cost: scaling the indexers alone goes over budget and meets the store next', () => {
    const drill = builtinDrill('log-pipeline-cost.json');
    const session = new DrillSession(drill);
    const scaled = session.change({ type: 'scale', target: 'indexer' });
    expect(scaled.ok && scaled.after.monthly).toBeGreaterThan(drill.budget.monthly);
    const after = session.runTest(drill.tests[0]!) as TestReport;
    expect(after.bottlenecks[0]).toMatchObject({ node: 'log-store', resource: 'CPU' });
  });
});
