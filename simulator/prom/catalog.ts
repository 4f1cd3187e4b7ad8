/**
 * The Prometheus names of the engine's metrics: one row per exposed family, saying which engine
 * series feed it and how. The engine records gauges per tick (simulator/engine/metric-names.ts);
 * this catalog turns them, when read, into what Prometheus would scrape from the usual exporters:
 * counters ending in `_total` integrated from the rates, latency histograms in seconds, gauges in
 * base units, and the labels each exporter uses. The view (view.ts) and the OpenMetrics export read
 * this table and nothing else; docs/architecture.md lists it.
 */
import type { NodeKind } from '../scenario/node-kinds';

export type PromType = 'counter' | 'gauge' | 'histogram';

/** How a family's value is derived from the engine series of one node (or edge) at one tick. */
export type Derivation =
  /** A gauge: the engine value times `scale`; with `integer`, rounded as the exporter's own count
   * (connections, requests in progress, keys, list length, bytes) would be at the scrape. */
  | { readonly kind: 'gauge'; readonly from: string; readonly scale?: number; readonly integer?: true }
  /** A counter: the running integral over time of `from` (a per-second rate) x `scale`, optionally
   * times `times` (a ratio) or its complement. */
  | {
      readonly kind: 'integral';
      readonly from: string;
      readonly times?: string;
      readonly complement?: boolean;
      readonly scale?: number;
    }
  /** A counter the engine already keeps cumulatively. */
  | { readonly kind: 'cumulative'; readonly from: string }
  /** A latency histogram: `rate` responses per second with the node's p50/p95/p99 and mean. */
  | { readonly kind: 'histogram'; readonly rate: string }
  /** Prometheus's own `up`: 1 when any of `running` (replica counts) is above 0, else 0; with none
   * listed, always 1 (an exporter that answers even when what it watches is down). */
  | { readonly kind: 'up'; readonly running: readonly string[] };

export interface PromFamily {
  readonly name: string;
  readonly type: PromType;
  readonly help: string;
  /** OpenMetrics unit (the name's suffix before `_total`), when it has one. */
  readonly unit?: 'seconds' | 'bytes' | 'ratio';
  /** Node kinds it is exposed for; 'edge' for per-call families (caller -> callee). */
  readonly kinds: readonly (NodeKind | 'edge')[];
  /** Extra constant labels of this series (e.g. the response code it counts). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Whose labels it carries, when its name does not say (`up` is every scrape job's). */
  readonly scheme?: LabelScheme;
  readonly derive: Derivation;
}

const MIB = 1024 * 1024;
const HTTP: readonly NodeKind[] = ['client', 'loadbalancer', 'service', 'external'];
const PODS: readonly NodeKind[] = ['service', 'dns'];

/** Default buckets of the Prometheus client libraries, in seconds. */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const PROM_FAMILIES: readonly PromFamily[] = [
  // --- up: one per scrape target, with its job's labels (one target per node) ---------------------
  {
    name: 'up',
    type: 'gauge',
    help: 'The scrape succeeded: 1 while any replica runs (ready or not), 0 when none does.',
    kinds: ['service'],
    scheme: 'http',
    derive: { kind: 'up', running: ['replicas_ready', 'replicas_unready'] },
  },
  {
    name: 'up',
    type: 'gauge',
    help: 'The scrape succeeded: 1 while any replica runs (ready or not), 0 when none does.',
    kinds: ['dns'],
    scheme: 'coredns',
    derive: { kind: 'up', running: ['replicas_ready'] },
  },
  {
    name: 'up',
    type: 'gauge',
    help: "The exporter's scrape succeeded (always 1: postgres_exporter answers while the database is down).",
    kinds: ['database'],
    scheme: 'postgres',
    derive: { kind: 'up', running: [] },
  },
  {
    name: 'up',
    type: 'gauge',
    help: "The exporter's scrape succeeded (always 1: redis_exporter answers while Redis is down).",
    kinds: ['cache', 'queue'],
    scheme: 'redis',
    derive: { kind: 'up', running: [] },
  },
  // --- HTTP workloads (as an instrumented app or its mesh sidecar reports them) ------------------
  {
    name: 'http_requests_total',
    type: 'counter',
    help: 'HTTP requests answered, by status code (500: every failure, rejections and timeouts included).',
    kinds: HTTP,
    labels: { code: '200' },
    derive: { kind: 'integral', from: 'request_rate', times: 'error_ratio', complement: true },
  },
  {
    name: 'http_requests_total',
    type: 'counter',
    help: 'HTTP requests answered, by status code (500: every failure, rejections and timeouts included).',
    kinds: HTTP,
    labels: { code: '500' },
    derive: { kind: 'integral', from: 'request_rate', times: 'error_ratio' },
  },
  {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    unit: 'seconds',
    help: 'HTTP request duration (server side; for a client, what its users see).',
    kinds: HTTP,
    derive: { kind: 'histogram', rate: 'request_rate' },
  },
  {
    name: 'http_server_active_requests',
    type: 'gauge',
    help: "Requests in progress (Little's law: rate x response time).",
    kinds: ['loadbalancer', 'service'],
    derive: { kind: 'gauge', from: 'inflight', integer: true },
  },
  {
    name: 'http_client_requests_total',
    type: 'counter',
    help: 'Calls from the service to a dependency (server_address), by outcome code.',
    kinds: ['edge'],
    labels: { code: '200' },
    derive: { kind: 'integral', from: 'edge_request_rate', times: 'edge_error_ratio', complement: true },
  },
  {
    name: 'http_client_requests_total',
    type: 'counter',
    help: 'Calls from the service to a dependency (server_address), by outcome code.',
    kinds: ['edge'],
    labels: { code: '500' },
    derive: { kind: 'integral', from: 'edge_request_rate', times: 'edge_error_ratio' },
  },
  {
    name: 'http_client_retries_total',
    type: 'counter',
    help: 'Retries from the service to a dependency (attempts after the first; counted in http_client_requests_total too).',
    kinds: ['edge'],
    derive: { kind: 'integral', from: 'edge_retry_rate' },
  },
  {
    name: 'workload_saturation_ratio',
    type: 'gauge',
    unit: 'ratio',
    help: 'In-flight requests over the threads or connections available (above 1: requests wait).',
    kinds: ['service', 'loadbalancer', 'database', 'cache', 'dns'],
    derive: { kind: 'gauge', from: 'saturation' },
  },
  // --- Kubernetes: cAdvisor, kube-state-metrics and the OpenTelemetry k8s receiver ---------------
  {
    name: 'k8s_container_cpu_limit_utilization_ratio',
    type: 'gauge',
    unit: 'ratio',
    help: 'CPU used over the CPU limit (0-1), mean over the replicas.',
    kinds: ['service', 'database', 'cache', 'dns'],
    derive: { kind: 'gauge', from: 'cpu_utilization' },
  },
  {
    name: 'container_cpu_cfs_periods_total',
    type: 'counter',
    help: 'CFS enforcement periods elapsed (100 ms each, per ready replica).',
    kinds: ['service'],
    derive: { kind: 'integral', from: 'replicas_ready', scale: 10 },
  },
  {
    name: 'container_cpu_cfs_throttled_periods_total',
    type: 'counter',
    help: 'CFS periods in which the container was throttled.',
    kinds: ['service'],
    derive: { kind: 'integral', from: 'replicas_ready', times: 'cpu_throttled_ratio', scale: 10 },
  },
  {
    name: 'container_memory_working_set_bytes',
    type: 'gauge',
    unit: 'bytes',
    help: 'Memory in use per replica.',
    kinds: ['service', 'dns'],
    derive: { kind: 'gauge', from: 'memory_mb', scale: MIB, integer: true },
  },
  {
    name: 'kube_deployment_spec_replicas',
    type: 'gauge',
    help: 'Replicas the deployment asks for (spec.replicas), as scaling and the autoscaler set it.',
    kinds: PODS,
    derive: { kind: 'gauge', from: 'replicas_desired' },
  },
  {
    name: 'kube_deployment_status_replicas_available',
    type: 'gauge',
    help: 'Replicas ready and in rotation.',
    kinds: PODS,
    derive: { kind: 'gauge', from: 'replicas_ready' },
  },
  {
    name: 'kube_deployment_status_replicas_unavailable',
    type: 'gauge',
    help: 'Replicas starting (cold start) and not yet ready.',
    kinds: PODS,
    derive: { kind: 'gauge', from: 'replicas_starting' },
  },
  {
    name: 'kube_pod_container_status_restarts_total',
    type: 'counter',
    help: 'Container restarts (OOM kills, crashes, restarts), summed over the deployment.',
    kinds: PODS,
    derive: { kind: 'cumulative', from: 'restarts_total' },
  },
  {
    name: 'kube_pod_container_status_waiting_reason',
    type: 'gauge',
    help: 'Containers waiting to start for this reason: new pods whose image pull failed (ImagePullBackOff), summed over the deployment; only where a service pulls from an imageRegistry.',
    kinds: ['service'],
    labels: { reason: 'ImagePullBackOff' },
    derive: { kind: 'gauge', from: 'replicas_waiting_image' },
  },
  // --- PostgreSQL (postgres_exporter; counters keep its names, without _total) --------------------
  {
    name: 'pg_stat_database_xact_commit',
    type: 'counter',
    help: 'Transactions committed.',
    kinds: ['database'],
    derive: { kind: 'integral', from: 'request_rate', times: 'error_ratio', complement: true },
  },
  {
    name: 'pg_stat_database_xact_rollback',
    type: 'counter',
    help: 'Transactions rolled back or failed (refused connections and timeouts included).',
    kinds: ['database'],
    derive: { kind: 'integral', from: 'request_rate', times: 'error_ratio' },
  },
  {
    name: 'pg_stat_activity_count',
    type: 'gauge',
    help: 'Connections in use (pg_stat_activity), state active.',
    kinds: ['database'],
    labels: { state: 'active' },
    derive: { kind: 'gauge', from: 'db_connections', integer: true },
  },
  {
    name: 'pg_settings_max_connections',
    type: 'gauge',
    help: 'Server parameter max_connections (pg_settings).',
    kinds: ['database'],
    derive: { kind: 'gauge', from: 'db_max_connections' },
  },
  {
    name: 'pg_slow_queries',
    type: 'gauge',
    help: 'Queries running longer than a minute (a custom postgres_exporter query on pg_stat_activity).',
    kinds: ['database'],
    derive: { kind: 'gauge', from: 'db_slow_queries', integer: true },
  },
  {
    name: 'pg_query_duration_seconds',
    type: 'histogram',
    unit: 'seconds',
    help: 'Query duration as the callers see it (connection wait included).',
    kinds: ['database'],
    derive: { kind: 'histogram', rate: 'request_rate' },
  },
  // --- Redis (redis_exporter) ------------------------------------------------------------------
  {
    name: 'redis_commands_processed_total',
    type: 'counter',
    help: 'Commands processed.',
    kinds: ['cache', 'queue'],
    derive: { kind: 'integral', from: 'request_rate' },
  },
  {
    name: 'redis_keyspace_hits_total',
    type: 'counter',
    help: 'Reads that found their key.',
    kinds: ['cache'],
    derive: { kind: 'integral', from: 'request_rate', times: 'cache_hit_ratio' },
  },
  {
    name: 'redis_keyspace_misses_total',
    type: 'counter',
    help: 'Reads that missed.',
    kinds: ['cache'],
    derive: { kind: 'integral', from: 'request_rate', times: 'cache_hit_ratio', complement: true },
  },
  {
    name: 'redis_evicted_keys_total',
    type: 'counter',
    help: 'Keys evicted to stay under maxmemory.',
    kinds: ['cache'],
    derive: { kind: 'integral', from: 'cache_evictions_rate' },
  },
  {
    name: 'redis_db_keys',
    type: 'gauge',
    help: 'Keys in the database (INFO keyspace).',
    kinds: ['cache'],
    derive: { kind: 'gauge', from: 'cache_keys', integer: true },
  },
  {
    name: 'redis_memory_used_bytes',
    type: 'gauge',
    unit: 'bytes',
    help: 'Memory Redis uses (the backlog, for a queue).',
    kinds: ['cache', 'queue'],
    derive: { kind: 'gauge', from: 'memory_mb', scale: MIB, integer: true },
  },
  {
    name: 'redis_memory_max_bytes',
    type: 'gauge',
    unit: 'bytes',
    help: 'The maxmemory setting (INFO memory: maxmemory).',
    kinds: ['cache', 'queue'],
    derive: { kind: 'gauge', from: 'max_memory_mb', scale: MIB, integer: true },
  },
  {
    name: 'redis_rejected_commands_total',
    type: 'counter',
    help: 'Commands that failed (OOM command not allowed, timeouts, refused connections).',
    kinds: ['cache', 'queue'],
    derive: { kind: 'integral', from: 'request_rate', times: 'error_ratio' },
  },
  {
    name: 'redis_key_size',
    type: 'gauge',
    help: 'Length of the queue list (redis_exporter --check-keys).',
    kinds: ['queue'],
    derive: { kind: 'gauge', from: 'queue_depth', integer: true },
  },
  {
    name: 'redis_commands_total',
    type: 'counter',
    help: 'Commands by name: LPUSH enqueues, BRPOP dequeues.',
    kinds: ['queue'],
    labels: { cmd: 'lpush' },
    derive: { kind: 'integral', from: 'enqueue_rate' },
  },
  {
    name: 'redis_commands_total',
    type: 'counter',
    help: 'Commands by name: LPUSH enqueues, BRPOP dequeues.',
    kinds: ['queue'],
    labels: { cmd: 'brpop' },
    derive: { kind: 'integral', from: 'dequeue_rate' },
  },
  {
    name: 'queue_oldest_message_age_seconds',
    type: 'gauge',
    unit: 'seconds',
    help: 'Age of the oldest waiting message.',
    kinds: ['queue'],
    derive: { kind: 'gauge', from: 'queue_oldest_seconds' },
  },
  {
    name: 'redis_command_duration_seconds',
    type: 'histogram',
    unit: 'seconds',
    help: 'Command duration as the callers see it.',
    kinds: ['cache', 'queue'],
    derive: { kind: 'histogram', rate: 'request_rate' },
  },
  // --- CoreDNS ---------------------------------------------------------------------------------
  {
    name: 'coredns_dns_requests_total',
    type: 'counter',
    help: 'DNS queries received (the search-path expansion of ndots included).',
    kinds: ['dns'],
    derive: { kind: 'integral', from: 'dns_queries_rate' },
  },
  {
    name: 'coredns_dns_responses_total',
    type: 'counter',
    help: 'DNS responses by rcode (SERVFAIL: failed or timed-out lookups).',
    kinds: ['dns'],
    labels: { rcode: 'NOERROR' },
    derive: { kind: 'integral', from: 'dns_queries_rate', times: 'dns_failure_ratio', complement: true },
  },
  {
    name: 'coredns_dns_responses_total',
    type: 'counter',
    help: 'DNS responses by rcode (SERVFAIL: failed or timed-out lookups).',
    kinds: ['dns'],
    labels: { rcode: 'SERVFAIL' },
    derive: { kind: 'integral', from: 'dns_queries_rate', times: 'dns_failure_ratio' },
  },
  {
    name: 'coredns_dns_request_duration_seconds',
    type: 'histogram',
    unit: 'seconds',
    help: 'Time to answer a query.',
    kinds: ['dns'],
    derive: { kind: 'histogram', rate: 'request_rate' },
  },
  // --- node_exporter (the volume of a node with a disk; device and mountpoint as on EBS) ----------
  {
    name: 'node_filesystem_avail_bytes',
    type: 'gauge',
    unit: 'bytes',
    help: 'Filesystem space available to non-root users (0: writes fail with ENOSPC).',
    kinds: ['service', 'database'],
    derive: { kind: 'gauge', from: 'disk_avail_mb', scale: MIB, integer: true },
  },
  {
    name: 'node_filesystem_size_bytes',
    type: 'gauge',
    unit: 'bytes',
    help: 'Filesystem size.',
    kinds: ['service', 'database'],
    derive: { kind: 'gauge', from: 'disk_size_mb', scale: MIB, integer: true },
  },
  {
    name: 'node_disk_writes_completed_total',
    type: 'counter',
    help: 'Write IOs completed (at most the provisioned IOPS per second).',
    kinds: ['service', 'database'],
    derive: { kind: 'integral', from: 'disk_write_iops' },
  },
  {
    name: 'node_disk_io_time_seconds_total',
    type: 'counter',
    unit: 'seconds',
    help: 'Seconds the device spent doing IO (its rate is the utilisation; 1 = saturated).',
    kinds: ['service', 'database'],
    derive: { kind: 'integral', from: 'disk_io_utilization' },
  },
  {
    name: 'node_cpu_seconds_total',
    type: 'counter',
    unit: 'seconds',
    help: 'CPU seconds by mode; iowait: idle while IO the CPU waits for is outstanding (one CPU, cpu="0").',
    kinds: ['service', 'database'],
    labels: { cpu: '0', mode: 'iowait' },
    derive: { kind: 'integral', from: 'disk_io_utilization', times: 'cpu_utilization', complement: true },
  },
  // --- Traffic routing between regions (a router's weighted records; region = the target's) ------
  {
    name: 'aws_route53_health_check_status',
    type: 'gauge',
    help: "Route 53 HealthCheckStatus of a weighted record's target (CloudWatch via an exporter): 1 healthy, 0 after failureThreshold failed checks; an unhealthy target gets no traffic while another is healthy.",
    kinds: ['edge'],
    derive: { kind: 'gauge', from: 'route_target_healthy' },
  },
  {
    name: 'route_target_traffic_ratio',
    type: 'gauge',
    unit: 'ratio',
    help: "Share of the router's requests that reach this target now: its weight over the healthy targets' weights, as clients see it through the DNS TTL.",
    kinds: ['edge'],
    derive: { kind: 'gauge', from: 'route_traffic_share' },
  },
];

/** Every series name the view can hold: each family's name, a histogram's as _bucket, _sum, _count. */
export const PROM_SERIES_NAMES: ReadonlySet<string> = new Set(
  PROM_FAMILIES.flatMap((f) =>
    f.type === 'histogram' ? [`${f.name}_bucket`, `${f.name}_sum`, `${f.name}_count`] : [f.name],
  ),
);

/**
 * The `instance` label of a node's exporter (host:port as the scrape config names the target):
 * postgres_exporter, redis_exporter and CoreDNS's metrics port. Queries that select a node by it
 * (dashboard-queries.ts) use the same function.
 */
export const EXPORTER_INSTANCE = {
  postgres: (id: string): string => `${id}:5432`,
  redis: (id: string): string => `${id}:6379`,
  coredns: (id: string): string => `${id}:9153`,
} as const;

/** Which exporter's labels a family carries (from its name, as each exporter names them). */
export type LabelScheme =
  'http' | 'edge' | 'route' | 'container' | 'deployment' | 'postgres' | 'redis' | 'coredns' | 'node';

export function labelScheme(family: PromFamily): LabelScheme {
  if (family.scheme) return family.scheme;
  const n = family.name;
  if (n.startsWith('aws_route53_') || n.startsWith('route_')) return 'route';
  if (family.kinds.includes('edge')) return 'edge';
  if (n.startsWith('http_') || n.startsWith('workload_')) return 'http';
  if (n.startsWith('kube_deployment_')) return 'deployment';
  if (n.startsWith('k8s_') || n.startsWith('container_') || n.startsWith('kube_pod_')) return 'container';
  if (n.startsWith('pg_')) return 'postgres';
  if (n.startsWith('coredns_')) return 'coredns';
  if (n.startsWith('node_')) return 'node';
  return 'redis';
}

/**
 * The labels a series of `family` carries for node `id` (and callee `to` on an edge): what the
 * exporter that reports it would attach, so queries copied from real dashboards find them.
 */
export function familyLabels(
  family: PromFamily,
  id: string,
  namespace: string,
  to?: string,
): Record<string, string> {
  const extra = family.labels ?? {};
  if (family.name === 'up') return upLabels(labelScheme(family), id, namespace);
  switch (labelScheme(family)) {
    case 'http':
      return { job: id, namespace, service: id, ...extra };
    case 'edge':
      return { job: id, namespace, service: id, server_address: to ?? '', ...extra };
    case 'route':
      // The record set: the router's name and the target's set identifier.
      return { job: 'cloudwatch', record: id, set_identifier: to ?? '', ...extra };
    case 'container':
      // The scrape job as kube-prometheus names it, so rules copied from the mixins select them.
      if (family.name.startsWith('kube_pod_'))
        return { job: 'kube-state-metrics', namespace, container: id, ...extra };
      if (family.name.startsWith('container_'))
        return { job: 'kubelet', metrics_path: '/metrics/cadvisor', namespace, container: id, ...extra };
      return { namespace, container: id, ...extra };
    case 'deployment':
      return { job: 'kube-state-metrics', namespace, deployment: id, ...extra };
    case 'postgres':
      // pg_settings_* describe the server, not a database: no datname.
      if (family.name.startsWith('pg_settings_'))
        return { job: 'postgres', instance: EXPORTER_INSTANCE.postgres(id), ...extra };
      return { job: 'postgres', instance: EXPORTER_INSTANCE.postgres(id), datname: id, ...extra };
    case 'coredns':
      return {
        job: 'coredns',
        instance: EXPORTER_INSTANCE.coredns(id),
        server: 'dns://:53',
        zone: '.',
        ...extra,
      };
    case 'node':
      // node_exporter on the volume's host: filesystem series name the mount, disk series the device.
      return family.name.startsWith('node_filesystem_')
        ? {
            job: 'node',
            instance: `${id}:9100`,
            device: '/dev/nvme1n1',
            fstype: 'ext4',
            mountpoint: '/data',
            ...extra,
          }
        : family.name.startsWith('node_disk_')
          ? { job: 'node', instance: `${id}:9100`, device: 'nvme1n1', ...extra }
          : { job: 'node', instance: `${id}:9100`, ...extra };
    case 'redis':
      if (family.name === 'redis_key_size')
        return { job: 'redis', instance: EXPORTER_INSTANCE.redis(id), db: 'db0', key: id, ...extra };
      return family.name === 'redis_db_keys'
        ? { job: 'redis', instance: EXPORTER_INSTANCE.redis(id), db: 'db0', ...extra }
        : { job: 'redis', instance: EXPORTER_INSTANCE.redis(id), ...extra };
  }
}

/** `up`'s labels: the target's, as the scrape config attaches them (no exporter labels). */
function upLabels(scheme: LabelScheme, id: string, namespace: string): Record<string, string> {
  switch (scheme) {
    case 'postgres':
      return { job: 'postgres', instance: EXPORTER_INSTANCE.postgres(id) };
    case 'redis':
      return { job: 'redis', instance: EXPORTER_INSTANCE.redis(id) };
    case 'coredns':
      return { job: 'coredns', instance: EXPORTER_INSTANCE.coredns(id) };
    default:
      return { job: id, namespace, service: id };
  }
}
