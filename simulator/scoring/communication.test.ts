/** The communication component (formula 4): one block per rule of docs/scoring.md. */
import { describe, expect, it } from 'vitest';
import type { EventKind } from '../engine/api';
import type { ScenarioInput } from '../scenario/schema';
import { COMMS_POINTS } from './communication';
import { ack, brokenSeries, exampleScenario, page, timeline } from './fixtures';
import { scoreRun, WEIGHTS, WEIGHTS_WITH_COMMS } from './score';
import type { RunSeries } from './series';
import type { Score } from './types';

type Spec = [number, EventKind, Record<string, string | number | boolean>?];

const sev = (t: number, severity: string): Spec => [t, 'severity', { severity }];
const update = (t: number): Spec => [t, 'status-update'];
const statusPage = (t: number, state: string, impact: string): Spec => [
  t,
  'status-page',
  { state, impact, components: 'checkout' },
];

/** The example scenario with communication scored (its fixture switches it off). */
function scenario(communication: ScenarioInput['communication'] = {}) {
  return exampleScenario({ communication });
}

/** SLO broken [125, 1140) with the given impact level there (3 = full outage); run ends at 1260. */
function series(level = 3): RunSeries {
  const base = brokenSeries(1260, [[125, 1140]]);
  const impact = new Uint8Array(1260);
  impact.fill(level, 125, 1140);
  return { ...base, impact };
}

function run(
  specs: Spec[],
  options: { communication?: ScenarioInput['communication']; level?: number } = {},
) {
  return scoreRun({
    scenario: scenario(options.communication),
    events: timeline(page(180), ack(360), ...specs),
    series: series(options.level),
    endedAt: 1260,
    ending: 'mitigated',
  });
}

const comms = (score: Score) => score.components.find((c) => c.id === 'communication')!;

/** A response that does everything right: SEV1, an update within 5 minutes, a truthful page, updates every 10 minutes. */
const good: Spec[] = [
  sev(380, 'SEV1'),
  statusPage(400, 'investigating', 'full-outage'),
  update(900),
  statusPage(1200, 'resolved', 'none'),
];

describe('the communication component', () => {
  it('is on by default and the total stays on 100', () => {
    const score = run(good);
    expect(comms(score).max).toBe(10);
    expect(score.components.reduce((a, c) => a + c.max, 0)).toBe(100);
    expect(score.components.find((c) => c.id === 'mitigate')!.max).toBe(WEIGHTS_WITH_COMMS.mitigate);
    expect(comms(score).points).toBe(10);
    expect(score.measures.communication).toMatchObject({
      firstUpdateAt: 400,
      updates: 3,
      severity: 'SEV1',
      expectedSeverity: 'SEV1',
      peakImpact: 'full-outage',
      overdueGaps: 0,
    });
  });

  it('authors can switch it off: the technical weights, no communication line', () => {
    const score = run(good, { communication: { scored: false } });
    expect(score.components.some((c) => c.id === 'communication')).toBe(false);
    expect(score.components.find((c) => c.id === 'mitigate')!.max).toBe(WEIGHTS.mitigate);
    expect(score.components.reduce((a, c) => a + c.max, 0)).toBe(100);
    expect(score.measures.communication).toBeUndefined();
  });

  it('first update: full within the target after acknowledging, linear to 0 at 3x, 0 without one', () => {
    const onTime = run([sev(380, 'SEV1'), statusPage(360 + 600, 'investigating', 'full-outage')]);
    expect(comms(onTime).detail).toContain(
      `10m after acknowledging (target 10m): ${COMMS_POINTS.firstUpdate} of`,
    );
    const late = run([sev(380, 'SEV1'), statusPage(360 + 900, 'investigating', 'full-outage')]);
    // 15m against a 10m target: 4 x (30 - 15) / (30 - 10) = 3
    expect(comms(late).detail).toContain('15m after acknowledging (target 10m): 3 of 4');
    const none = run([sev(380, 'SEV1')]);
    expect(comms(none).detail).toContain('No status update or status page entry was posted');
    expect(none.measures.communication?.firstUpdateAt).toBeNull();
  });

  it("cadence: a gap longer than the declared severity's cadence costs 1", () => {
    const cadence = { cadence: { SEV1: '5m' } };
    // updates at 400 and 900 (gap 500 s > 300 s), then the incident closes at the recovery (1140: 240 s)
    const slow = run(good, { communication: cadence });
    expect(slow.measures.communication?.overdueGaps).toBe(1);
    expect(comms(slow).points).toBe(10 - 1);
    const kept = run(
      [...good, update(650)].sort((a, b) => a[0] - b[0]),
      { communication: cadence },
    );
    expect(kept.measures.communication?.overdueGaps).toBe(0);
    expect(comms(kept).points).toBe(10);
  });

  it('status page: silence during customer impact, an understated impact and an early "resolved" cost points', () => {
    const silent = run([sev(380, 'SEV1'), update(400)]);
    expect(comms(silent).detail).toContain('the status page said nothing');
    expect(comms(silent).points).toBe(10 - COMMS_POINTS.statusPage);

    const degraded = run([sev(380, 'SEV1'), statusPage(400, 'investigating', 'degraded')]);
    expect(comms(degraded).detail).toContain('"degraded performance" at T+06:40 during a full outage (-2)');

    const partial = run([sev(380, 'SEV1'), statusPage(400, 'investigating', 'partial-outage')]);
    expect(comms(partial).detail).toContain('during a full outage (-1)');

    const early = run([
      sev(380, 'SEV1'),
      statusPage(400, 'investigating', 'full-outage'),
      statusPage(1000, 'resolved', 'none'),
    ]);
    expect(comms(early).detail).toContain('"resolved" at T+16:40 while the SLOs were still broken (-2)');

    const truthful = run([sev(380, 'SEV1'), statusPage(400, 'investigating', 'full-outage')]);
    expect(truthful.components.find((c) => c.id === 'communication')!.detail).toContain(
      'The status page matched the measured impact',
    );
  });

  it('severity: matches the worst measured impact; one level off earns half; none earns nothing', () => {
    const base = [statusPage(400, 'investigating', 'partial-outage')];
    const right = run([sev(380, 'SEV2'), ...base], { level: 2 });
    expect(right.measures.communication?.expectedSeverity).toBe('SEV2');
    expect(comms(right).detail).toContain('Declared SEV2, matching the measured impact: 2 of 2');
    const over = run([sev(380, 'SEV1'), ...base], { level: 2 });
    expect(comms(over).detail).toContain('made it SEV2: 1 of 2');
    const far = run([sev(380, 'SEV4'), ...base], { level: 2 });
    expect(comms(far).detail).toContain('made it SEV2: 0 of 2');
    const none = run(base, { level: 2 });
    expect(comms(none).detail).toContain('No severity was declared');
    // the last declaration counts: re-grading after learning more is good practice
    const regraded = run([sev(380, 'SEV4'), ...base, sev(500, 'SEV2')], { level: 2 });
    expect(regraded.measures.communication?.severity).toBe('SEV2');
  });

  it('without a series the impact is the SLO breaches (degraded)', () => {
    const score = scoreRun({
      scenario: scenario(),
      events: timeline(page(180), ack(360), sev(380, 'SEV3'), statusPage(400, 'investigating', 'degraded')),
      series: brokenSeries(1260, [[125, 1140]]),
      endedAt: 1260,
      ending: 'mitigated',
    });
    expect(score.measures.communication?.peakImpact).toBe('degraded');
    expect(comms(score).points).toBe(10);
  });

  it('no incident (no page, the SLOs held): nothing to communicate, full points', () => {
    const score = scoreRun({
      scenario: scenario(),
      events: [],
      series: brokenSeries(600, []),
      endedAt: 600,
      ending: 'timeout',
    });
    expect(comms(score).points).toBe(10);
    expect(comms(score).detail).toContain('no incident to communicate');
  });
});
