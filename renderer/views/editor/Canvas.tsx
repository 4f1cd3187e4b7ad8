/**
 * The editable topology: nodes from the document (their `position`, or dagre auto-layout when
 * missing), a palette to add nodes, edges drawn by dragging from a node's right handle to
 * another's left one, Delete to remove the selection, and an auto-layout button that writes
 * positions into the document. Drags are written once, on release, as one undo step.
 */
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
  type NodeTypes,
  type OnNodesChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useMemo, useState, type DragEvent } from 'react';
import { isNodeKind } from '../../../simulator/scenario/node-kinds';
import { NODE_KINDS, type NodeKind } from '../../../simulator/scenario/schema';
import { KIND_NAMES, KindIcon } from '../incident/topology/icons';
import { layoutTopology } from '../incident/topology/layout';
import {
  addEdge,
  addNode,
  autoLayout,
  compactLayout,
  deleteEdges,
  deleteNodes,
  isObject,
  nodesOf,
  setIn,
  type Doc,
} from './doc';
import { useEditorStore } from './editor-store';
import { KIND_TONES, subtitleOf } from './node-summary';

interface EdNodeData extends Record<string, unknown> {
  readonly label: string;
  readonly kind: NodeKind;
  readonly subtitle: string;
  readonly errors: number;
}
type EdNode = Node<EdNodeData>;

function EditorNodeImpl({ id, data, selected }: NodeProps<EdNode>) {
  return (
    <div
      className={`ed-node kind-${data.kind} tone-${KIND_TONES[data.kind]}${selected ? ' is-selected' : ''}${data.errors ? ' has-errors' : ''}`}
      data-testid={`ed-node-${id}`}
      title={`${data.label} (${KIND_NAMES[data.kind]})`}
    >
      <Handle type="target" position={Position.Left} className="ed-handle" />
      <div className="ed-node-head">
        <span className="ed-node-icon">
          <KindIcon kind={data.kind} />
        </span>
        <span className="ed-node-label">{data.label}</span>
        {data.errors > 0 && (
          <span className="ed-node-errors" title={`${data.errors} error(s)`}>
            {data.errors}
          </span>
        )}
      </div>
      <div className="ed-node-sub">
        <span className="ed-node-kind">{KIND_NAMES[data.kind]}</span> {data.subtitle}
      </div>
      <Handle type="source" position={Position.Right} className="ed-handle" />
    </div>
  );
}
const EditorNode = memo(EditorNodeImpl);

/** Defined once at module level, as xyflow requires. */
const nodeTypes: NodeTypes = { editor: EditorNode };

const DRAG_MIME = 'application/x-outage-lab-kind';

function errorCounts(byPath: ReadonlyMap<string, readonly string[]>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const [path, messages] of byPath) {
    const m = /^nodes\[(\d+)\]/.exec(path);
    if (m) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + messages.length);
  }
  return counts;
}

function CanvasInner() {
  const doc = useEditorStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const byPath = useEditorStore((s) => s.validation.byPath);
  const flow = useReactFlow();
  // Positions of nodes being dragged, written to the document on release.
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});

  const auto = useMemo(() => {
    if (!doc) return new Map<string, { x: number; y: number }>();
    const nodes = nodesOf(doc);
    if (nodes.length > 0 && nodes.every((n) => isObject(n.position)))
      return new Map<string, { x: number; y: number }>();
    return compactLayout(
      layoutTopology({
        nodes: nodes.map((n) => ({
          id: String(n.id ?? ''),
          kind: String(n.kind ?? 'service') as NodeKind,
        })),
        edges: (Array.isArray(doc.edges) ? doc.edges : [])
          .filter(isObject)
          .map((e) => ({ from: String(e.from ?? ''), to: String(e.to ?? '') })),
      }),
    );
  }, [doc]);

  const nodes: EdNode[] = useMemo(() => {
    if (!doc) return [];
    const counts = errorCounts(byPath);
    return nodesOf(doc).map((n, i) => {
      const id = String(n.id ?? '');
      const kind = isNodeKind(n.kind) ? n.kind : 'service';
      const pos = isObject(n.position)
        ? { x: Number(n.position.x) || 0, y: Number(n.position.y) || 0 }
        : (auto.get(id) ?? { x: 0, y: 0 });
      return {
        id,
        type: 'editor',
        position: dragging[id] ?? pos,
        selected: selection?.kind === 'node' && selection.id === id,
        data: {
          label: typeof n.label === 'string' && n.label ? n.label : id,
          kind,
          subtitle: subtitleOf(n),
          errors: counts.get(i) ?? 0,
        },
      };
    });
  }, [doc, auto, dragging, selection, byPath]);

  const edges: Edge[] = useMemo(() => {
    if (!doc || !Array.isArray(doc.edges)) return [];
    // queue -> consumer links, drawn for orientation; edited in the queue's "Consumers" field
    const consumers: Edge[] = nodesOf(doc).flatMap((n) =>
      n.kind === 'queue' && Array.isArray(n.consumers)
        ? n.consumers.map((c) => ({
            id: `consumer:${String(n.id)}->${String(c)}`,
            source: String(n.id),
            target: String(c),
            className: 'ed-edge is-consumer',
            selectable: false,
            deletable: false,
            focusable: false,
          }))
        : [],
    );
    const calls = doc.edges.flatMap((e, i) => {
      if (!isObject(e)) return [];
      const hasError = [...byPath.keys()].some((p) => p === `edges[${i}]` || p.startsWith(`edges[${i}].`));
      return [
        {
          id: `e${i}`,
          source: String(e.from ?? ''),
          target: String(e.to ?? ''),
          selected: selection?.kind === 'edge' && selection.index === i,
          className: `ed-edge${e.mode === 'async' ? ' is-async' : ''}${hasError ? ' has-errors' : ''}`,
          label: e.optional === true ? 'optional' : undefined,
          markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#6b7585' },
        },
      ];
    });
    return [...calls, ...consumers];
  }, [doc, selection, byPath]);

  const onNodesChange: OnNodesChange<EdNode> = useCallback((changes: NodeChange<EdNode>[]) => {
    const store = useEditorStore.getState();
    for (const c of changes) {
      if (c.type === 'position') {
        if (c.dragging && c.position) {
          const p = c.position;
          setDragging((d) => ({ ...d, [c.id]: p }));
        } else if (c.dragging === false) {
          setDragging((d) => {
            const p = d[c.id];
            if (p) {
              store.edit((doc) => {
                const index = nodesOf(doc).findIndex((n) => n.id === c.id);
                return index < 0
                  ? doc
                  : (setIn(doc, ['nodes', index, 'position'], {
                      x: Math.round(p.x),
                      y: Math.round(p.y),
                    }) as Doc);
              });
            }
            const next = { ...d };
            delete next[c.id];
            return next;
          });
        }
      } else if (c.type === 'select' && c.selected) {
        store.select({ kind: 'node', id: c.id });
      }
    }
  }, []);

  const onEdgeClick = useCallback((_: unknown, edge: Edge) => {
    if (!/^e\d+$/.test(edge.id)) return;
    useEditorStore.getState().select({ kind: 'edge', index: Number(edge.id.slice(1)) });
  }, []);
  const onPaneClick = useCallback(() => useEditorStore.getState().select(null), []);

  const onConnect = useCallback((c: Connection) => {
    useEditorStore.getState().edit((doc) => addEdge(doc, c.source, c.target));
  }, []);

  const onDelete = useCallback(({ nodes: ns, edges: es }: { nodes: Node[]; edges: Edge[] }) => {
    const store = useEditorStore.getState();
    store.edit((doc) =>
      deleteNodes(
        deleteEdges(
          doc,
          es.filter((e) => /^e\d+$/.test(e.id)).map((e) => Number(e.id.slice(1))),
        ),
        ns.map((n) => n.id),
      ),
    );
    store.select(null);
  }, []);

  const add = useCallback(
    (kind: NodeKind, at?: { x: number; y: number }) => {
      const store = useEditorStore.getState();
      let id = '';
      const position =
        at ??
        (() => {
          // next to the right-most node, or the middle of the view
          const ns = flow.getNodes();
          if (ns.length === 0) return { x: 40, y: 120 };
          const right = ns.reduce((a, b) => (b.position.x > a.position.x ? b : a));
          return { x: right.position.x + 260, y: right.position.y };
        })();
      store.edit((doc) => {
        const [next, newId] = addNode(doc, kind, position);
        id = newId;
        return next;
      });
      if (id) store.select({ kind: 'node', id });
    },
    [flow],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(DRAG_MIME);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      add(kind, { x: p.x - 100, y: p.y - 30 });
    },
    [flow, add],
  );

  const layout = () => {
    useEditorStore.getState().edit(autoLayout);
    requestAnimationFrame(() => void flow.fitView({ padding: 0.08, maxZoom: 1.1 }));
  };

  return (
    <div className="ed-canvas-wrap">
      <div className="ed-palette" role="toolbar" aria-label="Add a node">
        {NODE_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="ed-palette-item"
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_MIME, kind);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => add(kind)}
            title={`Add a ${KIND_NAMES[kind].toLowerCase()} (click, or drag onto the canvas)`}
            data-testid={`palette-${kind}`}
          >
            <KindIcon kind={kind} /> {KIND_NAMES[kind]}
          </button>
        ))}
        <span className="ed-palette-sep" />
        <button type="button" onClick={layout} title="Lay the topology out automatically">
          Auto-layout
        </button>
      </div>
      <div
        className="ed-canvas"
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(DRAG_MIME)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }
        }}
        onDrop={onDrop}
        data-testid="editor-canvas"
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgeClick={onEdgeClick}
          onPaneClick={onPaneClick}
          onConnect={onConnect}
          onDelete={onDelete}
          deleteKeyCode={['Delete', 'Backspace']}
          fitView
          fitViewOptions={{ padding: 0.25, maxZoom: 1.1 }}
          minZoom={0.2}
          maxZoom={2}
          colorMode="dark"
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} size={1} color="#232a35" />
          <Controls showInteractive={false} />
        </ReactFlow>
        {nodes.length === 0 && (
          <div className="ed-canvas-empty muted">
            Add nodes from the palette above, then drag from a node’s right handle to another node to connect
            them.
          </div>
        )}
      </div>
    </div>
  );
}

export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}
