/**
 * Why a node's requests fail and why a call fails, read off this tick's engine state, for the
 * evidence (logs.ts, traces.ts) to tell the failure that actually happened where it happened.
 * A draw picks one cause in proportion to its share; causes under NOISE_FLOOR are background
 * noise and are not named unless nothing larger explains the failure (a bystander that fails
 * 0.2% of its calls does not show up in a 25% incident's evidence). Allocation-free.
 */
import { CACHE, DATABASE, DNS, LB, QUEUE, SERVICE, type Model } from './compile';
import type { State } from './state';

/** A share under this is background noise, not a cause (also the floor for logging errors at all). */
export const NOISE_FLOOR = 0.01;

// Why a call on an edge failed (what the caller's client library saw).
export const CALL_BREAKER = 1; // the caller's breaker is open or half-open
export const CALL_SHED = 2; // the caller's pool or rate limiter cut the call
export const CALL_DNS = 3; // the callee's name did not resolve
export const CALL_RESET = 4; // packet loss: the connection was reset
export const CALL_STALE = 5; // a load balancer sent it to a replica that is gone
export const CALL_TOO_MANY_CLIENTS = 6; // the database refused the pool's connection
export const CALL_TIMEOUT = 7; // the caller's timeout fired
export const CALL_CALLEE = 8; // the callee answered with an error (see the node causes)
const CALL_CAUSES = 9;

// Why a node's request failed (what it did itself), or the out-edge (>= 0) whose call failed.
export const NODE_OWN = -1; // its own error (a bug, a bad deploy, an injected error rate)
export const NODE_REJECT = -2; // it turned the request away (full queue, rate limit, no ready replica)
export const NODE_OOM = -3; // a Redis at maxmemory with noeviction refused the write
export const NODE_HUNG = -4; // it hangs: nothing answers, the caller times out
export const NODE_NONE = -5;
export const NODE_NOSPACE = -6; // its volume is full: the write failed (No space left on device)

const scratch = new Float64Array(CALL_CAUSES);

/** Share of a node's processed requests that fail by its own doing (faults on some replicas included). */
export function ownShare(model: Model, st: State, i: number): number {
  const fz = st.faulted[i] === 0;
  let ok = (1 - model.errorRate[i]!) * (1 - (fz ? 0 : st.fErr[i]!));
  if (model.kind[i] === SERVICE && st.fOddCount[i]! > 0) {
    const hit = st.fOddCount[i]! >= st.ready[i]! ? 1 : st.oShare[i]!;
    ok *= 1 - st.fOddErr[i]! * hit;
  }
  return 1 - ok;
}

/** Share of a node's arrivals it turned away. */
export function rejectShare(st: State, i: number): number {
  const arr = st.arrRate[i]!;
  const rej = st.rejRate[i]!;
  return arr > 0 ? Math.min(1, rej / arr) : rej > 0 ? 1 : 0;
}

/** A Redis at maxmemory with noeviction fails the writes: a cache's fills (its misses). */
function oomShare(model: Model, st: State, i: number): number {
  const k = model.kind[i];
  if (model.lruPolicy[i] || !(k === CACHE || k === QUEUE)) return 0;
  if (k === QUEUE) return rejectShare(st, i);
  return st.cacheMem[i]! >= model.maxMemoryMb[i]! ? 1 - st.hitEff[i]! : 0;
}

function hung(st: State, i: number): boolean {
  return st.faulted[i] !== 0 && st.fOutage[i] === 2;
}

/** Failure share of one call on edge e that the caller's request depends on (0 for an optional call). */
function callShare(model: Model, st: State, e: number): number {
  if (model.optional[e] || (model.async[e] && model.kind[model.to[e]!] !== QUEUE)) return 0;
  return Math.min(1, model.calls[e]! * st.eFinal[e]!);
}

/** Weights a failed call on edge e by cause, into `scratch`; returns the largest. */
function callWeights(model: Model, st: State, e: number): number {
  const w = scratch;
  w.fill(0);
  if (st.cbForced[e] === 1 || st.cbState[e] !== 0) {
    w[CALL_BREAKER] = st.cbState[e] === 2 ? 0.9 : 1; // half-open: 90% of calls are not let through
    if (st.cbState[e] !== 2 || st.cbForced[e] === 1) return 1;
  }
  const j = model.to[e]!;
  w[CALL_SHED] = st.eShed[e]!;
  const d = model.edgeDns[e]!;
  if (d >= 0) w[CALL_DNS] = Math.min(1, model.lookups[e]! * st.dnsFail[d]! * st.dnsFail[d]!);
  if (st.eFaulted[e] !== 0) w[CALL_RESET] = st.fLoss[e]!;
  const i = model.from[e]!;
  if (model.kind[i] === LB && model.kind[j] === SERVICE && st.lbSeen[e]! > st.ready[j]!)
    w[CALL_STALE] = 1 - st.ready[j]! / st.lbSeen[e]!;
  if (model.edgePool[e]! < Infinity && model.kind[j] === DATABASE)
    w[CALL_TOO_MANY_CLIENTS] = st.connRefused[j]!;
  // A hung callee never answers: its failures reach the caller as timeouts.
  w[CALL_TIMEOUT] = hung(st, j) ? Math.max(st.eTimedOut[e]!, st.failShare[j]!) : st.eTimedOut[e]!;
  w[CALL_CALLEE] = hung(st, j) ? 0 : st.failShare[j]!;
  let max = 0;
  for (let c = 1; c < CALL_CAUSES; c++) if (w[c]! > max) max = w[c]!;
  return max;
}

/** Why a call on edge e failed: one CALL_* drawn by share (u uniform in [0, 1)). */
export function pickCallCause(model: Model, st: State, e: number, u: number): number {
  const max = callWeights(model, st, e);
  if (max <= 0) return CALL_CALLEE;
  const floor = max < NOISE_FLOOR ? max : NOISE_FLOOR;
  let total = 0;
  for (let c = 1; c < CALL_CAUSES; c++) if (scratch[c]! >= floor) total += scratch[c]!;
  let x = u * total;
  let last = CALL_CALLEE;
  for (let c = 1; c < CALL_CAUSES; c++) {
    if (scratch[c]! < floor) continue;
    last = c;
    x -= scratch[c]!;
    if (x < 0) return c;
  }
  return last;
}

const keep = (w: number, floor: number): number => (w >= floor ? w : 0);

/**
 * Why node i's request failed: NODE_OWN, NODE_REJECT, NODE_OOM, NODE_NOSPACE, NODE_HUNG, or the out-edge whose
 * call failed; NODE_NONE when nothing fails there. u uniform in [0, 1).
 */
export function pickNodeCause(model: Model, st: State, i: number, u: number): number {
  if (hung(st, i)) return NODE_HUNG;
  const k = model.kind[i];
  const oom = oomShare(model, st, i);
  // A queue's rejections are its OOM: counted once.
  const rej = oom > 0 && k === QUEUE ? 0 : rejectShare(st, i);
  const own = k === QUEUE || k === DNS ? 0 : ownShare(model, st, i);
  const nospace = st.diskErr[i]!;
  const first = model.outStart[i]!;
  const last = model.outStart[i + 1]!;
  let max = Math.max(rej, oom, own, nospace);
  for (let e = first; e < last; e++) max = Math.max(max, callShare(model, st, e));
  if (max <= 0) return NODE_NONE;
  // Everything under NOISE_FLOOR is noise, unless nothing is above it.
  const floor = max < NOISE_FLOOR ? max : NOISE_FLOOR;
  let total = keep(oom, floor) + keep(rej, floor) + keep(own, floor) + keep(nospace, floor);
  for (let e = first; e < last; e++) total += keep(callShare(model, st, e), floor);
  let x = u * total - keep(oom, floor);
  if (x < 0) return NODE_OOM;
  x -= keep(rej, floor);
  if (x < 0) return NODE_REJECT;
  x -= keep(own, floor);
  if (x < 0) return NODE_OWN;
  x -= keep(nospace, floor);
  if (x < 0) return NODE_NOSPACE;
  let chosen = NODE_NONE;
  for (let e = first; e < last; e++) {
    const w = keep(callShare(model, st, e), floor);
    if (w <= 0) continue;
    chosen = e;
    x -= w;
    if (x < 0) return e;
  }
  // Rounding at the top end: the last candidate.
  if (chosen !== NODE_NONE) return chosen;
  if (nospace >= floor) return NODE_NOSPACE;
  return own >= floor ? NODE_OWN : rej >= floor ? NODE_REJECT : NODE_OOM;
}

/** Why a service or load balancer turns requests away: it is down, rate-limited, or full. */
export const REJECT_DOWN = 0;
export const REJECT_LIMITED = 1;
export const REJECT_FULL = 2;

export function rejectReason(model: Model, st: State, i: number, t: number): number {
  const k = model.kind[i];
  if (st.faulted[i] !== 0 && st.fOutage[i] === 1) return REJECT_DOWN;
  if (k === SERVICE && (st.ready[i]! <= 0 || st.outOfRotation[i] === 1)) return REJECT_DOWN;
  if (k === DATABASE && st.failoverUntil[i]! > t) return REJECT_DOWN;
  return st.arrRate[i]! > model.rateLimit[i]! ? REJECT_LIMITED : REJECT_FULL;
}
