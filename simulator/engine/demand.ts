/**
 * Demand pass, callers before callees: offered rate per node, admission (rate limits, dead
 * replicas, bounded queues), and the attempt rate on every edge (calls per request x retry
 * amplification from last tick's failure probability, cut by breakers, pools and limits).
 */
import type { Rng } from '../random/prng';
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, QUEUE, SERVICE, type Model } from './compile';
import { clientRate } from './client-rate';
import { dropQueue, queueFlow } from './queue-flow';
import type { State } from './state';

/**
 * Client i with `resend`: last tick's failed requests join its backlog (its rate and failure share
 * are still last tick's here) and the resends of last tick leave it; the backlog is capped at
 * maxBacklog (the rest is lost). This tick it resends up to factor x its own rate (arrRate[i] on
 * entry) on top of it. A resend that fails comes back like any other failure.
 */
function resendDemand(model: Model, st: State, i: number, dt: number): void {
  const own = st.arrRate[i]!;
  let backlog = st.resendBacklog[i]! + (st.procRate[i]! * st.failShare[i]! - st.resendRate[i]!) * dt;
  if (backlog < 0) backlog = 0;
  if (backlog > model.resendMax[i]!) backlog = model.resendMax[i]!;
  st.resendBacklog[i] = backlog;
  const cap = model.resendFactor[i]! * own;
  const resend = st.stopped[i] ? 0 : backlog / dt < cap ? backlog / dt : cap;
  st.resendRate[i] = resend;
  st.arrRate[i] = own + resend;
}

/** Share of calls a half-open breaker lets through to probe the callee. */
const HALF_OPEN_PASS = 0.1;

export function demandPass(model: Model, st: State, rng: Rng, t: number, dt: number): void {
  // Kind codes as local literals: see capacityPass (20% fewer instructions in this pass).
  const K_CACHE: typeof CACHE = 4;
  const K_CLIENT: typeof CLIENT = 0;
  const K_DATABASE: typeof DATABASE = 3;
  const K_DNS: typeof DNS = 6;
  const K_EXTERNAL: typeof EXTERNAL = 7;
  const K_QUEUE: typeof QUEUE = 5;
  const K_SERVICE: typeof SERVICE = 2;
  const { n, topo, kind, inStart, inEdges, outStart, to, noise, rateLimit } = model;
  const { retries, retryBudget, perReplicaRate, calls, edgeRateLimit, edgePool, timeout } = model;
  const { eRate, eRetry, arrRate, rejRate, procRate, consumerInput, ready, stopped, fSpike } = st;
  const { offeredTotal, fOutage, failoverUntil, hitEff, eP, cbState, cbForced, latMean, eShed } = st;
  const ksAmp = st.keyspace.amp;
  const { faulted, outOfRotation, fPoison, ePoison, poisonBlocked, anyPoison } = st;
  consumerInput.fill(0);

  for (let o = 0; o < n; o++) {
    const i = topo[o]!;
    const k = kind[i]!;
    let lam = 0;
    for (let x = inStart[i]!, end = inStart[i + 1]!; x < end; x++) lam += eRate[inEdges[x]!]!;
    // Assigned on every path below; initialised so the optimiser keeps it an unboxed double.
    // eslint-disable-next-line no-useless-assignment
    let proc = 0;

    if (k === K_CLIENT) {
      if (stopped[i]) lam = 0;
      else {
        clientRate(model, i, t, arrRate); // into arrRate[i], overwritten below
        lam = arrRate[i]! * (faulted[i] === 0 ? 1 : fSpike[i]!);
      }
      const nz = noise[i]!;
      if (nz > 0 && lam > 0) lam = Math.max(0, lam * (1 + nz * rng.normal()));
      if (model.resendFactor[i]! > 0) {
        arrRate[i] = lam; // handed over in the array: a double argument would be boxed
        resendDemand(model, st, i, dt);
        lam = arrRate[i]!;
      }
      arrRate[i] = lam;
      rejRate[i] = 0;
      procRate[i] = lam;
      offeredTotal[i]! += lam * dt;
      proc = lam;
    } else if (k === K_QUEUE) {
      arrRate[i] = lam; // handed over in the array: a double argument would be boxed
      queueDemand(model, st, i, dt);
      continue;
    } else if (k === K_DNS) {
      arrRate[i] = lam; // direct queries; dnsDemand adds the lookups of the edges it resolves
      dnsDemand(model, st, i, dt);
      continue;
    } else {
      if (k === K_SERVICE) lam += consumerInput[i]!;
      else if (k === K_DATABASE) poolConnections(model, st, i);
      arrRate[i] = lam;
      offeredTotal[i]! += lam * dt;
      if (faulted[i] !== 0 && fPoison[i]! > 0) poisonArrivals(model, st, i, lam);
      let adm = lam;
      let rej = 0;
      const out = faulted[i] === 0 ? 0 : fOutage[i]!; // 0 = no outage (the default)
      const down =
        out === 1 ||
        (k === K_SERVICE && (ready[i]! <= 0 || outOfRotation[i] === 1)) ||
        (k === K_DATABASE && failoverUntil[i]! > t);
      const limit = rateLimit[i]!;
      if (down) {
        rej = lam;
        adm = 0;
      } else if (adm > limit) {
        rej = adm - limit;
        adm = limit;
      }
      rejRate[i] = rej;
      if (k === K_EXTERNAL || out === 2) {
        proc = adm; // a provider's capacity is not ours to model; a hung node swallows everything
      } else if (down) {
        proc = 0;
        dropQueue(st, i, dt);
      } else {
        procRate[i] = adm; // handed over in the array: a double argument would be boxed
        queueFlow(model, st, i, dt);
        proc = procRate[i]!;
      }
      procRate[i] = proc;
      // Only misses fall through; uncoalesced misses on a key being filled each read the store.
      if (k === K_CACHE) proc *= (1 - hitEff[i]!) * ksAmp[i]!;
    }

    // Out-edges: attempts per second reaching each callee.
    const callerReplicas = k === K_SERVICE ? ready[i]! : 1;
    for (let e = outStart[i]!, end = outStart[i + 1]!; e < end; e++) {
      const j = to[e]!;
      const q = !anyPoison || faulted[j] === 0 ? 0 : fPoison[j]!; // share of calls carrying poison
      let p = eP[e]!;
      // A poison attempt always fails: the independent failure p is the other attempts'.
      if (q > 0) p = ePoison[e]! < 1 ? Math.max(0, (p - ePoison[e]!) / (1 - ePoison[e]!)) : 0;
      const r = retries[e]!;
      let amp = 1;
      let pk = 1;
      for (let a = 0; a < r; a++) {
        pk *= p;
        amp += pk;
      }
      const blocked = q > 0 && poisonBlocked[j] === 1;
      if (q > 0) {
        // Poison calls are retried to the limit (a blocked one gets a 400, not retried).
        const wantedRetries = (1 - q) * (amp - 1) + (blocked ? 0 : q * r);
        const theta = wantedRetries > retryBudget[e]! ? retryBudget[e]! / wantedRetries : 1;
        amp = 1 + theta * wantedRetries;
        ePoison[e] = (q * (blocked ? 1 : 1 + theta * r)) / amp;
      } else {
        // A retry budget caps the retries at a share of the calls, whatever fails.
        const budget = 1 + retryBudget[e]!;
        if (amp > budget) amp = budget;
      }
      // Background calls (polling, heartbeats) come from every ready replica, busy or not.
      let rate = (proc * calls[e]! + perReplicaRate[e]! * callerReplicas) * amp;
      const wanted = rate;
      if (blocked) rate *= 1 - ePoison[e]!; // rejected at the door, like a shed call
      const cb = cbState[e]!;
      if (cbForced[e] === 1 || cb === 1) rate = 0;
      else if (cb === 2) rate *= HALF_OPEN_PASS;
      const cap = edgeRateLimit[e]!;
      if (rate > cap) rate = cap;
      const pool = edgePool[e]!;
      if (pool < Infinity) {
        // Connections held = rate x time per call; beyond the pool, calls fail waiting for one.
        const held = Math.min(latMean[to[e]!]!, timeout[e]!) + 1e-6;
        const maxRate = (pool * callerReplicas) / held;
        if (rate > maxRate) rate = maxRate;
      }
      eShed[e] = wanted > 0 ? 1 - rate / wanted : 0;
      eRate[e] = rate;
      eRetry[e] = rate * (1 - 1 / amp);
    }
  }
}

/**
 * Service i with a poison-payload fault: the share of its arrivals (`lam`) that are poison
 * attempts, from its callers' edges (a blocked payload never arrives).
 */
function poisonArrivals(model: Model, st: State, i: number, lam: number): void {
  let poison = 0;
  if (st.poisonBlocked[i] === 0) {
    for (let x = model.inStart[i]!, end = model.inStart[i + 1]!; x < end; x++) {
      const e = model.inEdges[x]!;
      poison += st.eRate[e]! * st.ePoison[e]!;
    }
  }
  st.poisonArr[i] = lam > 0 ? Math.min(1, poison / lam) : 0;
}

/**
 * Database i: the connections its callers' pools open. A fixed client pool (HikariCP, a Rails
 * pool) opens all its connections when the replica boots, busy or not. First come, first served:
 * replicas already serving keep theirs; those that boot past max_connections get none, and once
 * they serve, each of their queries fails ("too many clients"). The capacity pass fails that share
 * of the pooled calls.
 */
function poolConnections(model: Model, st: State, i: number): void {
  const { inStart, inEdges, edgePool, from, kind } = model;
  let serving = 0; // connections the serving replicas' pools want
  let booting = 0;
  for (let x = inStart[i]!, end = inStart[i + 1]!; x < end; x++) {
    const e = inEdges[x]!;
    const pool = edgePool[e]!;
    if (pool === Infinity) continue;
    const c = from[e]!;
    if (kind[c] === SERVICE) {
      serving += pool * st.ready[c]!;
      booting += pool * st.starting[c]!;
    } else serving += pool;
  }
  const max = model.maxConnections[i]!;
  const wanted = serving + booting;
  st.pooledOpen[i] = wanted < max ? wanted : max;
  st.connRefused[i] = serving > max ? 1 - max / serving : 0;
}

/** Queue i: `st.arrRate[i]` holds this tick's arrivals on entry. */
function queueDemand(model: Model, st: State, i: number, dt: number): void {
  const arr = st.arrRate[i]!;
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
  let next = backlog + accepted - out;
  if (model.lruPolicy[i]) {
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

/** Resolver d: `st.arrRate[d]` holds the queries sent to it directly (edges to it) on entry. */
function dnsDemand(model: Model, st: State, d: number, dt: number): void {
  const { kind, to } = model;
  let q = st.arrRate[d]! + st.fFlood[d]!;
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
