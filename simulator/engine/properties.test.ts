/**
 * Invariants over random valid topologies (fast-check): requests are conserved at every node
 * (offered = served + failed + still queued), no metric is NaN, infinite or negative, ratios stay
 * in [0, 1], and the same scenario + seed + actions gives bit-identical metrics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_TYPES, type ScenarioInput } from '../scenario/schema';
import { FAULT_CATALOG } from './faults';
import { createSimulation } from './index';
import { METRICS } from './metric-names';
import type { SimulationImpl } from './simulation';
import { makeScenario } from './testing';

const KINDS = [
  'service',
  'service',
  'service',
  'database',
  'cache',
  'queue',
  'external',
  'dns',
  'loadbalancer',
] as const;

const topology = fc
  .record({
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 8 }),
    clients: fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 2 }),
    edgeSeeds: fc.array(
      fc.tuple(fc.nat(), fc.nat(), fc.nat(4), fc.boolean(), fc.double({ min: 0.01, max: 30, noNaN: true })),
      { maxLength: 14 },
    ),
    params: fc.array(
      fc.tuple(
        fc.nat(20),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      { minLength: 8, maxLength: 8 },
    ),
    faults: fc.array(
      fc.tuple(fc.constantFrom(...FAULT_TYPES), fc.nat(), fc.nat(120), fc.option(fc.nat(120))),
      { maxLength: 4 },
    ),
    seed: fc.nat(),
  })
  .map(({ kinds, clients, edgeSeeds, params, faults, seed }) => {
    const nodes: ScenarioInput['nodes'] = [];
    clients.forEach((rate, k) =>
      nodes.push({
        id: `client${k}`,
        kind: 'client',
        stages: [
          { duration: '1m', target: rate },
          { duration: '1m', target: rate / 3 },
        ],
      }),
    );
    const dnsIds: string[] = [];
    kinds.forEach((kind, k) => {
      const id = `${kind}${k}`;
      const [replicas, time, ratio] = params[k]!;
      switch (kind) {
        case 'service':
          nodes.push({
            id,
            kind,
            replicas,
            serviceTime: time,
            errorRate: ratio / 10,
            concurrency: 1 + replicas * 3,
            cpuPerRequest: time / 5,
            cpuLimit: 0.5,
            queueLimit: replicas * 5,
            autoscaler: ratio > 0.7 ? { metric: 'cpu', target: 0.6, syncPeriod: 15 } : undefined,
          });
          break;
        case 'database':
          nodes.push({
            id,
            kind,
            maxConnections: 1 + replicas * 5,
            queryTime: time / 10,
            readReplicas: replicas % 2,
          });
          break;
        case 'cache':
          nodes.push({
            id,
            kind,
            hitRatio: ratio,
            maxMemoryMb: 10,
            usedMemoryMb: 9,
            writeGrowthKb: 5,
            policy: replicas % 2 ? 'noeviction' : 'allkeys-lru',
          });
          break;
        case 'queue':
          nodes.push({
            id,
            kind,
            consumers: [],
            maxMemoryMb: 1 + replicas,
            policy: replicas % 2 ? 'noeviction' : 'allkeys-lru',
          });
          break;
        case 'external':
          nodes.push({
            id,
            kind,
            latency: time,
            errorRate: ratio / 5,
            rateLimit: replicas > 10 ? replicas * 20 : undefined,
          });
          break;
        case 'dns':
          nodes.push({ id, kind, replicas: replicas % 4, qpsPerReplica: 100 + replicas * 50 });
          dnsIds.push(id);
          break;
        case 'loadbalancer':
          nodes.push({ id, kind, maxConnections: 5 + replicas * 10 });
          break;
      }
    });
    const ids = nodes.map((n) => n.id);
    const services = nodes.filter((n) => n.kind === 'service').map((n) => n.id);
    for (const node of nodes)
      if (node.kind === 'queue' && services.length)
        node.consumers = [services[ids.indexOf(node.id) % services.length]!];
    const seen = new Set<string>();
    const edges: NonNullable<ScenarioInput['edges']> = [];
    for (const [a, b, retries, optional, timeout] of edgeSeeds) {
      const from = ids[a % ids.length]!;
      const to = ids.filter((id) => !id.startsWith('client'))[b % (ids.length - clients.length)];
      if (!to || from === to || seen.has(`${from}->${to}`) || to.startsWith('dns')) continue;
      seen.add(`${from}->${to}`);
      edges.push({
        from,
        to,
        retries,
        optional,
        timeout,
        dns: dnsIds.length && b % 3 === 0 ? dnsIds[0] : undefined,
        circuitBreaker: retries === 4 ? { errorThreshold: 0.5, openFor: 10 } : undefined,
      });
    }
    const faultList: NonNullable<ScenarioInput['faults']> = [];
    for (const [type, pick, at, duration] of faults) {
      const doc = FAULT_CATALOG[type];
      if (doc.appliesTo.includes('edge')) {
        if (edges.length)
          faultList.push({
            type,
            at,
            duration: duration ?? undefined,
            target: `${edges[pick % edges.length]!.from}->${edges[pick % edges.length]!.to}`,
          });
        continue;
      }
      const targets = nodes.filter((n) => doc.appliesTo.includes(n.kind));
      if (targets.length)
        faultList.push({
          type,
          at,
          duration: duration ?? undefined,
          target: targets[pick % targets.length]!.id,
        });
    }
    return makeScenario({ nodes, edges, faults: faultList, seed, duration: '5m' });
  });

const RATIOS = new Set(METRICS.filter((m) => m.unit === 'ratio').map((m) => m.name));

describe('engine invariants over random topologies', () => {
  it('conserves requests, keeps every value finite, non-negative and ratios in [0,1]', () => {
    fc.assert(
      fc.property(topology, (scenario) => {
        const sim = createSimulation(scenario) as SimulationImpl;
        sim.runUntil(200);
        for (const node of scenario.nodes) {
          const t = sim.totals(node.id)!;
          const total = t.served + t.failed + t.queued;
          expect(Math.abs(t.offered - total)).toBeLessThanOrEqual(1e-6 * Math.max(1, t.offered));
        }
        const m = sim.metrics;
        for (const s of m.series) {
          const values = m.read(s.index);
          for (const v of values) {
            if (!Number.isFinite(v) || v < 0)
              throw new Error(`${s.metric}${JSON.stringify(s.labels)} = ${v}`);
            if (RATIOS.has(s.metric) && v > 1 + 1e-12)
              throw new Error(`${s.metric}${JSON.stringify(s.labels)} = ${v} > 1`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic: same scenario, seed and timed actions give bit-identical metrics', () => {
    fc.assert(
      fc.property(topology, (scenario) => {
        const run = () => {
          const sim = createSimulation(scenario);
          sim.runUntil(50);
          const target = scenario.nodes.find((n) => n.kind === 'service');
          if (target) sim.apply({ type: 'scale', target: target.id, params: { replicas: 3 } });
          sim.runUntil(120);
          return sim.metrics.series.map((s) => Array.from(sim.metrics.read(s.index)));
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 20 },
    );
  });

  it('different seeds give different noise', () => {
    const build = (seed: number) => {
      const sim = createSimulation(
        makeScenario({
          nodes: [{ id: 'c', kind: 'client', stages: [{ duration: '1m', target: 100 }], noise: 0.03 }],
          seed,
        }),
      );
      sim.runUntil(20);
      return Array.from(sim.metrics.read(sim.metrics.find('request_rate', 'c')));
    };
    expect(build(1)).toEqual(build(1));
    expect(build(1)).not.toEqual(build(2));
  });
});
