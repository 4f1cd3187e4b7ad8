import { describe, expect, it } from 'vitest';
import { builtinDrill, drillText } from '../test-support/drills';
import { hashScenario } from '../runs/hash';
import { playDrill } from './play';
import { drillRunRecord, readDrillRunRecord } from './record';
import { parseDrillScript } from './script';
import { DrillSession, type TestReport } from './session';

const file = 'otp-sms-login-surge.json';
const drill = builtinDrill(file);

function played() {
  const session = new DrillSession(drill);
  session.runTest(drill.tests[0]!);
  session.change({ type: 'set-pool-size', target: 'otp-sender' });
  session.wait(3600);
  session.runTest(drill.tests[1]!);
  session.wait(session.remaining - 3600);
  session.change({ type: 'raise-quota', target: 'sms-provider' }); // 1 d lead time: late
  const debrief = session.finish();
  const record = drillRunRecord(session, debrief, {
    id: 'drill-otp-1',
    drillHash: hashScenario(drillText(file)),
    startedAt: '2026-12-03T10:00:00.000Z',
    endedAt: '2026-12-03T10:20:00.000Z',
  });
  return { session, debrief, record };
}

describe('the drill run record', () => {
  it('keeps the score, headroom, cost, each test and change, and reads back as saved', () => {
    const { session, debrief, record } = played();
    expect(record).toMatchObject({
      kind: 'drill',
      drillId: 'otp-sms-login-surge',
      score: { total: debrief.score.total, grade: debrief.score.grade },
      headroom: debrief.headroom,
      monthly: debrief.cost.monthly,
      budget: 450,
    });
    expect(record.tests.map((t) => [t.name, t.at])).toEqual([
      ['ramp-to-4x', 0],
      ['hold-3x', (session.tests[0] as TestReport).endedAt + 3600],
    ]);
    expect(record.tests[0]!.bottleneck).toMatch(/^otp-sender worker threads at \d\.\d\dx$/);
    expect(record.changes.map((c) => [c.type, c.late])).toEqual([
      ['set-pool-size', false],
      ['raise-quota', true],
    ]);
    const read = readDrillRunRecord(JSON.parse(JSON.stringify(record)));
    expect(read).toEqual({ ok: true, record });
  });

  it('replays: its steps, as a drill script, give the same score', () => {
    const { record, debrief } = played();
    const script = parseDrillScript(record.steps, drill);
    if (!script.ok) throw new Error(JSON.stringify(script.errors));
    const replay = playDrill(drill, script.steps);
    expect(replay.events.filter((e) => e.kind === 'refused')).toEqual([]);
    expect(replay.debrief.score).toEqual(debrief.score);
    expect(replay.debrief.cost.monthly).toBe(debrief.cost.monthly);
  });

  it('says where a damaged record is wrong, and that a newer one is newer', () => {
    const { record } = played();
    expect(readDrillRunRecord({ ...record, headroom: -1 })).toMatchObject({
      ok: false,
      path: 'headroom',
      error: expect.stringMatching(/^The drill record is damaged at headroom: /),
    });
    expect(readDrillRunRecord({ ...record, drillRunVersion: 9 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/format 9, written by a newer Outage Lab/),
    });
  });
});
