/**
 * Timeouts on the out-edges of the callers of a level: work.edgeOrder[lo..hi): the share of the calls starting now that
 * exceed the caller's timeout, and the share failing now, which is the one of the calls that
 * started a timeout ago (delay-line.ts). An edge whose breaker is open starts no call.
 */
import type { Model } from '../compile';
import type { State } from '../state';
import { LN_1P, LN_5P, LN_HALF, TAIL_CUTOFF } from './constants';

/**
 * work.open[e] (breaker open: fails fast, without calling) and work.timedOut[e] = P[T > tau] for
 * the callee's latency T, from its three quantiles: log-linear between them, the last slope
 * extrapolated; 0 beyond 20 p99.
 */
export function timeoutShares(model: Model, st: State, lo: number, hi: number): void {
  const { to, timeout } = model;
  const { p50, p95, p99, cbForced, cbState } = st;
  const { edgeOrder, open, timedOut } = st.work;
  for (let x = lo; x < hi; x++) {
    const e = edgeOrder[x]!;
    const isOpen = cbForced[e] === 1 || cbState[e] === 1;
    open[x] = isOpen ? 1 : 0;
    if (isOpen) {
      timedOut[x] = 0;
      continue;
    }
    const j = to[e]!;
    const tau = timeout[e]!;
    const c50 = p50[j]!;
    const c95 = p95[j]!;
    const c99 = p99[j]!;
    let share = 0;
    if (!(tau >= 20 * c99)) {
      if (tau >= c99) {
        const span = c99 - c95;
        if (span <= 1e-12) share = tau > c99 ? 0 : 0.01;
        else {
          const ex = (-(tau - c99) * (LN_5P - LN_1P)) / span;
          if (!(ex < TAIL_CUTOFF)) {
            const s = 0.01 * Math.exp(ex);
            share = s < 1e-12 ? 0 : s;
          }
        }
      } else if (tau >= c95)
        share = Math.exp(LN_5P + ((tau - c95) / Math.max(1e-12, c99 - c95)) * (LN_1P - LN_5P));
      else if (tau >= c50)
        share = Math.exp(LN_HALF + ((tau - c50) / Math.max(1e-12, c95 - c50)) * (LN_5P - LN_HALF));
      else share = c50 > 0 ? Math.exp((LN_HALF * tau) / c50) : 0;
    }
    timedOut[x] = share;
  }
}

/**
 * Pushes work.timedOut[e] into edge e's delay line and sets st.eTimedOut[e] = the share that
 * started round(tau / dt) ticks ago; the first pass fills the line (steady state). A line last
 * written non-zero more than its length ago has since been overwritten with zeros: while nothing
 * times out it is neither read nor written (the lines of a large graph do not fit in cache, and
 * most edges never time out). An open breaker's edge starts nothing, so it pushes 0.
 */
export function delayLines(model: Model, st: State, lo: number, hi: number, dt: number): void {
  const { timeout, timeoutLineStart } = model;
  const { timeoutLine, timeoutLast, eTimedOut } = st;
  const { edgeOrder, open, timedOut } = st.work;
  const pass = st.passes;
  for (let x = lo; x < hi; x++) {
    const e = edgeOrder[x]!;
    const share = timedOut[x]!;
    const ls = timeoutLineStart[e]!;
    const len = timeoutLineStart[e + 1]! - ls;
    let late = share;
    if (len > 0) {
      const w = ls + (pass % len);
      const quiet = pass - timeoutLast[e]! > len;
      if (open[x] === 1) {
        if (!quiet) timeoutLine[w] = 0;
        late = 0;
      } else {
        if (pass === 0) timeoutLine.fill(share, ls, ls + len);
        else if (quiet && share === 0) late = 0;
        else {
          let dly = Math.round(timeout[e]! / dt);
          if (dly > len) dly = len;
          if (dly > 0) late = timeoutLine[w - dly < ls ? w - dly + len : w - dly]!;
        }
        if (pass === 0 || !quiet || share !== 0) timeoutLine[w] = share;
        if (share !== 0) timeoutLast[e] = pass;
      }
    } else if (open[x] === 1) late = 0;
    eTimedOut[e] = late;
  }
}
