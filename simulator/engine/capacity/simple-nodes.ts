/** Nodes without a queue state of their own: message queues, DNS resolvers and clients. */
import type { Model } from '../compile';
import type { State } from '../state';
import { quantilesFromCumulants } from './quantile-fit';

/** Message queues order[lo..hi): rejections, depth, memory and the age of the oldest message (FIFO). */
export function queueNodes(model: Model, st: State, lo: number, hi: number, dt: number): void {
  const order = st.work.order;
  for (let o = lo; o < hi; o++) queueNode(model, st, order[o]!, dt);
}

function queueNode(model: Model, st: State, i: number, dt: number): void {
  const arr = st.arrRate[i]!;
  st.failShare[i] = arr > 0 ? st.rejRate[i]! / arr : 0;
  st.errRatio[i] = st.failShare[i]!;
  st.served[i] = st.deqRate[i]!;
  const lat = model.serviceTime[i]!;
  st.latMean[i] = lat;
  st.latVar[i] = 0;
  st.latK3[i] = 0;
  st.p50[i] = lat;
  st.p95[i] = lat;
  st.p99[i] = lat;
  const depth = st.backlog[i]!;
  st.queueMem[i] = (depth * model.messageKb[i]!) / 1024;
  st.memory[i] = st.queueMem[i]!;
  // The head arrived when the current backlog started to accumulate; it ages at most 1 s per s.
  const enq = st.enqRate[i]!;
  if (depth <= 1e-9) st.oldest[i] = 0;
  else {
    const byRate = enq > 0 ? depth / enq : Infinity;
    const aged = st.oldest[i]! + dt;
    st.oldest[i] = byRate < aged ? byRate : aged;
  }
}

/** DNS resolvers order[lo..hi): cache hits answer in well under a millisecond, misses go upstream. */
export function dnsNodes(model: Model, st: State, lo: number, hi: number): void {
  const order = st.work.order;
  for (let o = lo; o < hi; o++) dnsNode(model, st, order[o]!);
}

function dnsNode(model: Model, st: State, i: number): void {
  const q = st.dnsQueries[i]!;
  const rdy = st.ready[i]!;
  const cap = rdy * model.qpsPerReplica[i]!;
  const u = cap > 0 ? q / cap : q > 0 ? Infinity : 0;
  st.cpuUtil[i] = u < 1 ? u : 1;
  st.saturation[i] = st.cpuUtil[i]!;
  const hit = model.hitRatio[i]!;
  const base = (hit * 0.0005 + (1 - hit) * 0.01) * st.fLatFactor[i]! + st.fLatAdd[i]!;
  const queueing = u < 0.95 ? base * (u / (1 - u)) * 0.1 : base * 2;
  const lat = base + queueing;
  st.latMean[i] = lat;
  st.latVar[i] = lat * lat;
  st.latK3[i] = 2 * lat * lat * lat;
  st.p50[i] = lat;
  st.p95[i] = lat * 3;
  st.p99[i] = lat * 4.6;
  st.failShare[i] = st.dnsFail[i]!;
  st.errRatio[i] = st.dnsFail[i]!;
  st.served[i] = st.procRate[i]!;
  // Pending queries and goroutines grow memory under overload: ~40 MB idle, +100 MB at full load.
  st.memory[i] = rdy > 0 ? 40 + 100 * Math.min(u, 4) * Math.min(u, 4) + st.leakMb[i]! : 0;
  st.inflight[i] = 0;
  st.readyInRotation[i] = rdy;
}

/** Clients order[lo..hi): their users see the sum of their calls (downstream.ts), nothing of their own. */
export function clientNodes(st: State, lo: number, hi: number, dt: number): void {
  const { order, dMean, dVar, dK3, surv } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const lam = st.procRate[i]!;
    const ok = surv[o]!;
    st.latMean[i] = dMean[o]!;
    st.latVar[i] = dVar[o]!;
    st.latK3[i] = dK3[o]!;
    st.p50[i] = 0;
    st.p95[i] = 0;
    st.p99[i] = 0;
    quantilesFromCumulants(st, i, 1);
    st.failShare[i] = 1 - ok;
    st.errRatio[i] = lam > 0 ? 1 - ok : 0;
    st.served[i] = lam * ok;
    st.servedTotal[i]! += lam * ok * dt;
    st.failedTotal[i]! += lam * (1 - ok) * dt;
  }
}
