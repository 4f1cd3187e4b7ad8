/**
 * The catalog of metric names the engine records. One list feeds the engine's series, scenario
 * validation (alert expressions may only name these), the docs and the dashboards.
 * Every series carries a `node` label; edge series also carry `to`.
 */
import { REQUEST_SERVING_KINDS } from '../scenario/node-kinds';
import type { NodeKind } from '../scenario/schema';

export interface MetricDef {
  readonly name: string;
  readonly unit: 'rps' | 'ratio' | 'seconds' | 'count' | 'mb' | 'qps';
  readonly help: string;
  /** Node kinds that record it; 'edge' for per-edge series. */
  readonly kinds: readonly (NodeKind | 'edge')[];
  /**
   * 'disk': recorded only for the nodes of those kinds that have a `disk` (disk-model.ts);
   * 'route': only for a router's weighted calls (routing.ts); 'image': only in a scenario where a
   * service has an `imageRegistry` (image-pull.ts); 'scrape': only in one with an
   * `alerting.scrapeVia` (scrape-path.ts).
   */
  readonly scope?: 'disk' | 'route' | 'image' | 'scrape';
}

/** Every kind that receives requests (all but the client), from the catalog: they record the
 * request, error and latency series. */
const WORKLOAD: readonly NodeKind[] = REQUEST_SERVING_KINDS;

export const METRICS: readonly MetricDef[] = [
  {
    name: 'request_rate',
    unit: 'rps',
    help: 'Requests arriving per second (including retries).',
    kinds: ['client', ...WORKLOAD],
  },
  {
    name: 'throughput',
    unit: 'rps',
    help: 'Requests completed successfully per second.',
    kinds: ['client', ...WORKLOAD],
  },
  {
    name: 'error_ratio',
    unit: 'ratio',
    help: 'Share of requests that failed (errors, rejections, timeouts).',
    kinds: ['client', ...WORKLOAD],
  },
  { name: 'latency_p50', unit: 'seconds', help: 'Median response time.', kinds: ['client', ...WORKLOAD] },
  {
    name: 'latency_p95',
    unit: 'seconds',
    help: '95th percentile response time.',
    kinds: ['client', ...WORKLOAD],
  },
  {
    name: 'latency_p99',
    unit: 'seconds',
    help: '99th percentile response time.',
    kinds: ['client', ...WORKLOAD],
  },
  { name: 'latency_mean', unit: 'seconds', help: 'Mean response time.', kinds: ['client', ...WORKLOAD] },
  {
    name: 'inflight',
    unit: 'count',
    help: "Requests in progress (Little's law: rate x response time).",
    kinds: ['service', 'loadbalancer', 'database'],
  },
  {
    name: 'saturation',
    unit: 'ratio',
    help: 'In-flight requests over available threads or connections.',
    kinds: ['service', 'loadbalancer', 'database', 'cache', 'dns'],
  },
  {
    name: 'cpu_utilization',
    unit: 'ratio',
    help: 'CPU used over the CPU limit (0-1).',
    kinds: ['service', 'database', 'cache', 'dns'],
  },
  {
    name: 'cpu_throttled_ratio',
    unit: 'ratio',
    help: 'Share of CFS periods in which the container was throttled.',
    kinds: ['service'],
  },
  {
    name: 'memory_mb',
    unit: 'mb',
    help: 'Memory used per replica (services) or in total (cache, queue, dns).',
    kinds: ['service', 'cache', 'queue', 'dns'],
  },
  { name: 'replicas_ready', unit: 'count', help: 'Replicas serving traffic.', kinds: ['service', 'dns'] },
  {
    name: 'replicas_desired',
    unit: 'count',
    help: 'Replicas the deployment asks for (spec.replicas): set by scaling and the autoscaler.',
    kinds: ['service', 'dns'],
  },
  {
    name: 'replicas_starting',
    unit: 'count',
    help: 'Replicas in their cold start, not yet ready (those waiting out CrashLoopBackOff are not counted).',
    kinds: ['service', 'dns'],
  },
  {
    name: 'replicas_unready',
    unit: 'count',
    help: 'Replicas running but out of rotation: their readiness probe fails (kubectl: READY 0/1).',
    kinds: ['service'],
  },
  {
    name: 'replicas_waiting_backoff',
    unit: 'count',
    help: 'Replicas in CrashLoopBackOff: crashed and waiting (10 s doubling to 5 min) before the kubelet starts them again.',
    kinds: ['service', 'dns'],
  },
  {
    name: 'replicas_waiting_image',
    unit: 'count',
    help: 'New pods waiting for their image (ImagePullBackOff: the registry fails, next pull after 10 s doubling to 5 min); a stalled rollout counts its surge pods.',
    kinds: ['service'],
    scope: 'image',
  },
  {
    name: 'scrape_ok',
    unit: 'count',
    help: "1 while Prometheus scrapes the node, 0 while the scrapes fail (alerting.scrapeVia is broken): Prometheus's `up` for its targets, and a gap in their other series.",
    kinds: ['client', ...WORKLOAD],
    scope: 'scrape',
  },
  {
    name: 'liveness_probe_failing',
    unit: 'count',
    help: 'Replicas whose last liveness probe failed; failureThreshold failures in a row restart them.',
    kinds: ['service'],
  },
  {
    name: 'readiness_probe_failing',
    unit: 'count',
    help: 'Replicas whose readiness probe is failing (out of rotation, or about to be after failureThreshold failures).',
    kinds: ['service'],
  },
  {
    name: 'liveness_probe_failures_total',
    unit: 'count',
    help: 'Failed liveness probes since the start, one per replica probed.',
    kinds: ['service'],
  },
  {
    name: 'readiness_probe_failures_total',
    unit: 'count',
    help: 'Failed readiness probes since the start, one per replica probed.',
    kinds: ['service'],
  },
  {
    name: 'restarts_total',
    unit: 'count',
    help: 'Container restarts since the start (OOM kills, crashes, failed liveness probes, restarts).',
    kinds: ['service', 'dns'],
  },
  { name: 'queue_depth', unit: 'count', help: 'Messages waiting in the queue.', kinds: ['queue'] },
  { name: 'queue_memory_mb', unit: 'mb', help: 'Memory the backlog uses.', kinds: ['queue'] },
  {
    name: 'queue_oldest_seconds',
    unit: 'seconds',
    help: 'Age of the oldest waiting message.',
    kinds: ['queue'],
  },
  { name: 'enqueue_rate', unit: 'rps', help: 'Messages accepted per second.', kinds: ['queue'] },
  { name: 'dequeue_rate', unit: 'rps', help: 'Messages consumed per second.', kinds: ['queue'] },
  { name: 'db_connections', unit: 'count', help: 'Connections in use.', kinds: ['database'] },
  {
    name: 'db_max_connections',
    unit: 'count',
    help: 'The max_connections setting: connections beyond it are refused.',
    kinds: ['database'],
  },
  {
    name: 'db_slow_queries',
    unit: 'count',
    help: 'Long-running queries currently executing.',
    kinds: ['database'],
  },
  { name: 'cache_hit_ratio', unit: 'ratio', help: 'Share of reads served from the cache.', kinds: ['cache'] },
  { name: 'cache_evictions_rate', unit: 'rps', help: 'Keys evicted per second.', kinds: ['cache'] },
  {
    name: 'max_memory_mb',
    unit: 'mb',
    help: 'The maxmemory setting: past it Redis evicts (allkeys-lru) or refuses writes (noeviction).',
    kinds: ['cache', 'queue'],
  },
  {
    name: 'cache_keys',
    unit: 'count',
    help: 'Keys in the cache (DBSIZE): near 0 after a restart or flush, back up as keys are fetched.',
    kinds: ['cache'],
  },
  {
    name: 'dns_queries_rate',
    unit: 'qps',
    help: 'DNS queries per second arriving at the resolver.',
    kinds: ['dns'],
  },
  {
    name: 'dns_failure_ratio',
    unit: 'ratio',
    help: 'Share of lookups that failed or timed out.',
    kinds: ['dns'],
  },
  {
    name: 'disk_avail_mb',
    unit: 'mb',
    help: "Free space on the node's volume (nodes with a disk).",
    kinds: ['service', 'database'],
    scope: 'disk',
  },
  {
    name: 'disk_size_mb',
    unit: 'mb',
    help: "Size of the node's volume (nodes with a disk).",
    kinds: ['service', 'database'],
    scope: 'disk',
  },
  {
    name: 'disk_write_iops',
    unit: 'rps',
    help: 'Write IOs completed per second (at most the provisioned IOPS).',
    kinds: ['service', 'database'],
    scope: 'disk',
  },
  {
    name: 'disk_io_utilization',
    unit: 'ratio',
    help: 'Share of the time the volume was busy writing (1: writes queue).',
    kinds: ['service', 'database'],
    scope: 'disk',
  },
  {
    name: 'disk_io_wait_seconds',
    unit: 'seconds',
    help: 'Time a write waits for the IOs queued ahead of it (beyond the provisioned IOPS).',
    kinds: ['service', 'database'],
    scope: 'disk',
  },
  {
    name: 'disk_wal_retained_mb',
    unit: 'mb',
    help: 'Databases with a disk: WAL a replication slot retains (pg_replication_slots; 0 without such a slot).',
    kinds: ['database'],
    scope: 'disk',
  },
  {
    name: 'edge_request_rate',
    unit: 'rps',
    help: 'Calls per second on an edge (labels node=caller, to=callee).',
    kinds: ['edge'],
  },
  { name: 'edge_error_ratio', unit: 'ratio', help: 'Failed share of calls on an edge.', kinds: ['edge'] },
  {
    name: 'edge_retry_rate',
    unit: 'rps',
    help: 'Retries per second on an edge (attempts after the first; part of edge_request_rate).',
    kinds: ['edge'],
  },
  {
    name: 'route_traffic_share',
    unit: 'ratio',
    help: "A router's weighted calls: the share of its requests this target gets now (its weight over the healthy targets' weights, as clients see it through the DNS TTL).",
    kinds: ['edge'],
    scope: 'route',
  },
  {
    name: 'route_target_healthy',
    unit: 'count',
    help: "A router's weighted calls: 1 while the target passes the router's health checks, 0 once it failed failureThreshold in a row.",
    kinds: ['edge'],
    scope: 'route',
  },
];

export const METRIC_NAMES: ReadonlySet<string> = new Set(METRICS.map((m) => m.name));

export function metricDef(name: string): MetricDef | undefined {
  return METRICS.find((m) => m.name === name);
}
