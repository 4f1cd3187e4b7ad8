/**
 * The own work of the nodes with servers order[lo..hi) (load balancers, services, databases,
 * caches, externals): service time, servers and own error rate (faults included), and the time a
 * server is held, its own service plus the downstream calls it waits for.
 */
import type { CACHE, DATABASE, LB, Model, SERVICE } from '../compile';
import type { State } from '../state';

/**
 * work.s (base x fault multipliers x CPU stretch, plus sidecar and added latency), work.servers
 * (threads of ready replicas, database connections not held by slow queries, a cache's single
 * thread, a load balancer's connections, an external's unbounded), work.ownErr; work.hold = S +
 * downstream time, the downstream a request waits for (work.down, downVar, downK3) and work.sOwn.
 */
/**
 * Node i's own service time now, into st.sTick[i]: base x fault multipliers x CPU stretch (the last
 * CPU pass's), plus sidecar, added latency and disk wait. The one formula for S: the capacity pass
 * reads it, and so does the queue step (queue-flow.ts), which runs before this tick's capacity
 * pass, so that a fault that slows the node changes how fast its queue drains in the tick it
 * starts, not one tick later. Nothing it reads changes between the two (faults, replicas and disks
 * move before the demand pass, the CPU stretch after ownServices), so the value is marked with the
 * pass it is for (st.sTickPass) and ownServices computes it only for the nodes the queue step
 * skipped (externals, hung or down nodes, and the pass at creation).
 */
export function ownTime(model: Model, st: State, i: number): void {
  st.sTickPass[i] = st.passes;
  const k = model.kind[i]!;
  // Without a fault on the node the f* arrays hold their defaults; skip the reads.
  const fz = st.faulted[i] === 0;
  let s = model.serviceTime[i]! * (fz ? 1 : st.fLatFactor[i]!) + (fz ? 0 : st.fLatAdd[i]!);
  if (k === 2 /* SERVICE */) {
    s =
      s * (fz ? 1 : st.fConsumer[i]!) * st.stretch[i]! +
      model.sidecarLatency[i]! +
      (fz ? 0 : st.fSideLat[i]!);
    // A fault on some replicas (replica-mix.ts) that hits every ready one hits the node.
    const odd = st.fOddCount[i]!;
    if (odd > 0 && odd >= st.ready[i]!) s = s * st.fOddLat[i]! + st.fOddAdd[i]!;
  } else if (k === 3 /* DATABASE */) {
    s *= st.stretch[i]!;
  }
  // A volume behind its IOPS makes writes wait (disk-model.ts): a constant added to S.
  st.sTick[i] = s + st.diskWait[i]!;
}

export function ownServices(model: Model, st: State, lo: number, hi: number): void {
  const K_LB: typeof LB = 1;
  const K_SERVICE: typeof SERVICE = 2;
  const K_DATABASE: typeof DATABASE = 3;
  const K_CACHE: typeof CACHE = 4;
  const { kind, concurrency, maxConnections, errorRate } = model;
  const { faulted, fLatAdd, fErr, ready, slowActive, sTick, sTickPass, passes } = st;
  const { diskErr, diskWait } = st;
  const { order, s: sOut, servers: serversOut, ownErr: errOut } = st.work;
  const { dMean, dVar, dK3, hold, down, downVar, downK3, sOwn } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const k = kind[i]!;
    const fz = faulted[i] === 0;
    if (sTickPass[i] !== passes) ownTime(model, st, i);
    const s = sTick[i]!;
    let servers = Infinity; // external
    if (k === K_SERVICE) servers = ready[i]! * concurrency[i]!;
    else if (k === K_DATABASE) servers = Math.max(0, maxConnections[i]! - slowActive[i]!);
    else if (k === K_CACHE) servers = 1;
    else if (k === K_LB) servers = maxConnections[i]!;
    const io = diskWait[i]!;
    let ownErr = 1 - (1 - errorRate[i]!) * (1 - (fz ? 0 : fErr[i]!)) * (1 - diskErr[i]!);
    const odd = k === K_SERVICE ? st.fOddCount[i]! : 0;
    if (odd > 0 && odd >= ready[i]!) ownErr = 1 - (1 - ownErr) * (1 - st.fOddErr[i]!);
    // Poison attempts always fail; in "timeouts" mode each holds a thread for fPoisonHold.
    const poison = fz ? 0 : st.poisonArr[i]!;
    if (poison > 0) ownErr = 1 - (1 - ownErr) * (1 - poison);
    sOut[o] = s;
    serversOut[o] = servers;
    errOut[o] = ownErr;
    // Hold time and the downstream a request waits for: a cache does not wait for its misses
    // (cache-aside); its callers see the misses' time with probability miss (a mixture).
    const dm = dMean[o]!;
    if (k === K_CACHE) {
      const miss = 1 - st.hitEff[i]!;
      const dv = dVar[o]!;
      const dk = dK3[o]!;
      const d = dm * miss;
      const r2 = miss * (dv + dm * dm);
      const r3 = miss * (dk + 3 * dm * dv + dm * dm * dm);
      const mv = r2 - d * d;
      hold[o] = s;
      down[o] = d;
      downVar[o] = mv > 0 ? mv : 0;
      downK3[o] = r3 - 3 * d * r2 + 2 * d * d * d;
    } else {
      // Poison holding threads costs capacity; the latency reported is the other requests'.
      const ph = poison > 0 ? st.fPoisonHold[i]! : 0;
      hold[o] = ph > 0 ? (1 - poison) * (s + dm) + poison * ph : s + dm;
      down[o] = dm;
      downVar[o] = dVar[o]!;
      downK3[o] = dK3[o]!;
    }
    // The exponential part of S: a fault's added latency (a lock wait, a slow network) is a constant.
    const sAdd = (fz ? 0 : fLatAdd[i]!) + io;
    sOwn[o] = s > sAdd ? s - sAdd : 0;
  }
}
