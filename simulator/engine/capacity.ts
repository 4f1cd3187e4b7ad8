/**
 * Latency and capacity pass, callees before callers. Per edge: the callee's failure share, the
 * share of calls that exceed the caller's timeout, DNS lookup time and failures, retries (time and
 * final failure). Per node: service time S (base x fault multipliers x CPU contention), servers c,
 * Erlang C wait, response quantiles, Little's law in-flight, saturation, CPU, memory, errors, and
 * the capacity mu = c / hold-time that bounds next tick's throughput.
 */
import { CACHE, CLIENT, DATABASE, DNS, EXTERNAL, LB, QUEUE, SERVICE, type Model } from './compile';
import { normalCdf } from './queueing';
import {
  mix,
  MX_CPU,
  MX_ERR,
  MX_HOLD,
  MX_PW,
  MX_R50,
  MX_R95,
  MX_R99,
  MX_S,
  MX_THETA,
  MX_WMAX,
  MX_WQ,
  replicaMix,
} from './replica-mix';
import { TAIL_CACHE_STRIDE, type State } from './state';

const LN_HALF = Math.log(0.5);
const LN_5P = Math.log(0.05);
const LN_1P = Math.log(0.01);
/**
 * The one latency cap, on a node's whole latency (mean and quantiles): an hour. A hung node
 * (dependency-outage "timeouts") sits at it, so every caller times out first; a collapsing node's
 * queue / throughput could otherwise report days. Bounded queues stay far below it.
 */
export const LATENCY_CAP = 3600;
/** CFS period: throttled work waits for the next one. */
const CFS_PERIOD = 0.1;
/** A call the callee turns away (429, 503, queue full) costs one round trip, not its latency. */
const REJECT_SECONDS = 0.001;
/** Memory a replica spends per in-flight request (buffers, stacks). */
const MB_PER_INFLIGHT = 0.2;

/** Tails 1 - q of the reported quantiles q = 0.5, 0.95, 0.99, and their logs (constant per level). */
const TAIL = Float64Array.of(1 - 0.5, 1 - 0.95, 1 - 0.99);
const LN_TAIL = TAIL.map((x) => Math.log(x));
const LN_HALF_TAIL = TAIL.map((x) => Math.log(x / 2));

/** Standard normal quantiles of the reported levels 0.5, 0.95, 0.99. */
const Z_LEVEL = Float64Array.of(0, 1.6448536269514722, 2.3263478740408408);

/** Acklam's rational approximation of the standard normal quantile (relative error 1.2e-9). */
const ACK_A = Float64Array.of(
  -39.69683028665376,
  220.9460984245205,
  -275.9285104469687,
  138.357751867269,
  -30.66479806614716,
  2.506628277459239,
);
const ACK_B = Float64Array.of(
  -54.47609879822406,
  161.5858368580409,
  -155.6989798598866,
  66.80131188771972,
  -13.28068155288572,
);
const ACK_C = Float64Array.of(
  -0.007784894002430293,
  -0.3223964580411365,
  -2.400758277161838,
  -2.549732539343734,
  4.374664141464968,
  2.938163982698783,
);
const ACK_D = Float64Array.of(0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416);

/**
 * Quantiles of a latency from its first three cumulants (latMean, latVar, latK3 at node i), written
 * to p50 / p95 / p99[i], each at least the value already there (a floor: the sum of independent
 * parts is at least any one part's quantile). Two fits of the three moments, both by gamma
 * quantiles (Wilson-Hilferty):
 * - if `mixture` (1: the own time's variance is a small part of the whole, so the own time is
 *   about a constant c0, the floor's median), zero-inflated gamma: c0 with probability 1 - pi, else
 *   c0 plus a gamma; close for a call that happens in a share of requests (a cache's misses, the
 *   calls a rate limit lets through), when the moments of T - c0 ask for pi < 1;
 * - otherwise a shifted gamma (Pearson type III: same mean, variance and skewness): sums of 2-4
 *   exponentials within 1.5% of the hypoexponential law.
 * Indices and arrays only: a double passed or returned would box.
 */
export function fitQuantiles(
  latMean: Float64Array,
  latVar: Float64Array,
  latK3: Float64Array,
  p50: Float64Array,
  p95: Float64Array,
  p99: Float64Array,
  i: number,
  mixture: number,
): void {
  const k1 = latMean[i]!;
  const k2 = latVar[i]!;
  const k3 = latK3[i]!;
  const sd = Math.sqrt(k2);
  const g = k2 > 1e-30 ? k3 / (k2 * sd) : 0;
  // Raw moments of T - c0, c0 the floor's median (the own time every request pays about), and the
  // zero-inflated gamma with them: m2/m1 = (shape + 1) scale, m3/m2 = (shape + 2) scale.
  const c0 = p50[i]! < k1 ? p50[i]! : 0;
  const m1 = k1 - c0;
  const m2 = k2 + m1 * m1;
  const m3 = k3 + 3 * m1 * k2 + m1 * m1 * m1;
  let zScale = m1 > 0 && m2 > 0 ? m3 / m2 - m2 / m1 : 0;
  let zShape = zScale > 0 ? m2 / m1 / zScale - 1 : 0;
  let pi = zShape > 0 ? m1 / (zShape * zScale) : 2;
  if (!(pi < 1) || mixture === 0) {
    pi = 1;
    zShape = 0;
    zScale = 0;
  }
  for (let level = 0; level < 3; level++) {
    let x = 0;
    if (pi < 1) {
      // P[T > x] = pi P[G > x]: the gamma's quantile at tail TAIL / pi, if below 1.
      const tail = TAIL[level]! / pi;
      if (tail < 1) {
        const pl = 1 - tail;
        let z: number;
        if (pl < 0.02425 || pl > 0.97575) {
          const qq = Math.sqrt(-2 * Math.log(pl < 0.5 ? pl : 1 - pl));
          z =
            (((((ACK_C[0]! * qq + ACK_C[1]!) * qq + ACK_C[2]!) * qq + ACK_C[3]!) * qq + ACK_C[4]!) * qq +
              ACK_C[5]!) /
            ((((ACK_D[0]! * qq + ACK_D[1]!) * qq + ACK_D[2]!) * qq + ACK_D[3]!) * qq + 1);
          if (pl > 0.5) z = -z;
        } else {
          const qq = pl - 0.5;
          const r = qq * qq;
          z =
            ((((((ACK_A[0]! * r + ACK_A[1]!) * r + ACK_A[2]!) * r + ACK_A[3]!) * r + ACK_A[4]!) * r +
              ACK_A[5]!) *
              qq) /
            (((((ACK_B[0]! * r + ACK_B[1]!) * r + ACK_B[2]!) * r + ACK_B[3]!) * r + ACK_B[4]!) * r + 1);
        }
        const b = 1 - 1 / (9 * zShape) + z / (3 * Math.sqrt(zShape));
        x = c0 + (b > 0 ? zShape * zScale * b * b * b : 0);
      }
    } else {
      const z = Z_LEVEL[level]!;
      x = k1 + z * sd; // symmetric (or no spread): normal
      if (g > 1e-3) {
        const shape = 4 / (g * g);
        const scale = (sd * g) / 2;
        const b = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
        x = k1 - shape * scale + (b > 0 ? shape * scale * b * b * b : 0);
      }
    }
    const arr = level === 0 ? p50 : level === 1 ? p95 : p99;
    if (x > arr[i]!) arr[i] = x;
  }
}

/** 0.01 * exp(x) < 1e-12 for every x below this (exp(-23.1) = 9.3e-11): the far tail is 0 without exp. */
const TAIL_CUTOFF = -23.1;

/** P[T > tau] from three quantiles: log-linear between them, the last slope extrapolated. */
export function survivalAt(tau: number, q50: number, q95: number, q99: number): number {
  if (tau >= q99) {
    const span = q99 - q95;
    if (span <= 1e-12) return tau > q99 ? 0 : 0.01;
    const x = (-(tau - q99) * (LN_5P - LN_1P)) / span;
    if (x < TAIL_CUTOFF) return 0;
    const s = 0.01 * Math.exp(x);
    return s < 1e-12 ? 0 : s;
  }
  if (tau >= q95) return Math.exp(LN_5P + ((tau - q95) / Math.max(1e-12, q99 - q95)) * (LN_1P - LN_5P));
  if (tau >= q50) return Math.exp(LN_HALF + ((tau - q50) / Math.max(1e-12, q95 - q50)) * (LN_5P - LN_HALF));
  return q50 > 0 ? Math.exp((LN_HALF * tau) / q50) : 0;
}

/**
 * One loop over the nodes in reverse topological order. Everything is inlined and every array is
 * a local: a call that passes or returns a double would box it (allocate) on every node.
 */
export function capacityPass(model: Model, st: State, t: number, dt: number): void {
  // Kind codes as local literals, which V8 folds into the code; an imported or module-level
  // binding is reloaded from the module context and type-checked on every use (7% of the
  // instructions of this pass). `typeof X` makes the type checker hold them equal to compile.ts.
  const K_CACHE: typeof CACHE = 4;
  const K_CLIENT: typeof CLIENT = 0;
  const K_DATABASE: typeof DATABASE = 3;
  const K_DNS: typeof DNS = 6;
  const K_EXTERNAL: typeof EXTERNAL = 7;
  const K_LB: typeof LB = 1;
  const K_QUEUE: typeof QUEUE = 5;
  const K_SERVICE: typeof SERVICE = 2;
  const { n, topo, kind, outStart, to, calls, optional, timeout, edgeDns, lookups } = model;
  const { retries, backoff, cbThreshold, cbOpenFor, resolverTimeout, healthInterval } = model;
  const { serviceTime, errorRate, concurrency, sidecarLatency, sidecarCpu, maxConnections } = model;
  const { cpuPerRequest, cpuLimit, opsCapacity, queueLimit, hitRatio, writeGrowthKb } = model;
  const { maxMemoryMb, lruPolicy, memoryBase, messageKb, qpsPerReplica } = model;
  const isAsync = model.async;
  const { latVar, latK3 } = st;
  const { failShare, p50, p95, p99, latMean, dnsFail, ready, lbSeen, lbNext, fLoss, fEdgeLat } = st;
  const { faulted, eFaulted } = st;
  const { eShed, eP, eFinal, cbState, cbForced, cbUntil, eRate } = st;
  const { procRate, arrRate, rejRate, errRatio, served, servedTotal, failedTotal } = st;
  const { fOutage, fLatFactor, fLatAdd, fConsumer, stretch, fSideLat, slowActive, fErr } = st;
  const { hitEff, fCpuFactor, fSideCpu, cpuUtil, throttled, fSlowCpu, backlog, mu } = st;
  const { cacheMem, fLeak, evictRate, memory, inflight, saturation, leakMb, consumerInput } = st;
  const { spare, dbConn, queueMem, enqRate, oldest, dnsQueries, deqRate, pooledOpen, connRefused } = st;
  const { edgePool, timeoutLineStart } = model;
  const { timeoutLine, timeoutLast, eTimedOut, tailCache } = st;
  const pass = st.passes;
  const { readyInRotation, outOfRotation } = st;
  const { inSystem, qBusy, pWait, pBlock, hold, cpuCap: stCpuCap, pulledBusy } = st;
  const stServers = st.servers;

  for (let o = n - 1; o >= 0; o--) {
    const i = topo[o]!;
    const k = kind[i]!;
    if (k === K_QUEUE) {
      const arr = arrRate[i]!;
      failShare[i] = arr > 0 ? rejRate[i]! / arr : 0;
      errRatio[i] = failShare[i]!;
      served[i] = deqRate[i]!;
      const lat = serviceTime[i]!;
      latMean[i] = lat;
      latVar[i] = 0;
      latK3[i] = 0;
      p50[i] = lat;
      p95[i] = lat;
      p99[i] = lat;
      const depth = backlog[i]!;
      queueMem[i] = (depth * messageKb[i]!) / 1024;
      memory[i] = queueMem[i]!;
      // FIFO: the head arrived when the current backlog started to accumulate; it ages at most 1 s per s.
      const enq = enqRate[i]!;
      if (depth <= 1e-9) oldest[i] = 0;
      else {
        const byRate = enq > 0 ? depth / enq : Infinity;
        const aged = oldest[i]! + dt;
        oldest[i] = byRate < aged ? byRate : aged;
      }
      continue;
    }
    if (k === K_DNS) {
      const q = dnsQueries[i]!;
      const rdy = ready[i]!;
      const cap = rdy * qpsPerReplica[i]!;
      const u = cap > 0 ? q / cap : q > 0 ? Infinity : 0;
      cpuUtil[i] = u < 1 ? u : 1;
      saturation[i] = cpuUtil[i]!;
      // Cache hits answer in well under a millisecond; misses go upstream.
      const hit = hitRatio[i]!;
      const base = (hit * 0.0005 + (1 - hit) * 0.01) * fLatFactor[i]! + fLatAdd[i]!;
      const queueing = u < 0.95 ? base * (u / (1 - u)) * 0.1 : base * 2;
      const lat = base + queueing;
      latMean[i] = lat;
      latVar[i] = lat * lat;
      latK3[i] = 2 * lat * lat * lat;
      p50[i] = lat;
      p95[i] = lat * 3;
      p99[i] = lat * 4.6;
      failShare[i] = dnsFail[i]!;
      errRatio[i] = dnsFail[i]!;
      served[i] = procRate[i]!;
      // Pending queries and goroutines grow memory under overload: ~40 MB idle, +100 MB at full load.
      memory[i] = rdy > 0 ? 40 + 100 * Math.min(u, 4) * Math.min(u, 4) + leakMb[i]! : 0;
      inflight[i] = 0;
      readyInRotation[i] = rdy;
      continue;
    }

    // --- downstream: sum over sync calls (callee results of this tick; back edges: last tick) ---
    // Calls are independent and sequential: their cumulants (mean, variance, third) add.
    let dMean = 0;
    let dVar = 0;
    let dK3 = 0;
    let surv = 1;
    for (let e = outStart[i]!, end = outStart[i + 1]!; e < end; e++) {
      // Per-attempt failure, time per call with retries, breaker transitions for edge e.
      const j = to[e]!;
      const tau = timeout[e]!;
      let p = 1; // an open breaker fails fast without calling
      let pNow = 1; // p with the calls that will time out counted as they start (latency)
      let tA = 0;
      let aVar = 0; // variance and third cumulant of one attempt
      let aK3 = 0;
      const open = cbForced[e] === 1 || cbState[e] === 1;
      let calleeFail = 0;
      if (!open) {
        calleeFail = failShare[j]!;
        const c50 = p50[j]!;
        const c95 = p95[j]!;
        const c99 = p99[j]!;
        // Share of calls exceeding the timeout: survivalAt(tau, c50, c95, c99), inlined.
        let timedOut = 0;
        if (!(tau >= 20 * c99)) {
          if (tau >= c99) {
            const span = c99 - c95;
            if (span <= 1e-12) timedOut = tau > c99 ? 0 : 0.01;
            else {
              const ex = (-(tau - c99) * (LN_5P - LN_1P)) / span;
              if (!(ex < TAIL_CUTOFF)) {
                const s = 0.01 * Math.exp(ex);
                timedOut = s < 1e-12 ? 0 : s;
              }
            }
          } else if (tau >= c95)
            timedOut = Math.exp(LN_5P + ((tau - c95) / Math.max(1e-12, c99 - c95)) * (LN_1P - LN_5P));
          else if (tau >= c50)
            timedOut = Math.exp(LN_HALF + ((tau - c50) / Math.max(1e-12, c95 - c50)) * (LN_5P - LN_HALF));
          else timedOut = c50 > 0 ? Math.exp((LN_HALF * tau) / c50) : 0;
        }
        // Those calls fail when the timeout expires: the share failing now is the one of the calls
        // that started round(tau / dt) ticks ago (delay-line.ts); the first pass fills the line.
        let lateOut = timedOut;
        const ls = timeoutLineStart[e]!;
        const len = timeoutLineStart[e + 1]! - ls;
        if (len > 0) {
          const w = ls + (pass % len);
          // A line last written non-zero more than `len` passes ago has since been overwritten with
          // zeros: while nothing times out it is neither read nor written (cache misses on large graphs).
          const quiet = pass - timeoutLast[e]! > len;
          if (pass === 0) timeoutLine.fill(timedOut, ls, ls + len);
          else if (quiet && timedOut === 0) lateOut = 0;
          else {
            let dly = Math.round(tau / dt);
            if (dly > len) dly = len;
            if (dly > 0) lateOut = timeoutLine[w - dly < ls ? w - dly + len : w - dly]!;
          }
          if (pass === 0 || !quiet || timedOut !== 0) timeoutLine[w] = timedOut;
          if (timedOut !== 0) timeoutLast[e] = pass;
        }
        eTimedOut[e] = lateOut;
        let dnsFailed = 0;
        let dnsTime = 0;
        const d = edgeDns[e]!;
        if (d >= 0) {
          // glibc: a dropped query waits the resolver timeout, then one retry.
          const f = dnsFail[d]!;
          const rt = resolverTimeout[d]!;
          const lk = lookups[e]!;
          const dl = latMean[d]!;
          const per = dl + f * rt * (1 + f);
          dnsTime = lk * per;
          dnsFailed = Math.min(1, lk * f * f);
          // Spread: each lookup waits rt with probability f (the retry's second wait neglected).
          aVar = lk * rt * rt * f * (1 - f);
          aK3 = lk * rt * rt * rt * f * (1 - f) * (1 - 2 * f);
        }
        // LB health-check lag: calls sent to replicas that died since the last check fail.
        let stale = 0;
        if (k === K_LB && kind[j] === K_SERVICE) {
          if (lbSeen[e]! < 0 || t >= lbNext[e]!) {
            lbSeen[e] = ready[j]!;
            lbNext[e] = t + healthInterval[i]!;
          }
          const seen = lbSeen[e]!;
          if (seen > ready[j]!) stale = 1 - ready[j]! / seen;
        }
        const clean = eFaulted[e] === 0; // fLoss / fEdgeLat hold their defaults (0)
        const loss = clean ? 0 : fLoss[e]!;
        // A pooled caller of a database past max_connections: replicas without connections fail.
        const refused = edgePool[e]! < Infinity && kind[j] === K_DATABASE ? connRefused[j]! : 0;
        p = 1 - (1 - calleeFail) * (1 - lateOut) * (1 - loss) * (1 - dnsFailed) * (1 - stale) * (1 - refused);
        pNow =
          lateOut === timedOut
            ? p
            : 1 -
              (1 - calleeFail) * (1 - timedOut) * (1 - loss) * (1 - dnsFailed) * (1 - stale) * (1 - refused);
        const extra = clean ? 0 : fEdgeLat[e]!;
        // Only admitted calls wait for the callee: those it turns away (rate limit, no ready
        // replica, full queue) cost a round trip, those cut here (pool, limiter, half-open breaker)
        // nothing. Time is the mixture (the round trip's spread neglected).
        // A shrinking queue can reject more than arrives in a tick: a share, so at most 1.
        const calleeArr = arrRate[j]!;
        const calleeRej = rejRate[j]!;
        const away = calleeRej >= calleeArr ? (calleeRej > 0 ? 1 : 0) : calleeRej / calleeArr;
        const admitted = (1 - eShed[e]!) * (1 - away);
        const fast = (1 - eShed[e]!) * away * REJECT_SECONDS;
        const cm = latMean[j]!;
        tA = admitted * Math.min(cm, tau) + fast + extra + dnsTime;
        // The callee's spread, cut off at the timeout: a callee slower on average than tau counts
        // as tau flat; otherwise min(T, tau) keeps T's skewness with at most the variance a
        // variable on [0, tau] can have (tau^2 / 4), and a third cumulant of at most 0.0962 tau^3.
        let cv = 0;
        let ck3 = 0;
        if (cm < tau) {
          cv = latVar[j]!;
          ck3 = latK3[j]!;
          const vmax = 0.25 * tau * tau;
          if (cv > vmax) {
            const shrink = vmax / cv;
            ck3 *= shrink * Math.sqrt(shrink);
            cv = vmax;
          }
          const k3max = 0.0962 * tau * tau * tau;
          if (ck3 > k3max) ck3 = k3max;
        }
        if (admitted >= 1 - 1e-9) {
          // (a stationary queue state always blocks a vanishing share: 1e-9 is nobody)
          aVar += cv;
          aK3 += ck3;
        } else if (admitted > 0) {
          // Mixture: the call with probability `admitted`, else (about) no time.
          const m = cm < tau ? cm : tau;
          const r2 = admitted * (cv + m * m);
          const r3 = admitted * (ck3 + 3 * m * cv + m * m * m);
          const m1 = admitted * m;
          const mv = r2 - m1 * m1;
          aVar += mv > 0 ? mv : 0;
          aK3 += r3 - 3 * m1 * r2 + 2 * m1 * m1 * m1;
        }
      } else {
        // No call starts: none will time out.
        const ls = timeoutLineStart[e]!;
        const len = timeoutLineStart[e + 1]! - ls;
        if (len > 0 && pass - timeoutLast[e]! <= len) timeoutLine[ls + (pass % len)] = 0;
        eTimedOut[e] = 0;
      }
      const shed = eShed[e]!;
      // Per-attempt failure as it happens (errors, retries next tick, breakers, logs and traces),
      // and as the arriving calls will see it (their time: a timed-out attempt is retried).
      const pAll = open ? 1 : 1 - (1 - p) * (1 - shed);
      const pAllNow = pNow === p ? pAll : 1 - (1 - pNow) * (1 - shed);
      eP[e] = pAll;

      // Retries: attempt a happens with probability pAll^a after an exponential backoff.
      const r = retries[e]!;
      const bo = backoff[e]!;
      let time = tA;
      let pk = 1;
      let pkNow = 1;
      for (let a = 1; a <= r; a++) {
        pk *= pAll;
        pkNow *= pAllNow;
        time += pkNow * (tA + bo * (1 << (a - 1)));
      }
      const fin = pk * pAll;
      eFinal[e] = fin;
      // Spread of one call, retries included (only this caller uses it, right below): a mixture
      // over the number of attempts A (P[A > a] = pAllNow^a, at most r + 1: the arriving calls'
      // view, as for `time`), given A = a the sum of a independent attempts plus the backoffs.
      let callVar = aVar;
      let callK3 = aK3;
      if (r > 0 && pAllNow > 0) {
        let m1 = 0;
        let m2 = 0;
        let m3 = 0;
        let pa = 1; // P[A >= a]
        for (let a = 1; a <= r + 1; a++) {
          const pEq = a <= r ? pa * (1 - pAllNow) : pa;
          const mu1 = a * tA + bo * ((1 << (a - 1)) - 1);
          const v = a * aVar;
          m1 += pEq * mu1;
          m2 += pEq * (v + mu1 * mu1);
          m3 += pEq * (a * aK3 + 3 * mu1 * v + mu1 * mu1 * mu1);
          pa *= pAllNow;
        }
        const mv = m2 - m1 * m1;
        callVar = mv > 0 ? mv : 0;
        callK3 = m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1;
      }

      // Circuit breaker on the callee's failures (not on our own shedding).
      const threshold = cbThreshold[e]!;
      if (threshold > 0 && cbForced[e] === 0) {
        const s = cbState[e];
        if (s === 0) {
          if (eRate[e]! > 0 && p >= threshold) {
            cbState[e] = 1;
            cbUntil[e] = t + cbOpenFor[e]!;
          }
        } else if (s === 1) {
          if (t >= cbUntil[e]!) cbState[e] = 2;
        } else if (calleeFail >= threshold || p >= threshold) {
          cbState[e] = 1;
          cbUntil[e] = t + cbOpenFor[e]!;
        } else cbState[e] = 0;
      }

      if (isAsync[e] && kind[j] !== K_QUEUE) continue; // fire and forget
      const c = calls[e]!;
      dMean += c * time;
      // floor(c) calls, one more with probability frac(c) (a mixture, by raw moments).
      const cWhole = Math.floor(c);
      const cFrac = c - cWhole;
      dVar += cWhole * callVar;
      dK3 += cWhole * callK3;
      if (cFrac > 0) {
        const m1 = cFrac * time;
        const r2 = cFrac * (callVar + time * time);
        const r3 = cFrac * (callK3 + 3 * time * callVar + time * time * time);
        const mv = r2 - m1 * m1;
        dVar += mv > 0 ? mv : 0;
        dK3 += r3 - 3 * m1 * r2 + 2 * m1 * m1 * m1;
      }
      if (!optional[e]) {
        // floor(c) calls always happen, one more with probability frac(c): pow(ok, c) would let
        // 0.1 calls per request to a dead callee fail every request.
        const ok = 1 - fin;
        if (ok !== 1) {
          const whole = Math.floor(c);
          const frac = c - whole;
          surv *= (whole === 1 ? ok : whole === 0 ? 1 : Math.pow(ok, whole)) * (1 - frac * fin);
        }
      }
    }

    if (k === K_CLIENT) {
      const lam = procRate[i]!;
      latMean[i] = dMean;
      latVar[i] = dVar;
      latK3[i] = dK3;
      p50[i] = 0;
      p95[i] = 0;
      p99[i] = 0;
      fitQuantiles(latMean, latVar, latK3, p50, p95, p99, i, 1);
      failShare[i] = 1 - surv;
      errRatio[i] = lam > 0 ? 1 - surv : 0;
      served[i] = lam * surv;
      servedTotal[i]! += lam * surv * dt;
      failedTotal[i]! += lam * (1 - surv) * dt;
      continue;
    }

    // --- the node itself: lb, service, database, cache, external ---
    const lamP = procRate[i]!;
    const arr = arrRate[i]!;
    const rej = rejRate[i]!;
    const rdy = ready[i]!;
    // Fault effects: without a fault on the node the f* arrays hold their defaults; skip the reads.
    const fz = faulted[i] === 0;
    const hang = !fz && fOutage[i] === 2;

    // Own service time.
    let s = serviceTime[i]! * (fz ? 1 : fLatFactor[i]!) + (fz ? 0 : fLatAdd[i]!);
    let servers = Infinity; // external
    let cpuCap = Infinity;
    let ownErr = errorRate[i]!;
    if (k === K_SERVICE) {
      s = s * (fz ? 1 : fConsumer[i]!) * stretch[i]! + sidecarLatency[i]! + (fz ? 0 : fSideLat[i]!);
      servers = rdy * concurrency[i]!;
    } else if (k === K_DATABASE) {
      s *= stretch[i]!;
      servers = Math.max(0, maxConnections[i]! - slowActive[i]!);
    } else if (k === K_CACHE) {
      servers = 1;
    } else if (k === K_LB) {
      servers = maxConnections[i]!;
    }
    ownErr = 1 - (1 - ownErr) * (1 - (fz ? 0 : fErr[i]!));
    // A fault on some replicas (replica-mix.ts) that hits every ready one hits the node.
    const odd = k === K_SERVICE ? st.fOddCount[i]! : 0;
    if (odd > 0 && odd >= rdy) {
      s = s * st.fOddLat[i]! + st.fOddAdd[i]!;
      ownErr = 1 - (1 - ownErr) * (1 - st.fOddErr[i]!);
    }

    // Misses fall through a cache; the cache itself does not wait for them (cache-aside).
    let hld = s + dMean;
    let down = dMean;
    let downVar = dVar;
    let downK3 = dK3;
    if (k === K_CACHE) {
      // A mixture: the misses' downstream time with probability miss (raw moments).
      const miss = 1 - hitEff[i]!;
      hld = s;
      down = dMean * miss;
      const r2 = miss * (dVar + dMean * dMean);
      const r3 = miss * (dK3 + 3 * dMean * dVar + dMean * dMean * dMean);
      const mv = r2 - down * down;
      downVar = mv > 0 ? mv : 0;
      downK3 = r3 - 3 * down * r2 + 2 * down * down * down;
    }
    // Exponential part of the service (before CPU throttling): a fault's added latency (a lock
    // wait, a slow network) is a constant shift, without spread.
    const sAdd = fz ? 0 : fLatAdd[i]!;
    const sOwn = s > sAdd ? s - sAdd : 0;

    // CPU (services): per-request CPU against the CFS quota.
    let throttleMean = 0;
    let throttle50 = 0;
    let throttle95 = 0;
    let throttle99 = 0;
    if (k === K_SERVICE) {
      const cpr = cpuPerRequest[i]! * (fz ? 1 : fCpuFactor[i]!) + sidecarCpu[i]! + (fz ? 0 : fSideCpu[i]!);
      const limit = cpuLimit[i]!;
      const cores = rdy * limit;
      if (cpr > 0 && cores > 0) {
        cpuCap = cores / cpr;
        const u = (lamP * cpr) / cores;
        cpuUtil[i] = u < 1 ? u : 1;
        // Next tick's contention: offered CPU beyond the limit stretches every request (processor sharing).
        const uOffered = ((arr - rej) * cpr) / cores;
        stretch[i] = uOffered > 1 ? uOffered : 1;
        // Throttled periods: per-period CPU demand of a replica ~ normal(mean, Poisson variance) vs the quota.
        // Offered work (not just what got through) decides whether the quota runs out.
        const perPeriod = ((arr > lamP ? arr : lamP) / rdy) * CFS_PERIOD;
        const meanCpu = perPeriod * cpr;
        const sd = Math.sqrt(perPeriod) * cpr;
        const quota = limit * CFS_PERIOD;
        const z = sd > 0 ? (quota - meanCpu) / sd : meanCpu > quota ? -Infinity : Infinity;
        const thr = z > 6 ? 0 : z < -6 ? 1 : 1 - normalCdf(z);
        throttled[i] = thr;
        throttleMean = thr * CFS_PERIOD * 0.5;
        throttle50 = thr > 0.5 ? CFS_PERIOD : 0;
        throttle95 = thr > 0.05 ? CFS_PERIOD : 0;
        throttle99 = thr > 0.01 ? CFS_PERIOD : 0;
      } else {
        cpuUtil[i] = 0;
        throttled[i] = 0;
        stretch[i] = 1;
      }
    } else if (k === K_DATABASE) {
      const cores = cpuLimit[i]!;
      const cpq = cpuPerRequest[i]!;
      const slowCpu = slowActive[i]! * (fz ? 0 : fSlowCpu[i]!);
      const u = (lamP * cpq + slowCpu) / cores;
      cpuUtil[i] = u < 1 ? u : 1;
      const uOffered = ((arr - rej) * cpq + slowCpu) / cores;
      stretch[i] = uOffered > 1 ? uOffered : 1;
      // The cores bound throughput like the connections do (without this a database with spare
      // connections served any rate at any CPU cost). Processor sharing by water-filling: each slow
      // query burns up to its share of a core, each connection left runs one ordinary query on at
      // most one core; the ordinary ones get what the slow ones leave, or an equal share per process.
      if (cpq > 0) {
        const ns = slowActive[i]!;
        const w = fz ? 0 : fSlowCpu[i]! < 1 ? fSlowCpu[i]! : 1;
        const left = cores - ns * w;
        const ordCores =
          left >= servers * w ? (left < servers ? left : servers) : (servers * cores) / (ns + servers);
        cpuCap = ordCores / cpq;
      }
    } else if (k === K_CACHE) {
      cpuUtil[i] = Math.min(1, lamP / opsCapacity[i]!);
    }
    s += throttleMean;
    hld += throttleMean;

    // Capacity, and the queue this tick's state holds (demand pass, queue-flow.ts), served at
    // this tick's rate: wait = Lq / throughput (Little), P[wait] and the conditional wait from the
    // stationary M/M/c/K at the state; the wait tail is exponential (exact for M/M/c).
    let muNew = servers === Infinity ? Infinity : servers / hld;
    if (muNew > cpuCap) muNew = cpuCap;
    const queued = servers < Infinity && !hang;
    let pw = 0;
    let theta = 0;
    let wq = 0;
    let wmax = Infinity;
    if (queued) {
      const lq = backlog[i]!;
      const m1busy = qBusy[i]! / hld;
      const thrNow = m1busy < cpuCap ? m1busy : cpuCap;
      wq = lq > 0 ? (thrNow > 0 ? lq / thrNow : LATENCY_CAP) : 0;
      const pb = pBlock[i]!;
      pw = pb < 1 ? (pWait[i]! - pb) / (1 - pb) : 1;
      if (pw > 1) pw = 1;
      theta = pw > 1e-9 && wq > 0 ? pw / wq : 0;
      const qmax = k === K_SERVICE ? queueLimit[i]! * rdy : queueLimit[i]!;
      wmax = muNew > 0 ? qmax / muNew : LATENCY_CAP;
    }
    let r50 = 0;
    let r95 = 0;
    let r99 = 0;
    const tc = i * TAIL_CACHE_STRIDE;
    if (
      pw > 1e-9 &&
      theta > 0 &&
      tailCache[tc] === s &&
      tailCache[tc + 1] === pw &&
      tailCache[tc + 2] === theta
    ) {
      // Same service time and wait distribution as last tick (a node in steady state): same quantiles.
      r50 = tailCache[tc + 3]!;
      r95 = tailCache[tc + 4]!;
      r99 = tailCache[tc + 5]!;
    } else if (pw > 1e-9 && theta > 0) {
      // responseQuantile(q, pw, theta, s) for q = 0.5, 0.95, 0.99, inlined: a call from this loop
      // costs more than the Newton steps (it boxes every double it passes and returns).
      for (let level = 0; level < 3; level++) {
        const tail = TAIL[level]!;
        const lnTail = LN_TAIL[level]!;
        let rq = 0;
        if (theta <= 0) rq = s > 0 ? -s * lnTail : 0;
        else if (s <= 1e-12) rq = pw > tail ? Math.log(pw / tail) / theta : 0;
        else {
          const muS = 1 / s;
          const dq = theta - muS;
          const equal = Math.abs(dq) < 1e-9 * muS;
          let lo = 0;
          let hi = -s * LN_HALF_TAIL[level]! + (pw > tail / 2 ? Math.log((2 * pw) / tail) / theta : 0);
          let tq = Math.max(-s * lnTail, pw > tail ? Math.log(pw / tail) / theta : 0);
          // Warm start from last tick's quantile: load drifts slowly, so Newton needs a step or two.
          const warm = tailCache[tc + 3 + level]!;
          if (warm > 0 && warm < hi) tq = warm;
          let done = false;
          for (let it = 0; it < 40; it++) {
            const em = Math.exp(-muS * tq);
            const et = equal ? 0 : Math.exp(-theta * tq);
            const g = equal ? (1 + muS * tq) * em : (theta * em - muS * et) / dq;
            const f = (1 - pw) * em + pw * g - tail;
            if (f > 0) lo = tq;
            else hi = tq;
            if (Math.abs(f) < 1e-7 * tail) {
              rq = tq;
              done = true;
              break;
            }
            const gd = equal ? muS * muS * tq * em : ((muS * theta) / dq) * (em - et);
            const density = (1 - pw) * muS * em + pw * gd;
            let next = density > 0 ? tq + f / density : (lo + hi) / 2;
            if (!(next > lo && next < hi)) next = (lo + hi) / 2;
            if (hi - lo < 1e-9 * (hi + 1e-12)) {
              rq = next;
              done = true;
              break;
            }
            tq = next;
          }
          if (!done) rq = tq; // 40 steps without converging
        }
        if (level === 0) r50 = rq;
        else if (level === 1) r95 = rq;
        else r99 = rq;
        tailCache[tc + 3 + level] = rq;
      }
      tailCache[tc] = s;
      tailCache[tc + 1] = pw;
      tailCache[tc + 2] = theta;
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
    if (odd > 0 && odd < rdy && !hang && queued) {
      // Some replicas differ: the mixture of the two groups (replica-mix.ts).
      mix[MX_S] = s;
      mix[MX_WQ] = wq;
      mix[MX_PW] = pw;
      mix[MX_THETA] = theta;
      mix[MX_WMAX] = wmax;
      mix[MX_HOLD] = hld;
      mix[MX_CPU] = cpuCap;
      mix[MX_R50] = r50;
      mix[MX_R95] = r95;
      mix[MX_R99] = r99;
      replicaMix(model, st, i);
      wq = mix[MX_WQ]!;
      r50 = mix[MX_R50]!;
      r95 = mix[MX_R95]!;
      r99 = mix[MX_R99]!;
      ownErr = 1 - (1 - ownErr) * (1 - mix[MX_ERR]!);
    }
    // The one latency cap (LATENCY_CAP), on the whole latency; a hung node sits at it.
    if (hang) {
      latMean[i] = LATENCY_CAP;
      latVar[i] = 0;
      latK3[i] = 0;
      p50[i] = LATENCY_CAP;
      p95[i] = LATENCY_CAP;
      p99[i] = LATENCY_CAP;
    } else {
      const lm = wq + s + down;
      // Own time: service S exponential (k2 = s^2, k3 = 2 s^3); the wait is 0 or, with
      // probability pw, exponential with rate theta (raw moments pw n! / theta^n); CFS throttling
      // costs a period in a share `throttled` of requests (as the step in throttle50..99; the mean,
      // throttleMean, counts half a period).
      let v = sOwn * sOwn;
      let k3 = 2 * sOwn * sOwn * sOwn;
      if (pw > 1e-9 && theta > 0) {
        const w1 = pw / theta;
        const w2 = (2 * pw) / (theta * theta);
        v += w2 - w1 * w1;
        k3 += (6 * pw) / (theta * theta * theta) - 3 * w1 * w2 + 2 * w1 * w1 * w1;
      }
      if (throttleMean > 0) {
        const tr = throttled[i]!;
        const t1 = tr * CFS_PERIOD;
        const t2 = tr * CFS_PERIOD * CFS_PERIOD;
        v += t2 - t1 * t1;
        k3 += tr * CFS_PERIOD * CFS_PERIOD * CFS_PERIOD - 3 * t1 * t2 + 2 * t1 * t1 * t1;
      }
      latVar[i] = v + downVar;
      latK3[i] = k3 + downK3;
      latMean[i] = lm;
      if (down === 0 && downVar === 0) {
        // No downstream time: the M/M/c response quantiles as they are (exact for M/M/c).
        p50[i] = r50 + throttle50;
        p95[i] = r95 + throttle95;
        p99[i] = r99 + throttle99;
      } else {
        // Own time plus calls: quantiles of the sum from its cumulants, at least the own ones.
        p50[i] = r50 + throttle50;
        p95[i] = r95 + throttle95;
        p99[i] = r99 + throttle99;
        fitQuantiles(latMean, latVar, latK3, p50, p95, p99, i, v < 0.1 * (v + downVar) ? 1 : 0);
      }
      if (lm >= LATENCY_CAP) {
        latMean[i] = LATENCY_CAP;
        latVar[i] = 0;
        latK3[i] = 0;
      }
      if (p50[i]! > LATENCY_CAP) p50[i] = LATENCY_CAP;
      if (p95[i]! > LATENCY_CAP) p95[i] = LATENCY_CAP;
      if (p99[i]! > LATENCY_CAP) p99[i] = LATENCY_CAP;
    }
    mu[i] = muNew;
    // For next tick's queue step (queue-flow.ts).
    hold[i] = hld;
    stServers[i] = servers;
    stCpuCap[i] = cpuCap;

    // Errors: own failures and failed required calls.
    let ok = (1 - ownErr) * surv;
    if (k === K_CACHE) {
      // cacheMem is the memory the working set wants; at maxmemory noeviction fails the fill writes
      // of misses, allkeys-lru evicts the coldest keys and keeps those that fit.
      const miss = 1 - hitEff[i]!;
      const writes = lamP * miss;
      const leak = ((fz ? 0 : fLeak[i]!) / 60) * dt;
      cacheMem[i]! += (writes * writeGrowthKb[i]! * dt) / 1024 + leak;
      const max = maxMemoryMb[i]!;
      const want = cacheMem[i]!;
      if (want >= max) {
        if (lruPolicy[i]) {
          evictRate[i] = writes > 0 ? writes : (leak * 1024) / dt;
          // Hits fall with the share of the working set that fits, a state rather than a rate: a
          // full cache whose working set does not grow keeps its hit ratio.
          hitEff[i] = (hitRatio[i]! * max) / want;
        } else {
          cacheMem[i] = max;
          evictRate[i] = 0;
          ok *= 1 - miss;
        }
      } else {
        evictRate[i] = 0;
        hitEff[i] = hitRatio[i]!;
      }
      memory[i] = want < max ? want : max;
    }
    if (hang) ok = 0;
    const failedProc = lamP * (1 - ok);
    const good = lamP * ok;
    served[i] = good;
    const completions = good + failedProc + rej;
    errRatio[i] = completions > 0 ? (failedProc + rej) / completions : 0;
    const share = arr > 0 ? (rej + failedProc) / arr : k === K_SERVICE && rdy <= 0 ? 1 : 1 - ok;
    failShare[i] = share > 1 ? 1 : share < 0 ? 0 : share;
    servedTotal[i]! += good * dt;
    failedTotal[i]! += (failedProc + rej) * dt;

    // In flight: the queue state L (busy + waiting, L = lambda W in steady state); a node without
    // a queue (external, hung) by Little's law on what it took in.
    const busy = queued ? qBusy[i]! + pulledBusy[i]! + st.oBusy[i]! : lamP * hld;
    inflight[i] = queued ? inSystem[i]! + pulledBusy[i]! + st.oInSystem[i]! : busy;
    saturation[i] = servers === Infinity ? 0 : servers > 0 ? Math.min(1, busy / servers) : 1;
    if (k === K_SERVICE) {
      readyInRotation[i] = outOfRotation[i] === 1 ? 0 : rdy;
      memory[i] = rdy > 0 ? memoryBase[i]! + leakMb[i]! + (MB_PER_INFLIGHT * inflight[i]!) / rdy : 0;
      // Capacity left for queue work next tick: what the edges did not use, minus what already waits.
      const edgeLoad = arr - consumerInput[i]!;
      const left = (muNew === Infinity ? 1e12 : muNew) - edgeLoad - backlog[i]! / dt;
      spare[i] = rdy > 0 && left > 0 ? left : 0;
    } else if (k === K_DATABASE) {
      // Open connections: those in use (the queue state's busy servers: running or waiting for
      // CPU; queries waiting for a connection hold none), or every pooled one (idle ones stay
      // open), whichever is more.
      const inUse = busy + slowActive[i]!;
      dbConn[i] = Math.min(maxConnections[i]!, inUse > pooledOpen[i]! ? inUse : pooledOpen[i]!);
    } else if (k === K_EXTERNAL) {
      saturation[i] = 0;
    }
  }
  st.passes = pass + 1;
}

export { CFS_PERIOD };
