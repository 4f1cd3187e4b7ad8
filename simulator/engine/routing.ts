/**
 * Weighted routing between regions (docs/architecture.md, "Regions and weighted routing").
 *
 * A load balancer whose calls carry a `weight` is a traffic router (Route 53 weighted records, a
 * global load balancer's traffic split): each request goes to ONE of its weighted calls, call e
 * with probability share[e]. The engine already treats a fractional `callsPerRequest` as a call
 * made with that probability, so the router only rewrites `Model.calls[e]` = callsPerRequest x
 * share every tick and every other pass (demand, capacity, logs, traces) follows unchanged.
 *
 * The share is the target share (weights over the healthy targets) seen through the DNS TTL:
 * resolvers cached the previous answer at uniformly spread moments, so the share clients use is
 * the mean of the target share over the last TTL (a ring per call, a running sum). Health checks
 * run once per `healthCheckInterval`: `failureThreshold` checks in a row that disagree with a
 * target's status flip it (Route 53: interval x threshold to detect). Route 53's rules for who
 * gets traffic: healthy targets with a weight above 0 by weight; if none, healthy zero-weight
 * targets alike; if none is healthy, every target (fail open).
 *
 * Compact slots like the disks: nodes and calls without routing cost nothing, and a scenario
 * without weighted calls skips the pass. Nothing allocates per tick.
 */
import type { ScenarioEdge, ScenarioNode } from '../scenario/schema';
import type { Model } from './compile';
import type { Emit } from './lifecycle';
import type { State } from './state';

/** The routing defaults (the schema's), for a balancer with weighted calls and no `routing`. */
export const ROUTING_DEFAULTS = {
  ttl: 60,
  healthChecks: true,
  failureThreshold: 3,
  checkTimeout: 4,
} as const;
/** Seconds from a Route 53 change to every authoritative server answering with it (INSYNC). */
export const ROUTE53_PROPAGATION = 60;

export interface RoutingModel {
  /** Routers (load balancers with weighted calls). */
  readonly count: number;
  /** Router slot -> node index. */
  readonly router: Int32Array;
  /** Router slot -> its calls in `edges`: edgeStart[r] .. edgeStart[r + 1] - 1. */
  readonly edgeStart: Int32Array;
  /** Weighted calls (edge numbers), grouped by router. */
  readonly edges: Int32Array;
  /** Edge number -> its position in `edges`, -1 for a call without a weight. */
  readonly slotOfEdge: Int32Array;
  /** Per weighted call: its weight (mutable: set-route-weight, drain-region). */
  readonly weight: Float64Array;
  /** Per weighted call: calls per request it makes when it gets the request (callsPerRequest). */
  readonly baseCalls: Float64Array;
  /** Per weighted call: its slots in the TTL ring, ringStart[x] .. ringStart[x] + ttlTicks[router] - 1. */
  readonly ringStart: Int32Array;
  readonly ringLength: number;
  /** Per router: the TTL in ticks (at least 1: 1 = clients follow at once). */
  readonly ttlTicks: Int32Array;
  readonly healthChecks: Uint8Array;
  readonly failureThreshold: Int32Array;
  readonly checkTimeout: Float64Array;
  /** Per node: its region's code, -1 without one. */
  readonly region: Int32Array;
  /** Region names by code, in the order the nodes name them. */
  readonly regions: readonly string[];
}

/** Region codes and the routers of a system (nodes and edges in the model's order). */
export function compileRouting(
  nodes: readonly ScenarioNode[],
  edges: readonly ScenarioEdge[],
  from: Int32Array,
  tickSeconds: number,
): RoutingModel {
  const regions: string[] = [];
  const region = Int32Array.from(nodes, (node) => {
    if (node.region === undefined) return -1;
    const at = regions.indexOf(node.region);
    if (at >= 0) return at;
    regions.push(node.region);
    return regions.length - 1;
  });
  const routers: number[] = [];
  const list: number[] = [];
  const starts: number[] = [];
  // Edges are numbered by caller, so a router's weighted calls are consecutive.
  edges.forEach((edge, e) => {
    if (edge.weight === undefined) return;
    const i = from[e]!;
    if (routers.at(-1) !== i) {
      routers.push(i);
      starts.push(list.length);
    }
    list.push(e);
  });
  starts.push(list.length);
  const count = routers.length;
  const ttlTicks = new Int32Array(count);
  const healthChecks = new Uint8Array(count);
  const failureThreshold = new Int32Array(count);
  const checkTimeout = new Float64Array(count);
  routers.forEach((i, r) => {
    const node = nodes[i]!;
    const spec = { ...ROUTING_DEFAULTS, ...(node.kind === 'loadbalancer' ? node.routing : undefined) };
    ttlTicks[r] = Math.max(1, Math.round(spec.ttl / tickSeconds));
    healthChecks[r] = spec.healthChecks ? 1 : 0;
    failureThreshold[r] = spec.failureThreshold;
    checkTimeout[r] = spec.checkTimeout;
  });
  const slotOfEdge = new Int32Array(edges.length).fill(-1);
  list.forEach((e, x) => (slotOfEdge[e] = x));
  const ringStart = new Int32Array(list.length);
  let ringLength = 0;
  for (let r = 0; r < count; r++) {
    for (let x = starts[r]!; x < starts[r + 1]!; x++) {
      ringStart[x] = ringLength;
      ringLength += ttlTicks[r]!;
    }
  }
  return {
    count,
    router: Int32Array.from(routers),
    edgeStart: Int32Array.from(starts),
    edges: Int32Array.from(list),
    slotOfEdge,
    weight: Float64Array.from(list, (e) => edges[e]!.weight ?? 0),
    baseCalls: Float64Array.from(list, (e) => edges[e]!.callsPerRequest),
    ringStart,
    ringLength,
    ttlTicks,
    healthChecks,
    failureThreshold,
    checkTimeout,
    region,
    regions,
  };
}

/** What the router knows and what its clients use, per weighted call and per router. */
export class RoutingState {
  /** Share of the router's requests the call should get now (weights over the healthy targets). */
  readonly target: Float64Array;
  /** Share it gets: the target seen through the TTL. */
  readonly share: Float64Array;
  /** 1 while the target passes its health checks, else 0 (a Float64Array: it is a metric). */
  readonly healthy: Float64Array;
  /** Checks in a row that disagree with the target's status. */
  readonly streak: Int32Array;
  /** Per router: when its next round of checks runs. */
  readonly nextCheck: Float64Array;
  readonly ring: Float64Array;
  readonly ringSum: Float64Array;
  /** Ticks stepped (the rings' write position is tick mod the TTL in ticks). */
  tick = 0;

  constructor(rm: RoutingModel) {
    const k = rm.edges.length;
    this.target = new Float64Array(k);
    this.share = new Float64Array(k);
    this.healthy = new Float64Array(k).fill(1);
    this.streak = new Int32Array(k);
    this.nextCheck = new Float64Array(rm.count);
    this.ring = new Float64Array(rm.ringLength);
    this.ringSum = new Float64Array(k);
    for (let r = 0; r < rm.count; r++) {
      targetShares(rm, this, r);
      for (let x = rm.edgeStart[r]!; x < rm.edgeStart[r + 1]!; x++) {
        const len = rm.ttlTicks[r]!;
        this.ring.fill(this.target[x]!, rm.ringStart[x]!, rm.ringStart[x]! + len);
        this.ringSum[x] = this.target[x]! * len;
        this.share[x] = this.target[x]!;
      }
    }
  }
}

/** Writes the calls per request of every weighted call for its share at compile time (all healthy). */
export function initialCalls(rm: RoutingModel, calls: Float64Array): void {
  const rs = new RoutingState(rm);
  for (let x = 0; x < rm.edges.length; x++) calls[rm.edges[x]!] = rm.baseCalls[x]! * rs.share[x]!;
}

/**
 * Router r's target shares from its weights and its targets' health (Route 53's rules): healthy
 * targets with a weight by weight; else healthy zero-weight targets alike; else all (fail open).
 */
export function targetShares(rm: RoutingModel, rs: RoutingState, r: number): void {
  const lo = rm.edgeStart[r]!;
  const hi = rm.edgeStart[r + 1]!;
  let weighted = 0;
  let zeroHealthy = 0;
  let all = 0;
  for (let x = lo; x < hi; x++) {
    const w = rm.weight[x]!;
    all += w;
    if (rs.healthy[x] === 1) {
      if (w > 0) weighted += w;
      else zeroHealthy++;
    }
  }
  for (let x = lo; x < hi; x++) {
    const w = rm.weight[x]!;
    const h = rs.healthy[x] === 1;
    let s: number;
    if (weighted > 0) s = h ? w / weighted : 0;
    else if (zeroHealthy > 0) s = h && w === 0 ? 1 / zeroHealthy : 0;
    else s = all > 0 ? w / all : 1 / (hi - lo);
    rs.target[x] = s;
  }
}

/** A health check of node j fails: it is down, fails most requests, or its median is too slow. */
function checkFails(st: State, j: number, timeout: number): boolean {
  // The check's own request fails even when no traffic reaches the target (failShare then reads 0).
  if (st.faulted[j] !== 0 && st.fOutage[j] !== 0) return true;
  return st.failShare[j]! > 0.5 || st.p50[j]! > timeout;
}

/**
 * One tick of every router (before the demand pass, on the previous tick's results): health
 * checks whose time has come, the target shares, the TTL, and the calls per request they give.
 */
export function routingPass(model: Model, st: State, t: number, dt: number, emit: Emit): void {
  const rm = model.routing;
  const { healthInterval, to, calls } = model;
  const rs = st.routing;
  for (let r = 0; r < rm.count; r++) {
    const lo = rm.edgeStart[r]!;
    const hi = rm.edgeStart[r + 1]!;
    if (rm.healthChecks[r] === 1 && t >= rs.nextCheck[r]! - 1e-9) {
      rs.nextCheck[r] = t + Math.max(dt, healthInterval[rm.router[r]!]!);
      for (let x = lo; x < hi; x++) {
        const j = to[rm.edges[x]!]!;
        const fails = checkFails(st, j, rm.checkTimeout[r]!);
        const healthy = rs.healthy[x] === 1;
        if (fails !== healthy) {
          rs.streak[x] = 0;
          continue;
        }
        if (++rs.streak[x]! < rm.failureThreshold[r]!) continue;
        rs.streak[x] = 0;
        rs.healthy[x] = healthy ? 0 : 1;
        healthEvent(model, r, x, j, rs.healthy[x] === 1, emit);
      }
    }
    targetShares(rm, rs, r);
    const len = rm.ttlTicks[r]!;
    const pos = rs.tick % len;
    for (let x = lo; x < hi; x++) {
      let share = rs.target[x]!;
      if (len > 1) {
        const slot = rm.ringStart[x]! + pos;
        rs.ringSum[x]! += share - rs.ring[slot]!;
        rs.ring[slot] = share;
        share = rs.ringSum[x]! / len;
        share = share < 0 ? 0 : share > 1 ? 1 : share;
      }
      rs.share[x] = share;
      calls[rm.edges[x]!] = rm.baseCalls[x]! * share;
    }
  }
  rs.tick++;
}

/** A target changed status: visible, as a Route 53 health check's status is on its console. */
function healthEvent(model: Model, r: number, x: number, j: number, healthy: boolean, emit: Emit): void {
  const rm = model.routing;
  const code = rm.region[j]!;
  const where = code >= 0 ? ` (${rm.regions[code]!})` : '';
  const text = healthy
    ? `health check of ${model.ids[j]!}${where} passes again: it gets its weight back`
    : `health check of ${model.ids[j]!}${where} failed ${rm.failureThreshold[r]!} times in a row: its weight goes to the healthy targets`;
  const data = {
    reason: healthy ? 'HealthCheckPassed' : 'HealthCheckFailed',
    target: model.ids[j]!,
    weight: rm.weight[x]!,
  };
  emit('readiness', rm.router[r]!, text, false, data);
}
