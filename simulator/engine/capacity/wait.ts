/**
 * The wait in the nodes with servers order[lo..hi), and their own response quantiles. The queue
 * this tick's state holds (demand pass, queue-flow.ts) is served at this tick's rate:
 * wait = Lq / throughput (Little; in a transient the waiting count an arrival sees, QARR), P[wait] and the conditional wait from the stationary M/M/c/K
 * at the state; the wait tail is exponential (exact for M/M/c).
 */
import type { CACHE, Model, SERVICE } from '../compile';
import { TAIL_CACHE_STRIDE, type State } from '../state';
import { LATENCY_CAP, LN_HALF_TAIL, LN_TAIL, TAIL } from './constants';
import { coupledHold } from './coupling';

/**
 * work.muNew (servers / hold time, at most the CPU's), work.queued, pw, theta, wq, wmax; the
 * capacity, hold time, servers and CPU cap also into the state, for next tick's queue step.
 */
export function queueWaits(model: Model, st: State, lo: number, hi: number): void {
  const K_SERVICE: typeof SERVICE = 2;
  const { kind, queueLimit } = model;
  const { faulted, fOutage, qArr, qBusy, pBlock, pWait, ready } = st;
  const w = st.work;
  const { order, servers, hold, cpuCap, muNew, queued, pw: pwOut, theta, wq: wqOut, wmax } = w;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const c = servers[o]!;
    const hld = hold[o]!;
    const cap = cpuCap[o]!;
    let mu = c === Infinity ? Infinity : c / hld;
    if (mu > cap) mu = cap;
    muNew[o] = mu;
    // For next tick's queue step (queue-flow.ts), relaxed across ticks (coupling.ts).
    const hNext = coupledHold(st, i, hld, hld);
    let muNext = c === Infinity ? Infinity : c / hNext;
    if (muNext > cap) muNext = cap;
    st.mu[i] = muNext;
    st.hold[i] = hNext;
    const pre = st.sTick[i]!;
    st.holdS[i] = pre;
    st.holdK[i] = pre > 0 ? w.s[o]! / pre : 1;
    st.servers[i] = c;
    st.cpuCap[i] = cap;
    const hang = faulted[i] !== 0 && fOutage[i] === 2;
    const q = c < Infinity && !hang;
    queued[o] = q ? 1 : 0;
    pwOut[o] = 0;
    theta[o] = 0;
    wqOut[o] = 0;
    wmax[o] = Infinity;
    if (!q) continue;
    // The wait of requests arriving this tick (queue-state.ts QARR; Little's Lq in steady state).
    const lq = qArr[i]!;
    const m1busy = qBusy[i]! / hld;
    const thrNow = m1busy < cap ? m1busy : cap;
    const wq = lq > 0 ? (thrNow > 0 ? lq / thrNow : LATENCY_CAP) : 0;
    const pb = pBlock[i]!;
    let pw = pb < 1 ? (pWait[i]! - pb) / (1 - pb) : 1;
    if (pw > 1) pw = 1;
    wqOut[o] = wq;
    pwOut[o] = pw;
    theta[o] = pw > 1e-9 && wq > 0 ? pw / wq : 0;
    const qmax = kind[i] === K_SERVICE ? queueLimit[i]! * ready[i]! : queueLimit[i]!;
    wmax[o] = mu > 0 ? qmax / mu : LATENCY_CAP;
  }
}

/**
 * work.waitCv2: the squared coefficient of variation of the wait of a request that waits. It waits
 * for the m requests ahead of it plus one to leave; in the stationary M/M/c/K at the state's
 * utilisation x, m is geometric with ratio x, truncated to the Q queue slots. With every server
 * busy, k departures take k / r on average (r = servers / hold time) with variance k CV_h^2 / r^2,
 * CV_h^2 the hold time's (a superposition of c renewal processes), so
 * CV^2 = (E[m + 1] CV_h^2 + Var[m]) / E[m + 1]^2: 1 for Erlang C (exponential holds), and small in
 * a full bounded queue whose threads wait out a timeout: everyone waits about the whole queue
 * (an exponential tail there reports waits the queue cannot hold).
 */
export function waitDispersions(model: Model, st: State, lo: number, hi: number): void {
  const CACHE_KIND: typeof CACHE = 4;
  const { queueLimit, kind } = model;
  const { rhoEff } = st;
  const { order, queued, waitCv2, sOwn, hold, downVar, pw, theta } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    waitCv2[o] = 1;
    if (queued[o] !== 1 || !(pw[o]! > 1e-9 && theta[o]! > 0)) continue; // nobody waits: unused
    const q = queueLimit[i]!; // per replica: each replica holds its own queue
    const x = rhoEff[i]!;
    let em: number; // E[m], Var[m] for P(m) ~ r^m on 0..q-1, counted from the far end if x > 1
    let vm: number;
    if (q === Infinity) {
      if (!(x < 1)) continue;
      em = x / (1 - x);
      vm = x / ((1 - x) * (1 - x));
    } else if (q < 1) continue;
    else if (Math.abs(x - 1) * q < 1e-4) {
      em = (q - 1) / 2;
      vm = (q * q - 1) / 12;
    } else {
      const r = x < 1 ? x : 1 / x;
      const rq = Math.pow(r, q);
      const tail = (q * rq) / (1 - rq);
      const near = r / (1 - r) - tail; // E[distance from the near end]
      em = x < 1 ? near : q - 1 - near;
      vm = r / ((1 - r) * (1 - r)) - (q * q * rq) / ((1 - rq) * (1 - rq));
    }
    // A thread holds its own service (exponential) and, but in a cache, the calls it waits for.
    const h = hold[o]!;
    const so = sOwn[o]!;
    const heldVar = so * so + (kind[i] === CACHE_KIND ? 0 : downVar[o]!);
    const cvHold = h > 0 ? heldVar / (h * h) : 1;
    const k = em + 1;
    const cv2 = (k * cvHold + (vm > 0 ? vm : 0)) / (k * k);
    waitCv2[o] = cv2 > 0 ? cv2 : 0;
  }
}

/**
 * work.r50 / r95 / r99: quantiles of the response (exponential service S plus the wait: 0, or with
 * probability pw exponential with rate theta), at most the longest wait a bounded queue allows plus
 * the service quantile. Reused from State.tailCache in steady state, else Newton from last tick's.
 */
export function responseQuantiles(st: State, lo: number, hi: number): void {
  const { tailCache } = st;
  const { order, s: sIn, pw: pwIn, theta: thetaIn, wmax: wmaxIn, r50, r95, r99 } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const s = sIn[o]!;
    const pw = pwIn[o]!;
    const theta = thetaIn[o]!;
    const tc = i * TAIL_CACHE_STRIDE;
    if (!(pw > 1e-9 && theta > 0)) {
      r50[o] = s * 0.6931471805599453;
      r95[o] = s * 2.995732273553991;
      r99[o] = s * 4.605170185988091;
      continue;
    }
    if (!(tailCache[tc] === s && tailCache[tc + 1] === pw && tailCache[tc + 2] === theta)) {
      for (let level = 0; level < 3; level++) solveResponseTail(st, i, o, level);
      tailCache[tc] = s;
      tailCache[tc + 1] = pw;
      tailCache[tc + 2] = theta;
    }
    // A bounded queue bounds the wait too: near rho = 1 the Erlang tail (1 / theta) explodes, but
    // nobody waits longer than the queue limit divided by the service rate.
    const wmax = wmaxIn[o]!;
    const q50 = tailCache[tc + 3]!;
    const q95 = tailCache[tc + 4]!;
    const q99 = tailCache[tc + 5]!;
    r50[o] = q50 > wmax + s * 0.6931471805599453 ? wmax + s * 0.6931471805599453 : q50;
    r95[o] = q95 > wmax + s * 2.995732273553991 ? wmax + s * 2.995732273553991 : q95;
    r99[o] = q99 > wmax + s * 4.605170185988091 ? wmax + s * 4.605170185988091 : q99;
  }
}

/**
 * st.tailCache[i * STRIDE + 3 + level] = the response time node i (at position o) exceeds with probability
 * TAIL[level], by safeguarded Newton on P[T > t] = (1 - pw) e^(-t / s) + pw P[S + W > t | wait],
 * from the value already there (last tick's) when usable. Indices only: a double passed would box.
 */
function solveResponseTail(st: State, i: number, o: number, level: number): void {
  const { s: sIn, pw: pwIn, theta: thetaIn } = st.work;
  const s = sIn[o]!;
  const pw = pwIn[o]!;
  const theta = thetaIn[o]!;
  const at = i * TAIL_CACHE_STRIDE + 3 + level;
  const tail = TAIL[level]!;
  if (s <= 1e-12) {
    st.tailCache[at] = pw > tail ? Math.log(pw / tail) / theta : 0;
    return;
  }
  const warm = st.tailCache[at]!;
  const muS = 1 / s;
  const dq = theta - muS;
  const equal = Math.abs(dq) < 1e-9 * muS;
  let lo = 0;
  let hi = -s * LN_HALF_TAIL[level]! + (pw > tail / 2 ? Math.log((2 * pw) / tail) / theta : 0);
  let tq = Math.max(-s * LN_TAIL[level]!, pw > tail ? Math.log(pw / tail) / theta : 0);
  if (warm > 0 && warm < hi) tq = warm;
  for (let it = 0; it < 40; it++) {
    const em = Math.exp(-muS * tq);
    const et = equal ? 0 : Math.exp(-theta * tq);
    const g = equal ? (1 + muS * tq) * em : (theta * em - muS * et) / dq;
    const f = (1 - pw) * em + pw * g - tail;
    if (f > 0) lo = tq;
    else hi = tq;
    if (Math.abs(f) < 1e-7 * tail) break;
    const gd = equal ? muS * muS * tq * em : ((muS * theta) / dq) * (em - et);
    const density = (1 - pw) * muS * em + pw * gd;
    let next = density > 0 ? tq + f / density : (lo + hi) / 2;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (hi - lo < 1e-9 * (hi + 1e-12)) {
      tq = next;
      break;
    }
    tq = next;
  }
  st.tailCache[at] = tq; // after 40 steps without converging, the last iterate
}
