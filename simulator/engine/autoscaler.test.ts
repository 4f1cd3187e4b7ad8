/**
 * A trainee's manual scale against a horizontal autoscaler, as Kubernetes' HPA behaves: the scale
 * holds until the HPA's next sync, which recomputes the count from its metric and clamps it to
 * minReplicas / maxReplicas, and every override says so in HPA wording.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/validate';
import { scoreSimulation } from '../scoring/score';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario } from './testing';

/**
 * webapp: 100 replicas of 1 core, 10 ms CPU per request, an HPA on CPU (target 60%, sync 15 s).
 * At 3500 rps the CPU is 35%: the HPA recommends ceil(100 x 35/60) = 59, held at minReplicas.
 */
function webapp(rps = 3500, bounds: { min: number; max: number } = { min: 100, max: 400 }): Simulation {
  return createSimulation(
    makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1h', target: rps }], noise: 0 },
        {
          id: 'webapp',
          kind: 'service',
          replicas: 100,
          concurrency: 10,
          serviceTime: 0.02,
          cpuPerRequest: 0.01,
          coldStart: 30,
          autoscaler: { metric: 'cpu', target: 0.6, syncPeriod: 15, ...bounds },
        },
      ],
      edges: [{ from: 'users', to: 'webapp' }],
    }),
  );
}

const hpaEvents = (s: Simulation) => s.events.filter((e) => e.kind === 'scale' && e.text.startsWith('HPA'));

describe('a manual scale on an autoscaled service', () => {
  it('holds until the next sync, then the HPA recomputes and says why it overrides it', () => {
    const s = webapp();
    s.runUntil(100);
    expect(hpaEvents(s)).toEqual([]); // steady at minReplicas
    expect(s.apply({ type: 'scale', target: 'webapp', params: { replicas: 300 } }).ok).toBe(true);
    s.runUntil(105); // ticks 100..104: the next sync is at 105
    expect(stDesired(s)).toBe(300);
    s.runUntil(106);
    expect(stDesired(s)).toBe(100);
    const [override] = hpaEvents(s);
    expect(override?.t).toBe(105);
    expect(override?.hidden).toBe(false);
    expect(override?.text).toBe(
      'HPA webapp: cpu 35% / target 60% overrides your scale to 300 → 100 (recommends 59, raised to minReplicas 100)',
    );
    expect(override?.data).toMatchObject({ target: 'webapp', manual: 300, replicas: 100, undone: true });
  });

  it('is not undone in the same second when it lands on a sync tick', () => {
    const s = webapp();
    s.runUntil(105); // the next step is the sync at 105
    s.apply({ type: 'scale', target: 'webapp', params: { replicas: 300 } });
    s.runUntil(120);
    expect(stDesired(s)).toBe(300); // held through 105..119
    s.runUntil(121);
    expect(stDesired(s)).toBe(100); // the sync at 120 decides
    expect(hpaEvents(s).map((e) => e.t)).toEqual([120]);
  });

  it('below minReplicas: the HPA clamps at its next sync', () => {
    const s = webapp();
    s.runUntil(100);
    s.apply({ type: 'scale', target: 'webapp', params: { replicas: 30 } });
    s.runUntil(104);
    expect(stDesired(s)).toBe(30);
    s.runUntil(106);
    expect(stDesired(s)).toBe(100);
    const [override] = hpaEvents(s);
    expect(override?.text).toMatch(/^HPA webapp: minReplicas 100 overrides your scale to 30 → 100 \(cpu /);
    expect(override?.data).toMatchObject({ manual: 30, replicas: 100, undone: true });
  });

  it('above maxReplicas: the HPA clamps at its next sync', () => {
    // 9000 rps: the HPA scales to maxReplicas 120, where CPU is 75% and it would want 150.
    const s = webapp(9000, { min: 10, max: 120 });
    s.runUntil(100);
    expect(stDesired(s)).toBe(120);
    s.apply({ type: 'scale', target: 'webapp', params: { replicas: 300 } });
    s.runUntil(106);
    expect(stDesired(s)).toBe(120);
    const [override] = hpaEvents(s).filter((e) => e.t >= 100);
    // The recommendation is ceil(120 x cpu / 60%): 150 at exactly 75%, 151 while the queue settles.
    expect(override?.text).toMatch(
      /^HPA webapp: maxReplicas 120 overrides your scale to 300 → 120 \(cpu 75% \/ target 60%, recommends 15[01]\)$/,
    );
  });

  it('a scale the HPA agrees with stays, and is not marked undone', () => {
    // 6000 rps on 100 replicas: CPU 60%, on target. 105 is within the HPA's 10% tolerance.
    const s = webapp(6000);
    s.runUntil(100);
    s.apply({ type: 'scale', target: 'webapp', params: { replicas: 105 } });
    s.runUntil(200);
    expect(stDesired(s)).toBe(105);
    expect(hpaEvents(s).some((e) => e.data?.undone === true)).toBe(false);
  });

  it('scaling to zero disables the HPA, as in Kubernetes', () => {
    const s = webapp();
    s.runUntil(100);
    s.apply({ type: 'scale', target: 'webapp', params: { replicas: 0 } });
    s.runUntil(300);
    expect(stDesired(s)).toBe(0);
    expect(s.events.some((e) => e.text.includes('scaling is disabled since the replica count'))).toBe(true);
  });

  it('ordinary HPA decisions use HPA wording with the metric', () => {
    const s = webapp(9000, { min: 10, max: 400 });
    s.runUntil(20);
    const [first] = hpaEvents(s);
    expect(first?.text).toBe('HPA scaled webapp from 100 to 150 (cpu 90% / target 60%)');
  });
});

/** The replica count the deployment asks for (its spec.replicas): the engine's state. */
function stDesired(s: Simulation): number {
  const impl = s as unknown as { st: { desired: Float64Array }; model: { index: Map<string, number> } };
  return impl.st.desired[impl.model.index.get('webapp')!]!;
}

describe('set-autoscaler-bounds (kubectl patch hpa)', () => {
  it('lowering minReplicas lets the HPA scale down at its next sync', () => {
    const s = webapp();
    s.runUntil(400); // the 5 min stabilisation window has seen the recommendation of 59
    const result = s.apply({ type: 'set-autoscaler-bounds', target: 'webapp', params: { min: 20 } });
    expect(result.ok).toBe(true);
    expect(result.message).toBe(
      'Patching the HPA of webapp: minReplicas 100 → 20; it applies at its next sync (every 15 s).',
    );
    s.runUntil(406);
    expect(stDesired(s)).toBe(59);
    expect(hpaEvents(s).at(-1)?.text).toBe('HPA scaled webapp from 100 to 59 (cpu 35% / target 60%)');
  });

  it('raising maxReplicas (and the target) lets it scale out further', () => {
    const s = webapp(9000, { min: 10, max: 120 });
    s.runUntil(100);
    expect(stDesired(s)).toBe(120);
    expect(
      s.apply({ type: 'set-autoscaler-bounds', target: 'webapp', params: { max: 300, target: 0.5 } }).ok,
    ).toBe(true);
    s.runUntil(106);
    // 120 replicas at 75% against a 50% target: ceil(120 x 1.5) = 180 (181 while the transient
    // queue state still settles a hair above 75%).
    expect(stDesired(s)).toBeGreaterThanOrEqual(180);
    expect(stDesired(s)).toBeLessThanOrEqual(181);
  });

  it('refuses bad input with a plain sentence', () => {
    const s = webapp();
    const bad = (params: Record<string, number>, target = 'webapp') =>
      s.apply({ type: 'set-autoscaler-bounds', target, params }).message;
    expect(bad({})).toBe('set-autoscaler-bounds webapp: give at least one of min, max, target, metric.');
    expect(bad({ min: 500 })).toBe(
      'set-autoscaler-bounds webapp: min 500 is above max 400 (the HPA would have no valid count).',
    );
    expect(bad({ min: 1.5 })).toBe('set-autoscaler-bounds webapp: min must be a whole number of replicas.');
    expect(bad({ min: 1 }, 'users')).toMatch(/cannot be applied to users, which is a client/);
  });
});

describe('autoscaler control: delete, retarget, re-create', () => {
  it('kubectl delete hpa: the count stays where it is and a manual scale is no longer undone', () => {
    const s = webapp();
    s.runUntil(30);
    const r = s.apply({ type: 'delete-autoscaler', target: 'webapp' });
    expect(r.ok, r.message).toBe(true);
    s.runUntil(31);
    expect(s.apply({ type: 'scale', target: 'webapp', params: { replicas: 150 } }).ok).toBe(true);
    s.runUntil(200);
    // With the HPA the 35% CPU would bring it back to minReplicas 100 at the next sync.
    expect(stDesired(s)).toBe(150);
    expect(hpaEvents(s).some((e) => /deleted/.test(e.text))).toBe(true);
    expect(s.apply({ type: 'delete-autoscaler', target: 'webapp' }).message).toMatch(/has no autoscaler/);
  });

  it('retargets the HPA from CPU to requests per second per replica', () => {
    // 3500 rps over 100 replicas = 35 rps each; a target of 25 rps wants ceil(100 x 35/25) = 140.
    const s = webapp();
    s.runUntil(30);
    const noTarget = s.apply({
      type: 'set-autoscaler-bounds',
      target: 'webapp',
      params: { metric: 'requests_per_second' },
    });
    expect(noTarget.ok).toBe(false);
    expect(noTarget.message).toMatch(/needs a target in its unit/);
    const r = s.apply({
      type: 'set-autoscaler-bounds',
      target: 'webapp',
      params: { metric: 'requests_per_second', target: 25 },
    });
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toMatch(/metric cpu → requests_per_second/);
    s.runUntil(60);
    expect(stDesired(s)).toBe(140);
    expect(hpaEvents(s).at(-1)?.text).toMatch(/35 requests\/s per replica \/ target 25/);
  });

  it('kubectl autoscale after a delete creates a new HPA on CPU with min, max and target', () => {
    const s = webapp();
    s.runUntil(30);
    s.apply({ type: 'delete-autoscaler', target: 'webapp' });
    s.runUntil(31);
    const half = s.apply({ type: 'set-autoscaler-bounds', target: 'webapp', params: { max: 50 } });
    expect(half.ok).toBe(false);
    expect(half.message).toMatch(/create one with min and max/);
    const r = s.apply({
      type: 'set-autoscaler-bounds',
      target: 'webapp',
      params: { min: 10, max: 50, metric: 'cpu', target: 0.7 },
    });
    expect(r.ok, r.message).toBe(true);
    expect(r.message).toMatch(/Creating an HPA/);
    // 35% CPU at 100 replicas against 70%: ceil(100 x 0.5) = 50 after the 15 s sync, not before
    // (a scale-down waits for the stabilisation window only over recommendations it has seen).
    s.runUntil(40);
    expect(stDesired(s)).toBe(100);
    s.runUntil(400);
    expect(stDesired(s)).toBe(50);
  });
});

describe('the built-in otp-autoscaling-wrong-signal', () => {
  const scenario = () => {
    const file = new URL('../../scenarios/otp-autoscaling-wrong-signal.json', import.meta.url);
    const parsed = parseScenarioText(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error('the built-in does not parse');
    return parsed.scenario;
  };
  const respond = (command: { type: 'scale' | 'set-autoscaler-bounds'; params: Record<string, number> }) => {
    const s = createSimulation(scenario());
    s.runUntil(480);
    expect(s.apply({ ...command, target: 'sms-workers' }).ok).toBe(true);
    s.runUntil(s.scenario.duration);
    return scoreSimulation(s, 'timeout');
  };

  it('scaling the workers by hand is undone by the CPU HPA and earns no mitigation', () => {
    const score = respond({ type: 'scale', params: { replicas: 24 } });
    expect(score.measures.actions).toEqual([
      { at: 480, type: 'scale', target: 'sms-workers', effect: 'neutral', undone: true },
    ]);
    expect(score.measures.recoveredAt).toBeNull();
  });

  it('raising the HPA minReplicas holds and mitigates', () => {
    const score = respond({ type: 'set-autoscaler-bounds', params: { min: 24 } });
    expect(score.measures.actions[0]).toMatchObject({ type: 'set-autoscaler-bounds', effect: 'helps' });
    expect(score.measures.ttm).not.toBeNull();
    expect(score.components.find((c) => c.id === 'mitigate')?.points).toBeGreaterThan(0);
  });
});
