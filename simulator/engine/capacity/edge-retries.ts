/** Retries and the circuit breaker on the out-edges of the callers of a level: work.edgeOrder[lo..hi). */
import type { Model } from '../compile';
import type { State } from '../state';

/**
 * Attempt a happens with probability pAll^a after an exponential backoff. Sets st.eP[e]
 * (per-attempt failure as it happens: errors, next tick's retries, breakers, logs), st.eFinal[e]
 * (a call's failure after its retries), and the call's time work.time[e] and spread
 * work.callVar / callK3 as the arriving calls will see them (a timed-out attempt is retried):
 * a mixture over the number of attempts A (P[A > a] = pAllNow^a, at most r + 1), given A = a the
 * sum of a independent attempts plus the backoffs.
 */
export function retryCalls(model: Model, st: State, lo: number, hi: number): void {
  const { retries, backoff } = model;
  const { eShed, eP, eFinal } = st;
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
    const t1 = tA[x]!;
    let mean = t1;
    let pk = 1;
    let pkNow = 1;
    for (let a = 1; a <= r; a++) {
      pk *= pAll;
      pkNow *= pAllNow;
      mean += pkNow * (t1 + bo * (1 << (a - 1)));
    }
    eFinal[e] = pk * pAll;
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
      for (let a = 1; a <= r + 1; a++) {
        const pEq = a <= r ? pa * (1 - pAllNow) : pa;
        const mu1 = a * t1 + bo * ((1 << (a - 1)) - 1);
        const v = a * v1;
        m1 += pEq * mu1;
        m2 += pEq * (v + mu1 * mu1);
        m3 += pEq * (a * k1 + 3 * mu1 * v + mu1 * mu1 * mu1);
        pa *= pAllNow;
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
