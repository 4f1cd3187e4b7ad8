/**
 * Which numbers each kind of node shows: 2-3 on its card in the graph, more (with sparklines) in
 * the side panel; and what feeds its health colour. Pure lookups over a MetricBuffer-like `find`.
 */
import type { NodeLive } from '../../../../simulator/engine/api';
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

/** Replicas wanted, and how many are ready and starting when that differs. */
function replicaCount(wanted: number, live: NodeLive | undefined, noun: string): string {
  const ready = live?.ready ?? wanted;
  const starting = live?.starting ?? 0;
  if (ready === wanted && starting === 0) return `${wanted} ${noun}`;
  return `${wanted} ${noun} (${ready} ready${starting > 0 ? `, ${starting} starting` : ''})`;
}

const PROBE_TEXT = { ok: '', failing: ' · readiness probe failing', 'out-of-rotation': ' · out of rotation' };

/**
 * A line of facts about a node (what the trainee could read in a manifest or `kubectl get`): the
 * live values when the engine has sent them (version after a deploy, replicas after scaling,
 * limits after an action, the readiness probe), else the scenario's.
 */
export function describeNode(node: ScenarioNode, live?: NodeLive): string {
  const limit = live ? live.rateLimit : 'rateLimit' in node ? node.rateLimit : undefined;
  const limitText = limit ? ` · rate limit ${limit}/s` : '';
  switch (node.kind) {
    case 'client':
      return 'traffic source';
    case 'loadbalancer':
      return `max ${live?.maxConnections ?? node.maxConnections} connections${limitText}`;
    case 'service': {
      const replicas = replicaCount(live?.replicas ?? node.replicas, live, 'replicas');
      const probe = PROBE_TEXT[live?.probe ?? 'ok'];
      return `${live?.version ?? node.version} · ${replicas} × ${live?.threads ?? node.concurrency} threads · ${live?.cpu ?? node.cpuLimit} CPU${probe}${limitText}`;
    }
    case 'database': {
      const read = live?.readReplicas ?? node.readReplicas;
      return `max ${live?.maxConnections ?? node.maxConnections} connections · ${live?.cpu ?? node.cpuCores} cores${read ? ` · ${read} replicas` : ''}`;
    }
    case 'cache':
      return `${live?.maxMemoryMb ?? node.maxMemoryMb} MB · ${node.policy}`;
    case 'queue':
      return `${live?.maxMemoryMb ?? node.maxMemoryMb} MB · ${node.policy}${node.consumers.length ? ` · consumers: ${node.consumers.join(', ')}` : ''}`;
    case 'dns':
      return `${replicaCount(live?.replicas ?? node.replicas, live, 'resolvers')} · ndots ${node.ndots}`;
    case 'external':
      return limit ? `rate limit ${limit}/s` : 'third-party provider';
  }
}
