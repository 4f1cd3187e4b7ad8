/**
 * The fault timeline: every fault as a bar from `at` to `at + duration` (to the end when it has
 * no duration) on the scenario's time axis. Drag a bar to move it, drag its right edge to resize
 * it (5 s steps; one undo step per drag), or edit the fields below.
 */
import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { FAULT_CATALOG } from '../../../../simulator/engine/faults';
import { formatDuration, parseDuration } from '../../../../simulator/scenario/duration';
import { FAULT_TYPES, type FaultType } from '../../../../simulator/scenario/schema';
import { isObject, setIn, type Doc, type Json } from '../doc';
import { useEditorStore } from '../editor-store';
import { ListEditor } from './ListEditor';
import { ParamsField } from './ParamsField';

const SNAP = 5;

/** Node ids and "from->to" edge targets, newline-joined (a primitive for the selector). */
export function useTargets(): string[] {
  const joined = useEditorStore((s) => {
    const d = s.doc;
    if (!d) return '';
    const nodes = (Array.isArray(d.nodes) ? d.nodes : []).filter(isObject).map((n) => String(n.id));
    const edges = (Array.isArray(d.edges) ? d.edges : [])
      .filter(isObject)
      .map((e) => `${String(e.from)}->${String(e.to)}`);
    return [...nodes, ...edges].join('\n');
  });
  return joined ? joined.split('\n') : [];
}

const seconds = (v: Json | undefined): number | undefined =>
  typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : undefined;

function ticks(total: number): number[] {
  const steps = [60, 120, 300, 600, 900, 1800, 3600];
  const step = steps.find((s) => total / s <= 10) ?? 7200;
  const out: number[] = [];
  for (let t = 0; t <= total + 1e-9; t += step) out.push(t);
  return out;
}

function Timeline() {
  const doc = useEditorStore((s) => s.doc);
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ index: number; mode: 'move' | 'resize'; x0: number; at0: number; dur0: number }>(
    null,
  );
  if (!doc) return null;
  const total = seconds(doc.duration) || 1800;
  const faults = Array.isArray(doc.faults) ? doc.faults : [];
  const pct = (t: number) => `${Math.max(0, Math.min(100, (t / total) * 100))}%`;

  const onDown = (e: ReactPointerEvent, index: number, mode: 'move' | 'resize') => {
    const f = faults[index];
    if (!isObject(f)) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    drag.current = { index, mode, x0: e.clientX, at0: seconds(f.at) ?? 0, dur0: seconds(f.duration) ?? -1 };
  };
  const onMove = (e: ReactPointerEvent) => {
    const d = drag.current;
    const width = ref.current?.getBoundingClientRect().width ?? 0;
    if (!d || width <= 0) return;
    const delta = Math.round((((e.clientX - d.x0) / width) * total) / SNAP) * SNAP;
    const store = useEditorStore.getState();
    if (d.mode === 'move') {
      const at = Math.max(0, Math.min(total - SNAP, d.at0 + delta));
      store.edit(
        (doc) => setIn(doc, ['faults', d.index, 'at'], formatDuration(at)) as Doc,
        `drag:${d.index}`,
      );
    } else {
      const base = d.dur0 < 0 ? total - d.at0 : d.dur0;
      const dur = Math.max(SNAP, Math.min(total - d.at0, base + delta));
      store.edit(
        (doc) => setIn(doc, ['faults', d.index, 'duration'], formatDuration(dur)) as Doc,
        `drag:${d.index}`,
      );
    }
  };
  const onUp = () => {
    drag.current = null;
  };

  return (
    <div className="ed-timeline" data-testid="fault-timeline">
      <div className="ed-timeline-track" ref={ref} onPointerMove={onMove} onPointerUp={onUp}>
        {ticks(total).map((t) => (
          <div key={t} className="ed-tick" style={{ left: pct(t) }}>
            <span>{formatDuration(t)}</span>
          </div>
        ))}
        {faults.map((f, i) => {
          if (!isObject(f)) return null;
          const at = seconds(f.at) ?? 0;
          const dur = seconds(f.duration);
          const end = dur === undefined ? total : at + dur;
          return (
            <div
              key={i}
              className={`ed-bar${dur === undefined ? ' is-open' : ''}`}
              style={{ left: pct(at), width: pct(end - at), top: 24 + i * 26 }}
              title={`${String(f.type)} on ${String(f.target)}: ${formatDuration(at)} → ${
                dur === undefined ? 'until fixed' : formatDuration(end)
              }`}
              onPointerDown={(e) => onDown(e, i, 'move')}
              data-testid={`fault-bar-${i}`}
            >
              <span className="ed-bar-label">
                {String(f.type)} · {String(f.target)}
              </span>
              <span
                className="ed-bar-resize"
                onPointerDown={(e) => onDown(e, i, 'resize')}
                title="Drag to change the duration"
              />
            </div>
          );
        })}
        <div style={{ height: 30 + faults.length * 26 }} />
      </div>
    </div>
  );
}

export function FaultsPanel() {
  const targets = useTargets();
  const types = useEditorStore((s) =>
    (Array.isArray(s.doc?.faults) ? s.doc.faults : [])
      .map((f) => (isObject(f) ? String(f.type) : ''))
      .join('\n'),
  ).split('\n');
  return (
    <div>
      <p className="muted small">
        Faults are hidden from the trainee until the debrief. Drag a bar to move it, its right edge to resize
        it; a fault without a duration lasts until an action clears it (hatched).
      </p>
      <Timeline />
      <ListEditor
        path={['faults']}
        testId="faults"
        addLabel="Add fault"
        empty="No faults yet."
        newItem={() => ({ at: '5m', target: targets[0] ?? '', type: 'latency', params: {} })}
        title={(i) => `Fault ${i + 1}`}
        columns={[
          { key: 'id', label: 'Name', type: 'string', placeholder: 'optional' },
          { key: 'type', label: 'Type', type: 'enum', options: FAULT_TYPES, required: true },
          { key: 'target', label: 'Target', type: 'enum', options: targets, required: true },
          { key: 'at', label: 'At', type: 'duration', placeholder: 'e.g. 4m', required: true },
          { key: 'duration', label: 'Duration', type: 'duration', placeholder: 'until cleared' },
          { key: 'note', label: 'Note (debrief)', type: 'text', wide: true, rows: 2 },
        ]}
        extra={(i) => {
          const doc = FAULT_CATALOG[types[i] as FaultType];
          return (
            <>
              {doc && (
                <p className="muted small">
                  {doc.summary} Applies to: {doc.appliesTo.join(', ')}.
                </p>
              )}
              <ParamsField path={['faults', i, 'params']} docs={doc?.params} testId={`faults-${i}-params`} />
            </>
          );
        }}
      />
    </div>
  );
}
