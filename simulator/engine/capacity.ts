/**
 * Latency and capacity pass, callees before callers. Per edge: the callee's failure share, the
 * share of calls that exceed the caller's timeout, DNS lookup time and failures, retries (time and
 * final failure). Per node: service time S (base x fault multipliers x CPU contention), servers c,
 * Erlang C wait, response quantiles, Little's law in-flight, saturation, CPU, memory, errors, and
 * the capacity mu = c / hold-time that bounds next tick's throughput.
 */
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, LB, QUEUE, SERVICE, type Model } from './compile';
import { erlangC, normalCdf, responseQuantile } from './queueing';
import type { State } from './state';

const LN_HALF = Math.log(0.5);
const LN_5P = Math.log(0.05);
const LN_1P = Math.log(0.01);
/** Latency of a node that hangs (dependency-outage "timeouts"): every caller times out first. */
const HANG_SECONDS = 3600;
/**
 * Longest a queued request is counted as waiting. A collapsing node's backlog / throughput can
 * reach days; real clients and load balancers abandon queued requests within minutes, so the
 * reported latency saturates here instead of growing without bound.
 */
const MAX_QUEUE_WAIT = 600;
/** CFS period: throttled work waits for the next one. */
const CFS_PERIOD = 0.1;
/** Memory a replica spends per in-flight request (buffers, stacks). */
const MB_PER_INFLIGHT = 0.2;

/** P[T > tau] from three quantiles: log-linear between them, the last slope extrapolated. */
export function survivalAt(tau: number, q50: number, q95: number, q99: number): number {
  if (tau >= q99) {
    const span = q99 - q95;
    if (span <= 1e-12) return tau > q99 ? 0 : 0.01;
    const s = 0.01 * Math.exp((-(tau - q99) * (LN_5P - LN_1P)) / span);
    return s < 1e-12 ? 0 : s;
  }
  if (tau >= q95) return Math.exp(LN_5P + ((tau - q95) / Math.max(1e-12, q99 - q95)) * (LN_1P - LN_5P));
  if (tau >= q50) return Math.exp(LN_HALF + ((tau - q50) / Math.max(1e-12, q95 - q50)) * (LN_5P - LN_HALF));
  return q50 > 0 ? Math.exp((LN_HALF * tau) / q50) : 0;
}

export function capacityPass(model: Model, st: State, t: number, dt: number): void {
  const { n, topo, kind } = model;
  for (let o = n - 1; o >= 0; o--) {
    const i = topo[o]!;
    const k = kind[i]!;
    if (k === QUEUE) {
      queueNode(model, st, i, dt);
      continue;
    }
    if (k === DNS) {
      dnsNode(model, st, i);
      continue;
    }
    // --- downstream: sum over sync calls (callee results of this tick; back edges: last tick) ---
    let dMean = 0;
    let d50 = 0;
    let d95 = 0;
    let d99 = 0;
    let surv = 1;
    for (let x = model.outStart[i]!, end = model.outStart[i + 1]!; x < end; x++) {
      const e = model.outEdges[x]!;
      edgeResult(model, st, e, i, t);
      const j = model.to[e]!;
      if (model.async[e] && kind[j] !== QUEUE) continue; // fire and forget
      const c = model.calls[e]!;
      dMean += c * st.eTime[e]!;
      d50 += c * st.eQ50[e]!;
      d95 += c * st.eQ95[e]!;
      d99 += c * st.eQ99[e]!;
      if (!model.optional[e]) {
        const ok = 1 - st.eFinal[e]!;
        surv *= c === 1 ? ok : Math.pow(ok, c);
      }
    }

    if (k === CLIENT) {
      const lam = st.procRate[i]!;
      st.latMean[i] = dMean;
      st.p50[i] = d50;
      st.p95[i] = d95;
      st.p99[i] = d99;
      st.failShare[i] = 1 - surv;
      st.errRatio[i] = lam > 0 ? 1 - surv : 0;
      st.served[i] = lam * surv;
      st.servedTotal[i]! += lam * surv * dt;
      st.failedTotal[i]! += lam * (1 - surv) * dt;
      continue;
    }
    genericNode(model, st, i, k, dt, dMean, d50, d95, d99, surv);
  }
}

/** Per-attempt failure, time per call with retries, breaker transitions for edge e (caller i). */
function edgeResult(model: Model, st: State, e: number, i: number, t: number): void {
  const j = model.to[e]!;
  const tau = model.timeout[e]!;
  let p: number;
  let tA = 0;
  let q50 = 0;
  let q95 = 0;
  let q99 = 0;
  const open = st.cbForced[e] === 1 || st.cbState[e] === 1;
  let calleeFail = 0;
  if (open) {
    p = 1; // fails fast without calling
  } else {
    calleeFail = st.failShare[j]!;
    const cp99 = st.p99[j]!;
    const timedOut = tau >= 20 * cp99 ? 0 : survivalAt(tau, st.p50[j]!, st.p95[j]!, cp99);
    let dnsFail = 0;
    let dnsTime = 0;
    let dns50 = 0;
    let dns95 = 0;
    let dns99 = 0;
    const d = model.edgeDns[e]!;
    if (d >= 0) {
      // glibc: a dropped query waits the resolver timeout, then one retry.
      const f = st.dnsFail[d]!;
      const rt = model.resolverTimeout[d]!;
      const lookups = model.lookups[e]!;
      const per = st.latMean[d]! + f * rt * (1 + f);
      dnsTime = lookups * per;
      dnsFail = Math.min(1, lookups * f * f);
      dns50 = st.latMean[d]! + rt * ((f > 0.5 ? 1 : 0) + (f * f > 0.5 ? 1 : 0));
      dns95 = st.latMean[d]! + rt * ((f > 0.05 ? 1 : 0) + (f * f > 0.05 ? 1 : 0));
      dns99 = st.latMean[d]! + rt * ((f > 0.01 ? 1 : 0) + (f * f > 0.01 ? 1 : 0));
    }
    // LB health-check lag: calls sent to replicas that died since the last check fail.
    let stale = 0;
    if (model.kind[i] === LB && model.kind[j] === SERVICE) {
      if (st.lbSeen[e]! < 0 || t >= st.lbNext[e]!) {
        st.lbSeen[e] = st.ready[j]!;
        st.lbNext[e] = t + model.healthInterval[i]!;
      }
      const seen = st.lbSeen[e]!;
      if (seen > st.ready[j]!) stale = 1 - st.ready[j]! / seen;
    }
    const loss = st.fLoss[e]!;
    p = 1 - (1 - calleeFail) * (1 - timedOut) * (1 - loss) * (1 - dnsFail) * (1 - stale);
    const extra = st.fEdgeLat[e]!;
    tA = Math.min(st.latMean[j]!, tau) + extra + dnsTime;
    q50 = Math.min(st.p50[j]!, tau) + extra + dns50;
    q95 = Math.min(st.p95[j]!, tau) + extra + dns95;
    q99 = Math.min(cp99, tau) + extra + dns99;
  }
  const shed = st.eShed[e]!;
  const pAll = open ? 1 : 1 - (1 - p) * (1 - shed);
  st.eP[e] = pAll;

  // Retries: attempt a happens with probability pAll^a after an exponential backoff.
  const r = model.retries[e]!;
  const backoff = model.backoff[e]!;
  let time = tA;
  let pk = 1;
  let n50 = 1;
  let n95 = 1;
  let n99 = 1;
  for (let a = 1; a <= r; a++) {
    pk *= pAll;
    time += pk * (tA + backoff * (1 << (a - 1)));
    if (pk > 0.5) n50++;
    if (pk > 0.05) n95++;
    if (pk > 0.01) n99++;
  }
  st.eFinal[e] = pk * pAll;
  st.eTime[e] = time;
  st.eQ50[e] = q50 * n50 + (n50 > 1 ? backoff * ((1 << (n50 - 1)) - 1) : 0);
  st.eQ95[e] = q95 * n95 + (n95 > 1 ? backoff * ((1 << (n95 - 1)) - 1) : 0);
  st.eQ99[e] = q99 * n99 + (n99 > 1 ? backoff * ((1 << (n99 - 1)) - 1) : 0);

  // Circuit breaker on the callee's failures (not on our own shedding).
  const threshold = model.cbThreshold[e]!;
  if (threshold > 0 && st.cbForced[e] === 0) {
    const s = st.cbState[e];
    if (s === 0) {
      if (st.eRate[e]! > 0 && p >= threshold) {
        st.cbState[e] = 1;
        st.cbUntil[e] = t + model.cbOpenFor[e]!;
      }
    } else if (s === 1) {
      if (t >= st.cbUntil[e]!) st.cbState[e] = 2;
    } else if (calleeFail >= threshold || p >= threshold) {
      st.cbState[e] = 1;
      st.cbUntil[e] = t + model.cbOpenFor[e]!;
    } else st.cbState[e] = 0;
  }
}

function genericNode(
  model: Model,
  st: State,
  i: number,
  k: number,
  dt: number,
  dMean: number,
  d50: number,
  d95: number,
  d99: number,
  surv: number,
): void {
  const lamP = st.procRate[i]!;
  const arr = st.arrRate[i]!;
  const rej = st.rejRate[i]!;
  const ready = st.ready[i]!;
  const hang = st.fOutage[i] === 2;

  // Own service time.
  let s = model.serviceTime[i]! * st.fLatFactor[i]! + st.fLatAdd[i]!;
  let servers: number;
  let cpuCap = Infinity;
  let ownErr = model.errorRate[i]!;
  if (k === SERVICE) {
    s = s * st.fConsumer[i]! * st.stretch[i]! + model.sidecarLatency[i]! + st.fSideLat[i]!;
    servers = ready * model.concurrency[i]!;
  } else if (k === DATABASE) {
    s *= st.stretch[i]!;
    servers = Math.max(0, model.maxConnections[i]! - st.slowActive[i]!);
  } else if (k === CACHE) {
    servers = 1;
  } else if (k === LB) {
    servers = model.maxConnections[i]!;
  } else {
    servers = Infinity; // external
  }
  ownErr = 1 - (1 - ownErr) * (1 - st.fErr[i]!);

  // Misses fall through a cache; the cache itself does not wait for them (cache-aside).
  let hold = s + dMean;
  let mean50 = d50;
  let mean95 = d95;
  let mean99 = d99;
  let down = dMean;
  if (k === CACHE) {
    const miss = 1 - st.hitEff[i]!;
    hold = s;
    down = dMean * miss;
    mean50 = miss > 0.5 ? d50 : 0;
    mean95 = miss > 0.05 ? d95 : 0;
    mean99 = miss > 0.01 ? d99 : 0;
  }

  // CPU (services): per-request CPU against the CFS quota.
  let throttleMean = 0;
  let throttle50 = 0;
  let throttle95 = 0;
  let throttle99 = 0;
  if (k === SERVICE) {
    const cpr = model.cpuPerRequest[i]! * st.fCpuFactor[i]! + model.sidecarCpu[i]! + st.fSideCpu[i]!;
    const limit = model.cpuLimit[i]!;
    const cores = ready * limit;
    if (cpr > 0 && cores > 0) {
      cpuCap = cores / cpr;
      const u = (lamP * cpr) / cores;
      st.cpuUtil[i] = u < 1 ? u : 1;
      // Next tick's contention: offered CPU beyond the limit stretches every request (processor sharing).
      const uOffered = ((arr - rej) * cpr) / cores;
      st.stretch[i] = uOffered > 1 ? uOffered : 1;
      // Throttled periods: per-period CPU demand of a replica ~ normal(mean, Poisson variance) vs the quota.
      // Offered work (not just what got through) decides whether the quota runs out.
      const perPeriod = ((arr > lamP ? arr : lamP) / ready) * CFS_PERIOD;
      const meanCpu = perPeriod * cpr;
      const sd = Math.sqrt(perPeriod) * cpr;
      const quota = limit * CFS_PERIOD;
      const z = sd > 0 ? (quota - meanCpu) / sd : meanCpu > quota ? -Infinity : Infinity;
      const thr = z > 6 ? 0 : z < -6 ? 1 : 1 - normalCdf(z);
      st.throttled[i] = thr;
      throttleMean = thr * CFS_PERIOD * 0.5;
      throttle50 = thr > 0.5 ? CFS_PERIOD : 0;
      throttle95 = thr > 0.05 ? CFS_PERIOD : 0;
      throttle99 = thr > 0.01 ? CFS_PERIOD : 0;
    } else {
      st.cpuUtil[i] = 0;
      st.throttled[i] = 0;
      st.stretch[i] = 1;
    }
  } else if (k === DATABASE) {
    const cores = model.cpuLimit[i]!;
    const slowCpu = st.slowActive[i]! * st.fSlowCpu[i]!;
    const u = (lamP * model.cpuPerRequest[i]! + slowCpu) / cores;
    st.cpuUtil[i] = u < 1 ? u : 1;
    const uOffered = ((arr - rej) * model.cpuPerRequest[i]! + slowCpu) / cores;
    st.stretch[i] = uOffered > 1 ? uOffered : 1;
  } else if (k === CACHE) {
    st.cpuUtil[i] = Math.min(1, lamP / model.opsCapacity[i]!);
  }
  s += throttleMean;
  hold += throttleMean;

  // Capacity and queueing.
  let muNew = servers === Infinity ? Infinity : servers / hold;
  if (muNew > cpuCap) muNew = cpuCap;
  const a = lamP * hold;
  let pw = 0;
  let theta = 0;
  let wq = 0;
  let wmax = Infinity;
  // Halfin-Whitt: with (c - a) > 4 sqrt(c) spare servers, P[wait] < 1e-4 -- skip the O(c) Erlang C.
  if (servers < Infinity && servers >= 1 && a < servers && lamP > 0 && servers - a < 4 * Math.sqrt(servers)) {
    pw = erlangC(servers, a);
    theta = (servers - a) / hold;
    wq = pw / theta;
    const qmax = k === SERVICE ? model.queueLimit[i]! * ready : model.queueLimit[i]!;
    wmax = muNew > 0 ? qmax / muNew : 0;
    if (wq > wmax) wq = wmax;
  }
  const fluidWait = muNew > 0 && muNew < Infinity ? Math.min(MAX_QUEUE_WAIT, st.backlog[i]! / muNew) : 0;
  const pre = fluidWait;
  let r50: number;
  let r95: number;
  let r99: number;
  if (pw > 1e-9) {
    r50 = responseQuantile(0.5, pw, theta, s);
    r95 = responseQuantile(0.95, pw, theta, s);
    r99 = responseQuantile(0.99, pw, theta, s);
    // A bounded queue bounds the wait too: near rho = 1 the Erlang tail (1 / theta) explodes,
    // but nobody waits longer than the queue limit divided by the service rate.
    if (r50 > wmax + s * 0.6931471805599453) r50 = wmax + s * 0.6931471805599453;
    if (r95 > wmax + s * 2.995732273553991) r95 = wmax + s * 2.995732273553991;
    if (r99 > wmax + s * 4.605170185988091) r99 = wmax + s * 4.605170185988091;
  } else {
    r50 = s * 0.6931471805599453;
    r95 = s * 2.995732273553991;
    r99 = s * 4.605170185988091;
  }
  if (hang) {
    st.latMean[i] = HANG_SECONDS;
    st.p50[i] = HANG_SECONDS;
    st.p95[i] = HANG_SECONDS;
    st.p99[i] = HANG_SECONDS;
  } else {
    st.latMean[i] = pre + wq + s + down;
    st.p50[i] = pre + r50 + mean50 + throttle50;
    st.p95[i] = pre + r95 + mean95 + throttle95;
    st.p99[i] = pre + r99 + mean99 + throttle99;
  }
  st.mu[i] = muNew;
  st.hold[i] = hold;

  // Errors: own failures and failed required calls.
  let ok = (1 - ownErr) * surv;
  if (k === CACHE) {
    // At maxmemory: noeviction fails the fill writes of misses; allkeys-lru evicts and loses hits.
    const miss = 1 - st.hitEff[i]!;
    const writes = lamP * miss;
    const leak = (st.fLeak[i]! / 60) * dt;
    st.cacheMem[i]! += (writes * model.writeGrowthKb[i]! * dt) / 1024 + leak;
    const max = model.maxMemoryMb[i]!;
    if (st.cacheMem[i]! >= max) {
      st.cacheMem[i] = max;
      if (model.lruPolicy[i]) {
        st.evictRate[i] = writes > 0 ? writes : (leak * 1024) / dt;
        const pressure = lamP > 0 ? Math.min(0.5, st.evictRate[i]! / lamP) : 0;
        st.hitEff[i] = model.hitRatio[i]! * (1 - pressure);
      } else {
        st.evictRate[i] = 0;
        ok *= 1 - miss;
      }
    } else {
      st.evictRate[i] = 0;
      st.hitEff[i] = model.hitRatio[i]!;
    }
    st.memory[i] = st.cacheMem[i]!;
  }
  if (hang) ok = 0;
  const failedProc = lamP * (1 - ok);
  const served = lamP * ok;
  st.served[i] = served;
  const completions = served + failedProc + rej;
  st.errRatio[i] = completions > 0 ? (failedProc + rej) / completions : 0;
  const share = arr > 0 ? (rej + failedProc) / arr : k === SERVICE && ready <= 0 ? 1 : 1 - ok;
  st.failShare[i] = share > 1 ? 1 : share < 0 ? 0 : share;
  st.servedTotal[i]! += served * dt;
  st.failedTotal[i]! += (failedProc + rej) * dt;

  // Little's law: busy threads = throughput x hold time; plus those waiting.
  const busy = lamP * hold;
  st.inflight[i] = busy + st.backlog[i]!;
  st.saturation[i] = servers === Infinity ? 0 : servers > 0 ? Math.min(1, busy / servers) : 1;
  if (k === SERVICE) {
    st.memory[i] =
      ready > 0 ? model.memoryBase[i]! + st.leakMb[i]! + (MB_PER_INFLIGHT * st.inflight[i]!) / ready : 0;
    // Capacity left for queue work next tick: what the edges did not use, minus what already waits.
    const edgeLoad = arr - st.consumerInput[i]!;
    const spare = (muNew === Infinity ? 1e12 : muNew) - edgeLoad - st.backlog[i]! / dt;
    st.spare[i] = ready > 0 && spare > 0 ? spare : 0;
  } else if (k === DATABASE) {
    st.dbConn[i] = Math.min(model.maxConnections[i]!, busy + st.slowActive[i]!);
  } else if (k === EXTERNAL) {
    st.saturation[i] = 0;
  }
}

function queueNode(model: Model, st: State, i: number, dt: number): void {
  const arr = st.arrRate[i]!;
  st.failShare[i] = arr > 0 ? st.rejRate[i]! / arr : 0;
  st.errRatio[i] = st.failShare[i]!;
  st.served[i] = st.deqRate[i]!;
  const lat = model.serviceTime[i]!;
  st.latMean[i] = lat;
  st.p50[i] = lat;
  st.p95[i] = lat;
  st.p99[i] = lat;
  const depth = st.backlog[i]!;
  st.queueMem[i] = (depth * model.messageKb[i]!) / 1024;
  st.memory[i] = st.queueMem[i]!;
  // FIFO: the head arrived when the current backlog started to accumulate; it ages at most 1 s per s.
  const enq = st.enqRate[i]!;
  if (depth <= 1e-9) st.oldest[i] = 0;
  else {
    const byRate = enq > 0 ? depth / enq : Infinity;
    const aged = st.oldest[i]! + dt;
    st.oldest[i] = byRate < aged ? byRate : aged;
  }
}

function dnsNode(model: Model, st: State, d: number): void {
  const q = st.dnsQueries[d]!;
  const ready = st.ready[d]!;
  const cap = ready * model.qpsPerReplica[d]!;
  const u = cap > 0 ? q / cap : q > 0 ? Infinity : 0;
  st.cpuUtil[d] = u < 1 ? u : 1;
  st.saturation[d] = st.cpuUtil[d]!;
  // Cache hits answer in well under a millisecond; misses go upstream.
  const hit = model.hitRatio[d]!;
  const base = (hit * 0.0005 + (1 - hit) * 0.01) * st.fLatFactor[d]! + st.fLatAdd[d]!;
  const queueing = u < 0.95 ? base * (u / (1 - u)) * 0.1 : base * 2;
  st.latMean[d] = base + queueing;
  st.p50[d] = st.latMean[d]!;
  st.p95[d] = st.latMean[d]! * 3;
  st.p99[d] = st.latMean[d]! * 4.6;
  st.failShare[d] = st.dnsFail[d]!;
  st.errRatio[d] = st.dnsFail[d]!;
  st.served[d] = st.procRate[d]!;
  // Pending queries and goroutines grow memory under overload: ~40 MB idle, +100 MB at full load.
  st.memory[d] = ready > 0 ? 40 + 100 * Math.min(u, 4) * Math.min(u, 4) + st.leakMb[d]! : 0;
  st.inflight[d] = 0;
}

export { CFS_PERIOD };
