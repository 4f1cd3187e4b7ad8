/**
 * The fault catalog: every FAULT_TYPE, the node kinds it applies to and its parameters.
 * The scenario validator and docs/authoring-scenarios.md are built from this table; the engine's
 * fault effects (fault-effects.ts) read the same defaults, so the docs cannot drift from behaviour.
 *
 * | type                | target            | params (default)                                                  |
 * |---------------------|-------------------|-------------------------------------------------------------------|
 * | latency             | service, database, cache, external, loadbalancer, dns | factor (10) x service time, add (0 s), replicas (all; services) |
 * | error-rate          | service, database, cache, external | rate (0.5) extra failure probability, replicas (all; services) |
 * | crash               | service, dns      | replicas (all), loop (false: K8s restarts them after coldStart)   |
 * | bad-deploy          | service           | version ("<v>-bad"), errorRate (0.3), latencyFactor (1), cpuFactor (1), leakMbPerMinute (0) |
 * | slow-queries        | database          | count (10), cpuPerQuery (0.5 cores), respawn (0 s = never)        |
 * | traffic-spike       | client            | factor (3) x the client's rate                                    |
 * | consumer-slowdown   | service, queue    | factor (5) x consumer service time (queue: all its consumers)     |
 * | dns-flood           | dns               | qps (20000) extra queries, source (node id of the noisy workload) |
 * | memory-leak         | service, cache, dns | mbPerMinute (20)                                                |
 * | network-degradation | edge "from->to"   | latency (0.2 s added per call), loss (0.05 per call)              |
 * | dependency-outage   | external, service, database, cache, dns | mode ("errors" or "timeouts")               |
 * | sidecar-overhead    | service           | cpuPerRequest (0.005 s), latency (0.005 s) added by the proxy     |
 * | poison-payload      | service           | share (0.02) of requests always fail, mode ("errors" or "timeouts"), seconds (30) |
 * | debug-logging       | service, database (with a disk) | kbPerRequest (10) of debug log per request          |
 * | disk-fill           | service, database (with a disk) | mbPerMinute (500) of runaway temp files             |
 * | replication-slot    | database (with a disk) | slot (analytics_slot), retainedGb (0): every write's WAL is retained |
 * | cache-flush         | cache             | share (1) of the keys lost at once; the cache warms up again      |
 * | region-outage       | a node with a region | every node of that region: mode ("down", "timeouts" or "degraded": errorRate (0.3), latencyFactor (3)) |
 */
import type { ActionType, FaultType } from '../scenario/schema';
import type { ParamDoc, Target } from './catalog-types';

export interface FaultDoc {
  readonly type: FaultType;
  readonly summary: string;
  readonly appliesTo: readonly Target[];
  readonly params: Readonly<Record<string, ParamDoc>>;
  /** Trainee actions (on the fault's target unless noted) that end the fault before its duration. */
  readonly clearedBy: readonly ActionType[];
  /** 'disk': only on a node with a `disk` (disk-model.ts); 'region': only on a node with a `region`. */
  readonly requires?: 'disk' | 'region';
}

export const FAULT_CATALOG: Readonly<Record<FaultType, FaultDoc>> = {
  latency: {
    type: 'latency',
    summary: "Multiplies the node's own service time (and/or adds seconds): a slow dependency.",
    appliesTo: ['service', 'database', 'cache', 'external', 'loadbalancer', 'dns'],
    params: {
      factor: { type: 'number', default: 10, min: 1, description: 'Multiplier on the own service time.' },
      add: { type: 'number', default: 0, min: 0, description: 'Seconds added to every request.' },
      replicas: {
        type: 'number',
        min: 1,
        description:
          'Services: how many replicas are slow (default: all). The others keep their speed; each group queues on its own and latency is the mixture, so with 1 of 4 slow about a quarter of requests are slow (random, round-robin) and p99 moves before p50. Least-request sends the slow replicas less.',
      },
    },
    clearedBy: [],
  },
  'error-rate': {
    type: 'error-rate',
    summary: 'Adds a failure probability to every request the node handles.',
    appliesTo: ['service', 'database', 'cache', 'external'],
    params: {
      rate: { type: 'number', default: 0.5, min: 0, max: 1, description: 'Extra failure probability.' },
      replicas: {
        type: 'number',
        min: 1,
        description:
          'Services: how many replicas fail (default: all); requests they take fail at the rate. With latency faults on replicas, the odd replicas are the same ones (the larger count).',
      },
    },
    clearedBy: [],
  },
  crash: {
    type: 'crash',
    summary:
      'Replicas die. Kubernetes restarts them after the cold start; with loop they keep crashing, and each restart waits out CrashLoopBackOff (10 s doubling to 5 min).',
    appliesTo: ['service', 'dns'],
    params: {
      replicas: {
        type: 'number',
        min: 1,
        description: 'How many replicas crash (default: all ready replicas).',
      },
      loop: {
        type: 'boolean',
        default: false,
        description:
          'Crash-loop: the replicas stay down while the fault lasts (until its duration ends or a rollback).',
      },
    },
    clearedBy: ['rollback'],
  },
  'bad-deploy': {
    type: 'bad-deploy',
    summary:
      'A release goes out (a visible deploy marker) that fails requests, is slower, burns CPU or leaks memory.',
    appliesTo: ['service'],
    params: {
      version: { type: 'string', description: 'Version deployed (default: current version + "-bad").' },
      errorRate: {
        type: 'number',
        default: 0.3,
        min: 0,
        max: 1,
        description: 'Failure probability it adds.',
      },
      latencyFactor: {
        type: 'number',
        default: 1,
        min: 1,
        description: 'Multiplier on the own service time.',
      },
      cpuFactor: { type: 'number', default: 1, min: 1, description: 'Multiplier on CPU per request.' },
      leakMbPerMinute: {
        type: 'number',
        default: 0,
        min: 0,
        description: 'Memory it leaks per replica per minute.',
      },
    },
    clearedBy: ['rollback'],
  },
  'slow-queries': {
    type: 'slow-queries',
    summary: 'Long-running queries hold connections and CPU for as long as they run.',
    appliesTo: ['database'],
    params: {
      count: { type: 'number', default: 10, min: 1, description: 'Concurrent long queries.' },
      cpuPerQuery: { type: 'number', default: 0.5, min: 0, description: 'CPU cores each long query burns.' },
      respawn: {
        type: 'number',
        default: 0,
        min: 0,
        description: 'Seconds after kill-queries until the job issues them again (0 = never).',
      },
    },
    clearedBy: ['kill-queries', 'failover'],
  },
  'traffic-spike': {
    type: 'traffic-spike',
    summary: "Multiplies a client's request rate.",
    appliesTo: ['client'],
    params: { factor: { type: 'number', default: 3, min: 0, description: 'Multiplier on the rate.' } },
    clearedBy: ['stop-workload'],
  },
  'consumer-slowdown': {
    type: 'consumer-slowdown',
    summary: 'Consumers process each message more slowly (on a queue: all of its consumers).',
    appliesTo: ['service', 'queue'],
    params: {
      factor: { type: 'number', default: 5, min: 1, description: 'Multiplier on consumer service time.' },
    },
    clearedBy: ['rollback'],
  },
  'dns-flood': {
    type: 'dns-flood',
    summary: 'A noisy workload floods the resolver with extra queries per second.',
    appliesTo: ['dns'],
    params: {
      qps: { type: 'number', default: 20000, min: 0, description: 'Extra queries per second.' },
      source: {
        type: 'string',
        description: 'Node id of the noisy workload; stop-workload on it ends the flood.',
      },
    },
    clearedBy: ['stop-workload'],
  },
  'memory-leak': {
    type: 'memory-leak',
    summary: 'Memory grows steadily; a service or dns replica is OOM-killed at its limit, a cache fills.',
    appliesTo: ['service', 'cache', 'dns'],
    params: {
      mbPerMinute: { type: 'number', default: 20, min: 0, description: 'Growth per replica per minute.' },
    },
    clearedBy: ['rollback'],
  },
  'network-degradation': {
    type: 'network-degradation',
    summary: 'Packet loss and latency on one edge (target "from->to").',
    appliesTo: ['edge'],
    params: {
      latency: { type: 'number', default: 0.2, min: 0, description: 'Seconds added to each call.' },
      loss: { type: 'number', default: 0.05, min: 0, max: 1, description: 'Share of calls that fail.' },
    },
    clearedBy: [],
  },
  'dependency-outage': {
    type: 'dependency-outage',
    summary: 'The node stops answering: fast errors, or hangs until callers time out.',
    appliesTo: ['external', 'service', 'database', 'cache', 'dns'],
    params: {
      mode: {
        type: 'string',
        default: 'errors',
        oneOf: ['errors', 'timeouts'],
        description: '"errors" fails fast; "timeouts" hangs every call until the caller gives up.',
      },
    },
    clearedBy: ['failover'],
  },
  'sidecar-overhead': {
    type: 'sidecar-overhead',
    summary: 'The service-mesh proxy burns extra CPU and adds latency per request.',
    appliesTo: ['service'],
    params: {
      cpuPerRequest: {
        type: 'number',
        default: 0.005,
        min: 0,
        description: 'Extra CPU seconds per request.',
      },
      latency: { type: 'number', default: 0.005, min: 0, description: 'Extra seconds per request.' },
    },
    clearedBy: ['remove-sidecar'],
  },
  'poison-payload': {
    type: 'poison-payload',
    summary:
      'A share of the requests carry a payload the service can never handle (a malformed record, a query that loops): every attempt fails, so callers retry each of them to the limit, and a restart does not help because the clients keep sending them. block-payload rejects them at the door.',
    appliesTo: ['service'],
    params: {
      share: {
        type: 'number',
        default: 0.02,
        min: 0,
        max: 1,
        description: 'Share of the requests sent to the service that carry the payload.',
      },
      mode: {
        type: 'string',
        default: 'errors',
        oneOf: ['errors', 'timeouts'],
        description:
          '"errors": the handler throws after its normal service time; "timeouts": it runs for `seconds`, holding a thread, then fails (callers time out first).',
      },
      seconds: {
        type: 'number',
        default: 30,
        min: 0,
        max: 3600,
        description: 'How long a poison request holds a thread in "timeouts" mode.',
      },
    },
    clearedBy: [],
  },
  'cache-flush': {
    type: 'cache-flush',
    summary:
      'The cache loses keys at once (a deploy that flushed it, a restart, a scale-out that remapped keys): the reads miss and go to the backing store until the keys are fetched again; keys filled together expire together one TTL later.',
    appliesTo: ['cache'],
    params: {
      share: {
        type: 'number',
        default: 1,
        min: 0,
        max: 1,
        description:
          'Share of the keys lost: 1 = FLUSHALL or a restart; 1 - old/new shards for a consistent-hash scale-out.',
      },
    },
    clearedBy: [],
  },
  'region-outage': {
    type: 'region-outage',
    summary:
      "Takes the target's whole region (or zone: every node with the same `region`) down or degrades it, as a cloud region's outage does: its balancers, services, databases, caches and resolvers fail together. A traffic router in front sees its targets there fail their health checks.",
    appliesTo: ['loadbalancer', 'service', 'database', 'cache', 'external', 'dns'],
    requires: 'region',
    params: {
      mode: {
        type: 'string',
        default: 'down',
        oneOf: ['down', 'timeouts', 'degraded'],
        description:
          '"down": every node there fails fast; "timeouts": they hang until callers time out (a network partition); "degraded": they keep serving with errorRate more failures and latencyFactor times slower.',
      },
      errorRate: {
        type: 'number',
        default: 0.3,
        min: 0,
        max: 1,
        description: '"degraded": extra failure probability of every request in the region.',
      },
      latencyFactor: {
        type: 'number',
        default: 3,
        min: 1,
        description: '"degraded": multiplier on the own service time of every node in the region.',
      },
    },
    clearedBy: [],
  },
  'debug-logging': {
    type: 'debug-logging',
    requires: 'disk',
    summary:
      'The log level is set to debug: every request writes debug lines to the volume, so it fills with the traffic (a node with a disk).',
    appliesTo: ['service', 'database'],
    params: {
      kbPerRequest: {
        type: 'number',
        default: 10,
        min: 0,
        description: 'Debug log written per request handled, in KB (on top of the normal logs).',
      },
    },
    clearedBy: ['set-log-level', 'rollback'],
  },
  'disk-fill': {
    type: 'disk-fill',
    requires: 'disk',
    summary:
      'A runaway writer (temp files of a query that sorts on disk, a stuck export) fills the volume at a steady rate; its files go when it ends (a node with a disk).',
    appliesTo: ['service', 'database'],
    params: {
      mbPerMinute: { type: 'number', default: 500, min: 0, description: 'Space it takes per minute, in MB.' },
    },
    clearedBy: ['kill-queries', 'restart', 'rollback'],
  },
  'replication-slot': {
    type: 'replication-slot',
    requires: 'disk',
    summary:
      'An inactive replication slot (a replica or CDC consumer that went away) retains the WAL of every write: the volume fills with the write rate (a database with a disk).',
    appliesTo: ['database'],
    params: {
      slot: {
        type: 'string',
        default: 'analytics_slot',
        description: 'Name of the slot (pg_replication_slots).',
      },
      retainedGb: {
        type: 'number',
        default: 0,
        min: 0,
        max: 65_536,
        description:
          'WAL the slot already retains when the fault starts (a slot inactive for days), in GB; at most the free space.',
      },
    },
    clearedBy: ['drop-replication-slot'],
  },
};

/** Resolved numeric parameter: given value, else the catalog default, else `fallback`. */
export function faultParam(
  type: FaultType,
  params: Readonly<Record<string, number | string | boolean>> | undefined,
  name: string,
  fallback = 0,
): number {
  const value = params?.[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const def = FAULT_CATALOG[type].params[name]?.default;
  if (typeof def === 'number') return def;
  if (typeof def === 'boolean') return def ? 1 : 0;
  return fallback;
}
