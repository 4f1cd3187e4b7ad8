/**
 * Latency of the nodes with servers: their own response (wait + service + CFS throttling) and the
 * calls they make, as cumulants (mean, variance, third) and as quantiles; some replicas may differ
 * (replica-mix.ts); a hung node sits at the one latency cap.
 */
import type { Model } from '../compile';
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
} from '../replica-mix';
import type { State } from '../state';
import { CFS_PERIOD, LATENCY_CAP } from './constants';
import { quantilesFromCumulants } from './quantile-fit';

/** Services order[lo..hi) whose replicas differ (a replica-scoped fault): the two groups' mixture. */
export function replicaMixtures(model: Model, st: State, lo: number, hi: number): void {
  const w = st.work;
  for (let o = lo; o < hi; o++) {
    const i = w.order[o]!;
    const odd = st.fOddCount[i]!;
    if (w.queued[o] !== 1 || !(odd > 0 && odd < st.ready[i]!)) continue;
    mix[MX_S] = w.s[o]!;
    mix[MX_WQ] = w.wq[o]!;
    mix[MX_PW] = w.pw[o]!;
    mix[MX_THETA] = w.theta[o]!;
    mix[MX_WMAX] = w.wmax[o]!;
    mix[MX_HOLD] = w.hold[o]!;
    mix[MX_CPU] = w.cpuCap[o]!;
    mix[MX_R50] = w.r50[o]!;
    mix[MX_R95] = w.r95[o]!;
    mix[MX_R99] = w.r99[o]!;
    replicaMix(model, st, i);
    w.wq[o] = mix[MX_WQ]!;
    w.r50[o] = mix[MX_R50]!;
    w.r95[o] = mix[MX_R95]!;
    w.r99[o] = mix[MX_R99]!;
    w.ownErr[o] = 1 - (1 - w.ownErr[o]!) * (1 - mix[MX_ERR]!);
  }
}

/**
 * latMean / latVar / latK3 and p50 / p95 / p99 of the nodes order[lo..hi). Own time: service S
 * exponential (k2 = s^2, k3 = 2 s^3); the wait is 0 or, with probability pw, exponential with
 * rate theta (raw moments pw n! / theta^n); CFS throttling costs a period in a share `throttled`
 * of requests (the quantile steps thr50..99; the mean counts half a period). The calls'
 * cumulants add; with calls, the quantiles of the sum from its cumulants, at least the own ones;
 * without, the M/M/c response quantiles as they are (exact for M/M/c). Then the one cap.
 */
export function nodeLatencies(st: State, lo: number, hi: number): void {
  const { faulted, fOutage, throttled, latMean, latVar, latK3, p50, p95, p99 } = st;
  const w = st.work;
  const { order, sOwn, pw: pwIn, theta: thetaIn, down: downIn, downVar: dvIn, thrMean, waitCv2 } = w;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    if (faulted[i] !== 0 && fOutage[i] === 2) {
      hung(st, i);
      continue;
    }
    const so = sOwn[o]!;
    const pw = pwIn[o]!;
    const theta = thetaIn[o]!;
    const down = downIn[o]!;
    const downVar = dvIn[o]!;
    let v = so * so;
    let k3 = 2 * so * so * so;
    if (pw > 1e-9 && theta > 0) {
      // Given it waits, a gamma with mean 1 / theta and the queue's dispersion (exponential for
      // Erlang C); with probability 1 - pw no wait (raw moments of the mixture).
      const c1 = 1 / theta;
      const var1 = c1 * c1 * waitCv2[o]!;
      const w1 = pw * c1;
      const w2 = pw * (var1 + c1 * c1);
      const w3 = pw * ((2 * var1 * var1) / c1 + 3 * c1 * var1 + c1 * c1 * c1);
      v += w2 - w1 * w1;
      k3 += w3 - 3 * w1 * w2 + 2 * w1 * w1 * w1;
    }
    if (thrMean[o]! > 0) {
      const tr = throttled[i]!;
      const t1 = tr * CFS_PERIOD;
      const t2 = tr * CFS_PERIOD * CFS_PERIOD;
      v += t2 - t1 * t1;
      k3 += tr * CFS_PERIOD * CFS_PERIOD * CFS_PERIOD - 3 * t1 * t2 + 2 * t1 * t1 * t1;
    }
    latVar[i] = v + downVar;
    latK3[i] = k3 + w.downK3[o]!;
    latMean[i] = w.wq[o]! + w.s[o]! + down;
    p50[i] = w.r50[o]! + w.thr50[o]!;
    p95[i] = w.r95[o]! + w.thr95[o]!;
    p99[i] = w.r99[o]! + w.thr99[o]!;
    if (down !== 0 || downVar !== 0) quantilesFromCumulants(st, i, v < 0.1 * (v + downVar) ? 1 : 0);
    if (latMean[i]! >= LATENCY_CAP) {
      latMean[i] = LATENCY_CAP;
      latVar[i] = 0;
      latK3[i] = 0;
    }
    if (p50[i]! > LATENCY_CAP) p50[i] = LATENCY_CAP;
    if (p95[i]! > LATENCY_CAP) p95[i] = LATENCY_CAP;
    if (p99[i]! > LATENCY_CAP) p99[i] = LATENCY_CAP;
  }
}

/** A hung node sits at the cap, without spread. */
function hung(st: State, i: number): void {
  st.latMean[i] = LATENCY_CAP;
  st.latVar[i] = 0;
  st.latK3[i] = 0;
  st.p50[i] = LATENCY_CAP;
  st.p95[i] = LATENCY_CAP;
  st.p99[i] = LATENCY_CAP;
}
