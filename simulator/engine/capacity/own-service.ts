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
 * thread, a load balancer's connections, an external's unbounded), work.ownErr.
 */
export function ownServices(model: Model, st: State, lo: number, hi: number): void {
  const K_LB: typeof LB = 1;
  const K_SERVICE: typeof SERVICE = 2;
  const K_DATABASE: typeof DATABASE = 3;
  const K_CACHE: typeof CACHE = 4;
  const { kind, serviceTime, concurrency, maxConnections, sidecarLatency, errorRate } = model;
  const { faulted, fLatFactor, fLatAdd, fConsumer, stretch, fSideLat, fErr, ready, slowActive } = st;
  const { order, s: sOut, servers: serversOut, ownErr: errOut } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const k = kind[i]!;
    // Without a fault on the node the f* arrays hold their defaults; skip the reads.
    const fz = faulted[i] === 0;
    let s = serviceTime[i]! * (fz ? 1 : fLatFactor[i]!) + (fz ? 0 : fLatAdd[i]!);
    let servers = Infinity; // external
    if (k === K_SERVICE) {
      s = s * (fz ? 1 : fConsumer[i]!) * stretch[i]! + sidecarLatency[i]! + (fz ? 0 : fSideLat[i]!);
      servers = ready[i]! * concurrency[i]!;
    } else if (k === K_DATABASE) {
      s *= stretch[i]!;
      servers = Math.max(0, maxConnections[i]! - slowActive[i]!);
    } else if (k === K_CACHE) {
      servers = 1;
    } else if (k === K_LB) {
      servers = maxConnections[i]!;
    }
    let ownErr = 1 - (1 - errorRate[i]!) * (1 - (fz ? 0 : fErr[i]!));
    // A fault on some replicas (replica-mix.ts) that hits every ready one hits the node.
    const odd = k === K_SERVICE ? st.fOddCount[i]! : 0;
    if (odd > 0 && odd >= ready[i]!) {
      s = s * st.fOddLat[i]! + st.fOddAdd[i]!;
      ownErr = 1 - (1 - ownErr) * (1 - st.fOddErr[i]!);
    }
    sOut[i] = s;
    serversOut[i] = servers;
    errOut[i] = ownErr;
  }
}

/**
 * work.hold = S + downstream time, and the downstream a request waits for (work.down, downVar,
 * downK3). Misses fall through a cache; the cache itself does not wait for them (cache-aside), and
 * its callers see the misses' time with probability miss (a mixture). work.sOwn: the exponential
 * part of S; a fault's added latency (a lock wait, a slow network) is a constant shift.
 */
export function holdTimes(model: Model, st: State, lo: number, hi: number): void {
  const K_CACHE: typeof CACHE = 4;
  const { kind } = model;
  const { hitEff, faulted, fLatAdd } = st;
  const { order, s: sIn, dMean, dVar, dK3, hold, down, downVar, downK3, sOwn } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const s = sIn[i]!;
    const dm = dMean[i]!;
    if (kind[i] === K_CACHE) {
      const miss = 1 - hitEff[i]!;
      const dv = dVar[i]!;
      const dk = dK3[i]!;
      const d = dm * miss;
      const r2 = miss * (dv + dm * dm);
      const r3 = miss * (dk + 3 * dm * dv + dm * dm * dm);
      const mv = r2 - d * d;
      hold[i] = s;
      down[i] = d;
      downVar[i] = mv > 0 ? mv : 0;
      downK3[i] = r3 - 3 * d * r2 + 2 * d * d * d;
    } else {
      hold[i] = s + dm;
      down[i] = dm;
      downVar[i] = dVar[i]!;
      downK3[i] = dK3[i]!;
    }
    const sAdd = faulted[i] === 0 ? 0 : fLatAdd[i]!;
    sOwn[i] = s > sAdd ? s - sAdd : 0;
  }
}
