/**
 * The scenario format: the one definition (zod) from which the TypeScript types, the runtime
 * validation and the committed JSON Schema (scenarios/scenario.schema.json) all come.
 *
 * Durations are written as "90s", "5m", "1h" (or a number of seconds) and parsed to seconds, so
 * `Scenario` (the output type) carries plain numbers and the engine never parses text.
 * Every node parameter has a default, so a hand-written file only states what matters.
 */
import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';
import { communicationSchema, runbooksSchema } from './communication';
import { panelsSchema } from './panels';
import { NODE_KIND_CATALOG, NODE_KINDS, type NodeKind } from './node-kinds';
import { CAUSE_IDS } from './causes';
import { DEFAULTS, durationText, omitted } from './defaults';

export { NODE_KINDS, type NodeKind };

/** 2: alerts became Prometheus rule groups (`alerting`); version 1 files are migrated on load. */
export const SCHEMA_VERSION = 2;

/**
 * Realistic maxima. Every number in a scenario has one: far above any real system, yet low enough
 * that the engine's products of them (rate x fan-out x retries x time ...) stay finite, and that a
 * run's tick count fits in memory. The generated reference (docs/authoring-scenarios.md) lists them.
 */
export const LIMITS = {
  /** Any duration, and a scenario's length: one day. */
  durationSeconds: 86_400,
  /** Ticks per run (duration / tickSeconds): 24 h at 1 s. */
  ticks: 86_400,
  /** Shortest tick. */
  minTickSeconds: 0.01,
  /**
   * Smallest positive quantity: the engine divides by capacities, and 1 / 5e-324 is Infinity
   * (the fuzzer found it), while 1e-9 of anything is as good as none.
   */
  minPositive: 1e-9,
  /** Requests (or operations) per second of one source or node. */
  rate: 1e8,
  /** Any other positive quantity without a tighter bound (autoscaler targets, SLO values...). */
  quantity: 1e9,
  replicas: 1_000,
  threads: 100_000,
  connections: 10_000_000,
  cpuCores: 1_024,
  memoryMb: 1_000_000_000,
  sizeKb: 1_000_000,
  /** A volume: 64 TiB, the largest EBS / RDS volume. */
  diskGb: 65_536,
  /** Provisioned IOPS: io2 Block Express's 256,000. */
  iops: 256_000,
  /** Messages or requests waiting. */
  backlog: 1e9,
  fanOut: 1_000,
  /** |x| of fault and action parameters, thresholds and topology positions. */
  magnitude: 1e9,
} as const;

/** A duration, parsed to seconds. */
export const duration = z
  .union([
    z.number().nonnegative().max(LIMITS.durationSeconds),
    z
      .string()
      .regex(new RegExp(DURATION_PATTERN), 'must be a duration such as "90s", "5m" or "1h"')
      .refine((text) => (parseDuration(text) ?? 0) <= LIMITS.durationSeconds, 'must be at most 24h'),
  ])
  .transform((value) => parseDuration(value) ?? 0)
  .describe('A duration: "250ms", "90s", "5m", "1h", "1h30m", or a number of seconds (at most 24h).');

export const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'must start with a letter or digit and use only letters, digits, - _ .',
  )
  .max(64);

const ratio = z.number().min(0).max(1);
/** A positive number up to `max` (LIMITS.quantity unless a tighter realistic bound applies). */
const positive = z.number().min(LIMITS.minPositive).max(LIMITS.quantity);
const count = z.number().int().nonnegative().max(LIMITS.quantity);
const magnitude = z.number().min(-LIMITS.magnitude).max(LIMITS.magnitude);
const paramValue = z.union([magnitude, z.string(), z.boolean()]);

// ---------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------

const nodeBase = {
  id: id.describe('Unique node id, used by edges, faults, alerts and actions.'),
  label: z.string().max(80).optional().describe('Display name; defaults to the id.'),
  group: z.string().max(40).optional().describe('Optional grouping for the topology (e.g. "edge", "data").'),
  position: z
    .strictObject({ x: magnitude, y: magnitude })
    .optional()
    .describe('Where the topology view and the editor draw the node; laid out automatically when omitted.'),
  region: id
    .optional()
    .describe(
      'Region or zone the node runs in (e.g. "eu-west-1", "us-east-1a"): its metrics carry a region label, and drain-region moves a router\'s traffic away from every target in it.',
    )
    .meta(omitted('none')),
};

export const stage = z.strictObject({
  duration: duration.describe('How long this stage lasts.'),
  target: z
    .number()
    .nonnegative()
    .max(LIMITS.rate)
    .describe('Requests per second reached at the end of the stage (linear ramp).'),
});

/** Clients that keep their failed requests and send them again (demand.ts, `resendDemand`). */
export const clientResend = z
  .strictObject({
    factor: z
      .number()
      .positive()
      .max(100)
      .default(1)
      .describe(
        "Resends per second at most, as a multiple of the clients' own current rate (1: a backlog doubles the traffic until it is through).",
      ),
    maxBacklog: z
      .number()
      .nonnegative()
      .max(LIMITS.backlog)
      .default(1_000_000)
      .describe('Failed requests the clients keep to resend; beyond it the oldest are dropped (lost).'),
  })
  .describe(
    'Failed requests are kept and sent again on top of the own traffic (agents with a local spool, at-least-once producers, apps with an offline queue): after an outage the backlog arrives as a deluge until it is through.',
  );

export const clientNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('client'),
  startRate: z
    .number()
    .nonnegative()
    .max(LIMITS.rate)
    .optional()
    .describe(
      "Requests per second at t = 0, where the first stage's ramp starts (k6's startRate). " +
        "Omitted: the first stage's target, so the first stage holds flat and the scenario opens in steady state " +
        '(k6 starts from 0: write 0 to ramp up from nothing).',
    )
    .meta(omitted("the first stage's target (held flat)")),
  stages: z
    .array(stage)
    .min(1)
    .describe(
      "k6 ramping-arrival-rate stages: each ramps linearly from the previous stage's target (the first from " +
        'startRate) to its own over its duration; the last target holds afterwards.',
    ),
  shape: z
    .enum(['stages', 'diurnal'])
    .default('stages')
    .describe('"diurnal" multiplies the stages by a slow daily-like wave (period = scenario duration).'),
  noise: ratio
    .default(0)
    .describe(
      'Over-dispersion beyond Poisson: every tick the rate is multiplied by (1 + noise x a standard normal draw). ' +
        'The queueing maths already includes Poisson variability, so 0 (the default) gives the Erlang C steady state; ' +
        'a positive value makes the load burstier on purpose: metrics jitter (alerts can flap) and mean waits rise ' +
        '(0.03 adds about 13% to an M/M/1 mean wait at 90% utilisation).',
    ),
  resend: clientResend
    .optional()
    .describe(
      'Omitted: a failed request is gone (the user gives up or the call was retried by the edge only).',
    )
    .meta(omitted('none')),
});

/**
 * A traffic router's failover and propagation (routing.ts): the balancer sends each request to one
 * of its weighted calls; targets that fail their health checks lose their weight.
 */
export const routing = z.strictObject({
  ttl: duration
    .refine((v) => v <= 3600, 'must be at most 1h')
    .default(DEFAULTS.routing.ttl)
    .describe(
      'DNS TTL of the records: clients follow a weight change over this time (each resolver keeps the old answer until its copy expires, so the shift is linear over the TTL). 0 for a proxy or anycast global load balancer that switches at once. At most 1h.',
    ),
  healthChecks: z
    .boolean()
    .default(true)
    .describe(
      'Health-checked failover (Route 53 "evaluate target health", a global load balancer\'s health checks): a target failing its checks gets no traffic; its weight goes to the healthy ones. When every target is unhealthy all of them get traffic again (fail open).',
    ),
  failureThreshold: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe(
      'Consecutive failed (or passed) checks, one per healthCheckInterval, before a target is marked unhealthy (or healthy again): Route 53 default 3, so the detection delay is interval x threshold.',
    ),
  checkTimeout: duration
    .default(DEFAULTS.routing.checkTimeout)
    .describe(
      'A check fails when the target fails most requests or its median response exceeds this (Route 53 waits 4 s for a connection).',
    ),
});

export const loadBalancerNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('loadbalancer'),
  maxConnections: positive
    .max(LIMITS.connections)
    .default(10000)
    .describe('Concurrent connections the balancer holds before rejecting.'),
  healthCheckInterval: duration
    .default(DEFAULTS.loadbalancer.healthCheckInterval)
    .describe('How often backends are checked; unhealthy ones leave after one interval.'),
  latency: duration.default(DEFAULTS.loadbalancer.latency).describe('Added latency per request.'),
  routing: routing
    .optional()
    .describe(
      'Weighted routing over the calls that carry a weight (see the edge field weight): DNS TTL and health-checked failover. Omitted: the defaults, when the balancer has weighted calls.',
    )
    .meta(omitted('the defaults below, when the balancer has weighted calls')),
});

/** Signals an autoscaler can follow (the engine's AS_CODES, in this order). */
export const AUTOSCALER_METRICS = [
  'cpu',
  'latency_p99',
  'queue_depth',
  'inflight',
  'requests_per_second',
] as const;
export type AutoscalerMetric = (typeof AUTOSCALER_METRICS)[number];

export const autoscaler = z.strictObject({
  metric: z
    .enum(AUTOSCALER_METRICS)
    .describe('Signal the autoscaler follows. "queue_depth" reads the queue this service consumes.'),
  target: positive.describe(
    'Target value per replica (cpu: utilisation 0-1 of the limit; latency in seconds; depth in messages; requests_per_second: requests per second per ready replica).',
  ),
  min: count
    .max(LIMITS.replicas)
    .default(1)
    .describe('Fewest replicas it scales down to; a manual scale below it is raised back at the next sync.'),
  max: count
    .max(LIMITS.replicas)
    .default(20)
    .describe('Most replicas it scales up to; a manual scale above it is lowered back at the next sync.'),
  syncPeriod: duration
    .default(DEFAULTS.autoscaler.syncPeriod)
    .describe(
      "How often it re-evaluates (HPA default 15s). A trainee's manual scale holds until the next sync, which recomputes the count and may override it.",
    ),
});

export const sidecar = z.strictObject({
  cpuPerRequest: duration
    .default(DEFAULTS.sidecar.cpuPerRequest)
    .describe('CPU seconds the proxy burns per request.'),
  latency: duration.default(DEFAULTS.sidecar.latency).describe('Latency the proxy adds per request.'),
});

/** Kubernetes' probe fields (seconds and counts, as in a pod spec) with Kubernetes' defaults. */
const probeFields = {
  periodSeconds: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.durationSeconds)
    .default(10)
    .describe('How often the kubelet probes each replica (Kubernetes default 10).'),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.durationSeconds)
    .default(1)
    .describe(
      "A probe that gets no answer within this time fails (Kubernetes default 1). The probe waits in the replica's queue and threads like any request, so an overloaded or thread-exhausted replica fails it.",
    ),
  failureThreshold: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(3)
    .describe('Consecutive failures before the probe counts as failed (Kubernetes default 3).'),
  initialDelaySeconds: z
    .number()
    .int()
    .min(0)
    .max(LIMITS.durationSeconds)
    .default(0)
    .describe('Seconds after a container starts before its first probe (Kubernetes default 0).'),
  check: z
    .enum(['self', 'dependencies'])
    .optional()
    .describe(
      '"self": the probe endpoint answers from the replica itself (fails when its wait plus service time exceeds timeoutSeconds). "dependencies": it also calls the callees whose edges carry healthCheck: true and fails while one of them fails or is slower than timeoutSeconds (a deep health check). Omitted: "self" for liveness; for readiness "dependencies" when the service has healthCheck edges, else "self".',
    )
    .meta(omitted('liveness: "self"; readiness: "dependencies" with healthCheck edges, else "self"')),
};

export const livenessProbe = z
  .strictObject(probeFields)
  .describe(
    'A liveness probe: after failureThreshold consecutive failures the kubelet restarts the container (restarts_total, cold start, CrashLoopBackOff when it keeps failing).',
  );

export const readinessProbe = z
  .strictObject({
    ...probeFields,
    successThreshold: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .describe(
        'Consecutive successes before a replica that failed goes back into rotation (Kubernetes default 1).',
      ),
  })
  .describe(
    'A readiness probe: after failureThreshold consecutive failures only the failing replicas leave rotation; they return after successThreshold successes.',
  );

/**
 * A node's volume (disk-model.ts): what fills it and how many write IOs it takes. Absent: the
 * node has no disk the scenario cares about (no disk metrics, no disk actions).
 */
export const disk = z
  .strictObject({
    sizeGb: positive
      .max(LIMITS.diskGb)
      .default(100)
      .describe('Volume size in GB (PVC request, RDS allocated storage).'),
    usedGb: z
      .number()
      .nonnegative()
      .max(LIMITS.diskGb)
      .default(20)
      .describe(
        'Space in use at the start: data and everything else that stays (free-disk does not free it).',
      ),
    growthMbPerMinute: z
      .number()
      .nonnegative()
      .max(LIMITS.quantity)
      .default(0)
      .describe('Growth not tied to requests (tables, indexes, cron output); it stays.'),
    logKbPerRequest: z
      .number()
      .nonnegative()
      .max(LIMITS.sizeKb)
      .default(0.5)
      .describe(
        'Log written per request handled at the normal log level (access and application lines); free-disk deletes it.',
      ),
    walKbPerWrite: z
      .number()
      .nonnegative()
      .max(LIMITS.sizeKb)
      .default(8)
      .describe(
        'Databases: WAL written per write. Checkpoints recycle it, so it takes no space, unless a replication slot retains it (fault replication-slot).',
      ),
    writeShare: ratio
      .default(0.2)
      .describe(
        'Share of requests that write to the volume (a database: INSERT/UPDATE/DELETE). When the volume is full they fail with "No space left on device"; reads go on.',
      ),
    iops: positive
      .max(LIMITS.iops)
      .default(3000)
      .describe(
        'Provisioned write IOPS (gp3 baseline 3,000). Write IOs beyond it queue: IO wait adds to every write.',
      ),
    iosPerWrite: positive
      .max(1000)
      .default(2)
      .describe(
        'Write IOs per write: the WAL or journal flush plus the data pages checkpoints write back (checkpoint pressure). Log writes add one IO per 64 KB.',
      ),
  })
  .refine((d) => d.usedGb <= d.sizeGb, { message: 'must be at most sizeGb', path: ['usedGb'] })
  .describe(
    'A volume that fills and has an IOPS limit: logs per request, WAL per write, a baseline, plus faults (debug-logging, disk-fill, replication-slot). Full: writes fail, reads go on.',
  );

export const serviceNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('service'),
  replicas: count.max(LIMITS.replicas).default(2).describe('Ready replicas at start.'),
  concurrency: positive
    .max(LIMITS.threads)
    .default(50)
    .describe('Worker threads (concurrent requests) per replica.'),
  serviceTime: duration
    .default(DEFAULTS.service.serviceTime)
    .describe('Own processing time per request, before downstream calls.'),
  cpuPerRequest: duration
    .default(DEFAULTS.service.cpuPerRequest)
    .describe(
      'CPU seconds per request: a replica serves at most cpuLimit / cpuPerRequest requests per second (100 with the defaults).',
    ),
  cpuLimit: positive.max(LIMITS.cpuCores).default(1).describe('CPU cores per replica (CFS quota).'),
  memoryMb: positive.max(LIMITS.memoryMb).default(256).describe('Baseline memory per replica.'),
  memoryLimitMb: positive
    .max(LIMITS.memoryMb)
    .default(512)
    .describe('Memory limit per replica; above it the replica is OOM-killed.'),
  errorRate: ratio.default(0).describe('Own failure probability per request.'),
  coldStart: duration
    .default(DEFAULTS.service.coldStart)
    .describe('Time from start to ready for a new or restarted replica.'),
  queueLimit: count
    .max(LIMITS.backlog)
    .default(100)
    .describe('Requests a replica may queue beyond its threads before rejecting.'),
  balancer: z
    .enum(['least-request', 'random', 'round-robin'])
    .default('least-request')
    .describe(
      'How callers spread requests over the replicas (the Service\'s policy, as Envoy/Istio DestinationRule or kube-proxy apply it). "least-request" (Envoy default): a busy replica gets fewer, close to one shared queue (modelled as one pool of replicas x concurrency). "random" (kube-proxy iptables mode): each replica queues on its own, M/M/c with 1/replicas of the traffic; at high load waits are several times the pooled ones. "round-robin": in between (Erlang arrivals per replica; Allen-Cunneen with the Kraemer-Langenbach-Belz correction on the random wait). A slow or failing replica (fault param replicas) gets its full share under random and round-robin, less under least-request.',
    ),
  version: z.string().default('v1').describe('Running version; deploys and rollbacks change it.'),
  sidecar: sidecar.optional().describe('A service-mesh proxy injected beside the app.').meta(omitted('none')),
  autoscaler: autoscaler
    .optional()
    .describe('A horizontal autoscaler (HPA or KEDA-like) on one signal.')
    .meta(omitted('none')),
  livenessProbe: livenessProbe
    .optional()
    .describe('Omitted: no liveness probe (a replica is restarted only when it crashes or is OOM-killed).')
    .meta(omitted('none')),
  readinessProbe: readinessProbe
    .optional()
    .describe(
      'Omitted: Kubernetes\' defaults with check "dependencies" when the service has healthCheck edges (every replica probes the same dependency), else no readiness probe.',
    )
    .meta(omitted('none, or with healthCheck edges the defaults with check "dependencies"')),
  disk: disk
    .optional()
    .describe('A volume per replica set (logs, temp files); omitted: no disk modelled.')
    .meta(omitted('none')),
  imageRegistry: id
    .optional()
    .describe(
      "The node the service's container image is pulled from (a registry: ECR, Harbor, a pull-through cache). Every new pod (scale-out, rollout, rollback, restart) pulls it first; while the registry is down or fails most requests the pull fails and the pod waits in ImagePullBackOff (10 s doubling to 5 min between attempts). Containers restarted in their pod (CrashLoopBackOff, liveness) use the image already on the node, and running pods keep serving. Omitted: pulls always succeed.",
    )
    .meta(omitted('pulls always succeed')),
});

export const databaseNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('database'),
  maxConnections: positive.max(LIMITS.connections).default(100).describe('Connection limit of the server.'),
  cpuCores: positive
    .max(LIMITS.cpuCores)
    .default(4)
    .describe(
      'CPU cores of the server: at most cpuCores / cpuPerQuery queries per second; busy cores slow queries.',
    ),
  queryTime: duration
    .default(DEFAULTS.database.queryTime)
    .describe('Time of an ordinary query on an idle server.'),
  cpuPerQuery: duration.default(DEFAULTS.database.cpuPerQuery).describe('CPU seconds per ordinary query.'),
  readReplicas: count
    .max(LIMITS.replicas)
    .default(0)
    .describe('Replicas that can take reads (failover target).'),
  disk: disk
    .optional()
    .describe('The data volume (data, WAL, logs, temp files); omitted: no disk modelled.')
    .meta(omitted('none')),
});

/** The keys behind a cache's hit ratio: how it warms up after a flush (cache-keyspace.ts). */
export const cacheKeyspace = z.strictObject({
  keys: positive
    .max(LIMITS.quantity)
    .default(1_000_000)
    .describe('Distinct keys the reads ask for (the working set).'),
  zipf: z
    .number()
    .min(0)
    .max(3)
    .default(0.9)
    .describe(
      'Popularity skew: the key of rank k is read in proportion to 1/k^zipf (0 = uniform; web and memcached workloads measure 0.6-1.0).',
    ),
  ttl: duration
    .refine((v) => v >= 1, 'must be at least 1s')
    .default(DEFAULTS.keyspace.ttl)
    .describe('Expiry set when a key is filled (SET EX); a hit does not extend it.'),
  ttlJitter: ratio
    .default(0)
    .describe(
      'Each fill expires after ttl x (1 - jitter x U), U uniform in 0..1: 0 = keys filled together expire together.',
    ),
  coalesce: z
    .boolean()
    .default(false)
    .describe(
      'Request coalescing (single flight): concurrent misses on one key share one backing-store read.',
    ),
  warm: z
    .boolean()
    .default(true)
    .describe("Start at the steady state of the first second's reads; false = start empty (a fresh cache)."),
});

export const cacheNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('cache'),
  opsCapacity: positive
    .max(LIMITS.rate)
    .default(80000)
    .describe('Operations per second (Redis is single-threaded).'),
  hitRatio: ratio
    .default(0.9)
    .describe('Share of reads served from the cache; misses fall through to the edges after it.'),
  maxMemoryMb: positive.max(LIMITS.memoryMb).default(1024).describe('Memory limit (maxmemory).'),
  usedMemoryMb: z
    .number()
    .nonnegative()
    .max(LIMITS.memoryMb)
    .default(300)
    .describe('Memory in use at the start.'),
  writeGrowthKb: z
    .number()
    .nonnegative()
    .max(LIMITS.sizeKb)
    .default(0)
    .describe('Memory each write adds (0 = steady state).'),
  policy: z
    .enum(['noeviction', 'allkeys-lru'])
    .default('allkeys-lru')
    .describe(
      'At maxmemory: "noeviction" rejects writes (OOM errors), "allkeys-lru" evicts keys (hit ratio drops).',
    ),
  keyspace: cacheKeyspace
    .optional()
    .describe(
      'The keys behind hitRatio (hitRatio stays the warm hit ratio): how the cache warms up after a restart, flush or scale-out, and the miss burst when keys filled together expire together. Omitted = defaults, with the cache warm until something empties it.',
    )
    .meta(omitted('the defaults below, warm')),
});

export const queueNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('queue'),
  consumers: z
    .array(id)
    .default([])
    .describe('Services that drain this queue (each pulls as fast as its capacity allows).'),
  messageSizeKb: positive
    .max(LIMITS.sizeKb)
    .default(2)
    .describe('Memory per waiting message (payload + overhead).'),
  maxMemoryMb: positive
    .max(LIMITS.memoryMb)
    .default(512)
    .describe('Memory limit (Redis maxmemory); enqueues fail once the backlog fills it.'),
  policy: z
    .enum(['noeviction', 'allkeys-lru'])
    .default('noeviction')
    .describe('At the memory limit: "noeviction" rejects enqueues, "allkeys-lru" drops old messages.'),
  initialBacklog: count.max(LIMITS.backlog).default(0).describe('Messages waiting at the start.'),
});

export const dnsNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('dns'),
  replicas: count.max(LIMITS.replicas).default(2).describe('Resolver replicas (CoreDNS pods).'),
  qpsPerReplica: positive.max(LIMITS.rate).default(5000).describe('Queries per second one replica answers.'),
  cacheHitRatio: ratio.default(0.8).describe('Share of lookups answered from cache at no upstream cost.'),
  ndots: z
    .number()
    .int()
    .min(1)
    .max(15)
    .default(5)
    .describe('Search-path amplification: queries per external lookup.'),
  resolverTimeout: duration
    .default(DEFAULTS.dns.resolverTimeout)
    .describe('Client resolver timeout before it retries (glibc default 5s).'),
  memoryLimitMb: positive
    .max(LIMITS.memoryMb)
    .default(170)
    .describe(
      'Memory limit per resolver replica (CoreDNS default 170 MB); above it the replica is OOM-killed.',
    ),
});

export const externalNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('external'),
  latency: duration.default(DEFAULTS.external.latency).describe('Response time of the provider.'),
  errorRate: ratio.default(0.001).describe('Failure probability per request.'),
  rateLimit: positive
    .max(LIMITS.rate)
    .optional()
    .describe('Requests per second above which the provider answers 429.')
    .meta(omitted('no limit')),
  reachedVia: z
    .array(id)
    .max(16)
    .optional()
    .describe(
      "Nodes the cluster's own traffic to this provider crosses (a transit gateway, a NAT) when no edge says so: a registry's image pulls (imageRegistry) fail while one of them is down or fails most of its requests. Omitted: reached directly.",
    )
    .meta(omitted('reached directly')),
});

/** A kind's shape with the catalog's description (node-kinds.ts), for the JSON Schema and the docs. */
const described = <T extends z.ZodObject<{ kind: z.ZodLiteral<NodeKind> }>>(shape: T): T =>
  shape.describe(NODE_KIND_CATALOG[shape.shape.kind.value].description);

export const node = z.discriminatedUnion('kind', [
  described(clientNode),
  described(loadBalancerNode),
  described(serviceNode),
  described(databaseNode),
  described(cacheNode),
  described(queueNode),
  described(dnsNode),
  described(externalNode),
]);

/** Compile-time check: the union lists exactly the catalog's kinds (node-kinds.ts). */
type UnionKind = z.output<typeof node>['kind'];
export const NODE_UNION_MATCHES_CATALOG: [UnionKind] extends [NodeKind]
  ? [NodeKind] extends [UnionKind]
    ? true
    : 'a kind in node-kinds.ts has no shape in the node union'
  : 'a shape in the node union has no entry in node-kinds.ts' = true;

// ---------------------------------------------------------------------------------------------
// Edges
// ---------------------------------------------------------------------------------------------

export const circuitBreaker = z.strictObject({
  errorThreshold: ratio.default(0.5).describe('Error ratio that opens the breaker.'),
  openFor: duration
    .default(DEFAULTS.circuitBreaker.openFor)
    .describe('How long it stays open before half-open probing.'),
});

export const edge = z.strictObject({
  from: id.describe('The caller (node id).'),
  to: id.describe('The callee (node id); a queue for enqueues.'),
  mode: z
    .enum(['sync', 'async'])
    .default('sync')
    .describe('"async" to a queue enqueues; the caller does not wait for the work.'),
  callsPerRequest: z
    .number()
    .nonnegative()
    .max(LIMITS.fanOut)
    .default(1)
    .describe('Calls made per request the caller handles (fan-out).'),
  timeout: duration.default(DEFAULTS.edge.timeout).describe("Caller's timeout for this call."),
  retries: count
    .max(10)
    .default(0)
    .describe('Retries after a failed or timed-out call (load x 1 + p + ... + p^r).'),
  backoff: duration
    .default(DEFAULTS.edge.backoff)
    .describe('Base backoff before the first retry; it doubles for each further retry (exponential).'),
  maxBackoff: duration
    .default(DEFAULTS.edge.maxBackoff)
    .describe('Cap on one backoff (AWS SDKs: 20 s); the doubling stops there.'),
  jitter: z
    .enum(['none', 'full', 'equal'])
    .default('none')
    .describe(
      'Randomised backoff: "full" waits uniform [0, b] (AWS\'s recommendation), "equal" b/2 + uniform [0, b/2], "none" exactly b. Changes the wait a retried call adds (mean and spread).',
    ),
  retryBudget: ratio
    .optional()
    .describe(
      'Retry budget: retries at most this share of the calls (Finagle, Envoy, gRPC retry throttling; 0.1-0.2 is usual), so the load is at most 1 + budget times the calls whatever fails. Omitted: no budget.',
    )
    .meta(omitted('no budget')),
  perReplicaRate: z
    .number()
    .nonnegative()
    .max(LIMITS.rate)
    .default(0)
    .describe(
      "Background calls per second from each ready replica of the caller (polling, heartbeats, cache refresh), whatever its traffic: scaling the caller out raises the callee's load.",
    ),
  optional: z
    .boolean()
    .default(false)
    .describe('A failing optional call degrades the response instead of failing it.'),
  circuitBreaker: circuitBreaker
    .optional()
    .describe('A breaker that fails fast while the callee is failing.')
    .meta(omitted('none')),
  dns: id
    .optional()
    .describe('A dns node this call resolves its target through.')
    .meta(omitted('no lookups')),
  lookupsPerCall: z
    .number()
    .nonnegative()
    .max(LIMITS.fanOut)
    .default(1)
    .describe('DNS lookups per call (short-lived connections resolve every time).'),
  pool: z
    .number()
    .int()
    .positive()
    .max(LIMITS.threads)
    .optional()
    .describe(
      "Connections per caller replica, all open (a fixed pool); count against a database's maxConnections.",
    )
    .meta(omitted('no pool (concurrency limited by the caller)')),
  weight: z
    .number()
    .int()
    .min(0)
    .max(255)
    .optional()
    .describe(
      "Weighted routing (a loadbalancer's calls only): the balancer sends each request to one of its weighted calls, this one with probability weight / the sum of their weights (Route 53 weighted records, 0-255; a global load balancer's traffic split). The balancer's routing says how clients follow a change and how unhealthy targets lose their weight. Omitted: the call is made on every request.",
    )
    .meta(omitted('called on every request')),
  healthCheck: z
    .boolean()
    .optional()
    .describe(
      'Deep health check: the caller\'s readiness probe calls it. Without a readinessProbe on the caller: failing or over 1 s for 30 s takes every replica of the caller out of rotation; with one, its timeout and thresholds apply per replica (check "dependencies").',
    )
    .meta({ default: false }),
});

// ---------------------------------------------------------------------------------------------
// Faults and actions
// ---------------------------------------------------------------------------------------------

export const FAULT_TYPES = [
  'latency',
  'error-rate',
  'crash',
  'bad-deploy',
  'slow-queries',
  'traffic-spike',
  'consumer-slowdown',
  'dns-flood',
  'memory-leak',
  'network-degradation',
  'dependency-outage',
  'sidecar-overhead',
  'poison-payload',
  'debug-logging',
  'disk-fill',
  'replication-slot',
  'cache-flush',
  'region-outage',
] as const;

export const fault = z.strictObject({
  id: id.optional().describe('Optional name, to refer to the fault in notes.'),
  at: duration.describe('When the fault starts.'),
  duration: duration
    .optional()
    .describe('How long it lasts; omitted = until an action clears it.')
    .meta(omitted('until an action clears it')),
  target: z.string().describe('Node id, or "from->to" for an edge (network-degradation).'),
  type: z.enum(FAULT_TYPES).describe('The mechanism that goes wrong; see docs/authoring-scenarios.md.'),
  params: z
    .record(z.string(), paramValue)
    .default({})
    .describe('Fault parameters; see docs/authoring-scenarios.md for each type.'),
  note: z.string().optional().describe('What happened, shown in the debrief.'),
});

export const ACTION_TYPES = [
  'scale',
  'set-autoscaler-bounds',
  'restart',
  'rollback',
  'kill-queries',
  'failover',
  'purge-queue',
  'expand-queue',
  'set-timeout',
  'set-retries',
  'set-retry-budget',
  'set-pool-size',
  'set-rate-limit',
  'open-breaker',
  'close-breaker',
  'shallow-health-check',
  'stop-workload',
  'scale-dns',
  'enable-dns-cache',
  'raise-cpu-limit',
  'raise-memory-limit',
  'resize-database',
  'set-cache-maxmemory',
  'remove-sidecar',
  'set-probe',
  'block-payload',
  'expand-volume',
  'free-disk',
  'set-log-level',
  'drop-replication-slot',
  'raise-iops',
  'set-cache-policy',
  'delete-autoscaler',
  'set-route-weight',
  'drain-region',
  'set-image-registry',
] as const;

export const action = z.strictObject({
  type: z.enum(ACTION_TYPES).describe('What the action does; see docs/authoring-scenarios.md.'),
  target: z.string().describe('Node id, or "from->to" for an edge action.'),
  label: z
    .string()
    .optional()
    .describe('How the debrief names it (the console shows the real command); defaults to a plain sentence.')
    .meta(omitted('a plain sentence')),
  params: z
    .record(z.string(), paramValue)
    .default({})
    .describe('Action parameters (e.g. {"replicas": 8}); see docs/authoring-scenarios.md for each type.'),
  effect: z
    .enum(['fixes', 'helps', 'neutral', 'harmful'])
    .default('neutral')
    .describe(
      'For scoring: whether this action addresses the incident. An action the list does not classify can still be taken and counts as unnecessary.',
    ),
  delay: duration
    .optional()
    .describe('Time until it takes effect; defaults per action type.')
    .meta(omitted("the action type's delay (table below)")),
});

// ---------------------------------------------------------------------------------------------
// Alerts, objectives, scoring
// ---------------------------------------------------------------------------------------------

/** Alert severities: P0/P1 are urgent, P2/P3 informational. */
export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
/** Where a notification goes: "page" wakes the trainee (and starts the acknowledge clock). */
export const RECEIVERS = ['page', 'chat', 'email'] as const;

/** One Prometheus alerting rule, in the rule file's own field names. */
export const alertRule = z.strictObject({
  alert: z.string().min(1).describe('Alert name, e.g. "CheckoutErrorRateHigh". Unique in the scenario.'),
  expr: z
    .string()
    .min(1)
    .describe(
      'PromQL over the Prometheus names of the run (see "Prometheus metrics" in docs/authoring-scenarios.md); every element of the result is an active alert, e.g. sum(rate(http_requests_total{service="checkout",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="checkout"}[1m])) > 0.05',
    ),
  for: duration
    .default(DEFAULTS.alertRule.for)
    .describe('How long the expression must keep returning the alert before it fires.'),
  // Optional (the export writes it only when set); the engine applies the default.
  keep_firing_for: duration
    .optional()
    .describe('How long a firing alert stays firing after its expression stops returning it.')
    .meta({ default: DEFAULTS.alertRule.keepFiringFor }),
  labels: z
    .object({
      severity: z.enum(SEVERITIES).describe('P0/P1 are urgent; P2/P3 are informational.'),
    })
    .catchall(z.string())
    .describe('Labels added to the alert; severity is required, others are free (routes can match them).'),
  annotations: z
    .object({
      summary: z.string().default('').describe('One line shown in the notification.'),
      description: z.string().optional().describe('Markdown runbook shown beside the alert.'),
      runbook_url: z.string().optional().describe('Link to the team runbook.'),
    })
    .catchall(z.string())
    .default({ summary: '' })
    .describe('Text shown with the alert; other keys are kept and exported.'),
});

/** A rule group: its rules are evaluated together every `interval`, aligned to absolute time. */
export const ruleGroup = z.strictObject({
  name: z.string().min(1).describe('Group name, unique in the scenario.'),
  interval: duration
    .default(DEFAULTS.ruleGroup.interval)
    .describe('Evaluation interval (Prometheus evaluation_interval); evaluations fall on multiples of it.'),
  rules: z.array(alertRule).default([]).describe('Alerting rules of the group.'),
});

/**
 * A route's grouping and timers. Left out at the root: Alertmanager's defaults (the engine applies
 * DEFAULTS.route); in a child route: the root's. Optional in both, so a child can tell "not set".
 */
function routeFields(root: boolean) {
  const timer = (seconds: number, what: string) =>
    duration
      .optional()
      .describe(`${what} Inherited; default ${durationText(seconds)}.`)
      .meta(root ? { default: seconds } : omitted("the root route's"));
  return {
    matchers: z
      .array(z.string())
      .default([])
      .describe('Alertmanager matchers the alert\'s labels must all satisfy, e.g. severity=~"P0|P1".'),
    group_by: z
      .array(z.string())
      .optional()
      .describe(
        'Labels that split alerts into notification groups (one notification per group); ["..."] groups by every label. Inherited; default: one group for the route.',
      )
      .meta(omitted(root ? 'one group for the route' : "the root route's")),
    group_wait: timer(
      DEFAULTS.route.groupWait,
      'How long a new group waits for more alerts before its first notification.',
    ),
    group_interval: timer(
      DEFAULTS.route.groupInterval,
      'How long a group waits before notifying about alerts added to it or resolved.',
    ),
    repeat_interval: timer(
      DEFAULTS.route.repeatInterval,
      'How long before a group whose alerts did not change notifies again.',
    ),
  };
}

/** A child route: the first whose matchers all match (in order) takes the alert, unless it says `continue`. */
export const childRoute = z.strictObject({
  receiver: z
    .enum(RECEIVERS)
    .optional()
    .describe('page, chat or email; inherited from the root when absent.')
    .meta(omitted("the root route's")),
  ...routeFields(false),
  continue: z
    .boolean()
    .optional()
    .describe(
      'Keep trying the next child routes after this one matched (the alert notifies once per matching route).',
    )
    .meta({ default: false }),
});

/** Alertmanager's route tree, two levels: the root's receiver takes what no child route matches. */
export const alertRoute = z.strictObject({
  receiver: z.enum(RECEIVERS).default('page').describe('Receiver of alerts no child route matches.'),
  ...routeFields(true),
  routes: z.array(childRoute).default([]).describe('Child routes, tried in order.'),
});

/** Alertmanager's inhibit_rules: a firing source alert mutes the target alerts that share its `equal` labels. */
export const inhibitRule = z.strictObject({
  source_matchers: z
    .array(z.string())
    .min(1)
    .describe('Matchers of the alerts that mute others while they fire, e.g. severity="P0".'),
  target_matchers: z
    .array(z.string())
    .min(1)
    .describe('Matchers of the alerts that are muted, e.g. severity=~"P2|P3".'),
  equal: z
    .array(z.string())
    .default([])
    .describe(
      'Labels that must have the same value in the source and the target alert (absent counts as empty).',
    ),
});

/** A silence in force from the start (or from `startsAt`): like one created in Alertmanager's UI. */
export const scenarioSilence = z.strictObject({
  matchers: z
    .array(z.string())
    .min(1)
    .describe('Matchers an alert\'s labels must all satisfy to be silenced, e.g. alertname="DiskFilling".'),
  startsAt: duration.default(DEFAULTS.silence.startsAt).describe('Simulated time the silence starts.'),
  endsAt: duration.describe('Simulated time it ends (after startsAt).'),
  createdBy: z.string().max(100).default('someone').describe('Who created it.'),
  comment: z.string().min(1).max(2000).describe('Why (Alertmanager requires one).'),
});

export const alerting = z
  .strictObject({
    groups: z.array(ruleGroup).default([]).describe("Prometheus rule groups (the rule file's `groups`)."),
    route: alertRoute
      .default({ receiver: 'page', matchers: [], routes: [] })
      .describe("Where firing alerts go (Alertmanager's `route`)."),
    inhibit_rules: z
      .array(inhibitRule)
      .optional()
      .describe("Alertmanager's inhibit_rules: firing alerts that mute others' notifications.")
      .meta(omitted('none')),
    silences: z
      .array(scenarioSilence)
      .optional()
      .describe('Silences already set when the incident starts (or set later by a teammate).')
      .meta(omitted('none')),
    notifyVia: z
      .array(id)
      .max(16)
      .optional()
      .describe(
        "Nodes Alertmanager's notifications go out through (an egress NAT, cluster DNS, a proxy). While one of them is down or fails most of its requests nothing reaches the pager or the chat: Alertmanager retries, and the notification arrives once the path works again. The rules still fire on time. Omitted: notifications always get through.",
      )
      .meta(omitted('notifications always get through')),
    scrapeVia: z
      .array(id)
      .max(16)
      .optional()
      .describe(
        'Nodes Prometheus reaches its scrape targets through (a transit gateway, a VPC peering, a proxy). While one of them is down or fails most of its requests every scrape of the targets fails: `up` is 0, their other series get a staleness marker and then no samples (dashboards show a gap, rate() rules go quiet and resolve, absent() fires). Omitted: scrapes always succeed.',
      )
      .meta(omitted('scrapes always succeed')),
    scrapeTargets: z
      .array(id)
      .max(1000)
      .optional()
      .describe('The nodes whose scrapes go through scrapeVia (those across the path). Omitted: every node.')
      .meta(omitted('every node')),
  })
  .default({ groups: [], route: { receiver: 'page', matchers: [], routes: [] } })
  .describe(
    'Alerts as Prometheus alerting rules and an Alertmanager route; "page" alerts start the clock for acknowledging.',
  );

export const slo = z.strictObject({
  node: id.describe('The node whose metric the objective reads.'),
  metric: z
    .enum(['error_ratio', 'latency_p99', 'latency_p95', 'queue_oldest_seconds'])
    .describe('error_ratio (0-1), latency_p99/p95 (seconds) or queue_oldest_seconds (queues).'),
  max: z
    .number()
    .nonnegative()
    .max(LIMITS.quantity)
    .describe('The objective holds while the metric stays at or below this value.'),
  description: z
    .string()
    .optional()
    .describe('How the objective reads to the trainee, e.g. "99% of checkouts succeed".'),
});

export const objectives = z
  .strictObject({
    slos: z
      .array(slo)
      .min(1)
      .describe('Service level objectives; the incident is mitigated when all hold for holdFor.'),
    holdFor: duration
      .default(DEFAULTS.objectives.holdFor)
      .describe('How long every SLO must hold for the incident to count as mitigated.'),
    selfHeals: z
      .boolean()
      .default(false)
      .describe('Whether the system recovers without action (no credit for waiting if false).'),
  })
  .describe('What "mitigated" means: SLOs that must all hold for holdFor.');

export const timedStep = z
  .strictObject({
    at: duration.describe('When the step is taken (simulated time since the start).'),
    kind: z
      .enum(['acknowledge', 'declare', 'action'])
      .describe('"acknowledge" the first page, "declare" a diagnosis, or take an "action".'),
    type: z
      .enum(ACTION_TYPES)
      .optional()
      .describe('For "action": the action type; must match one of the scenario\'s actions.'),
    target: z
      .string()
      .optional()
      .describe(
        'For "action": the action target (node id or "from->to"). For "declare": the root-cause node.',
      ),
    category: z
      .string()
      .optional()
      .describe('For "declare": the cause declared (one of rootCause.causes, or of rootCause.categories).'),
    params: z
      .record(z.string(), paramValue)
      .optional()
      .describe('For "action": parameters, overriding the offered action\'s params.'),
  })
  .describe('One step of the scripted ideal response.');

/** A metric condition that marks one step of a cascade, e.g. error_ratio{node="checkout"} > 0.5. */
const paceCondition = z.strictObject({
  metric: z.string().min(1).describe('Metric name, e.g. "error_ratio", "latency_p99", "queue_depth".'),
  node: id.describe('The node whose series is read.'),
  op: z.enum(['>', '>=']).default('>').describe('Comparison with value.'),
  value: magnitude.describe('Threshold: the step happens at the first tick the condition holds.'),
  description: z.string().optional().describe('How the step reads, e.g. "the SMS provider is slow".'),
});

/** A range of seconds, [min, max]; may be negative (see pace). */
const secondsRange = z
  .tuple([magnitude, magnitude])
  .refine(([min, max]) => min <= max, 'min must not exceed max')
  .describe('[min, max] in seconds.');

export const pace = z
  .strictObject({
    symptom: paceCondition.describe('The first symptom: the first metric sign of the fault.'),
    outage: paceCondition.describe(
      'The full outage: the condition that says customers are badly hurt (e.g. the entry fails half its requests).',
    ),
    symptomToPage: secondsRange.describe(
      '[min, max] seconds from the first symptom to the first page (the first "page" alert firing at or after the symptom).',
    ),
    pageToOutage: secondsRange.describe(
      '[min, max] seconds from that page to the full outage; negative when the outage is complete before the page fires (a step failure, the page waiting out its `for`).',
    ),
    source: z
      .string()
      .min(1)
      .describe(
        'Where the ranges come from: the timings the basedOn write-up reports, or, where it gives none, the mechanism (alert `for`, probe thresholds, fill rates) that sets them.',
      ),
    gaps: z
      .array(z.string())
      .default([])
      .describe('Known differences between the engine and these ranges (tracked in an issue), if any.'),
  })
  .describe(
    "The pace of the cascade, as the public incident it is based on supports it. Tests check that the engine's run without a response unfolds within these ranges.",
  );

export const scenarioSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .describe('Path or URL of the JSON Schema, for editor completion: "./scenario.schema.json".'),
    schemaVersion: z
      .literal(SCHEMA_VERSION)
      .describe(`Version of the scenario format; this build reads version ${SCHEMA_VERSION}.`),
    id: id.describe(
      'Unique scenario id (file-name-like), e.g. "redis-queue-fills". Personal bests are kept per id.',
    ),
    title: z.string().min(1).max(120).describe('Title shown in the library.'),
    summary: z
      .string()
      .max(400)
      .default('')
      .describe('One or two sentences for the library card (no spoilers).'),
    difficulty: z
      .enum(['beginner', 'intermediate', 'advanced'])
      .describe('How much on-call experience it expects.'),
    tags: z.array(z.string()).default([]).describe('Free-form tags for filtering, e.g. "redis", "cascade".'),
    estimatedMinutes: positive
      .max(LIMITS.durationSeconds / 60)
      .default(15)
      .describe('Expected wall-clock minutes for one run.'),
    basedOn: z.string().optional().describe('The public incident this replays.'),
    pace: pace.optional().meta(omitted('not checked')),
    briefing: z
      .string()
      .default('')
      .describe('Markdown: the trainee’s role and what they know at the start.'),
    seed: z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 32 - 1)
      .default(1)
      .describe('Seed of the noise generator: same seed + same actions = same run.'),
    tickSeconds: z
      .number()
      .min(LIMITS.minTickSeconds)
      .max(60)
      .default(1)
      .describe(
        `Simulated seconds per engine tick; duration / tickSeconds is at most ${LIMITS.ticks.toLocaleString('en-US')} ticks.`,
      ),
    duration: duration.describe('Length of the run: the scenario ends (and is scored) after this time.'),
    nodes: z
      .array(node)
      .min(1)
      .describe('The system: traffic sources, services, databases, caches, queues, DNS, providers.'),
    edges: z.array(edge).default([]).describe('Calls between nodes: from (caller) -> to (callee).'),
    faults: z
      .array(fault)
      .default([])
      .describe('What goes wrong, and when. Hidden from the trainee until the debrief.'),
    alerting,
    actions: z
      .array(action)
      .default([])
      .describe('Remediation actions the console offers in this scenario, including plausible wrong ones.'),
    rootCause: z
      .strictObject({
        node: id.describe('The node where the incident starts.'),
        nodes: z
          .array(id)
          .optional()
          .describe('Other components also accepted as the location of the cause (besides node).')
          .meta(omitted('only node')),
        category: z
          .string()
          .describe(
            'The cause in a sentence, shown in the debrief. Without causes: the correct choice, one of categories.',
          ),
        causes: z
          .array(z.enum(CAUSE_IDS))
          .min(1)
          .optional()
          .describe(
            'Accepted answers from the one cause taxonomy every scenario offers (see the authoring guide). Without it the trainee chooses from categories, which can give the answer away.',
          )
          .meta(omitted('choices from categories')),
        categories: z
          .array(z.string())
          .default([])
          .describe(
            'Older scenarios: their own choices for the diagnose step (at least two), used only without causes.',
          ),
        explanation: z.string().default('').describe('Markdown shown in the debrief.'),
      })
      .describe('The answer to the diagnose step.'),
    objectives,
    scoring: z
      .strictObject({
        acknowledge: duration
          .default(DEFAULTS.scoring.acknowledge)
          .describe('Target time from the first page to acknowledging it.'),
        diagnose: duration
          .default(DEFAULTS.scoring.diagnose)
          .describe('Target time from the first page to the correct diagnosis.'),
        mitigate: duration
          .default(DEFAULTS.scoring.mitigate)
          .describe('Target time from the first page to SLOs holding again.'),
      })
      .default({ ...DEFAULTS.scoring })
      .describe('Target times for full marks.'),
    hints: z
      .array(
        z.strictObject({
          text: z.string().describe('Markdown hint.'),
          cost: z
            .number()
            .nonnegative()
            .max(100)
            .default(5)
            .describe('Points deducted when the trainee reveals it.'),
        }),
      )
      .default([])
      .describe('Hints revealed on request, in order, at a cost.'),
    solution: z
      .array(timedStep)
      .default([])
      .describe('The ideal response, scripted: drives tests and the debrief.'),
    postmortem: z
      .strictObject({
        actionItems: z.array(z.string()).default([]).describe('Follow-ups that prevent a recurrence.'),
      })
      .default({ actionItems: [] })
      .describe('Seeds the postmortem draft exported after the run.'),
    communication: communicationSchema({ duration, id })
      .optional()
      .meta(omitted('a default cast, the default targets')),
    runbooks: runbooksSchema({ id }).optional(),
    panels: panelsSchema({ id }).optional(),
  })
  .superRefine((scenario, ctx) => {
    // Each tick stores one metric row: a run's tick count bounds its memory.
    const ticks = scenario.duration / scenario.tickSeconds;
    if (ticks > LIMITS.ticks)
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: `makes ${Math.ceil(ticks)} ticks of ${scenario.tickSeconds} s; at most ${LIMITS.ticks} are allowed (shorten the run or lengthen tickSeconds)`,
      });
  })
  .describe('An Outage Lab training scenario.');

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioNode = Scenario['nodes'][number];
export type ScenarioEdge = Scenario['edges'][number];
export type Fault = Scenario['faults'][number];
export type FaultType = (typeof FAULT_TYPES)[number];
export type ScenarioAction = Scenario['actions'][number];
export type ActionType = (typeof ACTION_TYPES)[number];
export type AlertingSection = Scenario['alerting'];
export type RuleGroup = AlertingSection['groups'][number];
export type AlertRuleSpec = RuleGroup['rules'][number];
export type AlertRoute = AlertingSection['route'];
export type ChildRoute = AlertRoute['routes'][number];
export type InhibitRule = NonNullable<AlertingSection['inhibit_rules']>[number];
export type ScenarioSilence = NonNullable<AlertingSection['silences']>[number];
export type Severity = (typeof SEVERITIES)[number];
export type Receiver = (typeof RECEIVERS)[number];
export type Slo = Scenario['objectives']['slos'][number];
export type Pace = z.output<typeof pace>;
export type TimedStep = z.output<typeof timedStep>;
