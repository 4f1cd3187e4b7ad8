/**
 * Replica lifecycle and slow state that changes between ticks: cold starts finishing, crash loops,
 * OOM kills, memory leaks, slow queries, autoscalers (HPA / KEDA-like, with sync period and
 * scale-down stabilisation). Runs before the demand pass.
 */
import type { EventKind } from './api';
import { DATABASE, DNS, SERVICE, type Model } from './compile';
import { BATCHES, type State } from './state';

export type Emit = (
  kind: EventKind,
  node: number,
  text: string,
  hidden?: boolean,
  data?: Readonly<Record<string, string | number | boolean>>,
) => void;

/** HPA ignores changes within 10% of the target. */
const HPA_TOLERANCE = 0.1;
/** HPA's default scale-down stabilisation window. */
const SCALE_DOWN_WINDOW = 300;

/** Starts `count` replicas that become ready at `readyAt`. */
export function startReplicas(st: State, i: number, count: number, readyAt: number): void {
  if (count <= 0) return;
  const base = i * BATCHES;
  let slot = -1;
  for (let b = 0; b < BATCHES; b++) {
    if (st.batchCount[base + b] === 0) {
      slot = b;
      break;
    }
  }
  if (slot < 0) {
    slot = BATCHES - 1; // merge into the last batch; it becomes ready with the later time
    st.batchAt[base + slot] = Math.max(st.batchAt[base + slot]!, readyAt);
    st.batchCount[base + slot]! += count;
  } else {
    st.batchAt[base + slot] = readyAt;
    st.batchCount[base + slot] = count;
  }
  st.starting[i]! += count;
}

/** Removes up to `count` starting replicas (latest first). Returns how many were removed. */
export function cancelStarting(st: State, i: number, count: number): number {
  const base = i * BATCHES;
  let left = count;
  for (let b = BATCHES - 1; b >= 0 && left > 0; b--) {
    const c = st.batchCount[base + b]!;
    if (c <= 0) continue;
    const take = Math.min(c, left);
    st.batchCount[base + b] = c - take;
    if (c - take === 0) st.batchAt[base + b] = Infinity;
    left -= take;
  }
  st.starting[i]! -= count - left;
  return count - left;
}

/** Kills `count` ready replicas; the orchestrator restarts them after the cold start. */
export function killReplicas(model: Model, st: State, i: number, count: number, t: number): number {
  const k = Math.min(count, st.ready[i]!);
  if (k <= 0) return 0;
  st.ready[i]! -= k;
  st.restarts[i]! += k;
  startReplicas(st, i, k, t + model.coldStart[i]!);
  return k;
}

/** Sets the replica target: starts new ones (cold start) or removes starting, then ready ones. */
export function setReplicas(model: Model, st: State, i: number, target: number, t: number): void {
  st.desired[i] = target;
  const current = st.ready[i]! + st.starting[i]!;
  if (target > current) startReplicas(st, i, target - current, t + model.coldStart[i]!);
  else if (target < current) {
    const removed = cancelStarting(st, i, current - target);
    const more = current - target - removed;
    st.ready[i] = Math.max(0, st.ready[i]! - more);
  }
}

export function lifecyclePass(model: Model, st: State, t: number, dt: number, emit: Emit): void {
  const { kindStart, kindEnd, memoryLimit, asMetric, asPeriod } = model;
  const { starting, batchCount, batchAt, ready, desired, faulted, fCrashLoop, fLeak, leakMb } = st;
  const { memory, asNext } = st;
  const service = SERVICE;
  for (let kk = 0; kk < 2; kk++) {
    const kd = kk === 0 ? service : DNS;
    for (let i = kindStart[kd]!, end = kindEnd[kd]!; i < end; i++) {
      // cold starts finishing
      if (starting[i]! > 0) {
        const base = i * BATCHES;
        for (let b = 0; b < BATCHES; b++) {
          if (batchCount[base + b]! > 0 && batchAt[base + b]! <= t) {
            const c = batchCount[base + b]!;
            ready[i]! += c;
            starting[i]! -= c;
            batchCount[base + b] = 0;
            batchAt[base + b] = Infinity;
          }
        }
      }
      // Crash loops and leaks are fault effects: nothing to do on a node without a fault.
      if (faulted[i] !== 0) {
        // crash loop: the crashing replicas die again as soon as they come back
        const loop = fCrashLoop[i]!;
        if (loop > 0) {
          const keep = Math.max(0, desired[i]! - loop);
          if (ready[i]! > keep) killReplicas(model, st, i, ready[i]! - keep, t);
        }
        // memory: leak grows per replica
        if (fLeak[i]! > 0) leakMb[i]! += (fLeak[i]! / 60) * dt;
      }
      // over the memory limit the kernel OOM-kills the replicas
      if (ready[i]! > 0 && memory[i]! > memoryLimit[i]!) {
        const killed = killReplicas(model, st, i, ready[i]!, t);
        leakMb[i] = 0;
        memory[i] = 0;
        emit(
          'oom-kill',
          i,
          `${model.ids[i]}: ${killed} replica(s) OOM-killed (memory limit ${memoryLimit[i]} MB)`,
        );
      }
      if (kd === service && asMetric[i]! > 0 && t >= asNext[i]!) {
        asNext[i]! += asPeriod[i]!;
        autoscale(model, st, i, t, emit);
      }
    }
  }
  for (let i = kindStart[DATABASE]!, end = kindEnd[DATABASE]!; i < end; i++) {
    const want = st.fSlowCount[i]!;
    st.slowActive[i] = want > 0 && t >= st.slowRespawnAt[i]! ? want : 0;
  }
  if (model.healthEdges.length > 0) readiness(model, st, t, emit);
}

/** A readiness probe's timeout, period and failure threshold: Kubernetes' defaults (1 s, 10 s, 3). */
const PROBE_TIMEOUT = 1;
const PROBE_PERIOD = 10;
const PROBE_FAILURES = 3;

/**
 * Deep health checks: a caller whose readiness probe calls a dependency (edge `healthCheck`)
 * fails the probe while that dependency fails or answers slower than the probe timeout (last
 * tick's values). After PROBE_FAILURES periods every replica leaves rotation at once (they all
 * probe the same dependency), so the caller rejects everything, including requests that never
 * needed the dependency; one successful probe puts them back.
 */
function readiness(model: Model, st: State, t: number, emit: Emit): void {
  const { healthEdges, from, to } = model;
  let failing = false;
  for (let x = 0; x < healthEdges.length; x++) {
    const e = healthEdges[x]!;
    const j = to[e]!;
    if (model.healthProbe[e] === 1 && (st.failShare[j]! > 0.5 || st.p50[j]! > PROBE_TIMEOUT)) failing = true;
    const i = from[e]!;
    // Edges are numbered by caller, so a caller's probe edges are consecutive: decide at its last.
    if (x + 1 < healthEdges.length && from[healthEdges[x + 1]!] === i) continue;
    probe(model, st, i, failing, t, emit);
    failing = false;
  }
}

function probe(model: Model, st: State, i: number, failing: boolean, t: number, emit: Emit): void {
  const id = model.ids[i]!;
  if (failing) {
    st.probeOkSince[i] = -1;
    if (st.probeFailingSince[i]! < 0) st.probeFailingSince[i] = t;
    if (st.outOfRotation[i] === 0 && t - st.probeFailingSince[i]! >= PROBE_PERIOD * PROBE_FAILURES) {
      st.outOfRotation[i] = 1;
      emit(
        'readiness',
        i,
        `${id}: readiness probe failed ${PROBE_FAILURES} times in a row: all ${st.ready[i]} replicas removed from rotation`,
      );
    }
    return;
  }
  st.probeFailingSince[i] = -1;
  if (st.outOfRotation[i] === 0) return;
  if (st.probeOkSince[i]! < 0) st.probeOkSince[i] = t;
  if (t - st.probeOkSince[i]! >= PROBE_PERIOD) {
    st.outOfRotation[i] = 0;
    st.probeOkSince[i] = -1;
    emit('readiness', i, `${id}: readiness probe passes again: replicas back in rotation`);
  }
}

function autoscale(model: Model, st: State, i: number, t: number, emit: Emit): void {
  const target = model.asTarget[i]!;
  const ready = st.ready[i]!;
  const current = st.desired[i]!;
  let desired = current;
  switch (model.asMetric[i]) {
    case 1: // cpu utilisation of ready replicas (HPA formula)
    case 2: // latency p99
    case 4: {
      // in-flight per replica
      const value =
        model.asMetric[i] === 1
          ? st.cpuUtil[i]!
          : model.asMetric[i] === 2
            ? st.p99[i]!
            : ready > 0
              ? st.inflight[i]! / ready
              : 0;
      const ratio = value / target;
      if (ready > 0 && Math.abs(ratio - 1) > HPA_TOLERANCE) desired = Math.ceil(ready * ratio);
      break;
    }
    case 3: {
      // KEDA list-length scaler: one replica per `target` waiting messages
      let depth = 0;
      for (let x = model.consumedStart[i]!, end = model.consumedStart[i + 1]!; x < end; x++) {
        depth += st.backlog[model.consumed[x]!]!;
      }
      desired = Math.ceil(depth / target);
      break;
    }
  }
  desired = Math.min(model.asMax[i]!, Math.max(model.asMin[i]!, desired));
  // Scale-down stabilisation: keep the highest recommendation of the last window.
  if (desired >= st.asRecentMax[i]! || t - st.asRecentAt[i]! > SCALE_DOWN_WINDOW) {
    st.asRecentMax[i] = desired;
    st.asRecentAt[i] = t;
  }
  if (desired < current) desired = Math.min(current, st.asRecentMax[i]!);
  if (desired !== current) {
    setReplicas(model, st, i, desired, t);
    emit('scale', i, `autoscaler scaled ${model.ids[i]} from ${current} to ${desired} replicas`);
  }
}
