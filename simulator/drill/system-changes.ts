/**
 * Changes a drill offers that no incident action can make at run time, because they change the
 * system's shape or a contract: a cache in front of a node, database read replicas, a third-party
 * vendor's higher rate-limit quota. A drill compiles its system afresh for every run (system.ts),
 * so these are applied to the drill's nodes and edges before the engine sees them, and the engine
 * then runs them with its own mechanisms: a cache node's hit ratio and keyspace (misses fall
 * through to the node behind it), a database node's cores and connections, an external node's
 * rate limit. The catalog below is the one list of them (schema, validation, JSON Schema, docs).
 */
import type { ActionCommand } from '../engine/api';
import type { ParamDoc, ParamValue, Target } from '../engine/catalog-types';
import { parseEdgeTarget } from '../engine/actions';
import {
  cacheNode,
  type ActionType,
  type NodeKind,
  type ScenarioEdge,
  type ScenarioNode,
} from '../scenario/schema';

export const SYSTEM_CHANGE_TYPES = ['add-cache', 'add-read-replica', 'raise-quota'] as const;
export type SystemChangeType = (typeof SYSTEM_CHANGE_TYPES)[number];
export type DrillChangeType = ActionType | SystemChangeType;

/** A change as the session keeps it: a catalog action or a system change. */
export interface DrillCommand {
  readonly type: DrillChangeType;
  readonly target: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

export interface SystemChangeDoc {
  readonly type: SystemChangeType;
  readonly summary: string;
  /** Node kinds it may target; 'edge' = "caller->node" (that caller's calls only). */
  readonly appliesTo: readonly Target[];
  readonly params: Readonly<Record<string, ParamDoc>>;
}

const nodeId: ParamDoc = {
  type: 'string',
  description: 'Id of the node the change adds (default: the target id with a suffix).',
};

export const SYSTEM_CHANGE_CATALOG: Readonly<Record<SystemChangeType, SystemChangeDoc>> = {
  'add-cache': {
    type: 'add-cache',
    summary:
      'Puts a cache (Redis, cache-aside) in front of a service or database: its callers (or one caller, with an edge target "caller->node") call the cache, and only the misses reach the node. Priced under cost.caches by the new id.',
    appliesTo: ['service', 'database', 'external', 'edge'],
    params: {
      id: nodeId,
      hitRatio: {
        type: 'number',
        min: 0,
        max: 1,
        default: 0.8,
        description: 'Warm hit ratio: the share of calls answered from the cache.',
      },
      memoryMb: { type: 'number', min: 1, max: 1_000_000, default: 1024, description: 'maxmemory in MB.' },
      workingSetMb: {
        type: 'number',
        min: 0,
        max: 1_000_000,
        default: 300,
        description:
          'Memory the hot keys need; above maxmemory, LRU eviction lowers the hit ratio in proportion.',
      },
      opsCapacity: {
        type: 'number',
        min: 1,
        max: 10_000_000,
        default: 80_000,
        description: 'Operations per second the cache serves.',
      },
    },
  },
  'add-read-replica': {
    type: 'add-read-replica',
    summary:
      "Adds read replicas to a database behind a reader endpoint: readShare of each caller's queries (or of one caller's, with an edge target) go to the replicas. Priced like the primary's class per replica unless cost.databases lists the new id.",
    appliesTo: ['database', 'edge'],
    params: {
      id: nodeId,
      readShare: {
        type: 'number',
        min: 0,
        max: 1,
        required: true,
        description: 'Share of the queries that are reads the application sends to the replicas.',
      },
      replicas: {
        type: 'number',
        min: 1,
        max: 15,
        default: 1,
        description: 'Replicas behind the reader endpoint (RDS allows 15).',
      },
      cores: {
        type: 'number',
        min: 0.5,
        max: 1024,
        description: "Cores of each replica (default: the primary's).",
      },
    },
  },
  'raise-quota': {
    type: 'raise-quota',
    summary:
      "Raises a third-party vendor's rate limit (a support ticket or a contract change: give it a realistic leadTime). Priced by the plans in cost.quotas.",
    appliesTo: ['external'],
    params: {
      rateLimit: {
        type: 'number',
        min: 1,
        max: 10_000_000,
        description: 'Requests per second the new quota allows (default: twice the current).',
      },
    },
  },
};

/** "a service", "an external". */
export function aKind(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

export function isSystemChange(type: string): type is SystemChangeType {
  return (SYSTEM_CHANGE_TYPES as readonly string[]).includes(type);
}

/** The id of the node a change adds, if it adds one. */
export function addedNodeId(command: DrillCommand): string | undefined {
  if (command.type !== 'add-cache' && command.type !== 'add-read-replica') return undefined;
  const id = command.params?.id;
  if (typeof id === 'string' && id) return id;
  const node = parseEdgeTarget(command.target)?.to ?? command.target;
  return `${node}-${command.type === 'add-cache' ? 'cache' : 'replica'}`;
}

export interface System {
  readonly nodes: readonly ScenarioNode[];
  readonly edges: readonly ScenarioEdge[];
}

function num(command: DrillCommand, name: string): number | undefined {
  const v = command.params?.[name];
  return typeof v === 'number' ? v : undefined;
}

/** The edges into `node` the change redirects or splits: every caller's, or the one named. */
function callerEdges(system: System, command: DrillCommand, node: string): Set<ScenarioEdge> {
  const edge = parseEdgeTarget(command.target);
  return new Set(
    system.edges.filter(
      (e) => e.to === node && e.mode === 'sync' && (!edge || (edge.from === e.from && edge.to === e.to)),
    ),
  );
}

const KINDS: Readonly<Record<SystemChangeType, readonly NodeKind[]>> = {
  'add-cache': ['service', 'database', 'external'],
  'add-read-replica': ['database'],
  'raise-quota': ['external'],
};

/**
 * The system with one change applied, or why it cannot be. Pure: the inputs are not modified, and
 * the new nodes get every default of their kind from the scenario schema.
 */
export function applySystemChange(system: System, command: DrillCommand): System | { error: string } {
  const type = command.type as SystemChangeType;
  const edge = parseEdgeTarget(command.target);
  const target = edge?.to ?? command.target;
  const node = system.nodes.find((n) => n.id === target);
  if (!node) return { error: `no node '${target}'` };
  if (!KINDS[type].includes(node.kind))
    return {
      error: `'${target}' is ${aKind(node.kind)}; ${type} applies to ${KINDS[type].join(' or ')} nodes`,
    };
  if (edge && !SYSTEM_CHANGE_CATALOG[type].appliesTo.includes('edge'))
    return { error: `${type} targets a node, not an edge` };
  const id = addedNodeId(command);
  if (id !== undefined && system.nodes.some((n) => n.id === id))
    return { error: `a node '${id}' already exists: name the new one with the "id" parameter` };

  if (type === 'raise-quota') {
    if (node.kind !== 'external' || node.rateLimit === undefined)
      return { error: `'${target}' has no rate limit to raise` };
    const rateLimit = num(command, 'rateLimit') ?? node.rateLimit * 2;
    if (rateLimit <= node.rateLimit)
      return { error: `the quota of '${target}' is already ${node.rateLimit} requests/s` };
    return { ...system, nodes: system.nodes.map((n) => (n === node ? { ...node, rateLimit } : n)) };
  }

  const callers = callerEdges(system, command, target);
  if (callers.size === 0)
    return { error: edge ? `no sync call ${command.target}` : `nothing calls '${target}' synchronously` };

  if (type === 'add-cache') {
    const memoryMb = num(command, 'memoryMb') ?? 1024;
    const cache = cacheNode.parse({
      id,
      label: `${id} (Redis)`,
      kind: 'cache',
      ...(node.group !== undefined ? { group: node.group } : {}),
      ...(node.region !== undefined ? { region: node.region } : {}),
      hitRatio: num(command, 'hitRatio') ?? 0.8,
      maxMemoryMb: memoryMb,
      usedMemoryMb: num(command, 'workingSetMb') ?? Math.min(300, memoryMb),
      opsCapacity: num(command, 'opsCapacity') ?? 80_000,
    });
    // The slowest caller's timeout guards the miss path (the cache waits for the fill).
    const timeout = Math.max(...[...callers].map((e) => e.timeout));
    const first = [...callers][0]!;
    const fill: ScenarioEdge = { ...first, from: cache.id, to: target, callsPerRequest: 1, timeout };
    delete (fill as { pool?: number }).pool;
    return {
      nodes: [...system.nodes, cache],
      edges: [...system.edges.map((e) => (callers.has(e) ? { ...e, to: cache.id } : e)), fill],
    };
  }

  // add-read-replica
  if (node.kind !== 'database') return { error: `'${target}' is not a database` };
  const share = num(command, 'readShare') ?? 0;
  const replicas = num(command, 'replicas') ?? 1;
  const cores = num(command, 'cores') ?? node.cpuCores;
  const reader: ScenarioNode = {
    ...node,
    id: id!,
    label: `${id} (${replicas} read replica${replicas === 1 ? '' : 's'})`,
    cpuCores: cores * replicas,
    maxConnections: node.maxConnections * replicas,
  };
  const edges: ScenarioEdge[] = [];
  for (const e of system.edges) {
    if (!callers.has(e)) {
      edges.push(e);
      continue;
    }
    edges.push({ ...e, callsPerRequest: e.callsPerRequest * (1 - share) });
    edges.push({ ...e, to: reader.id, callsPerRequest: e.callsPerRequest * share });
  }
  return { nodes: [...system.nodes, reader], edges };
}

/** Splits a list of changes into the catalog actions and the system changes, keeping their order. */
export function splitChanges(changes: readonly DrillCommand[]): {
  actions: ActionCommand[];
  system: DrillCommand[];
} {
  const actions: ActionCommand[] = [];
  const system: DrillCommand[] = [];
  for (const c of changes) {
    if (isSystemChange(c.type)) system.push(c);
    else actions.push(c as ActionCommand);
  }
  return { actions, system };
}
