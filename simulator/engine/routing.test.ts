/**
 * Weighted routing between regions (routing.ts): a load balancer splits its requests over its
 * weighted calls, unhealthy targets lose their weight after interval x failureThreshold, clients
 * follow a change over the DNS TTL, and the region that takes the shifted load can saturate.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario } from './testing';

const series = (s: Simulation, metric: string, node: string) => {
  const idx = s.metrics.find(metric, node);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"}`);
  return (t: number) => s.metrics.at(idx, t / s.tickSeconds);
};

type NodeInput = ScenarioInput['nodes'][number];
type EdgeInput = NonNullable<ScenarioInput['edges']>[number];

interface Options {
  readonly weights?: readonly [number, number];
  readonly routing?: Record<string, unknown>;
  readonly faults?: ScenarioInput['faults'];
  readonly rate?: number;
}

/** users -> geo (router) -> api-east / api-west, 1,000 rps; each api replica serves up to 500 rps. */
function system(o: Options = {}) {
  const [we, ww] = o.weights ?? [50, 50];
  const api = (id: string, region: string, replicas: number, extra: object = {}): NodeInput =>
    ({
      id,
      kind: 'service',
      region,
      replicas,
      concurrency: 10,
      serviceTime: 0.02,
      cpuPerRequest: 0.002,
      coldStart: 60,
      queueLimit: 50,
      ...extra,
    }) as NodeInput;
  const edges: EdgeInput[] = [
    { from: 'users', to: 'geo', timeout: 10 },
    { from: 'geo', to: 'api-east', weight: we, timeout: 10 },
    { from: 'geo', to: 'api-west', weight: ww, timeout: 10 },
  ];
  return createSimulation(
    makeScenario({
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '2h', target: o.rate ?? 1000 }] },
        {
          id: 'geo',
          kind: 'loadbalancer',
          healthCheckInterval: 10,
          maxConnections: 100000,
          ...(o.routing ? { routing: o.routing } : {}),
        } as NodeInput,
        api('api-east', 'us-east-1', 4),
        api('api-west', 'us-west-2', 4),
      ],
      edges,
      faults: o.faults ?? [],
    }),
  );
}

describe('weighted routing', () => {
  it('splits the requests by weight: the targets get weight / sum of the rate, and nothing is lost', () => {
    const s = system({ weights: [3, 1] });
    s.runUntil(60);
    const east = series(s, 'request_rate', 'api-east')(59);
    const west = series(s, 'request_rate', 'api-west')(59);
    expect(east).toBeCloseTo(750, 6);
    expect(west).toBeCloseTo(250, 6);
    expect(east + west).toBeCloseTo(series(s, 'request_rate', 'geo')(59), 6);
    expect(series(s, 'error_ratio', 'geo')(59)).toBeLessThan(1e-6);
  });

  it('a zero weight gets nothing while another target is healthy; all zero splits evenly', () => {
    const drained = system({ weights: [0, 5] });
    drained.runUntil(30);
    expect(series(drained, 'request_rate', 'api-east')(29)).toBe(0);
    expect(series(drained, 'request_rate', 'api-west')(29)).toBeCloseTo(1000, 6);
    const zero = system({ weights: [0, 0] });
    zero.runUntil(30);
    expect(series(zero, 'request_rate', 'api-east')(29)).toBeCloseTo(500, 6);
  });

  it('fails a dead region over after interval x threshold, and the survivor takes all of it', () => {
    const s = system({
      routing: { ttl: 0, failureThreshold: 3 },
      faults: [{ at: 100, target: 'api-east', type: 'dependency-outage', params: { mode: 'errors' } }],
    });
    s.runUntil(300);
    const west = series(s, 'request_rate', 'api-west');
    const geoErr = series(s, 'error_ratio', 'geo');
    expect(west(99)).toBeCloseTo(500, 6);
    // Checks at 100, 110, 120 fail: the third marks it unhealthy, the weight moves at once (TTL 0).
    expect(geoErr(105)).toBeCloseTo(0.5, 2);
    expect(west(119)).toBeCloseTo(500, 6);
    expect(west(125)).toBeCloseTo(1000, 3);
    expect(geoErr(125)).toBeLessThan(0.01);
    const flip = s.events.find((e) => e.kind === 'readiness' && e.node === 'geo');
    expect(flip?.t).toBe(120);
    expect(flip?.data?.reason).toBe('HealthCheckFailed');
    expect(flip?.text).toContain('api-east (us-east-1)');
  });

  it('without health checks the dead region keeps its weight and half the requests fail', () => {
    const s = system({
      routing: { ttl: 0, healthChecks: false },
      faults: [{ at: 100, target: 'api-east', type: 'dependency-outage', params: { mode: 'errors' } }],
    });
    s.runUntil(300);
    expect(series(s, 'error_ratio', 'geo')(299)).toBeCloseTo(0.5, 2);
  });

  it('clients follow over the DNS TTL: the shift is linear over the TTL after detection', () => {
    const s = system({
      routing: { ttl: 60, failureThreshold: 3 },
      faults: [{ at: 100, target: 'api-east', type: 'dependency-outage', params: { mode: 'errors' } }],
    });
    s.runUntil(300);
    const west = series(s, 'request_rate', 'api-west');
    // Detected at 120 s; 30 s into the TTL half the resolvers have the new answer.
    expect(west(119)).toBeCloseTo(500, 6);
    expect(west(150)).toBeGreaterThan(720);
    expect(west(150)).toBeLessThan(780);
    expect(west(190)).toBeCloseTo(1000, 6);
  });

  it('comes back when the region recovers: passes in a row give the weight back', () => {
    const s = system({
      routing: { ttl: 0 },
      faults: [
        { at: 100, duration: 200, target: 'api-east', type: 'dependency-outage', params: { mode: 'errors' } },
      ],
    });
    s.runUntil(500);
    const east = series(s, 'request_rate', 'api-east');
    expect(east(200)).toBe(0);
    expect(east(499)).toBeCloseTo(500, 6);
    const back = s.events.filter((e) => e.kind === 'readiness' && e.data?.reason === 'HealthCheckPassed');
    expect(back.map((e) => e.t)).toEqual([320]);
  });

  it('the receiving region saturates: failover into a region that cannot take the load', () => {
    // 2,600 rps, 1,300 per region; a region alone holds 4 x 500 = 2,000.
    const s = system({
      rate: 2600,
      routing: { ttl: 0 },
      faults: [{ at: 100, target: 'api-east', type: 'crash', params: { loop: true } }],
    });
    s.runUntil(200);
    const west = series(s, 'request_rate', 'api-west');
    const westErr = series(s, 'error_ratio', 'api-west');
    const westLat = series(s, 'latency_p99', 'api-west');
    expect(west(99)).toBeCloseTo(1300, 6);
    expect(westErr(99)).toBeLessThan(0.001);
    // The crash is seen by the checks at 110, 120 and 130; then the west takes everything.
    expect(west(135)).toBeGreaterThan(2590);
    expect(series(s, 'request_rate', 'api-east')(135)).toBe(0);
    expect(westErr(145)).toBeGreaterThan(0.2);
    expect(westLat(145)).toBeGreaterThan(5 * westLat(99));
    // Now the west fails its checks too: with no healthy target the router fails open (Route 53),
    // and the dead east gets its half again.
    const flips = s.events.filter((e) => e.kind === 'readiness' && e.node === 'geo');
    expect(flips.map((e) => [e.t, e.data?.target, e.data?.reason])).toEqual([
      [130, 'api-east', 'HealthCheckFailed'],
      [160, 'api-west', 'HealthCheckFailed'],
      [190, 'api-west', 'HealthCheckPassed'],
    ]);
    expect(series(s, 'request_rate', 'api-east')(170)).toBeCloseTo(1300, 3);
  });

  it('is deterministic: the same scenario and steps give the same series', () => {
    const run = () => {
      const s = system({
        rate: 2600,
        faults: [{ at: 100, target: 'api-east', type: 'crash', params: { loop: true } }],
      });
      s.runUntil(400);
      const f = series(s, 'request_rate', 'api-west');
      return Array.from({ length: 400 }, (_, t) => f(t));
    };
    expect(run()).toEqual(run());
  });

  it('set-route-weight: Route 53 answers with it after a minute, clients follow over the TTL', () => {
    const s = system({ routing: { ttl: 60 } });
    s.runUntil(100);
    const r = s.apply({ type: 'set-route-weight', target: 'geo->api-east', params: { weight: 0 } });
    expect(r.ok, r.message).toBe(true);
    expect(r.effectiveAt).toBe(220); // 60 s to INSYNC + the 60 s TTL
    expect(r.message).toContain('1 min TTL');
    s.runUntil(300);
    const east = series(s, 'request_rate', 'api-east');
    expect(east(159)).toBeCloseTo(500, 6);
    expect(east(190)).toBeGreaterThan(220);
    expect(east(190)).toBeLessThan(280);
    expect(east(225)).toBe(0);
  });

  it('drain-region: weight 0 on every target in the region; refused for a region it does not route to', () => {
    const s = system({ routing: { ttl: 0 } });
    s.runUntil(50);
    const bad = s.apply({ type: 'drain-region', target: 'geo', params: { region: 'eu-west-1' } });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('us-east-1, us-west-2');
    const notRoute = s.apply({ type: 'set-route-weight', target: 'users->geo', params: { weight: 1 } });
    expect(notRoute.ok).toBe(false);
    expect(notRoute.message).toContain('is not a weighted route');
    const r = s.apply({ type: 'drain-region', target: 'geo', params: { region: 'us-west-2' } });
    expect(r.ok, r.message).toBe(true);
    s.runUntil(200);
    const west = series(s, 'request_rate', 'api-west');
    expect(west(109)).toBeCloseTo(500, 6);
    expect(west(115)).toBe(0);
    expect(series(s, 'request_rate', 'api-east')(115)).toBeCloseTo(1000, 3);
  });

  it('region-outage takes every node of the region down (the router fails it over); degraded slows and fails them', () => {
    const down = system({
      routing: { ttl: 0 },
      faults: [{ at: 100, target: 'api-west', type: 'region-outage', params: { mode: 'down' } }],
    });
    down.runUntil(200);
    expect(series(down, 'error_ratio', 'api-west')(105)).toBe(1);
    expect(series(down, 'error_ratio', 'api-east')(105)).toBeLessThan(0.001);
    expect(series(down, 'request_rate', 'api-east')(150)).toBeCloseTo(1000, 3);

    const degraded = system({
      routing: { ttl: 0 },
      faults: [
        {
          at: 100,
          target: 'api-west',
          type: 'region-outage',
          params: { mode: 'degraded', errorRate: 0.2, latencyFactor: 4 },
        },
      ],
    });
    degraded.runUntil(200);
    const err = series(degraded, 'error_ratio', 'api-west');
    expect(err(150)).toBeCloseTo(0.2, 2);
    // Under half failing: it keeps passing its checks and its weight.
    expect(series(degraded, 'request_rate', 'api-west')(150)).toBeCloseTo(500, 0);
    expect(series(degraded, 'latency_p50', 'api-west')(150)).toBeGreaterThan(
      3 * series(degraded, 'latency_p50', 'api-west')(99),
    );
  });

  it('region-outage needs a node with a region', () => {
    const s = system();
    const r = s.inject({ type: 'region-outage', target: 'geo', at: 10 });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('geo has no "region"');
  });
});
