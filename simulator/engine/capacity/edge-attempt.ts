/**
 * One attempt of a call on the out-edges of the callers of a level: work.edgeOrder[lo..hi): how likely it fails and how
 * long it takes, as a mean, variance and third cumulant (call chains combine distributions).
 */
import type { DATABASE, LB, Model, SERVICE } from '../compile';
import type { State } from '../state';
import { REJECT_SECONDS } from './constants';

/**
 * work.p[e] (failures as they happen) and work.pNow[e] (timeouts counted when the calls start):
 * the callee's failures, timeouts, packet loss, DNS failures, stale load-balancer targets and
 * refused database connections, as independent causes; an open breaker fails every call. Also the
 * DNS lookups' time and spread (work.dnsTime, work.aVar, work.aK3), which attemptTimes adds to.
 */
export function attemptFailures(model: Model, st: State, lo: number, hi: number, t: number): void {
  const K_LB: typeof LB = 1;
  const K_SERVICE: typeof SERVICE = 2;
  const K_DATABASE: typeof DATABASE = 3;
  const { from, to, kind, edgeDns, edgePool } = model;
  const { failShare, eTimedOut, eFaulted, fLoss, connRefused, ready, lbSeen, lbNext, dnsFail, latMean } = st;
  const { edgeOrder, open, timedOut, p, pNow, calleeFail, dnsTime, aVar, aK3 } = st.work;
  for (let x = lo; x < hi; x++) {
    const e = edgeOrder[x]!;
    const i = from[e]!;
    dnsTime[x] = 0;
    aVar[x] = 0;
    aK3[x] = 0;
    if (open[x] === 1) {
      p[x] = 1;
      pNow[x] = 1;
      calleeFail[x] = 0;
      continue;
    }
    const j = to[e]!;
    const fail = failShare[j]!;
    const late = eTimedOut[e]!;
    let dnsFailed = 0;
    const d = edgeDns[e]!;
    if (d >= 0) {
      // glibc waits the resolver timeout for a dropped query, then retries once. Spread: each
      // lookup waits the timeout with probability f (the retry's second wait neglected).
      const f = dnsFail[d]!;
      const rt = model.resolverTimeout[d]!;
      const lk = model.lookups[e]!;
      dnsTime[x] = lk * (latMean[d]! + f * rt * (1 + f));
      dnsFailed = Math.min(1, lk * f * f);
      aVar[x] = lk * rt * rt * f * (1 - f);
      aK3[x] = lk * rt * rt * rt * f * (1 - f) * (1 - 2 * f);
    }
    // LB health-check lag: calls sent to replicas that died since the last check fail.
    let stale = 0;
    if (kind[i] === K_LB && kind[j] === K_SERVICE) {
      if (lbSeen[e]! < 0 || t >= lbNext[e]!) {
        lbSeen[e] = ready[j]!;
        lbNext[e] = t + model.healthInterval[i]!;
      }
      const seen = lbSeen[e]!;
      if (seen > ready[j]!) stale = 1 - ready[j]! / seen;
    }
    const loss = eFaulted[e] === 0 ? 0 : fLoss[e]!; // fLoss holds its default without a fault
    // A pooled caller of a database past max_connections: replicas without connections fail.
    const refused = edgePool[e]! < Infinity && kind[j] === K_DATABASE ? connRefused[j]! : 0;
    const pe = 1 - (1 - fail) * (1 - late) * (1 - loss) * (1 - dnsFailed) * (1 - stale) * (1 - refused);
    p[x] = pe;
    const now = timedOut[x]!;
    pNow[x] =
      late === now
        ? pe
        : 1 - (1 - fail) * (1 - now) * (1 - loss) * (1 - dnsFailed) * (1 - stale) * (1 - refused);
    calleeFail[x] = fail;
  }
}

/**
 * work.tA[e], and the callee's spread added to work.aVar / aK3. Only admitted calls wait for the
 * callee: those it turns away (rate limit, no ready replica, full queue) cost a round trip, those
 * cut here (pool, limiter, half-open breaker) nothing. Time is the mixture (the round trip's
 * spread neglected). The callee's spread is cut off at the timeout: a callee slower on average
 * than tau counts as tau flat; otherwise min(T, tau) keeps T's skewness with at most the variance
 * a variable on [0, tau] can have (tau^2 / 4), and a third cumulant of at most 0.0962 tau^3.
 */
export function attemptTimes(model: Model, st: State, lo: number, hi: number): void {
  const { to, timeout } = model;
  const { eFaulted, fEdgeLat, arrRate, rejRate, eShed, latMean, latVar, latK3 } = st;
  const { edgeOrder, open, dnsTime, tA, aVar, aK3 } = st.work;
  for (let x = lo; x < hi; x++) {
    const e = edgeOrder[x]!;
    if (open[x] === 1) {
      tA[x] = 0;
      continue;
    }
    const j = to[e]!;
    const tau = timeout[e]!;
    const extra = eFaulted[e] === 0 ? 0 : fEdgeLat[e]!;
    // A shrinking queue can reject more than arrives in a tick: a share, so at most 1.
    const calleeArr = arrRate[j]!;
    const calleeRej = rejRate[j]!;
    const away = calleeRej >= calleeArr ? (calleeRej > 0 ? 1 : 0) : calleeRej / calleeArr;
    const admitted = (1 - eShed[e]!) * (1 - away);
    const fast = (1 - eShed[e]!) * away * REJECT_SECONDS;
    const cm = latMean[j]!;
    tA[x] = admitted * Math.min(cm, tau) + fast + extra + dnsTime[x]!;
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
      aVar[x]! += cv;
      aK3[x]! += ck3;
    } else if (admitted > 0) {
      // Mixture: the call with probability `admitted`, else (about) no time.
      const m = cm < tau ? cm : tau;
      const r2 = admitted * (cv + m * m);
      const r3 = admitted * (ck3 + 3 * m * cv + m * m * m);
      const m1 = admitted * m;
      const mv = r2 - m1 * m1;
      aVar[x]! += mv > 0 ? mv : 0;
      aK3[x]! += r3 - 3 * m1 * r2 + 2 * m1 * m1 * m1;
    }
  }
}
