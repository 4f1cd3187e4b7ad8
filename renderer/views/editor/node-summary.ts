/** One-line summaries of a node for the canvas card. */
import type { JsonObject } from './doc';

const n = (v: unknown, fallback: number | string) => (v === undefined ? fallback : String(v));

export function subtitleOf(node: JsonObject): string {
  switch (node.kind) {
    case 'client': {
      const stages = Array.isArray(node.stages) ? node.stages : [];
      const last = stages[stages.length - 1];
      const target = last && typeof last === 'object' && !Array.isArray(last) ? last.target : undefined;
      return target === undefined ? '' : `${String(target)} req/s`;
    }
    case 'service':
      return `${n(node.replicas, 2)} × ${n(node.concurrency, 50)} threads`;
    case 'database':
      return `${n(node.maxConnections, 100)} conns`;
    case 'cache':
      return `hit ${n(node.hitRatio, 0.9)}`;
    case 'queue':
      return `${n(node.maxMemoryMb, 512)} MB`;
    case 'dns':
      return `${n(node.replicas, 2)} resolvers`;
    case 'external':
      return `${n(node.latency, '200ms')}`;
    case 'loadbalancer':
      return `${n(node.maxConnections, 10000)} conns`;
    default:
      return '';
  }
}
