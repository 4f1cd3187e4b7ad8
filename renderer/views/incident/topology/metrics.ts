/**
 * Which numbers each kind of node shows: 2-3 on its card in the graph, more (with sparklines) in
 * the side panel; and what feeds its health colour. Pure lookups over a MetricBuffer-like `find`.
 */
import type { NodeKind, ScenarioNode } from '../../../../simulator/scenario/schema';

export interface KeyMetric {
  readonly metric: string;
  /** Short label for the card ("rps", "err", "p99"). */
  readonly short: string;
  /** Label in the side panel. */
  readonly title: string;
}

const m = (metric: string, short: string, title: string): KeyMetric => ({ metric, short, title });
const RPS = m('request_rate', 'rps', 'Request rate');
const ERR = m('error_ratio', 'err', 'Error ratio');
const P99 = m('latency_p99', 'p99', 'Latency p99');
const SAT = m('saturation', 'sat', 'Saturation');
const CPU = m('cpu_utilization', 'cpu', 'CPU utilisation');
const MEM = m('memory_mb', 'mem', 'Memory');
const READY = m('replicas_ready', 'ready', 'Replicas ready');

/** The 2-3 live numbers on a node's card. */
export const CARD_METRICS: Readonly<Record<NodeKind, readonly KeyMetric[]>> = {
  client: [RPS, ERR, P99],
  loadbalancer: [RPS, ERR, P99],
  service: [RPS, ERR, P99],
  database: [
    m('db_connections', 'conns', 'Connections in use'),
    m('db_slow_queries', 'slow', 'Slow queries'),
    P99,
  ],
  cache: [RPS, m('cache_hit_ratio', 'hit', 'Cache hit ratio'), MEM],
  queue: [
    m('queue_depth', 'depth', 'Queue depth'),
    m('queue_memory_mb', 'mem', 'Queue memory'),
    m('queue_oldest_seconds', 'oldest', 'Oldest message'),
  ],
  dns: [
    m('dns_queries_rate', 'qps', 'DNS queries'),
    m('dns_failure_ratio', 'fail', 'DNS failure ratio'),
    P99,
  ],
  external: [RPS, ERR, P99],
};

/** The metrics (with sparklines) in the node side panel. */
export const PANEL_METRICS: Readonly<Record<NodeKind, readonly KeyMetric[]>> = {
  client: [RPS, m('throughput', 'ok', 'Throughput'), ERR, P99],
  loadbalancer: [RPS, ERR, P99, SAT],
  service: [
    RPS,
    ERR,
    P99,
    SAT,
    CPU,
    m('cpu_throttled_ratio', 'thr', 'CPU throttled'),
    MEM,
    READY,
    m('restarts_total', 'rst', 'Restarts'),
  ],
  database: [RPS, ERR, P99, ...CARD_METRICS.database.slice(0, 2), CPU, SAT],
  cache: [
    RPS,
    m('cache_hit_ratio', 'hit', 'Cache hit ratio'),
    ERR,
    P99,
    MEM,
    CPU,
    m('cache_evictions_rate', 'evict', 'Evictions'),
  ],
  queue: [
    ...CARD_METRICS.queue,
    m('enqueue_rate', 'in', 'Enqueued'),
    m('dequeue_rate', 'out', 'Dequeued'),
    ERR,
  ],
  dns: [...CARD_METRICS.dns.slice(0, 2), ERR, P99, CPU, MEM, READY],
  external: [RPS, ERR, P99],
};

type Find = (metric: string, node: string) => number;

/** Series indices for a list of metrics on a node (-1 where the engine records none). */
export function seriesIndices(find: Find, node: string, metrics: readonly KeyMetric[]): number[] {
  return metrics.map((k) => find(k.metric, node));
}

/** Series that feed a node's health: error-like ratio(s) and a 0-1 fill level. */
export interface HealthSeries {
  readonly errors: readonly number[];
  readonly saturation: number;
  /** Queue memory: divide by `capacity` to get a fill level. */
  readonly fill: number;
  readonly capacity: number;
}

export function healthSeries(find: Find, node: ScenarioNode): HealthSeries {
  const errors = [find('error_ratio', node.id)];
  if (node.kind === 'dns') errors.push(find('dns_failure_ratio', node.id));
  return {
    errors: errors.filter((i) => i >= 0),
    saturation: find('saturation', node.id),
    fill: node.kind === 'queue' ? find('queue_memory_mb', node.id) : -1,
    capacity: node.kind === 'queue' ? node.maxMemoryMb : 1,
  };
}

/** A line of static facts about a node, from the scenario (what the trainee could read in a manifest). */
export function describeNode(node: ScenarioNode): string {
  switch (node.kind) {
    case 'client':
      return 'traffic source';
    case 'loadbalancer':
      return `max ${node.maxConnections} connections`;
    case 'service':
      return `${node.version} · ${node.replicas} replicas × ${node.concurrency} threads · ${node.cpuLimit} CPU`;
    case 'database':
      return `max ${node.maxConnections} connections · ${node.cpuCores} cores${node.readReplicas ? ` · ${node.readReplicas} replicas` : ''}`;
    case 'cache':
      return `${node.maxMemoryMb} MB · ${node.policy}`;
    case 'queue':
      return `${node.maxMemoryMb} MB · ${node.policy}${node.consumers.length ? ` · consumers: ${node.consumers.join(', ')}` : ''}`;
    case 'dns':
      return `${node.replicas} resolvers · ndots ${node.ndots}`;
    case 'external':
      return node.rateLimit ? `rate limit ${node.rateLimit}/s` : 'third-party provider';
  }
}
