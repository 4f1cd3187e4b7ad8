/**
 * A service whose replicas differ: a latency or error-rate fault on some of them (fault param
 * `replicas`). Only the odd replicas get a second queue state (State.o*, stepped in
 * queue-flow.ts); the node's figures are the mixture of the two groups, weighted by the requests
 * each group completes: mean and error ratio weighted, quantiles by solving the mixture survival
 * wN S_N(t) + wO S_O(t) = 1 - q (bisection). Each group's response survival is the one the
 * capacity pass uses for the whole node: (1 - pw) e^{-t/s} + pw (service + exponential wait).
 *
 * Doubles cross the call through `mix` (a call that passes or returns a double boxes it).
 */
import { LATENCY_CAP } from './capacity/constants';
import type { Model } from './compile';
import type { State } from './state';

/** Slots of `mix`. In: the other replicas' group as the capacity pass computed it for the node. */
export const MX_S = 0; // own service time (throttling included)
export const MX_WQ = 1; // mean wait; out: the mixture's mean wait (mean own response - MX_S)
export const MX_PW = 2; // P[wait | admitted]
export const MX_THETA = 3; // rate of the exponential wait given a wait
export const MX_WMAX = 4; // longest wait the queue limit allows
export const MX_HOLD = 5; // hold time (own + downstream)
export const MX_CPU = 6; // the node's CPU throughput cap
export const MX_R50 = 7; // own response quantiles in, the mixture's out
export const MX_R95 = 8;
export const MX_R99 = 9;
export const MX_ERR = 10; // out: failure probability the odd replicas add per request of the node
export const mix = new Float64Array(16);

/** Group parameters of the mixture: [pw, theta, s, weight] for the other, then the odd group. */
const grp = new Float64Array(8);
const TAILS = Float64Array.of(0.5, 0.05, 0.01);
const LN_TAILS = TAILS.map((x) => -Math.log(x));

/** Mixture survival at t = sv[1] into sv[0]. */
const sv = new Float64Array(2);
function survival(): void {
  const t = sv[1]!;
  let total = 0;
  for (let gi = 0; gi < 8; gi += 4) {
    const pw = grp[gi]!;
    const theta = grp[gi + 1]!;
    const s = grp[gi + 2]!;
    const w = grp[gi + 3]!;
    if (w <= 0) continue;
    let surv;
    if (s <= 1e-12) surv = pw > 1e-9 && theta > 0 ? pw * Math.exp(-theta * t) : t > 0 ? 0 : 1;
    else {
      const mu = 1 / s;
      const em = Math.exp(-mu * t);
      if (!(pw > 1e-9 && theta > 0)) surv = em;
      else {
        const dq = theta - mu;
        const g =
          Math.abs(dq) < 1e-9 * mu ? (1 + mu * t) * em : (theta * em - mu * Math.exp(-theta * t)) / dq;
        surv = (1 - pw) * em + pw * g;
      }
    }
    total += w * surv;
  }
  sv[0] = total;
}

/**
 * Node i (a service with 0 < fOddCount < ready): reads `mix`, writes the mixture into `mix` and
 * the odd replicas' hold time into st.oHold (next tick's queue step).
 */
export function replicaMix(model: Model, st: State, i: number): void {
  const r = st.ready[i]!;
  const k = st.fOddCount[i]! < r ? st.fOddCount[i]! : r;
  const s = mix[MX_S]!;
  const hold = mix[MX_HOLD]!;
  const sO = s * st.fOddLat[i]! + st.fOddAdd[i]!;
  const hO = hold + sO - s;
  st.oHold[i] = hO;
  const cpu = mix[MX_CPU]!;
  // The odd group's wait, as the capacity pass reads the node's: Little on its state.
  const capO = (cpu * k) / r;
  const m1busy = st.oBusy[i]! / hO;
  const thrO = m1busy < capO ? m1busy : capO;
  const lq = st.oBacklog[i]!;
  const wqO = lq > 0 ? (thrO > 0 ? lq / thrO : LATENCY_CAP) : 0;
  const pb = st.oPBlock[i]!;
  let pwO = pb < 1 ? (st.oPWait[i]! - pb) / (1 - pb) : 1;
  if (pwO > 1) pwO = 1;
  const thetaO = pwO > 1e-9 && wqO > 0 ? pwO / wqO : 0;
  const muO = Math.min((k * model.concurrency[i]!) / hO, capO);
  const wmaxO = muO > 0 ? (model.queueLimit[i]! * k) / muO : LATENCY_CAP;
  // Weights: the requests each group completes (by its state), or the share it was sent.
  const capN = (cpu * (r - k)) / r;
  const m1n = st.qBusy[i]! / hold;
  const thrN = m1n < capN ? m1n : capN;
  const wO = thrN + thrO > 0 ? thrO / (thrN + thrO) : st.oShare[i]!;
  const wN = 1 - wO;
  const wqN = mix[MX_WQ]!;
  grp[0] = mix[MX_PW]!;
  grp[1] = mix[MX_THETA]!;
  grp[2] = s;
  grp[3] = wN;
  grp[4] = pwO;
  grp[5] = thetaO;
  grp[6] = sO;
  grp[7] = wO;
  mix[MX_WQ] = wN * (wqN + s) + wO * (wqO + sO) - s;
  mix[MX_ERR] = wO * st.fOddErr[i]!;
  const wmaxN = mix[MX_WMAX]!;
  for (let level = 0; level < 3; level++) {
    const tail = TAILS[level]!;
    const ln = LN_TAILS[level]!;
    // Each group's quantile is below its bounded-queue cap; the mixture's is below the larger.
    const capLevel = Math.max(wmaxN + s * ln, wmaxO + sO * ln);
    let hi = Math.max(mix[MX_R50 + level]!, sO * ln + (thetaO > 0 ? ln / thetaO : 0), 1e-9);
    for (let it = 0; it < 60; it++) {
      sv[1] = hi;
      survival();
      if (sv[0]! <= tail || hi >= capLevel) break;
      hi *= 2;
    }
    let lo = 0;
    for (let it = 0; it < 60 && hi - lo > 1e-9 * hi; it++) {
      const mid = 0.5 * (lo + hi);
      sv[1] = mid;
      survival();
      if (sv[0]! > tail) lo = mid;
      else hi = mid;
    }
    const q = 0.5 * (lo + hi);
    mix[MX_R50 + level] = q < capLevel ? q : capLevel;
  }
}
