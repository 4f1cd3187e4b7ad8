/** The incident channel's scripted stakeholders, driven by the real engine. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { SimEvent } from '../engine/api';
import { applyStep, runSteps } from '../runs/replay';
import type { RunStep } from '../runs/record';
import type { ScenarioInput } from '../scenario/schema';
import { exampleScenario } from '../scoring/fixtures';
import { commsPlan, DEFAULT_CAST } from './cast';

function scenario(communication: ScenarioInput['communication']) {
  return exampleScenario({ communication });
}

const messages = (events: readonly SimEvent[]) => events.filter((e) => e.kind === 'message');

describe('stakeholder messages', () => {
  it('a time trigger sends at that time, from the named stakeholder', () => {
    const s = scenario({
      defaultCast: false,
      stakeholders: [{ id: 'dev', name: 'Kim (checkout dev)', role: 'developer' }],
      messages: [{ from: 'dev', text: 'We merged the pricing change at 1:55.', kind: 'clue', at: '3m' }],
    });
    const sim = createSimulation(s);
    sim.runUntil(179);
    expect(messages(sim.events)).toEqual([]);
    sim.runUntil(181);
    expect(messages(sim.events)).toEqual([
      {
        t: 180,
        kind: 'message',
        text: 'We merged the pricing change at 1:55.',
        hidden: false,
        data: { from: 'dev', name: 'Kim (checkout dev)', role: 'developer', index: 0 },
      },
    ]);
  });

  it('a metric trigger waits until the condition has held for its duration', () => {
    // the bad deploy at 2m makes checkout fail ~30% of its requests from about 2m05s
    const s = scenario({
      defaultCast: false,
      stakeholders: [{ id: 'support', name: 'Support', role: 'support' }],
      messages: [
        {
          from: 'support',
          text: 'Android users cannot pay.',
          when: { metric: 'error_ratio', node: 'checkout', op: '>', value: 0.05, for: '1m' },
        },
        {
          from: 'support',
          text: 'never',
          when: { metric: 'error_ratio', node: 'checkout', op: '<', value: -1 },
        },
      ],
    });
    const sim = createSimulation(s);
    sim.runUntil(600);
    const sent = messages(sim.events);
    expect(sent.map((e) => e.text)).toEqual(['Android users cannot pay.']);
    const ratio = sim.metrics.find('error_ratio', 'checkout');
    const firstOver = Array.from({ length: 600 }, (_, t) => sim.metrics.at(ratio, t)).findIndex(
      (v) => v > 0.05,
    );
    expect(firstOver).toBeGreaterThan(100);
    expect(sent[0]!.t).toBe(firstOver + 60);
  });

  it('silence: after acknowledging, once per silence; an update starts a new one; a resolved page ends them', () => {
    const s = scenario({
      defaultCast: false,
      stakeholders: [{ id: 'em', name: 'EM', role: 'manager' }],
      messages: [{ from: 'em', text: 'ETA?', kind: 'pressure', silence: '5m' }],
    });
    const steps: RunStep[] = [
      { at: 200, kind: 'acknowledge', alert: 'CheckoutErrors' },
      { at: 800, kind: 'status-update', text: 'Investigating checkout errors.' },
      {
        at: 1300,
        kind: 'status-page',
        state: 'resolved',
        impact: 'none',
        components: ['checkout'],
        text: 'Fixed.',
      },
    ];
    const sim = createSimulation(s);
    runSteps(sim, steps, 1800);
    // 200 + 300 = 500; then the update at 800 restarts the clock: 1100; the resolved page at 1300 ends it
    expect(messages(sim.events).map((e) => e.t)).toEqual([500, 1100]);
  });

  it('the default cast: support when the first SLO breaks, the manager after 20 minutes of silence', () => {
    const s = scenario(undefined);
    const plan = commsPlan(s);
    expect(plan.cast.map((c) => c.id)).toEqual(DEFAULT_CAST.map((c) => c.id));
    const sim = createSimulation(s);
    runSteps(sim, [{ at: 200, kind: 'acknowledge' }], 1500);
    const sent = messages(sim.events);
    // support a minute into the breach, the VP 15 minutes into it, the manager 20 minutes after the ack
    expect(sent.map((e) => e.data?.from)).toEqual(['support', 'exec', 'manager']);
    expect(sent[1]!.t - sent[0]!.t).toBe(900 - 60);
    expect(sent[2]!.t).toBe(200 + 1200);
    expect(sent[2]!.text).toContain("What's the ETA?");
  });

  it('an authored stakeholder replaces the default one with the same id; defaultCast false leaves only the authored', () => {
    const own = commsPlan(scenario({ stakeholders: [{ id: 'support', name: 'Dana', role: 'support' }] }));
    expect(own.cast.find((c) => c.id === 'support')?.name).toBe('Dana');
    expect(commsPlan(scenario({ defaultCast: false })).messages).toEqual([]);
  });

  it('the same scenario, seed and steps send the same messages (replay)', () => {
    const s = scenario(undefined);
    const steps: RunStep[] = [
      { at: 200, kind: 'acknowledge' },
      { at: 300, kind: 'severity', severity: 'SEV2' },
    ];
    const a = createSimulation(s);
    const b = createSimulation(s);
    runSteps(a, steps, 1500);
    runSteps(b, steps, 1500);
    expect(messages(a.events)).toEqual(messages(b.events));
    expect(a.events.find((e) => e.kind === 'severity')).toMatchObject({ t: 300, data: { severity: 'SEV2' } });
  });

  it('comms steps go on the timeline as visible events', () => {
    const sim = createSimulation(scenario(undefined));
    sim.runUntil(10);
    const result = applyStep(sim, {
      at: 10,
      kind: 'status-page',
      state: 'investigating',
      impact: 'partial-outage',
      components: ['checkout', 'api'],
      text: 'Some payments fail.',
    });
    expect(result.ok).toBe(true);
    expect(sim.events.at(-1)).toEqual({
      t: 10,
      kind: 'status-page',
      text: 'Some payments fail.',
      hidden: false,
      data: { state: 'investigating', impact: 'partial-outage', components: 'checkout, api' },
    });
  });

  it('opening a runbook is on the timeline with its title', () => {
    const s = exampleScenario({
      runbooks: [{ id: 'rb', title: 'Checkout errors', markdown: '1. Roll back.', alerts: [], services: [] }],
    });
    const sim = createSimulation(s);
    applyStep(sim, { at: 0, kind: 'runbook', page: 'rb' });
    expect(sim.events.at(-1)).toEqual({
      t: 0,
      kind: 'runbook',
      text: 'Opened the runbook "Checkout errors"',
      hidden: false,
      data: { page: 'rb' },
    });
  });
});
