/**
 * Liveness and readiness probes (a service's livenessProbe / readinessProbe) and partial health.
 *
 * The kubelet probes every replica on its own schedule. The engine does not keep replicas one by
 * one: a service's running replicas form PROBE_UNITS units, each with its own probe schedule and
 * counters. Units 0..COHORTS-1 split the ordinary replicas evenly, with their first probes spread
 * over one period (pods started at different moments probe at different phases); unit ODD_UNIT
 * holds the replicas a replica-scoped fault hits (replica-mix.ts), which answer at their own speed.
 * A probe waits in its unit's queue like any request, so its response time is the unit's mean
 * wait plus the own service time (capacity pass of the last tick); a replica out of rotation gets
 * no traffic, so it answers in its service time.
 *
 * Readiness: failureThreshold failures in a row take the unit's replicas out of rotation (ready ->
 * unready; the capacity pass then serves with the others), successThreshold successes bring them
 * back. Liveness: failureThreshold failures restart the unit's containers (lifecycle.ts
 * killReplicas, with CrashLoopBackOff). Probes run only at their period, not every tick.
 */
import { type Model } from './compile';
import { killReplicas, type Emit } from './lifecycle';
import { COHORTS, PROBE_UNITS, type State } from './state';

/** The unit of the replicas a replica-scoped fault hits. */
export const ODD_UNIT = COHORTS;

/** A probe nothing answers (hung replica, full queue): the kubelet's timeout fires. */
const NO_ANSWER = Infinity;

/** 1 when node i has a liveness or readiness probe of its own (not the fixed deep health check). */
export function hasProbes(model: Model, i: number): boolean {
  return model.livePeriod[i]! > 0 || model.readyPeriod[i]! > 0;
}

/** Replicas unit u of node i holds now (0 while its containers restart). */
export function unitReplicas(st: State, i: number, u: number): number {
  const base = i * PROBE_UNITS;
  if (st.uDown[base + u] === 1) return 0;
  if (st.uOut[base + u] === 1) return st.uOutCount[base + u]!;
  // In rotation: the unit's share of the replicas in rotation.
  const oddIn = st.uDown[base + ODD_UNIT] === 0 && st.uOut[base + ODD_UNIT] === 0;
  const odd = oddIn ? Math.min(st.fOddWant[i]!, st.ready[i]!) : 0;
  if (u === ODD_UNIT) return odd;
  let alive = 0;
  let before = 0;
  for (let c = 0; c < COHORTS; c++) {
    if (st.uDown[base + c] === 1 || st.uOut[base + c] === 1) continue;
    if (c < u) before++;
    alive++;
  }
  // Whole replicas: the first cohorts take the remainder.
  const normal = st.ready[i]! - odd;
  const each = Math.floor(normal / alive);
  return each + (before < normal - each * alive ? 1 : 0);
}

/** Keeps the capacity pass's odd replicas (fOddCount) to those serving: none while their unit is out. */
export function syncOdd(st: State, i: number): void {
  const base = i * PROBE_UNITS;
  const off = st.uDown[base + ODD_UNIT] === 1 || st.uOut[base + ODD_UNIT] === 1;
  st.fOddCount[i] = off ? 0 : st.fOddWant[i]!;
}

/** The response time of a probe to unit u: wait in its queue + own service time (seconds). */
export function probeSeconds(model: Model, st: State, i: number, u: number): number {
  const faulted = st.faulted[i] !== 0;
  if (faulted && st.fOutage[i] === 2) return NO_ANSWER; // hung: nothing answers
  const odd = u === ODD_UNIT;
  let own = model.serviceTime[i]! * st.stretch[i]!;
  if (faulted) own = own * st.fLatFactor[i]! + st.fLatAdd[i]!;
  if (odd) own = own * st.fOddLat[i]! + st.fOddAdd[i]!;
  if (st.uOut[i * PROBE_UNITS + u] === 1) return own; // no traffic: no queue
  const waiting = odd ? st.oBacklog[i]! : st.backlog[i]!;
  if (!(waiting > 0)) return own;
  const busy = odd ? st.oBusy[i]! : st.qBusy[i]!;
  const hold = odd ? st.oHold[i]! : st.hold[i]!;
  const blocked = odd ? st.oPBlock[i]! : st.pBlock[i]!;
  if (blocked > 0.5 || !(busy > 0)) return NO_ANSWER;
  return own + (waiting * hold) / busy; // Little: waiting / throughput
}

/** A deep check's dependency fails: it fails most calls or its median exceeds the probe timeout. */
function dependencyFails(model: Model, st: State, i: number, timeout: number): boolean {
  for (let e = model.outStart[i]!, end = model.outStart[i + 1]!; e < end; e++) {
    if (model.healthProbe[e] !== 1) continue;
    const j = model.to[e]!;
    // The probe's own call fails even when no traffic reaches the callee (failShare then reads 0).
    if (st.faulted[j] !== 0 && st.fOutage[j] !== 0) return true;
    if (st.failShare[j]! > 0.5 || st.p50[j]! > timeout) return true;
  }
  return false;
}

const LIVE = 0;
const READY = 1;

/** Probes of every service with probes whose time has come (lifecycle pass). */
export function probePass(model: Model, st: State, lo: number, hi: number, t: number, emit: Emit): void {
  for (let i = lo; i < hi; i++) {
    if (!hasProbes(model, i)) continue;
    const base = i * PROBE_UNITS;
    for (let u = 0; u < PROBE_UNITS; u++) {
      if (st.uDown[base + u] === 1) continue;
      if (model.readyPeriod[i]! > 0 && t >= st.uReadyNext[base + u]!) {
        st.uReadyNext[base + u] = nextProbe(st.uReadyNext[base + u]!, model.readyPeriod[i]!, t);
        readinessProbe(model, st, i, u, t, emit);
      }
      if (model.livePeriod[i]! > 0 && t >= st.uLiveNext[base + u]!) {
        st.uLiveNext[base + u] = nextProbe(st.uLiveNext[base + u]!, model.livePeriod[i]!, t);
        livenessProbe(model, st, i, u, t, emit);
      }
    }
    for (let u = 0; u < PROBE_UNITS; u++) {
      const k = base + u;
      if (st.uCrashLevel[k]! > 0 && t >= st.uCrashResetAt[k]!) {
        st.uCrashLevel[k] = 0;
        st.uCrashResetAt[k] = Infinity;
      }
    }
    let live = 0;
    let ready = 0;
    for (let u = 0; u < PROBE_UNITS; u++) {
      const k = base + u;
      if (st.uLiveFails[k]! > 0) live += unitReplicas(st, i, u);
      if (st.uReadyFails[k]! > 0 || st.uOut[k] === 1) ready += unitReplicas(st, i, u);
    }
    st.livenessFailing[i] = live;
    st.readinessFailing[i] = ready;
  }
}

function nextProbe(due: number, period: number, t: number): number {
  let next = due + period;
  if (next <= t) next = t + period; // a tick longer than the period: one probe per tick
  return next;
}

function fails(model: Model, st: State, i: number, u: number, which: number): boolean {
  const timeout = which === LIVE ? model.liveTimeout[i]! : model.readyTimeout[i]!;
  const deep = which === LIVE ? model.liveDeep[i]! : model.readyDeep[i]!;
  const seconds = probeSeconds(model, st, i, u);
  st.probeSeconds[i * PROBE_UNITS + u] = seconds;
  return seconds > timeout || (deep === 1 && dependencyFails(model, st, i, timeout));
}

function readinessProbe(model: Model, st: State, i: number, u: number, t: number, emit: Emit): void {
  const k = i * PROBE_UNITS + u;
  const replicas = unitReplicas(st, i, u);
  if (replicas <= 0) {
    st.uReadyFails[k] = 0;
    return;
  }
  if (fails(model, st, i, u, READY)) {
    st.readinessFailures[i]! += replicas;
    st.uReadyOks[k] = 0;
    st.uReadyFails[k]! += 1;
    if (st.uOut[k] === 0 && st.uReadyFails[k]! >= model.readyFailures[i]!) {
      st.uOut[k] = 1;
      st.uOutCount[k] = replicas;
      st.ready[i]! -= replicas;
      st.unready[i]! += replicas;
      if (u === ODD_UNIT) syncOdd(st, i);
      emit(
        'readiness',
        i,
        `${model.ids[i]}: Readiness probe failed: ${failText(model, st, i, u, READY)}; ${replicas} replica(s) removed from rotation, ${st.ready[i]} still in rotation`,
        false,
        { reason: 'Unhealthy', probe: 'readiness', replicas, inRotation: st.ready[i]! },
      );
    }
    return;
  }
  st.uReadyFails[k] = 0;
  if (st.uOut[k] === 0) return;
  st.uReadyOks[k]! += 1;
  if (st.uReadyOks[k]! < model.readySuccesses[i]!) return;
  returnToRotation(st, i, u);
  emit(
    'readiness',
    i,
    `${model.ids[i]}: readiness probe passes again: ${replicas} replica(s) back in rotation`,
    false,
    { reason: 'Ready', probe: 'readiness', replicas, inRotation: st.ready[i]! },
  );
}

/** Puts unit u's replicas back into rotation. */
function returnToRotation(st: State, i: number, u: number): void {
  const k = i * PROBE_UNITS + u;
  const back = Math.min(st.uOutCount[k]!, st.unready[i]!);
  st.ready[i]! += back;
  st.unready[i]! -= back;
  st.uOut[k] = 0;
  st.uOutCount[k] = 0;
  st.uReadyOks[k] = 0;
  st.uReadyFails[k] = 0;
  if (u === ODD_UNIT) syncOdd(st, i);
}

/** Every unit of node i back in rotation (before a kill or scale-down takes running replicas). */
export function allToRotation(st: State, i: number): void {
  if (st.unready[i]! <= 0) return;
  for (let u = 0; u < PROBE_UNITS; u++) if (st.uOut[i * PROBE_UNITS + u] === 1) returnToRotation(st, i, u);
  st.ready[i]! += st.unready[i]!; // anything left over (rounding) too
  st.unready[i] = 0;
}

function livenessProbe(model: Model, st: State, i: number, u: number, t: number, emit: Emit): void {
  const k = i * PROBE_UNITS + u;
  const replicas = unitReplicas(st, i, u);
  if (replicas <= 0 || !fails(model, st, i, u, LIVE)) {
    st.uLiveFails[k] = 0;
    return;
  }
  st.livenessFailures[i]! += replicas;
  st.uLiveFails[k]! += 1;
  if (st.uLiveFails[k]! < model.liveFailures[i]!) return;
  const why = failText(model, st, i, u, LIVE);
  if (st.uOut[k] === 1) returnToRotation(st, i, u); // the kill takes them from the ready count
  const killed = killReplicas(model, st, i, replicas, t, true, u);
  emit(
    'restart',
    i,
    `${model.ids[i]}: Liveness probe failed: ${why}; container failed liveness probe, will be restarted (${killed} replica(s))`,
    false,
    { reason: 'Liveness probe failed', probe: 'liveness', replicas: killed },
  );
}

/** What a failed probe reports, in kubelet's words. */
function failText(model: Model, st: State, i: number, u: number, which: number): string {
  const timeout = which === LIVE ? model.liveTimeout[i]! : model.readyTimeout[i]!;
  const seconds = st.probeSeconds[i * PROBE_UNITS + u]!;
  if (seconds > timeout) return `timeout after ${timeout}s`;
  return 'dependency check failed (HTTP probe failed with statuscode: 503)';
}

/** A probe as the set-probe action leaves it (period 0: removed). */
export interface ProbeSpec {
  readonly period: number;
  readonly timeout: number;
  readonly failures: number;
  readonly successes: number;
  readonly delay: number;
  /** 1: check "dependencies". */
  readonly deep: number;
}

type Which = 'liveness' | 'readiness';

/** The probe set-probe asks for: the given fields over the current ones (Kubernetes' defaults if none). */
export function probeSpec(
  model: Model,
  i: number,
  which: Which,
  params: Readonly<Record<string, string | number | boolean>>,
): ProbeSpec {
  const live = which === 'liveness';
  const has = (live ? model.livePeriod[i]! : model.readyPeriod[i]!) > 0;
  const pick = (name: string, current: number, fallback: number) =>
    typeof params[name] === 'number' ? (params[name] as number) : has ? current : fallback;
  const current = live ? model.liveDeep[i]! : model.readyDeep[i]!;
  const deep = params.check === 'dependencies' ? 1 : params.check === 'self' ? 0 : current;
  if (params.enabled === false) return { period: 0, timeout: 0, failures: 0, successes: 0, delay: 0, deep };
  return {
    period: pick('periodSeconds', live ? model.livePeriod[i]! : model.readyPeriod[i]!, 10),
    timeout: pick('timeoutSeconds', live ? model.liveTimeout[i]! : model.readyTimeout[i]!, 1),
    failures: pick('failureThreshold', live ? model.liveFailures[i]! : model.readyFailures[i]!, 3),
    successes: live ? 1 : pick('successThreshold', model.readySuccesses[i]!, 1),
    delay: pick('initialDelaySeconds', live ? model.liveDelay[i]! : model.readyDelay[i]!, 0),
    deep,
  };
}

export function describeProbe(which: Which, s: ProbeSpec): string {
  if (s.period === 0) return `no ${which} probe`;
  const success = which === 'readiness' ? ` #success=${s.successes}` : '';
  const check = s.deep === 1 ? ' (checks its dependencies)' : '';
  return `${which} probe delay=${s.delay}s timeout=${s.timeout}s period=${s.period}s #failure=${s.failures}${success}${check}`;
}

/**
 * The rollout of a new probe spec is done: every pod is new, so probe counters and back-offs start
 * over and every replica is back in rotation until its new probe says otherwise.
 */
export function applyProbe(model: Model, st: State, i: number, which: Which, s: ProbeSpec): void {
  if (which === 'liveness') {
    model.livePeriod[i] = s.period;
    model.liveTimeout[i] = s.timeout;
    model.liveFailures[i] = s.failures;
    model.liveDelay[i] = s.delay;
    model.liveDeep[i] = s.deep;
  } else {
    model.readyPeriod[i] = s.period;
    model.readyTimeout[i] = s.timeout;
    model.readyFailures[i] = s.failures;
    model.readySuccesses[i] = s.successes;
    model.readyDelay[i] = s.delay;
    model.readyDeep[i] = s.deep;
  }
  allToRotation(st, i);
  if (which === 'readiness' && s.period > 0) {
    // The fixed deep health check (lifecycle.ts) hands over to the new probe.
    st.outOfRotation[i] = 0;
    st.probeFailingSince[i] = -1;
    st.probeOkSince[i] = -1;
  }
  st.crashLevel[i] = 0;
  st.crashResetAt[i] = Infinity;
  for (let u = 0; u < PROBE_UNITS; u++) {
    const k = i * PROBE_UNITS + u;
    st.uLiveFails[k] = 0;
    st.uReadyFails[k] = 0;
    st.uReadyOks[k] = 0;
    st.uCrashLevel[k] = 0;
    st.uCrashResetAt[k] = Infinity;
  }
}
