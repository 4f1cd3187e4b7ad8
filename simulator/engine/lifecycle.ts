/**
 * Replica lifecycle and slow state that changes between ticks: cold starts finishing, crash loops,
 * OOM kills, memory leaks, slow queries, autoscalers (HPA / KEDA-like, with sync period and
 * scale-down stabilisation). Runs before the demand pass.
 */
import type { EventKind } from './api';
import { DATABASE, DNS, SERVICE, type Model } from './compile';
import { pullBatches } from './image-pull';
import { allToRotation, probePass, syncOdd } from './probes';
import { BATCHES, PROBE_UNITS, type State } from './state';

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

/** CrashLoopBackOff, the kubelet's rule: 10 s doubling per crash, capped at 5 min, forgiven after 10 min up. */
export const BACKOFF_BASE = 10;
export const BACKOFF_MAX = 300;
export const BACKOFF_RESET = 600;

/** The wait before restarting a container that crashed `level` times in a row (the first restarts at once). */
export function backoffFor(level: number): number {
  if (level <= 0) return 0;
  const wait = BACKOFF_BASE * 2 ** (level - 1);
  return wait < BACKOFF_MAX ? wait : BACKOFF_MAX;
}

/**
 * Starts `count` replicas whose containers start at `startAt` (after a back-off) and become ready
 * at `readyAt`; `units` (a bit mask) are the probe units they bring back (probes.ts). `pull`: new
 * pods that pull their image from the service's registry first (image-pull.ts).
 */
export function startReplicas(
  st: State,
  i: number,
  count: number,
  readyAt: number,
  startAt = -Infinity,
  units = 0,
  pull = false,
): void {
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
    st.batchStart[base + slot] = Math.max(st.batchStart[base + slot]!, startAt);
    st.batchUnits[base + slot] = st.batchUnits[base + slot]! | units;
    st.batchCount[base + slot]! += count;
    if (pull) st.batchPull[base + slot] = 1;
  } else {
    st.batchAt[base + slot] = readyAt;
    st.batchStart[base + slot] = startAt;
    st.batchUnits[base + slot] = units;
    st.batchCount[base + slot] = count;
    st.batchPull[base + slot] = pull ? 1 : 0;
    st.batchPullFails[base + slot] = 0;
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
    if (c - take === 0) {
      st.batchAt[base + b] = Infinity;
      st.batchPull[base + b] = 0;
      st.batchPullFails[base + b] = 0;
      reviveUnits(st, i, st.batchUnits[base + b]!);
      st.batchUnits[base + b] = 0;
    }
    left -= take;
  }
  st.starting[i]! -= count - left;
  return count - left;
}

/** The probe units in mask `units` run again (their restarted or cancelled replicas are back or gone). */
function reviveUnits(st: State, i: number, units: number): void {
  if (units === 0) return;
  for (let u = 0; u < PROBE_UNITS; u++) {
    if ((units & (1 << u)) === 0) continue;
    const k = i * PROBE_UNITS + u;
    st.uDown[k] = 0;
    st.uLiveFails[k] = 0;
    st.uReadyFails[k] = 0;
    st.uReadyOks[k] = 0;
  }
  syncOdd(st, i);
}

/**
 * Kills `count` ready replicas; the orchestrator restarts them after the cold start. A crash (OOM
 * kill, crash loop, failed liveness probe) waits out CrashLoopBackOff first; a restart the trainee
 * orders (`crash` false) starts new pods at once and forgets the back-off. `unit`: the probe unit
 * whose replicas these are (probes.ts), down until they are back.
 */
export function killReplicas(
  model: Model,
  st: State,
  i: number,
  count: number,
  t: number,
  crash = true,
  unit = -1,
): number {
  const k = Math.min(count, st.ready[i]!);
  if (k <= 0) return 0;
  st.ready[i]! -= k;
  st.restarts[i]! += k;
  // The kubelet keeps one back-off per pod: a probe unit's own, or the node's for a node-wide crash.
  const levels = unit >= 0 ? st.uCrashLevel : st.crashLevel;
  const resets = unit >= 0 ? st.uCrashResetAt : st.crashResetAt;
  const slot = unit >= 0 ? i * PROBE_UNITS + unit : i;
  let wait = 0;
  if (crash) {
    wait = backoffFor(levels[slot]!);
    levels[slot]! += 1;
    resets[slot] = Infinity;
    if (wait > 0) {
      st.backoffSeconds[i] = wait;
      st.backoffUntil[i] = t + wait;
      st.backoffNotice[i] = 1;
    }
  } else {
    st.crashLevel[i] = 0;
    st.crashResetAt[i] = Infinity;
    for (let u = 0; u < PROBE_UNITS; u++) {
      st.uCrashLevel[i * PROBE_UNITS + u] = 0;
      st.uCrashResetAt[i * PROBE_UNITS + u] = Infinity;
    }
  }
  let units = 0;
  if (unit >= 0) {
    units = 1 << unit;
    st.uDown[slot] = 1;
    syncOdd(st, i);
  }
  // A crashed container restarts in its pod (the image is on the node); new pods pull it.
  startReplicas(st, i, k, t + wait + model.coldStart[i]!, t + wait, units, !crash && model.registry[i]! >= 0);
  return k;
}

/** Sets the replica target: starts new ones (cold start) or removes starting, then ready ones. */
export function setReplicas(model: Model, st: State, i: number, target: number, t: number): void {
  st.desired[i] = target;
  const current = st.ready[i]! + st.unready[i]! + st.starting[i]!;
  if (target > current)
    startReplicas(st, i, target - current, t + model.coldStart[i]!, -Infinity, 0, model.registry[i]! >= 0);
  else if (target < current) {
    const removed = cancelStarting(st, i, current - target);
    const more = current - target - removed;
    if (more > 0) allToRotation(st, i);
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
      // image pulls due (new pods of a service with a registry), then cold starts finishing
      if (starting[i]! > 0 && model.registry[i]! >= 0) pullBatches(model, st, i, t, emit);
      if (starting[i]! > 0) {
        const base = i * BATCHES;
        for (let b = 0; b < BATCHES; b++) {
          if (batchCount[base + b]! > 0 && batchAt[base + b]! <= t) {
            const c = batchCount[base + b]!;
            ready[i]! += c;
            starting[i]! -= c;
            batchCount[base + b] = 0;
            batchAt[base + b] = Infinity;
            const units = st.batchUnits[base + b]!;
            st.batchUnits[base + b] = 0;
            // Running fine from now on: the back-off is forgiven in 10 minutes.
            if (units !== 0) cameBack(model, st, i, units, t);
            else st.crashResetAt[i] = t + BACKOFF_RESET;
          }
        }
      }
      if (st.crashLevel[i]! > 0 && t >= st.crashResetAt[i]!) {
        st.crashLevel[i] = 0;
        st.crashResetAt[i] = Infinity;
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
        allToRotation(st, i);
        const killed = killReplicas(model, st, i, ready[i]!, t);
        leakMb[i] = 0;
        memory[i] = 0;
        emit(
          'oom-kill',
          i,
          `${model.ids[i]}: ${killed} replica(s) OOM-killed (memory limit ${memoryLimit[i]} MB)`,
        );
      }
      if (st.backoffNotice[i] === 1) backoffEvent(model, st, i, emit);
      if (kd === service && asMetric[i]! > 0 && t >= asNext[i]!) {
        asNext[i]! += asPeriod[i]!;
        autoscale(model, st, i, t, emit);
      }
    }
  }
  probePass(model, st, kindStart[service]!, kindEnd[service]!, t, emit);
  for (let i = kindStart[SERVICE]!, end = kindEnd[SERVICE]!; i < end; i++)
    if (st.backoffNotice[i] === 1) backoffEvent(model, st, i, emit);
  waitingReplicas(model, st, t);
  for (let i = kindStart[DATABASE]!, end = kindEnd[DATABASE]!; i < end; i++) {
    const want = st.fSlowCount[i]!;
    st.slowActive[i] = want > 0 && t >= st.slowRespawnAt[i]! ? want : 0;
  }
  if (model.healthEdges.length > 0) readiness(model, st, t, emit);
}

/** Probe units brought back by replicas that are ready again: probing resumes after initialDelaySeconds. */
function cameBack(model: Model, st: State, i: number, units: number, t: number): void {
  for (let u = 0; u < PROBE_UNITS; u++) {
    if ((units & (1 << u)) === 0) continue;
    st.uLiveNext[i * PROBE_UNITS + u] = t + model.liveDelay[i]!;
    st.uReadyNext[i * PROBE_UNITS + u] = t + model.readyDelay[i]!;
    st.uCrashResetAt[i * PROBE_UNITS + u] = t + BACKOFF_RESET;
  }
  reviveUnits(st, i, units);
}

/** Splits the starting replicas into those waiting out a back-off and those in their cold start. */
function waitingReplicas(model: Model, st: State, t: number): void {
  for (let kk = 0; kk < 2; kk++) {
    const kd = kk === 0 ? SERVICE : DNS;
    for (let i = model.kindStart[kd]!, end = model.kindEnd[kd]!; i < end; i++) {
      let waiting = 0;
      let image = 0;
      if (st.starting[i]! > 0) {
        const base = i * BATCHES;
        for (let b = 0; b < BATCHES; b++)
          if (st.batchCount[base + b]! > 0 && st.batchStart[base + b]! > t) {
            if (st.batchPull[base + b] === 1) image += st.batchCount[base + b]!;
            else waiting += st.batchCount[base + b]!;
          }
      }
      st.waiting[i] = waiting;
      st.imageWaiting[i] = image + st.rolloutPullWaiting[i]!;
      st.coldStarting[i] = st.starting[i]! - waiting - image;
    }
  }
}

/** kubelet's event when a crashed container waits out its back-off (kubectl describe: BackOff). */
function backoffEvent(model: Model, st: State, i: number, emit: Emit): void {
  st.backoffNotice[i] = 0;
  const wait = st.backoffSeconds[i]!;
  emit(
    'restart',
    i,
    `${model.ids[i]}: Back-off restarting failed container (CrashLoopBackOff: back-off ${wait}s, restarting at ${Math.round(st.backoffUntil[i]!)}s)`,
    false,
    { reason: 'BackOff', backoff: wait, restartAt: st.backoffUntil[i]!, level: st.crashLevel[i]! },
  );
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
    if (model.readyPeriod[i]! > 0) {
      failing = false; // its own readinessProbe runs in probes.ts
      continue;
    }
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

/**
 * Records a trainee's manual scale of service i (already applied with setReplicas): the HPA keeps
 * it until its next sync after this tick, then recomputes and may override it (see autoscale).
 */
export function manualScale(
  model: Model,
  st: State,
  i: number,
  from: number,
  to: number,
  commandedAt: number,
  t: number,
): void {
  if (model.asMetric[i] === 0) return;
  if (st.asManual[i]! < 0) {
    st.asManualFrom[i] = from;
    st.asManualSince[i] = commandedAt;
  }
  st.asManual[i] = to;
  st.asManualAt[i] = t;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const secs = (x: number) => (x < 1 ? `${Math.round(x * 1000)} ms` : `${Math.round(x * 100) / 100} s`);
const num = (x: number) => `${Math.round(x * 10) / 10}`;

/** "cpu 35% / target 60%": the metric as `kubectl describe hpa` would show it. */
function metricText(model: Model, i: number, value: number): string {
  const target = model.asTarget[i]!;
  switch (model.asMetric[i]) {
    case 1:
      return `cpu ${pct(value)} / target ${pct(target)}`;
    case 2:
      return `latency p99 ${secs(value)} / target ${secs(target)}`;
    case 3:
      return `queue depth ${Math.round(value)} / target ${num(target)} per replica`;
    case 5:
      return `${num(value)} requests/s per replica / target ${num(target)}`;
    default:
      return `in-flight ${num(value)} per replica / target ${num(target)}`;
  }
}

/**
 * One HPA decision (every sync period), as Kubernetes' HPA makes it: recommendation =
 * ceil(ready x metric / target) outside a 10% tolerance (else the current count), clamped to
 * minReplicas..maxReplicas, and a scale-down keeps the highest recommendation of the last 5 min.
 * The current count is the deployment's (desired), so a trainee's manual scale holds until this
 * decision; when the result differs from it, the event says what overrode it and why.
 */
function autoscale(model: Model, st: State, i: number, t: number, emit: Emit): void {
  // A manual scale that landed in this tick came after this sync's decision: the next sync decides.
  if (st.asManualAt[i] === t) return;
  const id = model.ids[i]!;
  const metric = model.asMetric[i]!;
  const target = model.asTarget[i]!;
  const min = model.asMin[i]!;
  const max = model.asMax[i]!;
  const ready = st.ready[i]!;
  const current = st.desired[i]!;
  const manual = st.asManual[i]!;
  st.asManual[i] = -1;
  if (metric !== 3 && current === 0) {
    // Kubernetes: "scaling is disabled since the replica count of the target is zero".
    if (st.asOff[i] === 0)
      emit('scale', i, `HPA ${id}: scaling is disabled since the replica count of the target is zero`);
    st.asOff[i] = 1;
    return;
  }
  st.asOff[i] = 0;
  let recommended = current;
  let value = 0;
  switch (metric) {
    case 1: // cpu utilisation of ready replicas (HPA formula)
    case 2: // latency p99
    case 4: // in-flight per replica
    case 5: {
      // requests per second per replica (a Pods metric, AverageValue)
      value =
        metric === 1
          ? st.cpuUtil[i]!
          : metric === 2
            ? st.p99[i]!
            : ready <= 0
              ? 0
              : metric === 4
                ? st.inflight[i]! / ready
                : st.arrRate[i]! / ready;
      const ratio = value / target;
      if (ready > 0 && Math.abs(ratio - 1) > HPA_TOLERANCE) recommended = Math.ceil(ready * ratio);
      break;
    }
    case 3: {
      // KEDA list-length scaler: one replica per `target` waiting messages
      for (let x = model.consumedStart[i]!, end = model.consumedStart[i + 1]!; x < end; x++) {
        value += st.backlog[model.consumed[x]!]!;
      }
      recommended = Math.ceil(value / target);
      break;
    }
  }
  // Scale-down stabilisation over the raw recommendations (as Kubernetes keeps them, before the
  // min/max clamp): a scale-down goes no lower than the highest one of the last window.
  if (recommended >= st.asRecentMax[i]! || t - st.asRecentAt[i]! > SCALE_DOWN_WINDOW) {
    st.asRecentMax[i] = recommended;
    st.asRecentAt[i] = t;
  }
  const stable = recommended < current ? Math.min(current, st.asRecentMax[i]!) : recommended;
  const desired = Math.min(max, Math.max(min, stable));
  if (desired === current) return;
  setReplicas(model, st, i, desired, t);

  const measured = metricText(model, i, value);
  const clampedUp = recommended < min && desired === min;
  const clampedDown = recommended > max && desired === max;
  const stabilised = desired !== Math.min(max, Math.max(min, recommended));
  if (manual < 0) {
    const why = [measured];
    if (clampedUp) why.push(`recommends ${recommended}, raised to minReplicas ${min}`);
    else if (clampedDown) why.push(`recommends ${recommended}, capped at maxReplicas ${max}`);
    if (stabilised) why.push(`held at ${desired} by the 5 min scale-down stabilisation window`);
    emit('scale', i, `HPA scaled ${id} from ${current} to ${desired} (${why.join('; ')})`, false, {
      target: id,
      replicas: desired,
    });
    return;
  }
  // The trainee scaled since the last decision, and this decision overrides them.
  let lead: string;
  const why: string[] = [];
  if (manual < min && desired === min) {
    lead = `minReplicas ${min}`;
    why.push(measured, `recommends ${recommended}`);
  } else if (manual > max && desired === max) {
    lead = `maxReplicas ${max}`;
    why.push(measured, `recommends ${recommended}`);
  } else {
    lead = measured;
    why.push(`recommends ${recommended}`);
    if (clampedUp) why.push(`raised to minReplicas ${min}`);
    else if (clampedDown) why.push(`capped at maxReplicas ${max}`);
  }
  if (stabilised) why.push(`held at ${desired} by the 5 min scale-down stabilisation window`);
  const from = st.asManualFrom[i]!;
  // Undone: the count is back where it was before the trainee's scale (or beyond it).
  const undone = (manual > from && desired <= from) || (manual < from && desired >= from);
  emit(
    'scale',
    i,
    `HPA ${id}: ${lead} overrides your scale to ${manual} → ${desired} (${why.join(', ')})`,
    false,
    {
      target: id,
      manual,
      replicas: desired,
      undone,
      since: st.asManualSince[i]!,
    },
  );
}
