import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { SimEvent } from '../engine/api';
import { loadBuiltin } from '../test-support/builtin-run';
import { scoreSimulation } from '../scoring/score';
import { runStepSchema, type RunStep } from './record';
import { runSteps } from './replay';

/** redis-queue-fills: the chat alert NotifyBacklogGrowing fires at 390 s, the page CheckoutErrorRateHigh at 690 s. */
const scenario = loadBuiltin('redis-queue-fills.json');
const silenceBacklog: RunStep = {
  at: 450,
  kind: 'silence',
  matchers: ['alertname="NotifyBacklogGrowing"'],
  duration: 1800,
  comment: 'known backlog, working the queue',
  createdBy: 'trainee',
};
const notified = (events: readonly SimEvent[]) =>
  events
    .filter((e) => e.kind === 'notification')
    .map((e) => `${e.t} ${String(e.data?.receiver)} ${String(e.data?.alerts)}`);

describe('a silence as a run step', () => {
  it('survives the record, replays identically and mutes only what it matches', () => {
    const steps = [silenceBacklog].map((s) => runStepSchema.parse(JSON.parse(JSON.stringify(s))));
    const a = createSimulation(scenario);
    const b = createSimulation(scenario);
    const idle = createSimulation(scenario);
    expect(runSteps(a, steps, 900)).toEqual([expect.objectContaining({ ok: true })]);
    runSteps(b, steps, 900);
    runSteps(idle, [], 900);
    expect(b.events).toEqual(a.events);

    const event = a.events.find((e) => e.kind === 'silence');
    expect(event).toMatchObject({
      t: 450,
      hidden: false,
      text: 'Silenced alertname="NotifyBacklogGrowing" for 30m: known backlog, working the queue',
      data: { id: 'silence-1', silenced: 'NotifyBacklogGrowing', pages: '' },
    });
    // The alert still fires (Prometheus), shows as silenced, and stops notifying.
    expect(a.alerts.find((s) => s.name === 'NotifyBacklogGrowing')).toMatchObject({
      status: 'firing',
      silencedBy: 'silence-1',
    });
    expect(notified(idle.events)).toContain('720 chat NotifyBacklogGrowing,RedisMemoryHigh');
    expect(notified(a.events)).toContain('720 chat RedisMemoryHigh');
    // Prometheus's side is untouched: the same firings with or without the silence.
    const firings = (events: readonly SimEvent[]) => events.filter((e) => e.kind.startsWith('alert-'));
    expect(firings(a.events)).toEqual(firings(idle.events));
  });

  it('a refused silence (no comment) changes nothing and says why', () => {
    const sim = createSimulation(scenario);
    const [result] = runSteps(sim, [{ ...silenceBacklog, comment: ' ' }], 500);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/comment/) });
    expect(sim.events.some((e) => e.kind === 'silence')).toBe(false);
    expect(runStepSchema.safeParse({ ...silenceBacklog, comment: ' ' }).success).toBe(false);
  });

  it('silencing the page during the breach before mitigating costs conduct in the live score', () => {
    const sim = createSimulation(scenario);
    runSteps(sim, [{ ...silenceBacklog, at: 780, matchers: ['severity="P1"'] }], 900);
    const event = sim.events.find((e) => e.kind === 'silence');
    expect(event?.data).toMatchObject({ pages: 'CheckoutErrorRateHigh' });
    const score = scoreSimulation(sim, 'abandoned');
    expect(score.measures.silencedPages).toEqual([
      { at: 780, matchers: 'severity="P1"', alerts: 'CheckoutErrorRateHigh' },
    ]);
  });
});
