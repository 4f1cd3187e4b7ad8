/**
 * The capacity pass's working values (struct of arrays, as the engine state), and the order its
 * systems visit the nodes in: by level, so each system is a plain loop over a contiguous range of
 * a level's nodes or their out-edges, and every node's callees have their results before it reads
 * them. Working values are indexed by visiting position (node i at position o: order[o] = i; edge
 * e at position x: edgeOrder[x] = e), so the systems walk them sequentially; the state arrays
 * stay indexed by node and edge.
 */
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, LB, QUEUE, SERVICE, type Model } from '../compile';

/**
 * Within a level, nodes are grouped by kind in this order, so a system runs over one contiguous
 * range: message queues, DNS, then the callers (clients first), then the nodes with servers and a
 * queue state (load balancers to externals). index.ts names the slots with the same numbers.
 */
export const KIND_SLOTS = [QUEUE, DNS, CLIENT, LB, SERVICE, DATABASE, CACHE, EXTERNAL] as const;
export const SLOTS = KIND_SLOTS.length;

export class CapacityWork {
  /** Levels: every node's callees and resolvers are in lower levels (or, closing a cycle, not). */
  readonly levels: number;
  /**
   * Nodes level by level, each level grouped by kind (KIND_SLOTS): the nodes of level L in slot g
   * are order[groupStart[L * SLOTS + g] .. groupStart[L * SLOTS + g + 1]).
   */
  readonly order: Int32Array;
  readonly groupStart: Int32Array;
  /** Out-edges of the callers (clients and nodes with servers), level by level: level L's are edgeOrder[edgeStart[L] .. edgeStart[L + 1]). */
  readonly edgeOrder: Int32Array;
  readonly edgeStart: Int32Array;

  // Per node: downstream (the sum over its sync calls) and the probability every required call succeeds.
  readonly dMean: Float64Array;
  readonly dVar: Float64Array;
  readonly dK3: Float64Array;
  readonly surv: Float64Array;
  // Per node: own service time, servers, CPU cap, own error rate, hold time, the downstream a
  // request waits for, the exponential part of S, CFS throttling (mean, quantile steps).
  readonly s: Float64Array;
  readonly servers: Float64Array;
  readonly cpuCap: Float64Array;
  readonly ownErr: Float64Array;
  readonly hold: Float64Array;
  readonly down: Float64Array;
  readonly downVar: Float64Array;
  readonly downK3: Float64Array;
  readonly sOwn: Float64Array;
  readonly thrMean: Float64Array;
  readonly thr50: Float64Array;
  readonly thr95: Float64Array;
  readonly thr99: Float64Array;
  // Per node: capacity, queue state (1: finite servers and not hung), P[wait], the wait tail's
  // rate, mean wait, longest wait, own response quantiles.
  readonly muNew: Float64Array;
  readonly queued: Uint8Array;
  readonly pw: Float64Array;
  readonly theta: Float64Array;
  readonly wq: Float64Array;
  readonly wmax: Float64Array;
  readonly waitCv2: Float64Array; // dispersion of the wait of a request that waits (wait.ts)
  readonly r50: Float64Array;
  readonly r95: Float64Array;
  readonly r99: Float64Array;
  readonly fillOk: Float64Array; // a cache's fill writes that succeed (noeviction at maxmemory fails them)

  // Per edge: breaker open at the start of the pass (fails fast, no call), the share of the calls
  // starting now that will time out, one attempt's failure (as it happens / timeouts counted when
  // the calls start), the callee's own failure, DNS time, one attempt's time and spread, one
  // call's time and spread with its retries.
  readonly open: Uint8Array;
  readonly timedOut: Float64Array;
  readonly p: Float64Array;
  readonly pNow: Float64Array;
  readonly calleeFail: Float64Array;
  readonly dnsTime: Float64Array;
  readonly tA: Float64Array;
  readonly aVar: Float64Array;
  readonly aK3: Float64Array;
  readonly time: Float64Array;
  readonly callVar: Float64Array;
  readonly callK3: Float64Array;

  constructor(model: Model) {
    const { n, m } = model;
    const v = () => new Float64Array(n);
    const e = () => new Float64Array(m);
    const { level, levels } = capacityLevels(model);
    this.levels = levels;
    const slot = new Int32Array(256).fill(-1);
    KIND_SLOTS.forEach((k, g) => (slot[k] = g));
    const group = (u: number) => level[u]! * SLOTS + slot[model.kind[u]!]!;
    this.groupStart = new Int32Array(levels * SLOTS + 1);
    for (let u = 0; u < n; u++) this.groupStart[group(u) + 1]!++;
    for (let g = 0; g < levels * SLOTS; g++) this.groupStart[g + 1]! += this.groupStart[g]!;
    const fill = this.groupStart.slice(0, levels * SLOTS);
    this.order = new Int32Array(n);
    // Within a group by index: the nodes are independent, and the systems then walk the arrays
    // forwards (nodes are numbered by kind), which the caches and prefetchers reward.
    for (let u = 0; u < n; u++) this.order[fill[group(u)]!++] = u;
    this.edgeOrder = new Int32Array(m);
    this.edgeStart = new Int32Array(levels + 1);
    let x = 0;
    for (let l = 0; l < levels; l++) {
      this.edgeStart[l] = x;
      const callers = l * SLOTS + KIND_SLOTS.indexOf(CLIENT);
      for (let o = this.groupStart[callers]!; o < this.groupStart[(l + 1) * SLOTS]!; o++) {
        const i = this.order[o]!;
        for (let e = model.outStart[i]!; e < model.outStart[i + 1]!; e++) this.edgeOrder[x++] = e;
      }
    }
    this.edgeStart[levels] = x;
    this.dMean = v();
    this.dVar = v();
    this.dK3 = v();
    this.surv = v();
    this.s = v();
    this.servers = v();
    this.cpuCap = v().fill(Infinity); // only services' and databases' CPU caps them (cpu.ts)
    this.ownErr = v();
    this.hold = v();
    this.down = v();
    this.downVar = v();
    this.downK3 = v();
    this.sOwn = v();
    this.thrMean = v();
    this.thr50 = v();
    this.thr95 = v();
    this.thr99 = v();
    this.muNew = v();
    this.queued = new Uint8Array(n);
    this.pw = v();
    this.theta = v();
    this.wq = v();
    this.wmax = v();
    this.waitCv2 = v();
    this.r50 = v();
    this.r95 = v();
    this.r99 = v();
    this.fillOk = v();
    this.open = new Uint8Array(m);
    this.timedOut = e();
    this.p = e();
    this.pNow = e();
    this.calleeFail = e();
    this.dnsTime = e();
    this.tA = e();
    this.aVar = e();
    this.aK3 = e();
    this.time = e();
    this.callVar = e();
    this.callK3 = e();
  }
}

/**
 * Levels that keep what every node reads exactly as visiting `topo` backwards (callees first)
 * gives it. Node u reads its callees' and resolvers' results: one visited before u must be in a
 * lower level (this pass's result), one visited after u (an edge closing a cycle) in the same or
 * a higher level (last pass's result: within a level every edge system runs before any node
 * system writes).
 */
export function capacityLevels(model: Model): { level: Int32Array; levels: number } {
  const { n, topo, outStart, to, edgeDns } = model;
  const pos = new Int32Array(n);
  for (let o = 0; o < n; o++) pos[topo[o]!] = o;
  const level = new Int32Array(n);
  let levels = n > 0 ? 1 : 0;
  const reads = (u: number, v: number) => {
    if (pos[v]! > pos[u]!) {
      if (level[u]! < level[v]! + 1) level[u] = level[v]! + 1; // visited before u: lower level
    }
  };
  const backReads = (u: number, v: number) => {
    if (pos[v]! < pos[u]! && level[v]! < level[u]!) level[v] = level[u]!; // visited after u
  };
  for (let o = n - 1; o >= 0; o--) {
    const u = topo[o]!;
    for (let e = outStart[u]!; e < outStart[u + 1]!; e++) {
      reads(u, to[e]!);
      if (edgeDns[e]! >= 0) reads(u, edgeDns[e]!);
    }
    for (let e = outStart[u]!; e < outStart[u + 1]!; e++) {
      backReads(u, to[e]!);
      if (edgeDns[e]! >= 0) backReads(u, edgeDns[e]!);
    }
    if (level[u]! + 1 > levels) levels = level[u]! + 1;
  }
  return { level, levels };
}
