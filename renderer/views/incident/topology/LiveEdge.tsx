/**
 * The topology's edge: a bezier with a live label (calls/s and error ratio), red and animated
 * while failing (a sync call stays solid and pulses), dashed for async enqueues and queue
 * consumption, dotted for DNS lookups.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { TopoEdge } from './flow';
import { useEdgeLive } from './live';
import { routedPath } from './edge-route';

function LiveEdgeImpl(props: EdgeProps<TopoEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd } = props;
  const mode = data?.mode ?? 'sync';
  const live = useEdgeLive(data?.from ?? '', data?.to ?? '', mode);
  // A routed edge goes through its waypoints (around the columns it crosses); others curve directly.
  const route = data?.route;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route?.length) {
    ({ path, labelX, labelY } = routedPath([
      { x: sourceX, y: sourceY },
      ...route,
      { x: targetX, y: targetY },
    ]));
  } else {
    [path, labelX, labelY] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
  }
  const failing = live.health === 'crit';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`topo-edge mode-${mode} health-${live.health}${failing ? ' is-failing' : ''}`}
      />
      {live.label && (
        <EdgeLabelRenderer>
          <div
            className={`topo-edge-label nodrag nopan health-${live.health}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {live.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LiveEdge = memo(LiveEdgeImpl);
export const edgeTypes = { live: LiveEdge } as EdgeTypes;
