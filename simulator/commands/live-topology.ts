/**
 * The system as it stands now, for the commands' starting values: the scenario's nodes with what
 * the run changed laid over them from the engine's live nodes (Simulation.liveNodes: replicas
 * after a scale, limits after a raise, the HPA as patched or deleted, the version after a
 * rollback). commandEntries() reads a topology's values, so the palette, the node panel and
 * completion propose `--replicas=6` after a scale to 6, not the scenario's 4.
 *
 * Built a few times a second from each snapshot: the same object comes back while nothing it
 * reads changed (commandEntries() caches its list per object), and the scenario itself before
 * the first snapshot.
 */
import type { NodeLive } from '../engine/api';
import type { Scenario, ScenarioNode } from '../scenario/schema';
import type { CommandTopology } from './syntax';

/** The scenario node with the live values a command's defaults read. */
function overlay(node: ScenarioNode, live: NodeLive | undefined): ScenarioNode {
  if (!live) return node;
  switch (node.kind) {
    case 'service': {
      const { autoscaler: _was, ...rest } = node;
      const hpa = live.autoscaler;
      return {
        ...rest,
        replicas: live.replicas ?? node.replicas,
        cpuLimit: live.cpu ?? node.cpuLimit,
        concurrency: live.threads ?? node.concurrency,
        version: live.version ?? node.version,
        ...(live.memoryLimitMb !== undefined ? { memoryLimitMb: live.memoryLimitMb } : {}),
        ...(live.image ? { imageRegistry: live.image.registry } : {}),
        // The HPA as it is now: patched bounds, created by `kubectl autoscale`, or deleted.
        ...(hpa ? { autoscaler: { ...node.autoscaler, ...hpa } } : {}),
      } as ScenarioNode;
    }
    case 'dns':
      return {
        ...node,
        replicas: live.replicas ?? node.replicas,
        memoryLimitMb: live.memoryLimitMb ?? node.memoryLimitMb,
      };
    case 'database':
      return {
        ...node,
        maxConnections: live.maxConnections ?? node.maxConnections,
        cpuCores: live.cpu ?? node.cpuCores,
        readReplicas: live.readReplicas ?? node.readReplicas,
      };
    case 'loadbalancer':
      return { ...node, maxConnections: live.maxConnections ?? node.maxConnections };
    case 'cache':
    case 'queue':
      return { ...node, maxMemoryMb: live.maxMemoryMb ?? node.maxMemoryMb };
    default:
      return node;
  }
}

/** What overlay() reads of a live node, as a string: equal strings give the same topology. */
function liveKey(live: readonly NodeLive[]): string {
  return JSON.stringify(
    live.map((n) => [
      n.replicas,
      n.cpu,
      n.threads,
      n.version,
      n.memoryLimitMb,
      n.image?.registry,
      n.autoscaler,
      n.maxConnections,
      n.readReplicas,
      n.maxMemoryMb,
    ]),
  );
}

const lastBuilt = new WeakMap<Scenario, { key: string; topo: CommandTopology }>();

/**
 * The scenario's topology with the live nodes' values (same order and ids as the scenario's
 * nodes; unknown ids are ignored). With no live nodes yet, the scenario itself.
 */
export function liveTopology(scenario: Scenario, live: readonly NodeLive[]): CommandTopology {
  if (live.length === 0) return scenario;
  const key = liveKey(live);
  const last = lastBuilt.get(scenario);
  if (last && last.key === key) return last.topo;
  const byId = new Map(live.map((n) => [n.id, n]));
  const topo: CommandTopology = {
    nodes: scenario.nodes.map((n) => overlay(n, byId.get(n.id))),
    edges: scenario.edges,
  };
  lastBuilt.set(scenario, { key, topo });
  return topo;
}
