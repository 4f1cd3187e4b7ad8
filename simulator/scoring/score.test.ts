import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventKind, MetricStore, SimEvent } from '../engine/api';
import { ack, act, brokenSeries, declare, exampleScenario, page, timeline } from './fixtures';
import { budgetPoints, gradeFor, scoreRun, timePoints, type ScoreInput } from './score';
import { DEFAULT_ERROR_ALLOWANCE, errorAllowances, measureSeries, sloTimeline } from './series';
import { scoreSchema, type Score } from './types';

const scenario = exampleScenario();

function run(events: SimEvent[], overrides: Partial<ScoreInput> = {}): Score {
  const score = scoreRun({
    scenario,
    events,
    series: brokenSeries(1260, [[125, 1140]]),
    endedAt: 1260,
    ending: 'mitigated',
    ...overrides,
  });
  expect(scoreSchema.safeParse(score).success).toBe(true);
  const sum = score.components.reduce((a, c) => a + c.points, 0);
  expect(score.total).toBe(Math.min(100, Math.max(0, Math.round(sum))));
  return score;
}

const points = (score: Score, id: string) => score.components.find((c) => c.id === id)?.points;
const detail = (score: Score, id: string) => score.components.find((c) => c.id === id)?.detail ?? '';

/** A quick, clean response: errors stop 2m after the fault, with a small error ratio. */
function perfect(): Score {
  return run(
    timeline(
      [120, 'fault'],
      page(180),
      ack(200),
      declare(260, 'checkout', 'bad-deploy'),
      act(280, 'rollback', 'checkout'),
    ),
    { series: brokenSeries(600, [[125, 300]], { errorRatio: 0.02 }), endedAt: 600 },
  );
}

describe('the formula pieces', () => {
  it('timePoints: full at or under the target, linear to zero at 3x', () => {
    expect(timePoints(0, 120, 15)).toBe(15);
    expect(timePoints(120, 120, 15)).toBe(15);
    expect(timePoints(240, 120, 15)).toBe(7.5);
    expect(timePoints(360, 120, 15)).toBe(0);
    expect(timePoints(1e9, 120, 15)).toBe(0);
    expect(timePoints(Number.NaN, 120, 15)).toBe(0);
    expect(timePoints(1, 0, 15)).toBe(0);
  });

  it('budgetPoints: full within the allowance, half at 10x, none at 100x', () => {
    expect(budgetPoints(0, 15)).toBe(15);
    expect(budgetPoints(1, 15)).toBe(15);
    expect(budgetPoints(10, 15)).toBe(7.5);
    expect(budgetPoints(100, 15)).toBe(0);
    expect(budgetPoints(1e6, 15)).toBe(0);
  });

  it('grades', () => {
    expect([100, 90, 89, 80, 79, 70, 69, 60, 59, 0].map(gradeFor)).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'F',
      'F',
    ]);
  });
});

describe('scoreRun on hand-built timelines', () => {
  it('a perfect run scores 100, grade A', () => {
    const score = perfect();
    expect(score.total).toBe(100);
    expect(score.grade).toBe('A');
    expect(score.measures).toMatchObject({
      tta: 20,
      ttd: 80,
      ttm: 120,
      recoveredAt: 300,
      incidentStartSource: 'page',
    });
    expect(score.measures.errorBudget?.burned).toBeLessThanOrEqual(1);
    for (const c of score.components) expect(c.detail.length).toBeGreaterThan(10);
  });

  it('a late acknowledgement decays linearly, and none is worth nothing', () => {
    const at = (t: number) => run(timeline(page(180), ack(t)));
    expect(points(at(180 + 120), 'acknowledge')).toBe(15);
    expect(points(at(180 + 300), 'acknowledge')).toBe(3.8);
    expect(detail(at(180 + 300), 'acknowledge')).toContain('over the 2m target');
    expect(points(at(180 + 360), 'acknowledge')).toBe(0);
    const never = run(timeline(page(180)));
    expect(points(never, 'acknowledge')).toBe(0);
    expect(never.measures.tta).toBeNull();
    expect(detail(never, 'acknowledge')).toContain('never acknowledged');
  });

  it('an acknowledgement before the page, or of a chat alert, does not count', () => {
    const chatOnly = timeline(
      [100, 'alert-firing', { alert: 'CheckoutLatency' }],
      ack(110),
      page(300),
      ack(700),
    );
    const score = run(chatOnly);
    expect(score.measures.firstPageAt).toBe(300);
    expect(score.measures.tta).toBe(400);
    expect(points(score, 'acknowledge')).toBe(0);
    // data.route, when the engine sets it, wins over the scenario lookup
    const routed = run(
      timeline([100, 'alert-firing', { alert: 'Other', route: 'email' }], page(200), ack(210)),
    );
    expect(routed.measures.tta).toBe(10);
  });

  it('wrong diagnosis then right: TTD from the right one, the wrong one costs conduct', () => {
    const score = run(
      timeline(page(180), ack(200), declare(300, 'db', 'database'), declare(400, 'checkout', 'Bad-Deploy')),
    );
    expect(score.measures.ttd).toBe(220);
    expect(score.measures.wrongDeclarations).toEqual([{ at: 300, node: 'db', category: 'database' }]);
    expect(points(score, 'diagnose')).toBe(25);
    expect(points(score, 'conduct')).toBe(7);
    expect(detail(score, 'conduct')).toContain('1 wrong declaration (database on db');
    // a scripted declaration may name the node as `target` (the solution's timed-step shape)
    const scripted = run(
      timeline(page(180), [300, 'declare', { target: 'checkout', category: 'bad-deploy' }]),
    );
    expect(scripted.measures.ttd).toBe(120);
    // the right category on the wrong node is wrong
    const wrongNode = run(timeline(page(180), declare(300, 'db', 'bad-deploy')));
    expect(wrongNode.measures.ttd).toBeNull();
    expect(points(wrongNode, 'diagnose')).toBe(0);
    expect(detail(wrongNode, 'diagnose')).toContain('"bad-deploy" on checkout');
  });

  it('a late diagnosis decays against the diagnose target', () => {
    // 180 + 1200 s: twice the 10m target, half the points
    const score = run(timeline(page(180), declare(1380, 'checkout', 'bad-deploy')), {
      series: brokenSeries(1600, [[125, 1140]]),
      endedAt: 1600,
    });
    expect(score.measures.ttd).toBe(1200);
    expect(points(score, 'diagnose')).toBe(12.5);
  });

  it('a harmful action costs conduct and is listed', () => {
    const score = run(
      timeline(page(180), ack(200), act(300, 'failover', 'db'), act(900, 'rollback', 'checkout')),
    );
    expect(score.measures.harmfulActions).toBe(1);
    expect(points(score, 'conduct')).toBe(5);
    expect(detail(score, 'conduct')).toContain('1 harmful action (failover db at T+05:00');
    expect(score.measures.actions.map((a) => a.effect)).toEqual(['harmful', 'fixes']);
  });

  it('unnecessary and unlisted actions cost a little; refused commands nothing; conduct stops at 0', () => {
    const score = run(
      timeline(
        page(180),
        act(200, 'restart', 'checkout'),
        act(210, 'purge-queue', 'nowhere'),
        act(220, 'failover', 'db', { ok: false }),
        act(900, 'rollback', 'checkout'),
      ),
    );
    expect(score.measures.unnecessaryActions).toBe(2);
    expect(score.measures.harmfulActions).toBe(0);
    expect(points(score, 'conduct')).toBe(6);
    const reckless = run(
      timeline(page(180), act(200, 'failover', 'db'), act(210, 'failover', 'db'), act(220, 'failover', 'db')),
    );
    expect(points(reckless, 'conduct')).toBe(0);
  });

  it('the trainee commands, when given, replace the timeline action events', () => {
    const events = timeline(page(180), [300, 'action', { text: 'no data' }]);
    const withoutCommands = run(events);
    expect(withoutCommands.measures.actions).toEqual([{ at: 300, type: '', target: '', effect: 'unlisted' }]);
    expect(points(withoutCommands, 'mitigate')).toBe(0);
    const score = run(events, {
      actions: [
        { at: 300, type: 'rollback', target: 'checkout' },
        { at: 250, type: 'failover', target: 'db', ok: false },
        { at: 5000, type: 'failover', target: 'db' },
      ],
    });
    expect(score.measures.actions).toEqual([
      { at: 300, type: 'rollback', target: 'checkout', effect: 'fixes' },
    ]);
    expect(score.measures.ttm).toBe(960);
    expect(points(score, 'mitigate')).toBe(33.8);
  });

  it('actions are matched on params when the scenario lists the same action twice', () => {
    const twoScales = exampleScenario({
      actions: [
        { type: 'scale', target: 'checkout', params: { replicas: 1 }, effect: 'harmful' },
        { type: 'scale', target: 'checkout', params: { replicas: 6 }, effect: 'helps' },
      ],
    });
    const score = run(
      timeline(
        act(200, 'scale', 'checkout', { replicas: 6 }),
        act(300, 'scale', 'checkout', { replicas: 1 }),
      ),
      {
        scenario: twoScales,
      },
    );
    expect(score.measures.actions.map((a) => a.effect)).toEqual(['helps', 'harmful']);
  });

  it('an abandoned run earns no mitigation and no error budget', () => {
    const score = run(timeline(page(180), ack(200), declare(300, 'db', 'database')), {
      series: brokenSeries(600, [[125, 600]]),
      endedAt: 600,
      ending: 'abandoned',
    });
    expect(score.ending).toBe('abandoned');
    expect(points(score, 'mitigate')).toBe(0);
    expect(points(score, 'errorBudget')).toBe(0);
    expect(detail(score, 'mitigate')).toContain('(abandoned)');
    expect(detail(score, 'errorBudget')).toContain('not mitigated');
    expect(score.measures.sloBreaches).toEqual([{ from: 125, to: null }]);
    expect(score.total).toBe(22); // acknowledge 15 + conduct 10 - 3 for the wrong declaration
    expect(score.grade).toBe('F');
  });

  it('the SLOs must hold for the whole hold time before the run ends', () => {
    const score = run(timeline(page(180), act(300, 'rollback', 'checkout')), {
      series: brokenSeries(1000, [[125, 400]]),
      endedAt: 500, // only 100 s of the 120 s hold
      ending: 'timeout',
    });
    expect(score.measures.recoveredAt).toBeNull();
    expect(points(score, 'mitigate')).toBe(0);
    const enough = run(timeline(page(180), act(300, 'rollback', 'checkout')), {
      series: brokenSeries(1000, [[125, 400]]),
      endedAt: 520,
    });
    expect(enough.measures.recoveredAt).toBe(400);
    expect(enough.measures.ttm).toBe(220);
  });

  it('a relapse during the hold restarts it', () => {
    const score = run(timeline(page(180), act(300, 'rollback', 'checkout')), {
      series: brokenSeries(1200, [
        [125, 400],
        [460, 500],
      ]),
      endedAt: 1200,
    });
    expect(score.measures.recoveredAt).toBe(500);
    expect(score.measures.sloBreaches).toEqual([
      { from: 125, to: 400 },
      { from: 460, to: 500 },
    ]);
  });

  describe('a system that recovered by itself', () => {
    const events = timeline([120, 'fault'], page(180), ack(200));
    const series = brokenSeries(900, [[125, 500]]);

    it('earns no mitigation credit when the scenario does not self-heal', () => {
      const score = run(events, { series, endedAt: 900 });
      expect(score.measures.selfRecovered).toBe(true);
      expect(score.measures.recoveredAt).toBe(500);
      expect(score.measures.ttm).toBeNull();
      expect(points(score, 'mitigate')).toBe(0);
      expect(points(score, 'errorBudget')).toBe(0);
      expect(detail(score, 'mitigate')).toContain('waiting earns no credit');
    });

    it('nor when the only action was a neutral one', () => {
      const score = run([...events, ...timeline(act(300, 'restart', 'checkout'))], { series, endedAt: 900 });
      expect(score.measures.selfRecovered).toBe(true);
      expect(points(score, 'mitigate')).toBe(0);
    });

    it('a helpful action taken after the recovery does not count either', () => {
      const score = run([...events, ...timeline(act(600, 'rollback', 'checkout'))], { series, endedAt: 900 });
      expect(points(score, 'mitigate')).toBe(0);
    });

    it('earns credit when the scenario says it self-heals', () => {
      const selfHealing = exampleScenario({
        objectives: {
          slos: [{ node: 'checkout', metric: 'error_ratio', max: 0.01 }],
          holdFor: '2m',
          selfHeals: true,
        },
      });
      const score = run(events, { scenario: selfHealing, series, endedAt: 900 });
      expect(score.measures.selfRecovered).toBe(false);
      expect(score.measures.ttm).toBe(320);
      expect(points(score, 'mitigate')).toBe(35);
      expect(points(score, 'errorBudget')).toBeGreaterThan(0);
    });
  });

  it('no page ever fired: nothing to acknowledge, the clock starts at the first SLO breach', () => {
    const score = run(timeline(declare(200, 'checkout', 'bad-deploy'), act(210, 'rollback', 'checkout')), {
      series: brokenSeries(600, [[125, 250]], { errorRatio: 0.02 }),
      endedAt: 600,
    });
    expect(score.measures.firstPageAt).toBeNull();
    expect(score.measures.incidentStartSource).toBe('slo-breach');
    expect(score.measures.incidentStart).toBe(125);
    expect(points(score, 'acknowledge')).toBe(15);
    expect(detail(score, 'acknowledge')).toContain('No page fired');
    expect(score.measures.ttd).toBe(75);
    expect(score.total).toBe(100);
  });

  it('abandoning before any page fired earns nothing for acknowledging', () => {
    const score = run(timeline(), { series: brokenSeries(90, []), endedAt: 90, ending: 'abandoned' });
    expect(score.measures.firstPageAt).toBeNull();
    expect(points(score, 'acknowledge')).toBe(0);
    expect(detail(score, 'acknowledge')).toContain('abandoned before any page');
    // A run that ends by time (or is resolved) without a page had nothing to acknowledge.
    const quiet = run(timeline(), { series: brokenSeries(90, []), endedAt: 90, ending: 'timeout' });
    expect(points(quiet, 'acknowledge')).toBe(15);
  });

  it('the SLOs never broke: credit only when something addressed the incident', () => {
    const healthy = brokenSeries(600, []);
    const acted = run(timeline([120, 'fault'], act(130, 'rollback', 'checkout')), {
      series: healthy,
      endedAt: 600,
    });
    expect(acted.measures.incidentStartSource).toBe('fault');
    expect(points(acted, 'mitigate')).toBe(35);
    const idle = run([], { series: healthy, endedAt: 600, ending: 'abandoned' });
    expect(idle.measures.incidentStartSource).toBe('run-start');
    expect(points(idle, 'mitigate')).toBe(0);
  });

  describe('a scale the autoscaler undid', () => {
    // The HPA's override event, as the engine emits it (lifecycle.ts autoscale).
    const hpaUndo = (
      t: number,
      since: number,
    ): [number, EventKind, Record<string, string | number | boolean>] => [
      t,
      'scale',
      { target: 'checkout', manual: 6, replicas: 2, undone: true, since },
    ];
    // The errors stop at 19m (1140 s) by themselves: only a helpful action earns mitigation.
    const selfStop = () => brokenSeries(1260, [[125, 1140]]);

    it('is marked undone and not counted as helpful when the HPA undid it before the SLOs recovered', () => {
      const score = run(
        timeline(page(180), ack(200), act(600, 'scale', 'checkout', { replicas: 6 }), hpaUndo(615, 600)),
        { series: selfStop() },
      );
      expect(score.measures.actions).toEqual([
        { at: 600, type: 'scale', target: 'checkout', effect: 'helps', undone: true },
      ]);
      expect(score.measures.selfRecovered).toBe(true);
      expect(points(score, 'mitigate')).toBe(0);
      expect(detail(score, 'mitigate')).toContain('undone by the autoscaler');
      // Not unnecessary either: the trainee did the right thing, the autoscaler reverted it.
      expect(score.measures.unnecessaryActions).toBe(0);
    });

    it('still counts when the HPA kept it, or undid it only after the SLOs recovered', () => {
      const kept = run(timeline(page(180), ack(200), act(600, 'scale', 'checkout', { replicas: 6 })), {
        series: selfStop(),
      });
      expect(kept.measures.actions[0]?.undone).toBeUndefined();
      expect(points(kept, 'mitigate')).toBeGreaterThan(0);
      const late = run(
        timeline(page(180), ack(200), act(600, 'scale', 'checkout', { replicas: 6 }), hpaUndo(1200, 600)),
        { series: selfStop() },
      );
      expect(late.measures.actions[0]?.undone).toBeUndefined();
      expect(points(late, 'mitigate')).toBeGreaterThan(0);
    });

    it('an undo marks only the scales of that service since the trainee first scaled it', () => {
      const score = run(
        timeline(
          page(180),
          act(300, 'scale', 'checkout', { replicas: 6 }),
          act(600, 'scale', 'checkout', { replicas: 6 }),
          hpaUndo(615, 600),
          act(900, 'rollback', 'checkout'),
        ),
        { series: selfStop() },
      );
      expect(score.measures.actions.map((a) => a.undone ?? false)).toEqual([false, true, false]);
      expect(points(score, 'mitigate')).toBeGreaterThan(0); // the rollback fixes it
    });
  });

  it('hints cost their scenario price, once each', () => {
    const score = run(
      timeline(
        page(180),
        [200, 'hint', { index: 0 }],
        [210, 'hint', { index: 0 }],
        [220, 'hint', { index: 1 }],
      ),
    );
    expect(score.measures.hintsUsed).toBe(2);
    expect(score.measures.hintCost).toBe(10);
    expect(points(score, 'hints')).toBe(-10);
    const unknown = run(timeline([200, 'hint', { index: 9 }]));
    expect(points(unknown, 'hints')).toBe(-5);
  });

  it('the total never goes below 0', () => {
    const score = run(
      timeline(
        ...[0, 1, 2, 3].map((i): [number, EventKind, Record<string, number>] => [i, 'hint', { cost: 40 }]),
      ),
      { endedAt: 10, ending: 'abandoned', series: brokenSeries(10, [[0, 10]]) },
    );
    expect(score.total).toBe(0);
    expect(score.grade).toBe('F');
  });

  describe('bad input never crashes', () => {
    it('an empty timeline', () => {
      const score = run([], { endedAt: 0, ending: 'abandoned', series: brokenSeries(0, []) });
      expect(score.total).toBeGreaterThanOrEqual(0);
      expect(score.grade).toBe('F');
      expect(score.measures.tta).toBeNull();
    });

    it('events after the end are ignored, events out of order are sorted', () => {
      const score = run(timeline(ack(700), declare(500, 'checkout', 'bad-deploy'), page(180), ack(250)), {
        series: brokenSeries(600, [[125, 600]]),
        endedAt: 600,
        ending: 'timeout',
      });
      expect(score.measures.tta).toBe(70);
      expect(score.measures.ttd).toBe(320);
      const late = run(timeline(page(180), ack(700)), {
        series: brokenSeries(600, [[125, 600]]),
        endedAt: 600,
      });
      expect(late.measures.acknowledgedAt).toBeNull();
    });

    it('NaN times, a NaN end, missing data, no series', () => {
      const events = [
        { t: Number.NaN, kind: 'acknowledge', text: '', hidden: false },
        { t: -5, kind: 'declare', text: '', hidden: false },
        { t: 50, kind: 'action', text: 'no data', hidden: false },
        { t: 60, kind: 'declare', text: 'no data', hidden: false },
        { t: 70, kind: 'hint', text: 'no index', hidden: false },
        null,
      ] as unknown as SimEvent[];
      const score = run(events, { endedAt: Number.NaN, series: undefined });
      expect(score.measures.endedAt).toBe(70);
      expect(detail(score, 'mitigate')).toContain('No SLO data');
      expect(detail(score, 'errorBudget')).toContain('No traffic data');
      expect(score.measures.wrongDeclarations).toHaveLength(1);
      const notAnArray = run(undefined as unknown as SimEvent[], { endedAt: 10 });
      expect(notAnArray.total).toBeGreaterThanOrEqual(0);
    });

    it('property: any timeline and series yield a valid score in 0-100', () => {
      const kinds: EventKind[] = [
        'acknowledge',
        'declare',
        'action',
        'alert-firing',
        'fault',
        'hint',
        'note',
        'scale',
      ];
      const event = fc.record({
        t: fc.oneof(fc.double({ min: -10, max: 2000 }), fc.constant(Number.NaN)),
        kind: fc.constantFrom(...kinds),
        text: fc.string({ maxLength: 20 }),
        hidden: fc.boolean(),
        data: fc.option(
          fc.dictionary(
            fc.constantFrom('node', 'category', 'type', 'target', 'index', 'alert', 'route', 'ok', 'cost'),
            fc.oneof(
              fc.constantFrom(
                'checkout',
                'db',
                'bad-deploy',
                'rollback',
                'failover',
                'page',
                'CheckoutErrors',
              ),
              fc.integer({ min: -2, max: 3 }),
              fc.boolean(),
            ),
          ),
          { nil: undefined },
        ),
      });
      fc.assert(
        fc.property(
          fc.array(event, { maxLength: 30 }),
          fc.array(fc.boolean(), { maxLength: 400 }),
          fc.double({ min: -1, max: 2000 }),
          fc.constantFrom('mitigated', 'resolved', 'abandoned', 'timeout') as fc.Arbitrary<
            ScoreInput['ending']
          >,
          (events, ok, endedAt, ending) => {
            const sloOk = Uint8Array.from(ok, (b) => (b ? 1 : 0));
            const failed = Float64Array.from(ok, (b) => (b ? 0 : 30));
            const allowed = new Float64Array(ok.length).fill(1);
            const score = scoreRun({
              scenario,
              events: events as SimEvent[],
              series: { tickSeconds: 5, sloOk, failed, allowed },
              endedAt,
              ending,
            });
            expect(scoreSchema.safeParse(score).success).toBe(true);
            expect(score.total).toBeGreaterThanOrEqual(0);
            expect(score.total).toBeLessThanOrEqual(100);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

/** A MetricStore over fixed arrays, for the series helpers. */
function fakeStore(series: Record<string, number[]>, firstTick = 0): MetricStore {
  const keys = Object.keys(series);
  const length = Math.max(0, ...Object.values(series).map((v) => v.length));
  return {
    series: keys.map((key, index) => {
      const [metric, node] = key.split('@') as [string, string];
      return { index, metric, labels: { node } };
    }),
    length,
    capacity: length,
    firstTick,
    nonFinite: 0,
    find: (metric, node) => keys.indexOf(`${metric}@${node}`),
    latest: (i) => series[keys[i] as string]?.at(-1) ?? Number.NaN,
    at: (i, tick) => series[keys[i] as string]?.[tick - firstTick] ?? Number.NaN,
    read: (i, out) => {
      const values = series[keys[i] as string] ?? [];
      const target = out ?? new Float64Array(values.length);
      target.set(values.slice(0, target.length));
      return target;
    },
  };
}

describe('series from a MetricStore', () => {
  const twoSlos = exampleScenario({
    objectives: {
      slos: [
        { node: 'checkout', metric: 'error_ratio', max: 0.01 },
        { node: 'checkout', metric: 'latency_p99', max: 0.5 },
        { node: 'db', metric: 'latency_p99', max: 0.1 },
        { node: 'checkout', metric: 'queue_oldest_seconds', max: 60 },
      ],
    },
  });

  it('sloTimeline: every SLO must hold; NaN holds; a missing series is reported, not counted', () => {
    const store = fakeStore(
      {
        'error_ratio@checkout': [0, 0.5, 0, 0, Number.NaN],
        'latency_p99@checkout': [0.1, 0.1, 0.9, 0.1, 0.1],
        'latency_p99@db': [0.01, 0.01, 0.01, 0.2, 0.01],
      },
      10,
    );
    const slo = sloTimeline(twoSlos, store, 2);
    expect(Array.from(slo.ok)).toEqual([1, 0, 0, 0, 1]);
    expect(slo.firstTick).toBe(10);
    expect(slo.tickSeconds).toBe(2);
    expect(slo.missing).toEqual(['queue_oldest_seconds{node="checkout"}']);
  });

  it('errorAllowances: the tightest error_ratio SLO, else 0.1%', () => {
    expect(Object.fromEntries(errorAllowances(twoSlos))).toEqual({
      checkout: 0.01,
      db: DEFAULT_ERROR_ALLOWANCE,
    });
  });

  it('measureSeries: failed = rate x error ratio x dt, allowed = rate x allowance x dt, summed over SLO nodes', () => {
    const store = fakeStore({
      'request_rate@checkout': [100, 100, Number.NaN],
      'error_ratio@checkout': [0, 0.5, 0.5],
      'request_rate@db': [1000, 1000, 1000],
      'error_ratio@db': [0, 0, 2],
    });
    const series = measureSeries(twoSlos, store);
    expect(Array.from(series.failed)).toEqual([0, 50, 1000]);
    expect(Array.from(series.allowed)).toEqual([1 + 1, 1 + 1, 1]);
    // and scoreRun can take the store directly
    const score = scoreRun({ scenario: twoSlos, events: [], metrics: store, endedAt: 3, ending: 'timeout' });
    expect(score.measures.errorBudget).toMatchObject({ failed: 1050, allowance: 5 });
  });
});
