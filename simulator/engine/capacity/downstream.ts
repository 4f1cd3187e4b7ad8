/**
 * The downstream of the callers order[lo..hi): the sum over each one's sync calls, which are
 * independent and sequential, so their cumulants (mean, variance, third) add; and the probability
 * that every required call succeeds. Callee results of this pass; edges closing a cycle: last pass.
 */
import type { Model, QUEUE } from '../compile';
import type { State } from '../state';

export function downstreamSums(model: Model, st: State, lo: number, hi: number, elo: number): void {
  const K_QUEUE: typeof QUEUE = 5;
  const { outStart, to, kind, calls, optional } = model;
  const isAsync = model.async;
  const { eFinal } = st;
  const { order, time, callVar, callK3, dMean, dVar, dK3, surv } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    let mean = 0;
    let v = 0;
    let k3 = 0;
    let ok = 1;
    for (let e = outStart[i]!, end = outStart[i + 1]!; e < end; e++) {
      const x = elo++; // the level's edges are work.edgeOrder[elo..] in this same order
      if (isAsync[e] && kind[to[e]!] !== K_QUEUE) continue; // fire and forget
      const c = calls[e]!;
      const te = time[x]!;
      const ve = callVar[x]!;
      const ke = callK3[x]!;
      mean += c * te;
      // floor(c) calls, one more with probability frac(c) (a mixture, by raw moments).
      const cWhole = Math.floor(c);
      const cFrac = c - cWhole;
      v += cWhole * ve;
      k3 += cWhole * ke;
      if (cFrac > 0) {
        const m1 = cFrac * te;
        const r2 = cFrac * (ve + te * te);
        const r3 = cFrac * (ke + 3 * te * ve + te * te * te);
        const mv = r2 - m1 * m1;
        v += mv > 0 ? mv : 0;
        k3 += r3 - 3 * m1 * r2 + 2 * m1 * m1 * m1;
      }
      if (!optional[e]) {
        // pow(ok, c) would let 0.1 calls per request to a dead callee fail every request.
        const fin = eFinal[e]!;
        const okCall = 1 - fin;
        if (okCall !== 1)
          ok *= (cWhole === 1 ? okCall : cWhole === 0 ? 1 : Math.pow(okCall, cWhole)) * (1 - cFrac * fin);
      }
    }
    dMean[o] = mean;
    dVar[o] = v;
    dK3[o] = k3;
    surv[o] = ok;
  }
}
