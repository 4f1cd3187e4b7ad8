/**
 * Liveness and readiness probes (probes.ts) and CrashLoopBackOff (lifecycle.ts): partial health,
 * restart timing, the kubelet's back-off sequence and its reset, the death spiral an aggressive
 * liveness probe makes of an overload, and the set-probe action that stops it.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/validate';
import type { SimEvent } from './api';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

type Sim = ReturnType<typeof createSimulation>;
type Input = TopologyInput['nodes'][number];

const latest = (sim: Sim, metric: string, node = 'svc') => sim.metrics.latest(sim.metrics.find(metric, node));

/** Runs to `end`, recording `metric` of svc after every tick. */
function trace(sim: Sim, end: number, metric: string): { t: number; v: number }[] {
  const out: { t: number; v: number }[] = [];
  for (let t = 1; t <= end; t++) {
    sim.runUntil(t);
    out.push({ t, v: latest(sim, metric) });
  }
  return out;
}

const events = (sim: Sim, reason: string): SimEvent[] => sim.events.filter((e) => e.data?.reason === reason);

function service(extra: Record<string, unknown>): Input {
  return {
    id: 'svc',
    kind: 'service',
    replicas: 4,
    concurrency: 10,
    serviceTime: 0.02,
    cpuPerRequest: 0,
    memoryLimitMb: 1e6,
    coldStart: '30s',
    ...extra,
  } as Input;
}

function scenario(svc: Input, rest: Partial<TopologyInput> = {}, rate = 100): TopologyInput {
  return {
    nodes: [{ id: 'load', kind: 'client', stages: [{ duration: '1h', target: rate }], noise: 0 }, svc],
    edges: [{ from: 'load', to: 'svc', timeout: 30 }],
    ...rest,
  };
}

describe('readiness probe: partial health', () => {
  // One replica of four answers 100x slower (2 s per request): only it fails the 1 s probe.
  const input = scenario(service({ readinessProbe: {}, balancer: 'random' }), {
    faults: [{ at: 60, duration: 120, target: 'svc', type: 'latency', params: { factor: 100, replicas: 1 } }],
  });

  it('takes exactly the failing replica out of rotation, failureThreshold periods after it slows', () => {
    const sim = createSimulation(makeScenario(input));
    const ready = trace(sim, 170, 'replicas_ready');
    const out = ready.find((x) => x.v < 4)!;
    // Three failed probes 10 s apart: the third lands 20-30 s after the fault.
    expect(out.t).toBeGreaterThan(60 + 20);
    expect(out.t).toBeLessThanOrEqual(60 + 30 + 1);
    // Only that replica leaves; the three healthy ones stay in rotation the whole time.
    expect(Math.min(...ready.map((x) => x.v))).toBe(3);
    expect(latest(sim, 'replicas_unready')).toBe(1);
    expect(latest(sim, 'readiness_probe_failing')).toBe(1);
    const [removed] = events(sim, 'Unhealthy').filter((e) => e.data?.probe === 'readiness');
    expect(removed!.text).toContain('Readiness probe failed: timeout after 1s');
    expect(removed!.data).toMatchObject({ replicas: 1, inRotation: 3 });
    // Without the slow replica the service answers at its normal speed.
    expect(latest(sim, 'latency_p99')).toBeLessThan(0.2);
  });

  it('puts it back after successThreshold passing probes once the fault is gone', () => {
    const sim = createSimulation(makeScenario(input));
    const ready = trace(sim, 260, 'replicas_ready');
    const back = ready.find((x) => x.t > 180 && x.v === 4)!;
    expect(back.t).toBeLessThanOrEqual(180 + 10 + 1);
    expect(latest(sim, 'replicas_unready')).toBe(0);
    expect(sim.liveNodes().find((n) => n.id === 'svc')!.probe).toBe('ok');
  });

  it('leaves every replica in rotation without a readiness probe', () => {
    const plain = scenario(service({ balancer: 'random' }), { faults: input.faults });
    const sim = createSimulation(makeScenario(plain));
    expect(Math.min(...trace(sim, 170, 'replicas_ready').map((x) => x.v))).toBe(4);
  });
});

describe('readiness probe: deep check', () => {
  // The session store fails from t = 60; the service only needs it for a tenth of its requests.
  const input = (check: 'self' | 'dependencies') =>
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
        service({ readinessProbe: { check } }),
        { id: 'sessions', kind: 'database' },
      ],
      edges: [
        { from: 'load', to: 'svc', timeout: 30 },
        { from: 'svc', to: 'sessions', callsPerRequest: 0.1, optional: true, healthCheck: true },
      ],
      faults: [{ at: 60, target: 'sessions', type: 'dependency-outage', params: { mode: 'errors' } }],
    });

  it('takes every replica out, cohort by cohort, when they all probe the failing dependency', () => {
    const sim = createSimulation(input('dependencies'));
    const ready = trace(sim, 120, 'replicas_ready');
    expect(ready.at(-1)!.v).toBe(0);
    const removals = events(sim, 'Unhealthy').filter((e) => e.data?.probe === 'readiness');
    expect(removals.map((e) => e.data!.replicas)).toEqual([1, 1, 1, 1]);
    expect(removals[0]!.text).toContain('HTTP probe failed with statuscode: 503');
    expect(latest(sim, 'error_ratio')).toBe(1);
  });

  it('set-probe replaces the fixed deep health check: a self check keeps the replicas in rotation', () => {
    const fixedCheck = () => {
      const doc = input('dependencies');
      const svc = doc.nodes.find((n) => n.id === 'svc')!;
      delete (svc as { readinessProbe?: unknown }).readinessProbe; // the fixed deep check of lifecycle.ts
      return createSimulation(doc);
    };
    const minReady = (sim: Sim, from: number, to: number) =>
      Math.min(
        ...trace(sim, to, 'replicas_ready')
          .filter((x) => x.t >= from)
          .map((x) => x.v),
      );
    // Untouched, the fixed check keeps taking every replica out while the dependency is down.
    expect(minReady(fixedCheck(), 200, 400)).toBe(0);
    const sim = fixedCheck();
    sim.runUntil(95);
    const result = sim.apply({
      type: 'set-probe',
      target: 'svc',
      params: { probe: 'readiness', check: 'self' },
    });
    expect(result.ok).toBe(true);
    expect(minReady(sim, 200, 400)).toBe(4);
    expect(sim.liveNodes().find((n) => n.id === 'svc')!.readinessProbe).toMatchObject({
      check: 'self',
      timeoutSeconds: 1,
    });
  });

  it('keeps them serving when the probe checks only the replica itself', () => {
    const sim = createSimulation(input('self'));
    expect(Math.min(...trace(sim, 120, 'replicas_ready').map((x) => x.v))).toBe(4);
    expect(latest(sim, 'error_ratio')).toBeLessThan(0.01);
  });
});

describe('liveness probe: restarts', () => {
  // Every replica answers 2 s slower from t = 100: each probe (timeout 1 s) fails.
  const live = {
    livenessProbe: { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, initialDelaySeconds: 15 },
  };
  const input = scenario(service(live), {
    faults: [{ at: 100, target: 'svc', type: 'latency', params: { add: 2 } }],
  });

  it('restarts a replica failureThreshold periods after its probe starts failing, within one period', () => {
    const sim = createSimulation(makeScenario(input));
    sim.runUntil(200);
    const kills = events(sim, 'Liveness probe failed');
    expect(kills.length).toBeGreaterThan(0);
    // Probes every 10 s at staggered phases: the third failure falls 20-30 s after the slowdown.
    for (const k of kills.slice(0, 4)) {
      expect(k.t).toBeGreaterThan(100 + 20);
      expect(k.t).toBeLessThanOrEqual(100 + 30 + 1);
      expect(k.text).toContain('Liveness probe failed: timeout after 1s');
    }
    expect(latest(sim, 'restarts_total')).toBeGreaterThanOrEqual(4);
    expect(latest(sim, 'liveness_probe_failures_total')).toBeGreaterThanOrEqual(12);
  });

  it('a restarted container probes again after initialDelaySeconds and is killed failureThreshold periods later', () => {
    const sim = createSimulation(makeScenario(input));
    sim.runUntil(400);
    const kills = events(sim, 'Liveness probe failed');
    // The first kill of a pod restarts it at once; it is ready after the 30 s cold start, probed
    // from 15 s later, and fails three probes 10 s apart: killed again 30 + 15 + 20 s later.
    const first = kills[0]!;
    const again = kills.find((k) => k.t > first.t + 30)!;
    expect(again.t - first.t).toBeGreaterThanOrEqual(30 + 15 + 20);
    expect(again.t - first.t).toBeLessThanOrEqual(30 + 15 + 20 + 10 + 1);
  });
});

describe('CrashLoopBackOff', () => {
  const crashLoop = (extraFaults: NonNullable<TopologyInput['faults']> = []) =>
    makeScenario(
      scenario(service({ replicas: 2, coldStart: '5s' }), {
        faults: [
          { at: 10, duration: 1000, target: 'svc', type: 'crash', params: { replicas: 1, loop: true } },
          ...extraFaults,
        ],
      }),
    );

  it('waits 10 s, 20 s, 40 s ... capped at 300 s between restarts of a crashing container', () => {
    const sim = createSimulation(crashLoop());
    sim.runUntil(1000);
    const backoffs = events(sim, 'BackOff').map((e) => e.data!.backoff);
    expect(backoffs.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(events(sim, 'BackOff')[0]!.text).toContain('Back-off restarting failed container');
    // The back-off shows as replicas waiting, not starting.
    const waiting = sim.metrics.read(sim.metrics.find('replicas_waiting_backoff', 'svc'));
    expect(Math.max(...waiting)).toBe(1);
  });

  it('times each restart as back-off + cold start after the crash', () => {
    const sim = createSimulation(crashLoop());
    const restarts = trace(sim, 1000, 'restarts_total');
    const crashAt: number[] = [];
    for (let k = 1; k < restarts.length; k++)
      if (restarts[k]!.v > restarts[k - 1]!.v) crashAt.push(restarts[k]!.t);
    const gaps = crashAt.slice(1, 7).map((t, k) => t - crashAt[k]!);
    // The first restart is immediate (the kubelet backs off from the second crash on).
    expect(gaps).toEqual([5, 15, 25, 45, 85, 165]);
  });

  it('forgives the crashes after 10 minutes of running fine, not before', () => {
    // The loop ends at 1010; the waiting replica comes back by 1010 + 300 + 5 and then runs.
    const soon = createSimulation(
      crashLoop([{ at: 1600, target: 'svc', type: 'crash', params: { replicas: 1 } }]),
    );
    soon.runUntil(1700);
    expect(events(soon, 'BackOff').filter((e) => e.t >= 1600)).toHaveLength(1);
    const late = createSimulation(
      crashLoop([{ at: 2000, target: 'svc', type: 'crash', params: { replicas: 1 } }]),
    );
    late.runUntil(2100);
    // Over 10 minutes up: the crash restarts at once, with no back-off.
    expect(events(late, 'BackOff').filter((e) => e.t >= 2000)).toHaveLength(0);
    expect(late.liveNodes().find((n) => n.id === 'svc')!.crashLoop).toMatchObject({ crashes: 1 });
  });

  it('backs off OOM kills that repeat', () => {
    const sim = createSimulation(
      makeScenario(
        scenario(service({ replicas: 2, coldStart: '5s', memoryMb: 100, memoryLimitMb: 200 }), {
          faults: [{ at: 10, target: 'svc', type: 'memory-leak', params: { mbPerMinute: 600 } }],
        }),
      ),
    );
    sim.runUntil(600);
    expect(sim.events.filter((e) => e.kind === 'oom-kill').length).toBeGreaterThan(2);
    expect(events(sim, 'BackOff').length).toBeGreaterThan(0);
  });
});

describe('death spiral', () => {
  /** 300 rps against 4 x 10 threads x 0.1 s (400 rps), with a 60 s spike to 480 rps. */
  const spike = (svc: Record<string, unknown>) =>
    makeScenario({
      nodes: [
        {
          id: 'load',
          kind: 'client',
          stages: [
            { duration: '2m', target: 300 },
            { duration: '10s', target: 480 },
            { duration: '60s', target: 480 },
            { duration: '10s', target: 300 },
            { duration: '20m', target: 300 },
          ],
          noise: 0,
        },
        service({ serviceTime: 0.1, queueLimit: 1000, coldStart: '20s', ...svc }),
      ],
      edges: [{ from: 'load', to: 'svc', timeout: 30 }],
    });

  it('an aggressive liveness probe turns an overload into restarts and a full outage', () => {
    const sim = createSimulation(spike({ livenessProbe: { timeoutSeconds: 1 } }));
    const ready = trace(sim, 400, 'replicas_ready');
    const kills = events(sim, 'Liveness probe failed');
    // Staggered: the first replicas restart alone, the survivors take their load and follow.
    expect(kills[0]!.data!.replicas).toBe(1);
    expect(new Set(kills.slice(0, 4).map((k) => k.t)).size).toBeGreaterThan(1);
    expect(Math.min(...ready.map((x) => x.v))).toBe(0);
    expect(latest(sim, 'restarts_total')).toBeGreaterThanOrEqual(6);
    expect(Math.max(...sim.metrics.read(sim.metrics.find('error_ratio', 'svc')))).toBe(1);
  });

  it('a lenient probe rides the same overload out without a restart', () => {
    const sim = createSimulation(spike({ livenessProbe: { timeoutSeconds: 10, failureThreshold: 6 } }));
    const ready = trace(sim, 400, 'replicas_ready');
    expect(latest(sim, 'restarts_total')).toBe(0);
    expect(Math.min(...ready.map((x) => x.v))).toBe(4);
    expect(latest(sim, 'error_ratio')).toBe(0);
  });

  it('set-probe with a longer timeout stops it after the rollout', () => {
    const sim = createSimulation(spike({ livenessProbe: { timeoutSeconds: 1 } }));
    sim.runUntil(170);
    const result = sim.apply({ type: 'set-probe', target: 'svc', params: { timeoutSeconds: 10 } });
    expect(result.ok).toBe(true);
    expect(result.message).toContain('liveness probe delay=0s timeout=10s period=10s #failure=3');
    sim.runUntil(900);
    const live = sim.liveNodes().find((n) => n.id === 'svc')!;
    expect(live.livenessProbe).toMatchObject({ timeoutSeconds: 10, failing: 0 });
    expect(latest(sim, 'replicas_ready')).toBe(4);
    expect(latest(sim, 'error_ratio')).toBeLessThan(0.01);
  });

  it('is deterministic: same scenario and seed, bit-identical series and events', () => {
    const run = () => {
      const sim = createSimulation(spike({ livenessProbe: {}, readinessProbe: {} }));
      sim.runUntil(900);
      const series = sim.metrics.read(sim.metrics.find('replicas_ready', 'svc'));
      return { series: Array.from(series), events: sim.events.map((e) => `${e.t} ${e.text}`) };
    };
    expect(run()).toEqual(run());
  });
});

describe('probe fields', () => {
  it("take Kubernetes' defaults", () => {
    const s = makeScenario(scenario(service({ livenessProbe: {}, readinessProbe: {} })));
    const svc = s.nodes.find((n) => n.id === 'svc');
    expect(svc).toMatchObject({
      livenessProbe: { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, initialDelaySeconds: 0 },
      readinessProbe: { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 },
    });
  });

  it('refuse a zero timeout with a path and a sentence', () => {
    const doc = {
      schemaVersion: 1,
      id: 'x',
      title: 'x',
      difficulty: 'beginner',
      duration: '1m',
      ...scenario(service({ livenessProbe: { timeoutSeconds: 0 } })),
      rootCause: { node: 'svc', category: 'a', categories: ['a', 'b'] },
      objectives: { slos: [{ node: 'svc', metric: 'error_ratio', max: 0.01 }] },
    };
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const error = result.errors.find((e) => e.path.includes('livenessProbe'))!;
      expect(error.path).toBe('nodes[1].livenessProbe.timeoutSeconds');
      expect(error.message).toMatch(/1/);
    }
  });
});
