/**
 * The live configuration of every node (Simulation.liveNodes): what deploys, rollbacks, scaling,
 * autoscalers and actions changed in the model and state, for the views, which must never show
 * the scenario's initial values once the run has moved on. Built on demand (a few times a second
 * by the worker), not in the tick loop.
 */
import type { Scenario } from '../scenario/schema';
import type { NodeLive, ProbeState } from './api';
import { CACHE, DATABASE, DNS, LB, QUEUE, SERVICE, type Model } from './compile';
import type { State } from './state';

function probeState(st: State, i: number): ProbeState {
  if (st.outOfRotation[i] === 1) return 'out-of-rotation';
  return st.probeFailingSince[i]! >= 0 ? 'failing' : 'ok';
}

function liveNode(model: Model, st: State, i: number): NodeLive {
  const id = model.ids[i]!;
  const limit = model.rateLimit[i]!;
  const rateLimit = Number.isFinite(limit) ? { rateLimit: limit } : {};
  switch (model.kind[i]) {
    case SERVICE:
      return {
        id,
        version: model.versions[i]!,
        replicas: st.desired[i]!,
        ready: st.readyInRotation[i]!,
        starting: st.starting[i]!,
        threads: model.concurrency[i]!,
        cpu: model.cpuLimit[i]!,
        probe: probeState(st, i),
        ...rateLimit,
      };
    case DNS:
      return { id, replicas: st.desired[i]!, ready: st.ready[i]!, starting: st.starting[i]! };
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
