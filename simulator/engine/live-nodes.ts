/**
 * The live configuration of every node (Simulation.liveNodes): what deploys, rollbacks, scaling,
 * autoscalers and actions changed in the model and state, for the views, which must never show
 * the scenario's initial values once the run has moved on. Built on demand (a few times a second
 * by the worker), not in the tick loop.
 */
import type { Scenario } from '../scenario/schema';
import { AUTOSCALER_METRICS } from '../scenario/schema';
import type { AutoscalerLive, CrashLoopLive, ImageLive, NodeLive, ProbeLive, ProbeState } from './api';
import { CACHE, DATABASE, DNS, LB, QUEUE, SERVICE, type Model } from './compile';
import { imageRef } from './image-pull';
import { PROBE_UNITS, type State } from './state';

function probeState(st: State, i: number): ProbeState {
  if (st.outOfRotation[i] === 1 || (st.unready[i]! > 0 && st.ready[i]! <= 0)) return 'out-of-rotation';
  if (st.probeFailingSince[i]! >= 0 || st.readinessFailing[i]! > 0) return 'failing';
  return 'ok';
}

function slowest(st: State, i: number): number {
  let worst = 0;
  for (let u = 0; u < PROBE_UNITS; u++) worst = Math.max(worst, st.probeSeconds[i * PROBE_UNITS + u]!);
  return worst;
}

function probes(
  model: Model,
  st: State,
  i: number,
): { livenessProbe?: ProbeLive; readinessProbe?: ProbeLive } {
  const out: { livenessProbe?: ProbeLive; readinessProbe?: ProbeLive } = {};
  if (model.livePeriod[i]! > 0)
    out.livenessProbe = {
      periodSeconds: model.livePeriod[i]!,
      timeoutSeconds: model.liveTimeout[i]!,
      failureThreshold: model.liveFailures[i]!,
      successThreshold: 1,
      initialDelaySeconds: model.liveDelay[i]!,
      check: model.liveDeep[i] === 1 ? 'dependencies' : 'self',
      failing: st.livenessFailing[i]!,
      failuresTotal: st.livenessFailures[i]!,
      lastSeconds: slowest(st, i),
    };
  if (model.readyPeriod[i]! > 0)
    out.readinessProbe = {
      periodSeconds: model.readyPeriod[i]!,
      timeoutSeconds: model.readyTimeout[i]!,
      failureThreshold: model.readyFailures[i]!,
      successThreshold: model.readySuccesses[i]!,
      initialDelaySeconds: model.readyDelay[i]!,
      check: model.readyDeep[i] === 1 ? 'dependencies' : 'self',
      failing: st.readinessFailing[i]!,
      failuresTotal: st.readinessFailures[i]!,
      lastSeconds: slowest(st, i),
    };
  return out;
}

function crashLoop(st: State, i: number): { crashLoop?: CrashLoopLive } {
  let crashes = st.crashLevel[i]!;
  for (let u = 0; u < PROBE_UNITS; u++) crashes = Math.max(crashes, st.uCrashLevel[i * PROBE_UNITS + u]!);
  if (crashes <= 0) return {};
  const waiting = st.waiting[i]! > 0 ? { nextStartAt: st.backoffUntil[i]! } : {};
  return { crashLoop: { crashes, backoffSeconds: st.backoffSeconds[i]!, ...waiting } };
}

function autoscalerOf(model: Model, i: number): { autoscaler?: AutoscalerLive } {
  const code = model.asMetric[i]!;
  if (code === 0) return {};
  return {
    autoscaler: {
      metric: AUTOSCALER_METRICS[code - 1]!,
      target: model.asTarget[i]!,
      min: model.asMin[i]!,
      max: model.asMax[i]!,
      syncPeriod: model.asPeriod[i]!,
    },
  };
}

function image(model: Model, st: State, i: number): { image?: ImageLive } {
  const reg = model.registry[i]!;
  if (reg < 0) return {};
  const failed = st.pullFailedAt[i]!;
  return {
    image: {
      ref: imageRef(model, i),
      registry: model.ids[reg]!,
      waiting: st.imageWaiting[i]!,
      ...(Number.isFinite(failed) ? { lastFailedAt: failed } : {}),
    },
  };
}

function liveNode(model: Model, st: State, i: number): NodeLive {
  const id = model.ids[i]!;
  const limit = model.rateLimit[i]!;
  const rateLimit = Number.isFinite(limit) ? { rateLimit: limit } : {};
  const memory = model.memoryLimit[i]!;
  const memoryLimit = Number.isFinite(memory) ? { memoryLimitMb: memory } : {};
  switch (model.kind[i]) {
    case SERVICE:
      return {
        id,
        version: model.versions[i]!,
        replicas: st.desired[i]!,
        ready: st.readyInRotation[i]!,
        starting: st.coldStarting[i]!,
        unready: st.unready[i]!,
        waitingBackoff: st.waiting[i]!,
        restarts: st.restarts[i]!,
        threads: model.concurrency[i]!,
        cpu: model.cpuLimit[i]!,
        ...memoryLimit,
        probe: probeState(st, i),
        ...probes(model, st, i),
        ...crashLoop(st, i),
        ...autoscalerOf(model, i),
        ...image(model, st, i),
        ...rateLimit,
      };
    case DNS:
      return {
        id,
        replicas: st.desired[i]!,
        ready: st.ready[i]!,
        starting: st.coldStarting[i]!,
        waitingBackoff: st.waiting[i]!,
        restarts: st.restarts[i]!,
        ...memoryLimit,
        ...crashLoop(st, i),
      };
    case DATABASE:
      return {
        id,
        maxConnections: model.maxConnections[i]!,
        cpu: model.cpuLimit[i]!,
        readReplicas: model.readReplicas[i]!,
        ...rateLimit,
      };
    case LB:
      return { id, maxConnections: model.maxConnections[i]!, ...rateLimit };
    case CACHE:
    case QUEUE:
      return { id, maxMemoryMb: model.maxMemoryMb[i]! };
    default:
      return { id, ...rateLimit };
  }
}

/** Every node's live state, in the scenario's order. */
export function liveNodes(scenario: Scenario, model: Model, st: State): NodeLive[] {
  return scenario.nodes.map((node) => liveNode(model, st, model.index.get(node.id)!));
}
