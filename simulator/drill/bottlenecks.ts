/**
 * The bottleneck sequence of a load test: which component saturated first, at what multiple of the
 * peak, then which next. Read from the engine's own utilisation and saturation series (busy threads
 * or connections over those available, CPU over its limit, a backlog's age, a rate limit's share).
 * The catalog below is the one list of resources per node kind: detection, the drill validator
 * (declared `bottlenecks`) and the docs read it.
 */
import type { MetricStore, NodeLive } from '../engine/api';
import type { NodeKind } from '../scenario/schema';

export interface ResourceDef {
  readonly name: string;
  /** The series whose value, over `limit`, is the utilisation. */
  readonly metric: string;
  /** The divisor (undefined: the node has no such limit, skip). */
  readonly limit: (live: NodeLive) => number | undefined;
  /** Utilisation at which it counts as saturated. */
  readonly threshold: number;
  /** How the docs state the rule. */
  readonly rule: string;
}

/** Share of a capacity at which a resource counts as saturated. */
export const SATURATED = 0.9;
/** Age of the oldest message at which a queue's consumers count as behind. */
export const BACKLOG_SECONDS = 30;

const ratio = () => 1;
const rateLimit = (live: NodeLive) => live.rateLimit;

const cpu: ResourceDef = {
  name: 'CPU',
  metric: 'cpu_utilization',
  limit: ratio,
  threshold: SATURATED,
  rule: 'cpu_utilization >= 0.9',
};
const limited: ResourceDef = {
  name: 'rate limit',
  metric: 'request_rate',
  limit: rateLimit,
  threshold: SATURATED,
  rule: 'request_rate >= 0.9 x its rate limit',
};

export const RESOURCES: Readonly<Record<NodeKind, readonly ResourceDef[]>> = {
  client: [],
  loadbalancer: [
    {
      name: 'connections',
      metric: 'saturation',
      limit: ratio,
      threshold: SATURATED,
      rule: 'saturation >= 0.9',
    },
    limited,
  ],
  service: [
    cpu,
    {
      name: 'worker threads',
      metric: 'saturation',
      limit: ratio,
      threshold: SATURATED,
      rule: 'saturation (busy threads / threads) >= 0.9',
    },
    limited,
  ],
  database: [
    cpu,
    {
      name: 'connections',
      metric: 'saturation',
      limit: ratio,
      threshold: SATURATED,
      rule: 'saturation (busy connections / max_connections) >= 0.9',
    },
  ],
  cache: [
    {
      name: 'ops capacity',
      metric: 'cpu_utilization',
      limit: ratio,
      threshold: SATURATED,
      rule: 'operations / opsCapacity >= 0.9',
    },
  ],
  queue: [
    {
      name: 'backlog',
      metric: 'queue_oldest_seconds',
      limit: () => BACKLOG_SECONDS,
      threshold: 1,
      rule: `the oldest message waits ${BACKLOG_SECONDS} s or more (consumers behind)`,
    },
    {
      name: 'memory',
      metric: 'queue_memory_mb',
      limit: (live) => live.maxMemoryMb,
      threshold: SATURATED,
      rule: 'queue_memory_mb >= 0.9 x maxmemory',
    },
  ],
  dns: [
    {
      name: 'resolvers',
      metric: 'saturation',
      limit: ratio,
      threshold: SATURATED,
      rule: 'saturation >= 0.9',
    },
  ],
  external: [limited],
};

export interface Bottleneck {
  readonly node: string;
  readonly label: string;
  readonly resource: string;
  /** Seconds into the test window. */
  readonly t: number;
  /** The multiple of the tested client's peak offered then. */
  readonly multiple: number;
}

/** Ticks in a row a resource must stay saturated (one noisy tick is not a bottleneck). */
const HOLD_TICKS = 2;

/**
 * The resources that saturated during ticks [fromTick, toTick), in the order they did. `multipleAt`
 * gives the multiple of the peak offered at a time into the window.
 */
export function bottleneckSequence(
  metrics: MetricStore,
  nodes: readonly { id: string; kind: NodeKind; label?: string }[],
  live: readonly NodeLive[],
  fromTick: number,
  toTick: number,
  tickSeconds: number,
  multipleAt: (t: number) => number,
): Bottleneck[] {
  const found: (Bottleneck & { order: number })[] = [];
  nodes.forEach((node, order) => {
    const state = live.find((l) => l.id === node.id);
    if (!state) return;
    for (const r of RESOURCES[node.kind]) {
      const index = metrics.find(r.metric, node.id);
      const limit = r.limit(state);
      if (index < 0 || limit === undefined || !(limit > 0)) continue;
      let run = 0;
      for (let k = fromTick; k < toTick; k++) {
        run = metrics.at(index, k) / limit >= r.threshold ? run + 1 : 0;
        if (run < HOLD_TICKS) continue;
        const t = (k - HOLD_TICKS + 1 - fromTick) * tickSeconds;
        found.push({
          node: node.id,
          label: node.label ?? node.id,
          resource: r.name,
          t,
          multiple: multipleAt(t),
          order,
        });
        break;
      }
    }
  });
  found.sort((a, b) => a.t - b.t || a.order - b.order);
  return found.map(({ order: _order, ...b }) => b);
}

/** "orders-db CPU at 1.6x, then checkout worker threads at 1.8x" (node ids: labels may name a class the changes replaced). */
export function describeSequence(sequence: readonly Bottleneck[]): string {
  if (sequence.length === 0) return 'nothing saturated';
  return sequence.map((b) => `${b.node} ${b.resource} at ${b.multiple.toFixed(1)}x`).join(', then ');
}
