/** What the tick adds up to for the nodes with servers: cache memory, successes and failures, in-flight work and memory. */
import type { CACHE, DATABASE, EXTERNAL, Model, SERVICE } from '../compile';
import type { State } from '../state';
import { keyspaceTick } from '../cache-keyspace';
import { MB_PER_INFLIGHT } from './constants';

/**
 * Caches order[lo..hi): the keyspace tick (cache-keyspace.ts) scales the warm hit ratio by how
 * warm the keys are; cacheMem is the memory the working set wants; at maxmemory noeviction fails
 * the fill writes of misses (work.fillOk = 1 - miss), allkeys-lru evicts the coldest keys and keeps
 * those that fit.
 */
export function cacheMemories(model: Model, st: State, lo: number, hi: number, dt: number): void {
  const { writeGrowthKb, maxMemoryMb, lruPolicy, hitRatio, keyspace, outStart, to, timeout } = model;
  const { hitEff, procRate, faulted, fLeak, cacheMem, evictRate, memory, latMean, eP } = st;
  const ks = st.keyspace;
  const { order, fillOk } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const miss = 1 - hitEff[i]!;
    const writes = procRate[i]! * miss;
    const leak = ((faulted[i] === 0 ? 0 : fLeak[i]!) / 60) * dt;
    cacheMem[i]! += (writes * writeGrowthKb[i]! * dt) / 1024 + leak;
    // A miss waits for the backing store (up to the call's timeout) while the key is filled.
    // A fill needs the read to succeed: a failed or timed-out read leaves the key missing.
    let fetch = 0;
    let fetchFail = 0;
    for (let e = outStart[i]!, end = outStart[i + 1]!; e < end; e++) {
      const l = latMean[to[e]!]!;
      const w = l < timeout[e]! ? l : timeout[e]!;
      if (w > fetch) fetch = w;
      if (eP[e]! > fetchFail) fetchFail = eP[e]!;
    }
    const warmth = keyspaceTick(keyspace, ks, i, procRate[i]!, fetch, 1 - fetchFail, dt);
    const warm = hitRatio[i]! * warmth;
    const max = maxMemoryMb[i]!;
    const want = cacheMem[i]!;
    fillOk[o] = 1;
    if (want >= max) {
      if (lruPolicy[i]) {
        evictRate[i] = writes > 0 ? writes : (leak * 1024) / dt;
        // Hits fall with the share of the working set that fits, a state rather than a rate: a
        // full cache whose working set does not grow keeps its hit ratio.
        hitEff[i] = (warm * max) / want;
      } else {
        cacheMem[i] = max;
        evictRate[i] = 0;
        fillOk[o] = 1 - miss;
      }
    } else {
      evictRate[i] = 0;
      hitEff[i] = warm;
    }
    const used = want < max ? want : max;
    // An emptied cache holds only the keys filled since (the working set's memory when warm).
    const steadyKeys = ks.keysSteady[i]!;
    const fill = ks.active[i] === 1 && steadyKeys > 0 ? ks.keysNow[i]! / steadyKeys : 1;
    memory[i] = fill < 1 ? used * fill : used;
  }
}

/** Nodes order[lo..hi): own failures (work.ownErr), failed required calls (work.surv), rejections. */
export function nodeOutcomes(model: Model, st: State, lo: number, hi: number, dt: number): void {
  const K_SERVICE: typeof SERVICE = 2;
  const K_CACHE: typeof CACHE = 4;
  const { kind } = model;
  const { faulted, fOutage, procRate, arrRate, rejRate, ready, served, errRatio, failShare } = st;
  const { order, ownErr, surv, fillOk } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const k = kind[i]!;
    let ok = (1 - ownErr[o]!) * surv[o]!;
    if (k === K_CACHE) ok *= fillOk[o]!;
    if (faulted[i] !== 0 && fOutage[i] === 2) ok = 0; // hung
    const lamP = procRate[i]!;
    const arr = arrRate[i]!;
    const rej = rejRate[i]!;
    const failedProc = lamP * (1 - ok);
    const good = lamP * ok;
    served[i] = good;
    const completions = good + failedProc + rej;
    errRatio[i] = completions > 0 ? (failedProc + rej) / completions : 0;
    // What a call arriving now meets: turned away, or admitted and failing. (Failed completions
    // over arrivals is the same in steady state, but falls when more calls arrive than complete,
    // which fed the callers' retries a period-2 cycle.)
    const turned = arr > 0 ? (rej < arr ? rej / arr : 1) : 0;
    const share = arr > 0 ? turned + (1 - turned) * (1 - ok) : k === K_SERVICE && ready[i]! <= 0 ? 1 : 1 - ok;
    failShare[i] = share > 1 ? 1 : share < 0 ? 0 : share;
    st.servedTotal[i]! += good * dt;
    st.failedTotal[i]! += (failedProc + rej) * dt;
  }
}

/**
 * Nodes order[lo..hi). In flight: the queue state L (busy + waiting, L = lambda W in steady state);
 * a node without a queue (external, hung) by Little's law on what it took in. Then saturation, a
 * service's memory and the capacity left for queue work next tick, a database's open connections.
 */
export function occupancies(model: Model, st: State, lo: number, hi: number, dt: number): void {
  const K_SERVICE: typeof SERVICE = 2;
  const K_DATABASE: typeof DATABASE = 3;
  const K_EXTERNAL: typeof EXTERNAL = 7;
  const { kind, memoryBase, maxConnections } = model;
  const { qBusy, pulledBusy, oBusy, inSystem, oInSystem, procRate, hold, inflight, saturation, ready } = st;
  const { order, queued, servers, muNew } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const k = kind[i]!;
    const q = queued[o] === 1;
    const c = servers[o]!;
    const rdy = ready[i]!;
    const busy = q ? qBusy[i]! + pulledBusy[i]! + oBusy[i]! : procRate[i]! * hold[i]!;
    inflight[i] = q ? inSystem[i]! + pulledBusy[i]! + oInSystem[i]! : busy;
    saturation[i] = c === Infinity ? 0 : c > 0 ? Math.min(1, busy / c) : 1;
    if (k === K_SERVICE) {
      st.readyInRotation[i] = st.outOfRotation[i] === 1 ? 0 : rdy;
      st.memory[i] = rdy > 0 ? memoryBase[i]! + st.leakMb[i]! + (MB_PER_INFLIGHT * inflight[i]!) / rdy : 0;
      // Capacity left for queue work next tick: what the edges did not use, minus what already waits.
      const mu = muNew[o]!;
      const edgeLoad = st.arrRate[i]! - st.consumerInput[i]!;
      const left = (mu === Infinity ? 1e12 : mu) - edgeLoad - st.backlog[i]! / dt;
      st.spare[i] = rdy > 0 && left > 0 ? left : 0;
    } else if (k === K_DATABASE) {
      // Open connections: those in use (the queue state's busy servers: running or waiting for
      // CPU; queries waiting for a connection hold none), or every pooled one (idle ones stay open).
      const inUse = busy + st.slowActive[i]!;
      st.dbConn[i] = Math.min(maxConnections[i]!, inUse > st.pooledOpen[i]! ? inUse : st.pooledOpen[i]!);
    } else if (k === K_EXTERNAL) {
      saturation[i] = 0;
    }
  }
}
