/**
 * The action catalog: every ACTION_TYPE a trainee can take, what it targets, its realistic default
 * delay and its parameters. The console, the validator and the docs read this table; the engine
 * (action-effects.ts) uses the same defaults.
 *
 * | type             | target                    | delay | params                                     | effect                                   |
 * |------------------|---------------------------|-------|--------------------------------------------|------------------------------------------|
 * | scale            | service                   | 0 s   | replicas (absolute) or by (+/- delta)      | new replicas ready after coldStart; an HPA may override it at its next sync |
 * | set-autoscaler-bounds | service (autoscaled) | 0 s   | min, max, target, metric (at least one)    | patches the HPA (or creates one after a delete); applies at its next sync |
 * | delete-autoscaler | service (autoscaled)     | 0 s   | -                                          | kubectl delete hpa: the count stays where it is |
 * | restart          | service, dns, cache       | 0 s   | -                                          | all replicas down, back after coldStart; clears leaked memory; a cache comes back empty |
 * | rollback         | service                   | 0 s   | version                                    | rolling restart to the previous version, done after coldStart; ends bad-deploy, crash loop, consumer-slowdown, memory-leak |
 * | kill-queries     | database                  | 0 s   | -                                          | long-running queries terminated now      |
 * | failover         | database                  | 30 s  | -                                          | errors during the switch, then a fresh primary (no slow queries) |
 * | purge-queue      | queue                     | 0 s   | -                                          | backlog dropped (messages lost)          |
 * | expand-queue     | queue                     | 10 s  | memoryMb (default x2)                      | raises maxmemory                         |
 * | set-timeout      | edge                      | 30 s  | seconds                                    | caller's timeout on that call            |
 * | set-retries      | edge                      | 30 s  | retries                                    | caller's retries on that call            |
 * | set-retry-budget | edge                      | 30 s  | budget                                     | retries at most that share of the calls (a retry budget) |
 * | set-pool-size    | edge, service, database   | 30 s  | size                                       | edge: connections per caller replica; service: threads per replica; database: max connections |
 * | set-rate-limit   | edge, service, loadbalancer | 10 s | rps (0 = no limit)                         | requests above the limit are rejected (429) |
 * | open-breaker     | edge                      | 5 s   | -                                          | forces the circuit breaker open (fail fast) |
 * | close-breaker    | edge                      | 5 s   | -                                          | forces it closed and removes the override |
 * | shallow-health-check | edge                  | 60 s  | -                                          | the caller's readiness probe stops calling that dependency |
 * | stop-workload    | client, service           | 10 s  | -                                          | the workload stops sending (ends its traffic-spike / dns-flood) |
 * | scale-dns        | dns                       | 0 s   | replicas                                   | new resolvers ready after 10 s           |
 * | enable-dns-cache | dns                       | 60 s  | hitRatio (0.9)                             | node-local cache answers that share of lookups |
 * | raise-cpu-limit  | service                   | 0 s   | cores (default x2)                         | rolling restart, effective after coldStart |
 * | raise-memory-limit | service, dns            | 0 s   | memoryMb (default x2)                      | rolling restart with the new limit: fresh pods (leaked memory freed) after the cold start |
 * | resize-database  | database                  | 600 s | cores, maxConnections (default x2 each)    | modify-db-instance --apply-immediately: new class after the delay, queries fail 30 s at the switch |
 * | set-cache-maxmemory | cache                  | 0 s   | memoryMb                                   | CONFIG SET maxmemory: effective at once, no restart |
 * | set-cache-policy | cache                     | 30 s  | coalesce (true when no params), ttlJitter | how misses fill the cache from now on    |
 * | remove-sidecar   | service                   | 0 s   | -                                          | rolling restart without the proxy, after coldStart |
 * | block-payload    | service                   | 60 s  | -                                          | rejects the poison payload at the door (400, not retried) |
 * | set-probe        | service                   | 0 s   | probe, timeoutSeconds, periodSeconds, failureThreshold, successThreshold, initialDelaySeconds, check, enabled | rolling restart with the new probe, after coldStart; new pods forget the back-off |
 * | expand-volume    | service, database (disk)  | 120 s | sizeGb (default x2)                        | online volume expansion; one per 6 h per volume |
 * | free-disk        | service, database (disk)  | 10 s  | -                                          | deletes rotated logs, truncates the live ones (temporary if the cause goes on) |
 * | set-log-level    | service, database (disk)  | 0 s   | level (info)                               | service: rolling restart; database: reload; debug starts a debug-logging fault, others end it |
 * | drop-replication-slot | database (disk)      | 0 s   | slot                                       | ends replication-slot; retained WAL removed at the next checkpoint (60 s) |
 * | raise-iops       | database (disk)           | 300 s | iops (required)                            | new provisioned IOPS once the storage modification is done |
 * | set-route-weight | edge (a router's weighted call) | 60 s | weight (required, 0-255)           | the record's new weight; clients follow over the DNS TTL |
 * | drain-region     | loadbalancer (a router)   | 60 s  | region (required)                          | weight 0 on every target in the region; clients follow over the TTL |
 * | set-image-registry | service                 | 0 s   | registry (required: a node)                | kubectl set image: new pods pull from that registry (a mirror, a pull-through cache); a rolling restart |
 */
import { AUTOSCALER_METRICS, type ActionType } from '../scenario/schema';
import type { ParamDoc, Target } from './catalog-types';
import { ROUTE53_PROPAGATION } from './routing';

export interface ActionDoc {
  readonly type: ActionType;
  readonly summary: string;
  readonly appliesTo: readonly Target[];
  /** Seconds between the command and its effect (before any cold start the effect itself needs). */
  readonly defaultDelay: number;
  /** Loses work or capacity on purpose (in-flight requests, queued messages). */
  readonly destructive: boolean;
  readonly params: Readonly<Record<string, ParamDoc>>;
  /** 'disk': only on a node with a `disk` (disk-model.ts). */
  readonly requires?: 'disk';
}

export const ACTION_CATALOG: Readonly<Record<ActionType, ActionDoc>> = {
  scale: {
    type: 'scale',
    summary:
      "Sets the replica count; new replicas serve after their cold start. On a service with an autoscaler the count holds until the HPA's next sync, which recomputes it from its metric and clamps it to min..max (so it may be overridden).",
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {
      replicas: { type: 'number', min: 0, max: 1000, description: 'Target replica count.' },
      by: { type: 'number', min: -1000, max: 1000, description: 'Change relative to the current count.' },
    },
  },
  'set-autoscaler-bounds': {
    type: 'set-autoscaler-bounds',
    summary:
      "Patches a service's autoscaler (kubectl patch hpa): its minReplicas, maxReplicas and/or target; the HPA applies them at its next sync. Give at least one; min must not exceed max.",
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {
      min: { type: 'number', min: 0, max: 1000, description: 'New minReplicas (a whole number).' },
      max: { type: 'number', min: 1, max: 1000, description: 'New maxReplicas (a whole number).' },
      target: {
        type: 'number',
        min: 0.001,
        description:
          "New target of the autoscaler's metric, in its unit (cpu: utilisation 0-1; latency in seconds; depth in messages; in-flight per replica; requests per second per replica).",
      },
      metric: {
        type: 'string',
        oneOf: AUTOSCALER_METRICS,
        description:
          'Scale on another signal (needs a target in its unit): cpu, requests_per_second, queue_depth (the queue it consumes), latency_p99 or inflight. On a service whose HPA was deleted, min, max and metric create one.',
      },
    },
  },
  'delete-autoscaler': {
    type: 'delete-autoscaler',
    summary:
      "Deletes the service's autoscaler (kubectl delete hpa): the replica count stays where it is until someone scales it.",
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {},
  },
  restart: {
    type: 'restart',
    summary:
      'Restarts every replica at once: no capacity until the cold start is over; leaked memory is freed. A cache comes back at once but empty: every read misses until the keys are fetched again (its keyspace).',
    appliesTo: ['service', 'dns', 'cache'],
    defaultDelay: 0,
    destructive: true,
    params: {},
  },
  rollback: {
    type: 'rollback',
    summary: 'Rolling restart onto the previous version; ends a bad deploy once the rollout is done.',
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {
      version: { type: 'string', description: 'Version to roll back to (default: the previous one).' },
    },
  },
  'kill-queries': {
    type: 'kill-queries',
    summary: 'Terminates the long-running queries (pg_terminate_backend).',
    appliesTo: ['database'],
    defaultDelay: 0,
    destructive: true,
    params: {},
  },
  failover: {
    type: 'failover',
    summary: 'Promotes a read replica: queries fail during the switch, then a fresh primary serves.',
    appliesTo: ['database'],
    defaultDelay: 30,
    destructive: true,
    params: {},
  },
  'purge-queue': {
    type: 'purge-queue',
    summary: 'Drops every waiting message.',
    appliesTo: ['queue'],
    defaultDelay: 0,
    destructive: true,
    params: {},
  },
  'expand-queue': {
    type: 'expand-queue',
    summary: "Raises the queue's memory limit.",
    appliesTo: ['queue'],
    defaultDelay: 10,
    destructive: false,
    params: {
      memoryMb: {
        type: 'number',
        min: 1,
        description: 'New memory limit in MB (default: twice the current).',
      },
    },
  },
  'set-timeout': {
    type: 'set-timeout',
    summary: "Changes the caller's timeout on one call (config rollout).",
    appliesTo: ['edge'],
    defaultDelay: 30,
    destructive: false,
    params: {
      seconds: {
        type: 'number',
        required: true,
        min: 0.001,
        max: 3600,
        description: 'New timeout in seconds.',
      },
    },
  },
  'set-retries': {
    type: 'set-retries',
    summary: "Changes the caller's retries on one call (config rollout).",
    appliesTo: ['edge'],
    defaultDelay: 30,
    destructive: false,
    params: {
      retries: {
        type: 'number',
        required: true,
        min: 0,
        max: 10,
        description: 'Retries after the first attempt.',
      },
    },
  },
  'set-retry-budget': {
    type: 'set-retry-budget',
    summary:
      "Gives the caller's retries on one call a budget (config rollout): retries at most that share of the calls, so a failing callee gets at most 1 + budget times the calls.",
    appliesTo: ['edge'],
    defaultDelay: 30,
    destructive: false,
    params: {
      budget: {
        type: 'number',
        required: true,
        min: 0,
        max: 10,
        description: 'Retries per call at most (0.1 = retries under 10% of the calls; 0 = no retries).',
      },
    },
  },
  'set-pool-size': {
    type: 'set-pool-size',
    summary:
      'Changes a pool: connections per caller replica on an edge, threads per service replica, or max connections of a database.',
    appliesTo: ['edge', 'service', 'database'],
    defaultDelay: 30,
    destructive: false,
    params: { size: { type: 'number', required: true, min: 1, max: 100000, description: 'New pool size.' } },
  },
  'set-rate-limit': {
    type: 'set-rate-limit',
    summary: 'Rejects requests above a rate (429) to shed load.',
    appliesTo: ['edge', 'service', 'loadbalancer'],
    defaultDelay: 10,
    destructive: false,
    params: {
      rps: {
        type: 'number',
        required: true,
        min: 0,
        description: 'Requests per second allowed (0 removes the limit).',
      },
    },
  },
  'open-breaker': {
    type: 'open-breaker',
    summary:
      'Forces the circuit breaker on a call open: the caller stops calling and fails fast (or degrades if optional).',
    appliesTo: ['edge'],
    defaultDelay: 5,
    destructive: false,
    params: {},
  },
  'close-breaker': {
    type: 'close-breaker',
    summary: 'Forces the circuit breaker closed and returns it to automatic control.',
    appliesTo: ['edge'],
    defaultDelay: 5,
    destructive: false,
    params: {},
  },
  'shallow-health-check': {
    type: 'shallow-health-check',
    summary:
      "Points the caller's readiness probe at a shallow endpoint (/healthz) that no longer calls this dependency (a config change, rolled out in about a minute).",
    appliesTo: ['edge'],
    defaultDelay: 60,
    destructive: false,
    params: {},
  },
  'stop-workload': {
    type: 'stop-workload',
    summary: 'Stops a workload (a client or a service) from sending traffic.',
    appliesTo: ['client', 'service'],
    defaultDelay: 10,
    destructive: true,
    params: {},
  },
  'scale-dns': {
    type: 'scale-dns',
    summary: 'Sets the number of DNS resolver replicas; new ones serve after 10 s.',
    appliesTo: ['dns'],
    defaultDelay: 0,
    destructive: false,
    params: {
      replicas: { type: 'number', required: true, min: 0, max: 1000, description: 'Target replica count.' },
    },
  },
  'enable-dns-cache': {
    type: 'enable-dns-cache',
    summary: 'Rolls out a node-local DNS cache that answers most lookups before they reach the resolver.',
    appliesTo: ['dns'],
    defaultDelay: 60,
    destructive: false,
    params: {
      hitRatio: {
        type: 'number',
        default: 0.9,
        min: 0,
        max: 1,
        description: 'Share of lookups answered locally.',
      },
    },
  },
  'raise-cpu-limit': {
    type: 'raise-cpu-limit',
    summary: 'Raises the CPU limit per replica (a rolling restart, effective after the cold start).',
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {
      cores: {
        type: 'number',
        min: 0.01,
        max: 256,
        description: 'New limit in cores (default: twice the current).',
      },
    },
  },
  'raise-memory-limit': {
    type: 'raise-memory-limit',
    summary:
      'Raises the memory limit per replica (kubectl set resources --limits=memory): a rolling restart; the new pods start with no leaked memory and serve after the cold start.',
    appliesTo: ['service', 'dns'],
    defaultDelay: 0,
    destructive: false,
    params: {
      memoryMb: {
        type: 'number',
        min: 1,
        max: 1_000_000,
        description: 'New limit per replica in MB (default: twice the current).',
      },
    },
  },
  'resize-database': {
    type: 'resize-database',
    summary:
      'Changes the database instance class (aws rds modify-db-instance --apply-immediately): more cores and connections once the modification completes, with about 30 s of failed queries while it switches over.',
    appliesTo: ['database'],
    defaultDelay: 600,
    destructive: false,
    params: {
      cores: {
        type: 'number',
        min: 0.5,
        max: 1024,
        description: 'Cores of the new class (default: twice the current).',
      },
      maxConnections: {
        type: 'number',
        min: 1,
        max: 100_000,
        description: 'max_connections of the new class (default: scaled with the cores).',
      },
    },
  },
  'set-cache-maxmemory': {
    type: 'set-cache-maxmemory',
    summary:
      "Sets the cache's maxmemory (redis-cli CONFIG SET maxmemory): effective at once, without a restart.",
    appliesTo: ['cache'],
    defaultDelay: 0,
    destructive: false,
    params: {
      memoryMb: { type: 'number', min: 1, max: 1_000_000, description: 'New maxmemory in MB.' },
    },
  },
  'set-cache-policy': {
    type: 'set-cache-policy',
    summary:
      'Changes how the application fills the cache (its config): request coalescing (one backing-store read per missing key instead of one per request) and/or TTL jitter (fills expire spread over the last share of the TTL). Applies to fills from now on; without parameters it turns coalescing on.',
    appliesTo: ['cache'],
    defaultDelay: 30,
    destructive: false,
    params: {
      coalesce: { type: 'boolean', description: 'Request coalescing (single flight) on misses.' },
      ttlJitter: {
        type: 'number',
        min: 0,
        max: 1,
        description: 'Share of the TTL over which fills expire at random (0 = all at exactly the TTL).',
      },
    },
  },
  'remove-sidecar': {
    type: 'remove-sidecar',
    summary: 'Removes the service-mesh proxy (a rolling restart, effective after the cold start).',
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {},
  },
  'set-probe': {
    type: 'set-probe',
    summary:
      'Changes or removes a liveness or readiness probe (kubectl patch deploy with a new probe spec): a rolling restart; the new pods probe with the new settings after the cold start and start with no CrashLoopBackOff.',
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {
      probe: {
        type: 'string',
        oneOf: ['liveness', 'readiness'],
        default: 'liveness',
        description: 'Which probe to change.',
      },
      timeoutSeconds: { type: 'number', min: 1, max: 86_400, description: 'New timeout (seconds).' },
      periodSeconds: { type: 'number', min: 1, max: 86_400, description: 'New period (seconds).' },
      failureThreshold: { type: 'number', min: 1, max: 1000, description: 'New failure threshold.' },
      successThreshold: {
        type: 'number',
        min: 1,
        max: 1000,
        description: 'New success threshold (readiness only).',
      },
      initialDelaySeconds: {
        type: 'number',
        min: 0,
        max: 86_400,
        description: 'New initial delay (seconds).',
      },
      check: {
        type: 'string',
        oneOf: ['self', 'dependencies'],
        description:
          'What the probe endpoint checks: the replica alone, or also its healthCheck dependencies (default: unchanged).',
      },
      enabled: {
        type: 'boolean',
        default: true,
        description: 'false removes the probe (a readiness probe then leaves every replica in rotation).',
      },
    },
  },
  'block-payload': {
    type: 'block-payload',
    summary:
      'Rejects the requests that carry a poison payload at the door (an ingress or WAF rule matching it): they get a 400 at once, which clients do not retry, and hold no thread. The other requests are untouched.',
    appliesTo: ['service'],
    defaultDelay: 60,
    destructive: false,
    params: {},
  },
  'expand-volume': {
    type: 'expand-volume',
    requires: 'disk',
    summary:
      'Grows the volume online (kubectl patch pvc ... storage, aws rds modify-db-instance --allocated-storage): the new size is usable once the modification is done, about 2 minutes; the same volume can be modified again only after 6 hours (EBS).',
    appliesTo: ['service', 'database'],
    defaultDelay: 120,
    destructive: false,
    params: {
      sizeGb: {
        type: 'number',
        min: 1,
        max: 65_536,
        description: 'New size in GB, larger than the current (default: twice the current).',
      },
    },
  },
  'free-disk': {
    type: 'free-disk',
    requires: 'disk',
    summary:
      'Deletes rotated logs and truncates the live ones (kubectl exec ... rm / truncate): the space comes back in seconds, and fills again if what filled it goes on.',
    appliesTo: ['service', 'database'],
    defaultDelay: 10,
    destructive: true,
    params: {},
  },
  'set-log-level': {
    type: 'set-log-level',
    requires: 'disk',
    summary:
      'Sets the log level (kubectl set env LOG_LEVEL=..., a rolling restart; a database reloads its configuration at once): debug writes debug lines for every request, any other level stops them.',
    appliesTo: ['service', 'database'],
    defaultDelay: 0,
    destructive: false,
    params: {
      level: {
        type: 'string',
        default: 'info',
        oneOf: ['debug', 'info', 'warn', 'error'],
        description: 'New log level.',
      },
    },
  },
  'drop-replication-slot': {
    type: 'drop-replication-slot',
    requires: 'disk',
    summary:
      "Drops a replication slot (SELECT pg_drop_replication_slot('...')): the WAL it retained is removed at the next checkpoint, about a minute later; its consumer must be re-seeded.",
    appliesTo: ['database'],
    defaultDelay: 0,
    destructive: true,
    params: {
      slot: { type: 'string', description: 'Slot name (default: the one retaining WAL).' },
    },
  },
  'raise-iops': {
    type: 'raise-iops',
    requires: 'disk',
    summary:
      'Raises the provisioned IOPS of the volume (aws rds modify-db-instance --iops): effective when the storage modification is done, about 5 minutes.',
    appliesTo: ['database'],
    defaultDelay: 300,
    destructive: false,
    params: {
      iops: { type: 'number', min: 100, max: 256_000, required: true, description: 'New provisioned IOPS.' },
    },
  },
  'set-route-weight': {
    type: 'set-route-weight',
    summary:
      "Changes the weight of one of a router's targets (aws route53 change-resource-record-sets, UPSERT of the weighted record): Route 53 answers with it once the change is INSYNC, about a minute, and clients follow as their cached answers expire (the record's TTL). Weight 0 takes the target out of rotation while another one is healthy.",
    appliesTo: ['edge'],
    defaultDelay: ROUTE53_PROPAGATION,
    destructive: false,
    params: {
      weight: {
        type: 'number',
        required: true,
        min: 0,
        max: 255,
        description:
          'New weight of the record (Route 53: 0-255; the share is weight / the sum of the weights).',
      },
    },
  },
  'drain-region': {
    type: 'drain-region',
    summary:
      "Fails a region over (evacuates it): sets the weight of every one of the router's targets in that region to 0 (one change batch), so the other regions get all its traffic, once the change is INSYNC and clients' cached answers expire. Whether they can take it is another matter.",
    appliesTo: ['loadbalancer'],
    defaultDelay: ROUTE53_PROPAGATION,
    destructive: false,
    params: {
      region: {
        type: 'string',
        required: true,
        description: 'The region (a node region, e.g. "eu-west-1") whose targets lose their weight.',
      },
    },
  },
  'set-image-registry': {
    type: 'set-image-registry',
    summary:
      "Points the service's image at another registry (kubectl set image deploy/NAME app=REGISTRY/NAME:TAG: a mirror, a pull-through cache, another region's registry): new pods pull from it at once, including those stuck in ImagePullBackOff; the running pods are replaced by a rolling restart done a cold start after the pull.",
    appliesTo: ['service'],
    defaultDelay: 0,
    destructive: false,
    params: {
      registry: {
        type: 'string',
        required: true,
        description: 'The node to pull the image from (a registry node of the system).',
      },
    },
  },
};

/** "from->to" edge targets. */
export function parseEdgeTarget(target: string): { from: string; to: string } | undefined {
  const at = target.indexOf('->');
  if (at <= 0 || at + 2 >= target.length) return undefined;
  return { from: target.slice(0, at).trim(), to: target.slice(at + 2).trim() };
}
