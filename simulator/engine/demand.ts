/**
 * Demand pass, callers before callees: offered rate per node, admission (rate limits, dead
 * replicas, bounded queues), and the attempt rate on every edge (calls per request x retry
 * amplification from last tick's failure probability, cut by breakers, pools and limits).
 */
import type { Rng } from '../random/prng';
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, QUEUE, SERVICE, type Model } from './compile';
import { clientRate } from './client-rate';
import type { State } from './state';

/** Share of calls a half-open breaker lets through to probe the callee. */
const HALF_OPEN_PASS = 0.1;

export function demandPass(model: Model, st: State, rng: Rng, t: number, dt: number): void {
  const { n, topo, kind, inStart, inEdges, outStart, outEdges, to } = model;
  const { eRate, arrRate, rejRate, procRate, backlog, mu, consumerInput, ready } = st;
  consumerInput.fill(0);

  for (let o = 0; o < n; o++) {
    const i = topo[o]!;
    const k = kind[i]!;
    let lam = 0;
    for (let x = inStart[i]!, end = inStart[i + 1]!; x < end; x++) lam += eRate[inEdges[x]!]!;
    let proc: number;

    if (k === CLIENT) {
      lam = st.stopped[i] ? 0 : clientRate(model, i, t) * st.fSpike[i]!;
      const noise = model.noise[i]!;
      if (noise > 0 && lam > 0) lam = Math.max(0, lam * (1 + noise * rng.normal()));
      arrRate[i] = lam;
      rejRate[i] = 0;
      procRate[i] = lam;
      st.offeredTotal[i]! += lam * dt;
      proc = lam;
    } else if (k === QUEUE) {
      queueDemand(model, st, i, lam, dt);
      continue;
    } else if (k === DNS) {
      dnsDemand(model, st, i, lam, dt);
      continue;
    } else {
      if (k === SERVICE) lam += consumerInput[i]!;
      arrRate[i] = lam;
      st.offeredTotal[i]! += lam * dt;
      let adm = lam;
      let rej = 0;
      const down =
        st.fOutage[i] === 1 ||
        (k === SERVICE && ready[i]! <= 0) ||
        (k === DATABASE && st.failoverUntil[i]! > t);
      if (down) {
        rej = lam;
        adm = 0;
      } else if (adm > model.rateLimit[i]!) {
        rej = adm - model.rateLimit[i]!;
        adm = model.rateLimit[i]!;
      }
      if (k === EXTERNAL || st.fOutage[i] === 2) {
        proc = adm; // a provider's capacity is not ours to model; a hung node swallows everything
      } else {
        const pool = backlog[i]! + adm * dt;
        const x = Math.min(pool, mu[i]! * dt);
        const rem = pool - x;
        const qmax = k === SERVICE ? model.queueLimit[i]! * ready[i]! : model.queueLimit[i]!;
        const overflow = rem > qmax ? rem - qmax : 0;
        backlog[i] = rem - overflow;
        rej += overflow / dt;
        proc = x / dt;
      }
      rejRate[i] = rej;
      procRate[i] = proc;
      if (k === CACHE) proc *= 1 - st.hitEff[i]!; // only misses fall through
    }

    // Out-edges: attempts per second reaching each callee.
    const callerReplicas = k === SERVICE ? ready[i]! : 1;
    for (let x = outStart[i]!, end = outStart[i + 1]!; x < end; x++) {
      const e = outEdges[x]!;
      const p = st.eP[e]!;
      const r = model.retries[e]!;
      let amp = 1;
      let pk = 1;
      for (let a = 0; a < r; a++) {
        pk *= p;
        amp += pk;
      }
      let rate = proc * model.calls[e]! * amp;
      const wanted = rate;
      const cb = st.cbState[e]!;
      if (st.cbForced[e] === 1 || cb === 1) rate = 0;
      else if (cb === 2) rate *= HALF_OPEN_PASS;
      if (rate > model.edgeRateLimit[e]!) rate = model.edgeRateLimit[e]!;
      const pool = model.edgePool[e]!;
      if (pool < Infinity) {
        // Connections held = rate x time per call; beyond the pool, calls fail waiting for one.
        const j = to[e]!;
        const held = Math.min(st.latMean[j]!, model.timeout[e]!) + 1e-6;
        const maxRate = (pool * callerReplicas) / held;
        if (rate > maxRate) rate = maxRate;
      }
      st.eShed[e] = wanted > 0 ? 1 - rate / wanted : 0;
      eRate[e] = rate;
    }
  }
}

function queueDemand(model: Model, st: State, i: number, arr: number, dt: number): void {
  const capMsgs = (model.maxMemoryMb[i]! * 1024) / model.messageKb[i]!;
  let capacity = 0;
  for (let x = model.consStart[i]!, end = model.consStart[i + 1]!; x < end; x++)
    capacity += st.spare[model.consumers[x]!]!;
  const backlog = st.backlog[i]!;
  const inMsgs = arr * dt;
  let out = Math.min(backlog + inMsgs, capacity * dt);
  let accepted = inMsgs;
  let rejected = 0;
  let evicted = 0;
  let next: number;
  if (model.lruPolicy[i]) {
    next = backlog + accepted - out;
    if (next > capMsgs) {
      evicted = next - capMsgs; // allkeys-lru silently drops jobs
      next = capMsgs;
    }
  } else {
    const space = Math.max(0, capMsgs - backlog + out);
    if (accepted > space) {
      rejected = accepted - space; // "OOM command not allowed when used memory > 'maxmemory'"
      accepted = space;
    }
    if (out > backlog + accepted) out = backlog + accepted;
    next = backlog + accepted - out;
  }
  st.backlog[i] = next;
  st.arrRate[i] = arr;
  st.rejRate[i] = rejected / dt;
  st.procRate[i] = out / dt;
  st.enqRate[i] = accepted / dt;
  st.deqRate[i] = out / dt;
  st.evictRate[i] = evicted / dt;
  st.offeredTotal[i]! += inMsgs;
  st.servedTotal[i]! += out;
  st.failedTotal[i]! += rejected + evicted;
  // Hand the dequeued messages to consumers in proportion to their spare capacity.
  if (capacity > 0) {
    const perUnit = out / dt / capacity;
    for (let x = model.consStart[i]!, end = model.consStart[i + 1]!; x < end; x++) {
      const c = model.consumers[x]!;
      st.consumerInput[c]! += st.spare[c]! * perUnit;
    }
  }
}

function dnsDemand(model: Model, st: State, d: number, direct: number, dt: number): void {
  const { kind, to } = model;
  let q = direct + st.fFlood[d]!;
  for (let x = model.dnsStart[d]!, end = model.dnsStart[d + 1]!; x < end; x++) {
    const e = model.dnsEdges[x]!;
    // Short in-cluster names resolve on the first search domain; external names walk the ndots search path.
    const amp = kind[to[e]!] === EXTERNAL ? model.ndots[d]! : 1;
    q += st.eRate[e]! * model.lookups[e]! * amp;
  }
  q *= 1 - st.localHit[d]!;
  const cap = st.ready[d]! * model.qpsPerReplica[d]!;
  const ok = st.fOutage[d] ? 0 : Math.min(q, cap);
  st.dnsQueries[d] = q;
  st.arrRate[d] = q;
  st.procRate[d] = ok;
  st.rejRate[d] = q - ok;
  st.dnsFail[d] = q > 0 ? 1 - ok / q : st.ready[d]! > 0 && !st.fOutage[d] ? 0 : 1;
  st.offeredTotal[d]! += q * dt;
  st.servedTotal[d]! += ok * dt;
  st.failedTotal[d]! += (q - ok) * dt;
}
