import { describe, expect, it } from 'vitest';
import { MetricBuffer } from '../../sim/metric-buffer';
import {
  breachPeriods,
  brokenSeconds,
  buildTimeline,
  compareWithIdeal,
  idealReplaySentence,
  measuredText,
  sloPeriods,
} from './run-model';
import { span, tplus } from './run-format';
import { endedRun, endedRunWithComms } from './test-fixture';
import type { RunStep } from '../../../simulator/runs/record';
import type { SimEvent } from '../../../simulator/engine/api';

describe('buildTimeline', () => {
  it('puts pages of other teams, asks and what the responder posted and ran in the communication lane', () => {
    const run = endedRun();
    const steps: RunStep[] = [
      ...run.steps,
      { at: 200, kind: 'escalate', team: 'database', text: 'checkout errors, suspect db' },
      { at: 210, kind: 'ask', team: 'database', type: 'kill-queries', target: 'db' },
    ];
    const events: SimEvent[] = [
      ...run.events,
      {
        t: 500,
        kind: 'message',
        text: 'Joined. From the database side right now:\n- db: 60/60 connections in use',
        hidden: false,
        data: { from: 'database-oncall', name: 'Jordan (DBA on-call)', role: 'responder', team: 'database' },
      },
      {
        t: 620,
        kind: 'action',
        text: 'Terminating the long-running queries on db.',
        hidden: false,
        data: { type: 'kill-queries', target: 'db', by: 'database' },
      },
    ];
    const comms = buildTimeline({ ...run, steps, events }).filter((e) => e.lane === 'comms');
    expect(comms.map((e) => [e.t, e.kind, e.text])).toEqual([
      [200, 'escalate', 'You paged database-oncall: "checkout errors, suspect db"'],
      [210, 'ask', expect.stringMatching(/^You asked database-oncall to /)],
      [
        500,
        'message',
        'Jordan (DBA on-call): Joined. From the database side right now:\n- db: 60/60 connections in use',
      ],
      [620, 'action', 'database-oncall ran: Terminating the long-running queries on db.'],
    ]);
  });

  it('places the trainee beside the hidden truth, in time order, with each action effect', () => {
    const run = endedRun();
    const timeline = buildTimeline(run);
    const times = timeline.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const fault = timeline.find((e) => e.kind === 'fault');
    expect(fault).toMatchObject({ t: 120, lane: 'truth' });
    expect(timeline.find((e) => e.kind === 'page')).toMatchObject({ t: 180, lane: 'system' });

    const actions = timeline.filter((e) => e.kind === 'action');
    expect(actions.map((a) => [a.t, a.effect])).toEqual([
      [540, 'neutral'],
      [1080, 'fixes'],
    ]);
    const declarations = timeline.filter((e) => e.kind === 'declare');
    expect(declarations.map((d) => d.correct)).toEqual([false, true]);
    expect(declarations[0]?.text).toContain('(wrong)');

    expect(timeline.some((e) => e.kind === 'slo-broke' && e.t === 125)).toBe(true);
    expect(timeline.some((e) => e.kind === 'slo-recovered' && e.t === 1140)).toBe(true);
    expect(timeline.find((e) => e.kind === 'mitigated')?.t).toBe(1140);
    expect(timeline.at(-1)).toMatchObject({ kind: 'end', t: 1260 });
  });

  it('marks an action the score does not know (refused by the engine) as not counted', () => {
    const run = endedRun();
    const steps = [
      ...run.steps,
      { at: 1100, kind: 'action' as const, type: 'failover' as const, target: 'db' },
    ];
    const entry = buildTimeline({ ...run, steps }).find((e) => e.kind === 'action' && e.t === 1100);
    expect(entry?.effect).toBe('not-counted');
  });
});

describe('compareWithIdeal', () => {
  it('matches each ideal step with what the trainee did and lists the extra actions', () => {
    const { rows, extra } = compareWithIdeal(endedRun());
    expect(rows.map((r) => [r.ideal.kind, r.yours?.t, r.delta])).toEqual([
      ['acknowledge', 360, 160],
      ['declare', 720, 320],
      ['action', 1080, 630],
    ]);
    expect(extra.map((e) => [e.t, e.effect])).toEqual([[540, 'neutral']]);
  });

  it('leaves an ideal step the trainee never took without a match', () => {
    const run = endedRun();
    const { rows } = compareWithIdeal({ ...run, steps: run.steps.filter((s) => s.kind !== 'action') });
    expect(rows[2]?.yours).toBeUndefined();
  });
});

describe('SLO periods', () => {
  it('finds when a series broke and recovered, NaN counting as holding', () => {
    const values = [0, Number.NaN, 0.5, 0.5, 0, 0.2, 0.3];
    expect(breachPeriods(values, values.length, 2, 0.1)).toEqual([
      { from: 4, to: 8 },
      { from: 10, to: null },
    ]);
    expect(
      brokenSeconds(
        [
          { from: 4, to: 8 },
          { from: 10, to: null },
        ],
        14,
      ),
    ).toBe(8);
  });

  it('reads each objective from the metric buffer up to the end of the run', () => {
    const run = endedRun();
    const buffer = new MetricBuffer(
      [{ index: 0, metric: 'error_ratio', labels: { node: 'checkout' } }],
      1,
      10,
    );
    buffer.append(0, [Float64Array.from([0, 0.3, 0.3, 0, 0, 0.5, 0.5, 0.5])]);
    const [slo] = sloPeriods(run.scenario, buffer, 7);
    expect(slo?.periods).toEqual([
      { from: 1, to: 3 },
      { from: 5, to: null },
    ]);
    expect(sloPeriods(run.scenario, undefined, 7)[0]?.series).toBe(-1);
  });
});

describe('formatting', () => {
  it('writes simulated times as T+mm:ss and durations compactly', () => {
    expect(tplus(75)).toBe('T+01:15');
    expect(span(45)).toBe('45s');
    expect(span(185)).toBe('3m 05s');
    expect(span(3725)).toBe('1h 02m 05s');
    expect(span(null)).toBe('–');
  });
});

describe('formula 3 in the debrief', () => {
  it('says what each action measurably did', () => {
    const note = (verdict: 'helped' | 'hurt' | 'none', failedSaved: number) => ({
      at: 1,
      type: 'rollback',
      target: 'orders',
      effect: 'fixes' as const,
      measured: { verdict, failedSaved, recoveredAt: null, recoveredWithoutAt: null },
    });
    expect(measuredText(note('helped', 36377))).toBe('measured: 36,377 fewer failed requests');
    expect(measuredText(note('hurt', -120))).toBe('measured: 120 more failed requests');
    expect(measuredText(note('none', 12))).toBe('measured: no effect in this run');
    expect(measuredText({ ...note('none', 0), measured: undefined })).toBeUndefined();
  });

  it('compares the ideal replay with the trainee run in one sentence', () => {
    expect(
      idealReplaySentence({
        from: 540,
        failed: 7125,
        recoveredAt: 585,
        actualFailed: 43291,
        actualRecoveredAt: null,
      }),
    ).toBe(
      'Replayed with the ideal response starting at T+09:00, when you first acted: 7,125 requests would have failed instead of your 43,291, and the SLOs would have held from T+09:45 (yours: not before the end).',
    );
    expect(idealReplaySentence(null)).toBeUndefined();
  });
});

describe('instructor notes in the debrief (issue 14 item 6)', () => {
  it("are the instructor's, not the trainee's", () => {
    const run = endedRun();
    const timeline = buildTimeline({
      ...run,
      steps: [...run.steps, { at: 300, kind: 'note', text: 'watch the DB' }],
    });
    const note = timeline.find((e) => e.kind === 'note');
    expect(note).toMatchObject({ lane: 'truth', text: 'Instructor note: watch the DB' });
  });
});

describe('the communication lane', () => {
  it("holds the trainee's severity, updates and status page, and the stakeholders' messages with their nature", () => {
    const comms = buildTimeline(endedRunWithComms()).filter((e) => e.lane === 'comms');
    expect(comms.map((e) => [e.t, e.kind, e.text, e.messageKind])).toEqual([
      [300, 'message', 'Kim (checkout dev): We deployed v2 at 2m.', 'clue'],
      [400, 'severity', 'You declared the incident SEV3', undefined],
      [420, 'status-update', 'You posted: Investigating checkout errors.', undefined],
      [
        430,
        'status-page',
        'Status page: Investigating, degraded performance (checkout): Some checkouts fail.',
        undefined,
      ],
      [1250, 'status-page', 'Status page: Resolved, operational (checkout): Fixed.', undefined],
    ]);
  });
});
