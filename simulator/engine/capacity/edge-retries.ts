/** Retries and the circuit breaker on the out-edges of the callers of a level: work.edgeOrder[lo..hi). */
import type { Model } from '../compile';
import type { State } from '../state';

/** Mean and variance of one backoff b by jitter code: none b; full U(0, b); equal b/2 + U(0, b/2). */
const JITTER_MEAN = [1, 0.5, 0.75] as const;
const JITTER_VAR = [0, 1 / 12, 1 / 48] as const;

/**
 * The share of retries a retry budget lets through: the budget caps the retries per call at
 * `budget`, and (1 + p + ... + p^r) - 1 are wanted. 1 without a budget.
 */
export function budgetShare(p: number, r: number, budget: number): number {
  if (!(budget < Infinity) || r <= 0 || p <= 0) return 1;
  let wanted = 0;
  let pk = 1;
  for (let a = 0; a < r; a++) {
    pk *= p;
    wanted += pk;
  }
  return wanted > budget ? budget / wanted : 1;
}

/**
 * A call's failure when a share q of the calls carry poison (they always fail) and a share sp
 * of the attempts do: the other calls fail independently with p' = (pAll - sp) / (1 - sp).
 */
function poisonedFinal(q: number, pAll: number, sp: number, r: number, budget: number): number {
  let p = sp < 1 ? (pAll - sp) / (1 - sp) : 0;
  if (p < 0) p = 0;
  const theta = budgetShare(p, r, budget);
  return q + (1 - q) * ((1 - theta) * p + theta * p ** (r + 1));
}

/**
 * Attempt a + 1 happens with probability theta pAll^a after backoffs b_j = min(base 2^(j-1), cap)
 * (jittered: mean and variance by JITTER_MEAN / JITTER_VAR), where theta is the share of retries
 * the retry budget allows (the caller retries the first failure with probability theta, then as
 * usual). Sets st.eP[e] (per-attempt failure as it happens: errors, next tick's retries,
 * breakers, logs), st.eFinal[e] (a call's failure after its retries), and the call's time
 * work.time[e] and spread work.callVar / callK3 as the arriving calls will see them (a timed-out
 * attempt is retried): a mixture over the number of attempts A, given A = a the sum of a
 * independent attempts plus the backoffs.
 */
export function retryCalls(model: Model, st: State, lo: number, hi: number): void {
  const { retries, backoff, maxBackoff, jitter, retryBudget, to } = model;
  const { eShed, eP, eFinal, faulted, fPoison, ePoison } = st;
  const { edgeOrder, open, p, pNow, tA, aVar, aK3, time, callVar, callK3 } = st.work;
  for (let x = lo; x < hi; x++) {
    const e = edgeOrder[x]!;
    const shed = eShed[e]!;
    const pe = p[x]!;
    const pAll = open[x] === 1 ? 1 : 1 - (1 - pe) * (1 - shed);
    const pAllNow = pNow[x] === pe ? pAll : 1 - (1 - pNow[x]!) * (1 - shed);
    eP[e] = pAll;
    const r = retries[e]!;
    const bo = backoff[e]!;
    const cap = maxBackoff[e]!;
    const jm = JITTER_MEAN[jitter[e]!]!;
    const jv = JITTER_VAR[jitter[e]!]!;
    const budget = retryBudget[e]!;
    const theta = budgetShare(pAll, r, budget);
    const thetaNow = pAllNow === pAll ? theta : budgetShare(pAllNow, r, budget);
    const t1 = tA[x]!;
    let mean = t1;
    let pk = 1;
    let pkNow = thetaNow;
    let b = bo;
    for (let a = 1; a <= r; a++) {
      pk *= pAll;
      pkNow *= pAllNow;
      mean += pkNow * (t1 + jm * (b < cap ? b : cap));
      b *= 2;
    }
    // Calls the budget does not retry fail with their first attempt.
    eFinal[e] = r > 0 ? (1 - theta) * pAll + theta * pk * pAll : pAll;
    const q = !st.anyPoison || faulted[to[e]!] === 0 ? 0 : fPoison[to[e]!]!;
    if (q > 0) eFinal[e] = poisonedFinal(q, pAll, ePoison[e]!, r, budget);
    time[x] = mean;
    const v1 = aVar[x]!;
    const k1 = aK3[x]!;
    callVar[x] = v1;
    callK3[x] = k1;
    if (r > 0 && pAllNow > 0) {
      let m1 = 0;
      let m2 = 0;
      let m3 = 0;
      let pa = 1; // P[A >= a]
      let bMean = 0; // the backoffs before attempt a: mean and variance
      let bVar = 0;
      let bNext = bo;
      for (let a = 1; a <= r + 1; a++) {
        const pNext = a === 1 ? thetaNow * pAllNow : pAllNow;
        const pEq = a <= r ? pa * (1 - pNext) : pa;
        const mu1 = a * t1 + bMean;
        const v = a * v1 + bVar;
        m1 += pEq * mu1;
        m2 += pEq * (v + mu1 * mu1);
        m3 += pEq * (a * k1 + 3 * mu1 * v + mu1 * mu1 * mu1);
        pa *= pNext;
        const bc = bNext < cap ? bNext : cap;
        bMean += jm * bc;
        bVar += jv * bc * bc;
        bNext *= 2;
      }
      const mv = m2 - m1 * m1;
      callVar[x] = mv > 0 ? mv : 0;
      callK3[x] = m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1;
    }
  }
}

/** Circuit breakers on the callee's failures (not on our own shedding): closed, open, half-open. */
export function breakers(model: Model, st: State, lo: number, hi: number, t: number): void {
  const { cbThreshold, cbOpenFor } = model;
  const { cbForced, cbState, cbUntil, eRate } = st;
  const { edgeOrder, p, calleeFail } = st.work;
  for (let x = lo; x < hi; x++) {
    const e = edgeOrder[x]!;
    const threshold = cbThreshold[e]!;
    if (!(threshold > 0) || cbForced[e] !== 0) continue;
    const s = cbState[e];
    if (s === 0) {
      if (eRate[e]! > 0 && p[x]! >= threshold) {
        cbState[e] = 1;
        cbUntil[e] = t + cbOpenFor[e]!;
      }
    } else if (s === 1) {
      if (t >= cbUntil[e]!) cbState[e] = 2;
    } else if (calleeFail[x]! >= threshold || p[x]! >= threshold) {
      cbState[e] = 1;
      cbUntil[e] = t + cbOpenFor[e]!;
    } else cbState[e] = 0;
  }
}
