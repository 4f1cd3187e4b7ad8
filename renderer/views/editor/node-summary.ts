/** One-line summaries of a node for the canvas card, and the colour family of its accent. */
import { isNodeKind } from '../../../simulator/scenario/node-kinds';
import type { NodeKind } from '../../../simulator/scenario/schema';
import type { JsonObject } from './doc';

const n = (v: unknown, fallback: number | string) => (v === undefined ? fallback : String(v));

/** The subtitle of each kind's card (from the document as written: values may be missing). */
export const KIND_SUBTITLES: Readonly<Record<NodeKind, (node: JsonObject) => string>> = {
  client: (node) => {
    const stages = Array.isArray(node.stages) ? node.stages : [];
    const last = stages[stages.length - 1];
    const target = last && typeof last === 'object' && !Array.isArray(last) ? last.target : undefined;
    return target === undefined ? '' : `${String(target)} req/s`;
  },
  loadbalancer: (node) => `${n(node.maxConnections, 10000)} conns`,
  service: (node) => `${n(node.replicas, 2)} × ${n(node.concurrency, 50)} threads`,
  database: (node) => `${n(node.maxConnections, 100)} conns`,
  cache: (node) => `hit ${n(node.hitRatio, 0.9)}`,
  queue: (node) => `${n(node.maxMemoryMb, 512)} MB`,
  dns: (node) => `${n(node.replicas, 2)} resolvers`,
  external: (node) => `${n(node.latency, '200ms')}`,
};

export function subtitleOf(node: JsonObject): string {
  return isNodeKind(node.kind) ? KIND_SUBTITLES[node.kind](node) : '';
}

/** Colour family of a card's left border (editor.css `.ed-node.tone-*`). */
export type KindTone = 'client' | 'app' | 'data' | 'infra';

export const KIND_TONES: Readonly<Record<NodeKind, KindTone>> = {
  client: 'client',
  loadbalancer: 'infra',
  service: 'app',
  database: 'data',
  cache: 'data',
  queue: 'data',
  dns: 'infra',
  external: 'infra',
};
