/**
 * Left-to-right auto-layout of a scenario's topology with dagre: clients first, then the edge
 * (load balancers), services, and the data tier (databases, caches, DNS, external providers) in
 * the last columns. Pure: computed once per scenario and tested without a DOM.
 *
 * Dagre ranks by edges only, which would let a client float next to the service it calls and a
 * database next to its first caller. Two invisible anchors fix that: a source with heavy edges to
 * every client (pulls them into the first column) and a sink with heavy edges from every data
 * node (pulls them into the last column). Queue consumers and DNS lookups add layout-only edges
 * (queue -> consumer, caller -> dns) so workers sit after their queue and resolvers after callers.
 */
import dagre from '@dagrejs/dagre';
import { sampleRoute } from './edge-route';
import { isNodeKind } from '../../../../simulator/scenario/node-kinds';
import type { NodeKind } from '../../../../simulator/scenario/schema';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 78;

/** The part of a scenario the layout reads (structural, so tests can pass small literals). */
export interface LayoutNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly position?: { readonly x: number; readonly y: number };
  readonly consumers?: readonly string[];
}
export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
  readonly dns?: string;
}
export interface LayoutInput {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
}

export type Tier = 'client' | 'edge' | 'app' | 'data';

/** The layout column of each kind. */
export const KIND_TIERS: Readonly<Record<NodeKind, Tier>> = {
  client: 'client',
  loadbalancer: 'edge',
  service: 'app',
  queue: 'app',
  database: 'data',
  cache: 'data',
  dns: 'data',
  external: 'data',
};

/** The tier of a kind; 'data' for a kind the catalog does not know (a half-typed editor node). */
export function tierOf(kind: NodeKind): Tier {
  return isNodeKind(kind) ? KIND_TIERS[kind] : 'data';
}

const SOURCE = '\u0000source';
const SINK = '\u0000sink';
const ANCHOR_WEIGHT = 50;

/** Top-left positions (xyflow convention) of every node, keyed by id. */
export function layoutTopology(input: LayoutInput): Map<string, { x: number; y: number }> {
  return layoutWithRoutes(input).positions;
}

/** The key of a drawn edge's route: `from->to`. */
export const routeKey = (from: string, to: string): string => `${from}->${to}`;

/**
 * Positions, and for every edge that crosses at least one column the waypoints dagre routed it
 * through (column by column, in slots no node uses), keyed by routeKey. Hand-placed layouts
 * (every node has a position) have no routes.
 */
export function layoutWithRoutes(input: LayoutInput): {
  positions: Map<string, { x: number; y: number }>;
  routes: Map<string, { x: number; y: number }[]>;
} {
  const positions = new Map<string, { x: number; y: number }>();
  const routes = new Map<string, { x: number; y: number }[]>();
  if (input.nodes.length > 0 && input.nodes.every((n) => n.position)) {
    for (const n of input.nodes) positions.set(n.id, { x: n.position?.x ?? 0, y: n.position?.y ?? 0 });
    return { positions, routes };
  }
  const ids = new Set(input.nodes.map((n) => n.id));
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'LR',
    nodesep: 28,
    ranksep: 130,
    edgesep: 16,
    marginx: 20,
    marginy: 20,
    ranker: 'network-simplex',
  });
  g.setDefaultEdgeLabel(() => ({}));

  g.setNode(SOURCE, { width: 1, height: 1 });
  g.setNode(SINK, { width: 1, height: 1 });
  for (const n of input.nodes) {
    g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    const tier = tierOf(n.kind);
    if (tier === 'client') g.setEdge(SOURCE, n.id, { weight: ANCHOR_WEIGHT, minlen: 1 }, 'anchor');
    else g.setEdge(SOURCE, n.id, { weight: 0, minlen: tier === 'edge' ? 2 : 3 }, 'anchor');
    if (tier === 'data') g.setEdge(n.id, SINK, { weight: ANCHOR_WEIGHT, minlen: 1 }, 'anchor');
    else g.setEdge(n.id, SINK, { weight: 0, minlen: 2 }, 'anchor');
  }
  let k = 0;
  const named: { from: string; to: string; name: string }[] = [];
  const link = (from: string, to: string, weight: number) => {
    if (from === to || !ids.has(from) || !ids.has(to)) return;
    const name = `e${k++}`;
    named.push({ from, to, name });
    g.setEdge(from, to, { weight, minlen: 1 }, name);
  };
  for (const e of input.edges) {
    link(e.from, e.to, 2);
    if (e.dns) link(e.from, e.dns, 1);
  }
  for (const n of input.nodes) for (const c of n.consumers ?? []) link(n.id, c, 2);

  dagre.layout(g);
  for (const n of input.nodes) {
    const p = g.node(n.id);
    positions.set(n.id, { x: (p?.x ?? 0) - NODE_WIDTH / 2, y: (p?.y ?? 0) - NODE_HEIGHT / 2 });
  }
  for (const { from, to, name } of named) {
    const points = (g.edge({ v: from, w: to, name }) as { points?: { x: number; y: number }[] } | undefined)
      ?.points;
    // dagre's first and last points sit on the node borders; the ones between are the dummy
    // nodes' slots, one per column crossed (an edge between neighbouring columns has none).
    const dummies = points && points.length > 3 ? points.slice(1, -1) : [];
    const inner = dummies.filter((pt) => !insideAny(pt, positions));
    if (inner.length === 0 || routes.has(routeKey(from, to))) continue;
    // A detour only where the direct curve would pass behind another node.
    const a = positions.get(from);
    const b = positions.get(to);
    if (!a || !b) continue;
    const direct = sampleRoute([
      { x: a.x + NODE_WIDTH, y: a.y + NODE_HEIGHT / 2 },
      { x: b.x, y: b.y + NODE_HEIGHT / 2 },
    ]);
    const others = new Map([...positions].filter(([id]) => id !== from && id !== to));
    if (direct.some((pt) => insideAny(pt, others))) routes.set(routeKey(from, to), inner);
  }
  return { positions, routes };
}

function insideAny(pt: { x: number; y: number }, positions: Map<string, { x: number; y: number }>): boolean {
  for (const p of positions.values())
    if (pt.x > p.x && pt.x < p.x + NODE_WIDTH && pt.y > p.y && pt.y < p.y + NODE_HEIGHT) return true;
  return false;
}
