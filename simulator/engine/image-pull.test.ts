/**
 * Image pulls from a registry node (service `imageRegistry`): new pods wait in ImagePullBackOff
 * (10 s doubling to 5 min) while the registry fails, running pods keep serving, containers
 * restarted in their pod pull nothing, and a rollback stalls until the registry is back.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/validate';
import { pullBackoff } from './image-pull';
import { createSimulation } from './index';
import type { SimulationImpl } from './simulation';
import { makeScenario, type TopologyInput } from './testing';

/** registry (an external node nobody calls) is down from 2 to 12 minutes. */
function input(registry: string | undefined, extra: Partial<TopologyInput> = {}): TopologyInput {
  return {
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
      {
        id: 'api',
        kind: 'service',
        replicas: 4,
        coldStart: '20s',
        version: 'v2',
        ...(registry ? { imageRegistry: registry } : {}),
      },
      { id: 'ecr', kind: 'external' },
      { id: 'mirror', kind: 'external' },
    ],
    edges: [{ from: 'users', to: 'api' }],
    faults: [
      { at: '2m', duration: '10m', target: 'ecr', type: 'dependency-outage', params: { mode: 'timeouts' } },
    ],
    ...extra,
  } as TopologyInput;
}

const live = (sim: SimulationImpl) => sim.liveNodes().find((n) => n.id === 'api')!;
const latest = (sim: SimulationImpl, metric: string) => sim.metrics.latest(sim.metrics.find(metric, 'api'));

describe('imageRegistry: new pods need the registry', () => {
  it('back-off doubles from 10 s to 5 min, as the kubelet does', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(pullBackoff)).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it('a scale-out while the registry is down waits in ImagePullBackOff; the running pods keep serving', () => {
    const sim = createSimulation(makeScenario(input('ecr'))) as SimulationImpl;
    sim.runUntil(180);
    expect(sim.apply({ type: 'scale', target: 'api', params: { replicas: 8 } }).ok).toBe(true);
    sim.runUntil(400);
    expect(latest(sim, 'replicas_ready')).toBe(4);
    expect(latest(sim, 'replicas_waiting_image')).toBe(4);
    expect(latest(sim, 'replicas_starting')).toBe(0);
    expect(latest(sim, 'error_ratio')).toBeLessThan(0.01);
    expect(live(sim).image).toMatchObject({ ref: 'ecr/api:v2', registry: 'ecr', waiting: 4 });
    const pulls = sim.events.filter((e) => e.kind === 'image-pull');
    const failed = pulls.filter((e) => e.data?.reason === 'Failed');
    // Attempts at 180, 190, 210, 250, 330: back-offs of 10, 20, 40, 80 s.
    expect(failed.map((e) => e.t)).toEqual([180, 190, 210, 250, 330]);
    expect(failed[0]!.text).toContain('Failed to pull image "ecr/api:v2"');
    expect(failed[0]!.hidden).toBe(false);
    expect(pulls.filter((e) => e.data?.reason === 'BackOff').map((e) => e.data?.backoff)).toEqual([
      10, 20, 40, 80, 160,
    ]);
    // The registry is back at 720; the next attempt (330 + 160 = 490, then 490 + 300 = 790) pulls.
    sim.runUntil(900);
    const pulled = sim.events.find((e) => e.kind === 'image-pull' && e.data?.reason === 'Pulled')!;
    expect(pulled.t).toBe(790);
    expect(latest(sim, 'replicas_waiting_image')).toBe(0);
    expect(latest(sim, 'replicas_ready')).toBe(8); // ready a cold start (20 s) after the pull
    const readyAt = sim.metrics.read(sim.metrics.find('replicas_ready', 'api'));
    expect(readyAt[805]).toBe(4);
    expect(readyAt[815]).toBe(8);
  });

  it('without a registry the same scale-out is ready after its cold start', () => {
    const sim = createSimulation(makeScenario(input(undefined))) as SimulationImpl;
    sim.runUntil(180);
    sim.apply({ type: 'scale', target: 'api', params: { replicas: 8 } });
    sim.runUntil(205);
    expect(latest(sim, 'replicas_ready')).toBe(8);
    expect(sim.metrics.find('replicas_waiting_image', 'api')).toBe(-1);
  });

  it('a restart while the registry is down takes the service down until it is back', () => {
    const sim = createSimulation(makeScenario(input('ecr'))) as SimulationImpl;
    sim.runUntil(240);
    sim.apply({ type: 'restart', target: 'api' });
    sim.runUntil(600);
    expect(latest(sim, 'replicas_ready')).toBe(0);
    expect(latest(sim, 'replicas_waiting_image')).toBe(4);
    expect(latest(sim, 'error_ratio')).toBeGreaterThan(0.9);
  });

  it('containers restarted in their pod (crash loop) use the image on the node', () => {
    const sim = createSimulation(
      makeScenario(
        input('ecr', {
          faults: [
            {
              at: '2m',
              duration: '10m',
              target: 'ecr',
              type: 'dependency-outage',
              params: { mode: 'timeouts' },
            },
            { at: '3m', duration: '1m', target: 'api', type: 'crash', params: { replicas: 2 } },
          ],
        } as Partial<TopologyInput>),
      ),
    ) as SimulationImpl;
    sim.runUntil(600);
    expect(sim.events.filter((e) => e.kind === 'image-pull')).toEqual([]);
    expect(latest(sim, 'replicas_ready')).toBe(4);
  });

  it('a rollback stalls while the registry fails, and completes a cold start after it is back', () => {
    const sim = createSimulation(
      makeScenario(
        input('ecr', {
          faults: [
            {
              at: '2m',
              duration: '10m',
              target: 'ecr',
              type: 'dependency-outage',
              params: { mode: 'timeouts' },
            },
            { at: '1m', target: 'api', type: 'bad-deploy', params: { version: 'v3', errorRate: 0.3 } },
          ],
        } as Partial<TopologyInput>),
      ),
    ) as SimulationImpl;
    sim.runUntil(200);
    expect(sim.apply({ type: 'rollback', target: 'api' }).ok).toBe(true);
    sim.runUntil(600);
    expect(live(sim).version).toBe('v3');
    expect(latest(sim, 'replicas_waiting_image')).toBe(1); // the surge pod (25% of 4)
    expect(latest(sim, 'error_ratio')).toBeGreaterThan(0.2);
    expect(sim.events.filter((e) => e.kind === 'action-effective')).toEqual([]);
    sim.runUntil(1200);
    expect(live(sim).version).toBe('v2');
    const rolled = sim.events.find((e) => e.kind === 'deploy' && e.text.startsWith('Rolled back'))!;
    const pulled = sim.events.find((e) => e.kind === 'image-pull' && e.data?.reason === 'Pulled')!;
    expect(pulled.t).toBeGreaterThanOrEqual(720);
    expect(rolled.t).toBe(pulled.t + 20);
    expect(latest(sim, 'error_ratio')).toBeLessThan(0.01);
  });

  // Two rollouts of one service at once each back off on its own pods' schedule (the kubelet keeps
  // a back-off per pod and image): they shared one counter, so the second started at the first's
  // level and each failure of one lengthened the other's wait.
  it('two overlapping rollouts back off each on its own, 10 s doubling to 5 min', () => {
    const sim = createSimulation(makeScenario(input('ecr'))) as SimulationImpl;
    sim.runUntil(200);
    expect(sim.apply({ type: 'raise-cpu-limit', target: 'api', params: { cores: 2 } }).ok).toBe(true);
    sim.runUntil(235);
    expect(sim.apply({ type: 'raise-memory-limit', target: 'api', params: { memoryMb: 2048 } }).ok).toBe(
      true,
    );
    sim.runUntil(700);
    const failed = sim.events.filter((e) => e.kind === 'image-pull' && e.data?.reason === 'Failed');
    const first = failed[0]!.t;
    const second = failed.find((e) => e.t >= 235)!.t;
    expect(second - first).toBe(35);
    // Each: attempts at +0, +10, +30, +70, +150, +310 (back-offs 10, 20, 40, 80, 160, 300).
    const schedule = (t0: number) =>
      [0, 10, 30, 70, 150, 310].map((d, k) => [t0 + d, [10, 20, 40, 80, 160, 300][k]!] as const);
    const expected = [...schedule(first), ...schedule(second)]
      .filter(([t]) => t <= 700)
      .sort((a, b) => a[0] - b[0]);
    expect(failed.map((e) => [e.t, e.data?.backoff])).toEqual(expected);
    // Both rollouts' surge pods wait (25% of 4 each).
    expect(latest(sim, 'replicas_waiting_image')).toBe(2);
    expect(live(sim).image?.waiting).toBe(2);
    // The registry is back at 720: each pulls at its own next attempt and completes a cold start after.
    sim.runUntil(1200);
    const pulled = sim.events.filter((e) => e.kind === 'image-pull' && e.data?.reason === 'Pulled');
    expect(pulled.map((e) => [e.t, e.data?.pods])).toEqual([
      [first + 610, 1],
      [second + 610, 1],
    ]);
    expect(latest(sim, 'replicas_waiting_image')).toBe(0);
    expect(live(sim).cpu).toBe(2);
  });

  it('set-image-registry: pods stuck on the broken registry pull from the mirror at their next attempt', () => {
    const sim = createSimulation(makeScenario(input('ecr'))) as SimulationImpl;
    sim.runUntil(180);
    sim.apply({ type: 'scale', target: 'api', params: { replicas: 8 } });
    sim.runUntil(260);
    expect(sim.apply({ type: 'set-image-registry', target: 'api', params: { registry: 'nope' } }).ok).toBe(
      false,
    );
    const r = sim.apply({ type: 'set-image-registry', target: 'api', params: { registry: 'mirror' } });
    expect(r.ok).toBe(true);
    sim.runUntil(400);
    // The attempt after 250 + 80 s = 330 pulls from the mirror; ready 20 s later.
    const pulled = sim.events.find((e) => e.kind === 'image-pull' && e.data?.reason === 'Pulled')!;
    expect(pulled.t).toBe(330);
    expect(pulled.text).toContain('mirror/api:v2');
    expect(latest(sim, 'replicas_ready')).toBe(8);
    expect(live(sim).image?.registry).toBe('mirror');
  });

  it('a registry reached through a failing hop (reachedVia) fails its pulls with it', () => {
    const scenario = makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
        { id: 'api', kind: 'service', replicas: 2, coldStart: '20s', imageRegistry: 'ecr' },
        { id: 'tgw', kind: 'external', latency: '2ms' },
        { id: 'ecr', kind: 'external', reachedVia: ['tgw'] },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'tgw' },
      ],
      faults: [{ at: '1m', duration: '5m', target: 'tgw', type: 'error-rate', params: { rate: 0.7 } }],
    } as never);
    const sim = createSimulation(scenario) as SimulationImpl;
    sim.runUntil(120);
    sim.apply({ type: 'scale', target: 'api', params: { replicas: 3 } });
    sim.runUntil(300);
    expect(latest(sim, 'replicas_waiting_image')).toBe(1);
    sim.runUntil(700);
    expect(latest(sim, 'replicas_waiting_image')).toBe(0);
    expect(latest(sim, 'replicas_ready')).toBe(3);
  });

  it('is refused with its JSON path when it names no node or the service itself', () => {
    const json = JSON.parse(JSON.stringify(makeScenario(input('ecr')))) as {
      nodes: { id: string; imageRegistry?: string }[];
    };
    const api = json.nodes.find((n) => n.id === 'api')!;
    api.imageRegistry = 'ecrr';
    let r = validateScenario(json);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(
        r.errors.some((e) => /imageRegistry/.test(e.path) && /no node named 'ecrr'/.test(e.message)),
      ).toBe(true);
    api.imageRegistry = 'api';
    r = validateScenario(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => /itself/.test(e.message))).toBe(true);
  });
});
