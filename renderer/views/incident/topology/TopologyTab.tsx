/**
 * The system as a live graph: one card per node (kind icon, 2-3 live numbers, health colour),
 * edges labelled with calls/s and error ratio, laid out left to right once per scenario.
 * Selecting a node opens its side panel (NodePanel).
 */
import {
  Background,
  Controls,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Node,
  type OnSelectionChangeFunc,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { buildFlow } from './flow';
import { edgeTypes } from './LiveEdge';
import { NodePanel } from './NodePanel';
import { nodeTypes } from './nodes';
import './topology.css';

const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.5 };
const PRO_OPTIONS = { hideAttribution: false };

export function TopologyTab() {
  const scenario = useIncidentStore((s) => s.scenario);
  const selected = useConsoleUi((s) => s.selectedNode);
  const selectNode = useConsoleUi((s) => s.selectNode);
  const flow = useMemo(() => (scenario ? buildFlow(scenario) : undefined), [scenario]);

  const onNodeClick = useCallback((_: unknown, node: Node) => selectNode(node.id), [selectNode]);
  const onPaneClick = useCallback(() => selectNode(undefined), [selectNode]);
  // Keyboard selection (Tab to a node, Enter) goes through xyflow's selection.
  const onSelectionChange = useCallback<OnSelectionChangeFunc>(
    ({ nodes }) => {
      const only = nodes.length === 1 ? nodes[0] : undefined;
      if (only && useConsoleUi.getState().selectedNode !== only.id) selectNode(only.id);
    },
    [selectNode],
  );

  if (!scenario || !flow) {
    return <div className="topo-empty muted">No incident is running.</div>;
  }
  const panelNode = selected && scenario.nodes.some((n) => n.id === selected) ? selected : undefined;
  return (
    <div className="topo" data-testid="topology-tab">
      <div className="topo-canvas">
        <ReactFlow
          key={scenario.id}
          defaultNodes={flow.nodes}
          defaultEdges={flow.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode="dark"
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={0.15}
          maxZoom={2}
          nodesConnectable={false}
          edgesFocusable={false}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          onSelectionChange={onSelectionChange}
          proOptions={PRO_OPTIONS}
        >
          <RefitOnResize />
          <Background gap={24} size={1} color="#232a35" />
          <Controls showInteractive={false} position="bottom-left" />
          <Panel position="top-left" className="topo-legend">
            <span className="legend-item">
              <i className="legend-dot health-ok" /> ok
            </span>
            <span className="legend-item">
              <i className="legend-dot health-warn" /> degraded
            </span>
            <span className="legend-item">
              <i className="legend-dot health-crit" /> critical
            </span>
            <span className="legend-item">
              <i className="legend-line" /> sync call
            </span>
            <span className="legend-item">
              <i className="legend-line dashed" /> async / queue
            </span>
            <span className="legend-item">
              <i className="legend-line dotted" /> DNS lookup
            </span>
          </Panel>
        </ReactFlow>
      </div>
      {panelNode && <NodePanel nodeId={panelNode} onClose={() => selectNode(undefined)} />}
    </div>
  );
}

/** Refits the graph when the canvas changes width (the side panel opens or closes, the window resizes). */
function RefitOnResize() {
  const width = useStore((s) => s.width);
  const { fitView } = useReactFlow();
  const last = useRef(width);
  useEffect(() => {
    if (last.current === width) return;
    const first = last.current === 0;
    last.current = width;
    if (!first) void fitView({ ...FIT_VIEW_OPTIONS, duration: 200 });
  }, [width, fitView]);
  return null;
}
