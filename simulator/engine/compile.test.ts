import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/schema';
import { CompileError, KIND_CODES, compile } from './compile';
import { createSimulation } from './index';
import { makeScenario } from './testing';

/** Every kind, each serving traffic: client -> lb -> api -> db, cache, queue (-> worker), external; DNS on a call. */
const everyKind = () =>
  makeScenario({
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
      { id: 'lb', kind: 'loadbalancer' },
      { id: 'api', kind: 'service', replicas: 4 },
      { id: 'worker', kind: 'service' },
      { id: 'db', kind: 'database' },
      { id: 'cache', kind: 'cache' },
      { id: 'jobs', kind: 'queue', consumers: ['worker'] },
      { id: 'coredns', kind: 'dns' },
      { id: 'psp', kind: 'external' },
    ],
    edges: [
      { from: 'users', to: 'lb' },
      { from: 'lb', to: 'api' },
      { from: 'api', to: 'cache' },
      { from: 'api', to: 'db' },
      { from: 'api', to: 'jobs', mode: 'async' },
      { from: 'api', to: 'psp', dns: 'coredns' },
    ],
  });

describe('compile: node kinds', () => {
  it('stores each node kind as its catalog code and groups nodes by kind', () => {
    const model = compile(everyKind());
    for (let i = 0; i < model.n; i++) expect(KIND_CODES[model.kind[i]!]).toBe(model.nodes[i]!.kind);
    for (let k = 0; k < KIND_CODES.length; k++)
      for (let i = model.kindStart[k]!; i < model.kindEnd[k]!; i++) expect(model.kind[i]).toBe(k);
  });

  it('rejects a kind the catalog does not know with the JSON path of the node, never code 255', () => {
    const scenario = everyKind();
    const bad = {
      ...scenario,
      nodes: [...scenario.nodes.slice(0, 3), { id: 'mf', kind: 'mainframe' }, ...scenario.nodes.slice(3)],
    } as unknown as Scenario;
    expect(() => compile(bad)).toThrow(CompileError);
    expect(() => compile(bad)).toThrow(
      /^nodes\[3\]\.kind: unknown node kind "mainframe" on node "mf"; valid kinds are client, /,
    );
  });

  it('records latency for every kind that serves requests, not only services', () => {
    const sim = createSimulation(everyKind(), { seed: 1 });
    sim.runUntil(60);
    for (const id of ['users', 'lb', 'api', 'worker', 'db', 'cache', 'jobs', 'coredns', 'psp']) {
      for (const metric of ['request_rate', 'latency_p50', 'latency_p99', 'latency_mean']) {
        const series = sim.metrics.find(metric, id);
        expect(series, `${metric}{node="${id}"}`).toBeGreaterThanOrEqual(0);
        const value = sim.metrics.latest(series);
        expect(Number.isFinite(value) && value > 0, `${metric}{node="${id}"} = ${value}`).toBe(true);
      }
    }
  });
});
