/**
 * Compiles a parsed scenario into a static model: node ids -> indices (grouped by kind, so a
 * metric's series are contiguous slices of the state arrays), CSR adjacency, a topological order
 * and per-node/per-edge parameters as typed arrays. Nothing here changes while the simulation runs
 * except through actions, which write into these same arrays.
 */
import { KIND_BY_CODE, KIND_CODE, KIND_COUNT, NODE_KINDS, isNodeKind } from '../scenario/node-kinds';
import type { NodeKind, Scenario, ScenarioNode } from '../scenario/schema';
import { parseEdgeTarget } from './actions';
import { delayLineStarts } from './delay-line';
import { compileDisks, type DiskModel } from './disk-model';
import { compileKeyspaces, type KeyspaceModel } from './cache-keyspace';
import { compileRouting, initialCalls, type RoutingModel } from './routing';

/** Code -> kind, from the catalog (simulator/scenario/node-kinds.ts). */
export const KIND_CODES: readonly NodeKind[] = KIND_BY_CODE;
// Named codes with literal types (SERVICE: 2): the passes' local copies are typed `typeof SERVICE`.
export const CLIENT = KIND_CODE.client;
export const LB = KIND_CODE.loadbalancer;
export const SERVICE = KIND_CODE.service;
export const DATABASE = KIND_CODE.database;
export const CACHE = KIND_CODE.cache;
export const QUEUE = KIND_CODE.queue;
export const DNS = KIND_CODE.dns;
export const EXTERNAL = KIND_CODE.external;

/**
 * The code of a node's kind. A kind the catalog does not know (a scenario that skipped validation)
 * is an error naming the node's JSON path, never code 255 from `indexOf` in a Uint8Array.
 */
function kindCodeOf(node: ScenarioNode, position: number): number {
  const kind: unknown = node.kind;
  if (!isNodeKind(kind))
    throw new CompileError(
      `nodes[${position}].kind: unknown node kind ${JSON.stringify(kind)} on node "${node.id}"; valid kinds are ${NODE_KINDS.join(', ')}`,
    );
  return KIND_CODE[kind];
}

/** Cold start of a CoreDNS-like resolver replica (not a scenario parameter). */
export const DNS_COLD_START = 10;
/** An edge's `jitter`, by code (Model.jitter). */
export const JITTER_CODES = ['none', 'full', 'equal'] as const;

export interface Model {
  readonly n: number;
  readonly m: number;
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly nodes: readonly ScenarioNode[];
  readonly kind: Uint8Array;
  /** [start, end) of each kind's index range (nodes are sorted by kind). */
  readonly kindStart: Int32Array;
  readonly kindEnd: Int32Array;
  /** Callers before callees; a back edge (cycle) reads the previous tick. */
  readonly topo: Int32Array;
  /** Per node: the node its image is pulled from (service `imageRegistry`; -1: none), image-pull.ts. */
  readonly registry: Int32Array;
  /** An external node's `reachedVia` (CSR: node i's hops are reachVia[reachStart[i] .. reachStart[i + 1])). */
  readonly reachStart: Int32Array;
  readonly reachVia: Int32Array;
  /** alerting.scrapeVia: the nodes Prometheus's scrapes go through (scrape-path.ts). */
  readonly scrapeVia: Int32Array;
  /** Per node: 1 when its scrapes go through scrapeVia (alerting.scrapeTargets; all when omitted). */
  readonly scrapeTarget: Uint8Array;

  // edges
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** CSR by caller: the out-edges of i are outStart[i]..outStart[i+1]-1 (edges are numbered by caller). */
  readonly outStart: Int32Array;
  /** Identity (outEdges[x] === x); kept for readers that walk the CSR generically. */
  readonly outEdges: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  readonly edgeIndex: ReadonlyMap<string, number>; // "from->to"
  readonly calls: Float64Array;
  readonly timeout: Float64Array;
  readonly retries: Float64Array;
  readonly backoff: Float64Array;
  /** Cap on one backoff (seconds). */
  readonly maxBackoff: Float64Array;
  /** 0 none, 1 full, 2 equal (JITTER_CODES). */
  readonly jitter: Uint8Array;
  /** Retries per call at most (a share of the calls); Infinity = no budget. Mutable by set-retry-budget. */
  readonly retryBudget: Float64Array;
  /** Background calls per second per ready caller replica (polling, heartbeats). */
  readonly perReplicaRate: Float64Array;
  readonly optional: Uint8Array;
  readonly async: Uint8Array;
  readonly edgeDns: Int32Array; // -1 = none
  readonly lookups: Float64Array;
  readonly cbThreshold: Float64Array; // 0 = no breaker
  readonly cbOpenFor: Float64Array;
  readonly edgePool: Float64Array; // connections per caller replica (Infinity = unbounded)
  readonly edgeRateLimit: Float64Array; // Infinity = none
  /**
   * Each edge's slots in State.timeoutLine (delay-line.ts): start[e] .. start[e + 1] - 1. Not
   * readonly: a set-timeout on a call laid out short replaces it (lengthenLine).
   */
  timeoutLineStart: Int32Array;
  /** Edges a caller's readiness probe calls (deep health checks), in edge order. */
  readonly healthEdges: Int32Array;
  /** Per edge: 1 while the caller's readiness probe calls the callee (an action can turn it off). */
  readonly healthProbe: Uint8Array;

  // dns: edges resolving through each dns node (CSR)
  readonly dnsStart: Int32Array;
  readonly dnsEdges: Int32Array;
  // queues: consumers (CSR over queue nodes) and consumed queues (CSR over services)
  readonly consStart: Int32Array;
  readonly consumers: Int32Array;
  readonly consumedStart: Int32Array;
  readonly consumed: Int32Array;

  // client stages, flattened
  readonly stageStart: Int32Array;
  readonly stageEnd: Float64Array; // cumulative end time of each stage
  readonly stageTarget: Float64Array;
  /** Rate at t = 0, where a client's first stage ramps from (k6 startRate). */
  readonly startRate: Float64Array;
  readonly diurnal: Uint8Array;
  readonly noise: Float64Array;
  /** Client resend (demand.ts): at most this multiple of the own rate resent per second; 0 = off. */
  readonly resendFactor: Float64Array;
  /** Client resend: failed requests kept to resend, at most. */
  readonly resendMax: Float64Array;
  readonly duration: number;

  // node parameters (all mutable by actions); unused per kind stay 0
  readonly concurrency: Float64Array;
  readonly serviceTime: Float64Array; // service: serviceTime; db: queryTime; external: latency; lb: latency
  readonly cpuPerRequest: Float64Array;
  readonly cpuLimit: Float64Array; // service: per replica; db: cores
  readonly memoryBase: Float64Array;
  readonly memoryLimit: Float64Array;
  readonly errorRate: Float64Array;
  readonly coldStart: Float64Array;
  readonly queueLimit: Float64Array;
  readonly sidecarCpu: Float64Array;
  readonly sidecarLatency: Float64Array;
  readonly maxConnections: Float64Array; // lb, db
  readonly healthInterval: Float64Array;
  readonly readReplicas: Float64Array;
  readonly opsCapacity: Float64Array;
  readonly hitRatio: Float64Array;
  readonly maxMemoryMb: Float64Array; // cache, queue
  readonly writeGrowthKb: Float64Array;
  readonly lruPolicy: Uint8Array; // cache/queue: 1 = allkeys-lru
  /** Service: how requests spread over replicas, BAL_LEAST_REQUEST (0, pooled), BAL_RANDOM, BAL_ROUND_ROBIN. */
  readonly balancer: Uint8Array;
  readonly messageKb: Float64Array;
  readonly qpsPerReplica: Float64Array;
  readonly ndots: Float64Array;
  readonly resolverTimeout: Float64Array;
  readonly rateLimit: Float64Array; // Infinity = none
  readonly initialReplicas: Float64Array;
  readonly initialBacklog: Float64Array;
  readonly initialMemory: Float64Array; // cache used memory
  // autoscaler: metric code (AS_CODES) 0 none, 1 cpu, 2 latency_p99, 3 queue_depth, 4 inflight, 5 requests_per_second
  readonly asMetric: Uint8Array;
  readonly asTarget: Float64Array;
  readonly asMin: Float64Array;
  readonly asMax: Float64Array;
  readonly asPeriod: Float64Array;
  // probes (service): period 0 = no such probe. Actions (set-probe) write into these.
  readonly livePeriod: Float64Array;
  readonly liveTimeout: Float64Array;
  readonly liveFailures: Float64Array;
  readonly liveDelay: Float64Array;
  /** 1: the probe also calls the healthCheck edges (a deep check). */
  readonly liveDeep: Uint8Array;
  readonly readyPeriod: Float64Array;
  readonly readyTimeout: Float64Array;
  readonly readyFailures: Float64Array;
  readonly readySuccesses: Float64Array;
  readonly readyDelay: Float64Array;
  readonly readyDeep: Uint8Array;
  readonly versions: string[];
  /** Volumes of the nodes that have one (disk-model.ts), compact by slot. */
  readonly disk: DiskModel;
  /** Caches: the keys behind the hit ratio (cache-keyspace.ts). */
  readonly keyspace: KeyspaceModel;
  /** Regions, and the load balancers that split their requests by weight (routing.ts). */
  readonly routing: RoutingModel;
}

export const BAL_LEAST_REQUEST = 0;
export const BAL_RANDOM = 1;
export const BAL_ROUND_ROBIN = 2;
const BAL_CODES = {
  'least-request': BAL_LEAST_REQUEST,
  random: BAL_RANDOM,
  'round-robin': BAL_ROUND_ROBIN,
} as const;
export const AS_CODES = {
  cpu: 1,
  latency_p99: 2,
  queue_depth: 3,
  inflight: 4,
  requests_per_second: 5,
} as const;

export class CompileError extends Error {}

/**
 * Compressed sparse rows: the items of each key, contiguous. Items are listed in the order
 * `sequence` visits them (default: by item number).
 */
function csr(
  count: number,
  keys: ArrayLike<number>,
  items: number,
  sequence?: ArrayLike<number>,
): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let k = 0; k < items; k++) start[(keys[k] as number) + 1]!++;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, count);
  const list = new Int32Array(items);
  for (let s = 0; s < items; s++) {
    const k = sequence ? (sequence[s] as number) : s;
    list[fill[keys[k] as number]!++] = k;
  }
  return { start, list };
}

export function compile(scenario: Scenario): Model {
  const codes = scenario.nodes.map(kindCodeOf);
  // Grouped by kind (contiguous metric slices), and by call order within a kind so the passes,
  // which walk the topological order, mostly stream through the state arrays.
  const rank = callOrderRank(scenario);
  const order = scenario.nodes
    .map((node, i) => ({ node, i }))
    .sort(
      (a, b) =>
        codes[a.i]! - codes[b.i]! || (rank.get(a.node.id) ?? a.i) - (rank.get(b.node.id) ?? b.i) || a.i - b.i,
    )
    .map((x) => x.node);
  const n = order.length;
  const index = new Map<string, number>();
  order.forEach((node, i) => {
    if (index.has(node.id)) throw new CompileError(`duplicate node id "${node.id}"`);
    index.set(node.id, i);
  });
  const look = (id: string, where: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new CompileError(`${where} names unknown node "${id}"`);
    return i;
  };

  const kind = new Uint8Array(n);
  const kindStart = new Int32Array(KIND_COUNT).fill(n);
  const kindEnd = new Int32Array(KIND_COUNT).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    const k = KIND_CODE[order[i]!.kind]; // known: kindCodeOf checked every node above
    kind[i] = k;
    kindStart[k] = i;
  }
  for (let k = 0; k < KIND_COUNT; k++) {
    let end = kindStart[k]!;
    while (end < n && kind[end] === k) end++;
    kindEnd[k] = end;
    if (kindStart[k] === n) kindEnd[k] = n;
  }

  // Edges are numbered in caller order (a node's out-edges are consecutive: outEdges[x] === x), so
  // the passes walk them without an indirection. `edgeSeq` lists the numbers in the scenario's
  // order; loops whose order decides a floating-point sum or the topological order visit edges in
  // that order, so the numbering changes no result.
  const m = scenario.edges.length;
  const callerOf = scenario.edges.map((e) => look(e.from, `edge ${e.from}->${e.to}`));
  const byCaller = scenario.edges.map((_, k) => k).sort((a, b) => callerOf[a]! - callerOf[b]! || a - b);
  const edges = byCaller.map((k) => scenario.edges[k]!);
  const edgeSeq = new Int32Array(m); // scenario position -> edge number
  byCaller.forEach((k, e) => (edgeSeq[k] = e));
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const edgeIndex = new Map<string, number>();
  const f64 = (len: number) => new Float64Array(len);
  const calls = f64(m);
  const timeout = f64(m);
  const retries = f64(m);
  const backoff = f64(m);
  const maxBackoff = f64(m);
  const jitter = new Uint8Array(m);
  const retryBudget = f64(m).fill(Infinity);
  const perReplicaRate = f64(m);
  const optional = new Uint8Array(m);
  const async = new Uint8Array(m);
  const edgeDns = new Int32Array(m).fill(-1);
  const lookups = f64(m);
  const cbThreshold = f64(m);
  const cbOpenFor = f64(m);
  const edgePool = f64(m).fill(Infinity);
  const edgeRateLimit = f64(m).fill(Infinity);
  const healthProbe = new Uint8Array(m);
  edges.forEach((e, k) => {
    from[k] = look(e.from, `edge ${e.from}->${e.to}`);
    to[k] = look(e.to, `edge ${e.from}->${e.to}`);
    const key = `${e.from}->${e.to}`;
    if (!edgeIndex.has(key)) edgeIndex.set(key, k);
    calls[k] = e.callsPerRequest;
    timeout[k] = Math.max(1e-3, e.timeout);
    retries[k] = e.retries;
    backoff[k] = e.backoff;
    maxBackoff[k] = e.maxBackoff;
    jitter[k] = JITTER_CODES.indexOf(e.jitter);
    if (e.retryBudget !== undefined) retryBudget[k] = e.retryBudget;
    perReplicaRate[k] = e.perReplicaRate;
    optional[k] = e.optional ? 1 : 0;
    async[k] = e.mode === 'async' ? 1 : 0;
    lookups[k] = e.lookupsPerCall;
    if (e.pool !== undefined) edgePool[k] = e.pool;
    healthProbe[k] = e.healthCheck ? 1 : 0;
    if (e.dns !== undefined) {
      const d = look(e.dns, `edge ${key} dns`);
      if (kind[d] !== DNS)
        throw new CompileError(`edge ${key} resolves through "${e.dns}", which is not a dns node`);
      edgeDns[k] = d;
    }
    if (e.circuitBreaker) {
      cbThreshold[k] = Math.max(1e-6, e.circuitBreaker.errorThreshold);
      cbOpenFor[k] = e.circuitBreaker.openFor;
    }
  });
  const out = csr(n, from, m);
  const inc = csr(n, to, m, edgeSeq);
  // A router's weighted calls: each request makes one of them (calls = callsPerRequest x share).
  const routing = compileRouting(order, edges, from, scenario.tickSeconds);
  initialCalls(routing, calls);

  // dns edges
  const dnsKeys: number[] = [];
  const dnsItems: number[] = [];
  for (let s = 0; s < m; s++) {
    const k = edgeSeq[s]!;
    if (edgeDns[k]! < 0) continue;
    dnsKeys.push(edgeDns[k]!);
    dnsItems.push(k);
  }
  const dnsCsr = csr(n, dnsKeys, dnsKeys.length);
  const dnsEdges = Int32Array.from(dnsCsr.list, (j) => dnsItems[j]!);

  // queue consumers
  const qKeys: number[] = [];
  const qItems: number[] = [];
  order.forEach((node, q) => {
    if (node.kind !== 'queue') return;
    for (const c of node.consumers) {
      const ci = look(c, `queue ${node.id} consumers`);
      if (kind[ci] !== SERVICE) throw new CompileError(`queue ${node.id} consumer "${c}" is not a service`);
      qKeys.push(q);
      qItems.push(ci);
    }
  });
  const consCsr = csr(n, qKeys, qKeys.length);
  const consumers = Int32Array.from(consCsr.list, (j) => qItems[j]!);
  const consumedCsr = csr(n, qItems, qItems.length);
  const consumed = Int32Array.from(consumedCsr.list, (j) => qKeys[j]!);

  // Topological order over calls, dns lookups (caller before resolver) and queue -> consumer.
  const deps: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < m; s++) {
    const k = edgeSeq[s]!;
    deps[from[k]!]!.push(to[k]!);
    if (edgeDns[k]! >= 0) deps[from[k]!]!.push(edgeDns[k]!);
  }
  for (let j = 0; j < qKeys.length; j++) deps[qKeys[j]!]!.push(qItems[j]!);
  const topo = streamingOrder(n, deps, topoOrder(n, deps, kind), kind);

  // clients
  const stageStart = new Int32Array(n + 1);
  const ends: number[] = [];
  const targets: number[] = [];
  const diurnal = new Uint8Array(n);
  const noise = f64(n);
  const resendFactor = f64(n);
  const resendMax = f64(n);
  const startRate = f64(n);
  order.forEach((node, i) => {
    stageStart[i] = ends.length;
    if (node.kind === 'client') {
      // Omitted: the first target, so the first stage holds flat (docs/authoring-scenarios.md).
      startRate[i] = node.startRate ?? node.stages[0]!.target;
      let t = 0;
      for (const s of node.stages) {
        t += s.duration;
        ends.push(t);
        targets.push(s.target);
      }
      diurnal[i] = node.shape === 'diurnal' ? 1 : 0;
      noise[i] = node.noise;
      if (node.resend) {
        resendFactor[i] = node.resend.factor;
        resendMax[i] = node.resend.maxBacklog;
      }
    }
  });
  stageStart[n] = ends.length;

  const hasHealthEdge = new Uint8Array(n);
  for (let e = 0; e < m; e++) if (healthProbe[e] === 1) hasHealthEdge[from[e]!] = 1;
  const p = {
    concurrency: f64(n),
    serviceTime: f64(n),
    cpuPerRequest: f64(n),
    cpuLimit: f64(n),
    memoryBase: f64(n),
    memoryLimit: f64(n).fill(Infinity),
    errorRate: f64(n),
    coldStart: f64(n),
    queueLimit: f64(n),
    sidecarCpu: f64(n),
    sidecarLatency: f64(n),
    maxConnections: f64(n),
    healthInterval: f64(n),
    readReplicas: f64(n),
    opsCapacity: f64(n),
    hitRatio: f64(n),
    maxMemoryMb: f64(n),
    writeGrowthKb: f64(n),
    lruPolicy: new Uint8Array(n),
    balancer: new Uint8Array(n),
    messageKb: f64(n),
    qpsPerReplica: f64(n),
    ndots: f64(n),
    resolverTimeout: f64(n),
    rateLimit: f64(n).fill(Infinity),
    initialReplicas: f64(n),
    initialBacklog: f64(n),
    initialMemory: f64(n),
    asMetric: new Uint8Array(n),
    asTarget: f64(n),
    asMin: f64(n),
    asMax: f64(n),
    asPeriod: f64(n),
    livePeriod: f64(n),
    liveTimeout: f64(n),
    liveFailures: f64(n),
    liveDelay: f64(n),
    liveDeep: new Uint8Array(n),
    readyPeriod: f64(n),
    readyTimeout: f64(n),
    readyFailures: f64(n),
    readySuccesses: f64(n),
    readyDelay: f64(n),
    readyDeep: new Uint8Array(n),
  };
  const versions: string[] = order.map(() => '');
  order.forEach((node, i) => {
    switch (node.kind) {
      case 'client':
        break;
      case 'loadbalancer':
        p.maxConnections[i] = node.maxConnections;
        p.healthInterval[i] = node.healthCheckInterval;
        p.serviceTime[i] = node.latency;
        break;
      case 'service':
        p.initialReplicas[i] = node.replicas;
        p.concurrency[i] = node.concurrency;
        p.serviceTime[i] = node.serviceTime;
        p.cpuPerRequest[i] = node.cpuPerRequest;
        p.cpuLimit[i] = node.cpuLimit;
        p.memoryBase[i] = node.memoryMb;
        p.memoryLimit[i] = node.memoryLimitMb;
        p.errorRate[i] = node.errorRate;
        p.coldStart[i] = node.coldStart;
        p.queueLimit[i] = node.queueLimit;
        p.balancer[i] = BAL_CODES[node.balancer];
        versions[i] = node.version;
        if (node.sidecar) {
          p.sidecarCpu[i] = node.sidecar.cpuPerRequest;
          p.sidecarLatency[i] = node.sidecar.latency;
        }
        if (node.autoscaler) {
          p.asMetric[i] = AS_CODES[node.autoscaler.metric];
          p.asTarget[i] = node.autoscaler.target;
          p.asMin[i] = node.autoscaler.min;
          p.asMax[i] = Math.max(node.autoscaler.min, node.autoscaler.max);
          p.asPeriod[i] = Math.max(1e-3, node.autoscaler.syncPeriod);
        }
        compileProbes(p, i, node, hasHealthEdge[i] === 1);
        break;
      case 'database':
        p.maxConnections[i] = node.maxConnections;
        p.cpuLimit[i] = node.cpuCores;
        p.serviceTime[i] = node.queryTime;
        p.cpuPerRequest[i] = node.cpuPerQuery;
        p.readReplicas[i] = node.readReplicas;
        p.queueLimit[i] = node.maxConnections;
        break;
      case 'cache':
        p.opsCapacity[i] = node.opsCapacity;
        p.serviceTime[i] = 1 / node.opsCapacity;
        p.hitRatio[i] = node.hitRatio;
        p.maxMemoryMb[i] = node.maxMemoryMb;
        p.initialMemory[i] = node.usedMemoryMb;
        p.writeGrowthKb[i] = node.writeGrowthKb;
        p.lruPolicy[i] = node.policy === 'allkeys-lru' ? 1 : 0;
        p.queueLimit[i] = 10000; // clients queue in the socket buffer
        break;
      case 'queue':
        p.messageKb[i] = node.messageSizeKb;
        p.maxMemoryMb[i] = node.maxMemoryMb;
        p.lruPolicy[i] = node.policy === 'allkeys-lru' ? 1 : 0;
        p.initialBacklog[i] = node.initialBacklog;
        p.serviceTime[i] = 0.001; // an LPUSH round trip
        break;
      case 'dns':
        p.initialReplicas[i] = node.replicas;
        p.qpsPerReplica[i] = node.qpsPerReplica;
        p.hitRatio[i] = node.cacheHitRatio;
        p.ndots[i] = node.ndots;
        p.resolverTimeout[i] = node.resolverTimeout;
        p.memoryLimit[i] = node.memoryLimitMb;
        p.coldStart[i] = DNS_COLD_START;
        p.serviceTime[i] = 0.001;
        break;
      case 'external':
        p.serviceTime[i] = node.latency;
        p.errorRate[i] = node.errorRate;
        if (node.rateLimit !== undefined) p.rateLimit[i] = node.rateLimit;
        break;
    }
  });

  return {
    n,
    m,
    ids: order.map((x) => x.id),
    index,
    nodes: order,
    kind,
    kindStart,
    kindEnd,
    topo,
    from,
    to,
    outStart: out.start,
    outEdges: out.list,
    inStart: inc.start,
    inEdges: inc.list,
    edgeIndex,
    calls,
    timeout,
    retries,
    backoff,
    maxBackoff,
    jitter,
    retryBudget,
    perReplicaRate,
    optional,
    async,
    edgeDns,
    lookups,
    cbThreshold,
    cbOpenFor,
    edgePool,
    edgeRateLimit,
    timeoutLineStart: delayLineStarts(
      timeout,
      scenario.tickSeconds,
      resizableTimeouts(scenario, edgeIndex, m),
    ),
    healthEdges: Int32Array.from(healthProbe.keys()).filter((e) => healthProbe[e] === 1),
    healthProbe,
    dnsStart: dnsCsr.start,
    dnsEdges,
    consStart: consCsr.start,
    consumers,
    consumedStart: consumedCsr.start,
    consumed,
    stageStart,
    stageEnd: Float64Array.from(ends),
    stageTarget: Float64Array.from(targets),
    startRate,
    diurnal,
    noise,
    resendFactor,
    resendMax,
    duration: scenario.duration,
    ...p,
    versions,
    disk: compileDisks(order),
    keyspace: compileKeyspaces(order, scenario.tickSeconds),
    routing,
    ...compileMonitoringPaths(scenario, order, index),
  };
}

/** Image registries (per service) and the scrape path with its targets, as node indices. */
function compileMonitoringPaths(
  scenario: Scenario,
  order: readonly ScenarioNode[],
  index: ReadonlyMap<string, number>,
): Pick<Model, 'registry' | 'reachStart' | 'reachVia' | 'scrapeVia' | 'scrapeTarget'> {
  const registry = new Int32Array(order.length).fill(-1);
  const reachStart = new Int32Array(order.length + 1);
  const hops: number[] = [];
  order.forEach((node, i) => {
    reachStart[i] = hops.length;
    if (node.kind === 'external') for (const id of node.reachedVia ?? []) hops.push(index.get(id) ?? -1);
  });
  reachStart[order.length] = hops.length;
  order.forEach((node, i) => {
    if (node.kind === 'service' && node.imageRegistry !== undefined)
      registry[i] = index.get(node.imageRegistry) ?? -1;
  });
  const via = scenario.alerting.scrapeVia ?? [];
  const scrapeVia = Int32Array.from(via.map((id) => index.get(id) ?? -1));
  const scrapeTarget = new Uint8Array(order.length);
  if (via.length > 0) {
    const targets = scenario.alerting.scrapeTargets;
    if (targets === undefined) scrapeTarget.fill(1);
    else for (const id of targets) if (index.has(id)) scrapeTarget[index.get(id)!] = 1;
  }
  return { registry, reachStart, reachVia: Int32Array.from(hops), scrapeVia, scrapeTarget };
}

type ServiceNode = Extract<ScenarioNode, { kind: 'service' }>;
type ProbeArrays = Pick<
  Model,
  | 'livePeriod'
  | 'liveTimeout'
  | 'liveFailures'
  | 'liveDelay'
  | 'liveDeep'
  | 'readyPeriod'
  | 'readyTimeout'
  | 'readyFailures'
  | 'readySuccesses'
  | 'readyDelay'
  | 'readyDeep'
>;

/**
 * A service's probes. A missing readiness probe stays period 0: a service with healthCheck edges
 * then keeps the fixed deep health check of lifecycle.ts (Kubernetes' defaults, every replica at once).
 */
function compileProbes(p: ProbeArrays, i: number, node: ServiceNode, healthEdges: boolean): void {
  const live = node.livenessProbe;
  if (live) {
    p.livePeriod[i] = live.periodSeconds;
    p.liveTimeout[i] = live.timeoutSeconds;
    p.liveFailures[i] = live.failureThreshold;
    p.liveDelay[i] = live.initialDelaySeconds;
    p.liveDeep[i] = live.check === 'dependencies' ? 1 : 0;
  }
  const ready = node.readinessProbe;
  if (ready) {
    p.readyPeriod[i] = ready.periodSeconds;
    p.readyTimeout[i] = ready.timeoutSeconds;
    p.readyFailures[i] = ready.failureThreshold;
    p.readySuccesses[i] = ready.successThreshold;
    p.readyDelay[i] = ready.initialDelaySeconds;
  }
  // Also without a probe: one that set-probe adds checks what the fixed deep check did.
  p.readyDeep[i] = (ready?.check ?? (healthEdges ? 'dependencies' : 'self')) === 'dependencies' ? 1 : 0;
}

/** DFS post-order reversed; edges closing a cycle are simply not followed (they read last tick). Iterative. */
function topoOrder(n: number, deps: number[][], kind: Uint8Array): Int32Array {
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const post: number[] = [];
  const stack: number[] = [];
  const pos: number[] = [];
  // Roots first: clients, then everything else in index order.
  const roots = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (kind[a] === CLIENT ? 0 : 1) - (kind[b] === CLIENT ? 0 : 1) || a - b,
  );
  for (const root of roots) {
    if (state[root]) continue;
    stack.push(root);
    pos.push(0);
    state[root] = 1;
    while (stack.length) {
      const top = stack.length - 1;
      const u = stack[top]!;
      const list = deps[u]!;
      if (pos[top]! < list.length) {
        const v = list[pos[top]!++]!;
        if (state[v] === 0) {
          state[v] = 1;
          stack.push(v);
          pos.push(0);
        }
      } else {
        state[u] = 2;
        post.push(u);
        stack.pop();
        pos.pop();
      }
    }
  }
  return Int32Array.from(post.reverse());
}

/**
 * The same dependency order, re-sequenced to walk the state arrays forwards. Every dependency keeps
 * the direction `topo` gave it (so edges closing a cycle still read last tick, and the passes
 * compute exactly the same values), clients keep their relative order (they draw the noise), and
 * among the nodes whose callers are all done the lowest index goes first (Kahn's algorithm with a
 * min-heap). Nodes are grouped by kind and sorted by call order, so the passes mostly stream
 * through memory instead of jumping between kinds on every call.
 */
function streamingOrder(n: number, deps: number[][], topo: Int32Array, kind: Uint8Array): Int32Array {
  const pos = new Int32Array(n);
  for (let o = 0; o < n; o++) pos[topo[o]!] = o;
  const succ: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  const link = (u: number, v: number) => {
    succ[u]!.push(v);
    indegree[v]!++;
  };
  for (let u = 0; u < n; u++) {
    for (const v of deps[u]!) {
      if (pos[u]! < pos[v]!) link(u, v);
      else if (pos[v]! < pos[u]!) link(v, u);
    }
  }
  let lastClient = -1;
  for (let o = 0; o < n; o++) {
    const i = topo[o]!;
    if (kind[i] !== CLIENT) continue;
    if (lastClient >= 0) link(lastClient, i);
    lastClient = i;
  }
  // Binary min-heap of ready node indices.
  const heap = new Int32Array(n);
  let size = 0;
  const push = (v: number) => {
    let c = size++;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (heap[parent]! <= v) break;
      heap[c] = heap[parent]!;
      c = parent;
    }
    heap[c] = v;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap[--size]!;
    let c = 0;
    for (;;) {
      let child = 2 * c + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1]! < heap[child]!) child++;
      if (heap[child]! >= last) break;
      heap[c] = heap[child]!;
      c = child;
    }
    heap[c] = last;
    return top;
  };
  for (let i = 0; i < n; i++) if (indegree[i] === 0) push(i);
  const order = new Int32Array(n);
  let k = 0;
  while (size > 0) {
    const u = pop();
    order[k++] = u;
    for (const v of succ[u]!) if (--indegree[v]! === 0) push(v);
  }
  return k === n ? order : topo; // cannot happen: the oriented graph follows `topo`, so it is acyclic
}

/** Position of each node id in a topological order of the scenario as written (ids, not indices). */
function callOrderRank(scenario: Scenario): Map<string, number> {
  const pos = new Map<string, number>();
  scenario.nodes.forEach((node, i) => pos.set(node.id, i));
  const n = scenario.nodes.length;
  const deps: number[][] = Array.from({ length: n }, () => []);
  const add = (a: string | undefined, b: string | undefined) => {
    const x = a === undefined ? undefined : pos.get(a);
    const y = b === undefined ? undefined : pos.get(b);
    if (x !== undefined && y !== undefined) deps[x]!.push(y);
  };
  for (const e of scenario.edges) {
    add(e.from, e.to);
    add(e.from, e.dns);
  }
  for (const node of scenario.nodes)
    if (node.kind === 'queue') for (const c of node.consumers) add(node.id, c);
  const kind = Uint8Array.from(scenario.nodes, (node, i) => kindCodeOf(node, i));
  const topo = topoOrder(n, deps, kind);
  const rank = new Map<string, number>();
  topo.forEach((i, r) => rank.set(scenario.nodes[i]!.id, r));
  return rank;
}

/**
 * 1 on each edge a listed set-timeout action targets: its delay line gets the longest delay from the
 * start. Any other call's line is lengthened when a set-timeout needs it (lengthenLine).
 */
function resizableTimeouts(
  scenario: Scenario,
  edgeIndex: ReadonlyMap<string, number>,
  m: number,
): Uint8Array {
  const resizable = new Uint8Array(m);
  for (const a of scenario.actions) {
    const spec = a.type === 'set-timeout' ? parseEdgeTarget(a.target) : undefined;
    const e = spec ? edgeIndex.get(`${spec.from}->${spec.to}`) : undefined;
    if (e !== undefined) resizable[e] = 1;
  }
  return resizable;
}
