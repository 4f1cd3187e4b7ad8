/**
 * Builds the xyflow nodes and edges for a scenario, once per scenario. Live numbers and colours
 * are not in these arrays: node and edge components read them from the store, so a snapshot
 * never recreates the graph.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { NodeKind, Scenario } from '../../../../simulator/scenario/schema';
import { layoutWithRoutes, routeKey } from './layout';
import type { Point } from './edge-route';

export interface TopoNodeData extends Record<string, unknown> {
  readonly label: string;
  readonly kind: NodeKind;
}
export type TopoNode = Node<TopoNodeData, NodeKind>;

/** sync/async: scenario calls; consumer: a queue feeding a worker; lookup: caller -> DNS. */
export type EdgeMode = 'sync' | 'async' | 'consumer' | 'lookup';
export interface TopoEdgeData extends Record<string, unknown> {
  readonly from: string;
  readonly to: string;
  readonly mode: EdgeMode;
  /** Waypoints around the columns it crosses (layout.ts), when it crosses any. */
  readonly route?: readonly Point[];
}
export type TopoEdge = Edge<TopoEdgeData, 'live'>;

export function buildFlow(scenario: Pick<Scenario, 'nodes' | 'edges'>): {
  nodes: TopoNode[];
  edges: TopoEdge[];
} {
  const { positions, routes } = layoutWithRoutes({
    nodes: scenario.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      position: n.position,
      consumers: n.kind === 'queue' ? n.consumers : undefined,
    })),
    edges: scenario.edges,
  });
  const ids = new Set(scenario.nodes.map((n) => n.id));
  const nodes: TopoNode[] = scenario.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: positions.get(n.id) ?? { x: 0, y: 0 },
    data: { label: n.label ?? n.id, kind: n.kind },
    connectable: false,
  }));

  const edges: TopoEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, mode: EdgeMode) => {
    const id = `${mode}:${from}->${to}`;
    if (seen.has(id) || !ids.has(from) || !ids.has(to)) return;
    seen.add(id);
    edges.push({
      id,
      source: from,
      target: to,
      type: 'live',
      data: {
        from,
        to,
        mode,
        ...(routes.has(routeKey(from, to)) ? { route: routes.get(routeKey(from, to)) } : {}),
      },
      focusable: false,
      selectable: false,
      markerEnd:
        mode === 'lookup'
          ? undefined
          : { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#6b7585' },
    });
  };
  for (const e of scenario.edges) add(e.from, e.to, e.mode);
  for (const n of scenario.nodes)
    if (n.kind === 'queue') for (const c of n.consumers) add(n.id, c, 'consumer');
  for (const e of scenario.edges) if (e.dns) add(e.from, e.dns, 'lookup');
  return { nodes, edges };
}
