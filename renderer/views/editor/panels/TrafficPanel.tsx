/** Traffic: the k6-style stages of every client node. */
import { KindIcon } from '../../incident/topology/icons';
import { isObject } from '../doc';
import { useEditorStore } from '../editor-store';
import { ListEditor } from './ListEditor';

export function StagesEditor({ nodeIndex }: { nodeIndex: number }) {
  return (
    <ListEditor
      path={['nodes', nodeIndex, 'stages']}
      columns={[
        { key: 'duration', label: 'Ramp over', type: 'duration', placeholder: '1m', required: true },
        { key: 'target', label: 'Target', type: 'number', unit: 'req/s', required: true },
      ]}
      newItem={() => ({ duration: '5m', target: 100 })}
      addLabel="Add stage"
      title={(i) => `Stage ${i + 1}`}
      testId={`stages-${nodeIndex}`}
    />
  );
}

export function TrafficPanel() {
  // "index:id" pairs of client nodes, joined into one string so the selector returns a primitive
  const clients = useEditorStore((s) =>
    (Array.isArray(s.doc?.nodes) ? s.doc.nodes : [])
      .map((n, i) => (isObject(n) && n.kind === 'client' ? `${i}:${String(n.id)}` : ''))
      .filter(Boolean)
      .join('\n'),
  );
  const list = clients ? clients.split('\n') : [];
  if (list.length === 0)
    return (
      <p className="muted">No client node yet: add a Client from the palette; it is the traffic source.</p>
    );
  return (
    <div>
      <p className="muted small">
        Each stage ramps linearly from the previous target (the first from the client’s start rate, or its own
        target when no start rate is set) to its target; the last target holds afterwards.
      </p>
      {list.map((entry) => {
        const [index, id] = [Number(entry.slice(0, entry.indexOf(':'))), entry.slice(entry.indexOf(':') + 1)];
        return (
          <section key={entry} className="ed-section">
            <h4 className="ed-subhead">
              <KindIcon kind="client" /> {id}
            </h4>
            <StagesEditor nodeIndex={index} />
          </section>
        );
      })}
    </div>
  );
}
