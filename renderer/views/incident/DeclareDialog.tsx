/** Declare the root cause (node + category). A wrong declaration is recorded, not blocked. */
import { useState } from 'react';
import { useConsoleUi } from '../../stores/console-ui-store';
import { useIncidentStore } from '../../stores/incident-store';

export function DeclareDialog() {
  const open = useConsoleUi((s) => s.declareOpen);
  const setOpen = useConsoleUi((s) => s.setDeclareOpen);
  const scenario = useIncidentStore((s) => s.scenario);
  const declare = useIncidentStore((s) => s.declare);
  const declared = useIncidentStore((s) => s.events.filter((e) => e.kind === 'declare').length);
  const [node, setNode] = useState('');
  const [category, setCategory] = useState('');
  if (!open || !scenario) return null;
  return (
    <div className="modal-backdrop" onMouseDown={() => setOpen(false)}>
      <form
        className="dialog"
        role="dialog"
        aria-label="Declare root cause"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (!node || !category) return;
          declare(node, category);
          setOpen(false);
        }}
      >
        <h2>Declare root cause</h2>
        <p className="muted small">
          Which component is at fault, and what kind of failure is it? You can declare again; every
          declaration is recorded for the debrief{declared ? ` (${declared} so far)` : ''}.
        </p>
        <label>
          Component
          <select value={node} onChange={(e) => setNode(e.target.value)} required>
            <option value="">Choose…</option>
            {scenario.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id} ({n.kind})
              </option>
            ))}
          </select>
        </label>
        <label>
          Failure
          <select value={category} onChange={(e) => setCategory(e.target.value)} required>
            <option value="">Choose…</option>
            {scenario.rootCause.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-foot">
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!node || !category}>
            Declare
          </button>
        </div>
      </form>
    </div>
  );
}
