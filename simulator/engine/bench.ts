/**
 * Engine benchmark: node-ticks per second on synthetic graphs, milliseconds per simulated hour of
 * given scenarios, and heap growth per tick in steady state. Pure TypeScript: the caller supplies
 * the clock and the heap probe (the CLI passes performance.now and process.memoryUsage).
 */
import type { Scenario, ScenarioInput } from '../scenario/schema';
import { Rng } from '../random/prng';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario } from './testing';

export interface BenchProbes {
  now(): number; // milliseconds
  heapUsed?(): number; // bytes
  gc?(): void;
}

/** The synthetic graphs: `layered` (every node receives traffic) and `legacy` (the original one). */
export const BENCH_GRAPHS = ['layered', 'legacy'] as const;
export type BenchGraph = (typeof BENCH_GRAPHS)[number];

export interface BenchResult {
  /** Best-of-3 node-ticks per second, per graph and size (`n100`, `n1000`, `n10000`). */
  nodeTicksPerSecond: Partial<Record<BenchGraph, Record<string, number>>>;
  /** Share of service nodes with a request rate above 0 after the warm-up, per graph and size. */
  servicesWithTraffic: Partial<Record<BenchGraph, Record<string, number>>>;
  msPerSimulatedHour: Record<string, number>;
  heapBytesPerTick: number;
}

type EdgeInput = NonNullable<ScenarioInput['edges']>[number];

const ids = (prefix: string, k: number) => Array.from({ length: k }, (_, i) => `${prefix}${i}`);

/** Node counts per kind for an n-node graph (the same mix for both graphs). */
function mix(n: number) {
  const count = (share: number) => Math.max(1, Math.round(n * share));
  const clients = count(0.01);
  const lbs = count(0.01);
  const dns = count(0.005);
  const dbs = count(0.08);
  const caches = count(0.08);
  const queues = count(0.04);
  const externals = count(0.05);
  const services = Math.max(1, n - clients - lbs - dns - dbs - caches - queues - externals);
  return { clients, lbs, dns, dbs, caches, queues, externals, services };
}

/** Adds an edge once (no self-loops, no duplicates). */
function edgeList() {
  const edges: EdgeInput[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, extra: Partial<EdgeInput> = {}) => {
    const key = `${from}->${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, ...extra });
  };
  return { edges, add };
}

/** Nodes of every kind but services and queues, with the same parameters in both graphs. */
function commonNodes(rng: Rng, m: ReturnType<typeof mix>, nodes: ScenarioInput['nodes']) {
  ids('dns', m.dns).forEach((id) => nodes.push({ id, kind: 'dns', replicas: 4, qpsPerReplica: 20000 }));
  ids('client', m.clients).forEach((id) =>
    nodes.push({ id, kind: 'client', stages: [{ duration: '1h', target: 50 + rng.int(150) }] }),
  );
  ids('lb', m.lbs).forEach((id) => nodes.push({ id, kind: 'loadbalancer' }));
}

function serviceNode(rng: Rng, id: string): ScenarioInput['nodes'][number] {
  return {
    id,
    kind: 'service',
    replicas: 2 + rng.int(6),
    concurrency: 50,
    serviceTime: 0.005 + rng.next() * 0.02,
    cpuPerRequest: 0.002,
  };
}

/**
 * The n-node synthetic system the benchmark runs: clients -> load balancers -> layers of services
 * -> data stores, queues and providers, where every node receives traffic.
 * - Services sit in 4 layers (10%, 20%, 30%, 40% of them). Every load balancer fronts a slice of
 *   the entry layer (routing each request to one of them) and every entry service sits behind
 *   one; every service of a deeper layer has
 *   a parent in the layer above (round robin), and a quarter get a second, random parent.
 * - Every service calls one sink (database, cache, provider, or an async enqueue to a queue),
 *   round robin, so every sink has callers; a fifth of those calls resolve through a DNS node.
 * - Queues are drained by services of the last layer.
 * It is a DAG, so the topological order has no back edges.
 */
export function layeredScenario(n: number, seed = 1): Scenario {
  const rng = new Rng(seed);
  const m = mix(n);
  const nodes: ScenarioInput['nodes'] = [];
  const { edges, add } = edgeList();
  commonNodes(rng, m, nodes);
  const svc = ids('svc', m.services);
  // Layer boundaries: shares 0.1, 0.2, 0.3, 0.4 (cumulative 0.1, 0.3, 0.6), each at least 1 service.
  const cut = (share: number, min: number) =>
    Math.min(m.services, Math.max(min, Math.round(m.services * share)));
  const c1 = cut(0.1, 1);
  const c2 = Math.max(c1, cut(0.3, c1 + 1));
  const c3 = Math.max(c2, cut(0.6, c2 + 1));
  const layers = [svc.slice(0, c1), svc.slice(c1, c2), svc.slice(c2, c3), svc.slice(c3)].filter(
    (l) => l.length > 0,
  );
  svc.forEach((id) => nodes.push(serviceNode(rng, id)));
  ids('db', m.dbs).forEach((id) => nodes.push({ id, kind: 'database' }));
  ids('cache', m.caches).forEach((id) => nodes.push({ id, kind: 'cache' }));
  const last = layers[layers.length - 1]!;
  ids('queue', m.queues).forEach((id, i) =>
    nodes.push({ id, kind: 'queue', consumers: [last[i % last.length]!] }),
  );
  ids('ext', m.externals).forEach((id) => nodes.push({ id, kind: 'external', latency: 0.05 }));

  // Entry: clients -> load balancers -> the entry layer.
  const lbs = ids('lb', m.lbs);
  ids('client', m.clients).forEach((c, i) => add(c, lbs[i % lbs.length]!));
  const entry = layers[0]!;
  // A load balancer routes each request to one of its services: calls 1/k to each of k (an edge
  // with callsPerRequest 1 would send every request to all of them, one after the other).
  const fronted = lbs.map(() => [] as string[]);
  for (let k = 0; k < Math.max(entry.length, lbs.length); k++)
    fronted[k % lbs.length]!.push(entry[k % entry.length]!);
  lbs.forEach((lb, i) => {
    const backends = fronted[i]!;
    for (const s of backends) add(lb, s, { callsPerRequest: 1 / backends.length });
  });
  // Layers: each service has a parent in the layer above; a quarter have a second one.
  for (let l = 1; l < layers.length; l++) {
    const above = layers[l - 1]!;
    layers[l]!.forEach((s, j) => {
      const call = { callsPerRequest: 0.5, timeout: 2, retries: 1 };
      add(above[j % above.length]!, s, call);
      if (rng.next() < 0.25) add(above[rng.int(above.length)]!, s, call);
    });
  }
  // Sinks: every service calls one, round robin over the sinks so each has callers.
  const queues = new Set(ids('queue', m.queues));
  const sinks = [...ids('db', m.dbs), ...ids('cache', m.caches), ...queues, ...ids('ext', m.externals)];
  const dns = ids('dns', m.dns);
  let lookups = 0;
  for (let k = 0; k < Math.max(svc.length, sinks.length); k++) {
    const to = sinks[k % sinks.length]!;
    const from = svc[k % svc.length]!;
    if (queues.has(to)) add(from, to, { mode: 'async' });
    else if (k % 5 === 0) add(from, to, { dns: dns[lookups++ % dns.length]! });
    else add(from, to);
  }
  return makeScenario({ id: `synthetic-layered-${n}`, nodes, edges, seed, duration: '1h' });
}

/**
 * The original synthetic graph (`bench --graph legacy`), kept so numbers stay comparable with
 * earlier measurements. Each service calls one random "later" service, and load balancers front
 * only 3 services each, so about 64% of the services receive no traffic at all.
 */
export function legacyScenario(n: number, seed = 1): Scenario {
  const rng = new Rng(seed);
  const nodes: ScenarioInput['nodes'] = [];
  const m = mix(n);
  const { clients, lbs, dns, dbs, caches, queues, externals, services } = m;
  const svc = ids('svc', services);
  const pick = (list: string[]) => list[rng.int(list.length)]!;
  commonNodes(rng, m, nodes);
  svc.forEach((id) => nodes.push(serviceNode(rng, id)));
  ids('db', dbs).forEach((id) => nodes.push({ id, kind: 'database' }));
  ids('cache', caches).forEach((id) => nodes.push({ id, kind: 'cache' }));
  ids('queue', queues).forEach((id) => nodes.push({ id, kind: 'queue', consumers: [pick(svc)] }));
  ids('ext', externals).forEach((id) => nodes.push({ id, kind: 'external', latency: 0.05 }));
  const sinks = [
    ...ids('db', dbs),
    ...ids('cache', caches),
    ...ids('queue', queues),
    ...ids('ext', externals),
  ];
  const { edges, add: edge } = edgeList();
  ids('client', clients).forEach((c, i) => edge(c, `lb${i % lbs}`));
  // Each lb fronts a slice of services; services call "later" services (a DAG) and data stores.
  ids('lb', lbs).forEach((lb, i) => {
    for (let k = 0; k < 3; k++) edge(lb, svc[(i * 7 + k) % services]!);
  });
  svc.forEach((s, i) => {
    const later = services - i - 1;
    if (later > 0)
      edge(s, svc[i + 1 + rng.int(Math.min(later, 50))]!, { callsPerRequest: 0.5, timeout: 2, retries: 1 });
    edge(s, pick(sinks), { dns: rng.next() < 0.2 ? `dns${rng.int(dns)}` : undefined, mode: 'sync' });
  });
  return makeScenario({ id: `synthetic-${n}`, nodes, edges, seed, duration: '1h' });
}

/** The n-node synthetic graph the benchmark runs (layered unless asked for the legacy one). */
export function syntheticScenario(n: number, seed = 1, graph: BenchGraph = 'layered'): Scenario {
  return graph === 'legacy' ? legacyScenario(n, seed) : layeredScenario(n, seed);
}

function time(probes: BenchProbes, fn: () => void): number {
  const start = probes.now();
  fn();
  return probes.now() - start;
}

/** Share of the service nodes of a running simulation whose latest request rate is above 0. */
export function shareOfServicesWithTraffic(sim: Simulation, scenario: Scenario): number {
  let services = 0;
  let reached = 0;
  for (const node of scenario.nodes) {
    if (node.kind !== 'service') continue;
    services++;
    if (sim.metrics.latest(sim.metrics.find('request_rate', node.id)) > 0) reached++;
  }
  return services === 0 ? 0 : reached / services;
}

/**
 * Node-ticks per second on the n-node synthetic graph: the best of `runs` timed runs of
 * `budgetNodeTicks` each. Best, not mean: on a shared 2-core VM other tenants only ever slow a run
 * down (we measured +-30% between consecutive runs), so the fastest run is the closest to the code's
 * own speed. Also returns the share of services that received traffic after the warm-up.
 */
export function measureGraph(
  n: number,
  probes: BenchProbes,
  graph: BenchGraph = 'layered',
  budgetNodeTicks = 2e7,
  runs = 3,
): { nodeTicksPerSecond: number; servicesWithTraffic: number } {
  const scenario = syntheticScenario(n, 1, graph);
  const sim = createSimulation(scenario, { historyTicks: 32, logCapacity: 64, traceCapacity: 8 });
  for (let k = 0; k < 100; k++) sim.step(); // warm-up (JIT, steady state)
  const servicesWithTraffic = shareOfServicesWithTraffic(sim, scenario);
  const ticks = Math.max(50, Math.round(budgetNodeTicks / n));
  let best = 0;
  for (let r = 0; r < runs; r++) {
    const ms = time(probes, () => {
      for (let k = 0; k < ticks; k++) sim.step();
    });
    best = Math.max(best, (scenario.nodes.length * ticks) / (ms / 1000));
  }
  return { nodeTicksPerSecond: best, servicesWithTraffic };
}

/** Node-ticks per second on the n-node synthetic graph (best of `runs`). */
export function nodeTicksPerSecond(
  n: number,
  probes: BenchProbes,
  budgetNodeTicks = 2e7,
  runs = 3,
  graph: BenchGraph = 'layered',
): number {
  return measureGraph(n, probes, graph, budgetNodeTicks, runs).nodeTicksPerSecond;
}

/**
 * Milliseconds to simulate one hour of `scenario` with the app's defaults (full metric history),
 * best of `runs` after `warmups` untimed runs. The first runs of a scenario in a process pay for
 * V8 compiling its code paths (we saw 150 ms, 105 ms, then 20 ms); the target is about the engine
 * in steady state, as in a game day where the same worker runs for hours.
 */
export function msPerSimulatedHour(scenario: Scenario, probes: BenchProbes, runs = 5, warmups = 2): number {
  let best = Infinity;
  for (let r = 0; r < warmups + runs; r++) {
    const sim = createSimulation(scenario);
    probes.gc?.(); // the previous run's history is garbage: collect it outside the timed window
    const ms = time(probes, () => sim.runUntil(3600));
    if (r >= warmups) best = Math.min(best, ms);
  }
  return best;
}

/** Heap growth per tick after warm-up (0 when step() allocates nothing that survives). */
export function heapBytesPerTick(probes: BenchProbes, n = 1000, ticks = 20000): number {
  if (!probes.heapUsed) return NaN;
  const sim = createSimulation(syntheticScenario(n), { historyTicks: 64, logCapacity: 64, traceCapacity: 8 });
  for (let k = 0; k < 500; k++) sim.step();
  probes.gc?.();
  const before = probes.heapUsed();
  for (let k = 0; k < ticks; k++) sim.step();
  probes.gc?.();
  const after = probes.heapUsed();
  return Math.max(0, after - before) / ticks;
}

export function runBenchmark(
  scenarios: readonly Scenario[],
  probes: BenchProbes,
  sizes = [100, 1000, 10000],
  graphs: readonly BenchGraph[] = BENCH_GRAPHS,
): BenchResult {
  const result: BenchResult = {
    nodeTicksPerSecond: {},
    servicesWithTraffic: {},
    msPerSimulatedHour: {},
    heapBytesPerTick: NaN,
  };
  for (const graph of graphs) {
    const speed: Record<string, number> = (result.nodeTicksPerSecond[graph] = {});
    const reached: Record<string, number> = (result.servicesWithTraffic[graph] = {});
    for (const n of sizes) {
      const m = measureGraph(n, probes, graph);
      speed[`n${n}`] = Math.round(m.nodeTicksPerSecond);
      reached[`n${n}`] = Math.round(m.servicesWithTraffic * 1000) / 1000;
    }
  }
  for (const s of scenarios)
    result.msPerSimulatedHour[s.id] = Math.round(msPerSimulatedHour(s, probes) * 100) / 100;
  result.heapBytesPerTick = Math.round(heapBytesPerTick(probes) * 100) / 100;
  return result;
}
