import { describe, expect, it } from 'vitest';
import { builtinDrill } from '../test-support/drills';
import { describeSequence } from './bottlenecks';
import { playDrill } from './play';
import { loadTest } from './schema';
import { DrillSession, type TestReport } from './session';

const drill = builtinDrill('checkout-before-sale.json');
const ramp = drill.tests.find((t) => t.name === 'ramp-to-4x')!;

describe('the preparation clock', () => {
  it('charges each test its duration plus the per-test time, and refuses one past the deadline', () => {
    const session = new DrillSession(drill);
    const report = session.runTest(ramp) as TestReport;
    expect(report.endedAt - report.startedAt).toBe(15 * 60 + drill.preparation.perTest);
    expect(session.clock).toBe(report.endedAt);
    expect(session.wait(drill.preparation.deadline - session.clock - 60)).toEqual({ ok: true });
    expect(session.runTest(ramp)).toEqual({
      ok: false,
      message: expect.stringMatching(/remain before the peak/),
    });
    expect(session.wait(3600)).toMatchObject({ ok: false });
  });

  it('puts a change in place after its lead time, and only then does a test see it', () => {
    const session = new DrillSession(drill);
    // checkout scaled too, so the database is what limits before and after the resize.
    session.change({ type: 'scale', target: 'checkout', params: { replicas: 6 } });
    const made = session.change({ type: 'resize-database', target: 'orders-db' });
    expect(made).toMatchObject({ ok: true, change: { at: 0, effectiveAt: 86_400 } });
    const before = session.runTest(ramp) as TestReport;
    expect(before.pending.map((c) => c.label)).toEqual(['orders-db to db.r6g.xlarge (4 vCPU)']);
    session.wait(86_400);
    const after = session.runTest(ramp) as TestReport;
    expect(after.pending).toEqual([]);
    const dbCpu = (r: TestReport) =>
      r.bottlenecks.find((b) => b.node === 'orders-db' && b.resource === 'CPU')!;
    // Twice the cores: the database saturates at about twice the multiple.
    expect(dbCpu(after).multiple / dbCpu(before).multiple).toBeGreaterThan(1.7);
    expect(dbCpu(after).multiple / dbCpu(before).multiple).toBeLessThan(2.3);
  });

  it('prices a change and refuses one the drill does not offer or the engine refuses', () => {
    const session = new DrillSession(drill);
    const scaled = session.change({ type: 'scale', target: 'checkout', params: { replicas: 4 } });
    // checkout: (0.05 + 1 core x 0.04) per replica-hour, 730 hours, two more replicas.
    expect(scaled.ok && scaled.after.monthly - scaled.before.monthly).toBeCloseTo(2 * 0.09 * 730, 6);
    expect(session.change({ type: 'restart', target: 'checkout' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not among this drill's changes/),
    });
    expect(session.change({ type: 'scale', target: 'checkout', params: { replicas: -3 } })).toMatchObject({
      ok: false,
    });
    expect(session.changes).toHaveLength(1);
  });
});

describe('the bottleneck sequence', () => {
  it('names the database CPU first, at the multiple its capacity implies', () => {
    const report = new DrillSession(drill).runTest(ramp) as TestReport;
    const first = report.bottlenecks[0]!;
    expect(first).toMatchObject({ node: 'orders-db', resource: 'CPU' });
    // 2 cores / 2.5 ms = 800 queries/s, 90% of it 720; each shopper request makes 3 x 0.08 cache
    // misses + 0.3 x 3 checkout queries = 1.14 queries; the peak is 400 requests/s.
    const expected = 720 / 1.14 / 400;
    expect(first.multiple).toBeGreaterThan(expected - 0.1);
    expect(first.multiple).toBeLessThan(expected + 0.15);
    expect(describeSequence(report.bottlenecks)).toMatch(/^orders-db CPU at 1\.\dx, then /);
  });

  it('is empty below every capacity', () => {
    const light = loadTest.parse({
      name: 'light',
      startRate: 100,
      stages: [{ duration: '5m', target: 300 }],
    });
    expect((new DrillSession(drill).runTest(light) as TestReport).bottlenecks).toEqual([]);
  });
});

describe('the deadline', () => {
  const fix = [
    { kind: 'change', command: { type: 'resize-database', target: 'orders-db' } },
    { kind: 'change', command: { type: 'scale', target: 'checkout', params: { replicas: 4 } } },
  ] as const;

  it('is deterministic for a seed, and the seed varies the real peak', () => {
    const a = playDrill(drill, fix);
    const b = playDrill(drill, fix);
    expect(a.debrief).toEqual(b.debrief);
    const factors = new Set([1, 2, 3, 4].map((seed) => new DrillSession(drill, { seed }).peakFactor()));
    expect(factors.size).toBe(4);
    for (const f of factors) expect(Math.abs(f - 1)).toBeLessThanOrEqual(drill.peak.variation);
  });

  it('scores the fixed system above the untouched one', () => {
    const untouched = playDrill(drill, []).debrief;
    const fixed = playDrill(drill, fix).debrief;
    expect(untouched.headroom).toBeLessThan(2);
    expect(fixed.headroom).toBeGreaterThanOrEqual(drill.goal.headroom);
    expect(fixed.cost.monthly).toBeLessThanOrEqual(drill.budget.monthly);
    expect(fixed.peak.held).toBe(true);
    expect(fixed.score.total).toBeGreaterThan(untouched.score.total);
  });

  it('leaves out a change whose lead time runs past the deadline', () => {
    const late = playDrill(drill, [
      { kind: 'wait', seconds: drill.preparation.deadline - 3600 },
      fix[0],
    ]).debrief;
    expect(late.late.map((c) => c.command.type)).toEqual(['resize-database']);
    expect(late.headroom).toBeLessThan(2);
  });
});
