/**
 * One custom xyflow node component per kind. The cards read their own live numbers and health
 * from the store (see live.ts), so the ReactFlow `nodes` array never changes during a run.
 * `nodeTypes` is defined once at module level, as xyflow requires for stable renders.
 */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { NodeKind } from '../../../../simulator/scenario/schema';
import { useConsoleUi } from '../../../stores/console-ui-store';
import type { TopoNode } from './flow';
import { KIND_NAMES, KindIcon } from './icons';
import { useNodeLive } from './live';
import { CARD_METRICS } from './metrics';

const HEALTH_TEXT = { ok: 'healthy', warn: 'degraded', crit: 'critical', unknown: 'no data' } as const;

function NodeCard({ id, data, kind }: NodeProps<TopoNode> & { kind: NodeKind }) {
  const live = useNodeLive(id);
  const selected = useConsoleUi((s) => s.selectedNode === id);
  const metrics = CARD_METRICS[kind];
  return (
    <div
      className={`topo-node kind-${kind} health-${live.health}${selected ? ' is-selected' : ''}`}
      title={`${data.label} (${KIND_NAMES[kind]}): ${HEALTH_TEXT[live.health]}`}
      data-testid={`topo-node-${id}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="topo-node-head">
        <span className="topo-node-icon">
          <KindIcon kind={kind} />
        </span>
        <span className="topo-node-label">{data.label}</span>
        <span className="topo-node-dot" aria-label={HEALTH_TEXT[live.health]} />
      </div>
      <div className="topo-node-stats">
        {metrics.map((m, i) => (
          <span key={m.metric} className="topo-stat">
            <span className="topo-stat-value">{live.values[i] ?? '–'}</span>
            <span className="topo-stat-label">{m.short}</span>
          </span>
        ))}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const ClientNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="client" />);
export const LoadBalancerNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="loadbalancer" />);
export const ServiceNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="service" />);
export const DatabaseNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="database" />);
export const CacheNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="cache" />);
export const QueueNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="queue" />);
export const DnsNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="dns" />);
export const ExternalNode = memo((p: NodeProps<TopoNode>) => <NodeCard {...p} kind="external" />);

export const nodeTypes = {
  client: ClientNode,
  loadbalancer: LoadBalancerNode,
  service: ServiceNode,
  database: DatabaseNode,
  cache: CacheNode,
  queue: QueueNode,
  dns: DnsNode,
  external: ExternalNode,
} satisfies Record<NodeKind, unknown> as NodeTypes;
